#include "stats/nps.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stats/bootstrap.h"
#include "stats/distributions.h"

namespace koe::stats {

namespace {

double clamp_nps(double value) { return std::clamp(value, -100.0, 100.0); }

double variance_of_one(double p_promoters, double p_detractors) {
  double difference = p_promoters - p_detractors;
  return std::max(0.0, p_promoters + p_detractors - difference * difference);
}

struct Cell {
  int sign;  // +1 promoter, 0 passive, -1 detractor
  double weight;
  std::uint64_t count;
};

// Percentile bootstrap: resample the answers (as counts per cell, which is
// the same as resampling rows) and take the quantiles of the replicate NPS.
std::pair<double, double> bootstrap_interval(const std::vector<Cell>& cells, std::uint64_t n,
                                             const NpsSettings& settings) {
  std::vector<double> probabilities;
  for (const auto& cell : cells)
    probabilities.push_back(static_cast<double>(cell.count) / static_cast<double>(n));
  Random random(settings.seed);
  std::vector<double> replicates;
  replicates.reserve(settings.bootstrap_samples);
  for (std::uint64_t b = 0; b < settings.bootstrap_samples; ++b) {
    auto counts = random.multinomial(n, probabilities);
    double net = 0, total = 0;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      double mass = static_cast<double>(counts[k]) * cells[k].weight;
      net += cells[k].sign * mass;
      total += mass;
    }
    replicates.push_back(total > 0 ? 100 * net / total : 0);
  }
  std::sort(replicates.begin(), replicates.end());
  double alpha = 1 - settings.confidence;
  return {quantile_sorted(replicates, alpha / 2), quantile_sorted(replicates, 1 - alpha / 2)};
}

}  // namespace

std::string_view interval_method_name(IntervalMethod method) {
  switch (method) {
    case IntervalMethod::adjusted_wald: return "adjusted-wald";
    case IntervalMethod::wald: return "wald";
    case IntervalMethod::bootstrap: return "bootstrap";
  }
  return "";
}

double nps_standard_error(double p_promoters, double p_detractors, double n) {
  return 100 * std::sqrt(variance_of_one(p_promoters, p_detractors) / n);
}

NpsInterval wald_interval(double p_promoters, double p_detractors, double n, double z) {
  double nps = 100 * (p_promoters - p_detractors);
  double se = nps_standard_error(p_promoters, p_detractors, n);
  return {nps, se, clamp_nps(nps - z * se), clamp_nps(nps + z * se)};
}

NpsInterval adjusted_wald_interval(double p_promoters, double p_detractors, double n, double z) {
  double adjusted_n = n + 3;
  double promoters = (p_promoters * n + 0.75) / adjusted_n;
  double detractors = (p_detractors * n + 0.75) / adjusted_n;
  return wald_interval(promoters, detractors, adjusted_n, z);
}

NpsAccumulator::NpsAccumulator(bool weighted, bool keep_weight_cells) {
  if (weighted) weighted_ = std::make_unique<Weighted>(Weighted{{}, keep_weight_cells, {}});
}

NpsAccumulator::NpsAccumulator(const NpsAccumulator& other)
    : count_by_score_(other.count_by_score_), missing_(other.missing_), invalid_(other.invalid_),
      weighted_(other.weighted_ ? std::make_unique<Weighted>(*other.weighted_) : nullptr) {}

NpsAccumulator& NpsAccumulator::operator=(const NpsAccumulator& other) {
  if (this != &other) *this = NpsAccumulator(other);
  return *this;
}

void NpsAccumulator::add(int score, double weight) {
  ++count_by_score_[static_cast<std::size_t>(score)];
  weighted_->sums[category(score)] += weight;
  weighted_->sums[kSquares] += weight * weight;
  if (weighted_->keep_cells) ++weighted_->cells[{category(score), weight}];
}

void NpsAccumulator::merge(const NpsAccumulator& other) {
  for (std::size_t i = 0; i < count_by_score_.size(); ++i)
    count_by_score_[i] += other.count_by_score_[i];
  missing_ += other.missing_;
  invalid_ += other.invalid_;
  if (!other.weighted_) return;
  if (!weighted_) weighted_ = std::make_unique<Weighted>(Weighted{{}, other.weighted_->keep_cells, {}});
  for (std::size_t i = 0; i < weighted_->sums.size(); ++i) weighted_->sums[i].merge(other.weighted_->sums[i]);
  for (const auto& [cell, count] : other.weighted_->cells) weighted_->cells[cell] += count;
}

