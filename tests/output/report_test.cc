#include <doctest/doctest.h>
#include <simdjson.h>

#include <array>
#include <charconv>
#include <cmath>
#include <climits>
#include <cstdint>
#include <random>

#include "output/report.h"

using namespace koe::output;

namespace {

SummaryReport sample() {
  SummaryReport report;
  report.tool = "demo";
  report.facts = {{"score", std::string("score")},
                  {"definition", RawJson{R"({"top": [4, 5]})"}}};
  report.columns = {{"地域", "地域", 0}, {"n", "n"}, {"share", "share %", 1},
                    {"flag", "flag", 0, false}};
  report.key_columns = 1;
  report.groups = {{std::string("東京"), std::uint64_t{120}, 45.26, false},
                   {std::string("a|b,\"c\""), std::uint64_t{7}, Value(), true},
                   {std::string(""), std::uint64_t{3}, 33.35, false}};
  report.overall = {Value(), std::uint64_t{130}, 44.0, false};
  report.notes = {"shares of valid answers"};
  return report;
}

}  // namespace

TEST_CASE("table: aligned by display width, overall row last, notes under it") {
  CHECK(render(sample(), OutputFormat::table) ==
        "地域       n  share %\n"
        "東京     120     45.3\n"
        "a|b,\"c\"    7        -\n"
        "(blank)    3     33.4\n"
        "─────────────────────\n"
        "(all)    130     44.0\n"
        "shares of valid answers\n");
}

TEST_CASE("JSON: facts, groups and overall; nulls for missing measures") {
  auto text = render(sample(), OutputFormat::json);
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  REQUIRE(!parser.parse(text).get(document));
  CHECK(std::string_view(document["tool"]) == "demo");
  CHECK(int64_t(document["definition"]["top"].at(1)) == 5);
  CHECK(std::string_view(document["by"].at(0)) == "地域");
  CHECK(std::string_view(document["groups"].at(0)["地域"]) == "東京");
  CHECK(double(document["groups"].at(0)["share"]) == 45.26);
  CHECK(document["groups"].at(1)["share"].is_null());
  CHECK(bool(document["groups"].at(1)["flag"]));
  CHECK(document["overall"]["地域"].is_null());
  CHECK(uint64_t(document["overall"]["n"]) == 130);
}

TEST_CASE("NDJSON: one compact object per group, then the overall one") {
  auto text = render(sample(), OutputFormat::ndjson);
  CHECK(text ==
        "{\"地域\":\"東京\",\"n\":120,\"share\":45.26,\"flag\":false}\n"
        "{\"地域\":\"a|b,\\\"c\\\"\",\"n\":7,\"share\":null,\"flag\":true}\n"
        "{\"地域\":\"\",\"n\":3,\"share\":33.35,\"flag\":false}\n"
        "{\"地域\":null,\"n\":130,\"share\":44,\"flag\":false}\n");
}

TEST_CASE("CSV: JSON names as header, full precision, RFC 4180 quoting") {
  CHECK(render(sample(), OutputFormat::csv) ==
        "地域,n,share,flag\n"
        "東京,120,45.26,false\n"
        "\"a|b,\"\"c\"\"\",7,,true\n"
        ",3,33.35,false\n"
        ",130,44,false\n");
}

TEST_CASE("Markdown: escaped pipes and alignment row") {
  CHECK(render(sample(), OutputFormat::markdown) ==
        "| 地域 | n | share % |\n"
        "| :--- | ---: | ---: |\n"
        "| 東京 | 120 | 45.3 |\n"
        "| a\\|b,\"c\" | 7 | - |\n"
        "| (blank) | 3 | 33.4 |\n"
        "| (all) | 130 | 44.0 |\n"
        "\n"
        "_shares of valid answers_  \n");
}

