// The mean of any numeric answers (spend, minutes, a rating read as a
// number): the accumulator of its sums and the finished result, the mean
// with a t interval.
//
// The state is sums (n, sum w, sum w^2, sum w x, sum w x^2), so groups and
// threads merge by adding. Weighted: the mean is sum w x / sum w; the
// standard deviation is the reliability-weights form
// sqrt(sum w (x - m)^2 / sum w * n_eff / (n_eff - 1)) with the Kish
// effective size n_eff = (sum w)^2 / sum w^2, as for rating scales
// (stats/scale.h); unweighted it is the ordinary sample SD. SE = SD /
// sqrt(n_eff); the interval is mean ± t(n_eff - 1) SE.
#pragma once

#include <cstdint>

#include "stats/exact_sum.h"

namespace koe::stats {

struct MeanResult {
  std::uint64_t n = 0, missing = 0, invalid = 0;
  double mean = 0, sd = 0, se = 0, ci_low = 0, ci_high = 0;  // NaN where undefined
  bool weighted = false;
  double weight_total = 0, n_eff = 0;
  double confidence = 0.95;
};

class MeanAccumulator {
 public:
  explicit MeanAccumulator(bool weighted = false) : weighted_(weighted) {}

  void add(double value) { add(value, 1); }
  void add(double value, double weight) {
    ++n_;
    weights_ += weight;
    weight_squares_ += weight * weight;
    sum_ += weight * value;
    squares_ += weight * value * value;
  }
  void add_missing() { ++missing_; }
  void add_invalid() { ++invalid_; }
  void merge(const MeanAccumulator& other);

  MeanResult finish(double confidence) const;

  // The state (stats/state.h): weighted (0 or 1), n, missing, invalid, then
  // the exact sums of w, w^2, w x and w x^2.
  void save(StateWriter& out) const;
  void load(StateReader& in);

 private:
  bool weighted_;
  std::uint64_t n_ = 0, missing_ = 0, invalid_ = 0;
  // Exact sums, so groups and threads merge to the same bits in any order.
  ExactSum weights_, weight_squares_, sum_, squares_;
};

}  // namespace koe::stats
