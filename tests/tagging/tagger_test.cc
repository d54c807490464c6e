#include <doctest/doctest.h>

#include <thread>

#include "error.h"
#include "tagging/tagger.h"

using namespace koe::tagging;

namespace {

Taxonomy taxonomy_of(std::string_view csv) {
  return parse_taxonomy(csv, "taxonomy.csv", TaxonomyFormat::csv);
}

const char* kTaxonomy =
    "tag,pattern,kind,exclude,owner\n"
    "product/app,app,,,mobile\n"
    "stability/crash,crash*,,,mobile\n"
    "delivery/late,slow,,,logistics\n"
    "delivery/late,遅,,,logistics\n"
    "delivery/missing,never arrived,phrase,,logistics\n"
    "delivery/missing,届かない,,,logistics\n"
    "billing/refund,refund,,refund policy,finance\n"
    "billing/charge,double[ -]?charged,regex,,finance\n"
    "billing,billing,,,finance\n"
    "login,ログイン,,,identity\n"
    "product/problem,問題,,,product\n";

std::vector<std::string> tags_of(Tagger& tagger, std::string_view comment) {
  TagResult result;
  tagger.tag(comment, result);
  return {result.tags.begin(), result.tags.end()};
}

using Tags = std::vector<std::string>;

}  // namespace

TEST_CASE("every engine gives the same tags") {
  auto taxonomy = taxonomy_of(kTaxonomy);
  std::vector<Engine> engines{Engine::re2};
  if (hyperscan_available()) engines.push_back(Engine::hyperscan);
  for (auto engine : engines) {
    Tagger tagger(taxonomy, NegationSettings::defaults(), engine);
    INFO("engine ", tagger.engine());
    SUBCASE("Latin keywords match whole words only") {
      CHECK(tags_of(tagger, "The APP is great") == Tags{"product/app"});
      CHECK(tags_of(tagger, "happy with it, apps too").empty());
      CHECK(tags_of(tagger, "appが落ちる") == Tags{"product/app"});  // Japanese around it
      CHECK(tags_of(tagger, "ＡＰＰ") == Tags{"product/app"});  // full-width folds
    }
    SUBCASE("prefix rules") {
      CHECK(tags_of(tagger, "It crashes daily") == Tags{"stability/crash"});
      CHECK(tags_of(tagger, "crashed") == Tags{"stability/crash"});
      CHECK(tags_of(tagger, "a car-crash").size() == 1);
      CHECK(tags_of(tagger, "uncrashable").empty());
    }
    SUBCASE("Japanese matches as substrings, half-width katakana folded") {
      CHECK(tags_of(tagger, "配送が遅すぎる") == Tags{"delivery/late"});
      CHECK(tags_of(tagger, "ﾛｸﾞｲﾝできません") == Tags{"login"});
      CHECK(tags_of(tagger, "荷物が届かない") == Tags{"delivery/missing"});
    }
    SUBCASE("negation cancels a keyword, unless the pattern says it") {
      CHECK(tags_of(tagger, "Delivery was not slow at all").empty());
      CHECK(tags_of(tagger, "No problem with billing").empty());
      CHECK(tags_of(tagger, "it didn't crash once").empty());
      CHECK(tags_of(tagger, "I can't log in to the app") == Tags{"product/app"});  // modal: kept
      CHECK(tags_of(tagger, "問題ありません、ログインできます") == Tags{"login"});
      CHECK(tags_of(tagger, "Not fast, but slow") == Tags{"delivery/late"});  // "but" ends it
      CHECK(tags_of(tagger, "not great. slow") == Tags{"delivery/late"});  // so does a full stop
      CHECK(tags_of(tagger, "配送は遅くない").empty());
      CHECK(tags_of(tagger, "It never arrived") == Tags{"delivery/missing"});
      CHECK(tags_of(tagger, "slow, never slow") == Tags{"delivery/late"});  // one occurrence is enough
    }
    SUBCASE("exclusions cancel the rule in that comment") {
      CHECK(tags_of(tagger, "waiting for a refund") == Tags{"billing/refund"});
      CHECK(tags_of(tagger, "read the refund policy, still want a refund").empty());
    }
    SUBCASE("regular expressions, case-insensitive, several tags at once") {
      CHECK(tags_of(tagger, "I was DOUBLE-CHARGED by billing") == Tags{"billing/charge", "billing"});
      CHECK(tags_of(tagger, "double charged, app crashed, slow") ==
            Tags{"product/app", "stability/crash", "delivery/late", "billing/charge"});
    }
    SUBCASE("empty, huge and invalid comments") {
      TagResult result;
      tagger.tag("   ", result);
      CHECK(result.empty);
      CHECK(result.tags.empty());
      std::string huge(5 << 20, 'x');
      huge += " slow";
      CHECK(tags_of(tagger, huge) == Tags{"delivery/late"});
      tagger.tag("app \x93\x8c slow", result);
      CHECK(result.invalid_utf8);
      CHECK(result.tags.size() == 2);
    }
  }
}

