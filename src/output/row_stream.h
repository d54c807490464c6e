// The loop of every row-level tool (rca-tag's rows, segment --assign): each
// input row goes out once, in input order, with the columns the tool adds.
// Records pass through untouched when the output is their own format (a JSON
// object into JSON, a comma-separated record into CSV); then only the
// columns the tool reads are parsed. JSON objects whose keys the first
// object lacks, or that already hold an added key, are counted for the
// warnings.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "input/record_reader.h"
#include "outcome.h"
#include "output/report.h"

namespace koe::output {

struct RowStream {
  std::string tool;                  // for warnings: "rca-tag"
  std::vector<std::size_t> reads;    // input columns the tool reads in each row
  std::vector<std::string> added;    // names of the added columns
  bool single_values = false;        // an added column holds one value, not a list
};

// The added values of one row: `cells[i]` is the row's field of reads[i];
// `file` and `line` locate the row. Fills `added` (one list per column).
using RowFiller = std::function<void(std::span<const std::string_view> cells, std::string_view file,
                                     std::uint64_t line,
                                     std::vector<std::vector<std::string_view>>& added)>;

// Streams every row of `reader` to `out` in `format`; returns the warnings
// about JSON keys. `options` are the reader's (pass-through needs a header
// and whole rows).
std::vector<std::string> stream_rows(RecordReader& reader, const ReaderOptions& options,
                                     OutputFormat format, const RowStream& stream,
                                     const RowFiller& fill, const TextSink& out);

}  // namespace koe::output
