// Numbers as the machine formats (JSON, NDJSON, CSV) write them: the
// shortest text that reads back to the same double, as fmt's "{}" writes
// it, and "0" for either zero.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <string_view>
#include <vector>

namespace koe::output {

// Room write_number may need: a sign, 17 digits, a point and an exponent.
inline constexpr std::size_t kNumberChars = 32;

// Writes finite `value` at `out`; returns the end. Whole numbers below
// 10^15 are written as integers: the same digits the shortest form has, at
// a fraction of its cost (a report of a million small groups is mostly
// whole percentages).
char* write_number(char* out, double value);

// The text of each column's last number. Report rows repeat values down a
// column (a confidence level, the interval of every one-answer group), and
// a repeat costs a comparison instead of a conversion.
class NumberColumns {
 public:
  explicit NumberColumns(std::size_t columns) : last_(columns) {}

  std::string_view text(std::size_t column, double value) {
    Last& last = last_[column];
    const auto bits = std::bit_cast<std::uint64_t>(value);
    if (last.size == 0 || last.bits != bits) {
      last.bits = bits;
      last.size = static_cast<std::uint8_t>(write_number(last.text.data(), value) - last.text.data());
    }
    return {last.text.data(), last.size};
  }

 private:
  struct Last {
    std::uint64_t bits = 0;
    std::uint8_t size = 0;  // 0: nothing written yet
    std::array<char, kNumberChars> text{};
  };
  std::vector<Last> last_;
};

}  // namespace koe::output
