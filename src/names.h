// The names users type for a closed set of values (output formats, interval
// methods, presets, engines ...). Each set is one table next to its enum;
// the table drives parsing, the list in --help, the "expected ..." message
// and the spelling hint, so adding a value is adding a line (ninja's
// kTools[] idiom).
#pragma once

#include <algorithm>
#include <array>
#include <initializer_list>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace koe {

template <class Value>
struct Name {
  std::string_view text;
  Value value;
  bool listed = true;  // false: an alias, accepted but not offered
};

template <class Value, std::size_t N>
using NameTable = std::array<Name<Value>, N>;

namespace names_detail {
// The listed names of a table, in its order.
template <class Value>
std::vector<std::string_view> listed(std::span<const Name<Value>> table) {
  std::vector<std::string_view> out;
  for (const auto& name : table)
    if (name.listed) out.push_back(name.text);
  return out;
}
bool same_name(std::string_view a, std::string_view b);
std::string expected_text(const std::vector<std::string_view>& listed);
std::string unknown_text(const std::vector<std::string_view>& all,
                         const std::vector<std::string_view>& listed, std::string_view given);
}  // namespace names_detail

// The one of `names` that `given` is likely a typo of, or "" when none is
// close: one edit (code points, case ignored) in a name of up to five
// characters, two in a longer one, so "xml" is not taken for "md". Leading
// dashes do not count to a name's length: "--by" is a short name.
std::string_view likely_name(const std::vector<std::string_view>& names, std::string_view given);

// The value named `text` (ASCII letters in any case), or none.
template <class Value, std::size_t N>
std::optional<Value> parse_name(const NameTable<Value, N>& table, std::string_view text) {
  for (const auto& name : table)
    if (names_detail::same_name(name.text, text)) return name.value;
  return std::nullopt;
}

// The first name of `value` in the table (empty when it has none): how
// output names what a user could have typed.
template <class Value, std::size_t N>
std::string_view name_of(const NameTable<Value, N>& table, Value value) {
  for (const auto& name : table)
    if (name.value == value) return name.text;
  return {};
}

// "table, json, ndjson, csv or md": the listed names, for messages.
template <class Value, std::size_t N>
std::string expected_names(const NameTable<Value, N>& table) {
  return names_detail::expected_text(names_detail::listed<Value>(table));
}

// The message for a name that is not in the table: "expected table, json,
// ndjson, csv or md", and "; did you mean json?" when `given` is a likely
// typo of one name.
template <class Value, std::size_t N>
std::string unknown_name_message(const NameTable<Value, N>& table, std::string_view given) {
  std::vector<std::string_view> all;
  for (const auto& name : table) all.push_back(name.text);
  return names_detail::unknown_text(all, names_detail::listed<Value>(table), given);
}

// "table (default), json, ndjson, csv, md": the listed names for --help,
// each value's note (if any) in parentheses after its first name.
template <class Value, std::size_t N>
std::string names_help(const NameTable<Value, N>& table,
                       std::initializer_list<std::pair<Value, std::string_view>> notes = {}) {
  std::string text;
  std::vector<Value> noted;
  for (const auto& name : table) {
    if (!name.listed) continue;
    if (!text.empty()) text += ", ";
    text += name.text;
    for (const auto& [value, note] : notes) {
      if (value != name.value || std::find(noted.begin(), noted.end(), value) != noted.end())
        continue;
      text.append(" (").append(note).append(")");
      noted.push_back(value);
    }
  }
  return text;
}

}  // namespace koe
