#include "stats/multiple.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace koe::stats {

std::string_view adjustment_name(Adjustment method) {
  switch (method) {
    case Adjustment::holm: return "holm";
    case Adjustment::benjamini_hochberg: return "benjamini-hochberg";
    case Adjustment::none: return "none";
  }
  return "";
}

std::vector<double> adjust_p_values(const std::vector<double>& p, Adjustment method) {
  std::vector<double> adjusted = p;
  if (method == Adjustment::none) return adjusted;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) order.push_back(i);
  const double m = static_cast<double>(order.size());
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  if (method == Adjustment::holm) {
    double running = 0;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      double value = std::min(1.0, (m - static_cast<double>(rank)) * p[order[rank]]);
      running = std::max(running, value);  // adjusted values never decrease with rank
      adjusted[order[rank]] = running;
    }
  } else {
    double running = 1;
    for (std::size_t rank = order.size(); rank-- > 0;) {
      double value = std::min(1.0, m / static_cast<double>(rank + 1) * p[order[rank]]);
      running = std::min(running, value);  // nor increase, walking down from the largest
      adjusted[order[rank]] = running;
    }
  }
  return adjusted;
}

}  // namespace koe::stats
