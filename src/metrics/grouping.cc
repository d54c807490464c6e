#include "metrics/grouping.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "values.h"

namespace koe {

namespace {

std::optional<double> as_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  // "nan" and "inf" read as numbers but have no order among them: text.
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

}  // namespace

bool group_key_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    if (x == y) continue;
    if (x.empty() != y.empty()) return y.empty();  // blank sorts last
    auto nx = as_number(x), ny = as_number(y);
    if (nx && ny && *nx != *ny) return *nx < *ny;
    if (nx.has_value() != ny.has_value()) return nx.has_value();  // numbers before text
    return x < y;
  }
  return a.size() < b.size();
}

}  // namespace koe
