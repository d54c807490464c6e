#include "metrics/grouping.h"

#include "values.h"

namespace koe {

bool group_key_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    if (x == y) continue;
    if (x.empty() != y.empty()) return y.empty();  // blank sorts last
    auto nx = parse_number(x), ny = parse_number(y);
    if (nx && ny && *nx != *ny) return *nx < *ny;
    if (nx.has_value() != ny.has_value()) return nx.has_value();  // numbers before text
    return x < y;
  }
  return a.size() < b.size();
}

}  // namespace koe
