#include "output/report.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

#include "output/report_formats.h"

namespace koe::output {

std::string format_cell(const Value& value, int decimals) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "-";
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "yes" : "no";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, RawJson>) {
          return v.text;
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(v)) return "-";
          // std::to_chars (Ryu printf) writes the same correctly rounded
          // digits as fmt's "{:.{}f}" at several times the speed: a table of
          // a million groups formats fourteen million of these.
          std::array<char, 400> digits;  // DBL_MAX in full is 309 digits
          const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), v,
                                             std::chars_format::fixed, decimals);
          std::string text(digits.data(), written.ptr);
          // -0.00 reads as a sign that is not there.
          if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos)
            text.erase(0, 1);
          return text;
        } else {
          return fmt::format(FMT_COMPILE("{}"), v);
        }
      },
      value);
}

void make_keys_unique(SummaryReport& report) {
  // Every other column keeps its name; a key column that would repeat one
  // becomes by.NAME, then by.NAME.2 ...
  auto taken = [&](const std::string& key, std::size_t self) {
    for (std::size_t j = 0; j < report.columns.size(); ++j)
      if (j != self && report.columns[j].key == key) return true;
    return false;
  };
  for (std::size_t i = 0; i < report.key_columns; ++i) {
    auto& key = report.columns[i].key;
    if (!taken(key, i)) continue;
    std::string base = "by." + key;
    key = base;
    for (int copy = 2; taken(key, i); ++copy) key = fmt::format("{}.{}", base, copy);
  }
}

void render(const SummaryReport& report, OutputFormat format, const TextOut& write) {
  switch (format) {
    case OutputFormat::table: return detail::render_table(report, write);
    case OutputFormat::json: return detail::render_json(report, write);
    case OutputFormat::ndjson: return detail::render_ndjson(report, write);
    case OutputFormat::csv: return detail::render_csv(report, write);
    case OutputFormat::markdown: return detail::render_markdown(report, write);
  }
}

std::string render(const SummaryReport& report, OutputFormat format) {
  std::string text;
  render(report, format, [&text](std::string_view piece) { text += piece; });
  return text;
}

Value measure(double value) { return std::isfinite(value) ? Value(value) : Value(); }

}  // namespace koe::output
