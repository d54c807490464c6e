// A batch of records handed out by a reader: only the columns a tool asked
// for, as views into the reader's buffer, valid until the next batch is read.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace koe {

struct Batch {
  std::string_view file;                               // source of every record here
  std::vector<std::uint64_t> lines;                    // line each record starts on
  std::vector<std::vector<std::string_view>> columns;  // columns[selected][record]
  std::vector<std::string_view> raw;                   // each record's own bytes, if asked

  std::size_t size() const { return lines.size(); }
  bool empty() const { return lines.empty(); }

  void reset(std::size_t column_count) {
    lines.clear();
    raw.clear();
    columns.resize(column_count);
    for (auto& column : columns) column.clear();
  }
};

}  // namespace koe
