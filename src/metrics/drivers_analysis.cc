#include "metrics/drivers_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "stats/distributions.h"

namespace koe {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// The delete-a-group jackknife over the replicates: SE² = (G - 1)/G Σ (θ_g - θ̄)².
double jackknife_se(const std::vector<double>& replicates) {
  const double g = static_cast<double>(replicates.size());
  const double mean = std::accumulate(replicates.begin(), replicates.end(), 0.0) / g;
  double squares = 0;
  for (double value : replicates) squares += (value - mean) * (value - mean);
  return std::sqrt((g - 1) / g * squares);
}

}  // namespace

std::string_view quadrant_name(Quadrant quadrant) {
  switch (quadrant) {
    case Quadrant::fix_first: return "fix first";
    case Quadrant::keep_up: return "keep up";
    case Quadrant::over_invested: return "over-invested";
    case Quadrant::low_priority: return "low priority";
  }
  return "";
}

Eigen::VectorXd importances(const stats::Correlations& c, const AnalysisSettings& settings) {
  if (settings.method == DriverMethod::relative_weights) return stats::relative_weights(c);
  if (c.size() <= kExactDriversLimit)
    return stats::shapley_exact(stats::all_subsets_r2(c), c.size());
  return stats::shapley_sampled(c, settings.orders, settings.seed);
}

Analysis analyse_drivers(const stats::DriversAccumulator& sums,
                         const std::vector<std::string>& driver_names,
                         const AnalysisSettings& settings) {
  const std::size_t p = driver_names.size();
  Analysis a;
  a.rows = sums.rows();
  a.model_rows = sums.model_rows();
  a.invalid_weights = sums.invalid_weights();
  const auto moments = stats::moments_of(sums.total());
  a.weight_total = moments.weight_total;
  a.n_eff = moments.n_eff;
  a.outcome_mean = moments.n > 0 ? moments.mean(0) : kNan;
  a.fit = stats::fit_model(moments, driver_names);

  a.drivers.resize(p);
  for (std::size_t j = 0; j < p; ++j) {
    auto& d = a.drivers[j];
    const auto& tally = sums.columns()[j + 1];
    d.index = j;
    d.n = tally.valid;
    const double weight = tally.weight.value();
    d.mean = weight > 0 ? tally.sum.value() / weight : kNan;
    d.pct_top_box = weight > 0 ? 100 * tally.top_box.value() / weight : kNan;
    d.r = d.beta = d.coefficient = d.vif = d.importance = d.se = d.low = d.high = kNan;
    d.pct_of_r2 = kNan;
  }
  if (!a.fit.estimable) {
    a.r2_se = a.r2_low = a.r2_high = kNan;
    return a;
  }

  const auto c = stats::correlations_of(moments);
  const Eigen::VectorXd importance = importances(c, settings);
  // Replicates: the model without each non-empty group in turn.
  std::vector<std::vector<double>> replicate(p + 1);
  bool complete = true;
  for (std::size_t g = 0; g < sums.groups().size() && complete; ++g) {
    if (sums.groups()[g].n == 0) continue;
    const auto m = stats::moments_of(sums.without(g));
    const auto f = stats::fit_model(m, driver_names);
    if (!f.estimable) {
      complete = false;
      break;
    }
    const Eigen::VectorXd values = importances(stats::correlations_of(m), settings);
    for (std::size_t j = 0; j < p; ++j) replicate[j].push_back(values(static_cast<Eigen::Index>(j)));
    replicate[p].push_back(f.r2);
  }
  a.replicates = complete && replicate[p].size() >= 2 ? replicate[p].size() : 0;
  double t = kNan;
  if (a.replicates > 0)
    t = stats::student_t_quantile(0.5 + settings.confidence / 2, static_cast<double>(a.replicates - 1));
  auto interval = [&](const std::vector<double>& values, double estimate, double& se, double& low,
                      double& high) {
    se = a.replicates > 0 ? jackknife_se(values) : kNan;
    low = estimate - t * se;
    high = estimate + t * se;
  };
  interval(replicate[p], a.fit.r2, a.r2_se, a.r2_low, a.r2_high);

  double performance = 0;
  for (const auto& d : a.drivers) performance += d.mean;
  a.performance_cut = performance / static_cast<double>(p);
  a.importance_cut = a.fit.r2 / static_cast<double>(p);
  for (std::size_t j = 0; j < p; ++j) {
    auto& d = a.drivers[j];
    const auto k = static_cast<Eigen::Index>(j);
    d.r = c.outcome(k);
    d.beta = a.fit.beta(k);
    d.coefficient = a.fit.coefficient(k);
    d.vif = a.fit.vif(k);
    d.importance = importance(k);
    d.pct_of_r2 = 100 * d.importance / a.fit.r2;
    interval(replicate[j], d.importance, d.se, d.low, d.high);
    const bool important = d.importance >= a.importance_cut;
    const bool performs = d.mean >= a.performance_cut;
    d.quadrant = important ? (performs ? Quadrant::keep_up : Quadrant::fix_first)
                           : (performs ? Quadrant::over_invested : Quadrant::low_priority);
  }
  std::vector<std::size_t> by_importance(p);
  std::iota(by_importance.begin(), by_importance.end(), 0);
  std::stable_sort(by_importance.begin(), by_importance.end(), [&](std::size_t x, std::size_t y) {
    return a.drivers[x].importance > a.drivers[y].importance;
  });
  for (std::size_t r = 0; r < p; ++r) a.drivers[by_importance[r]].rank = r + 1;

  // Each driver over the VIF limit, with the driver it is most correlated with.
  for (std::size_t j = 0; j < p; ++j) {
    if (!(a.drivers[j].vif > settings.vif_limit)) continue;
    std::size_t partner = j;
    double strongest = -1;
    for (std::size_t k = 0; k < p; ++k) {
      const double r = std::abs(c.drivers(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(k)));
      if (k != j && r > strongest) {
        strongest = r;
        partner = k;
      }
    }
    if (partner == j) continue;
    const auto first = std::min(j, partner), second = std::max(j, partner);
    bool seen = std::any_of(a.collinear.begin(), a.collinear.end(), [&](const CollinearPair& pair) {
      return pair.first == first && pair.second == second;
    });
    if (!seen)
      a.collinear.push_back({first, second,
                             c.drivers(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(second)),
                             a.drivers[first].vif, a.drivers[second].vif});
  }

  if (settings.keep > 0) a.keep = stats::best_subset(c, settings.keep, kExactDriversLimit);

  std::stable_sort(a.drivers.begin(), a.drivers.end(), [](const DriverResult& x, const DriverResult& y) {
    if (x.quadrant != y.quadrant) return x.quadrant < y.quadrant;
    return x.importance > y.importance;
  });
  return a;
}

}  // namespace koe
