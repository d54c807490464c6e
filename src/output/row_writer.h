// Rows that stream out as they are read, for row-level tools: every input
// column, then the list columns the tool adds (rca-tag: tags, owners). CSV
// joins a list with ';', JSON and NDJSON write arrays, and a JSON input's
// objects pass through untouched with the new keys appended. Tables and
// Markdown fix their column widths on the first batch and shorten longer
// cells with an ellipsis.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "output/report.h"

namespace koe::output {

class RowWriter {
 public:
  virtual ~RowWriter() = default;

  // `fields`: the input's values, in column order. `raw`: the record's own
  // text when it can pass through untouched (a JSON object into JSON, a CSV
  // record into CSV with the same delimiter); then `fields` is not read.
  // `lists`: the values of each list column.
  virtual void row(std::span<const std::string_view> fields, std::string_view raw,
                   const std::vector<std::vector<std::string_view>>& lists) = 0;
  // JSON objects passed through may hold a key named like an added list
  // column (one the first object, hence the header, did not have). While
  // checking is on, each object is looked into and such an object gets its
  // added key under a free name (tags_2). Off by default: it parses each
  // object again.
  virtual void check_key_clashes(bool) {}
  // Objects that had such a key so far, and the first one's key.
  virtual std::uint64_t key_clashes() const { return 0; }
  virtual std::string first_clashing_key() const { return {}; }
  // The text written since the last call; `last` closes the document.
  virtual std::string flush(bool last) = 0;
};

// `single_values`: each added column holds at most one value (segment's
// label), which JSON writes as a string, or null when there is none.
std::unique_ptr<RowWriter> make_row_writer(OutputFormat format,
                                           const std::vector<std::string>& columns,
                                           const std::vector<std::string>& list_columns,
                                           bool single_values = false);

}  // namespace koe::output
