#include "names.h"

#include "columns.h"

namespace koe::names_detail {

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string expected_text(const std::vector<std::string_view>& listed) {
  std::string text;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    if (i > 0) text += i + 1 == listed.size() ? " or " : ", ";
    text += listed[i];
  }
  return text;
}

std::string unknown_text(const std::vector<std::string_view>& all,
                         const std::vector<std::string_view>& listed, std::string_view given) {
  std::string text = "expected " + expected_text(listed);
  if (auto best = likely_name(all, given); !best.empty())
    text.append("; did you mean ").append(best).append("?");
  return text;
}

}  // namespace koe::names_detail

namespace koe {

std::string_view likely_name(const std::vector<std::string_view>& names, std::string_view given) {
  std::string_view best;
  std::size_t best_distance = 0;
  for (auto name : names) {
    std::size_t distance = name_distance(name, given);
    std::size_t length = name.size() - std::min(name.find_first_not_of('-'), name.size());
    std::size_t allowed = length >= 6 ? 2 : 1;
    if (distance <= allowed && (best.empty() || distance < best_distance)) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace koe
