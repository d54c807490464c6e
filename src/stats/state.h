// The saved form of an accumulator's state, for --partial and --merge
// (docs/scale-out.md): a flat list of fields, each a whole number or a word
// of plain ASCII, that an accumulator writes in a fixed order with save()
// and reads back in the same order with load(). Exact: counts are integers
// and ExactSum keeps its fixed-point words and partials bit for bit, so a
// loaded state merges and finishes to the same bits as the one saved.
//
// The list knows no file format: src/metrics/partial.h writes it as a JSON
// array inside an NDJSON record and hands the fields back here as text.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace koe::stats {

// A state that does not read back: too few or too many fields, a field of
// the wrong form, or a shape other than the accumulator's (another scale,
// weighted where this one is not).
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class StateWriter {
 public:
  StateWriter& number(std::uint64_t value);
  // A word of printable ASCII without quotes or backslashes (hex, hexfloats).
  StateWriter& word(std::string_view text);

  // The fields as a JSON array: [3,0,"0x1p+0"].
  const std::string& json() const;

 private:
  mutable std::string json_;
  bool empty_ = true;
};

class StateReader {
 public:
  explicit StateReader(std::vector<std::string> fields) : fields_(std::move(fields)) {}

  std::uint64_t number();
  const std::string& word();
  // Throws unless every field was read.
  void finish() const;
  // Throws `what` as a StateError when `ok` is false.
  static void expect(bool ok, const char* what);

 private:
  const std::string& next();
  std::vector<std::string> fields_;
  std::size_t next_ = 0;
};

}  // namespace koe::stats
