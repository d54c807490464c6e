#include "input/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace koe {

namespace {

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  text.remove_prefix(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string_view skip_bom_and_space(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (!head.empty() && (head[0] == ' ' || head[0] == '\t' || head[0] == '\n' || head[0] == '\r'))
    head.remove_prefix(1);
  return head;
}

}  // namespace

std::string_view format_name(Format format) {
  switch (format) {
    case Format::csv: return "csv";
    case Format::tsv: return "tsv";
    case Format::ndjson: return "ndjson";
    case Format::json: return "json";
    case Format::automatic: break;
  }
  return "automatic";
}

Format format_from_extension(std::string_view path) {
  if (ends_with_ci(path, ".csv")) return Format::csv;
  if (ends_with_ci(path, ".tsv") || ends_with_ci(path, ".tab")) return Format::tsv;
  if (ends_with_ci(path, ".ndjson") || ends_with_ci(path, ".jsonl")) return Format::ndjson;
  // A .json file may hold an array or one object per line: sniffed.
  return Format::automatic;
}

Format sniff_format(std::string_view head) {
  head = skip_bom_and_space(head);
  if (head.starts_with('[')) return Format::json;
  if (head.starts_with('{')) return Format::ndjson;
  return Format::csv;
}

char sniff_delimiter(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  constexpr std::array<char, 4> candidates = {',', '\t', ';', '|'};
  std::array<std::size_t, 4> counts{};
  bool quoted = false;
  for (char c : head) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (c == candidates[i]) ++counts[i];
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < candidates.size(); ++i)
    if (counts[i] > counts[best]) best = i;
  return candidates[best];
}

namespace {

// Fields of a record's raw text split on `delimiter`, quotes respected.
std::size_t fields_of(std::string_view record, char delimiter) {
  while (!record.empty() && (record.back() == '\n' || record.back() == '\r')) record.remove_suffix(1);
  std::size_t fields = 1;
  bool quoted = false;
  for (char c : record) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == delimiter) ++fields;
  }
  return fields;
}

// Fields the header would have had split on `delimiter` (its fields hold
// any other delimiter as text).
std::size_t header_fields_on(const std::vector<std::string>& header, char delimiter) {
  std::size_t fields = 1;
  for (const auto& name : header)
    fields += static_cast<std::size_t>(std::count(name.begin(), name.end(), delimiter));
  return fields;
}

std::string delimiter_shown(char delimiter) {
  return delimiter == '\t' ? std::string("a tab") : fmt::format("'{}'", delimiter);
}

}  // namespace

std::string delimiter_hint(const std::vector<std::string>& header, std::string_view record,
                           char delimiter) {
  for (char other : {',', '\t', ';', '|'}) {
    if (other == delimiter) continue;
    std::size_t fields = header_fields_on(header, other);
    if (fields < 2 || fields != fields_of(record, other)) continue;
    if (other == '\t')
      return fmt::format("split on tabs, the header and this row both have {} fields: if tabs "
                         "are the delimiter, give -d tab or --input-format tsv",
                         fields);
    return fmt::format("split on '{}', the header and this row both have {} fields: if '{}' is "
                       "the delimiter, give -d '{}'",
                       other, fields, other, other);
  }
  if (header.size() == 1)
    return fmt::format("the header has no {}: if the input has another delimiter, give it with "
                       "-d, or its format with --input-format",
                       delimiter_shown(delimiter));
  return "";
}

}  // namespace koe
