#include "option_numbers.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "dimension.h"
#include "error.h"

namespace koe {

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// The value of `text` when it is a number of the rule's kind (whether or
// not in its range); none otherwise.
std::optional<double> read_number(std::string_view text, bool whole) {
  if (whole) {
    if (!all_digits(text)) return std::nullopt;
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    // Too large for a count: stands as +infinity, outside any range.
    if (error == std::errc::result_out_of_range) return std::numeric_limits<double>::infinity();
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return static_cast<double>(value);
  }
  std::string_view digits = text;
  if (digits.starts_with('+')) {
    digits.remove_prefix(1);
    if (digits.starts_with('-')) return std::nullopt;
  }
  // from_chars takes "inf", "nan" and hex only when asked: only the letters
  // of an exponent can be in a number it reads here.
  double value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

}  // namespace

std::string number_expected(const NumberRule& rule) {
  std::string text = rule.whole ? "a whole number" : "a number";
  if (rule.low && rule.high)
    text += fmt::format(" from {} to {}{}", number_text(*rule.low),
                        rule.below_high ? "below " : "", number_text(*rule.high));
  else if (rule.low)
    text += fmt::format(" of {} or more", number_text(*rule.low));
  else if (rule.high)
    text += fmt::format(" {} {}", rule.below_high ? "below" : "of at most", number_text(*rule.high));
  else if (rule.whole)
    text += " of 0 or more";
  if (!rule.example.empty()) text += fmt::format(" (e.g. {})", rule.example);
  return text;
}

std::string number_problem(std::string_view text, const NumberRule& rule) {
  auto value = read_number(text, rule.whole);
  bool fits = value && std::isfinite(*value) && (!rule.low || *value >= *rule.low) &&
              (!rule.high || (rule.below_high ? *value < *rule.high : *value <= *rule.high));
  if (fits) return "";
  return fmt::format("expected {}, found {}", number_expected(rule), quote_value(text));
}

std::string canonical_number(std::string_view text, const NumberRule& rule) {
  if (!rule.whole || !number_problem(text, rule).empty()) return std::string(text);
  auto first = text.find_first_not_of('0');
  return first == std::string_view::npos ? "0" : std::string(text.substr(first));
}

}  // namespace koe
