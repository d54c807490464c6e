#include "output/report.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
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
std::string printable(std::string text) {
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return text;
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

// Text on its way to the writer, handed over in large pieces.
class Pieces {
 public:
  explicit Pieces(const TextOut& write) : write_(write) {}
  std::string& text() { return text_; }
  // Hands the text over once there is enough of it to be worth a write.
  void ready() {
    if (text_.size() >= kPiece) finish();
  }
  void finish() {
    if (!text_.empty()) write_(text_);
    text_.clear();
  }

 private:
  static constexpr std::size_t kPiece = 1 << 16;
  const TextOut& write_;
  std::string text_;
};

void render_json(const SummaryReport& report, const TextOut& write) {
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
    report.groups.for_each([&](const std::vector<Value>& row) {
      write_row_object(json, report, row);
      if (json.text().size() >= (1 << 16)) json.flush(write);
    });
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
  json.flush(write);
  write("\n");
}

void render_ndjson(const SummaryReport& report, const TextOut& write) {
  Pieces out(write);
  auto line = [&](const std::vector<Value>& row) {
    JsonWriter json;
    write_row_object(json, report, row);
    out.text() += json.text();
    out.text() += '\n';
    out.ready();
  };
  report.groups.for_each(line);
  line(report.overall);
  out.finish();
}

// A cell as CSV: full precision, like JSON; nothing for null.
void append_csv_value(std::string& out, const Value& value) {
  char digits[64];
  auto append_number = [&](auto number) {
    out.append(digits, fmt::format_to(digits, FMT_COMPILE("{}"), number));
  };
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          append_csv_field(out, v);
        } else if constexpr (std::is_same_v<T, RawJson>) {
          append_csv_field(out, v.text);
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(v)) return;
          if (v == 0) {
            out += '0';
          } else {
            append_number(v);
          }
        } else {
          append_number(v);
        }
      },
      value);
}

void render_csv(const SummaryReport& report, const TextOut& write) {
  Pieces out(write);
  auto row_line = [&](auto append_cell) {
    bool first = true;
    for (std::size_t i = 0; i < report.columns.size(); ++i) {
      if (!report.columns[i].in_csv) continue;
      if (!first) out.text() += ',';
      first = false;
      append_cell(i);
    }
    out.text() += '\n';
    out.ready();
  };
  row_line([&](std::size_t i) { append_csv_field(out.text(), report.columns[i].key); });
  auto value_line = [&](const std::vector<Value>& row) {
    row_line([&](std::size_t i) { append_csv_value(out.text(), row[i]); });
  };
  report.groups.for_each(value_line);
  value_line(report.overall);
  out.finish();
}

// A table's columns, measured over every line in a first pass so that the
// second can write the lines one at a time, each padded to its column.
class Layout {
 public:
  Layout(std::vector<std::string> headings, std::vector<bool> right_aligned)
      : headings_(std::move(headings)), right_aligned_(std::move(right_aligned)),
        visible_(headings_.size(), true), widths_(headings_.size(), 0),
        has_text_(headings_.size(), false), any_shown_(headings_.size(), false),
        widest_end_(headings_.size(), 0), least_trailing_(headings_.size(), SIZE_MAX) {
    measure(headings_);
  }

  const std::vector<std::string>& headings() const { return headings_; }
  std::size_t columns() const { return headings_.size(); }
  bool visible(std::size_t k) const { return visible_[k]; }
  bool right_aligned(std::size_t k) const { return right_aligned_[k]; }
  void align_left(std::size_t k) { right_aligned_[k] = false; }

