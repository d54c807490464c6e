// Comparing two independent estimates: a segment and the rest of the data,
// a period and the one before it, this export and last month's. Each side
// brings its own standard error, from its own (effective) n, never the whole
// file's (PRODUCT.md, Statistics): the difference a - b has SE sqrt(SE_a^2 +
// SE_b^2), z = difference / SE and a two-sided p from the normal
// distribution (the Wald test; for two shares it is statsmodels'
// test_proportions_2indep(method="wald"), for two means
// CompareMeans.ztest_ind(usevar="unequal")).
#pragma once

#include <cmath>

namespace koe::stats {

struct Comparison {
  double difference = NAN, se = NAN, z = NAN, p = NAN;  // NaN when a side is undefined
};

Comparison compare(double a, double se_a, double b, double se_b);

// The standard error of a share p (0-1) of n answers, n possibly effective:
// sqrt(p (1 - p) / n).
double share_se(double p, double n);

}  // namespace koe::stats
