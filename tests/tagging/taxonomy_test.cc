#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "support/temp_file.h"
#include "tagging/taxonomy.h"

using namespace koe::tagging;

namespace {

std::string message_of(std::string_view text, std::string_view name, TaxonomyFormat format) {
  try {
    parse_taxonomy(text, name, format);
  } catch (const koe::Error& error) {
    CHECK(error.code() == koe::Exit::usage);
    return error.what();
  }
  return "";
}

using Tags = std::vector<std::string>;

}  // namespace

TEST_CASE("a CSV taxonomy from text: every field of every rule, lines counted as in the file") {
  auto taxonomy = parse_taxonomy(
      "Tag, Pattern ,KIND,exclude,Owner,negation\r\n"
      "\r\n"
      "# billing first,,,,,\r\n"
      "billing/refund,refund,,refund policy,finance,no\r\n"
      "app/crash,crash*,,,mobile,\r\n"
      "billing/refund,\"charged twice, again\",phrase,,finance,yes\r\n",
      "team taxonomy", TaxonomyFormat::csv);
  CHECK(taxonomy.source == "team taxonomy");
  CHECK(taxonomy.tags == Tags{"billing/refund", "app/crash"});
  REQUIRE(taxonomy.rules.size() == 3);
  const Rule& refund = taxonomy.rules[0];
  CHECK(refund.tag == "billing/refund");
  CHECK(refund.pattern == "refund");
  CHECK(refund.kind == PatternKind::keyword);
  CHECK(refund.exclude == "refund policy");
  CHECK(refund.owner == "finance");
  CHECK(refund.line == 4);
  CHECK_FALSE(refund.negation);
  CHECK(refund.file == "team taxonomy");
  CHECK(taxonomy.rules[1].pattern == "crash");
  CHECK(taxonomy.rules[1].kind == PatternKind::prefix);
  CHECK(taxonomy.rules[1].line == 5);
  CHECK(taxonomy.rules[1].negation);
  CHECK(taxonomy.rules[2].pattern == "charged twice, again");
  CHECK(taxonomy.rules[2].kind == PatternKind::phrase);
  CHECK(taxonomy.rules[2].line == 6);
}

TEST_CASE("a JSON taxonomy from text: an array or {\"rules\": [...]}, numbered by position") {
  auto taxonomy = parse_taxonomy(
      R"json([{"tag": "ux", "pattern": "confus(ing|ed)", "kind": "regex", "negation": false},
              {"tag": "billing", "pattern": "invoice", "owner": "finance", "negation": "no"},
              {"tag": "ux", "pattern": "ugly", "exclude": null}])json",
      "rules.json", TaxonomyFormat::json);
  CHECK(taxonomy.source == "rules.json");
  CHECK(taxonomy.tags == Tags{"ux", "billing"});
  REQUIRE(taxonomy.rules.size() == 3);
  CHECK(taxonomy.rules[0].kind == PatternKind::regex);
  CHECK_FALSE(taxonomy.rules[0].negation);
  CHECK(taxonomy.rules[1].owner == "finance");
  CHECK_FALSE(taxonomy.rules[1].negation);
  CHECK(taxonomy.rules[2].negation);
  CHECK(taxonomy.rules[2].exclude.empty());
  for (std::uint64_t i = 0; i < 3; ++i) {
    CHECK(taxonomy.rules[i].line == i + 1);
    CHECK(taxonomy.rules[i].file == "rules.json");
  }
  auto wrapped = parse_taxonomy(R"({"rules": [{"tag": "a", "pattern": "b"}]})", "wrapped.json",
                                TaxonomyFormat::json);
  CHECK(wrapped.tags == Tags{"a"});
}

TEST_CASE("messages from text name the given name and the line or rule") {
  CHECK(message_of("tag,pattern,kind\n\na,x,fuzzy\n", "team.csv", TaxonomyFormat::csv) ==
        "taxonomy team.csv, line 3: unknown kind \"fuzzy\"; expected keyword, phrase, prefix or "
        "regex");
  CHECK(message_of("tag,pattern\n\"a,x\n", "team.csv", TaxonomyFormat::csv) ==
        "taxonomy team.csv: Escaped string was not closed in line 2 in file \"team.csv\".");
  CHECK(message_of("name,pattern\na,x\n", "team.csv", TaxonomyFormat::csv) ==
        "taxonomy team.csv: no \"tag\" column; a taxonomy has the columns tag, pattern and "
        "optionally kind, exclude, owner, negation");
  CHECK(message_of("tag,pattern\n# none yet,x\n", "team.csv", TaxonomyFormat::csv) ==
        "taxonomy team.csv: no rules");
  CHECK(message_of(R"([{"tag": "a", "pattern": "x"}, {"tag": "b", "pattern": 7}])", "team.json",
                   TaxonomyFormat::json) ==
        "taxonomy team.json, rule 2: \"pattern\" must be a string");
  CHECK(message_of(R"({"tags": []})", "team.json", TaxonomyFormat::json) ==
        "taxonomy team.json: expected an array of rules or {\"rules\": [...]}");
  CHECK(message_of("[]", "team.json", TaxonomyFormat::json) == "taxonomy team.json: no rules");
  CHECK(message_of("tag,pattern\na,b\n", "team.json", TaxonomyFormat::json)
            .starts_with("taxonomy team.json: invalid JSON: "));
}

TEST_CASE("taxonomy files read as their text does; the content picks JSON without an extension") {
  std::string_view csv = "tag,pattern,owner\nlate,slow,logistics\n";
  koe::testing::TempFile csv_file(csv, ".csv");
  auto from_file = load_taxonomy(csv_file.path());
  auto from_text = parse_taxonomy(csv, csv_file.path(), TaxonomyFormat::csv);
  CHECK(from_file.source == csv_file.path());
  REQUIRE(from_file.rules.size() == 1);
  CHECK(from_file.rules[0].owner == from_text.rules[0].owner);
  CHECK(from_file.rules[0].line == from_text.rules[0].line);
  CHECK(from_file.rules[0].file == from_text.rules[0].file);

  koe::testing::TempFile json_file("\n [{\"tag\": \"late\", \"pattern\": \"slow\"}]", "");
  auto json = load_taxonomy(json_file.path());
  CHECK(json.tags == Tags{"late"});
  CHECK(json.rules[0].line == 1);

  try {
    load_taxonomy("/nonexistent/taxonomy.csv");
    FAIL("expected an error");
  } catch (const koe::Error& error) {
    CHECK(error.code() == koe::Exit::usage);
    CHECK(std::string(error.what()) ==
          "taxonomy /nonexistent/taxonomy.csv: cannot open: No such file or directory");
  }
}
