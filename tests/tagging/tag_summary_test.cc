#include <doctest/doctest.h>
#include <simdjson.h>

#include "output/report.h"
#include "support/read_all.h"
#include "tagging/tag_summary.h"

using namespace koe;
using namespace koe::tagging;
using doctest::Approx;

namespace {

// tests/data/feedback.csv through tests/data/taxonomy.csv, summarised with
// NPS; the JSON document, parsed.
simdjson::dom::element summarise(simdjson::dom::parser& parser, std::string& json) {
  auto taxonomy = load_taxonomy(KOE_TEST_DATA "/taxonomy.csv");
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::automatic);
  TagSummaryOptions options;
  options.score = ScoreKind::nps;
  options.low_base = 1;
  TagSummary summary(taxonomy, options);
  auto rows = koe::testing::read_path(KOE_TEST_DATA "/feedback.csv");
  ScaleParser parser_0_10(0, 10);
  TagResult result;
  for (const auto& row : rows.rows) {
    tagger.tag(row[3], result);
    summary.add({}, true, result, tagger.normalized(), parser_0_10.parse(row[2]));
  }
  json = output::render(summary.report({{}, "comment", "score", "test"}), output::OutputFormat::json);
  return parser.parse(json).value();
}

simdjson::dom::element tag_row(simdjson::dom::element document, std::string_view tag) {
  simdjson::dom::array groups = document["groups"];
  for (auto row : groups)
    if (std::string_view(row["tag"]) == tag) return row;
  FAIL("no row for tag ", tag);
  return {};
}

}  // namespace

// Worked by hand (and checked with SciPy and statsmodels): nine commented
// rows, eight with a valid score: promoters 2 (rows 1, 2), passive 1 (6),
// detractors 5 (3, 4, 5, 7, 10); NPS -37.5. Row 6 says "Not slow", so it is
// not tagged; row 8 is tagged but has no score.
TEST_CASE("summary statistics against hand-worked values") {
  simdjson::dom::parser parser;
  std::string json;
  auto document = summarise(parser, json);
  INFO(json);
  CHECK(uint64_t(document["commented"]) == 9);
  CHECK(uint64_t(document["tagged"]) == 6);  // rows 2, 3, 4, 5, 7, 8
  CHECK(uint64_t(document["untagged"]) == 3);

  // app/crash: rows 2 (P), 3 (D), 8 (no score). With: NPS 0, SE 100 sqrt(1/2).
  // Without: P 1, D 4 of 6: NPS -50. Impact (-50 - 0) * 2 / 8.
  auto crash = tag_row(document, "app/crash");
  CHECK(uint64_t(crash["count"]) == 3);
  CHECK(double(crash["pct_comments"]) == Approx(100.0 / 3));
  CHECK(double(crash["pct_detractors"]) == Approx(20.0));
  CHECK(double(crash["pct_promoters"]) == Approx(50.0));
  CHECK(double(crash["metric_with"]) == Approx(0.0));
  CHECK(double(crash["metric_without"]) == Approx(-50.0));
  CHECK(double(crash["se"]) == Approx(77.28015412913086).epsilon(1e-12));
  CHECK(double(crash["p"]) == Approx(0.5176341185833455).epsilon(1e-12));
  CHECK(double(crash["impact"]) == Approx(-12.5));
  CHECK(std::string_view(crash["owner"]) == "mobile");
  CHECK(int64_t(crash["level"]) == 2);

  // delivery/late: rows 5 and 7, both detractors (配送が遅い: no negation).
  auto late = tag_row(document, "delivery/late");
  CHECK(uint64_t(late["count"]) == 2);
  CHECK(double(late["metric_with"]) == Approx(-100.0));
  CHECK(double(late["metric_without"]) == Approx(-16.666666666666668));
  CHECK(double(late["p"]) == Approx(0.022948307822874665).epsilon(1e-12));
  CHECK(double(late["impact"]) == Approx(20.833333333333332));
  // Holm over six tests (three tags and their parents): 6 x 0.0229...
  CHECK(double(late["p_adjusted"]) == Approx(0.137689846937248).epsilon(1e-12));
  CHECK_FALSE(bool(late["significant"]));

  auto billing = tag_row(document, "billing");  // the parent of billing/refund
  CHECK(uint64_t(billing["count"]) == 1);
  CHECK(double(billing["p"]) == Approx(0.031873960976777).epsilon(1e-12));
  CHECK(double(billing["p_adjusted"]) == Approx(0.137689846937248).epsilon(1e-12));
  CHECK(double(tag_row(document, "app")["p_adjusted"]) == Approx(1.0));

  // Sorted by impact: delivery first, app last.
  CHECK(std::string_view(document["groups"].at(0)["tag"]).starts_with("delivery"));
  CHECK(std::string_view(document["groups"].at(5)["tag"]).starts_with("app"));

  // The overall row: any tag (six rows, five of them scored) against the rest.
  CHECK(uint64_t(document["overall"]["count"]) == 6);
  CHECK(double(document["overall"]["metric_with"]) == Approx(-60.0));  // P 1, D 4 of 5
  CHECK(double(document["overall"]["metric_without"]) == Approx(0.0));  // rows 1, 6, 10
  CHECK(document["overall"]["tag"].is_null());

  // Rule hits: the Japanese refund rule never fired.
  simdjson::dom::array hits = document["rule_hits"];
  CHECK(uint64_t(hits.at(0)["hits"]) == 2);
  CHECK(uint64_t(hits.at(5)["hits"]) == 0);
}

