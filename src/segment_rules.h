// Rules that label rows with a segment, from a file an analyst keeps in a
// spreadsheet: one condition per row, columns segment, column, test, value.
// Consecutive rows with the same segment name are one rule (all must hold);
// the first rule that holds names the row's segment; a row with a segment
// and no column is the default, and must come last.
//
//   segment,column,test,value
//   Enterprise new,plan,equals,enterprise
//   Enterprise new,tenure,between,0..6
//   Big spenders,spend,at least,1000
//   Kanto,region,in,東京|神奈川|千葉|埼玉
//   Everyone else,,,
//
// Tests: equals, not equals, in, not in (values split on '|'), between
// (a..b, ..b, a.. or a-b, ends included), at least, at most, more than,
// less than, contains, empty, not empty; also =, !=, >=, <=, >, <.
// Text compares after NFKC and case folding; numeric tests read the row's
// value as a number and fail when it is not one. Rules are parsed from text
// in memory, so tests and fuzzers need no files; reading a file is a thin
// step on top.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace koe {

struct SegmentCondition {
  enum class Test {
    equals, not_equals, in, not_in, between, at_least, at_most, more_than, less_than, contains,
    empty, not_empty
  };
  std::size_t column = 0;  // index into SegmentRules::columns
  Test test = Test::equals;
  std::vector<std::string> values;  // folded text values
  double low = 0, high = 0;         // numeric bounds (between uses both)
};

struct SegmentRule {
  std::string segment;
  std::vector<SegmentCondition> conditions;  // empty: the default
  std::uint64_t line = 0;
};

struct SegmentRules {
  std::string source;
  std::vector<std::string> columns;  // input columns the rules read, in first-use order
  std::vector<SegmentRule> rules;
};

// Parses rules from CSV text in memory; `name` stands for the file in
// messages and becomes `source`. Errors are usage errors naming it and the line.
SegmentRules parse_segment_rules(std::string_view text, std::string_view name);
// Reads a rules file and parses it; a file that cannot be read is a usage
// error too.
SegmentRules load_segment_rules(const std::string& path);

// The segment of a row, given its values of `rules.columns` in order; an
// empty view when no rule holds and there is no default.
std::string_view assign_segment(const SegmentRules& rules,
                                const std::vector<std::string_view>& values);

}  // namespace koe
