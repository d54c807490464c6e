#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numeric>

#include "stats/bootstrap.h"

using namespace koe::stats;

TEST_CASE("the generator is deterministic per seed and uniform draws stay inside (0, 1)") {
  Random a(7), b(7), c(8);
  for (int i = 0; i < 100; ++i) {
    auto x = a.next();
    CHECK(x == b.next());
    (void)c;
  }
  CHECK(Random(7).next() != Random(8).next());
  Random u(1);
  double low = 1, high = 0;
  for (int i = 0; i < 100000; ++i) {
    double x = u.uniform();
    low = std::min(low, x);
    high = std::max(high, x);
  }
  CHECK(low > 0);
  CHECK(high < 1);
  CHECK(low < 1e-3);
  CHECK(high > 1 - 1e-3);
}

// Mean and variance of many draws against n p and n p (1 - p), within five
// standard errors; small and large n exercise both sampling paths.
TEST_CASE("binomial draws have the right mean and variance") {
  struct Case {
    std::uint64_t n;
    double p;
  };
  for (const Case& c : {Case{10, 0.3}, Case{63, 0.9}, Case{1000, 0.05}, Case{1000000, 0.37},
                        Case{10000000, 0.5}}) {
    const auto n = c.n;
    const double p = c.p;
    Random random(12345);
    constexpr int kDraws = 20000;
    double sum = 0, squares = 0, largest = 0;
    for (int i = 0; i < kDraws; ++i) {
      double x = static_cast<double>(random.binomial(n, p));
      largest = std::max(largest, x);
      sum += x;
      squares += x * x;
    }
    CHECK(largest <= static_cast<double>(n));
    double mean = sum / kDraws;
    double variance = squares / kDraws - mean * mean;
    double expected_variance = static_cast<double>(n) * p * (1 - p);
    double mean_tolerance = 5 * std::sqrt(expected_variance / kDraws);
    CHECK_MESSAGE(std::fabs(mean - static_cast<double>(n) * p) < mean_tolerance, "n=" << n);
    CHECK_MESSAGE(variance == doctest::Approx(expected_variance).epsilon(0.05), "n=" << n);
  }
  Random random(1);
  CHECK(random.binomial(0, 0.5) == 0);
  CHECK(random.binomial(10, 0.0) == 0);
  CHECK(random.binomial(10, 1.0) == 10);
}

TEST_CASE("multinomial counts always add up to the trials") {
  Random random(3);
  for (int i = 0; i < 1000; ++i) {
    auto counts = random.multinomial(977, {0.2, 0.5, 0.3});
    CHECK(std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}) == 977);
  }
}

TEST_CASE("type-7 quantiles, as NumPy's default") {
  std::vector<double> values{1, 2, 3, 4, 10};
  CHECK(quantile_sorted(values, 0) == 1);
  CHECK(quantile_sorted(values, 1) == 10);
  CHECK(quantile_sorted(values, 0.5) == 3);
  CHECK(quantile_sorted(values, 0.9) == doctest::Approx(7.6));  // numpy.quantile(v, 0.9)
  CHECK(quantile_sorted(values, 0.025) == doctest::Approx(1.1));
}
