// The state of a key-driver analysis: sufficient statistics of a linear
// model (row count, weights, each variable's weighted sum and the weighted
// cross products of every pair), so groups, threads and shards merge by
// adding and no row is kept. The outcome is variable 0, the drivers follow.
//
// The model rows are dealt round-robin to G jackknife groups: the k-th row
// an accumulator sees goes to group k mod G. Merging a later part of the
// same input turns its groups by the rows already seen, so a merge in input
// order deals every row where one pass would have, and the sums, being
// exact (stats/exact_sum.h), come out the same bits however the input was
// split. Deleting one group at a time from the total gives the replicates of
// the delete-a-group jackknife (stats/importance.h) without a second pass.
//
// Beside the model, each column's answers are tallied on their own (valid,
// missing, invalid), and each valid answer adds to its column's weighted sum
// and top-box weight: a driver's performance uses every answer it has, the
// model only the rows where every column has one (listwise deletion).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/exact_sum.h"

namespace koe::stats {

// An exact, order-free sum (ExactSum) with a fast lane for the terms survey
// ratings make: whole numbers (answers, their products, weights of 1) are
// added as integers, the rest exactly as ExactSum does. The value is the
// exact total of both, rounded once, so the lanes change the speed and
// never the bits.
class DriverSum {
 public:
  void add(double x) {
    // |x| < 2^31: 2^32 rows of such terms cannot overflow the integer.
    if (x > -kLimit && x < kLimit) {
      const auto whole = static_cast<std::int64_t>(x);
      if (static_cast<double>(whole) == x) {
        whole_ += whole;
        return;
      }
    }
    rest_.add(x);
  }
  void merge(const DriverSum& other) {
    whole_ += other.whole_;
    rest_.merge(other.rest_);
  }
  double value() const;

 private:
  static constexpr double kLimit = 2147483648.0;
  std::int64_t whole_ = 0;
  ExactSum rest_;
};

// The sums of one set of model rows.
// Sized on the first row (or merge): a --by of many small groups holds G of
// these per group, most of them empty.
struct ModelSums {
  explicit ModelSums(std::size_t variables = 0) : variables(variables) {}

  // `values`: the outcome, then each driver.
  void add(const double* values, double weight);
  void merge(const ModelSums& other);
  // The sums sized for the variables, when they are not yet.
  void allocate() {
    if (sums.size() == variables) return;
    sums.resize(variables);
    cross.resize(variables * (variables + 1) / 2);
  }
  // Σ w x_i x_j for i <= j (allocated sums only).
  const DriverSum& product(std::size_t i, std::size_t j) const {
    return cross[i * variables - i * (i - 1) / 2 + (j - i)];
  }

  std::size_t variables = 0;
  std::uint64_t n = 0;
  DriverSum weight, weight_squares;
  std::vector<DriverSum> sums;   // Σ w x_i; empty until allocated
  std::vector<DriverSum> cross;  // Σ w x_i x_j, upper triangle row by row
};

// One column's answers over every row (not just the model's).
struct ColumnTally {
  std::uint64_t valid = 0, missing = 0, invalid = 0;
  DriverSum weight, sum, top_box;  // of the valid answers: Σ w, Σ w x, Σ w [x in the top box]
};

class DriversAccumulator {
 public:
  DriversAccumulator(std::size_t drivers, std::size_t groups);

  // A row's answer in `column` (0: the outcome, 1..: the drivers).
  void add_valid(std::size_t column, double value, double weight, bool top) {
    auto& tally = columns_[column];
    ++tally.valid;
    tally.weight.add(weight);
    tally.sum.add(weight * value);
    if (top) tally.top_box.add(weight);
  }
  void add_missing(std::size_t column) { ++columns_[column].missing; }
  void add_invalid(std::size_t column) { ++columns_[column].invalid; }
  // Every row read, once, after its answers; `values` (outcome, drivers)
  // when all were valid and the row is in the model, else null.
  void add_row(const double* values, double weight);
  // A row whose weight is not a number >= 0: in no tally and not in the model.
  void add_unweighted_row() {
    ++rows_;
    ++invalid_weights_;
  }
  // `other` read the rows after this one's.
  void merge(const DriversAccumulator& other);
  // Adds only the other's column tallies (a scan that tallies answers in
  // each row's group builds the overall tallies so).
  void merge_columns(const DriversAccumulator& other);

  std::size_t drivers() const { return columns_.size() - 1; }
  std::uint64_t rows() const { return rows_; }
  std::uint64_t model_rows() const { return model_rows_; }
  std::uint64_t invalid_weights() const { return invalid_weights_; }
  const std::vector<ColumnTally>& columns() const { return columns_; }
  const std::vector<ModelSums>& groups() const { return groups_; }

  // The sums of every model row, and of every row but those of one group.
  ModelSums total() const;
  ModelSums without(std::size_t group) const;

 private:
  std::uint64_t rows_ = 0, model_rows_ = 0, invalid_weights_ = 0;
  std::vector<ColumnTally> columns_;
  std::vector<ModelSums> groups_;
};

}  // namespace koe::stats
