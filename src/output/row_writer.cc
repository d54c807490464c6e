#include "output/row_writer.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_set>
#include <utility>

#include "output/json_writer.h"
#include "output/text_width.h"
#include "utf8.h"

namespace koe::output {

namespace {

std::string join(const std::vector<std::string_view>& items, char separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

class CsvRows final : public RowWriter {
 public:
  CsvRows(const std::vector<std::string>& columns, const std::vector<std::string>& lists) {
    bool first = true;
    for (const auto* names : {&columns, &lists})
      for (const auto& name : *names) {
        if (!first) out_ += ',';
        first = false;
        append_csv_field(out_, name);
      }
    out_ += '\n';
  }

  void row(std::span<const std::string_view> fields, std::string_view raw,
           const std::vector<std::vector<std::string_view>>& lists) override {
    bool first = true;
    if (!raw.empty()) {
      out_ += raw;
      first = false;
    }
    for (std::size_t i = 0; raw.empty() && i < fields.size(); ++i) {
      if (!first) out_ += ',';
      first = false;
      append_csv_field(out_, fields[i]);
    }
    for (const auto& list : lists) {
      if (!first) out_ += ',';
      first = false;
      // Tags are short: one pass over their bytes beats a search per byte kind.
      bool quote = std::any_of(list.begin(), list.end(), [](std::string_view item) {
        return std::any_of(item.begin(), item.end(), [](char c) {
          return c == ',' || c == '"' || c == '\r' || c == '\n';
        });
      });
      if (quote) {
        append_csv_field(out_, join(list, ';'));
      } else {
        for (std::size_t i = 0; i < list.size(); ++i) {
          if (i) out_ += ';';
          out_ += list[i];
        }
      }
    }
    out_ += '\n';
  }

  std::string flush(bool) override {
    // The next batch is about as long: reserve it now, not by doubling.
    std::string text = std::move(out_);
    out_.clear();
    out_.reserve(text.size() + text.size() / 8);
    return text;
  }

 private:
  std::string out_;
};

// JSON text without the white space between tokens.
std::string minify(std::string_view json) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out += c;
    }
  }
  return out;
}

// Whether every name is a key a JSON object can hold as it is: none empty,
// none repeated. Sorted positions tell at 4 bytes a column, where a set of
// the names takes some 70: a header of 10 million columns would need
// 0.7 GB more.
bool keys_are_unique(const std::vector<std::string>& columns,
                     const std::vector<std::string>& lists) {
  auto name = [&](std::uint32_t i) -> const std::string& {
    return i < columns.size() ? columns[i] : lists[i - columns.size()];
  };
  std::vector<std::uint32_t> order(columns.size() + lists.size());
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return name(a) < name(b); });
  if (!order.empty() && name(order[0]).empty()) return false;
  for (std::size_t i = 1; i < order.size(); ++i)
    if (name(order[i - 1]) == name(order[i])) return false;
  return true;
}

// Keys a JSON object can hold: an empty name becomes column_N, a repeated
// one NAME_2, NAME_3 ... (the added list columns come last, so an input
// column called "tags" keeps its name and the added one is "tags_2").
void make_unique_keys(std::vector<std::string>& columns, std::vector<std::string>& lists) {
  std::unordered_set<std::string> seen;
  auto fix = [&](std::string& name, std::size_t position) {
    if (name.empty()) name = fmt::format("column_{}", position + 1);
    std::string base = name;
    for (int copy = 2; seen.contains(name); ++copy) name = fmt::format("{}_{}", base, copy);
    seen.insert(name);
  };
  for (std::size_t i = 0; i < columns.size(); ++i) fix(columns[i], i);
  for (std::size_t i = 0; i < lists.size(); ++i) fix(lists[i], columns.size() + i);
}

// An added list column's key as it follows the object's other keys: ,"name":
std::string list_key(const std::string& name) {
  std::string key = ",";
  append_json_string(key, name);
  key += ':';
  return key;
}

