// What a driver analysis computes from the sums of its model rows
// (stats/drivers.h): the weighted means and correlations, the least-squares
// fit in standardized form, and the two decompositions of R² into the
// drivers' importances. Every method works on the correlation matrix alone,
// so a jackknife replicate (the sums less one group's) costs one more call,
// not another pass over the rows. docs/drivers.md gives the formulas and
// their sources.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "stats/drivers.h"

namespace koe::stats {

// Weighted moments of the model rows: the outcome is variable 0.
struct Moments {
  std::uint64_t n = 0;
  double weight_total = 0, n_eff = 0;
  Eigen::VectorXd mean, sd;      // sd: the weighted population SD (Σ w (x - m)^2 / Σ w)
  Eigen::MatrixXd correlation;   // all variables, outcome first
};

Moments moments_of(const ModelSums& sums);

// The drivers' correlations with each other (R) and with the outcome (r).
struct Correlations {
  Eigen::MatrixXd drivers;
  Eigen::VectorXd outcome;
  std::size_t size() const { return static_cast<std::size_t>(outcome.size()); }
};

Correlations correlations_of(const Moments& moments);

// The least-squares fit. Standardized coefficients beta = R^-1 r; R² = r' R^-1 r;
// VIF_j = (R^-1)_jj; the coefficients in the answers' own units and the
// intercept follow from the SDs and means. Not estimable when R is singular
// (a driver constant, or one a sum of others) or there are too few rows.
struct Fit {
  bool estimable = false;
  std::string problem;  // why not, when not
  double r2 = 0, adjusted_r2 = 0, intercept = 0;
  Eigen::VectorXd beta, coefficient, vif;
};

// `driver_names` name the driver a problem is about.
Fit fit_model(const Moments& moments, const std::vector<std::string>& driver_names);

// Johnson's (2000) relative weights: with R = V diag(λ) V', Λ = V diag(√λ) V'
// (the correlations of the drivers with their closest orthonormal
// counterparts Z) and β = Λ^-1 r (the outcome regressed on Z), the weight of
// driver j is Σ_k Λ_jk² β_k². The weights sum to R².
Eigen::VectorXd relative_weights(const Correlations& c);

// R² of the outcome on every subset of the drivers, indexed by the subset's
// bit mask (bit j: driver j), by extending a Cholesky factor one driver at a
// time along a depth-first walk of the subsets. A driver that adds nothing
// new (collinear with those before it) adds nothing to R².
std::vector<double> all_subsets_r2(const Correlations& c);

// The Shapley value of each driver in the R² game (Lindeman, Merenda and
// Gold 1980; Grömping 2007): its increase of R² averaged over the orders in
// which drivers can enter the model, from the R² of every subset.
Eigen::VectorXd shapley_exact(const std::vector<double>& subset_r2, std::size_t drivers);

// The same averaged over `orders` random orders of entry drawn from `seed`
// (the same orders for the same seed and number of drivers): an estimate
// whose values still sum to R² exactly.
Eigen::VectorXd shapley_sampled(const Correlations& c, std::uint64_t orders, std::uint64_t seed);

// The K drivers that together explain the most of the outcome.
struct Subset {
  std::vector<std::size_t> drivers;  // ascending
  double r2 = 0;
  bool exact = true;  // all subsets of size K searched; else forward selection
};

// Exact best subset of size k when there are at most `exact_limit`
// drivers, else greedy forward selection (each step adds the driver that
// raises R² most).
Subset best_subset(const Correlations& c, std::size_t k, std::size_t exact_limit);

}  // namespace koe::stats
