#include "report/text.h"

#include <fmt/format.h>

#include <cmath>

namespace koe::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string md_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string lang_attribute(std::string_view text) {
  // Hiragana, katakana and CJK ideographs (U+3040-U+9FFF) begin with the
  // UTF-8 lead bytes E3 to E9; full-width forms (U+FF00-) with EF BC-BF.
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0xE3 && b <= 0xE9) return " lang=\"ja\"";
  }
  return {};
}

std::string fixed(Number value, int decimals) {
  if (!value || !std::isfinite(*value)) return "-";
  std::string out = fmt::format("{:.{}f}", *value, decimals);
  if (out.starts_with('-') && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string exact(double value) { return fmt::format("{}", value); }

std::string p_text(Number p) {
  if (!p) return "p adj -";
  if (*p < 0.001) return "p adj < 0.001";
  return "p adj " + fixed(p, 3);
}

std::string change_words(const SegmentRun& run, std::size_t index) {
  const SegmentRow& row = run.groups.at(index);
  std::string low_base = fmt::format("low base (n < {})", run.low_base_under);
  if (!row.difference || index == 0)
    return row.low_base ? "no earlier period to compare with; " + low_base
                        : "no earlier period to compare with";
  std::string unit = run.unit.empty() ? "" : " " + run.unit;
  std::string size = fixed(std::fabs(*row.difference), 1);
  std::string move = size == "0.0" ? "unchanged"
                     : *row.difference > 0 ? fmt::format("up {}{}", size, unit)
                                           : fmt::format("down {}{}", size, unit);
  std::string against = fmt::format("{} from {}", move, run.groups[index - 1].label);
  // segment tests neither a low-base period nor one whose previous period is.
  if (row.low_base) return fmt::format("{}, not tested: {}", against, low_base);
  if (!row.p_adjusted)
    return run.groups[index - 1].low_base
               ? fmt::format("{}, not tested: the period before has a {}", against, low_base)
               : against + ", not tested";
  return fmt::format("{}, {} ({})", against, row.significant ? "significant" : "not significant",
                     p_text(row.p_adjusted));
}

std::string interval_words(std::string_view method, double confidence) {
  std::string name(method);
  if (method == "adjusted-wald") name = "adjusted-Wald";
  else if (method == "wald") name = "Wald";
  else if (method == "wilson") name = "Wilson";
  return fmt::format("{}% {} interval", fixed(confidence * 100, confidence * 100 == std::floor(confidence * 100) ? 0 : 1), name);
}

}  // namespace koe::report
