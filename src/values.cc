#include "values.h"

#include "labels.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace koe {

namespace {

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Full-width digits (U+FF10..U+FF19, EF BC 90..99) as ASCII, else nullopt
// when the text holds none.
std::optional<std::string> fold_full_width_digits(std::string_view text) {
  if (text.find("\xEF\xBC") == std::string_view::npos) return std::nullopt;
  std::string folded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i + 2 < text.size() && text[i] == '\xEF' && text[i + 1] == '\xBC' &&
        static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      folded += static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0x90));
      i += 2;
    } else {
      folded += text[i];
    }
  }
  return folded;
}

// An integer written as digits, optionally followed by ".0", ".00" ...
std::optional<long> parse_integral(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) text.remove_prefix(1);
  if (auto dot = text.find('.'); dot != std::string_view::npos) {
    auto fraction = text.substr(dot + 1);
    if (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), [](char c) {
          return c == '0';
        }))
      return std::nullopt;
    text = text.substr(0, dot);
  }
  if (text.empty() || text.size() > 9) return std::nullopt;
  long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

}  // namespace

std::string_view trim_blanks(std::string_view text) {
  auto blank_prefix = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    if (t[0] == ' ' || t[0] == '\t' || t[0] == '\r' || t[0] == '\n') return 1;
    if (t.starts_with("\xC2\xA0")) return 2;
    if (t.starts_with("\xE3\x80\x80")) return 3;
    return 0;
  };
  auto blank_suffix = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    char last = t.back();
    if (last == ' ' || last == '\t' || last == '\r' || last == '\n') return 1;
    if (t.ends_with("\xC2\xA0")) return 2;
    if (t.ends_with("\xE3\x80\x80")) return 3;
    return 0;
  };
  while (auto n = blank_prefix(text)) text.remove_prefix(n);
  while (auto n = blank_suffix(text)) text.remove_suffix(n);
  return text;
}

bool is_standard_missing(std::string_view trimmed) {
  static constexpr std::array<std::string_view, 9> kTokens = {"", "na", "n/a", "#n/a", "null",
                                                              "none", "nan", "-", "."};
  auto matches = [](std::string_view text) {
    return std::any_of(kTokens.begin(), kTokens.end(), [&](std::string_view token) {
      return equal_ignoring_ascii_case(text, token);
    });
  };
  if (matches(trimmed)) return true;
  // Full-width forms (Ｎ／Ａ, ｎｕｌｌ) fold to the same tokens.
  bool ascii = std::all_of(trimmed.begin(), trimmed.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return !ascii && matches(fold_label(trimmed));
}

ScaleParser::ScaleParser(int low, int high, std::vector<std::string> na_codes,
                         const LabelMap* labels)
    : low_(low), high_(high), na_codes_(std::move(na_codes)), labels_(labels) {
  for (auto& code : na_codes_) {
    code = fold_label(code);
    if (auto number = parse_integral(code)) na_numbers_.push_back(*number);
  }
}

namespace {

// A standard non-answer, or one of a column's own codes (folded).
bool is_no_answer(std::string_view trimmed, const std::vector<std::string>& codes) {
  if (is_standard_missing(trimmed)) return true;
  return !codes.empty() && std::find(codes.begin(), codes.end(), fold_label(trimmed)) != codes.end();
}

}  // namespace

Answer ScaleParser::parse_text(std::string_view text) const {
  std::string_view trimmed = trim(text);
  if (is_no_answer(trimmed, na_codes_)) return {AnswerKind::missing, 0};
  auto folded = fold_full_width_digits(trimmed);
  auto number = parse_integral(folded ? std::string_view(*folded) : trimmed);
  if (!number && labels_ != nullptr) {
    if (auto point = labels_->find(trimmed)) number = *point;
  }
  // A numeric no-answer code (99) also matches how else it is written (99.0, ９９).
  if (number && std::find(na_numbers_.begin(), na_numbers_.end(), *number) != na_numbers_.end())
    return {AnswerKind::missing, 0};
  if (!number || *number < low_ || *number > high_) return {AnswerKind::invalid, 0};
  return {AnswerKind::valid, static_cast<int>(*number)};
}

NumberParser::NumberParser(std::vector<std::string> na_codes) : na_codes_(std::move(na_codes)) {
  for (auto& code : na_codes_) code = fold_label(code);
}

NumberAnswer NumberParser::parse(std::string_view text) const {
  std::string_view trimmed = trim(text);
  if (is_no_answer(trimmed, na_codes_)) return {AnswerKind::missing, 0};
  auto folded = fold_full_width_digits(trimmed);
  auto number = parse_number(folded ? std::string_view(*folded) : trimmed);
  if (!number) return {AnswerKind::invalid, 0};
  // A numeric code (99) also matches how else it is written (99.0).
  for (const auto& code : na_codes_)
    if (auto code_number = parse_number(code); code_number && *code_number == *number)
      return {AnswerKind::missing, 0};
  return {AnswerKind::valid, *number};
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::optional<double> parse_weight(std::string_view text) {
  auto value = parse_number(text);
  if (!value || *value < 0) return std::nullopt;
  return value;
}

}  // namespace koe
