// Fuzzes the CSV reader. The first byte picks the options; the rest is the
// input. Besides not crashing, the reader must deliver the same records and
// the same error whatever its buffer size: a tiny buffer moves every record
// across refills, where the edge cases live.
#include <cstdint>
#include <cstdlib>

#include "support/reader_snapshot.h"

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
  options.buffer_bytes = 1 + (flags >> 5);
  options.batch_rows = 3;
  auto pieces = koe::testing::snapshot("fuzz.csv", text, options);
  if (!(whole == pieces)) std::abort();
  return 0;
}
