// The normal and Student t distributions, for intervals and tests.
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

// Regularized incomplete beta function I_x(a, b), by its continued fraction
// (modified Lentz), for a, b > 0 and 0 <= x <= 1.
double incomplete_beta(double a, double b, double x);

// Student t CDF with `df` > 0 degrees of freedom (df need not be whole: a
// weighted mean uses n_eff - 1).
double student_t_cdf(double t, double df);

// Student t quantile for 0 < p < 1, refined by Newton steps on the CDF.
double student_t_quantile(double p, double df);

}  // namespace koe::stats
