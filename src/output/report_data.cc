// JSON, NDJSON and CSV: full precision, stable keys, rows as they finish.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>

#include "output/json_writer.h"
#include "output/number_text.h"
#include "output/report_formats.h"
#include "output/row_blocks.h"

namespace koe::output::detail {

namespace {

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

// The JSON keys of a report's rows, quoted once for every row.
std::vector<std::string> quoted_keys(const SummaryReport& report) {
  std::vector<std::string> keys;
  for (const auto& column : report.columns) keys.push_back(json_quote(column.key));
  return keys;
}

void write_row_object(JsonWriter& json, const SummaryReport& report,
                      const std::vector<std::string>& keys, const std::vector<Value>& row,
                      NumberColumns& numbers) {
  json.begin_object();
  for (std::size_t i = 0; i < report.columns.size(); ++i) {
    if (!report.columns[i].in_json) continue;
    json.quoted_key(keys[i]);
    const auto* number = std::get_if<double>(&row[i]);
    if (number && std::isfinite(*number)) {
      json.raw(numbers.text(i, *number));
    } else {
      write_value(json, row[i]);
    }
  }
  json.end_object();
}

}  // namespace

void render_json(const SummaryReport& report, const TextOut& write) {
  const auto keys = quoted_keys(report);
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
    json.flush(write);
    // Each block of rows is written by a copy of the writer as it stands
    // inside the array, so blocks read as if one writer wrote them all.
    const JsonWriter in_array = json;
    JsonWriter later = json;
    if (!report.groups.empty()) later.string("");  // the array is no longer empty
    later.flush([](std::string_view) {});
    for_row_blocks<std::string>(
        report.groups.size(), report.threads,
        [&](std::size_t first, std::size_t last, std::string& text) {
          JsonWriter block = first == 0 ? in_array : later;
          NumberColumns numbers(report.columns.size());
          report.groups.for_range(first, last, [&](const std::vector<Value>& row) {
            write_row_object(block, report, keys, row, numbers);
          });
          text = block.take();
        },
        [&](const std::string& text) { write(text); });
    json = std::move(later);
    json.end_array();
  }
  json.key("overall");
  NumberColumns numbers(report.columns.size());
  write_row_object(json, report, keys, report.overall, numbers);
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
  const auto keys = quoted_keys(report);
  Pieces out(write);
  auto lines = [&](const std::vector<Value>& row, JsonWriter& json, NumberColumns& numbers,
                   std::string& text) {
    write_row_object(json, report, keys, row, numbers);
    json.flush([&](std::string_view line) { text += line; });
    text += '\n';
  };
  for_row_blocks<std::string>(
      report.groups.size(), report.threads,
      [&](std::size_t first, std::size_t last, std::string& text) {
        JsonWriter json;
        NumberColumns numbers(report.columns.size());
        report.groups.for_range(first, last, [&](const std::vector<Value>& row) {
          lines(row, json, numbers, text);
        });
      },
      [&](const std::string& text) {
        out.add(text);
      });
  JsonWriter json;
  NumberColumns numbers(report.columns.size());
  lines(report.overall, json, numbers, out.text());
  out.finish();
}

namespace {

// A cell of column `column` as CSV: full precision, like JSON; nothing
// for null.
void append_csv_value(std::string& out, const Value& value, std::size_t column,
                      NumberColumns& numbers) {
  char digits[kNumberChars];
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
          if (std::isfinite(v)) out += numbers.text(column, v);
        } else {
          append_number(v);
        }
      },
      value);
}

}  // namespace

void render_csv(const SummaryReport& report, const TextOut& write) {
  auto row_line = [&](std::string& text, auto append_cell) {
    bool first = true;
    for (std::size_t i = 0; i < report.columns.size(); ++i) {
      if (!report.columns[i].in_csv) continue;
      if (!first) text += ',';
      first = false;
      append_cell(text, i);
    }
    text += '\n';
  };
  auto value_line = [&](std::string& text, const std::vector<Value>& row, NumberColumns& numbers) {
    row_line(text,
             [&](std::string& to, std::size_t i) { append_csv_value(to, row[i], i, numbers); });
  };
  Pieces out(write);
  row_line(out.text(),
           [&](std::string& to, std::size_t i) { append_csv_field(to, report.columns[i].key); });
  for_row_blocks<std::string>(
      report.groups.size(), report.threads,
      [&](std::size_t first, std::size_t last, std::string& text) {
        NumberColumns numbers(report.columns.size());
        report.groups.for_range(first, last, [&](const std::vector<Value>& row) {
          value_line(text, row, numbers);
        });
      },
      [&](const std::string& text) {
        out.add(text);
      });
  NumberColumns numbers(report.columns.size());
  value_line(out.text(), report.overall, numbers);
  out.finish();
}

}  // namespace koe::output::detail
