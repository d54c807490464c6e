#include "columns.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include <utf8proc.h>

#include "error.h"
#include "utf8.h"
#include "values.h"

namespace koe {

namespace {

// Code points of UTF-8 text with ASCII letters lowered; bytes that are not
// valid UTF-8 count as one code point each.
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = utf8_sequence_length(byte);
    if (length == 0 || i + length > text.size()) length = 1;
    char32_t point = byte;
    if (length > 1) {
      point = byte & (0xFF >> (length + 1));
      for (std::size_t k = 1; k < length; ++k)
        point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if (point >= 'A' && point <= 'Z') point += 'a' - 'A';
    out.push_back(point);
    i += length;
  }
  return out;
}

// A name as spelling hints compare it: trimmed, NFKC with case folding (so
// half-width ﾌﾟﾗﾝ is プラン and full-width ｓｃｏｒｅ is score), as code
// points. Text that is not UTF-8 is compared as it is, ASCII case aside.
std::vector<char32_t> folded_code_points(std::string_view text) {
  text = trim(text);
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return code_points(text);  // NFKC leaves ASCII alone; only the case folds
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
      &folded, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                              UTF8PROC_CASEFOLD));
  if (length < 0) return code_points(text);
  auto points = code_points({reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length)});
  std::free(folded);
  return points;
}

std::size_t edit_distance(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// A header name as messages show it: cut after 60 bytes (a header can hold
// anything, including a whole file when a quote is missing).
std::string shown_name(const std::string& name) {
  if (name.empty()) return "(empty)";
  std::string quoted = quote_value(name);
  return quoted.substr(1, quoted.size() - 2);
}

std::string list_columns(const std::vector<std::string>& header) {
  constexpr std::size_t kShown = 40;
  std::string list;
  for (std::size_t i = 0; i < header.size() && i < kShown; ++i)
    list += fmt::format("{}{} {}", i ? ", " : "", i + 1, shown_name(header[i]));
  if (header.size() > kShown) list += fmt::format(", ... ({} columns in all)", header.size());
  return list;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

}  // namespace

std::size_t name_distance(std::string_view a, std::string_view b) {
  return edit_distance(folded_code_points(a), folded_code_points(b));
}

std::string closest_name(const std::vector<std::string>& header, std::string_view spec) {
  auto wanted = folded_code_points(spec);
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, wanted.size() / 3) + 1;
  for (const auto& name : header) {
    // A name much longer than the spec is no typo of it (and costly to compare).
    if (name.size() > 4 * spec.size() + 16) continue;
    auto distance = edit_distance(wanted, folded_code_points(name));
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best;
}

std::size_t resolve_column(const std::vector<std::string>& header, std::string_view spec,
                           std::string_view option) {
  std::vector<std::size_t> matches;  // 1-based, as the user counts
  auto find = [&] {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == spec) matches.push_back(i + 1);
  };
  find();
  // "plan, region" names region: spaces around a name in a list are not
  // part of it, unless a header name has them.
  if (matches.empty() && trim(spec).size() != spec.size()) {
    spec = trim(spec);
    find();
  }
  if (matches.size() == 1) return matches[0] - 1;
  if (matches.size() > 1)
    throw_usage(fmt::format("column name \"{}\" ({}) appears {} times, at positions {}; name it "
                            "by position instead",
                            spec, option, matches.size(),
                            fmt::join(matches.begin(), matches.end(), ", ")));
  if (header.empty())
    throw_usage(fmt::format("no column \"{}\" ({}): the input has no header row", spec, option));
  if (all_digits(spec)) {
    std::size_t position = 0;
    auto [end, error] = std::from_chars(spec.data(), spec.data() + spec.size(), position);
    if (error == std::errc() && position >= 1 && position <= header.size()) return position - 1;
    throw_usage(fmt::format("column {} ({}) is out of range: the input has {} column{}", spec,
                            option, header.size(), header.size() == 1 ? "" : "s"));
  }
  std::string message = fmt::format("no column named {} ({})", quote_value(spec), option);
  if (auto suggestion = closest_name(header, spec); !suggestion.empty())
    message += fmt::format("; did you mean \"{}\"?", shown_name(suggestion));
  else
    message += '.';
  message += fmt::format(" The columns are: {}", list_columns(header));
  // One column whose name holds a delimiter: the input was split on the
  // wrong one (sniffed from the header, or given with -d).
  if (header.size() == 1 && header[0].find_first_of(",\t;|") != std::string::npos)
    message += " (one column: if the input has another delimiter, give it with -d, or its format "
               "with --input-format)";
  throw_usage(message);
}

std::vector<std::size_t> resolve_columns(const std::vector<std::string>& header,
                                         const std::vector<std::string>& specs,
                                         std::string_view option) {
  std::vector<std::size_t> columns;
  for (const auto& spec : specs) {
    if (std::find(header.begin(), header.end(), spec) != header.end() ||
        spec.find(',') == std::string::npos) {
      columns.push_back(resolve_column(header, spec, option));
      continue;
    }
    std::string_view rest = spec;
    for (;;) {
      auto comma = rest.find(',');
      columns.push_back(resolve_column(header, rest.substr(0, comma), option));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return columns;
}

}  // namespace koe
