#include "stats/drivers.h"

namespace koe::stats {

double DriverSum::value() const {
  // The integer in two halves, each exact as a double.
  ExactSum total = rest_;
  const std::int64_t high = whole_ / (std::int64_t{1} << 32);
  total.add(static_cast<double>(high) * 4294967296.0);
  total.add(static_cast<double>(whole_ - high * (std::int64_t{1} << 32)));
  return total.value();
}

void ModelSums::add(const double* values, double weight) {
  allocate();
  ++n;
  this->weight.add(weight);
  weight_squares.add(weight * weight);
  std::size_t k = 0;
  for (std::size_t i = 0; i < variables; ++i) {
    const double weighted = weight * values[i];
    sums[i].add(weighted);
    for (std::size_t j = i; j < variables; ++j) cross[k++].add(weighted * values[j]);
  }
}

void ModelSums::merge(const ModelSums& other) {
  if (other.sums.empty()) return;
  allocate();
  n += other.n;
  weight.merge(other.weight);
  weight_squares.merge(other.weight_squares);
  for (std::size_t i = 0; i < sums.size(); ++i) sums[i].merge(other.sums[i]);
  for (std::size_t k = 0; k < cross.size(); ++k) cross[k].merge(other.cross[k]);
}

DriversAccumulator::DriversAccumulator(std::size_t drivers, std::size_t groups)
    : columns_(drivers + 1), groups_(groups == 0 ? 1 : groups, ModelSums(drivers + 1)) {}

void DriversAccumulator::add_row(const double* values, double weight) {
  ++rows_;
  if (values == nullptr) return;
  groups_[model_rows_ % groups_.size()].add(values, weight);
  ++model_rows_;
}

void DriversAccumulator::merge(const DriversAccumulator& other) {
  // The other part's k-th model row is this input's (model_rows_ + k)-th.
  const std::size_t turn = model_rows_ % groups_.size();
  for (std::size_t g = 0; g < other.groups_.size(); ++g)
    groups_[(g + turn) % groups_.size()].merge(other.groups_[g]);
  merge_columns(other);
  rows_ += other.rows_;
  model_rows_ += other.model_rows_;
  invalid_weights_ += other.invalid_weights_;
}

void DriversAccumulator::merge_columns(const DriversAccumulator& other) {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    auto& mine = columns_[c];
    const auto& theirs = other.columns_[c];
    mine.valid += theirs.valid;
    mine.missing += theirs.missing;
    mine.invalid += theirs.invalid;
    mine.weight.merge(theirs.weight);
    mine.sum.merge(theirs.sum);
    mine.top_box.merge(theirs.top_box);
  }
}

ModelSums DriversAccumulator::total() const {
  ModelSums sum(columns_.size());
  sum.allocate();
  for (const auto& group : groups_) sum.merge(group);
  return sum;
}

ModelSums DriversAccumulator::without(std::size_t left_out) const {
  ModelSums sum(columns_.size());
  sum.allocate();
  for (std::size_t g = 0; g < groups_.size(); ++g)
    if (g != left_out) sum.merge(groups_[g]);
  return sum;
}

}  // namespace koe::stats
