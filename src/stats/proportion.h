// Intervals for a share (a proportion of answers).
#pragma once

namespace koe::stats {

struct ProportionInterval {
  double low, high;
};

// Wilson score interval for share p of n answers (n may be an effective,
// fractional size), z from the confidence level. Wilson (1927), JASA 22:
// center (p + z^2/2n) / (1 + z^2/n), half-width
// z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).
ProportionInterval wilson_interval(double p, double n, double z);

}  // namespace koe::stats
