// Fuzzes the CSV reader. The first byte picks the options; the rest is the
// input. Besides not crashing, the reader must deliver the same records and
// the same error whatever its buffer size: a tiny buffer moves every record
// across refills, where the edge cases live. And where the chunk finder
// (input/csv_chunks.h) says a record starts, reading the records before it
// and those after it as a chunk must give the records of the whole input:
// the property threads rely on.
#include <cstdint>
#include <cstdlib>

#include "input/csv_chunks.h"
#include "input/csv_reader.h"
#include "support/reader_snapshot.h"

namespace {

// The records of a chunk (records only, under `header`), or none on an error.
std::optional<std::vector<std::vector<std::string>>> chunk_records(
    const std::string& text, const koe::ReaderOptions& options, char delimiter,
    const std::vector<std::string>& header) {
  try {
    koe::CsvReader reader(
        std::make_unique<koe::ByteSource>(koe::ByteSource::InMemory{}, "fuzz.csv", text), options,
        delimiter, header);
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < header.size(); ++i) all.push_back(i);
    reader.select(all);
    std::vector<std::vector<std::string>> rows;
    koe::Batch batch;
    while (reader.next_batch(batch))
      for (std::size_t r = 0; r < batch.size(); ++r)
        rows.emplace_back(batch.record(r).begin(), batch.record(r).end());
    return rows;
  } catch (const koe::Error&) {
    return std::nullopt;
  }
}

void check_chunks(const std::string& text, const koe::ReaderOptions& options,
                  const koe::testing::ReaderSnapshot& whole) {
  if (!whole.error.empty() || whole.header.empty() || !options.has_header || options.skip_rows)
    return;
  for (std::size_t split = 1; split < text.size(); split += 1 + text.size() / 5) {
    auto start = koe::next_record_start(std::string_view(text).substr(split), options.delimiter);
    if (!start) continue;
    const std::size_t boundary = split + *start;
    auto before = koe::testing::snapshot("fuzz.csv", text.substr(0, boundary), options);
    if (!before.error.empty() || before.header != whole.header) continue;
    auto after = chunk_records(text.substr(boundary), options, options.delimiter, whole.header);
    if (!after) std::abort();  // the whole input reads; its tail must too
    auto joined = before.rows;
    joined.insert(joined.end(), after->begin(), after->end());
    if (joined != whole.rows) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  koe::ReaderOptions options;
  options.format = koe::Format::csv;
  options.delimiter = kDelimiters[flags & 3];
  options.allow_ragged = flags & 4;
  options.has_header = !(flags & 8);
  options.skip_rows = (flags >> 4) & 1;
  options.keep_raw = true;
  auto whole = koe::testing::snapshot("fuzz.csv", text, options);
  check_chunks(text, options, whole);
  options.buffer_bytes = 1 + (flags >> 5);
  options.batch_rows = 3;
  auto pieces = koe::testing::snapshot("fuzz.csv", text, options);
  if (!(whole == pieces)) std::abort();
  return 0;
}
