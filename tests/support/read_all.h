// Reads a whole input through the real readers into plain strings, for tests.
#pragma once

#include <string>
#include <vector>

#include "input/record_reader.h"
#include "support/temp_file.h"

namespace koe::testing {

struct ReadResult {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> raw;
  std::vector<std::vector<std::string>> label_rows;
};

inline ReadResult read_path(const std::string& path, ReaderOptions options = {},
                            std::vector<std::size_t> columns = {}, bool all_columns = true) {
  auto reader = open_one(path, options);
  ReadResult result;
  result.header = reader->header();
  result.label_rows = reader->label_rows();
  if (all_columns && columns.empty())
    for (std::size_t i = 0; i < result.header.size(); ++i) columns.push_back(i);
  reader->select(columns);
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
  return result;
}

inline ReadResult read_text(std::string_view content, ReaderOptions options = {},
                            std::string_view extension = ".csv",
                            std::vector<std::size_t> columns = {}) {
  TempFile file(content, extension);
  return read_path(file.path(), options, std::move(columns));
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace koe::testing
