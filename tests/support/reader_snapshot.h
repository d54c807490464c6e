// Everything a reader delivers for an input, or the error it stops with, as
// one comparable value: fuzzers and tests use it to hold two ways of reading
// (tiny buffer vs large, koe vs fast-cpp-csv-parser) to the same answer.
#pragma once

#include <string>
#include <vector>

#include "error.h"
#include "input/byte_source.h"
#include "input/record_reader.h"

namespace koe::testing {

struct ReaderSnapshot {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> raw;
  std::string error;  // the message of the input error, if reading stopped on one

  bool operator==(const ReaderSnapshot&) const = default;
};

// `columns`: the columns to select, those beyond the header left out; none:
// every column. `other_keys`: when given, the reader counts records with
// keys beyond the selection (RecordReader::track_other_keys) into it.
inline ReaderSnapshot snapshot_source(std::unique_ptr<ByteSource> source,
                                      const ReaderOptions& options,
                                      const std::vector<std::size_t>* columns = nullptr,
                                      OtherKeys* other_keys = nullptr) {
  ReaderSnapshot result;
  try {
    auto reader = open_source(std::move(source), options);
    result.header = reader->header();
    std::vector<std::size_t> selected;
    for (std::size_t i = 0; i < result.header.size(); ++i) selected.push_back(i);
    if (columns != nullptr) {
      selected.clear();
      for (auto column : *columns)
        if (column < result.header.size()) selected.push_back(column);
    }
    reader->select(selected);
    if (other_keys != nullptr) reader->track_other_keys();
    Batch batch;
    while (reader->next_batch(batch)) {
      for (std::size_t r = 0; r < batch.size(); ++r) {
        std::vector<std::string> row;
        for (auto cell : batch.record(r)) row.emplace_back(cell);
        result.rows.push_back(std::move(row));
        result.lines.push_back(batch.lines[r]);
        if (!batch.raw.empty()) result.raw.emplace_back(batch.raw[r]);
      }
    }
    if (other_keys != nullptr) *other_keys = reader->other_keys();
  } catch (const Error& error) {
    result.error = error.what();
  }
  return result;
}

inline ReaderSnapshot snapshot(const std::string& name, const std::string& contents,
                               const ReaderOptions& options,
                               const std::vector<std::size_t>* columns = nullptr) {
  return snapshot_source(std::make_unique<ByteSource>(ByteSource::InMemory{}, name, contents),
                         options, columns);
}

// The same through the file at `path` (large files are memory-mapped).
inline ReaderSnapshot snapshot_file(const std::string& path, const ReaderOptions& options) {
  return snapshot_source(std::make_unique<ByteSource>(path), options);
}

}  // namespace koe::testing