TEST_CASE("owners come with the tags, once each") {
  auto taxonomy = taxonomy_of(kTaxonomy);
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::automatic);
  TagResult result;
  tagger.tag("slow and it never arrived, refund please", result);
  CHECK(std::vector<std::string>(result.owners.begin(), result.owners.end()) ==
        std::vector<std::string>{"logistics", "finance"});
}

TEST_CASE("negation can be turned off or reworded") {
  auto taxonomy = taxonomy_of(kTaxonomy);
  auto settings = NegationSettings::defaults();
  settings.enabled = false;
  Tagger off(taxonomy, settings, Engine::re2);
  CHECK(tags_of(off, "not slow") == Tags{"delivery/late"});
  settings = NegationSettings::defaults();
  settings.words = {"nie"};
  Tagger custom(taxonomy, settings, Engine::re2);
  CHECK(tags_of(custom, "nie slow").empty());
  CHECK(tags_of(custom, "not slow") == Tags{"delivery/late"});
}

TEST_CASE("a rule can opt out of negation") {
  auto taxonomy = taxonomy_of("tag,pattern,negation\nbilling/refund,refund,no\nlate,slow,yes\n");
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::re2);
  CHECK(tags_of(tagger, "no refund yet, not slow") == Tags{"billing/refund"});
}

TEST_CASE("taxonomy errors name the file and line") {
  auto message = [](std::string_view csv) -> std::string {
    try {
      taxonomy_of(csv);
    } catch (const koe::Error& error) {
      CHECK(error.code() == koe::Exit::usage);
      return error.what();
    }
    return "";
  };
  CHECK(message("tag,pattern,kind\na,(unclosed,regex\n").find("line 2: invalid regular expression") !=
        std::string::npos);
  CHECK(message("tag,pattern,kind\na,x,fuzzy\n").find("line 2: unknown kind \"fuzzy\"") !=
        std::string::npos);
  CHECK(message("tag,pattern\n,x\n").find("line 2: the tag is empty") != std::string::npos);
  CHECK(message("tag,pattern\na,\n").find("line 2: the pattern is empty") != std::string::npos);
  CHECK(message("tag,pattern\na//b,x\n").find("empty level") != std::string::npos);
  CHECK(message("name,pattern\na,x\n").find("no \"tag\" column") != std::string::npos);
  CHECK(message("tag,pattern\n# a comment,x\n").find("no rules") != std::string::npos);
  CHECK(message("tag,pattern,negation\na,x,maybe\n").find("line 2: negation must be yes or no") !=
        std::string::npos);
}

TEST_CASE("JSON taxonomies and hierarchy helpers") {
  auto taxonomy = parse_taxonomy(
      R"json({"rules": [{"tag": "billing/refund", "pattern": "refund*", "owner": "finance"},
                    {"tag": "ux", "pattern": "confus(ing|ed)", "kind": "regex"}]})json",
      "taxonomy.json", TaxonomyFormat::json);
  REQUIRE(taxonomy.rules.size() == 2);
  CHECK(taxonomy.rules[0].kind == PatternKind::prefix);
  CHECK(taxonomy.rules[0].pattern == "refund");
  CHECK(taxonomy.rules[1].kind == PatternKind::regex);
  CHECK(taxonomy.tags == std::vector<std::string>{"billing/refund", "ux"});
  CHECK(parent_tags("a/b/c") == std::vector<std::string>{"a", "a/b"});
  CHECK(parent_tags("a").empty());
}

TEST_CASE("Japanese negation after a few kana, but not negated ability") {
  auto taxonomy = taxonomy_of("tag,pattern\nlate,遅\ncrash,落ちる\nlogin,ログイン\n");
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::re2);
  CHECK(tags_of(tagger, "遅くはない").empty());
  CHECK(tags_of(tagger, "遅すぎない").empty());
  CHECK(tags_of(tagger, "アプリが落ちることもない。").empty());
  CHECK(tags_of(tagger, "ログインできない") == Tags{"login"});
  CHECK(tags_of(tagger, "遅いし届かない") == Tags{"late"});  // the negation is another verb's
}

