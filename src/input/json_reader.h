// Reads a stream of JSON objects as records: NDJSON / JSON Lines (also
// concatenated pretty-printed objects, as `jq` writes them) or one JSON array
// of objects. Whole lines of objects go to simdjson as one document stream;
// anything else, a light scanner finds object by object without recursion,
// and simdjson parses and validates each. Columns are the keys of
// the first object; a key absent from an object, and null, are missing
// values; numbers and booleans arrive as their text; nested values as
// minified JSON.
#pragma once

#include <simdjson.h>

#include <memory>

#include "input/arena.h"
#include "input/byte_source.h"
#include "input/input_buffer.h"
#include "input/json_flat.h"
#include "input/record_reader.h"

namespace koe {

class JsonReader final : public RecordReader {
 public:
  // `array`: the input is one JSON array of objects; else a stream of objects.
  JsonReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options, bool array);
  // A chunk of an NDJSON file: objects only, under keys read elsewhere.
  JsonReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options,
             std::vector<std::string> header);

  const std::vector<std::string>& header() const override { return header_; }
  const std::vector<std::vector<std::string>>& label_rows() const override { return no_rows_; }
  void select(const std::vector<std::size_t>& columns) override;
  bool keyed() const override { return true; }
  void select_keys(const std::vector<std::string>& names) override;
  void track_other_keys() override { track_other_keys_ = true; }
  OtherKeys other_keys() const override { return other_keys_; }
  bool next_batch(Batch& batch) override;
  const std::string& name() const override { return source_->name(); }
  std::vector<InputReading> readings() const override;
  std::optional<DataStart> data_start() const override;
  std::uint64_t next_line() const override { return line_; }

 private:
  enum class Stage { before_array, first_element, next_element, finished };
  struct Element {
    const char* begin = nullptr;
    const char* end = nullptr;   // one past the closing brace
    const char* after = nullptr; // where scanning resumes
    std::uint64_t line = 0;      // line the element starts on
    std::uint64_t lines_spanned = 0;  // newlines from the old position to `after`
    Stage stage = Stage::finished;
  };

  // Finds the next object in [p, end). False when more input is needed; an
  // element with begin == nullptr means the input holds no more objects.
  bool find_element(const char* p, const char* end, Element& found) const;
  // NDJSON's usual shape, whole lines of objects, up to `rows` records in
  // the batch: stage 1 of simdjson's document stream runs once over many
  // lines, not once per object. Stops before anything else (an error, a
  // value that is not an object, a truncated object), which find_element
  // then reads byte by byte, naming errors exactly; false when it read
  // nothing.
  bool read_stream(const char*& p, Batch& batch, std::size_t rows);
  // The usual case of read_stream: lines of flat objects (input/json_flat.h)
  // from `p` up to the end of the window or a line simdjson must read. False
  // when it read no line.
  bool read_flat(const char*& p, const char* window_end, Batch& batch, std::size_t rows);
  simdjson::dom::object parse(const Element& element);
  // Adds `object` (read from `text`, starting on `line`) as the batch's next record.
  void append(simdjson::dom::object object, std::uint64_t line, std::string_view text, Batch& batch);
  void extract(simdjson::dom::object object, std::size_t row, Batch& batch);
  // A value as the text a cell holds (copied into the arena where needed).
  std::string_view value_text(simdjson::dom::element value);
  void note_other_keys(simdjson::dom::object object, std::size_t found, std::uint64_t line);
  // The same for a flat object's text.
  void note_other_keys(std::string_view object, std::size_t found, std::uint64_t line);
  [[noreturn]] void fail(const std::string& message, std::uint64_t line) const;
  static simdjson::dom::parser unthreaded_parser();
  // A record that is not UTF-8: the byte, its line and the encoding reading it.
  [[noreturn]] void fail_not_utf8(const Element& element) const;

  std::unique_ptr<ByteSource> source_;
  InputBuffer buffer_;
  ReaderOptions options_;
  bool array_;
  Stage stage_;
  std::uint64_t line_ = 1;
  simdjson::dom::parser parser_ = unthreaded_parser();
  std::vector<std::string> header_;
  std::vector<std::string> selected_;
  // Reads flat lines for the selection, unless turned off.
  std::optional<FlatObjectReader> flat_;
  // Calls of read_stream in a row whose first line was not flat: after two,
  // simdjson reads a whole window, not just that line.
  std::uint64_t flat_misses_ = 0;
  bool track_other_keys_ = false;
  OtherKeys other_keys_;
  std::vector<std::vector<std::string>> no_rows_;
  Arena arena_;
  // The stream's bookkeeping: bytes and records it read (to size the next
  // window to the records wanted), and the input offset up to which the
  // element-by-element path reads after the stream read nothing.
  std::uint64_t stream_bytes_ = 0;
  std::uint64_t stream_records_ = 0;
  std::uint64_t stream_blocked_until_ = 0;
};

}  // namespace koe