  void measure(const std::vector<std::string>& cells) {
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const std::string& cell = cells[k];
      std::size_t width = display_width(cell);
      widths_[k] = std::max(widths_[k], width);
      if (!cell.empty()) has_text_[k] = true;
      std::size_t trailing = cell.size() - (cell.find_last_not_of(' ') + 1);
      if (trailing == cell.size()) continue;  // nothing a trimmed line would show
      any_shown_[k] = true;
      widest_end_[k] = std::max(widest_end_[k], width - trailing);
      least_trailing_[k] = std::min(least_trailing_[k], trailing);
    }
  }

  // A column with no heading and nothing in it (a note no row needs) is left out.
  void drop_empty_columns() {
    for (std::size_t k = 0; k < columns(); ++k) visible_[k] = has_text_[k];
  }

  // One line of cells, padded, its trailing spaces trimmed.
  void append_line(std::string& out, const std::vector<std::string>& cells) const {
    std::size_t start = out.size();
    bool first = true;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (!visible_[k]) continue;
      std::size_t pad = widths_[k] - display_width(cells[k]);
      if (!first) out += "  ";
      first = false;
      if (right_aligned_[k]) out.append(pad, ' ');
      out += cells[k];
      if (!right_aligned_[k]) out.append(pad, ' ');
    }
    while (out.size() > start && out.back() == ' ') out.pop_back();
    out += '\n';
  }

  // The display width of the widest line measured: where the last cell that
  // shows anything ends, once lines are padded and trimmed.
  std::size_t widest_line() const {
    std::size_t widest = 0, start = 0;
    bool first = true;
    for (std::size_t k = 0; k < columns(); ++k) {
      if (!visible_[k]) continue;
      if (!first) start += 2;
      first = false;
      if (any_shown_[k])
        widest = std::max(widest, start + (right_aligned_[k] ? widths_[k] - least_trailing_[k]
                                                               : widest_end_[k]));
      start += widths_[k];
    }
    return widest;
  }

 private:
  std::vector<std::string> headings_;
  std::vector<bool> right_aligned_;
  std::vector<bool> visible_;
  std::vector<std::size_t> widths_;
  std::vector<bool> has_text_;
  // For the widest trimmed line: per column, whether any cell shows more
  // than spaces, the furthest its text reaches, its fewest trailing spaces.
  std::vector<bool> any_shown_;
  std::vector<std::size_t> widest_end_;
  std::vector<std::size_t> least_trailing_;
};

// The cells of the summary table, heading then group rows then the overall
// row (whose empty key cells read "(all)"), two passes over the groups.
class SummaryTable {
 public:
  explicit SummaryTable(const SummaryReport& report) : report_(report), layout_(headings(report)) {
    report.groups.for_each([&](const std::vector<Value>& row) { layout_.measure(cells(row, false)); });
    layout_.measure(cells(report.overall, report.key_columns > 0));
    layout_.drop_empty_columns();
  }

  const Layout& layout() const { return layout_; }

  // Every row's cells in order; `rule` before the overall row when groups precede it.
  template <class Line, class Rule>
  void each_row(Line&& line, Rule&& rule) {
    report_.groups.for_each([&](const std::vector<Value>& row) { line(cells(row, false)); });
    if (report_.key_columns > 0 && !report_.groups.empty()) rule();
    line(cells(report_.overall, report_.key_columns > 0));
  }

 private:
  Layout headings(const SummaryReport& report) {
    std::vector<std::string> titles;
    std::vector<bool> right;
    for (std::size_t i = 0; i < report.columns.size(); ++i) {
      if (!report.columns[i].in_table) continue;
      shown_.push_back(i);
      titles.push_back(printable(report.columns[i].label));
      right.push_back(i >= report.key_columns);
    }
    return Layout(std::move(titles), std::move(right));
  }

  // A row's cells; a text cell in a measure column aligns that column left.
  std::vector<std::string> cells(const std::vector<Value>& row, bool overall) {
    std::vector<std::string> out;
    out.reserve(shown_.size());
    for (std::size_t k = 0; k < shown_.size(); ++k) {
      std::size_t i = shown_[k];
      if (i < report_.key_columns) {
        if (overall) {
          out.push_back(k == 0 ? "(all)" : "");
        } else if (const auto* text = std::get_if<std::string>(&row[i]); text && text->empty()) {
          out.push_back("(blank)");
        } else {
          out.push_back(printable(format_cell(row[i], 0)));
        }
      } else {
        out.push_back(printable(format_cell(row[i], report_.columns[i].decimals)));
        if (!is_number(row[i]) && !std::holds_alternative<std::monostate>(row[i]))
          layout_.align_left(k);
      }
    }
    return out;
  }

  const SummaryReport& report_;
  std::vector<std::size_t> shown_;
  Layout layout_;
};