class JsonRows final : public RowWriter {
 public:
  JsonRows(const std::vector<std::string>& columns, const std::vector<std::string>& lists,
           bool array, bool single_values)
      : array_(array), single_values_(single_values) {
    // Keys are written as JSON once ("name":), one after another in one
    // string, and copied into each row from there.
    auto render = [&](const std::vector<std::string>& names,
                      const std::vector<std::string>& list_names) {
      std::size_t bytes = 0;
      for (const auto& name : names) bytes += name.size() + 3;
      keys_.reserve(bytes);
      key_ends_.reserve(names.size());
      for (const auto& name : names) {
        append_json_string(keys_, name);
        keys_ += ':';
        key_ends_.push_back(keys_.size());
      }
      for (const auto& name : list_names) {
        list_keys_.push_back(list_key(name));
        list_names_.push_back(name);
      }
    };
    if (keys_are_unique(columns, lists)) {
      render(columns, lists);
    } else {
      auto unique_columns = columns;
      auto unique_lists = lists;
      make_unique_keys(unique_columns, unique_lists);
      render(unique_columns, unique_lists);
    }
    if (array_) out_.push_back('[');
  }

  void check_key_clashes(bool on) override { check_clashes_ = on; }
  std::uint64_t key_clashes() const override { return clashes_; }
  std::string first_clashing_key() const override { return first_clash_; }

  void row(std::span<const std::string_view> fields, std::string_view json_object,
           const std::vector<std::vector<std::string_view>>& lists) override {
    if (array_) out_ += rows_++ ? ",\n" : "\n";
    std::vector<std::string> clash_free;
    if (check_clashes_ && !json_object.empty()) clash_free = clash_free_keys(json_object);
    std::string added;
    for (std::size_t i = 0; i < list_keys_.size(); ++i) {
      JsonWriter list;
      if (single_values_) {
        if (lists[i].empty()) list.null();
        else list.string(lists[i].front());
      } else {
        list.begin_array();
        for (auto item : lists[i]) list.string(item);
        list.end_array();
      }
      added += clash_free.empty() ? list_keys_[i] : clash_free[i];
      added += list.text();
    }
    std::string compact;
    if (!json_object.empty() && !array_ && json_object.find('\n') != std::string_view::npos) {
      // NDJSON needs one object per line: a pretty-printed input object is
      // minified (a line break can only be white space between tokens).
      compact = minify(json_object);
      json_object = compact;
    }
    if (!json_object.empty()) {
      // The object passes through as it came; the new keys go before its '}'.
      auto close = json_object.rfind('}');
      auto open = json_object.find('{');
      std::string_view inside = json_object.substr(open + 1, close - open - 1);
      bool empty = inside.find_first_not_of(" \t\r\n") == std::string_view::npos;
      out_ += json_object.substr(0, close);
      out_ += empty ? std::string_view(added).substr(1) : std::string_view(added);
      out_ += json_object.substr(close);
    } else {
      out_ += '{';
      for (std::size_t i = 0; i < key_ends_.size(); ++i) {
        if (i) out_ += ',';
        std::size_t start = i ? key_ends_[i - 1] : 0;
        out_.append(keys_, start, key_ends_[i] - start);
        append_json_string(out_, i < fields.size() ? fields[i] : std::string_view{});
      }
      out_ += key_ends_.empty() ? std::string_view(added).substr(1) : std::string_view(added);
      out_ += '}';
    }
    if (!array_) out_ += '\n';
  }

  std::string flush(bool last) override {
    if (last && array_) out_ += rows_ ? "\n]\n" : "]\n";
    // The next batch is about as long: reserve it now, not by doubling
    // (JSON rows are two or three times their CSV, and a doubled buffer
    // is twice that again).
    std::string text = std::exchange(out_, {});
    if (!last) out_.reserve(text.size() + text.size() / 8);
    return text;
  }

 private:
  // Each list column's ,"key": for this object: its own name, or when the
  // object already has that key the first of NAME_2, NAME_3 ... it lacks.
  // Empty when nothing clashes.
  std::vector<std::string> clash_free_keys(std::string_view json_object) {
    simdjson::dom::object object;
    if (parser_.parse(json_object.data(), json_object.size()).get_object().get(object))
      return {};
    auto has = [&](const std::string& key) {
      simdjson::dom::element ignored;
      return !object.at_key(key).get(ignored);
    };
    std::vector<std::string> keys;
    bool clashed = false;
    for (std::size_t i = 0; i < list_names_.size(); ++i) {
      std::string name = list_names_[i];
      if (has(name)) {
        if (!clashed && clashes_++ == 0) first_clash_ = name;
        clashed = true;
        for (int n = 2; has(name = fmt::format("{}_{}", list_names_[i], n)); ++n) {
        }
      }
      keys.push_back(list_key(name));
    }
    if (!clashed) keys.clear();
    return keys;
  }