std::uint64_t NpsAccumulator::valid_count() const {
  std::uint64_t n = 0;
  for (auto count : count_by_score_) n += count;
  return n;
}

void NpsAccumulator::save(StateWriter& out) const {
  out.number(weighted_ ? 1 : 0);
  for (auto count : count_by_score_) out.number(count);
  out.number(missing_).number(invalid_);
  if (weighted_)
    for (const auto& sum : weighted_->sums) sum.save(out);
}

void NpsAccumulator::load(StateReader& in) {
  StateReader::expect(in.number() == (weighted_ ? 1u : 0u),
                      "the state is weighted where the merge is not, or the other way round");
  for (auto& count : count_by_score_) count = in.number();
  missing_ = in.number();
  invalid_ = in.number();
  if (weighted_)
    for (auto& sum : weighted_->sums) sum.load(in);
  in.finish();
}

NpsResult NpsAccumulator::finish(const NpsSettings& settings) const {
  NpsResult r;
  r.missing = missing_;
  r.invalid = invalid_;
  r.weighted = weighted_ != nullptr;
  r.interval = settings.interval;
  r.confidence = settings.confidence;
  std::array<std::uint64_t, 3> counts{};
  for (int score = 0; score <= 10; ++score)
    counts[category(score)] += count_by_score_[static_cast<std::size_t>(score)];
  r.promoters = counts[0];
  r.passives = counts[1];
  r.detractors = counts[2];
  r.n = counts[0] + counts[1] + counts[2];

  std::array<double, 3> mass{};
  if (weighted_) {
    for (std::size_t i = 0; i < 3; ++i) mass[i] = weighted_->sums[i].value();
    r.weight_total = mass[0] + mass[1] + mass[2];
    double squares = weighted_->sums[kSquares].value();
    r.n_eff = squares > 0 ? r.weight_total * r.weight_total / squares : 0;
  } else {
    for (std::size_t i = 0; i < 3; ++i) mass[i] = static_cast<double>(counts[i]);
    r.weight_total = static_cast<double>(r.n);
    r.n_eff = static_cast<double>(r.n);
  }

  const double nan = std::nan("");
  if (r.n == 0 || r.weight_total <= 0 || r.n_eff <= 0) {
    r.pct_promoters = r.pct_passives = r.pct_detractors = nan;
    r.nps = r.se = r.ci_low = r.ci_high = nan;
    return r;
  }
  double p_promoters = mass[0] / r.weight_total;
  double p_passives = mass[1] / r.weight_total;
  double p_detractors = mass[2] / r.weight_total;
  r.pct_promoters = 100 * p_promoters;
  r.pct_passives = 100 * p_passives;
  r.pct_detractors = 100 * p_detractors;

  double z = two_sided_z(settings.confidence);
  NpsInterval plain = wald_interval(p_promoters, p_detractors, r.n_eff, z);
  r.nps = plain.nps;
  r.se = plain.se;
  switch (settings.interval) {
    case IntervalMethod::wald:
      r.ci_low = plain.low;
      r.ci_high = plain.high;
      break;
    case IntervalMethod::adjusted_wald: {
      NpsInterval adjusted = adjusted_wald_interval(p_promoters, p_detractors, r.n_eff, z);
      r.ci_low = adjusted.low;
      r.ci_high = adjusted.high;
      break;
    }
    case IntervalMethod::bootstrap: {
      std::vector<Cell> cells;
      static constexpr int kSign[3] = {1, 0, -1};
      if (weighted_) {
        for (const auto& [cell, count] : weighted_->cells)
          cells.push_back({kSign[cell.first], cell.second, count});
      } else {
        for (std::size_t i = 0; i < 3; ++i)
          if (counts[i] > 0) cells.push_back({kSign[i], 1.0, counts[i]});
      }
      std::tie(r.ci_low, r.ci_high) = bootstrap_interval(cells, r.n, settings);
      break;
    }
  }
  return r;
}

}  // namespace koe::stats
