// The rows of a large file tagged on several threads and written in input
// order. The file is cut into many modest chunks at record boundaries; each
// thread takes the next chunk, writes its rows into a buffer of its own, and
// one writer emits the buffers strictly in chunk order. Only a few chunks
// are in flight at a time (twice the threads), so memory stays flat however
// large the file is.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "input/record_reader.h"
#include "outcome.h"
#include "output/row_stream.h"
#include "output/row_writer.h"

namespace koe::output {

// How rows are read and written: which columns the reader selects and where
// the filler's cells are among them, and whether records pass through whole.
struct RowPlan {
  bool pass_json = false;
  bool pass_csv = false;
  std::vector<std::size_t> selected;  // for RecordReader::select
  std::vector<std::size_t> slots;     // each of RowStream::reads in the batches

  bool pass() const { return pass_json || pass_csv; }
};

// The rows of one batch, filled and given to `writer`.
void write_batch(const Batch& batch, const RowPlan& plan, const RowFiller& fill, RowWriter& writer,
                 std::vector<std::string_view>& cells,
                 std::vector<std::vector<std::string_view>>& added);

// What the threads wrote before the first chunk that met an error (all of
// them when none did).
struct ChunksWritten {
  std::size_t chunks = 0;
  std::uint64_t rows = 0;  // records in those chunks
  bool complete = false;   // every chunk was written
};

// Writes the rows of chunks [bounds[k], bounds[k+1]) of `reader`'s input in
// order, up to the first chunk that met an error. The header (if the format
// has one) has already been written.
ChunksWritten write_chunks(const RecordReader& reader, const ReaderOptions& options,
                           const RowPlan& plan, OutputFormat format, const RowStream& stream,
                           const RowChunks& chunks, const TextSink& out);

}  // namespace koe::output
