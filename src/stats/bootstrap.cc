#include "stats/bootstrap.h"

#include <cmath>

namespace koe::stats {

namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Below this many trials a binomial is drawn by counting geometric gaps.
constexpr std::uint64_t kDirectTrials = 64;

}  // namespace

Random::Random(std::uint64_t seed) {
  for (auto& word : state_) word = splitmix64(seed);
}

std::uint64_t Random::next() {
  std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Random::uniform() {
  // 53 random bits, shifted half a step so 0 and 1 never occur.
  return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53;
}

double Random::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double u, v, s;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  double factor = std::sqrt(-2 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_normal_ = true;
  return u * factor;
}

double Random::gamma(double shape) {
  double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    double u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

double Random::beta(double a, double b) {
  double x = gamma(a);
  return x / (x + gamma(b));
}

std::uint64_t Random::binomial(std::uint64_t trials, double p) {
  if (p <= 0 || trials == 0) return 0;
  if (p >= 1) return trials;
  std::uint64_t successes = 0;
  // Beta splitting: the a-th smallest of `trials` uniforms is Beta(a, b);
  // whether it falls below p tells which side the remaining count lies on.
  while (trials >= kDirectTrials) {
    std::uint64_t a = 1 + trials / 2, b = trials + 1 - a;
    double x = beta(static_cast<double>(a), static_cast<double>(b));
    if (x >= p) {
      trials = a - 1;
      p /= x;
    } else {
      successes += a;
      trials = b - 1;
      p = (p - x) / (1 - x);
    }
  }
  // Waiting times: count geometric gaps between successes until they pass
  // the number of trials, on whichever of p and 1 - p is smaller.
  bool flip = p > 0.5;
  double q = flip ? 1 - p : p;
  std::uint64_t count = 0;
  if (q > 0) {
    double log_miss = std::log1p(-q);
    double position = 0;
    for (;;) {
      position += std::ceil(std::log(uniform()) / log_miss);
      if (position > static_cast<double>(trials)) break;
      ++count;
    }
  }
  return successes + (flip ? trials - count : count);
}

std::vector<std::uint64_t> Random::multinomial(std::uint64_t trials, const std::vector<double>& p) {
  std::vector<std::uint64_t> counts(p.size(), 0);
  double remaining_mass = 1;
  for (std::size_t k = 0; k + 1 < p.size() && trials > 0; ++k) {
    double share = remaining_mass > 0 ? std::min(1.0, p[k] / remaining_mass) : 1;
    counts[k] = binomial(trials, share);
    trials -= counts[k];
    remaining_mass -= p[k];
  }
  if (!p.empty()) counts.back() += trials;
  return counts;
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  double h = (static_cast<double>(sorted.size()) - 1) * q;
  auto low = static_cast<std::size_t>(std::floor(h));
  if (low + 1 >= sorted.size()) return sorted.back();
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[low + 1] - sorted[low]);
}

}  // namespace koe::stats
