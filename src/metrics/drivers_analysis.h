// One key-driver analysis finished from its sums (stats/drivers.h): the fit,
// each driver's performance, correlation, coefficient, VIF and importance
// with a delete-a-group jackknife interval, its place in the
// importance-performance matrix, the collinear pairs, and the best K
// drivers to keep. No rows, no text: the report is built in drivers_report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "names.h"
#include "stats/drivers.h"
#include "stats/importance.h"

namespace koe {

enum class DriverMethod { relative_weights, shapley };

inline constexpr NameTable<DriverMethod, 4> kDriverMethodNames{{
    {"relative-weights", DriverMethod::relative_weights},
    {"shapley", DriverMethod::shapley},
    {"johnson", DriverMethod::relative_weights, false},
    {"lmg", DriverMethod::shapley, false},
}};

// The exact Shapley decomposition and best-subset search visit every subset
// of the drivers: 2^15 = 32768 at most.
inline constexpr std::size_t kExactDriversLimit = 15;

// The four cells of the importance-performance matrix, in priority order.
enum class Quadrant { fix_first, keep_up, over_invested, low_priority };
std::string_view quadrant_name(Quadrant quadrant);

struct AnalysisSettings {
  DriverMethod method = DriverMethod::relative_weights;
  std::uint64_t orders = 0;  // Shapley over more than kExactDriversLimit drivers: sampled orders
  std::uint64_t seed = 1;
  std::size_t keep = 0;      // 0: no survey slimming
  double confidence = 0.95;
  double vif_limit = 5;
};

struct DriverResult {
  std::size_t index = 0;  // in --drivers order
  std::uint64_t n = 0;    // valid answers (all rows, not just the model's)
  double mean = 0, pct_top_box = 0;
  double r = 0, beta = 0, coefficient = 0, vif = 0;
  double importance = 0, se = 0, low = 0, high = 0;  // NaN when no interval
  double pct_of_r2 = 0;
  std::size_t rank = 0;  // 1: the most important
  Quadrant quadrant = Quadrant::low_priority;
};

// Two drivers so correlated that their importances are unstable.
struct CollinearPair {
  std::size_t first = 0, second = 0;  // indices in --drivers order
  double r = 0, vif_first = 0, vif_second = 0;
};

struct Analysis {
  std::uint64_t rows = 0, model_rows = 0, invalid_weights = 0;
  double weight_total = 0, n_eff = 0, outcome_mean = 0;
  stats::Fit fit;                      // fit.problem says why when not estimable
  std::size_t replicates = 0;          // jackknife groups used; 0: no intervals
  double r2_se = 0, r2_low = 0, r2_high = 0;
  std::vector<DriverResult> drivers;   // in priority order
  std::vector<CollinearPair> collinear;
  double importance_cut = 0, performance_cut = 0;  // the matrix's dividing lines
  std::optional<stats::Subset> keep;
};

Analysis analyse_drivers(const stats::DriversAccumulator& sums,
                         const std::vector<std::string>& driver_names,
                         const AnalysisSettings& settings);

// The importances of one set of correlations by the method asked for.
Eigen::VectorXd importances(const stats::Correlations& c, const AnalysisSettings& settings);

}  // namespace koe
