// The aligned table and Markdown: every row measured in a first pass, then
// written in a second, both over blocks of rows on the report's threads.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "output/report_formats.h"
#include "output/row_blocks.h"
#include "output/text_width.h"

namespace koe::output::detail {

namespace {

bool is_number(const Value& value) {
  return std::holds_alternative<std::int64_t>(value) ||
         std::holds_alternative<std::uint64_t>(value) || std::holds_alternative<double>(value);
}

// Text fit for one table or Markdown cell: control characters shown as
// escapes so a value can never break the layout.
void make_printable(std::string& text) {
  bool control = false;
  for (char c : text) control |= static_cast<unsigned char>(c) < 0x20;
  if (!control) return;
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
  text = std::move(out);
}

std::string printable(std::string text) {
  make_printable(text);
  return text;
}

// A table's columns, measured over every line in a first pass so that the
// second can write the lines one at a time, each padded to its column.
class Layout {
 public:
  Layout(std::vector<std::string> headings, const std::vector<bool>& right_aligned)
      : headings_(std::move(headings)), right_aligned_(right_aligned.begin(), right_aligned.end()),
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
    for (std::size_t k = 0; k < cells.size(); ++k) measure(k, cells[k]);
  }

  void measure(std::size_t k, std::string_view cell) {
    std::size_t width = display_width(cell);
    widths_[k] = std::max(widths_[k], width);
    if (!cell.empty()) has_text_[k] = true;
    std::size_t trailing = cell.size() - (cell.find_last_not_of(' ') + 1);
    if (trailing == cell.size()) return;  // nothing a trimmed line would show
    any_shown_[k] = true;
    widest_end_[k] = std::max(widest_end_[k], width - trailing);
    least_trailing_[k] = std::min(least_trailing_[k], trailing);
  }

  // A cell of `width` printable ASCII characters, none a space (a number).
  void measure_solid(std::size_t k, std::size_t width) {
    widths_[k] = std::max(widths_[k], width);
    has_text_[k] = true;
    any_shown_[k] = true;
    widest_end_[k] = std::max(widest_end_[k], width);
    least_trailing_[k] = 0;
  }

