// A sum of doubles that does not depend on the order of its terms. The sum
// is kept exactly and rounded once, correctly, when read, so a sum merged
// from any split of its terms, in any order (threads, shards, groups merged
// into a whole) reads the same bits as the sum of them one by one, which
// plain double addition does not promise.
//
// Terms between 2^-76 and 2^64 in size (every weight and square of a weight
// a survey has) are whole numbers once scaled by 2^128, and are added into a
// 256-bit fixed-point integer: exact, and a few instructions. Others (and
// terms that are not finite) go to a list of non-overlapping partials
// (Shewchuk 1997, "Adaptive precision floating-point arithmetic"; the
// algorithm of Python's math.fsum), which also rounds the total.
//
// Weighted accumulators keep their sums this way; counts stay integers.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "stats/state.h"

namespace koe::stats {

class ExactSum {
 public:
  ExactSum() = default;
  explicit ExactSum(double x) { add(x); }

  // Inline: weighted scans add two or three terms per row.
  void add(double x) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const int exponent = static_cast<int>((bits >> 52) & 0x7FF);
    // Normal numbers from 2^-76 to below 2^64: mantissa * 2^(exponent - 947)
    // once scaled by 2^128, a shift of 0 to 139 bits.
    if (exponent >= kLowestExponent && exponent <= kHighestExponent) {
      const std::uint64_t mantissa = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
      add_fixed(mantissa, static_cast<unsigned>(exponent - kLowestExponent), (bits >> 63) != 0);
    } else if (x != 0) {
      add_partial(x);
    }
  }
  void merge(const ExactSum& other);
  ExactSum& operator+=(double x) {
    add(x);
    return *this;
  }

  // The exact sum rounded to the nearest double (ties to even); infinite or
  // NaN when a term was, or the sum does not fit in a double.
  double value() const;

  // The exact state as one field (stats/state.h): the fixed-point words in
  // 64 hex digits, then each partial and the non-finite sum, if any, as
  // hexadecimal floating point, separated by spaces. Loading it gives a sum
  // equal to this one in every bit.
  void save(StateWriter& out) const;
  void load(StateReader& in);

 private:
  static constexpr int kLowestExponent = 1023 - 76;  // biased exponent of 2^-76
  static constexpr int kHighestExponent = 1023 + 63;

  void add_fixed(std::uint64_t mantissa, unsigned shift, bool negative) {
    const unsigned limb = shift / 64, offset = shift % 64;
    std::array<std::uint64_t, 4> term{};
    term[limb] = mantissa << offset;
    if (offset > 11) term[limb + 1] = mantissa >> (64 - offset);
    if (negative) {
      // Two's complement of the term, added.
      std::uint64_t carry = 1;
      for (auto& word : term) {
        word = ~word + carry;
        carry = carry && word == 0;
      }
    }
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const std::uint64_t before = fixed_[i];
      const std::uint64_t sum = before + term[i];
      const std::uint64_t total = sum + carry;
      carry = (sum < before) || (total < sum);
      fixed_[i] = total;
    }
  }
  void add_partial(double x);

  std::array<std::uint64_t, 4> fixed_{};  // two's complement, units of 2^-128
  std::vector<double> partials_;          // non-overlapping, increasing magnitude
  double special_ = 0;                    // the sum of the terms that were not finite
};

}  // namespace koe::stats
