// Seeded random draws for bootstrap intervals. Everything here is exact and
// defined by this code alone (no std:: distributions, whose algorithms differ
// between standard libraries), so a seed gives the same interval anywhere.
#pragma once

#include <cstdint>
#include <vector>

namespace koe::stats {

// xoshiro256** (Blackman & Vigna), seeded through splitmix64.
class Random {
 public:
  explicit Random(std::uint64_t seed);
  std::uint64_t next();
  double uniform();        // in (0, 1): never exactly 0 or 1
  double normal();         // standard normal (Marsaglia polar method)
  double gamma(double shape);  // shape >= 1 (Marsaglia & Tsang 2000)
  double beta(double a, double b);  // a, b >= 1
  // Binomial(trials, p), exact for any size: Knuth's beta splitting (TAOCP
  // 3.4.1) down to small counts, then geometric waiting times.
  std::uint64_t binomial(std::uint64_t trials, double p);
  // Counts of `trials` draws over categories with the given probabilities.
  std::vector<std::uint64_t> multinomial(std::uint64_t trials, const std::vector<double>& p);

 private:
  std::uint64_t state_[4];
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

// The q-quantile of sorted values with linear interpolation (Hyndman & Fan
// type 7, the default of R and NumPy).
double quantile_sorted(const std::vector<double>& sorted, double q);

}  // namespace koe::stats
