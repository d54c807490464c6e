#include "metrics/grouping.h"

#include "values.h"

namespace koe {

std::vector<std::optional<double>> key_numbers(const std::vector<std::string>& key) {
  std::vector<std::optional<double>> numbers;
  numbers.reserve(key.size());
  for (const auto& field : key) numbers.push_back(field.empty() ? std::nullopt : parse_number(field));
  return numbers;
}

bool group_key_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto na = key_numbers(a), nb = key_numbers(b);
  return parsed_key_less(a, na.data(), b, nb.data());
}

bool parsed_key_less(const std::vector<std::string>& a, const std::optional<double>* a_numbers,
                     const std::vector<std::string>& b, const std::optional<double>* b_numbers) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    if (x == y) continue;
    if (x.empty() != y.empty()) return y.empty();  // blank sorts last
    const auto& nx = a_numbers[i];
    const auto& ny = b_numbers[i];
    if (nx && ny && *nx != *ny) return *nx < *ny;
    if (nx.has_value() != ny.has_value()) return nx.has_value();  // numbers before text
    return x < y;
  }
  return a.size() < b.size();
}

}  // namespace koe
