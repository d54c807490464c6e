// NDJSON's common shape read without simdjson's tape: one flat object per
// line, whose values are strings with at most the short escapes (\" \n ...),
// numbers, true, false and null. simdjson's DOM parser builds the tape of
// every value of every object and then looks the selected keys up in it;
// here one pass over the line checks it and takes the selected values as it
// meets them. Anything outside that shape (a nested value, a \u escape, an
// object over several lines, an error) is left to simdjson, so what a
// record reads as never depends on which of the two read it: the tests and
// a fuzz target hold this reader to simdjson's answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/arena.h"

namespace koe {

class FlatObjectReader {
 public:
  // `selected`: the keys whose values become cells, in cell order.
  explicit FlatObjectReader(std::vector<std::string> selected);

  enum class Shape { object, blank, other };
  struct Line {
    std::string_view object;  // from '{' to '}'
    std::size_t fields = 0;   // keys in the object, repeats included
    std::size_t found = 0;    // selected keys the object holds
    const char* next = nullptr;  // the start of the following line
  };

  // Reads the line at `p`, which ends with a line feed. [p, line feed] must
  // be valid UTF-8 (checked by the caller over many lines at once) and the
  // buffer must hold 15 readable bytes after that line feed. On `object`,
  // `cells` (one per selected key) hold the values: views into the line, or
  // into `arena` when the text differs from the input's (escapes, numbers
  // with a fraction or an exponent); a key the object lacks, and null, give
  // an empty view with no data. `blank`: white space only. `other`: simdjson
  // must read this line; `cells` and `out` are then unspecified.
  Shape read(const char* p, std::string_view* cells, Arena& arena, Line& out);

 private:
  // The bytes between one value and the next (or the brace and the first
  // value): a comma, the key, the colon and any white space. Lines of an
  // export mostly repeat them, so the bytes a position held last are
  // compared whole, not read one by one.
  struct Separator {
    alignas(16) char bytes[16] = {};
    std::uint32_t mask = 0;  // a bit per byte of `bytes` in use; 0: none learnt
    std::uint32_t length = 0;
    int slot = -1;           // the key's slot; -1: not selected
    bool matches(const char* p) const;
  };
  int slot_of(std::string_view key) const;
  // Reads the separator at `p` before value `position` byte by byte and
  // learns it: `key` leaves `p` at the value; `end`, at the object's
  // closing brace; `other`: the line is not flat.
  enum class Separated { key, end, other };
  Separated read_separator(const char*& p, std::size_t position, int& slot);
  bool take_string(const char*& p, std::string_view* cell, Arena& arena) const;
  bool take_number(const char*& p, std::string_view* cell, Arena& arena) const;

  std::vector<std::string> selected_;
  // For a key selected twice, the slot each later copy takes its cell from.
  std::vector<std::pair<int, int>> repeated_slots_;
  std::vector<Separator> separators_;  // by position
  // Which slots the current line filled: filled_[slot] == line_number_.
  std::vector<std::uint64_t> filled_;
  std::uint64_t line_number_ = 0;
};

// Whether new readers read flat lines here: yes, unless the environment
// variable KOE_JSON_FLAT is 0 (for measurements) or a test says otherwise.
bool flat_json_enabled();
// Test hook: makes readers opened from now on read flat lines here or not
// (none: back to the default). Not for use while readers are being opened
// on other threads.
void force_flat_json(std::optional<bool> enabled);

}  // namespace koe
