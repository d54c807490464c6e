#include "labels.h"

#include <fmt/format.h>

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "error.h"
#include "input/fccp.h"
#include "values.h"

namespace koe {

namespace {

struct BuiltinLabel {
  int rank;  // 1-based position on the scale
  std::string_view text;
};

// Common wordings of 5-point scales: agreement, satisfaction, effort (the
// older CES form, 1 = very low effort), in English and Japanese. Labels
// whose place differs between common wordings are left out, so they are
// reported as invalid instead of silently misread: 満足 is 4 in 非常に満足 /
// 満足 / どちらでもない / 不満 / 非常に不満 but 5 in 満足 / やや満足 / ... / 不満,
// and likewise 不満, そう思う and そう思わない; --labels maps them.
constexpr BuiltinLabel kFivePoint[] = {
    {1, "strongly disagree"}, {2, "disagree"}, {3, "neither agree nor disagree"},
    {3, "neutral"}, {4, "agree"}, {5, "strongly agree"},
    {2, "somewhat disagree"}, {4, "somewhat agree"},
    {1, "very dissatisfied"}, {2, "dissatisfied"}, {3, "neither satisfied nor dissatisfied"},
    {4, "satisfied"}, {5, "very satisfied"},
    {1, "extremely dissatisfied"}, {2, "somewhat dissatisfied"}, {4, "somewhat satisfied"},
    {5, "extremely satisfied"},
    {1, "very low effort"}, {2, "low effort"}, {3, "neither high nor low effort"},
    {3, "moderate effort"}, {4, "high effort"}, {5, "very high effort"},
    {1, "非常に不満"}, {2, "やや不満"}, {3, "どちらでもない"}, {3, "どちらともいえない"},
    {3, "どちらとも言えない"}, {3, "普通"}, {3, "ふつう"}, {4, "やや満足"},
    {5, "非常に満足"}, {5, "とても満足"}, {5, "大変満足"}, {1, "大変不満"},
    {1, "全くそう思わない"}, {1, "まったくそう思わない"},
    {2, "あまりそう思わない"}, {4, "ややそう思う"}, {5, "とてもそう思う"},
    {5, "強くそう思う"}, {5, "非常にそう思う"},
};

// 7-point agreement (the CES 2.0 wording) and ease.
constexpr BuiltinLabel kSevenPoint[] = {
    {1, "strongly disagree"}, {2, "disagree"}, {3, "somewhat disagree"},
    {4, "neither agree nor disagree"}, {4, "neutral"}, {5, "somewhat agree"}, {6, "agree"},
    {7, "strongly agree"},
    {1, "very difficult"}, {2, "difficult"}, {3, "somewhat difficult"},
    {4, "neither easy nor difficult"}, {5, "somewhat easy"}, {6, "easy"}, {7, "very easy"},
    {1, "全くそう思わない"}, {1, "まったくそう思わない"}, {2, "そう思わない"},
    {3, "あまりそう思わない"}, {3, "ややそう思わない"}, {4, "どちらともいえない"},
    {4, "どちらとも言えない"}, {5, "ややそう思う"}, {6, "そう思う"}, {7, "強くそう思う"},
    {7, "とてもそう思う"},
    {1, "非常に難しい"}, {2, "難しい"}, {3, "やや難しい"}, {5, "やや簡単"}, {6, "簡単"},
    {7, "非常に簡単"},
};

}  // namespace

std::string fold_label(std::string_view text) {
  // NFKC with case folding: full-width letters, half-width katakana, no-break
  // and ideographic spaces all become their plain forms. Text that is not
  // UTF-8 is folded by ASCII case only.
  std::string normalized;
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
      &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD));
  if (length >= 0) {
    normalized.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
    text = normalized;
  }
  std::free(mapped);
  text = trim(text);
  std::string folded;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) folded += ' ';
    space = false;
    folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return folded;
}

void LabelMap::add(std::string_view label, int point) {
  auto [where, inserted] = points_.emplace(fold_label(label), point);
  (void)where;
  if (inserted &&
      std::none_of(first_labels_.begin(), first_labels_.end(),
                   [&](const auto& entry) { return entry.first == point; }))
    first_labels_.emplace_back(point, std::string(trim(label)));
}

LabelMap LabelMap::from_spec(std::string_view spec) {
  LabelMap map;
  map.source_ = "--labels";
  std::string_view rest = spec;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto equals = item.rfind('=');
    int point = 0;
    std::string_view number = equals == std::string_view::npos ? "" : trim(item.substr(equals + 1));
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), point);
    if (equals == std::string_view::npos || error != std::errc() ||
        end != number.data() + number.size() || trim(item.substr(0, equals)).empty())
      throw_usage(fmt::format("--labels: expected LABEL=NUMBER items separated by commas, "
                              "found \"{}\"",
                              item));
    map.add(item.substr(0, equals), point);
  }
  return map;
}

LabelMap LabelMap::from_csv(std::string_view text, std::string_view name) {
  LabelMap map;
  map.source_ = name;
  try {
    std::string csv = spreadsheet_csv(text);
    io::CSVReader<2, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>> reader(
        map.source_, csv.data(), csv.data() + csv.size());
    reader.read_header(io::ignore_extra_column, "label", "value");
    std::string label, value;
    while (reader.read_row(label, value)) {
      int point = 0;
      std::string_view number = trim(value);
      auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), point);
      if (error != std::errc() || end != number.data() + number.size() || label.empty())
        throw_usage(fmt::format("--labels {}, line {}: expected a label and a whole number, found "
                                "\"{}\" and \"{}\"",
                                name, reader.get_file_line(), label, value));
      map.add(label, point);
    }
  } catch (const io::error::base& error) {
    throw_usage(fmt::format("--labels {}: {} (expected a CSV file with columns label,value)", name,
                            error.what()));
  }
  if (map.empty()) throw_usage(fmt::format("--labels {}: the file has no labels", name));
  return map;
}

LabelMap LabelMap::from_file(const std::string& path) {
  check_option_file(path, "--labels");
  return from_csv(read_spreadsheet_file(path), path);
}

LabelMap LabelMap::builtin(int low, int high) {
  LabelMap map;
  map.source_ = "built-in";
  int points = high - low + 1;
  if (points == 5)
    for (const auto& label : kFivePoint) map.add(label.text, low + label.rank - 1);
  if (points == 7)
    for (const auto& label : kSevenPoint) map.add(label.text, low + label.rank - 1);
  std::sort(map.first_labels_.begin(), map.first_labels_.end());
  return map;
}

std::optional<int> LabelMap::find(std::string_view text) const {
  if (points_.empty()) return std::nullopt;
  auto found = points_.find(fold_label(text));
  if (found == points_.end()) return std::nullopt;
  return found->second;
}

std::vector<std::pair<int, std::string>> LabelMap::labels() const {
  auto out = first_labels_;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace koe
