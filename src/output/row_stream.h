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

// Fills the added values of rows. `prepare` (optional) sees each batch
// first, `slots[i]` being the batch column of reads[i], so a tool can work
// on a whole batch at once; then `fill` fills the batch's rows in order:
// `row` is the row's index in the batch, `cells[i]` its field of reads[i],
// `file` and `line` locate it, and `added` gets one list per added column.
struct RowFiller {
  std::function<void(const Batch& batch, std::span<const std::size_t> slots)> prepare;
  std::function<void(std::size_t row, std::span<const std::string_view> cells,
                     std::string_view file, std::uint64_t line,
                     std::vector<std::vector<std::string_view>>& added)>
      fill;
};

// Reading a large file's rows on several threads (see output/row_chunks.h).
// Each chunk's rows are filled by a filler of its own, on the thread that
// reads it; its lines count from 1 at the chunk's start, so a filler that
// notes lines keeps its notes per chunk, and `chunk_done` shifts them by
// the lines before the chunk once the chunks before it are written.
struct RowChunks {
  std::vector<std::uint64_t> bounds;  // begin, the record boundaries, end
  std::size_t threads = 1;
  // The filler of `chunk`, called on worker thread `worker` (0 .. threads-1)
  // before the chunk is read; a worker reads one chunk at a time.
  std::function<RowFiller(std::size_t chunk, std::size_t worker)> filler;
  // Chunk `chunk` is written; `lines_before` lines of the input precede it.
  // Called on the calling thread, in chunk order.
  std::function<void(std::size_t chunk, std::uint64_t lines_before)> chunk_done;
};

// Whether stream_rows reads `reader` on threads when given chunks: a
// delimited input written as CSV or NDJSON, whose rows stand alone (a JSON
// array's commas and a table's widths depend on the rows before; JSON
// input's key checks look at the stream as a whole).
bool rows_on_threads(const RecordReader& reader, OutputFormat format);

// Streams every row of `reader` to `out` in `format`; returns the warnings
// about JSON keys. `options` are the reader's (pass-through needs a header
// and whole rows). With `chunks` (at least two), a delimited input is read
// on several threads when the output is CSV or NDJSON; the bytes written
// are the same as on one thread. A chunk that meets an error ends the
// threads' part: the chunks before it are written, and `reader`, after
// passing over their records, reads the rest with `fill`, so the rows
// before the error and the error itself are exactly the one-thread run's.
std::vector<std::string> stream_rows(RecordReader& reader, const ReaderOptions& options,
                                     OutputFormat format, const RowStream& stream,
                                     const RowFiller& fill, const TextSink& out,
                                     const RowChunks* chunks = nullptr);

}  // namespace koe::output
