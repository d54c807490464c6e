#include "output/json_writer.h"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <utf8proc.h>

#include <array>
#include <cmath>

#include "output/number_text.h"

namespace koe::output {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    // A run of plain ASCII (most keys and values) goes in at once.
    static constexpr auto plain = [] {
      std::array<bool, 256> table{};
      for (int c = 0x20; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
      return table;
    }();
    std::size_t run = i;
    while (run < text.size() && plain[bytes[run]]) ++run;
    if (run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      continue;
    }
    unsigned char c = bytes[i];
    if (c >= 0x80) {
      utf8proc_int32_t point = 0;
      utf8proc_ssize_t used =
          utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &point);
      if (used <= 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.data() + i, static_cast<std::size_t>(used));
        i += static_cast<std::size_t>(used);
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void append_csv_field(std::string& out, std::string_view text) {
  // One table lookup a byte (find_first_of would search the four for each).
  static constexpr auto special = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {',', '"', '\r', '\n'}) table[c] = true;
    return table;
  }();
  bool plain = true;
  for (char c : text) plain &= !special[static_cast<unsigned char>(c)];
  if (plain) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string json_quote(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

void JsonWriter::newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(levels_.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (!levels_.back().empty) out_ += ',';
  levels_.back().empty = false;
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  levels_.push_back({true});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  levels_.push_back({false});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

void JsonWriter::close(char bracket) {
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  out_ += bracket;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::quoted_key(std::string_view quoted) {
  before_value();
  out_ += quoted;
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  before_value();
  if (!std::isfinite(value)) {
    out_ += "null";
  } else {
    char digits[kNumberChars];
    out_.append(digits, write_number(digits, value));
  }
  return *this;
}

JsonWriter& JsonWriter::number(std::int64_t value) {
  before_value();
  fmt::format_to(std::back_inserter(out_), FMT_COMPILE("{}"), value);
  return *this;
}

JsonWriter& JsonWriter::number(std::uint64_t value) {
  before_value();
  fmt::format_to(std::back_inserter(out_), FMT_COMPILE("{}"), value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace koe::output
