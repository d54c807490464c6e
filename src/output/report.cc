#include "output/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "output/json_writer.h"
#include "output/text_width.h"

namespace koe::output {

namespace {

bool is_number(const Value& value) {
  return std::holds_alternative<std::int64_t>(value) ||
         std::holds_alternative<std::uint64_t>(value) || std::holds_alternative<double>(value);
}

// Text fit for one table or Markdown cell: control characters shown as
// escapes so a value can never break the layout.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

void write_value(JsonWriter& json, const Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          json.null();
        } else if constexpr (std::is_same_v<T, bool>) {
          json.boolean(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          json.string(v);
        } else if constexpr (std::is_same_v<T, RawJson>) {
          json.raw(v.text);
        } else {
          json.number(v);
        }
      },
      value);
}

void write_row_object(JsonWriter& json, const SummaryReport& report,
                      const std::vector<Value>& row) {
  json.begin_object();
  for (std::size_t i = 0; i < report.columns.size(); ++i) {
    if (!report.columns[i].in_json) continue;
    json.key(report.columns[i].key);
    write_value(json, row[i]);
  }
  json.end_object();
}

std::string render_json(const SummaryReport& report) {
  JsonWriter json(true);
  json.begin_object();
  json.key("tool").string(report.tool);
  for (const auto& fact : report.facts) {
    json.key(fact.key);
    write_value(json, fact.value);
  }
  if (report.key_columns > 0) {
    json.key("by").begin_array();
    for (std::size_t i = 0; i < report.key_columns; ++i) json.string(report.columns[i].key);
    json.end_array();
    json.key("groups").begin_array();
    for (const auto& row : report.groups) write_row_object(json, report, row);
    json.end_array();
  }
  json.key("overall");
  write_row_object(json, report, report.overall);
  for (const auto& breakdown : report.breakdowns) {
    if (breakdown.json_key.empty()) continue;
    json.key(breakdown.json_key).begin_array();
    for (const auto& row : breakdown.rows) {
      json.begin_object();
      for (std::size_t i = 0; i < breakdown.columns.size(); ++i) {
        if (!breakdown.columns[i].in_json) continue;
        json.key(breakdown.columns[i].key);
        write_value(json, row[i]);
      }
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
  return json.take() + "\n";
}

std::string render_ndjson(const SummaryReport& report) {
  std::string out;
  auto line = [&](const std::vector<Value>& row) {
    JsonWriter json;
    write_row_object(json, report, row);
    out += json.text();
    out += '\n';
  };
  for (const auto& row : report.groups) line(row);
  line(report.overall);
  return out;
}

// CSV keeps full precision, like JSON.
std::string csv_cell(const Value& value) {
  if (std::holds_alternative<double>(value)) {
    double v = std::get<double>(value);
    if (!std::isfinite(v)) return "";
    return v == 0 ? "0" : fmt::format("{}", v);
  }
  if (std::holds_alternative<std::monostate>(value)) return "";
  if (const bool* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  return format_cell(value, 0);
}

std::string render_csv(const SummaryReport& report) {
  std::string out;
  auto row_line = [&](auto cell_of) {
    bool first = true;
    for (std::size_t i = 0; i < report.columns.size(); ++i) {
      if (!report.columns[i].in_csv) continue;
      if (!first) out += ',';
      first = false;
      append_csv_field(out, cell_of(i));
    }
    out += '\n';
  };
  row_line([&](std::size_t i) { return report.columns[i].key; });
  for (const auto& row : report.groups) row_line([&](std::size_t i) { return csv_cell(row[i]); });
  row_line([&](std::size_t i) { return csv_cell(report.overall[i]); });
  return out;
}

// The table's cells: heading, group rows, then the overall row, whose empty
// key cells read "(all)".
struct Grid {
  std::vector<std::size_t> shown;  // column indices in the table
  std::vector<std::string> headings;
  std::vector<std::vector<std::string>> cells;
  std::vector<bool> right_aligned;
};

Grid build_grid(const SummaryReport& report) {
  Grid grid;
  for (std::size_t i = 0; i < report.columns.size(); ++i) {
    if (!report.columns[i].in_table) continue;
    grid.shown.push_back(i);
    grid.headings.push_back(printable(report.columns[i].label));
    grid.right_aligned.push_back(i >= report.key_columns);
  }
  auto add_row = [&](const std::vector<Value>& row, bool overall) {
    std::vector<std::string> cells;
    for (std::size_t k = 0; k < grid.shown.size(); ++k) {
      std::size_t i = grid.shown[k];
      if (i < report.key_columns) {
        if (overall) {
          cells.push_back(k == 0 ? "(all)" : "");
        } else if (const auto* text = std::get_if<std::string>(&row[i]); text && text->empty()) {
          cells.push_back("(blank)");
        } else {
          cells.push_back(printable(format_cell(row[i], 0)));
        }
      } else {
        cells.push_back(printable(format_cell(row[i], report.columns[i].decimals)));
      }
      if (!is_number(row[i]) && i >= report.key_columns && !std::holds_alternative<std::monostate>(row[i]))
        grid.right_aligned[k] = false;
    }
    grid.cells.push_back(std::move(cells));
  };
  for (const auto& row : report.groups) add_row(row, false);
  add_row(report.overall, report.key_columns > 0);

  // A column with no heading and nothing in it (a note no row needs) is left out.
  for (std::size_t k = grid.shown.size(); k-- > 0;) {
    bool blank = grid.headings[k].empty();
    for (const auto& row : grid.cells) blank = blank && row[k].empty();
    if (!blank) continue;
    grid.shown.erase(grid.shown.begin() + static_cast<std::ptrdiff_t>(k));
    grid.headings.erase(grid.headings.begin() + static_cast<std::ptrdiff_t>(k));
    grid.right_aligned.erase(grid.right_aligned.begin() + static_cast<std::ptrdiff_t>(k));
    for (auto& row : grid.cells) row.erase(row.begin() + static_cast<std::ptrdiff_t>(k));
  }
  return grid;
}

// Aligned text lines of a grid; a rule (as wide as the widest line) goes
// above row `rule_before` when there is one.
std::string aligned_lines(const Grid& grid, std::optional<std::size_t> rule_before) {
  std::vector<std::size_t> widths(grid.headings.size());
  for (std::size_t k = 0; k < widths.size(); ++k) {
    widths[k] = display_width(grid.headings[k]);
    for (const auto& row : grid.cells) widths[k] = std::max(widths[k], display_width(row[k]));
  }
  std::vector<std::string> lines;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      std::size_t pad = widths[k] - display_width(cells[k]);
      if (k) text += "  ";
      if (grid.right_aligned[k]) text.append(pad, ' ');
      text += cells[k];
      if (!grid.right_aligned[k]) text.append(pad, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    lines.push_back(std::move(text));
  };
  line(grid.headings);
  for (const auto& row : grid.cells) line(row);
  std::size_t widest = 0;
  for (const auto& text : lines) widest = std::max(widest, display_width(text));
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (rule_before && i == *rule_before + 1) {
      for (std::size_t k = 0; k < widest; ++k) out += "\u2500";
      out += '\n';
    }
    out += lines[i];
    out += '\n';
  }
  return out;
}

Grid build_grid(const Breakdown& breakdown) {
  Grid grid;
  for (std::size_t i = 0; i < breakdown.columns.size(); ++i) {
    if (!breakdown.columns[i].in_table) continue;
    grid.shown.push_back(i);
    grid.headings.push_back(printable(breakdown.columns[i].label));
    grid.right_aligned.push_back(true);
  }
  for (const auto& row : breakdown.rows) {
    std::vector<std::string> cells;
    for (std::size_t k = 0; k < grid.shown.size(); ++k) {
      std::size_t i = grid.shown[k];
      cells.push_back(printable(format_cell(row[i], breakdown.columns[i].decimals)));
      if (std::holds_alternative<std::string>(row[i])) grid.right_aligned[k] = false;
    }
    grid.cells.push_back(std::move(cells));
  }
  return grid;
}

std::string render_table(const SummaryReport& report) {
  Grid grid = build_grid(report);
  std::optional<std::size_t> rule;
  if (report.key_columns > 0 && grid.cells.size() > 1) rule = grid.cells.size() - 1;
  std::string out = aligned_lines(grid, rule);
  for (const auto& note : report.notes) {
    out += note;
    out += '\n';
  }
  for (const auto& breakdown : report.breakdowns) {
    if (!breakdown.in_table) continue;
    out += '\n';
    out += breakdown.title;
    out += '\n';
    out += aligned_lines(build_grid(breakdown), std::nullopt);
  }
  return out;
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string markdown_grid(const Grid& grid) {
  auto add_cell = [](std::string& line, std::string_view cell) {
    line += ' ';
    line += markdown_cell(cell);
    line += " |";
  };
  std::string out = "|";
  for (const auto& heading : grid.headings) add_cell(out, heading);
  out += "\n|";
  for (std::size_t k = 0; k < grid.headings.size(); ++k)
    out += grid.right_aligned[k] ? " ---: |" : " :--- |";
  out += "\n";
  for (const auto& row : grid.cells) {
    out += "|";
    for (const auto& cell : row) add_cell(out, cell);
    out += "\n";
  }
  return out;
}

std::string render_markdown(const SummaryReport& report) {
  std::string out = markdown_grid(build_grid(report));
  if (!report.notes.empty()) {
    out += "\n";
    for (const auto& note : report.notes) {
      out += '_';
      out += markdown_cell(note);
      out += "_  \n";
    }
  }
  for (const auto& breakdown : report.breakdowns) {
    if (!breakdown.in_table) continue;
    out += "\n**";
    out += markdown_cell(breakdown.title);
    out += "**\n\n";
    out += markdown_grid(build_grid(breakdown));
  }
  return out;
}

}  // namespace

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
          std::string text = fmt::format("{:.{}f}", v, decimals);
          // -0.00 reads as a sign that is not there.
          if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos)
            text.erase(0, 1);
          return text;
        } else {
          return fmt::format("{}", v);
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

std::string render(const SummaryReport& report, OutputFormat format) {
  switch (format) {
    case OutputFormat::table: return render_table(report);
    case OutputFormat::json: return render_json(report);
    case OutputFormat::ndjson: return render_ndjson(report);
    case OutputFormat::csv: return render_csv(report);
    case OutputFormat::markdown: return render_markdown(report);
  }
  return {};
}

Value measure(double value) { return std::isfinite(value) ? Value(value) : Value(); }

}  // namespace koe::output
