#include "stats/mean.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/distributions.h"

namespace koe::stats {

void MeanAccumulator::merge(const MeanAccumulator& other) {
  n_ += other.n_;
  missing_ += other.missing_;
  invalid_ += other.invalid_;
  weights_ += other.weights_;
  weight_squares_ += other.weight_squares_;
  sum_ += other.sum_;
  squares_ += other.squares_;
}

MeanResult MeanAccumulator::finish(double confidence) const {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  MeanResult r;
  r.n = n_;
  r.missing = missing_;
  r.invalid = invalid_;
  r.weighted = weighted_;
  r.confidence = confidence;
  r.weight_total = weights_;
  r.n_eff = weighted_ ? (weight_squares_ > 0 ? weights_ * weights_ / weight_squares_ : 0)
                      : static_cast<double>(n_);
  if (n_ == 0 || weights_ <= 0) {
    r.mean = r.sd = r.se = r.ci_low = r.ci_high = nan;
    return r;
  }
  r.mean = sum_ / weights_;
  if (r.n_eff <= 1) {
    r.sd = r.se = r.ci_low = r.ci_high = nan;
    return r;
  }
  // sum w (x - m)^2 = sum w x^2 - m sum w x; never below 0 (rounding).
  double deviations = std::max(0.0, squares_ - r.mean * sum_);
  r.sd = std::sqrt(deviations / weights_ * r.n_eff / (r.n_eff - 1));
  r.se = r.sd / std::sqrt(r.n_eff);
  double half = student_t_quantile(1 - (1 - confidence) / 2, r.n_eff - 1) * r.se;
  r.ci_low = r.mean - half;
  r.ci_high = r.mean + half;
  return r;
}

}  // namespace koe::stats
