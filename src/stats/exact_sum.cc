#include "stats/exact_sum.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace koe::stats {

namespace {

// Shewchuk's grow-expansion: adds x to non-overlapping partials, exactly.
// False when the sum no longer fits a double.
bool grow(std::vector<double>& partials, double x) {
  std::size_t kept = 0;
  for (double y : partials) {
    if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
    double high = x + y;
    if (!std::isfinite(high)) return false;
    double low = y - (high - x);
    if (low != 0) partials[kept++] = low;
    x = high;
  }
  partials.resize(kept);
  partials.push_back(x);
  return true;
}

// The correctly rounded sum of non-overlapping partials (math.fsum's end).
double rounded(const std::vector<double>& partials) {
  std::size_t n = partials.size();
  if (n == 0) return 0;
  double high = partials[--n];
  double low = 0;
  while (n > 0) {
    double x = high;
    double y = partials[--n];
    high = x + y;
    low = y - (high - x);
    if (low != 0) break;
  }
  // Round half to even across the partials: when the part left below `low`
  // has the same sign, the tie leans that way.
  if (n > 0 && ((low < 0 && partials[n - 1] < 0) || (low > 0 && partials[n - 1] > 0))) {
    double y = low * 2;
    double x = high + y;
    if (y == x - high) high = x;
  }
  return high;
}

}  // namespace

void ExactSum::add_partial(double x) {
  if (!std::isfinite(x) || !grow(partials_, x)) special_ += std::isfinite(x) ? HUGE_VAL * x : x;
}

void ExactSum::merge(const ExactSum& other) {
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::uint64_t before = fixed_[i];
    const std::uint64_t sum = before + other.fixed_[i];
    const std::uint64_t total = sum + carry;
    carry = (sum < before) || (total < sum);
    fixed_[i] = total;
  }
  special_ += other.special_;
  for (double partial : other.partials_) add_partial(partial);
}

double ExactSum::value() const {
  if (special_ != 0 || std::isnan(special_)) return special_;
  // The fixed-point part as exact doubles of at most 32 bits each, joined to
  // the partials; then one correct rounding of it all.
  std::vector<double> parts = partials_;
  const bool negative = (fixed_[3] >> 63) != 0;
  std::array<std::uint64_t, 4> magnitude = fixed_;
  if (negative) {
    std::uint64_t carry = 1;
    for (auto& word : magnitude) {
      word = ~word + carry;
      carry = carry && word == 0;
    }
  }
  for (int piece = 0; piece < 8; ++piece) {
    std::uint64_t bits = (magnitude[static_cast<std::size_t>(piece / 2)] >> (32 * (piece % 2))) & 0xFFFFFFFF;
    if (bits == 0) continue;
    double term = std::ldexp(static_cast<double>(bits), 32 * piece - 128);
    if (!grow(parts, negative ? -term : term)) return negative ? -HUGE_VAL : HUGE_VAL;
  }
  return rounded(parts);
}

void ExactSum::save(StateWriter& out) const {
  std::string text = fmt::format("{:016x}{:016x}{:016x}{:016x}", fixed_[3], fixed_[2], fixed_[1],
                                 fixed_[0]);
  for (double partial : partials_) text += fmt::format(" {:a}", partial);
  if (special_ != 0 || std::isnan(special_)) text += fmt::format(" s{:a}", special_);
  out.word(text);
}

void ExactSum::load(StateReader& in) {
  const std::string& text = in.word();
  auto hexfloat = [](std::string_view part) {
    std::string copy(part);
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    StateReader::expect(!copy.empty() && end == copy.c_str() + copy.size(),
                        "a sum in the state has a malformed partial");
    return value;
  };
  StateReader::expect(text.size() >= 64, "a sum in the state is malformed");
  for (std::size_t word = 0; word < 4; ++word) {
    const char* begin = text.data() + 16 * (3 - word);
    auto [end, error] = std::from_chars(begin, begin + 16, fixed_[word], 16);
    StateReader::expect(error == std::errc() && end == begin + 16, "a sum in the state is malformed");
  }
  partials_.clear();
  special_ = 0;
  std::string_view rest = std::string_view(text).substr(64);
  while (!rest.empty()) {
    StateReader::expect(rest[0] == ' ' && rest.size() > 1, "a sum in the state is malformed");
    rest.remove_prefix(1);
    auto space = rest.find(' ');
    auto part = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space);
    if (part[0] == 's') {
      special_ = hexfloat(part.substr(1));
      StateReader::expect(rest.empty(), "a sum in the state is malformed");
    } else {
      double partial = hexfloat(part);
      StateReader::expect(std::isfinite(partial) && partial != 0 &&
                              (partials_.empty() || std::fabs(partials_.back()) < std::fabs(partial)),
                          "a sum in the state has partials out of order");
      partials_.push_back(partial);
    }
  }
}

}  // namespace koe::stats
