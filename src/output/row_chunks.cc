#include "output/row_chunks.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace koe::output {

void write_batch(const Batch& batch, const RowPlan& plan, const RowFiller& fill, RowWriter& writer,
                 std::vector<std::string_view>& cells,
                 std::vector<std::vector<std::string_view>>& added) {
  if (fill.prepare) fill.prepare(batch, plan.slots);
  for (std::size_t row = 0; row < batch.size(); ++row) {
    for (std::size_t i = 0; i < plan.slots.size(); ++i) cells[i] = batch.cell(row, plan.slots[i]);
    fill.fill(row, cells, batch.file, batch.lines[row], added);
    writer.row(batch.record(row), plan.pass() ? batch.raw[row] : std::string_view{}, added);
  }
}

namespace {

// One chunk's part of the output, from the thread that read it to the writer.
struct Piece {
  std::vector<std::string> texts;  // a batch's rows each: no copy as the chunk's text grows
  std::uint64_t rows = 0;
  std::uint64_t lines = 0;  // lines the chunk's records span
  std::size_t bytes = 0;    // of its texts
  bool done = false;
  bool failed = false;
};

// Reads chunk [begin, end) and writes its rows into `piece`. Any error
// (malformed input, out of memory) only marks the piece: the one-thread
// read that follows meets it again and reports it.
void read_chunk(const RecordReader& reader, const ReaderOptions& options, const RowPlan& plan,
                OutputFormat format, const RowStream& stream, std::uint64_t begin,
                std::uint64_t end, const RowFiller& fill, Piece& piece) {
  try {
    // A chunk is read in a few pieces, not one: with many threads, a
    // megabyte of buffer each would be much of the memory.
    ReaderOptions chunk_options = options;
    chunk_options.buffer_bytes = std::min<std::size_t>(options.buffer_bytes, 256 << 10);
    auto chunk = open_chunk(*reader.data_start(), begin, end, chunk_options, reader.delimiter(),
                            reader.header());
    chunk->select(plan.selected);
    auto writer = make_row_writer(format, reader.header(), stream.added, stream.single_values);
    writer->flush(false);  // its header: the stream's header is written once, before the chunks
    Batch batch;
    std::vector<std::vector<std::string_view>> added(stream.added.size());
    std::vector<std::string_view> cells(plan.slots.size());
    while (chunk->next_batch(batch)) {
      write_batch(batch, plan, fill, *writer, cells, added);
      piece.rows += batch.size();
      piece.texts.push_back(writer->flush(false));
    }
    piece.texts.push_back(writer->flush(true));
    piece.lines = chunk->next_line() - 1;
  } catch (...) {
    piece.failed = true;
    piece.texts = {};
  }
}

}  // namespace

ChunksWritten write_chunks(const RecordReader& reader, const ReaderOptions& options,
                           const RowPlan& plan, OutputFormat format, const RowStream& stream,
                           const RowChunks& chunks, const TextSink& out) {
#if defined(__GLIBC__)
  // Every chunk allocates a read buffer and its rows' text, a few hundred KiB
  // each, and frees them once written. glibc maps blocks that large anew and
  // trims a thread's heap as soon as its top is free, so each chunk faulted
  // its pages in again: a sixth more CPU on two threads. Kept, they are
  // reused; the chunks in flight bound them all the same. One arena: a
  // chunk's texts are allocated by its thread and freed by the writer, and
  // an arena per thread kept each thread's own peak (a third more memory);
  // the rows' small allocations come from each thread's cache, unlocked.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_ARENA_MAX, 1);
#endif
  const std::size_t count = chunks.bounds.size() - 1;
  const std::size_t threads = std::max<std::size_t>(1, std::min(chunks.threads, count));
  // Twice the threads: a thread finishing a chunk finds the next one free
  // while the writer is still behind, and memory stays a few chunks. Rows
  // can be several times their input (NDJSON names every column in every
  // row), so the text finished and waiting is held to a budget too: a
  // thread starts no chunk while more waits. The chunk the writer waits for
  // is always under way, so the budget never stops the writer.
  const std::size_t in_flight = 2 * threads;
  constexpr std::size_t kWaitingBytes = std::size_t{4} << 20;
  std::size_t waiting = 0;  // bytes of finished chunks not yet written
  std::vector<Piece> pieces(count);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // the next chunk a thread takes
  std::size_t written = 0;  // chunks written so far
  bool stop = false;

  auto work = [&](std::size_t worker) {
    for (;;) {
      std::size_t k;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] {
          return stop || next >= count || (next < written + in_flight && waiting < kWaitingBytes);
        });
        if (stop || next >= count) return;
        k = next++;
      }
      Piece piece;
      RowFiller fill;
      try {
        fill = chunks.filler(k, worker);
      } catch (...) {
        piece.failed = true;
      }
      if (!piece.failed)
        read_chunk(reader, options, plan, format, stream, chunks.bounds[k], chunks.bounds[k + 1],
                   fill, piece);
      std::size_t bytes = 0;
      for (const auto& text : piece.texts) bytes += text.size();
      std::lock_guard lock(mutex);
      pieces[k] = std::move(piece);
      pieces[k].done = true;
      pieces[k].bytes = bytes;
      waiting += bytes;
      // After a failure no new chunk starts: the one-thread read takes over.
      if (pieces[k].failed) stop = true;
      changed.notify_all();
    }
  };

  ChunksWritten result;
  std::uint64_t lines_before = reader.data_start()->line - 1;
  std::exception_ptr error;
  {
    std::vector<std::jthread> workers;
    for (std::size_t w = 0; w < threads; ++w) workers.emplace_back(work, w);
    try {
      for (std::size_t k = 0; k < count; ++k) {
        Piece piece;
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return pieces[k].done; });
          piece = std::move(pieces[k]);
          pieces[k] = Piece{};
        }
        if (piece.failed) break;
        for (auto& text : piece.texts) {
          out(text);
          text = {};
        }
        chunks.chunk_done(k, lines_before);
        lines_before += piece.lines;
        result.rows += piece.rows;
        result.chunks = k + 1;
        std::lock_guard lock(mutex);
        waiting -= piece.bytes;
        written = k + 1;
        changed.notify_all();
      }
    } catch (...) {
      error = std::current_exception();  // a failed write: the threads stop first
    }
    std::lock_guard lock(mutex);
    stop = true;
    changed.notify_all();
  }
  if (error) std::rethrow_exception(error);
  result.complete = result.chunks == count;
  return result;
}

}  // namespace koe::output
