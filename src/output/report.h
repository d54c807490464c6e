// What a summary tool hands to its writers: finished results as rows of
// plain values, plus the facts a reader needs to interpret them. One report
// renders as an aligned table, JSON, NDJSON, CSV or Markdown; writers know
// nothing of statistics.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "names.h"

namespace koe::output {

enum class OutputFormat { table, json, ndjson, csv, markdown };

// -o / --output.
inline constexpr NameTable<OutputFormat, 7> kOutputFormatNames{{
    {"table", OutputFormat::table},
    {"json", OutputFormat::json},
    {"ndjson", OutputFormat::ndjson},
    {"jsonl", OutputFormat::ndjson, false},
    {"csv", OutputFormat::csv},
    {"md", OutputFormat::markdown},
    {"markdown", OutputFormat::markdown, false},
}};

// A nested JSON value (an object or array) kept as its JSON text.
struct RawJson {
  std::string text;
  bool operator==(const RawJson&) const = default;
};

// One cell: nothing (null), a flag, a count, a measure, text or nested JSON.
using Value =
    std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string, RawJson>;

// Appends cells to a row in place (an initializer list would copy each).
template <class... Cells>
void append_cells(std::vector<Value>& row, Cells&&... cells) {
  (row.emplace_back(std::forward<Cells>(cells)), ...);
}

// A measure as a cell: null when it is not finite (a share of nothing, a
// score with no answers), so no writer has to print NaN.
Value measure(double value);

struct Column {
  std::string key;    // JSON / CSV name, stable
  std::string label;  // table and Markdown heading
  int decimals = 2;   // for doubles in tables; JSON always has full precision
  bool in_table = true;
  bool in_json = true;  // JSON and NDJSON
  bool in_csv = true;
};

// A named fact about the whole result (cut-points, interval method ...):
// written at the top of a JSON document and as notes under tables.
struct Fact {
  std::string key;
  Value value;
};

// A second, smaller table shown under the main one in table and Markdown
// output (the distribution of answers, rules that never fired), and, when
// it has a json_key, an array in the JSON document.
struct Breakdown {
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
  std::string json_key;   // also written to JSON as an array under this key
  bool in_table = true;   // shown under table and Markdown output
  // Leading columns that name a group, shown in tables as group keys are
  // (key_text), except in the last `overall_rows` rows: the whole data's,
  // whose key cells already read "(all)".
  std::size_t key_columns = 0;
  std::size_t overall_rows = 0;
};

// The group rows of a report: built up front (push_back) when something
// needs them all at once, or produced one at a time as a writer reaches
// them (generate), so a report of a million groups never holds a million
// rows. Either way the writer sees them in order, once per pass.
class GroupRows {
 public:
  // Appends row `index`'s cells to `row` (given empty, and reused from row
  // to row so that its storage is allocated once per pass).
  using Producer = std::function<void(std::size_t index, std::vector<Value>& row)>;

  GroupRows() = default;
  GroupRows(std::initializer_list<std::vector<Value>> rows) : held_(rows) {}

  void push_back(std::vector<Value> row) { held_.push_back(std::move(row)); }
  // Rows 0..count-1 come from `producer` whenever they are read.
  void generate(std::size_t count, Producer producer) {
    held_.clear();
    count_ = count;
    producer_ = std::move(producer);
  }

  std::size_t size() const { return producer_ ? count_ : held_.size(); }
  bool empty() const { return size() == 0; }
  // Rows built up front; empty for generated rows.
  const std::vector<std::vector<Value>>& held() const { return held_; }
  std::vector<std::vector<Value>>& held() { return held_; }

  template <class Visit>
  void for_each(Visit&& visit) const {
    for_range(0, size(), visit);
  }
  // Rows first..last-1; safe to call from several threads at once.
  template <class Visit>
  void for_range(std::size_t first, std::size_t last, Visit&& visit) const {
    if (!producer_) {
      for (std::size_t i = first; i < last; ++i) visit(held_[i]);
      return;
    }
    std::vector<Value> row;
    for (std::size_t i = first; i < last; ++i) {
      row.clear();
      producer_(i, row);
      visit(std::as_const(row));
    }
  }

 private:
  std::vector<std::vector<Value>> held_;
  std::size_t count_ = 0;
  Producer producer_;
};

struct SummaryReport {
  std::string tool;
  std::vector<Fact> facts;
  std::vector<Column> columns;
  std::size_t key_columns = 0;  // leading columns that name a group
  GroupRows groups;
  std::vector<Value> overall;
  std::vector<std::string> notes;  // lines printed under tables
  std::vector<Breakdown> breakdowns;
  std::size_t threads = 1;  // that may format group rows at once
};

// Renames group-key columns whose name is also a result field's (a --by
// column called "n" or "nps"): their key becomes "by.<name>", so JSON
// objects and CSV headers never hold one name twice.
void make_keys_unique(SummaryReport& report);

// Writes the report in the given format to `write`, a piece at a time:
// memory does not grow with the number of groups.
using TextOut = std::function<void(std::string_view)>;
void render(const SummaryReport& report, OutputFormat format, const TextOut& write);

// The whole report as one text (tests, small reports).
std::string render(const SummaryReport& report, OutputFormat format);

// Plain cell text as tables show it (decimals fixed, null as "-").
std::string format_cell(const Value& value, int decimals);
// The same, appended to `text`.
void append_cell(std::string& text, const Value& value, int decimals);
// The width of that text for a number or a null, which is printable ASCII
// without a space, found without writing it out; nullopt for other values.
std::optional<std::size_t> solid_width(const Value& value, int decimals);

// What tables and Markdown show in place of a group key that cannot show
// itself: the overall row's keys, and an empty key.
inline constexpr std::string_view kAllRows = "(all)";
inline constexpr std::string_view kBlankKey = "(blank)";

// A group key as tables and Markdown show it: kBlankKey for an empty one;
// a value that reads like kAllRows or kBlankKey (in any case, bare or
// already in double quotes) in one more pair of double quotes, so a group
// whose value is "(all)" is never taken for the overall row; any other
// value as it is. JSON, NDJSON and CSV write keys unchanged.
std::string key_text(std::string_view value);
void append_key_text(std::string& text, std::string_view value);

}  // namespace koe::output
