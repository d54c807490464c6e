#include "stats/drivers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "stats/importance.h"

using koe::stats::Correlations;
using koe::stats::DriversAccumulator;
using koe::stats::ModelSums;

namespace {

// Rows of an outcome and three drivers, with weights.
struct Row {
  std::vector<double> values;
  double weight;
};

std::vector<Row> rows(std::size_t n) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int> point(1, 5);
  std::uniform_real_distribution<double> weight(0.1, 3.0);
  std::vector<Row> out;
  for (std::size_t i = 0; i < n; ++i) {
    double a = point(random), b = point(random), c = point(random);
    out.push_back({{a + 0.5 * b + point(random) / 3.0, a, b, c}, weight(random)});
  }
  return out;
}

void add(DriversAccumulator& sums, const Row& row) {
  for (std::size_t c = 0; c < row.values.size(); ++c)
    sums.add_valid(c, row.values[c], row.weight, row.values[c] >= 4);
  sums.add_row(row.values.data(), row.weight);
}

void check_same(const ModelSums& a, const ModelSums& b) {
  CHECK(a.n == b.n);
  CHECK(a.weight.value() == b.weight.value());
  CHECK(a.weight_squares.value() == b.weight_squares.value());
  for (std::size_t i = 0; i < a.sums.size(); ++i) CHECK(a.sums[i].value() == b.sums[i].value());
  for (std::size_t k = 0; k < a.cross.size(); ++k) CHECK(a.cross[k].value() == b.cross[k].value());
}

Correlations two_drivers(double rho, double r1, double r2) {
  Correlations c;
  c.drivers.resize(2, 2);
  c.drivers << 1, rho, rho, 1;
  c.outcome.resize(2);
  c.outcome << r1, r2;
  return c;
}

}  // namespace

TEST_CASE("drivers: two halves merged are the whole, to the bit, jackknife groups included") {
  const auto data = rows(1003);
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{500}, std::size_t{999}}) {
    DriversAccumulator whole(3, 7), first(3, 7), second(3, 7);
    for (std::size_t i = 0; i < data.size(); ++i) {
      add(whole, data[i]);
      add(i < cut ? first : second, data[i]);
    }
    second.add_missing(2);
    whole.add_missing(2);
    first.merge(second);
    CHECK(first.rows() == whole.rows());
    CHECK(first.model_rows() == whole.model_rows());
    CHECK(first.columns()[2].missing == 1);
    for (std::size_t c = 0; c < 4; ++c) {
      CHECK(first.columns()[c].valid == whole.columns()[c].valid);
      CHECK(first.columns()[c].sum.value() == whole.columns()[c].sum.value());
      CHECK(first.columns()[c].top_box.value() == whole.columns()[c].top_box.value());
    }
    for (std::size_t g = 0; g < 7; ++g) check_same(first.groups()[g], whole.groups()[g]);
    check_same(first.total(), whole.total());
  }
}

TEST_CASE("drivers: rows are dealt to the jackknife groups in turn") {
  DriversAccumulator sums(3, 4);
  const auto data = rows(10);
  for (const auto& row : data) add(sums, row);
  CHECK(sums.groups()[0].n == 3);
  CHECK(sums.groups()[1].n == 3);
  CHECK(sums.groups()[2].n == 2);
  CHECK(sums.groups()[3].n == 2);
  CHECK(sums.without(1).n == 7);
  sums.add_row(nullptr, 1);  // a row left out of the model: counted, not dealt
  CHECK(sums.rows() == 11);
  CHECK(sums.model_rows() == 10);
}

TEST_CASE("relative weights: uncorrelated drivers weigh their squared correlations") {
  const auto c = two_drivers(0, 0.6, 0.3);
  const auto weights = koe::stats::relative_weights(c);
  CHECK(weights(0) == doctest::Approx(0.36).epsilon(1e-12));
  CHECK(weights(1) == doctest::Approx(0.09).epsilon(1e-12));
}