// A breakdown's cells: few rows, built whole.
struct BreakdownTable {
  explicit BreakdownTable(const Breakdown& breakdown) : layout(headings(breakdown)) {
    for (const auto& row : breakdown.rows) {
      std::vector<std::string> line;
      for (std::size_t k = 0; k < shown.size(); ++k) {
        std::size_t i = shown[k];
        line.push_back(printable(format_cell(row[i], breakdown.columns[i].decimals)));
        if (std::holds_alternative<std::string>(row[i])) layout.align_left(k);
      }
      layout.measure(line);
      cells.push_back(std::move(line));
    }
  }

  Layout headings(const Breakdown& breakdown) {
    std::vector<std::string> titles;
    for (std::size_t i = 0; i < breakdown.columns.size(); ++i) {
      if (!breakdown.columns[i].in_table) continue;
      shown.push_back(i);
      titles.push_back(printable(breakdown.columns[i].label));
    }
    std::vector<bool> right(titles.size(), true);
    return Layout(std::move(titles), std::move(right));
  }

  std::vector<std::size_t> shown;
  Layout layout;
  std::vector<std::vector<std::string>> cells;
};

void render_table(const SummaryReport& report, const TextOut& write) {
  Pieces out(write);
  SummaryTable table(report);
  const Layout& layout = table.layout();
  layout.append_line(out.text(), layout.headings());
  table.each_row(
      [&](const std::vector<std::string>& cells) {
        layout.append_line(out.text(), cells);
        out.ready();
      },
      [&] {
        for (std::size_t k = layout.widest_line(); k > 0; --k) out.text() += "\u2500";
        out.text() += '\n';
      });
  for (const auto& note : report.notes) {
    out.text() += note;
    out.text() += '\n';
  }
  for (const auto& breakdown : report.breakdowns) {
    if (!breakdown.in_table) continue;
    out.text() += '\n';
    out.text() += breakdown.title;
    out.text() += '\n';
    BreakdownTable lines(breakdown);
    lines.layout.append_line(out.text(), lines.layout.headings());
    for (const auto& cells : lines.cells) lines.layout.append_line(out.text(), cells);
  }
  out.finish();
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

void append_markdown_line(std::string& out, const Layout& layout,
                          const std::vector<std::string>& cells) {
  out += "|";
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (!layout.visible(k)) continue;
    out += ' ';
    out += markdown_cell(cells[k]);
    out += " |";
  }
  out += "\n";
}

void append_markdown_heading(std::string& out, const Layout& layout) {
  append_markdown_line(out, layout, layout.headings());
  out += "|";
  for (std::size_t k = 0; k < layout.columns(); ++k)
    if (layout.visible(k)) out += layout.right_aligned(k) ? " ---: |" : " :--- |";
  out += "\n";
}

void render_markdown(const SummaryReport& report, const TextOut& write) {
  Pieces out(write);
  SummaryTable table(report);
  append_markdown_heading(out.text(), table.layout());
  table.each_row(
      [&](const std::vector<std::string>& cells) {
        append_markdown_line(out.text(), table.layout(), cells);
        out.ready();
      },
      [] {});
  if (!report.notes.empty()) {
    out.text() += "\n";
    for (const auto& note : report.notes) {
      out.text() += '_';
      out.text() += markdown_cell(note);
      out.text() += "_  \n";
    }
  }
  for (const auto& breakdown : report.breakdowns) {
    if (!breakdown.in_table) continue;
    out.text() += "\n**";
    out.text() += markdown_cell(breakdown.title);
    out.text() += "**\n\n";
    BreakdownTable lines(breakdown);
    append_markdown_heading(out.text(), lines.layout);
    for (const auto& cells : lines.cells) append_markdown_line(out.text(), lines.layout, cells);
  }
  out.finish();
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
          std::string text = fmt::format(FMT_COMPILE("{:.{}f}"), v, decimals);
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
    case OutputFormat::table: return render_table(report, write);
    case OutputFormat::json: return render_json(report, write);
    case OutputFormat::ndjson: return render_ndjson(report, write);
    case OutputFormat::csv: return render_csv(report, write);
    case OutputFormat::markdown: return render_markdown(report, write);
  }
}

std::string render(const SummaryReport& report, OutputFormat format) {
  std::string text;
  render(report, format, [&text](std::string_view piece) { text += piece; });
  return text;
}

Value measure(double value) { return std::isfinite(value) ? Value(value) : Value(); }

}  // namespace koe::output