  // Takes in what another copy measured (a block of rows on another thread).
  void merge(const Layout& other) {
    for (std::size_t k = 0; k < columns(); ++k) {
      if (!other.right_aligned_[k]) right_aligned_[k] = false;
      widths_[k] = std::max(widths_[k], other.widths_[k]);
      if (other.has_text_[k]) has_text_[k] = true;
      if (other.any_shown_[k]) any_shown_[k] = true;
      widest_end_[k] = std::max(widest_end_[k], other.widest_end_[k]);
      least_trailing_[k] = std::min(least_trailing_[k], other.least_trailing_[k]);
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
  // Flags as bytes, not std::vector<bool>: they are read for every cell.
  std::vector<char> right_aligned_;
  std::vector<char> visible_;
  std::vector<std::size_t> widths_;
  std::vector<char> has_text_;
  // For the widest trimmed line: per column, whether any cell shows more
  // than spaces, the furthest its text reaches, its fewest trailing spaces.
  std::vector<char> any_shown_;
  std::vector<std::size_t> widest_end_;
  std::vector<std::size_t> least_trailing_;
};

// The cells of the summary table, heading then group rows then the overall
// row (whose empty key cells read "(all)").
class SummaryTable {
 public:
  explicit SummaryTable(const SummaryReport& report) : report_(report), layout_(headings(report)) {
    const Layout start = layout_;
    for_row_blocks<std::optional<Layout>>(
        report.groups.size(), report.threads,
        [&](std::size_t first, std::size_t last, std::optional<Layout>& block) {
          block = start;
          std::string scratch;
          report.groups.for_range(first, last, [&](const std::vector<Value>& row) {
            measure_row(row, *block, scratch);
          });
        },
        [&](const std::optional<Layout>& block) { layout_.merge(*block); });
    std::vector<std::string> line;
    cells(report.overall, report.key_columns > 0, &layout_, line);
    layout_.measure(line);
    layout_.drop_empty_columns();
  }

  const Layout& layout() const { return layout_; }

  // Every row's text in order (from `line`, which appends one row's
  // cells); `rule` goes before the overall row when groups precede it.
  template <class Line, class Rule>
  void write(Pieces& out, Line&& line, Rule&& rule) const {
    for_row_blocks<std::string>(
        report_.groups.size(), report_.threads,
        [&](std::size_t first, std::size_t last, std::string& text) {
          // Most lines are as wide as the widest (bytes may be more, for
          // wide characters; the string grows then).
          text.reserve((last - first) * (layout_.widest_line() + 1));
          std::vector<std::string> row_cells;
          report_.groups.for_range(first, last, [&](const std::vector<Value>& row) {
            cells(row, false, nullptr, row_cells);
            line(text, row_cells);
          });
        },
        [&](const std::string& text) { out.add(text); });
    if (report_.key_columns > 0 && !report_.groups.empty()) rule(out.text());
    std::vector<std::string> overall;
    cells(report_.overall, report_.key_columns > 0, nullptr, overall);
    line(out.text(), overall);
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
    return Layout(std::move(titles), right);
  }

  // Measures a group row's cells into `layout` as cells() would write them;
  // numbers by their width alone, without their text.
  void measure_row(const std::vector<Value>& row, Layout& layout, std::string& scratch) const {
    for (std::size_t k = 0; k < shown_.size(); ++k) {
      std::size_t i = shown_[k];
      if (i >= report_.key_columns) {
        if (auto width = solid_width(row[i], report_.columns[i].decimals)) {
          layout.measure_solid(k, *width);
          continue;
        }
        layout.align_left(k);  // text in a column of measures
      }
      scratch.clear();
      append_text(scratch, row[i], i);
      layout.measure(k, scratch);
    }
  }

  // A row's cells, into `out` (whose strings are reused from row to row);
  // a text cell in a measure column aligns that column of `aligning` (when
  // given) left.
  void cells(const std::vector<Value>& row, bool overall, Layout* aligning,
             std::vector<std::string>& out) const {
    out.resize(shown_.size());
    for (std::size_t k = 0; k < shown_.size(); ++k) {
      std::size_t i = shown_[k];
      std::string& cell = out[k];
      cell.clear();
      if (overall && i < report_.key_columns) {
        if (k == 0) cell = kAllRows;
        continue;
      }
      append_text(cell, row[i], i);
      if (aligning && i >= report_.key_columns && !is_number(row[i]) &&
          !std::holds_alternative<std::monostate>(row[i]))
        aligning->align_left(k);
    }
  }

  // The text of a group row's cell of column i, as the table shows it.
  void append_text(std::string& cell, const Value& value, std::size_t i) const {
    const bool key = i < report_.key_columns;
    if (const auto* text = std::get_if<std::string>(&value); text && key) {
      append_key_text(cell, *text);
    } else {
      append_cell(cell, value, key ? 0 : report_.columns[i].decimals);
    }
    // Only text can hold a control character; a number, a flag or a
    // null's text never does.
    if (std::holds_alternative<std::string>(value) || std::holds_alternative<RawJson>(value))
      make_printable(cell);
  }

  const SummaryReport& report_;
  std::vector<std::size_t> shown_;
  Layout layout_;
};

// A breakdown's cells: few rows, built whole.
struct BreakdownTable {
  explicit BreakdownTable(const Breakdown& breakdown) : layout(headings(breakdown)) {
    const std::size_t keyed_rows =
        breakdown.rows.size() - std::min(breakdown.overall_rows, breakdown.rows.size());
    for (std::size_t r = 0; r < breakdown.rows.size(); ++r) {
      const auto& row = breakdown.rows[r];
      std::vector<std::string> line;
      for (std::size_t k = 0; k < shown.size(); ++k) {
        std::size_t i = shown[k];
        const auto* key = std::get_if<std::string>(&row[i]);
        if (key && i < breakdown.key_columns && r < keyed_rows)
          line.push_back(printable(key_text(*key)));
        else
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
    return Layout(std::move(titles), right);
  }

  std::vector<std::size_t> shown;
  Layout layout;
  std::vector<std::vector<std::string>> cells;
};

// Appends `text` with each '|' escaped, so a cell cannot split its row.
void append_markdown_text(std::string& out, std::string_view text) {
  bool bar = false;
  for (char c : text) bar |= c == '|';
  if (!bar) {
    out += text;
    return;
  }
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
}

void append_markdown_line(std::string& out, const Layout& layout,
                          const std::vector<std::string>& cells) {
  out += "|";
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (!layout.visible(k)) continue;
    out += ' ';
    append_markdown_text(out, cells[k]);
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

}  // namespace

void render_table(const SummaryReport& report, const TextOut& write) {
  Pieces out(write);
  SummaryTable table(report);
  const Layout& layout = table.layout();
  layout.append_line(out.text(), layout.headings());
  table.write(
      out,
      [&](std::string& text, const std::vector<std::string>& cells) { layout.append_line(text, cells); },
      [&](std::string& text) {
        for (std::size_t k = layout.widest_line(); k > 0; --k) text += "\u2500";
        text += '\n';
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

void render_markdown(const SummaryReport& report, const TextOut& write) {
  Pieces out(write);
  SummaryTable table(report);
  append_markdown_heading(out.text(), table.layout());
  table.write(
      out,
      [&](std::string& text, const std::vector<std::string>& cells) {
        append_markdown_line(text, table.layout(), cells);
      },
      [](std::string&) {});
  if (!report.notes.empty()) {
    out.text() += "\n";
    for (const auto& note : report.notes) {
      out.text() += '_';
      append_markdown_text(out.text(), note);
      out.text() += "_  \n";
    }
  }
  for (const auto& breakdown : report.breakdowns) {
    if (!breakdown.in_table) continue;
    out.text() += "\n**";
    append_markdown_text(out.text(), breakdown.title);
    out.text() += "**\n\n";
    BreakdownTable lines(breakdown);
    append_markdown_heading(out.text(), lines.layout);
    for (const auto& cells : lines.cells) append_markdown_line(out.text(), lines.layout, cells);
  }
  out.finish();
}

}  // namespace koe::output::detail