TEST_CASE("relative weights and Shapley of two correlated drivers, by hand") {
  // rho = 0.5, r = (0.6, 0.3): R² = (r1² + r2² - 2 rho r1 r2) / (1 - rho²) = 0.27 / 0.75 = 0.36.
  // R^(1/2) = [[a, b], [b, a]], a = (sqrt(1.5) + sqrt(0.5)) / 2, b = (sqrt(1.5) - sqrt(0.5)) / 2;
  // beta = R^(-1/2) r; weight_j = sum_k Lambda_jk² beta_k² = (0.315, 0.045). Shapley over the two
  // orders: driver 1 gains r1² = 0.36 first and R² - r2² = 0.27 second: (0.36 + 0.27) / 2 = 0.315.
  const auto c = two_drivers(0.5, 0.6, 0.3);
  const auto weights = koe::stats::relative_weights(c);
  CHECK(weights(0) == doctest::Approx(0.315).epsilon(1e-12));
  CHECK(weights(1) == doctest::Approx(0.045).epsilon(1e-12));
  const auto r2 = koe::stats::all_subsets_r2(c);
  CHECK(r2[0b01] == doctest::Approx(0.36));
  CHECK(r2[0b10] == doctest::Approx(0.09));
  CHECK(r2[0b11] == doctest::Approx(0.36));
  const auto shapley = koe::stats::shapley_exact(r2, 2);
  CHECK(shapley(0) == doctest::Approx(0.315).epsilon(1e-12));
  CHECK(shapley(1) == doctest::Approx(0.045).epsilon(1e-12));
  const auto sampled = koe::stats::shapley_sampled(c, 1000, 3);
  CHECK(sampled(0) + sampled(1) == doctest::Approx(0.36).epsilon(1e-12));
}

TEST_CASE("a driver that repeats another adds nothing to R²") {
  const auto c = two_drivers(1, 0.5, 0.5);
  const auto r2 = koe::stats::all_subsets_r2(c);
  CHECK(r2[0b11] == doctest::Approx(0.25));
}

TEST_CASE("best subset: the drivers with most to say, exact and greedy") {
  Correlations c;
  c.drivers = Eigen::MatrixXd::Identity(4, 4);
  c.outcome.resize(4);
  c.outcome << 0.1, 0.5, 0.2, 0.4;
  for (std::size_t limit : {std::size_t{15}, std::size_t{2}}) {
    const auto best = koe::stats::best_subset(c, 2, limit);
    CHECK(best.drivers == std::vector<std::size_t>{1, 3});
    CHECK(best.r2 == doctest::Approx(0.41));
    CHECK(best.exact == (limit == 15));
  }
}

TEST_CASE("the fit: weights sum to R², VIF of two drivers is 1 / (1 - rho²), constants refused") {
  DriversAccumulator sums(3, 5);
  for (const auto& row : rows(400)) add(sums, row);
  const auto moments = koe::stats::moments_of(sums.total());
  const auto fit = koe::stats::fit_model(moments, {"a", "b", "c"});
  REQUIRE(fit.estimable);
  const auto c = koe::stats::correlations_of(moments);
  CHECK(koe::stats::relative_weights(c).sum() == doctest::Approx(fit.r2).epsilon(1e-12));
  koe::stats::Moments hand;
  hand.n = 100;
  hand.mean = Eigen::VectorXd::Zero(3);
  hand.sd = Eigen::VectorXd::Ones(3);
  hand.correlation.resize(3, 3);
  hand.correlation << 1, 0.5, 0.4, 0.5, 1, 0.6, 0.4, 0.6, 1;
  const auto collinear = koe::stats::fit_model(hand, {"a", "b"});
  REQUIRE(collinear.estimable);
  CHECK(collinear.vif(0) == doctest::Approx(1 / (1 - 0.36)).epsilon(1e-12));
  CHECK(collinear.vif(1) == doctest::Approx(1 / (1 - 0.36)).epsilon(1e-12));
  // beta = R^-1 r = (0.5 - 0.6 * 0.4, 0.4 - 0.6 * 0.5) / 0.64; R² = beta . r.
  CHECK(collinear.beta(0) == doctest::Approx(0.40625).epsilon(1e-12));
  CHECK(collinear.beta(1) == doctest::Approx(0.15625).epsilon(1e-12));
  CHECK(collinear.r2 == doctest::Approx(0.40625 * 0.5 + 0.15625 * 0.4).epsilon(1e-12));
  ModelSums constant(2);
  for (int i = 0; i < 5; ++i) {
    const double values[] = {static_cast<double>(i), 3};
    constant.add(values, 1);
  }
  const auto flat = koe::stats::fit_model(koe::stats::moments_of(constant), {"x"});
  CHECK_FALSE(flat.estimable);
  CHECK(flat.problem == "driver x has the same value in every complete row");
}

TEST_CASE("a driver sum reads the bits an exact sum does, whole numbers or not") {
  std::mt19937_64 random(11);
  std::uniform_int_distribution<int> whole(-100, 100);
  std::uniform_real_distribution<double> any(-1e3, 1e3);
  koe::stats::DriverSum fast, half, other;
  koe::stats::ExactSum exact;
  for (int i = 0; i < 20000; ++i) {
    const double x = i % 3 == 0 ? any(random) : i % 7 == 0 ? 3e9 : whole(random);
    fast.add(x);
    exact.add(x);
    (i % 2 ? half : other).add(x);
  }
  half.merge(other);
  CHECK(fast.value() == exact.value());
  CHECK(half.value() == exact.value());
}
