#include "input/format.h"

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

}  // namespace koe
