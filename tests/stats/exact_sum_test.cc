#include "stats/exact_sum.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using koe::stats::ExactSum;

namespace {

double sum_of(const std::vector<double>& terms) {
  ExactSum sum;
  for (double term : terms) sum.add(term);
  return sum.value();
}

// 20,000 terms of mixed sign spanning 13 orders of magnitude, from a 64-bit
// LCG that Python reproduces exactly (the expected sums are math.fsum's).
std::vector<double> lcg_terms() {
  static constexpr double kScales[] = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1,
                                       1e2,  1e3,  1e4,  1e5,  1e6,  1e7, 1e8};
  std::vector<double> terms;
  std::uint64_t x = 12345;
  for (int k = 0; k < 20000; ++k) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    double v = static_cast<double>(x >> 11) * 0x1p-53 * kScales[k % 14];
    terms.push_back(k % 3 == 0 ? -v : v);
  }
  return terms;
}

}  // namespace

TEST_CASE("an exact sum is the correctly rounded sum of its terms (Python's math.fsum)") {
  CHECK(sum_of({1e100, 1.0, -1e100}) == 1.0);
  CHECK(sum_of(std::vector<double>(10, 0.1)) == 1.0);  // a plain sum gives 0x1.fffffffffffffp-1
  CHECK(sum_of({1e16, 1.0, 1e-16}) == 0x1.1c37937e08001p+53);
  // Ties round to even, across partials: 1 + 2^-53 is a tie (down to 1), a
  // little more is not.
  CHECK(sum_of({1.0, 0x1p-53}) == 1.0);
  CHECK(sum_of({1.0, 0x1p-53, 0x1p-106}) == 0x1.0000000000001p+0);
  CHECK(sum_of(lcg_terms()) == 0x1.9f1851c519aecp+34);  // a plain sum: ...aeep+34
  CHECK(sum_of({}) == 0);
}

TEST_CASE("an exact sum reads the same bits in any order and from any split") {
  auto terms = lcg_terms();
  const double expected = sum_of(terms);
  std::mt19937_64 random(3);
  for (int round = 0; round < 10; ++round) {
    std::shuffle(terms.begin(), terms.end(), random);
    CHECK(sum_of(terms) == expected);
    // Split into uneven parts, summed apart and merged in another order.
    std::vector<ExactSum> parts(1 + round);
    for (std::size_t i = 0; i < terms.size(); ++i) parts[(i * 7 + i / 13) % parts.size()].add(terms[i]);
    std::shuffle(parts.begin(), parts.end(), random);
    ExactSum merged;
    for (const auto& part : parts) merged.merge(part);
    CHECK(merged.value() == expected);
  }
}

TEST_CASE("terms that are not finite, and sums too large for a double") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  CHECK(sum_of({1.0, inf, 2.0}) == inf);
  CHECK(std::isnan(sum_of({inf, -inf})));
  CHECK(std::isnan(sum_of({1.0, std::numeric_limits<double>::quiet_NaN()})));
  CHECK(sum_of({std::numeric_limits<double>::max(), std::numeric_limits<double>::max()}) == inf);
}
