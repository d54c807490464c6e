// The reader interface every tool reads through, and the function that opens
// one or several inputs (CSV, TSV, NDJSON, JSON arrays) as a single stream.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "input/batch.h"
#include "input/format.h"

namespace koe {

// Survey-platform export layouts (--preset). The header is the first row in
// both; the rows under it are labels, not data: Qualtrics writes question
// texts and ImportId JSON, SurveyMonkey sub-question labels.
enum class Preset { qualtrics, surveymonkey };

inline constexpr NameTable<Preset, 2> kPresetNames{{
    {"qualtrics", Preset::qualtrics},
    {"surveymonkey", Preset::surveymonkey},
}};

constexpr std::size_t preset_label_rows(Preset preset) {
  return preset == Preset::qualtrics ? 2 : 1;
}

struct ReaderOptions {
  Format format = Format::automatic;
  char delimiter = 0;         // 0: from the extension, else sniffed
  bool has_header = true;     // false: columns are named 1, 2, 3 ...
  std::size_t skip_rows = 0;  // rows after the header that are not data (export label rows)
  std::optional<Preset> preset;  // the layout that set skip_rows, named in the output
  bool allow_ragged = false;  // short rows read as missing, long rows' extra fields ignored
  bool keep_raw = false;      // fill Batch::raw for pass-through tools
  std::size_t batch_rows = 4096;
  std::size_t buffer_bytes = std::size_t{1} << 20;  // read size; tests use tiny ones
  std::string encoding;  // empty: UTF-8 as it comes; else decoded (cp932, latin1 ...)
  std::size_t threads = 1;  // readers a splittable file may be read with at once
  std::uint64_t chunk_bytes = std::uint64_t{8} << 20;  // the least a thread is given (tests: less)
};

// How an input was read, as a tool's JSON states it under "input"
// (docs/formats.md): what was chosen from the options, the extension or the
// first bytes, so a report can say which encodings and presets its numbers
// were read with.
struct InputReading {
  Format format = Format::csv;  // csv, tsv (delimited by tabs), ndjson, json (an array)
  char delimiter = 0;           // of delimited text; 0 for JSON
  std::string encoding;         // as --encoding named it, lower-cased; "utf-8" when not given
  bool encoding_given = false;  // false: UTF-8, the default, read as it comes
  std::optional<Preset> preset;  // none for JSON, which has no label rows
  std::size_t skip_rows = 0;     // label rows under the header (0 for JSON)

  auto operator<=>(const InputReading&) const = default;
};

// The reading of one input with a header, in `format` with `delimiter`.
InputReading reading_of(const ReaderOptions& options, Format format, char delimiter);

// Adds `more` to `readings`, which stay distinct and sorted (the order of
// InputReading), so any order of inputs, threads or shards gives the same list.
void add_readings(std::vector<InputReading>& readings, const std::vector<InputReading>& more);

// The inputs of a job: files (none, or "-": standard input) and how to read them.
struct Inputs {
  std::vector<std::string> files;
  ReaderOptions reader;
};

// Records of a keyed input (JSON) with keys beyond the selected ones, which
// a tool writing every column cannot place (its columns are the first
// object's keys).
struct OtherKeys {
  std::uint64_t records = 0;
  std::string first_key;  // the first such key
  std::string file;       // and where it was
  std::uint64_t line = 0;

  // Adds the count of a later part of the stream; the first key stays the
  // earliest one.
  void add(const OtherKeys& later) {
    if (records == 0) {
      *this = later;
    } else {
      records += later.records;
    }
  }
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // The column names (for JSON, the keys of the first object).
  virtual const std::vector<std::string>& header() const = 0;
  // The rows skipped after the header (--skip-rows), e.g. question texts.
  virtual const std::vector<std::vector<std::string>>& label_rows() const = 0;
  // Chooses the columns (indices into header()) that batches carry, in order.
  virtual void select(const std::vector<std::size_t>& columns) = 0;
  // The field delimiter of delimited text; 0 for JSON.
  virtual char delimiter() const { return 0; }
  // Keyed inputs (JSON) look columns up by name in every record, so several
  // such inputs need not list their keys in the same order.
  virtual bool keyed() const { return false; }
  // Chooses columns by name; for keyed inputs a name may be absent from the
  // header (its values are then missing).
  virtual void select_keys(const std::vector<std::string>& names) = 0;
  // Counts records with other keys (see OtherKeys) from now on; keyed
  // inputs only, for tools that select every column.
  virtual void track_other_keys() {}
  virtual OtherKeys other_keys() const { return {}; }
  // Fills `batch` with the next records; false when the input is exhausted.
  virtual bool next_batch(Batch& batch) = 0;
  // The input's name for messages.
  virtual const std::string& name() const = 0;
  // How the input was read (see InputReading), distinct and sorted: one
  // entry for one input, more when several inputs were read differently
  // (each sniffed its own delimiter). An input without a header adds none.
  // Several inputs are opened as they are reached, so the list is complete
  // once the stream is exhausted.
  virtual std::vector<InputReading> readings() const = 0;

  // For an input threads can split (one delimited file read as it is): the
  // byte offset where the data records start, past the header and label
  // rows, and the line they start on. None for other inputs.
  struct DataStart {
    std::string path;
    std::uint64_t offset = 0;
    std::uint64_t line = 1;
    bool json = false;  // NDJSON: records are objects, split at line ends
  };
  virtual std::optional<DataStart> data_start() const { return std::nullopt; }
  // The line the next record starts on (after the last one, lines read + 1).
  virtual std::uint64_t next_line() const { return 0; }
};

// A reader of the records in bytes [begin, end) of a splittable input (see
// RecordReader::data_start), which begin at a record boundary (see
// input/csv_chunks.h): one thread's chunk. Its lines count from 1; its
// columns are `header`.
std::unique_ptr<RecordReader> open_chunk(const RecordReader::DataStart& input, std::uint64_t begin,
                                         std::uint64_t end, const ReaderOptions& options,
                                         char delimiter, const std::vector<std::string>& header);

// Opens `paths` ("-" or no path at all: standard input) as one stream. Files
// after the first must have the same header (CSV) and are opened lazily.
std::unique_ptr<RecordReader> open_input(const std::vector<std::string>& paths,
                                         const ReaderOptions& options);

class ByteSource;

// Opens a single input, choosing the format from the options, the extension
// or the first bytes.
std::unique_ptr<RecordReader> open_one(const std::string& path, const ReaderOptions& options);
std::unique_ptr<RecordReader> open_source(std::unique_ptr<ByteSource> source,
                                          const ReaderOptions& options);

}  // namespace koe
