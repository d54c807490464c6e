#include "segment_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "error.h"
#include "input/fccp.h"
#include "labels.h"
#include "values.h"

namespace koe {

namespace {

using Test = SegmentCondition::Test;

[[noreturn]] void bad_rule(std::string_view name, std::uint64_t line, const std::string& message) {
  throw Error(Exit::usage, fmt::format("segment rules {}, line {}: {}", name, line, message));
}

std::optional<Test> parse_test(std::string_view name) {
  std::string key = fold_label(name);
  struct Name {
    std::string_view text;
    Test test;
  };
  static constexpr Name kNames[] = {
      {"equals", Test::equals},         {"=", Test::equals},
      {"is", Test::equals},             {"not equals", Test::not_equals},
      {"!=", Test::not_equals},         {"is not", Test::not_equals},
      {"in", Test::in},                 {"one of", Test::in},
      {"not in", Test::not_in},         {"between", Test::between},
      {"range", Test::between},         {"at least", Test::at_least},
      {">=", Test::at_least},           {"at most", Test::at_most},
      {"<=", Test::at_most},            {"more than", Test::more_than},
      {">", Test::more_than},           {"less than", Test::less_than},
      {"<", Test::less_than},           {"contains", Test::contains},
      {"empty", Test::empty},           {"is empty", Test::empty},
      {"not empty", Test::not_empty},   {"is not empty", Test::not_empty},
  };
  for (const auto& entry : kNames)
    if (key == entry.text) return entry.test;
  return std::nullopt;
}

// Reads "a..b", "..b", "a..", or "a-b" (both ends not negative).
bool parse_between(std::string_view text, double& low, double& high) {
  text = trim(text);
  std::string_view left, right;
  if (auto dots = text.find(".."); dots != std::string_view::npos) {
    left = text.substr(0, dots);
    right = text.substr(dots + 2);
  } else if (auto dash = text.find('-', 1); dash != std::string_view::npos) {
    left = text.substr(0, dash);
    right = text.substr(dash + 1);
  } else {
    return false;
  }
  low = -INFINITY;
  high = INFINITY;
  if (!trim(left).empty()) {
    auto value = parse_number(left);
    if (!value) return false;
    low = *value;
  }
  if (!trim(right).empty()) {
    auto value = parse_number(right);
    if (!value) return false;
    high = *value;
  }
  return low <= high && (std::isfinite(low) || std::isfinite(high));
}

SegmentCondition make_condition(std::string_view name, std::uint64_t line, std::size_t column,
                                std::string_view test_name, std::string_view value) {
  SegmentCondition condition;
  condition.column = column;
  auto test = parse_test(test_name);
  if (!test)
    bad_rule(name, line,
             fmt::format("unknown test \"{}\"; expected equals, not equals, in, not in, between, "
                         "at least, at most, more than, less than, contains, empty or not empty",
                         test_name));
  condition.test = *test;
  switch (condition.test) {
    case Test::empty:
    case Test::not_empty: break;
    case Test::in:
    case Test::not_in:
      for (std::string_view rest = value;;) {
        auto bar = rest.find('|');
        condition.values.push_back(fold_label(rest.substr(0, bar)));
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
      }
      break;
    case Test::equals:
    case Test::not_equals:
    case Test::contains:
      condition.values.push_back(fold_label(value));
      if (condition.test == Test::contains && condition.values[0].empty())
        bad_rule(name, line, "contains needs a value");
      break;
    case Test::between:
      if (!parse_between(value, condition.low, condition.high))
        bad_rule(name, line,
                 fmt::format("between needs a range such as 0..6, 12.. or ..3, found \"{}\"", value));
      break;
    default: {
      auto bound = parse_number(value);
      if (!bound) bad_rule(name, line, fmt::format("expected a number, found \"{}\"", value));
      condition.low = condition.high = *bound;
    }
  }
  return condition;
}

bool holds(const SegmentCondition& condition, std::string_view raw) {
  std::string_view value = trim(raw);
  switch (condition.test) {
    case Test::empty: return value.empty();
    case Test::not_empty: return !value.empty();
    case Test::equals: return fold_label(value) == condition.values[0];
    case Test::not_equals: return fold_label(value) != condition.values[0];
    case Test::contains:
      return fold_label(value).find(condition.values[0]) != std::string::npos;
    case Test::in:
    case Test::not_in: {
      bool found = std::find(condition.values.begin(), condition.values.end(), fold_label(value)) !=
                   condition.values.end();
      return condition.test == Test::in ? found : !found;
    }
    default: break;
  }
  auto x = parse_number(value);
  if (!x) return false;
  switch (condition.test) {
    case Test::between: return *x >= condition.low && *x <= condition.high;
    case Test::at_least: return *x >= condition.low;
    case Test::at_most: return *x <= condition.low;
    case Test::more_than: return *x > condition.low;
    case Test::less_than: return *x < condition.low;
    default: return false;
  }
}

}  // namespace

SegmentRules parse_segment_rules(std::string_view text, std::string_view name) {
  SegmentRules rules;
  rules.source = name;
  try {
    std::string csv = spreadsheet_csv(text);
    io::CSVReader<4, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>> reader(
        rules.source, csv.data(), csv.data() + csv.size());
    reader.read_header(io::ignore_extra_column | io::ignore_missing_column, "segment", "column",
                       "test", "value");
    for (auto column : {"segment", "column", "test"})
      if (!reader.has_column(column))
        throw Error(Exit::usage, fmt::format("segment rules {}: no \"{}\" column; the columns are "
                                             "segment, column, test, value",
                                             name, column));
    std::string segment, column, test, value;
    bool has_default = false;
    while (reader.read_row(segment, column, test, value)) {
      std::uint64_t line = reader.get_file_line();
      if (segment.starts_with('#')) continue;
      if (segment.empty() && column.empty() && test.empty() && value.empty()) continue;
      if (segment.empty()) bad_rule(name, line, "the segment name is empty");
      if (has_default)
        bad_rule(name, line, "a rule after the default segment can never match; put the default last");
      if (column.empty()) {
        if (!test.empty()) bad_rule(name, line, "a test needs a column");
        rules.rules.push_back({segment, {}, line});
        has_default = true;
        continue;
      }
      auto known = std::find(rules.columns.begin(), rules.columns.end(), column);
      std::size_t index = static_cast<std::size_t>(known - rules.columns.begin());
      if (known == rules.columns.end()) rules.columns.push_back(column);
      auto condition = make_condition(name, line, index, test, value);
      // Consecutive rows of one segment are one rule.
      if (rules.rules.empty() || rules.rules.back().segment != segment ||
          rules.rules.back().conditions.empty())
        rules.rules.push_back({segment, {}, line});
      rules.rules.back().conditions.push_back(std::move(condition));
    }
  } catch (const io::error::base& error) {
    throw Error(Exit::usage, fmt::format("segment rules {}: {}", name, error.what()));
  }
  if (rules.rules.empty()) throw Error(Exit::usage, fmt::format("segment rules {}: no rules", name));
  return rules;
}

SegmentRules load_segment_rules(const std::string& path) {
  check_option_file(path, "segment rules");
  return parse_segment_rules(read_spreadsheet_file(path), path);
}

std::string_view assign_segment(const SegmentRules& rules,
                                const std::vector<std::string_view>& values) {
  for (const auto& rule : rules.rules) {
    bool all = std::all_of(rule.conditions.begin(), rule.conditions.end(),
                           [&](const SegmentCondition& c) { return holds(c, values[c.column]); });
    if (all) return rule.segment;
  }
  return {};
}

}  // namespace koe