TEST_CASE("cells: fixed decimals, no negative zero, dash for missing") {
  CHECK(format_cell(-0.001, 2) == "0.00");
  CHECK(format_cell(48.36895, 2) == "48.37");
  CHECK(format_cell(Value(), 2) == "-");
  CHECK(format_cell(std::uint64_t{5}, 2) == "5");
  // Correctly rounded from the exact binary value: ties (0.125 and 2.5 are
  // exact) go to even, 0.145 is stored a little below its decimal.
  CHECK(format_cell(0.125, 2) == "0.12");
  CHECK(format_cell(0.375, 2) == "0.38");
  CHECK(format_cell(2.5, 0) == "2");
  CHECK(format_cell(0.145, 2) == "0.14");
  CHECK(format_cell(-12.3456, 3) == "-12.346");
  CHECK(format_cell(1e300, 2).size() == 304);
  CHECK(format_cell(-1.7976931348623157e308, 17).size() == 1 + 309 + 1 + 17);
  CHECK(parse_name(kOutputFormatNames, "md") == OutputFormat::markdown);
  CHECK_FALSE(parse_name(kOutputFormatNames, "xml").has_value());
}

TEST_CASE("cells: fixed decimals equal std::to_chars's correctly rounded ones") {
  // The quick path (small numbers, up to six decimals) against the general
  // one, on ties, near-ties, negatives and random values of every size.
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::vector<double> values = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.005, 0.015, 0.025, 1.005, 99.995,
                                1e-7, -1e-7, 1099511627775.5, 1099511627776.0, 0.1 + 0.2};
  for (int i = -20000; i <= 20000; ++i) {
    values.push_back(i / 8.0);
    values.push_back(i / 1000.0);
    values.push_back(i / 3.0);
  }
  for (int i = 0; i < 100000; ++i) values.push_back(unit(random) * std::pow(10.0, i % 16 - 4));
  int differ = 0;
  for (int decimals = 0; decimals <= 7; ++decimals) {
    for (double value : values) {
      std::array<char, 400> digits;
      auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value,
                                   std::chars_format::fixed, decimals);
      std::string expected(digits.data(), written.ptr);
      if (expected.starts_with('-') && expected.find_first_not_of("-0.") == std::string::npos)
        expected.erase(0, 1);
      if (format_cell(value, decimals) != expected && differ++ < 5)
        FAIL_CHECK(value << " with " << decimals << " decimals: " << format_cell(value, decimals)
                         << ", expected " << expected);
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("a group column named like a result field gets a by. prefix") {
  SummaryReport report = sample();
  report.columns[0].key = std::string(1, 'n');
  make_keys_unique(report);
  CHECK(report.columns[0].key == "by.n");
  CHECK(report.columns[1].key == "n");
  CHECK(render(report, OutputFormat::csv).starts_with("by.n,n,share,flag\n"));
}

TEST_CASE("group keys stay unique among themselves too") {
  SummaryReport report;
  report.columns = {{"n", "n"}, {"by.n", "by.n"}, {"n", "n"}};
  report.key_columns = 2;
  make_keys_unique(report);
  CHECK(report.columns[0].key == "by.n.2");
  CHECK(report.columns[1].key == "by.n");
  CHECK(report.columns[2].key == "n");
}

TEST_CASE("a group key that reads like (all) or (blank) is shown quoted, one pair more") {
  CHECK(key_text("") == "(blank)");
  CHECK(key_text("pro") == "pro");
  CHECK(key_text("(all)") == "\"(all)\"");
  CHECK(key_text("(Blank)") == "\"(Blank)\"");
  CHECK(key_text("\"(all)\"") == "\"\"(all)\"\"");
  CHECK(key_text("\"pro\"") == "\"pro\"");  // other quoted values are as they are
  CHECK(key_text("(all) plans") == "(all) plans");
  CHECK(key_text("\"") == "\"");
}

TEST_CASE("tables and Markdown tell literal (all) and (blank) groups from the marks; data formats keep them") {
  SummaryReport report;
  report.tool = "demo";
  report.columns = {{"plan", "plan", 0}, {"n", "n"}};
  report.key_columns = 1;
  report.groups = {{std::string("(all)"), std::uint64_t{1}},
                   {std::string("(blank)"), std::uint64_t{2}},
                   {std::string(""), std::uint64_t{3}}};
  report.overall = {Value(), std::uint64_t{6}};
  CHECK(render(report, OutputFormat::table) ==
        "plan       n\n"
        "\"(all)\"    1\n"
        "\"(blank)\"  2\n"
        "(blank)    3\n"
        "────────────\n"
        "(all)      6\n");
  CHECK(render(report, OutputFormat::markdown) ==
        "| plan | n |\n"
        "| :--- | ---: |\n"
        "| \"(all)\" | 1 |\n"
        "| \"(blank)\" | 2 |\n"
        "| (blank) | 3 |\n"
        "| (all) | 6 |\n");
  CHECK(render(report, OutputFormat::csv) == "plan,n\n(all),1\n(blank),2\n,3\n,6\n");
  CHECK(render(report, OutputFormat::ndjson) ==
        "{\"plan\":\"(all)\",\"n\":1}\n{\"plan\":\"(blank)\",\"n\":2}\n{\"plan\":\"\",\"n\":3}\n"
        "{\"plan\":null,\"n\":6}\n");
}

TEST_CASE("a breakdown's key columns read as group keys, except in the overall's rows") {
  SummaryReport report;
  report.tool = "demo";
  report.columns = {{"n", "n"}};
  report.overall = {std::uint64_t{6}};
  Breakdown models;
  models.title = "models";
  models.columns = {{"plan", "plan", 0}, {"rows", "rows", 0}};
  models.rows = {{std::string("(all)"), std::uint64_t{1}},
                 {std::string(""), std::uint64_t{2}},
                 {std::string("(all)"), std::uint64_t{3}}};
  models.key_columns = 1;
  models.overall_rows = 1;
  report.breakdowns.push_back(models);
  CHECK(render(report, OutputFormat::table) ==
        "n\n"
        "6\n"
        "\n"
        "models\n"
        "plan     rows\n"
        "\"(all)\"     1\n"
        "(blank)     2\n"
        "(all)       3\n");
}

TEST_CASE("a number's table width is found without its text, and equals the text's") {
  using koe::output::format_cell;
  using koe::output::solid_width;
  const std::vector<koe::output::Value> values = {
      koe::output::Value(), 0.0, -0.0, -0.001, 0.004999, 0.005, -0.005, 9.995, -9.995, 99.5,
      1e15, -1e300, 123456789.125, std::nan(""), INFINITY, std::int64_t{0}, std::int64_t{-7},
      std::int64_t{INT64_MIN}, std::int64_t{10}, std::uint64_t{0}, std::uint64_t{9},
      std::uint64_t{UINT64_MAX}, std::uint64_t{1000}};
  for (const auto& value : values)
    for (int decimals : {0, 1, 2, 6, 9}) {
      CAPTURE(decimals);
      CAPTURE(format_cell(value, decimals));
      REQUIRE(solid_width(value, decimals).has_value());
      CHECK(*solid_width(value, decimals) == format_cell(value, decimals).size());
    }
  // Many values near rounding edges and across magnitudes: the width
  // worked out from the rounded units equals the written text's.
  std::uint64_t state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double unit = static_cast<double>(state >> 11) * 0x1p-53;
    const double value = (i % 2 ? -1 : 1) * std::ldexp(unit, static_cast<int>(state % 60) - 30);
    const double near_tie = std::round(value * 1000) / 1000 + (i % 3 - 1) * 5e-4;
    for (double v : {value, near_tie})
      for (int decimals = 0; decimals <= 6; ++decimals) {
        CAPTURE(v);
        CAPTURE(decimals);
        CHECK(*solid_width(v, decimals) == format_cell(v, decimals).size());
      }
  }
  CHECK_FALSE(solid_width(std::string("12"), 2).has_value());
  CHECK_FALSE(solid_width(true, 2).has_value());
}