TEST_CASE("a trailing * makes any literal a prefix, exclusions included") {
  auto taxonomy = taxonomy_of(
      "tag,pattern,kind,exclude\n"
      "crash,keeps crash*,phrase,\n"
      "refund,refund,keyword,refund polic*\n");
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::re2);
  CHECK(tags_of(tagger, "it keeps crashing") == Tags{"crash"});
  CHECK(tags_of(tagger, "refund please") == Tags{"refund"});
  CHECK(tags_of(tagger, "refund policies are unclear, refund please").empty());
}

TEST_CASE("custom negation words are read as the text is: case, apostrophes") {
  auto taxonomy = taxonomy_of(kTaxonomy);
  auto settings = NegationSettings::defaults();
  settings.words = {"NOT", "didn't"};
  Tagger tagger(taxonomy, settings, Engine::re2);
  CHECK(tags_of(tagger, "not slow").empty());
  CHECK(tags_of(tagger, "it didn’t crash").empty());
  CHECK(tags_of(tagger, "no slow") == Tags{"delivery/late"});
}

TEST_CASE("spreadsheet habits: blank lines, header case and spaces, empty-matching regexes") {
  auto taxonomy = taxonomy_of("Tag , Pattern,OWNER\r\n\r\nlate,slow,logistics\r\n\r\n");
  REQUIRE(taxonomy.rules.size() == 1);
  CHECK(taxonomy.rules[0].line == 3);
  CHECK(taxonomy.rules[0].owner == "logistics");
  try {
    taxonomy_of("tag,pattern,kind\nx,a*,regex\n");
    FAIL("expected an error");
  } catch (const koe::Error& error) {
    CHECK(std::string(error.what()).find("line 2: the regular expression \"a*\" can match empty text") !=
          std::string::npos);
  }
}

TEST_CASE("regexes that match no characters are refused, as patterns and as excludes") {
  for (std::string_view csv : {"tag,pattern,kind\nx,\\b,regex\n", "tag,pattern,kind,exclude\nx,y,regex,z?\n"}) {
    try {
      taxonomy_of(csv);
      FAIL("expected an error: ", csv);
    } catch (const koe::Error& error) {
      CHECK(std::string(error.what()).find("can match empty text") != std::string::npos);
    }
  }
  auto taxonomy = taxonomy_of("tag,pattern\ncrash,落ちる\n");
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::re2);
  CHECK(tags_of(tagger, "アプリが落ちるかもしれない") == Tags{"crash"});  // a guess, not a negation
}

TEST_CASE("copies of a tagger share its patterns and tag alike on threads of their own") {
  auto taxonomy = taxonomy_of(kTaxonomy);
  const std::vector<std::string> comments{
      "The APP crashes", "not slow at all", "荷物が届かない", "double-charged, refund please",
      "ﾛｸﾞｲﾝできません", "nothing to see", "billing was slow"};
  std::vector<Engine> engines{Engine::re2};
  if (hyperscan_available()) engines.push_back(Engine::hyperscan);
  for (auto engine : engines) {
    Tagger tagger(taxonomy, NegationSettings::defaults(), engine);
    INFO("engine ", tagger.engine());
    std::vector<Tags> expected;
    for (const auto& comment : comments) expected.push_back(tags_of(tagger, comment));
    std::vector<Tagger> copies(3, tagger);
    std::vector<int> mismatches(copies.size(), 0);
    {
      std::vector<std::jthread> threads;
      for (std::size_t t = 0; t < copies.size(); ++t)
        threads.emplace_back([&, t] {
          for (int round = 0; round < 200; ++round)
            for (std::size_t c = 0; c < comments.size(); ++c)
              if (tags_of(copies[t], comments[c]) != expected[c]) ++mismatches[t];
        });
    }
    for (int count : mismatches) CHECK(count == 0);
    CHECK(copies[0].engine() == tagger.engine());
  }
}

TEST_CASE("regexes Hyperscan refuses are matched by RE2 beside the rest") {
  // (?U) (RE2's ungreedy flag) is outside Hyperscan's syntax: the compiler
  // names the expression, which leaves the database and is matched by RE2.
  auto taxonomy = taxonomy_of(
      "tag,pattern,kind\n"
      "delivery/late,slow,keyword\n"
      "billing/charge,(?U)double-?charg,regex\n"
      "billing/refund,refund (of|for) \\d+,regex\n"
      "stability,(?U)cra+sh,regex\n");
  std::vector<Engine> engines{Engine::re2};
  if (hyperscan_available()) engines.push_back(Engine::hyperscan);
  for (auto engine : engines) {
    Tagger tagger(taxonomy, NegationSettings::defaults(), engine);
    INFO("engine ", tagger.engine());
    CHECK(tags_of(tagger, "slow and double-charged") == Tags{"delivery/late", "billing/charge"});
    CHECK(tags_of(tagger, "a refund of 20 after the craash") ==
          Tags{"billing/refund", "stability"});
    CHECK(tags_of(tagger, "nothing here").empty());
    Tagger copy(tagger);
    CHECK(tags_of(copy, "craash, double-charge") == Tags{"billing/charge", "stability"});
  }
}

