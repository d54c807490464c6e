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
  weights_.merge(other.weights_);
  weight_squares_.merge(other.weight_squares_);
  sum_.merge(other.sum_);
  squares_.merge(other.squares_);
}

void MeanAccumulator::save(StateWriter& out) const {
  out.number(weighted_ ? 1 : 0).number(n_).number(missing_).number(invalid_);
  for (const auto* sum : {&weights_, &weight_squares_, &sum_, &squares_}) sum->save(out);
}

void MeanAccumulator::load(StateReader& in) {
  StateReader::expect(in.number() == (weighted_ ? 1u : 0u),
                      "the state is weighted where the merge is not, or the other way round");
  n_ = in.number();
  missing_ = in.number();
  invalid_ = in.number();
  for (auto* sum : {&weights_, &weight_squares_, &sum_, &squares_}) sum->load(in);
  in.finish();
}

MeanResult MeanAccumulator::finish(double confidence) const {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  MeanResult r;
  r.n = n_;
  r.missing = missing_;
  r.invalid = invalid_;
  r.weighted = weighted_;
  r.confidence = confidence;
  const double weights = weights_.value(), squares = weight_squares_.value();
  const double sum = sum_.value(), sum_of_squares = squares_.value();
  r.weight_total = weights;
  r.n_eff = weighted_ ? (squares > 0 ? weights * weights / squares : 0) : static_cast<double>(n_);
  if (n_ == 0 || weights <= 0) {
    r.mean = r.sd = r.se = r.ci_low = r.ci_high = nan;
    return r;
  }
  r.mean = sum / weights;
  if (r.n_eff <= 1) {
    r.sd = r.se = r.ci_low = r.ci_high = nan;
    return r;
  }
  // sum w (x - m)^2 = sum w x^2 - m sum w x; never below 0 (rounding).
  double deviations = std::max(0.0, sum_of_squares - r.mean * sum);
  r.sd = std::sqrt(deviations / weights * r.n_eff / (r.n_eff - 1));
  r.se = r.sd / std::sqrt(r.n_eff);
  double half = student_t_quantile(1 - (1 - confidence) / 2, r.n_eff - 1) * r.se;
  r.ci_low = r.mean - half;
  r.ci_high = r.mean + half;
  return r;
}

}  // namespace koe::stats
