#include "stats/scale.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "stats/distributions.h"
#include "stats/proportion.h"

namespace koe::stats {

ScaleDefinition default_scale(int low, int high) {
  ScaleDefinition scale{low, high, {}, {}};
  int width = scale.points() >= 4 ? 2 : 1;
  for (int i = 0; i < width; ++i) {
    scale.top_box.push_back(high - width + 1 + i);
    scale.bottom_box.push_back(low + i);
  }
  return scale;
}

std::vector<int> parse_box(const std::string& text, int low, int high) {
  std::vector<int> points;
  auto number = [](std::string_view part, int& out) {
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), out);
    return error == std::errc() && end == part.data() + part.size();
  };
  std::string_view rest = text;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    int first = 0, last = 0;
    auto dash = part.find('-', 1);  // a leading '-' is a sign
    if (dash == std::string_view::npos) {
      if (!number(part, first)) return {};
      last = first;
    } else if (!number(part.substr(0, dash), first) || !number(part.substr(dash + 1), last)) {
      return {};
    }
    if (first > last || first < low || last > high) return {};
    for (int point = first; point <= last; ++point) points.push_back(point);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

std::string describe_box(const std::vector<int>& points) {
  std::string text;
  for (std::size_t i = 0; i < points.size();) {
    std::size_t j = i;
    while (j + 1 < points.size() && points[j + 1] == points[j] + 1) ++j;
    if (!text.empty()) text += ',';
    text += std::to_string(points[i]);
    if (j > i) text += '-' + std::to_string(points[j]);
    i = j + 1;
  }
  return text;
}

ScaleAccumulator::ScaleAccumulator(const ScaleDefinition& scale, bool weighted)
    : low_(scale.low),
      weighted_(weighted),
      counts_(static_cast<std::size_t>(scale.points()), 0),
      weights_(weighted ? static_cast<std::size_t>(scale.points()) : 0) {}

void ScaleAccumulator::add(int value, double weight) {
  auto index = static_cast<std::size_t>(value - low_);
  ++counts_[index];
  weights_[index] += weight;
  weight_squares_ += weight * weight;
}

void ScaleAccumulator::merge(const ScaleAccumulator& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  for (std::size_t i = 0; i < weights_.size(); ++i) weights_[i].merge(other.weights_[i]);
  weight_squares_.merge(other.weight_squares_);
  missing_ += other.missing_;
  invalid_ += other.invalid_;
}

void ScaleAccumulator::save(StateWriter& out) const {
  out.number(weighted_ ? 1 : 0).number(static_cast<std::uint64_t>(low_)).number(counts_.size());
  for (auto count : counts_) out.number(count);
  out.number(missing_).number(invalid_);
  if (!weighted_) return;
  for (const auto& sum : weights_) sum.save(out);
  weight_squares_.save(out);
}

void ScaleAccumulator::load(StateReader& in) {
  StateReader::expect(in.number() == (weighted_ ? 1u : 0u),
                      "the state is weighted where the merge is not, or the other way round");
  StateReader::expect(in.number() == static_cast<std::uint64_t>(low_) && in.number() == counts_.size(),
                      "the state is of another scale");
  for (auto& count : counts_) count = in.number();
  missing_ = in.number();
  invalid_ = in.number();
  if (weighted_) {
    for (auto& sum : weights_) sum.load(in);
    weight_squares_.load(in);
  }
  in.finish();
}

std::uint64_t ScaleAccumulator::valid_count() const {
  std::uint64_t n = 0;
  for (auto count : counts_) n += count;
  return n;
}

ScaleResult ScaleAccumulator::finish(const ScaleDefinition& scale,
                                     const ScaleSettings& settings) const {
  ScaleResult r;
  r.missing = missing_;
  r.invalid = invalid_;
  r.weighted = weighted_;
  r.confidence = settings.confidence;
  r.distribution = counts_;
  const std::size_t points = counts_.size();
  std::vector<double> mass(points);
  for (std::size_t i = 0; i < points; ++i) {
    r.n += counts_[i];
    mass[i] = weighted_ ? weights_[i].value() : static_cast<double>(counts_[i]);
  }
  double total = 0;
  for (double m : mass) total += m;
  r.weight_total = total;
  const double weight_squares = weight_squares_.value();
  r.n_eff = weighted_ ? (weight_squares > 0 ? total * total / weight_squares : 0)
                      : static_cast<double>(r.n);
  auto index_of = [&](int point) { return static_cast<std::size_t>(point - scale.low); };
  double top_mass = 0, bottom_mass = 0;
  for (int point : scale.top_box) {
    r.top_box += counts_[index_of(point)];
    top_mass += mass[index_of(point)];
  }
  for (int point : scale.bottom_box) {
    r.bottom_box += counts_[index_of(point)];
    bottom_mass += mass[index_of(point)];
  }

  const double nan = std::nan("");
  r.pct_distribution.assign(points, nan);
  if (r.n == 0 || total <= 0 || r.n_eff <= 0) {
    r.pct_top_box = r.top_box_ci_low = r.top_box_ci_high = r.pct_bottom_box = nan;
    r.mean = r.sd = r.mean_ci_low = r.mean_ci_high = nan;
    return r;
  }
  for (std::size_t i = 0; i < points; ++i) r.pct_distribution[i] = 100 * mass[i] / total;
  double z = two_sided_z(settings.confidence);
  double top_share = top_mass / total;
  r.pct_top_box = 100 * top_share;
  auto wilson = wilson_interval(top_share, r.n_eff, z);
  r.top_box_ci_low = 100 * wilson.low;
  r.top_box_ci_high = 100 * wilson.high;
  r.pct_bottom_box = 100 * bottom_mass / total;

  double sum = 0;
  for (std::size_t i = 0; i < points; ++i) sum += mass[i] * (scale.low + static_cast<double>(i));
  r.mean = sum / total;
  if (r.n_eff <= 1) {
    r.sd = r.mean_ci_low = r.mean_ci_high = nan;
    return r;
  }
  double squares = 0;
  for (std::size_t i = 0; i < points; ++i) {
    double deviation = scale.low + static_cast<double>(i) - r.mean;
    squares += mass[i] * deviation * deviation;
  }
  r.sd = std::sqrt(squares / total * r.n_eff / (r.n_eff - 1));
  double half = student_t_quantile(1 - (1 - settings.confidence) / 2, r.n_eff - 1) * r.sd /
                std::sqrt(r.n_eff);
  // A mean cannot leave the scale, so neither does its interval.
  r.mean_ci_low = std::max(r.mean - half, static_cast<double>(scale.low));
  r.mean_ci_high = std::min(r.mean + half, static_cast<double>(scale.high));
  return r;
}

}  // namespace koe::stats