TEST_CASE("comments tagged many at once get the tags they get one by one") {
  // tag_many scans the comments joined by line feeds: a regex may match
  // across two of them ([^!]* takes the line feed), anchors must hold at
  // each comment's edges, and short regexes are scanned comment by comment.
  auto taxonomy = taxonomy_of(
      "tag,pattern,kind,exclude,owner\n"
      "delivery/late,slow,keyword,,logistics\n"
      "delivery/late,遅,keyword,,logistics\n"
      "billing/refund,refund,keyword,refund policy,finance\n"
      "billing/refund,^money back,regex,,finance\n"
      "app/crash,crash(es|ed)?$,regex,,mobile\n"
      "span,slow[^!]*refund,regex,,\n"
      "start,\\Astart here,regex,,\n"
      "digit,\\d,regex,,\n"
      "login,ログイン,keyword,,identity\n");
  const std::vector<std::string_view> comments = {
      "slow", "refund please", "", "   ", "Money back now", "give my money back",
      "it crashes", "crashes every day", "start here", "please start here", "3 days",
      "slow delivery and a refund", "not slow", "配送が遅い", "配送は遅くない", "ログイン",
      "read the refund policy, still want a refund", "bad \xff byte, slow", "ＳＬＯＷ",
      "refund", "slow!", "crash"};
  std::vector<Engine> engines{Engine::re2};
  if (hyperscan_available()) engines.push_back(Engine::hyperscan);
  for (auto engine : engines) {
    Tagger one(taxonomy, NegationSettings::defaults(), engine);
    Tagger many(taxonomy, NegationSettings::defaults(), engine);
    INFO("engine ", one.engine());
    // Twice, so the second call reuses the first one's buffers.
    for (int round = 0; round < 2; ++round) {
      REQUIRE(many.tag_many(comments) == comments.size());
      for (std::size_t i = 0; i < comments.size(); ++i) {
        CAPTURE(comments[i]);
        TagResult expected;
        one.tag(comments[i], expected);
        const auto& got = many.result(i);
        CHECK(got.rules == expected.rules);
        CHECK(got.tags == expected.tags);
        CHECK(got.owners == expected.owners);
        CHECK(got.invalid_utf8 == expected.invalid_utf8);
        CHECK(got.empty == expected.empty);
        CHECK(many.normalized(i) == one.normalized());
      }
    }
    // The answers themselves, so both ways cannot be wrong together.
    CHECK(many.result(1).tags == std::vector<std::string_view>{"billing/refund"});
    CHECK(many.result(4).tags == std::vector<std::string_view>{"billing/refund"});
    CHECK(many.result(5).tags.empty());
    CHECK(many.result(6).tags == std::vector<std::string_view>{"app/crash"});
    CHECK(many.result(7).tags.empty());
    CHECK(many.result(8).tags == std::vector<std::string_view>{"start"});
    CHECK(many.result(9).tags.empty());
    CHECK(many.result(10).tags == std::vector<std::string_view>{"digit"});
    CHECK(many.result(11).tags == std::vector<std::string_view>{"delivery/late", "billing/refund", "span"});
    CHECK(many.result(19).tags == std::vector<std::string_view>{"billing/refund"});
    CHECK(many.result(2).empty);
    CHECK(many.result(17).invalid_utf8);
  }
}

TEST_CASE("tag_many takes at most kManyAtOnce comments a call") {
  auto taxonomy = taxonomy_of(kTaxonomy);
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::automatic);
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < Tagger::kManyAtOnce + 5; ++i)
    texts.push_back(i % 2 ? "slow app " + std::to_string(i) : "fine " + std::to_string(i));
  std::vector<std::string_view> comments(texts.begin(), texts.end());
  CHECK(tagger.tag_many(comments) == Tagger::kManyAtOnce);
  CHECK(tagger.result(1).tags == std::vector<std::string_view>{"product/app", "delivery/late"});
  CHECK(tagger.normalized(2) == "fine 2");
  const auto rest = std::span(comments).subspan(Tagger::kManyAtOnce);
  CHECK(tagger.tag_many(rest) == 5);
  CHECK(tagger.normalized(0) == "fine " + std::to_string(Tagger::kManyAtOnce));
  CHECK(tagger.result(1).tags.size() == 2);
}
