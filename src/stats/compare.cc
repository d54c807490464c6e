#include "stats/compare.h"

#include "stats/distributions.h"

namespace koe::stats {

Comparison compare(double a, double se_a, double b, double se_b) {
  Comparison c;
  if (!std::isfinite(a) || !std::isfinite(b) || !std::isfinite(se_a) || !std::isfinite(se_b))
    return c;
  c.difference = a - b;
  c.se = std::sqrt(se_a * se_a + se_b * se_b);
  // Both sides without spread (every answer alike): no test can be made.
  if (c.se <= 0) return c;
  c.z = c.difference / c.se;
  c.p = two_sided_p(c.z);
  return c;
}

double share_se(double p, double n) {
  if (!(n > 0)) return NAN;
  return std::sqrt(p * (1 - p) / n);
}

}  // namespace koe::stats
