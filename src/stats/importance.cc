#include "stats/importance.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>

namespace koe::stats {

namespace {

// A model grown one driver at a time: the Cholesky factor L of the
// correlations of the drivers in it, and z = L^-1 r, whose squares sum to
// R². A driver that is (numerically) a combination of those before it
// gains nothing and stays out of the factor.
class Chain {
 public:
  explicit Chain(const Correlations& c)
      : c_(c), l_(c.size(), c.size()), z_(c.size()), skipped_(c.size()), members_(c.size()) {}

  // Adds driver j; returns its gain in R².
  double push(std::size_t j) {
    const std::size_t at = size_++;
    members_[at] = j;
    double rest = 1, along = c_.outcome(static_cast<Eigen::Index>(j));
    for (std::size_t i = 0; i < at; ++i) {
      double value = 0;
      if (!skipped_[i]) {
        value = c_.drivers(static_cast<Eigen::Index>(members_[i]), static_cast<Eigen::Index>(j));
        for (std::size_t k = 0; k < i; ++k) value -= l(i, k) * l(at, k);
        value /= l(i, i);
      }
      l(at, i) = value;
      rest -= value * value;
      along -= value * z_(static_cast<Eigen::Index>(i));
    }
    skipped_[at] = rest <= kSingular;
    if (skipped_[at]) {
      for (std::size_t i = 0; i < at; ++i) l(at, i) = 0;
      l(at, at) = 1;
      z_(static_cast<Eigen::Index>(at)) = 0;
      return 0;
    }
    l(at, at) = std::sqrt(rest);
    const double step = along / l(at, at);
    z_(static_cast<Eigen::Index>(at)) = step;
    return step * step;
  }
  void pop() { --size_; }

 private:
  // 1 - R²_j of a driver on those before it (the inverse of its VIF) below
  // which it counts as a combination of them.
  static constexpr double kSingular = 1e-10;

