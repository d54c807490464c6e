#include "dimension.h"

#include <doctest/doctest.h>

#include "error.h"

using namespace koe;

namespace {

const std::vector<std::string> kHeader{"id", "plan", "tenure", "spend", "submitted_at", "a,b"};

// The label of the group `field` falls in, or "(blank)" / "(unreadable)".
std::string placed(const Dimension& dimension, std::string_view field) {
  std::string scratch;
  std::string_view key;
  switch (dimension.key(field, scratch, key)) {
    case Dimension::Placement::blank: return "(blank)";
    case Dimension::Placement::unreadable: return "(unreadable)";
    case Dimension::Placement::placed: break;
  }
  return dimension.label(key);
}

std::string key_of(const Dimension& dimension, std::string_view field) {
  std::string scratch;
  std::string_view key;
  dimension.key(field, scratch, key);
  return std::string(key);
}

std::string usage_error(const std::vector<std::string>& specs) {
  try {
    parse_dimensions(kHeader, specs, "--by");
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("--by specs: columns, functions, and commas inside parentheses") {
  auto dims = parse_dimensions(kHeader, {"plan,bins(tenure, 0, 6, 12, 24)", "month(5)", "a,b"}, "--by");
  REQUIRE(dims.size() == 4);
  CHECK(dims[0].kind() == Dimension::Kind::column);
  CHECK(dims[0].name() == "plan");
  CHECK(dims[1].kind() == Dimension::Kind::bins);
  CHECK(dims[1].name() == "bins(tenure, 0, 6, 12, 24)");
  CHECK(dims[1].column() == 2);
  CHECK(dims[2].kind() == Dimension::Kind::period);
  CHECK(dims[2].name() == "month(submitted_at)");
  CHECK(dims[2].column() == 4);
  // A header name holding a comma is that column.
  CHECK(dims[3].name() == "a,b");
  // Function names in any case; quantiles.
  auto upper = parse_dimensions(kHeader, {"Quarter(submitted_at),QUANTILES(spend, 4)"}, "--by");
  CHECK(upper[0].name() == "quarter(submitted_at)");
  CHECK(upper[1].name() == "quantiles(spend, 4)");
  CHECK(upper[1].needs_values());
}

TEST_CASE("malformed dimensions are usage errors that say what is expected") {
  CHECK(usage_error({"bins(tenure)"}) ==
        "--by bins(tenure): expected edges after the column, e.g. bins(tenure, 0, 6, 12)");
  CHECK(usage_error({"bins(tenure, 0, x)"}) ==
        "--by bins(tenure, 0, x): \"x\" is not a number; expected edges such as bins(tenure, 0, 6, 12)");
  CHECK(usage_error({"bins(tenure, 6, 6)"}) ==
        "--by bins(tenure, 6, 6): edges must increase, but 6 comes after 6");
  CHECK(usage_error({"quantiles(spend, 1)"}).find("a number of groups from 2 to 100") !=
        std::string::npos);
  CHECK(usage_error({"month(submitted_at, 2)"}) ==
        "--by month(submitted_at, 2): expected one date column, e.g. month(submitted_at)");
  CHECK(usage_error({"fortnight(submitted_at)"}).find("is not a dimension") != std::string::npos);
  // The column inside is resolved like any column, with its spelling hint.
  CHECK(usage_error({"month(submited_at)"}).find("did you mean \"submitted_at\"") !=
        std::string::npos);
}

TEST_CASE("bins at their edges: left-closed, with one below and one at or above") {
  auto bins = Dimension::of_bins(0, "tenure", {0, 6, 12, 24});
  CHECK(placed(bins, "-1") == "<0");
  CHECK(placed(bins, "0") == "[0,6)");
  CHECK(placed(bins, "5.999") == "[0,6)");
  CHECK(placed(bins, "6") == "[6,12)");
  CHECK(placed(bins, " 12 ") == "[12,24)");
  CHECK(placed(bins, "24") == ">=24");
  CHECK(placed(bins, "1e3") == ">=24");
  CHECK(placed(bins, "") == "(blank)");
  CHECK(placed(bins, "NA") == "(blank)");
  CHECK(placed(bins, "six") == "(unreadable)");
  // Keys sort by position, and the bins between two are filled in.
  CHECK(key_of(bins, "-1") == "0");
  CHECK(key_of(bins, "30") == "4");
  CHECK(bins.keys_between("1", "3") == std::vector<std::string>{"1", "2", "3"});
  auto fractional = Dimension::of_bins(0, "x", {0.5, 1e6});
  CHECK(placed(fractional, "1") == "[0.5,1000000)");
}

TEST_CASE("quantile edges as NumPy's linear quantiles; ties merge edges") {
  auto quartiles = Dimension::of_quantiles(0, "spend", 4);
  // numpy.quantile([1..8], [0, .25, .5, .75, 1]) = 1, 2.75, 4.5, 6.25, 8
  quartiles.set_values({8, 7, 6, 5, 4, 3, 2, 1});
  CHECK(quartiles.edges() == std::vector<double>{1, 2.75, 4.5, 6.25, 8});
  CHECK(placed(quartiles, "1") == "[1,2.75)");
  CHECK(placed(quartiles, "2.75") == "[2.75,4.5)");
  CHECK(placed(quartiles, "8") == "[6.25,8]");
  CHECK(quartiles.keys_between("0", "3").size() == 4);
  // numpy.quantile([1,1,1,1,1,2,3,10], [0,.25,.5,.75,1]) = 1, 1, 1, 2.25, 10: two bins remain.
  auto tied = Dimension::of_quantiles(0, "spend", 4);
  tied.set_values({1, 1, 1, 1, 1, 2, 3, 10});
  CHECK(tied.edges() == std::vector<double>{1, 2.25, 10});
  CHECK(placed(tied, "1") == "[1,2.25)");
  CHECK(placed(tied, "3") == "[2.25,10]");
  auto same = Dimension::of_quantiles(0, "spend", 3);
  same.set_values({5, 5, 5});
  CHECK(placed(same, "5") == "[5,5]");
}

TEST_CASE("periods: ISO weeks across year ends, quarters, and the gaps between") {
  auto week = Dimension::of_period(0, "d", Period::week);
  // Python: date(2020, 12, 31).isocalendar() == (2020, 53, 4); date(2021, 1, 4) -> (2021, 1, 1);
  // date(2021, 1, 3) -> (2020, 53, 7); date(2019, 12, 30) -> (2020, 1, 1).
  CHECK(placed(week, "2020-12-31") == "2020-W53");
  CHECK(placed(week, "2021-01-03") == "2020-W53");
  CHECK(placed(week, "2021-01-04") == "2021-W01");
  CHECK(placed(week, "2019-12-30") == "2020-W01");
  CHECK(placed(week, "12/29/2019 10:00") == "2019-W52");
  CHECK(placed(week, "") == "(blank)");
  CHECK(placed(week, "yesterday") == "(unreadable)");
  CHECK(placed(week, "2021-02-30") == "(unreadable)");
  auto weeks = week.keys_between(key_of(week, "2020-12-20"), key_of(week, "2021-01-05"));
  std::vector<std::string> labels;
  for (const auto& key : weeks) labels.push_back(week.label(key));
  CHECK(labels == std::vector<std::string>{"2020-W51", "2020-W52", "2020-W53", "2021-W01"});

  auto quarter = Dimension::of_period(0, "d", Period::quarter);
  CHECK(placed(quarter, "2026-03-31") == "2026-Q1");
  CHECK(placed(quarter, "2026-04-01") == "2026-Q2");
  auto quarters = quarter.keys_between(key_of(quarter, "2025-11-02"), key_of(quarter, "2026-08-09"));
  labels.clear();
  for (const auto& key : quarters) labels.push_back(quarter.label(key));
  CHECK(labels == std::vector<std::string>{"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"});

  auto month = Dimension::of_period(0, "d", Period::month);
  CHECK(placed(month, "9/8/18 15:29") == "2018-09");
  auto day_first = Dimension::of_period(0, "d", Period::month, DateOrder::day_first);
  CHECK(placed(day_first, "9/8/18 15:29") == "2018-08");
  auto months = month.keys_between(key_of(month, "2024-11-30"), key_of(month, "2025-02-01"));
  CHECK(months.size() == 4);
  auto year = Dimension::of_period(0, "d", Period::year);
  CHECK(placed(year, "2026年1月5日") == "2026");
  auto day = Dimension::of_period(0, "d", Period::day);
  CHECK(day.keys_between(key_of(day, "2024-02-28"), key_of(day, "2024-03-01")).size() == 3);
}

TEST_CASE("a column dimension keys by the trimmed value, blanks included") {
  auto plan = Dimension::of_column(1, "plan");
  CHECK(placed(plan, " pro ") == "pro");
  CHECK(placed(plan, "") == "");
  CHECK(placed(plan, "NA") == "NA");
  CHECK_FALSE(plan.fills_gaps());
}
