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

namespace {

// `value` with `decimals` fixed decimals, correctly rounded from its exact
// binary value (as printf and std::to_chars write it). A table of a million
// groups formats over ten million of these, so the usual ones (small, few
// decimals) take their digits from one integer: below 2^40 the scaled
// product is within 2^-13 of the exact one, so where its fraction is clear
// of one half it rounds as the exact value does. Near a tie, and for the
// rest, std::to_chars decides.
using FixedText = std::array<char, 400>;  // DBL_MAX in full is 309 digits

constexpr std::array<std::uint64_t, 7> kUnits = {1, 10, 100, 1000, 10000, 100000, 1000000};

// |value| in units of the last decimal, when the fast path can round it.
std::optional<std::uint64_t> fixed_units(double value, int decimals) {
  static constexpr std::array<double, 7> kScale = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
  if (decimals < 0 || decimals >= static_cast<int>(kScale.size())) return std::nullopt;
  const double scaled = std::fabs(value) * kScale[static_cast<std::size_t>(decimals)];
  const double whole = std::floor(scaled);
  const double fraction = scaled - whole;
  if (!(scaled < 0x1p40) || std::fabs(fraction - 0.5) <= 0x1p-10) return std::nullopt;
  return static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
}

std::size_t digit_count(std::uint64_t magnitude) {
  std::size_t count = 1;
  for (; magnitude >= 10; magnitude /= 10) ++count;
  return count;
}

char* write_fixed(FixedText& out, double value, int decimals) {
  if (const auto fast = fixed_units(value, decimals)) {
    const std::uint64_t units = *fast;
    const std::uint64_t per_one = kUnits[static_cast<std::size_t>(decimals)];
    char* end = out.data();
    if (std::signbit(value)) *end++ = '-';
    end = std::to_chars(end, out.data() + out.size(), units / per_one).ptr;
    if (decimals > 0) {
      *end++ = '.';
      std::uint64_t rest = units % per_one;
      for (int i = decimals - 1; i >= 0; --i, rest /= 10) end[i] = static_cast<char>('0' + rest % 10);
      end += decimals;
    }
    return end;
  }
  return std::to_chars(out.data(), out.data() + out.size(), value, std::chars_format::fixed,
                       decimals)
      .ptr;
}

// A table's text of a finite double: fixed decimals, and no sign on a value
// that shows as zero (-0.00 reads as a sign that is not there). The width
// of that text is worked out without writing it where the fast path rounds.
std::string_view table_number(FixedText& out, double value, int decimals) {
  std::string_view text(out.data(), static_cast<std::size_t>(write_fixed(out, value, decimals) - out.data()));
  if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string_view::npos)
    text.remove_prefix(1);
  return text;
}

}  // namespace

void append_key_text(std::string& text, std::string_view value) {
  if (value.empty()) {
    text += kBlankKey;
    return;
  }
  std::string_view core = value;
  while (core.size() >= 2 && core.front() == '"' && core.back() == '"')
    core = core.substr(1, core.size() - 2);
  auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y;
           });
  };
  const bool quoted = same(core, kAllRows) || same(core, kBlankKey);
  if (quoted) text += '"';
  text += value;
  if (quoted) text += '"';
}

std::string key_text(std::string_view value) {
  std::string text;
  append_key_text(text, value);
  return text;
}

void append_cell(std::string& text, const Value& value, int decimals) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          text += '-';
        } else if constexpr (std::is_same_v<T, bool>) {
          text += v ? "yes" : "no";
        } else if constexpr (std::is_same_v<T, std::string>) {
          text += v;
        } else if constexpr (std::is_same_v<T, RawJson>) {
          text += v.text;
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(v)) {
            text += '-';
            return;
          }
          FixedText digits;
          text += table_number(digits, v, decimals);
        } else {
          char digits[24];
          text.append(digits, fmt::format_to(digits, FMT_COMPILE("{}"), v));
        }
      },
      value);
}

std::optional<std::size_t> solid_width(const Value& value, int decimals) {
  if (std::holds_alternative<std::monostate>(value)) return 1;  // "-"
  if (const auto* v = std::get_if<std::uint64_t>(&value)) return digit_count(*v);
  if (const auto* v = std::get_if<std::int64_t>(&value))
    return *v < 0 ? 1 + digit_count(0 - static_cast<std::uint64_t>(*v))
                  : digit_count(static_cast<std::uint64_t>(*v));
  if (const auto* v = std::get_if<double>(&value)) {
    if (!std::isfinite(*v)) return 1;  // "-"
    if (const auto units = fixed_units(*v, decimals)) {
      const std::uint64_t per_one = kUnits[static_cast<std::size_t>(decimals)];
      return (std::signbit(*v) && *units != 0 ? 1 : 0) + digit_count(*units / per_one) +
             (decimals > 0 ? static_cast<std::size_t>(decimals) + 1 : 0);
    }
    FixedText digits_of;
    return table_number(digits_of, *v, decimals).size();
  }
  return std::nullopt;
}

std::string format_cell(const Value& value, int decimals) {
  std::string text;
  append_cell(text, value, decimals);
  return text;
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