  double& l(std::size_t i, std::size_t j) {
    return l_(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }

  const Correlations& c_;
  Eigen::MatrixXd l_;
  Eigen::VectorXd z_;
  std::vector<bool> skipped_;
  std::vector<std::size_t> members_;
  std::size_t size_ = 0;
};

Eigen::Index index(std::size_t i) { return static_cast<Eigen::Index>(i); }

}  // namespace

Moments moments_of(const ModelSums& sums) {
  const std::size_t q = sums.variables;
  if (sums.sums.size() != q) {
    ModelSums sized = sums;
    sized.allocate();
    return moments_of(sized);
  }
  Moments m;
  m.n = sums.n;
  m.weight_total = sums.weight.value();
  const double squares = sums.weight_squares.value();
  m.n_eff = squares > 0 ? m.weight_total * m.weight_total / squares : 0;
  m.mean.resize(index(q));
  m.sd.resize(index(q));
  m.correlation.resize(index(q), index(q));
  const double w = m.weight_total;
  std::vector<double> total(q);
  for (std::size_t i = 0; i < q; ++i) {
    total[i] = sums.sums[i].value();
    m.mean(index(i)) = total[i] / w;
  }
  // Σ w (x_i - m_i)(x_j - m_j) = Σ w x_i x_j - (Σ w x_i)(Σ w x_j) / Σ w.
  Eigen::MatrixXd centred(index(q), index(q));
  for (std::size_t i = 0; i < q; ++i)
    for (std::size_t j = i; j < q; ++j)
      centred(index(i), index(j)) = centred(index(j), index(i)) =
          sums.product(i, j).value() - total[i] * total[j] / w;
  for (std::size_t i = 0; i < q; ++i) {
    const double c = std::max(0.0, centred(index(i), index(i)));
    m.sd(index(i)) = std::sqrt(c / w);
  }
  for (std::size_t i = 0; i < q; ++i)
    for (std::size_t j = 0; j < q; ++j)
      m.correlation(index(i), index(j)) =
          i == j ? 1.0
                 : centred(index(i), index(j)) /
                       std::sqrt(centred(index(i), index(i)) * centred(index(j), index(j)));
  return m;
}

Correlations correlations_of(const Moments& moments) {
  const auto p = moments.correlation.rows() - 1;
  return {moments.correlation.bottomRightCorner(p, p), moments.correlation.col(0).tail(p)};
}

Fit fit_model(const Moments& moments, const std::vector<std::string>& driver_names) {
  Fit fit;
  const std::size_t p = driver_names.size();
  if (moments.n < p + 2) {
    fit.problem = fmt::format("{} complete row{}; a model of {} driver{} needs at least {}",
                              moments.n, moments.n == 1 ? "" : "s", p, p == 1 ? "" : "s", p + 2);
    return fit;
  }
  // A column counts as constant when its spread is lost in its own rounding.
  auto constant = [&](std::size_t i) {
    return !(moments.sd(index(i)) > 1e-9 * std::max(1.0, std::abs(moments.mean(index(i)))));
  };
  if (constant(0)) {
    fit.problem = "the outcome has the same value in every complete row";
    return fit;
  }
  for (std::size_t j = 0; j < p; ++j)
    if (constant(j + 1)) {
      fit.problem = fmt::format("driver {} has the same value in every complete row",
                                driver_names[j]);
      return fit;
    }
  const Correlations c = correlations_of(moments);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(c.drivers);
  if (eigen.eigenvalues()(0) <= 1e-10) {
    // The driver with the largest share in the null direction.
    Eigen::Index worst = 0;
    eigen.eigenvectors().col(0).cwiseAbs().maxCoeff(&worst);
    fit.problem = fmt::format("driver {} is an exact combination of other drivers in the complete "
                              "rows; leave one of them out",
                              driver_names[static_cast<std::size_t>(worst)]);
    return fit;
  }
  const Eigen::MatrixXd inverse = eigen.eigenvectors() *
                                  eigen.eigenvalues().cwiseInverse().asDiagonal() *
                                  eigen.eigenvectors().transpose();
  fit.estimable = true;
  fit.beta = inverse * c.outcome;
  fit.r2 = c.outcome.dot(fit.beta);
  const double n = static_cast<double>(moments.n);
  fit.adjusted_r2 = 1 - (1 - fit.r2) * (n - 1) / (n - static_cast<double>(p) - 1);
  fit.vif = inverse.diagonal();
  fit.coefficient.resize(index(p));
  fit.intercept = moments.mean(0);
  for (std::size_t j = 0; j < p; ++j) {
    const auto k = index(j);
    fit.coefficient(k) = fit.beta(k) * moments.sd(0) / moments.sd(k + 1);
    fit.intercept -= fit.coefficient(k) * moments.mean(k + 1);
  }
  return fit;
}

Eigen::VectorXd relative_weights(const Correlations& c) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(c.drivers);
  const Eigen::VectorXd root = eigen.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  const Eigen::MatrixXd& v = eigen.eigenvectors();
  const Eigen::MatrixXd lambda = v * root.asDiagonal() * v.transpose();
  const Eigen::VectorXd beta = v * root.cwiseInverse().asDiagonal() * v.transpose() * c.outcome;
  return lambda.cwiseAbs2() * beta.cwiseAbs2();
}

std::vector<double> all_subsets_r2(const Correlations& c) {
  const std::size_t p = c.size();
  std::vector<double> r2(std::size_t{1} << p, 0.0);
  Chain chain(c);
  auto visit = [&](auto&& self, std::size_t start, std::size_t mask, double base) -> void {
    for (std::size_t j = start; j < p; ++j) {
      const double here = base + chain.push(j);
      const std::size_t with = mask | (std::size_t{1} << j);
      r2[with] = here;
      self(self, j + 1, with, here);
      chain.pop();
    }
  };
  visit(visit, 0, 0, 0.0);
  return r2;
}

Eigen::VectorXd shapley_exact(const std::vector<double>& subset_r2, std::size_t p) {
  // A subset S without j, of size s, comes before j in s! (p - s - 1)! of
  // the p! orders: weight 1 / (p C(p - 1, s)).
  std::vector<double> weight(p);
  double choose = 1;  // C(p - 1, s)
  for (std::size_t s = 0; s < p; ++s) {
    weight[s] = 1 / (static_cast<double>(p) * choose);
    choose = choose * static_cast<double>(p - 1 - s) / static_cast<double>(s + 1);
  }
  Eigen::VectorXd value = Eigen::VectorXd::Zero(index(p));
  for (std::size_t mask = 0; mask < subset_r2.size(); ++mask) {
    const double w = weight[static_cast<std::size_t>(std::popcount(mask)) % p];
    for (std::size_t j = 0; j < p; ++j) {
      const std::size_t bit = std::size_t{1} << j;
      if (mask & bit) continue;
      value(index(j)) += w * (subset_r2[mask | bit] - subset_r2[mask]);
    }
  }
  return value;
}

Eigen::VectorXd shapley_sampled(const Correlations& c, std::uint64_t orders, std::uint64_t seed) {
  const std::size_t p = c.size();
  std::mt19937_64 random(seed);  // the sequence is fixed by the standard
  std::vector<std::size_t> order(p);
  Eigen::VectorXd value = Eigen::VectorXd::Zero(index(p));
  Chain chain(c);
  for (std::uint64_t k = 0; k < orders; ++k) {
    for (std::size_t j = 0; j < p; ++j) order[j] = j;
    for (std::size_t j = p; j-- > 1;) std::swap(order[j], order[random() % (j + 1)]);
    for (std::size_t j : order) value(index(j)) += chain.push(j);
    for (std::size_t j = 0; j < p; ++j) chain.pop();
  }
  return value / static_cast<double>(orders);
}

Subset best_subset(const Correlations& c, std::size_t k, std::size_t exact_limit) {
  const std::size_t p = c.size();
  Subset best;
  Chain chain(c);
  std::vector<std::size_t> members;
  if (p <= exact_limit) {
    best.r2 = -1;
    auto visit = [&](auto&& self, std::size_t start, double base) -> void {
      if (members.size() == k) {
        if (base > best.r2) {
          best.r2 = base;
          best.drivers = members;
        }
        return;
      }
      for (std::size_t j = start; j + (k - members.size()) <= p; ++j) {
        members.push_back(j);
        self(self, j + 1, base + chain.push(j));
        chain.pop();
        members.pop_back();
      }
    };
    visit(visit, 0, 0.0);
    return best;
  }
  best.exact = false;
  std::vector<bool> in(p);
  for (std::size_t step = 0; step < k; ++step) {
    std::size_t chosen = p;
    double gain = -1;
    for (std::size_t j = 0; j < p; ++j) {
      if (in[j]) continue;
      const double g = chain.push(j);
      chain.pop();
      if (g > gain) {
        gain = g;
        chosen = j;
      }
    }
    in[chosen] = true;
    best.r2 += chain.push(chosen);
    best.drivers.push_back(chosen);
  }
  std::sort(best.drivers.begin(), best.drivers.end());
  return best;
}

}  // namespace koe::stats
