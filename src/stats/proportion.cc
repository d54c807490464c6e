#include "stats/proportion.h"

#include <algorithm>
#include <cmath>

namespace koe::stats {

ProportionInterval wilson_interval(double p, double n, double z) {
  double z2 = z * z;
  double denominator = 1 + z2 / n;
  double center = (p + z2 / (2 * n)) / denominator;
  double half = z * std::sqrt(std::max(0.0, p * (1 - p) / n + z2 / (4 * n * n))) / denominator;
  // At p = 0 or 1 the bound on that side is exactly 0 or 1; rounding would
  // leave it a hair inside.
  double low = p <= 0 ? 0.0 : std::max(0.0, center - half);
  double high = p >= 1 ? 1.0 : std::min(1.0, center + half);
  return {low, high};
}

}  // namespace koe::stats
