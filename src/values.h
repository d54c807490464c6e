// How a raw field becomes an answer: trimmed, then a non-answer (missing), a
// number on the scale (valid) or anything else (invalid). Shared by every
// metric so all tools classify the same text the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koe {

enum class AnswerKind { valid, missing, invalid };

struct Answer {
  AnswerKind kind = AnswerKind::missing;
  int value = 0;  // the scale point, when valid
};

// Leading and trailing white space removed: ASCII blanks, no-break space
// (U+00A0, common in spreadsheet exports) and the ideographic space (U+3000).
std::string_view trim_blanks(std::string_view text);
// Inline, since nearly every field read is trimmed and nearly none needs it:
// a field whose first and last bytes cannot belong to a blank is returned
// as it is.
inline std::string_view trim(std::string_view text) {
  if (text.empty()) return text;
  const auto first = static_cast<unsigned char>(text.front());
  const auto last = static_cast<unsigned char>(text.back());
  // Blanks start with a byte <= ' ', 0xC2 (U+00A0) or 0xE3 (U+3000) and
  // end with a byte <= ' ', 0xA0 or 0x80.
  if (first > ' ' && first != 0xC2 && first != 0xE3 && last > ' ' && last != 0xA0 && last != 0x80)
    return text;
  return trim_blanks(text);
}

// True for the texts every tool reads as "no answer" (compared after trimming,
// ignoring ASCII case): empty, NA, N/A, #N/A, NULL, None, NaN, "-", ".".
bool is_standard_missing(std::string_view trimmed);

// Reads answers on an integer scale low..high. Numbers may be written with
// full-width digits (１０) or as integral decimals (9.0, as spreadsheets and
// JSON emit them); `na_codes` (compared as labels are: NFKC, case folded,
// trimmed) are extra texts that mean "no answer" for this column, such as
// 99 or "Don't know".
class LabelMap;

class ScaleParser {
 public:
  // `labels` (optional, must outlive the parser) maps answer texts that are
  // not numbers to scale points.
  ScaleParser(int low, int high, std::vector<std::string> na_codes = {},
              const LabelMap* labels = nullptr);

  // Inline for the answers nearly every row holds: one or two plain digits
  // or nothing. The rest (padding, NA codes, full-width digits, labels) is
  // read by parse_text.
  Answer parse(std::string_view text) const {
    if (na_numbers_.empty()) {
      if (text.empty()) return {AnswerKind::missing, 0};
      const unsigned first = static_cast<unsigned char>(text[0]) - '0';
      if (first <= 9) {
        int value = -1;
        if (text.size() == 1) {
          value = static_cast<int>(first);
        } else if (text.size() == 2 && first != 0) {
          const unsigned second = static_cast<unsigned char>(text[1]) - '0';
          if (second <= 9) value = static_cast<int>(10 * first + second);
        }
        if (value >= low_ && value <= high_) return {AnswerKind::valid, value};
      }
    }
    return parse_text(text);
  }
  int low() const { return low_; }
  int high() const { return high_; }

 private:
  Answer parse_text(std::string_view text) const;

  int low_;
  int high_;
  std::vector<std::string> na_codes_;
  std::vector<long> na_numbers_;  // the codes that are numbers
  const LabelMap* labels_;
};

// A numeric answer (a mean's input: spend, minutes): valid when a finite
// number, missing when blank, a standard missing text or an `na_codes` code.
struct NumberAnswer {
  AnswerKind kind = AnswerKind::missing;
  double value = 0;
};

class NumberParser {
 public:
  explicit NumberParser(std::vector<std::string> na_codes = {});
  NumberAnswer parse(std::string_view text) const;

 private:
  std::vector<std::string> na_codes_;  // folded
};

// A finite decimal number (trimmed, an optional leading '+'), as weights,
// group keys and rule bounds are read; nullopt when the text is not one
// ("nan" and "inf" are text).
std::optional<double> parse_number(std::string_view text);

// A survey weight: a finite number >= 0. nullopt when the text is not one.
std::optional<double> parse_weight(std::string_view text);

}  // namespace koe
