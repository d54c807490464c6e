// Numbers given to options (--fail-under 30, --min-n 100, --confidence 0.9):
// what an option accepts, and one family of messages for text it does not,
// so every tool words them alike:
//
//   --fail-under: expected a number, found "abc"
//   --min-n: expected a whole number of 0 or more, found "-1"
//   --keep: expected a whole number from 1 to 1000, found "0"
//   --confidence: expected a number from 0.5 to below 1 (e.g. 0.95), found "95"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace koe {

// What one numeric option accepts. A number is decimal, with an optional
// sign, fraction and exponent, and finite; a whole number is digits only
// (a count, a seed: no sign, no point, leading zeros are still decimal).
struct NumberRule {
  bool whole = false;
  std::optional<double> low;   // the least allowed
  std::optional<double> high;  // the most allowed ...
  bool below_high = false;     // ... or the bound it must stay below
  std::string_view example;    // shown after the range: "0.95"

  static NumberRule number(std::optional<double> low = {}, std::optional<double> high = {}) {
    NumberRule rule;
    rule.low = low;
    rule.high = high;
    return rule;
  }
  static NumberRule whole_number(std::optional<double> low = {}, std::optional<double> high = {}) {
    NumberRule rule = number(low, high);
    rule.whole = true;
    return rule;
  }
};

// What the option expects, for messages: "a whole number from 1 to 1000".
std::string number_expected(const NumberRule& rule);

// "" when `text` is a number the rule accepts, else the message:
// `expected a number, found "abc"`.
std::string number_problem(std::string_view text, const NumberRule& rule);

// A whole number the rule accepts in its plain decimal form ("007" -> "7"),
// for parsers that would read a leading 0 as octal; `text` as it is when the
// rule does not accept it.
std::string canonical_number(std::string_view text, const NumberRule& rule);

}  // namespace koe
