// Net Promoter Score: the accumulator of one question's answers and the
// finished result with its interval.
//
// Each valid answer is +1 (promoter, 9-10), 0 (passive, 7-8) or -1
// (detractor, 0-6); NPS = 100 (pP - pD). The variance of one answer is
// v = pP + pD - (pP - pD)^2 and SE = 100 sqrt(v / n), with n the Kish
// effective size when weighted. Intervals: Wald, adjusted-Wald (Rocks 2016:
// add 3/4 to promoters and to detractors and 3 to n, then Wald on those) and
// a seeded percentile bootstrap. docs/nps.md gives the sources.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "stats/exact_sum.h"

#include "names.h"

namespace koe::stats {

enum class IntervalMethod { adjusted_wald, wald, bootstrap };

// --interval.
inline constexpr NameTable<IntervalMethod, 4> kIntervalMethodNames{{
    {"adjusted", IntervalMethod::adjusted_wald},
    {"adjusted-wald", IntervalMethod::adjusted_wald, false},
    {"wald", IntervalMethod::wald},
    {"bootstrap", IntervalMethod::bootstrap},
}};

// The name results are labelled with.
std::string_view interval_method_name(IntervalMethod method);

struct NpsSettings {
  IntervalMethod interval = IntervalMethod::adjusted_wald;
  double confidence = 0.95;
  std::uint64_t bootstrap_samples = 2000;
  std::uint64_t seed = 1;
};

struct NpsResult {
  std::uint64_t n = 0;  // valid answers
  std::uint64_t missing = 0;
  std::uint64_t invalid = 0;
  std::uint64_t promoters = 0, passives = 0, detractors = 0;
  double pct_promoters = 0, pct_passives = 0, pct_detractors = 0;  // weighted when weighted
  double nps = 0, se = 0, ci_low = 0, ci_high = 0;                 // NaN when n is 0
  bool weighted = false;
  double weight_total = 0;  // sum of weights of valid answers
  double n_eff = 0;         // Kish effective sample size; n when unweighted
  IntervalMethod interval = IntervalMethod::adjusted_wald;
  double confidence = 0.95;
};

class NpsAccumulator {
 public:
  // `keep_weight_cells`: remember how many answers share each (category,
  // weight) pair, which the weighted bootstrap resamples from.
  explicit NpsAccumulator(bool weighted = false, bool keep_weight_cells = false);
  NpsAccumulator(const NpsAccumulator& other);
  NpsAccumulator& operator=(const NpsAccumulator& other);
  NpsAccumulator(NpsAccumulator&&) noexcept = default;
  NpsAccumulator& operator=(NpsAccumulator&&) noexcept = default;

  void add(int score) { ++count_by_score_[static_cast<std::size_t>(score)]; }
  void add(int score, double weight);
  void add_missing() { ++missing_; }
  void add_invalid() { ++invalid_; }
  void merge(const NpsAccumulator& other);

  NpsResult finish(const NpsSettings& settings) const;
  // Valid answers so far (the n of finish), without finishing.
  std::uint64_t valid_count() const;

  // The state (stats/state.h): weighted (0 or 1), the 11 counts by score,
  // missing, invalid, then when weighted the 4 exact sums. The weight cells
  // of a weighted bootstrap are not state: they grow with the distinct
  // weights, not the groups, so --partial refuses that interval. load()
  // throws StateError on a state of another shape.
  void save(StateWriter& out) const;
  void load(StateReader& in);

  const std::array<std::uint64_t, 11>& count_by_score() const { return count_by_score_; }

 private:
  static std::size_t category(int score) { return score >= 9 ? 0 : score >= 7 ? 1 : 2; }

  std::array<std::uint64_t, 11> count_by_score_{};
  std::uint64_t missing_ = 0;
  std::uint64_t invalid_ = 0;
  // When weighted, exact sums (groups and threads merge to the same bits in
  // any order) of the weights of promoters, passives, detractors, and of the
  // squared weights, and the bootstrap's cells. Held apart, so an
  // unweighted group is its counts (a million groups, 112 MB) and no more.
  struct Weighted {
    std::array<ExactSum, 4> sums;
    bool keep_cells = false;
    std::map<std::pair<std::size_t, double>, std::uint64_t> cells;
  };
  static constexpr std::size_t kSquares = 3;
  std::unique_ptr<Weighted> weighted_;
};

// The standard error of NPS, in points, from the shares of promoters and
// detractors among n (effective) answers: 100 sqrt(v / n), v as above.
double nps_standard_error(double p_promoters, double p_detractors, double n);

// NPS and interval from proportions of promoters and detractors and an
// (effective) sample size: the formulas, separate from counting.
struct NpsInterval {
  double nps, se, low, high;
};
NpsInterval wald_interval(double p_promoters, double p_detractors, double n, double z);
NpsInterval adjusted_wald_interval(double p_promoters, double p_detractors, double n, double z);

}  // namespace koe::stats
