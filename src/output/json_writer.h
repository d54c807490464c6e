// A small JSON text builder: correct escaping for any input bytes (invalid
// UTF-8 becomes U+FFFD, so the output always parses), numbers at full
// precision (shortest text that reads back to the same double), non-finite
// numbers as null. Compact, or indented for people.
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace koe::output {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view text);
  JsonWriter& number(double value);
  JsonWriter& number(std::int64_t value);
  JsonWriter& number(std::uint64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // Text that is already JSON (a nested document), inserted as is.
  JsonWriter& raw(std::string_view json);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }
  // Hands over the text written so far and goes on where it left off, so a
  // long document can be written in pieces.
  template <class Write>
  void flush(const Write& write) {
    if (!out_.empty()) write(std::string_view(out_));
    out_.clear();
  }

 private:
  void before_value();
  void newline();
  void close(char bracket);

  struct Level {
    bool is_object;
    bool empty = true;
  };
  bool pretty_;
  bool after_key_ = false;
  std::vector<Level> levels_;
  std::string out_;
};

// `text` as one CSV field (RFC 4180): quoted when it holds a comma, a quote or
// a line break, with quotes doubled.
void append_csv_field(std::string& out, std::string_view text);

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);
void append_json_string(std::string& out, std::string_view text);

}  // namespace koe::output
