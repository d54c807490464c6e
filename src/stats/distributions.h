// The normal distribution, for z intervals and tests.
#pragma once

namespace koe::stats {

// Standard normal CDF.
double normal_cdf(double z);

// Standard normal quantile (inverse CDF) for 0 < p < 1, to full double
// precision: Acklam's rational approximation refined by one Halley step.
double normal_quantile(double p);

// z such that a two-sided interval at `confidence` (e.g. 0.95) is ±z.
double two_sided_z(double confidence);

// Two-sided p-value of a standard normal statistic.
double two_sided_p(double z);

}  // namespace koe::stats
