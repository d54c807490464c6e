#include "stats/exact_sum.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
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

TEST_CASE("a saved sum loads to the same bits and merges like the original") {
  std::mt19937_64 random(14);
  std::uniform_real_distribution<double> uniform(-3, 3);
  for (int round = 0; round < 50; ++round) {
    ExactSum sum, other;
    for (int i = 0; i < 40; ++i) {
      sum.add(uniform(random));
      other.add(uniform(random));
    }
    // Terms outside the fixed-point range go to the partials.
    sum.add(1e-30 * (round + 1));
    sum.add(3.5e19 * (round % 3 - 1));
    if (round == 7) sum.add(std::numeric_limits<double>::infinity());
    koe::stats::StateWriter out;
    sum.save(out);
    std::string json = out.json();
    std::string word = json.substr(2, json.size() - 4);
    koe::stats::StateReader in({word});
    ExactSum loaded;
    loaded.load(in);
    in.finish();
    CHECK(std::bit_cast<std::uint64_t>(loaded.value()) == std::bit_cast<std::uint64_t>(sum.value()));
    loaded.merge(other);
    sum.merge(other);
    CHECK(std::bit_cast<std::uint64_t>(loaded.value()) == std::bit_cast<std::uint64_t>(sum.value()));
  }
}

TEST_CASE("a malformed saved sum is a StateError") {
  for (std::string word : {std::string("12"), std::string(64, 'g'), std::string(64, '0') + " zz",
                           std::string(64, '0') + " 0x1p+0 0x1p-1"}) {
    koe::stats::StateReader in({word});
    ExactSum sum;
    CHECK_THROWS_AS(sum.load(in), koe::stats::StateError);
  }
}