TEST_CASE("untagged terms: words, word pairs, Japanese words, once per comment") {
  TermCounter counter;
  counter.add("the parcel tracking page is broken. parcel tracking");
  counter.add("parcel tracking again");
  counter.add("請求書のダウンロードができない");
  auto top = counter.top(4);
  REQUIRE(top.size() == 4);
  CHECK(top[0].text == "parcel");
  CHECK(top[0].comments == 2);
  CHECK(top[1].text == "parcel tracking");
  CHECK(top[2].text == "tracking");
  CHECK(counter.exact());
  std::vector<std::string> all;
  for (const auto& term : counter.top(100)) all.push_back(term.text);
  CHECK(std::find(all.begin(), all.end(), "the") == all.end());  // a stopword
  if (counter.japanese_method() == "mecab") {
    CHECK(std::find(all.begin(), all.end(), "請求書") != all.end());
    CHECK(std::find(all.begin(), all.end(), "ダウンロード") != all.end());
  } else {
    CHECK(std::find(all.begin(), all.end(), "請求") != all.end());
  }
}

TEST_CASE("the term summary stays bounded and keeps the heavy hitters") {
  TermCounter counter(50);
  for (int i = 0; i < 2000; ++i) {
    counter.add("refund");
    counter.add("word" + std::to_string(i));
  }
  CHECK_FALSE(counter.exact());
  auto top = counter.top(1);
  REQUIRE(top.size() == 1);
  CHECK(top[0].text == "refund");
  CHECK(top[0].comments <= 2000);
  CHECK(top[0].comments >= 2000 - 2000 / 50 - 40);
}

TEST_CASE("untagged terms can be counted on the first comments only, and say so") {
  auto taxonomy = load_taxonomy(KOE_TEST_DATA "/taxonomy.csv");
  Tagger tagger(taxonomy, NegationSettings::defaults(), Engine::re2);
  TagSummaryOptions options;
  options.term_comments = 1;
  TagSummary summary(taxonomy, options);
  TagResult result;
  for (std::string_view comment : {"parcel lost", "parcel again", "parcel once more"}) {
    tagger.tag(comment, result);
    summary.add({}, true, result, tagger.normalized(), Answer{});
  }
  auto json = output::render(summary.report({{}, "comment", "", "re2"}), output::OutputFormat::json);
  simdjson::dom::parser parser;
  auto document = parser.parse(json).value();
  CHECK(uint64_t(document["untagged"]) == 3);
  CHECK(uint64_t(document["untagged_terms_from"]) == 1);
  CHECK(uint64_t(document["untagged_terms"].at(0)["comments"]) == 1);  // "lost" and "parcel", once
}
