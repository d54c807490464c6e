// Answers on a rating scale (CSAT, CES and any Likert item): the accumulator
// of counts and weights per scale point, and the finished result: top-box
// and bottom-box shares with Wilson intervals, mean with a t interval,
// standard deviation and the full distribution.
//
// Weighted: shares and mean use the weights; every interval uses the Kish
// effective size n_eff = (sum w)^2 / sum w^2, and the standard deviation is
// the reliability-weights form sqrt(sum w (x - m)^2 / sum w * n_eff /
// (n_eff - 1)), which is the ordinary sample SD when all weights are equal.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "stats/exact_sum.h"

namespace koe::stats {

struct ScaleDefinition {
  int low = 1;
  int high = 5;
  std::vector<int> top_box;     // scale points counted as satisfied / agreeing
  std::vector<int> bottom_box;  // ... as dissatisfied / disagreeing

  int points() const { return high - low + 1; }
};

// Top two points on scales of four or more points, else the top point; the
// bottom box mirrors it.
ScaleDefinition default_scale(int low, int high);

// "4-5" or "4,5" or "1-2,5" within [low, high]; empty when malformed.
std::vector<int> parse_box(const std::string& text, int low, int high);
// The shortest text for a set of points: "4-5", "1,3", "6-7".
std::string describe_box(const std::vector<int>& points);

struct ScaleSettings {
  double confidence = 0.95;
};

struct ScaleResult {
  std::uint64_t n = 0, missing = 0, invalid = 0;
  std::uint64_t top_box = 0, bottom_box = 0;
  double pct_top_box = 0, top_box_ci_low = 0, top_box_ci_high = 0;
  double pct_bottom_box = 0;
  double mean = 0, sd = 0, mean_ci_low = 0, mean_ci_high = 0;  // NaN where undefined
  std::vector<std::uint64_t> distribution;  // answers per scale point, low..high
  std::vector<double> pct_distribution;     // weighted when weighted
  bool weighted = false;
  double weight_total = 0, n_eff = 0;
  double confidence = 0.95;
};

class ScaleAccumulator {
 public:
  explicit ScaleAccumulator(const ScaleDefinition& scale, bool weighted = false);

  void add(int value) { ++counts_[static_cast<std::size_t>(value - low_)]; }
  void add(int value, double weight);
  void add_missing() { ++missing_; }
  void add_invalid() { ++invalid_; }
  void merge(const ScaleAccumulator& other);

  ScaleResult finish(const ScaleDefinition& scale, const ScaleSettings& settings) const;
  // Valid answers so far (the n of finish), without finishing.
  std::uint64_t valid_count() const;

  // The state (stats/state.h): weighted (0 or 1), the lowest point, the
  // number of points, the count per point, missing, invalid, then when
  // weighted the exact sum of weights per point and of squared weights.
  void save(StateWriter& out) const;
  void load(StateReader& in);

 private:
  int low_;
  bool weighted_;
  std::vector<std::uint64_t> counts_;
  std::vector<ExactSum> weights_;  // exact sums of weights per point, when weighted
  ExactSum weight_squares_;
  std::uint64_t missing_ = 0, invalid_ = 0;
};

}  // namespace koe::stats