  std::string keys_;                    // each column's "key": in turn
  std::vector<std::size_t> key_ends_;   // where each ends in keys_
  std::vector<std::string> list_keys_;  // each list column's ,"key":
  std::vector<std::string> list_names_;
  bool array_;
  bool single_values_;  // added columns hold one value each: a string or null
  bool check_clashes_ = false;
  std::uint64_t clashes_ = 0;
  std::string first_clash_;
  simdjson::dom::parser parser_;
  std::size_t rows_ = 0;
  std::string out_;
};

// Aligned text: widths come from the heading and the first batch, at most
// kWidest cells; longer cells are cut with an ellipsis.
class TableRows final : public RowWriter {
 public:
  TableRows(const std::vector<std::string>& columns, const std::vector<std::string>& lists,
            bool markdown)
      : markdown_(markdown) {
    for (const auto& name : columns) headings_.push_back(printable(name));
    for (const auto& name : lists) headings_.push_back(printable(name));
  }

  void row(std::span<const std::string_view> fields, std::string_view,
           const std::vector<std::vector<std::string_view>>& lists) override {
    std::vector<std::string> cells;
    for (auto field : fields) cells.push_back(printable(field));
    for (const auto& list : lists) cells.push_back(printable(join(list, ';')));
    cells.resize(headings_.size());
    pending_.push_back(std::move(cells));
  }

  std::string flush(bool) override {
    std::string out;
    if (widths_.empty()) {
      for (std::size_t k = 0; k < headings_.size(); ++k) {
        std::size_t width = display_width(headings_[k]);
        for (const auto& row : pending_) width = std::max(width, display_width(row[k]));
        widths_.push_back(std::clamp<std::size_t>(width, 1, kWidest));
      }
      line(out, headings_);
      if (markdown_) {
        out += '|';
        for (std::size_t k = 0; k < widths_.size(); ++k) out += " --- |";
        out += '\n';
      }
    }
    for (const auto& row : pending_) line(out, row);
    pending_.clear();
    return out;
  }

 private:
  static constexpr std::size_t kWidest = 40;

  static std::string printable(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
  }

  // `text` cut to `width` cells, ending in an ellipsis when cut; Markdown,
  // read as a report, keeps every cell whole.
  std::string fit(const std::string& text, std::size_t width) const {
    if (markdown_ || display_width(text) <= width) return text;
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
      // A stray continuation byte is a piece of its own.
      std::size_t length =
          std::max<std::size_t>(1, utf8_sequence_length(static_cast<unsigned char>(text[i])));
      std::string_view piece = std::string_view(text).substr(i, length);
      std::size_t cells = display_width(piece);
      if (used + cells + 1 > width) break;
      out += piece;
      used += cells;
      i += length;
    }
    out += "\u2026";
    return out;
  }

  void line(std::string& out, const std::vector<std::string>& cells) const {
    std::string text;
    if (markdown_) text += '|';
    for (std::size_t k = 0; k < cells.size(); ++k) {
      std::string cell = fit(cells[k], widths_[k]);
      if (markdown_) {
        text += ' ';
        for (char c : cell) {
          if (c == '|') text += '\\';
          text += c;
        }
        text += " |";
        continue;
      }
      if (k) text += "  ";
      text += cell;
      text.append(widths_[k] - display_width(cell), ' ');
    }
    while (!markdown_ && !text.empty() && text.back() == ' ') text.pop_back();
    out += text;
    out += '\n';
  }

  bool markdown_;
  std::vector<std::string> headings_;
  std::vector<std::size_t> widths_;
  std::vector<std::vector<std::string>> pending_;
};

}  // namespace

std::unique_ptr<RowWriter> make_row_writer(OutputFormat format,
                                           const std::vector<std::string>& columns,
                                           const std::vector<std::string>& list_columns,
                                           bool single_values) {
  switch (format) {
    case OutputFormat::csv: return std::make_unique<CsvRows>(columns, list_columns);
    case OutputFormat::json:
      return std::make_unique<JsonRows>(columns, list_columns, true, single_values);
    case OutputFormat::ndjson:
      return std::make_unique<JsonRows>(columns, list_columns, false, single_values);
    case OutputFormat::table:
      return std::make_unique<TableRows>(columns, list_columns, false);
    case OutputFormat::markdown:
      return std::make_unique<TableRows>(columns, list_columns, true);
  }
  return nullptr;
}

}  // namespace koe::output
