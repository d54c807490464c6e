// The survey-data CSV reader: RFC 4180 (quoted fields, doubled quotes,
// newlines inside quotes, LF / CRLF / CR line ends, UTF-8 BOM) with any
// one-byte delimiter, streamed in batches of only the selected columns.
//
// Lenient where real exports are sloppy and the meaning is clear: a quote
// inside an unquoted field is literal, text after a closing quote is kept,
// blank lines are not records. Unterminated quotes and ragged rows are errors
// naming the line (ragged rows are allowed with ReaderOptions::allow_ragged).
//
// Data records are found through a structural index (input/csv_scan.h) where
// the CPU has SIMD; the byte-by-byte lexer (parse_record) reads the header,
// label rows and any record the index cannot place, and is the reference the
// index is tested against.
#pragma once

#include <array>
#include <memory>

#include "input/arena.h"
#include "input/byte_source.h"
#include "input/csv_scan.h"
#include "input/input_buffer.h"
#include "input/record_reader.h"

namespace koe {

class CsvReader final : public RecordReader {
 public:
  CsvReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options, char delimiter);
  // A chunk of a file: records only, under a header read elsewhere.
  CsvReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options, char delimiter,
            std::vector<std::string> header);

  const std::vector<std::string>& header() const override { return header_; }
  const std::vector<std::vector<std::string>>& label_rows() const override { return label_rows_; }
  void select(const std::vector<std::size_t>& columns) override;
  void select_keys(const std::vector<std::string>& names) override;
  bool next_batch(Batch& batch) override;
  const std::string& name() const override { return source_->name(); }
  char delimiter() const override { return delimiter_; }
  std::vector<InputReading> readings() const override;
  std::optional<DataStart> data_start() const override;
  std::uint64_t next_line() const override { return line_; }

 private:
  // Reads every field of the next record (header and label rows); with
  // `consume` false the record stays in the buffer to be read again as data.
  bool read_full_record(std::vector<std::string>& out, bool consume);
  // Parses the record at `p`, storing selected fields in slots_ (or every
  // field in all_fields_). Returns the position after it, or nullptr when
  // the buffer ends before the record does and more input may follow.
  const char* parse_record(const char* p, const char* end);
  // Appends to `batch` (up to `rows` records) the data records from `p`
  // that the structural index places, and returns where it stopped: at the
  // end of the buffer, or at a record for the lexer (parse_record) to read
  // (a literal quote, the wrong number of fields).
  const char* read_indexed(Batch& batch, const char* p, const char* end, std::size_t rows);
  // The value of the field [field, field_end) whose first byte is a quote
  // and whose quotes the index found well formed; none if they are not.
  bool quoted_value(const char* field, const char* field_end, std::string_view& value);
  const char* skip_blank_lines(const char* p, const char* end);
  // Where delimiters and line ends are in a stretch of the buffer.
  struct FieldEnds {
    const char* base = nullptr;
    std::uint64_t mask = 0;  // bit i: base[i] ends an unquoted field
  };
  // The first delimiter or line end at or after `p`, or `end`.
  const char* end_of_unquoted(const char* p, const char* end, FieldEnds& ends) const;
  [[noreturn]] void fail(const std::string& message, std::uint64_t line) const;

  std::unique_ptr<ByteSource> source_;
  InputBuffer buffer_;
  ReaderOptions options_;
  char delimiter_;
  std::array<bool, 256> ends_unquoted_{};
  CsvScanFunction scan_ = nullptr;  // none: every record through the lexer
  CsvIndex index_;
  std::size_t indexed_ = 0;        // records read through the index since it started
  std::size_t backoff_ = 0;        // see read_indexed
  std::size_t lexer_records_ = 0;  // records the lexer reads before the index is tried again

  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> label_rows_;
  std::vector<std::uint32_t> slot_of_selection_;  // selected column -> slot
  struct SlottedField {
    std::uint32_t field;
    std::uint32_t slot;
  };
  std::vector<SlottedField> slotted_;  // the selected fields in field order
  std::size_t selected_count_ = 0;
  // No column is selected twice: slot k is selected column k, so a record's
  // fields can go straight into its cells of the batch.
  bool slots_are_cells_ = false;

  // Per-record scratch filled by parse_record.
  std::vector<std::string_view> slots_;
  std::vector<std::string_view> all_fields_;
  bool capture_all_ = false;
  std::size_t field_count_ = 0;
  std::uint64_t newlines_inside_ = 0;

  std::uint64_t line_ = 1;  // line the next record starts on
  Arena arena_;
};

}  // namespace koe
