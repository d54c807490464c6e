// Fuzzes the JSON reader (NDJSON and arrays): no crash, no hang, and the
// same records and error whatever the buffer size.
#include <cstdint>
#include <cstdlib>

#include "support/reader_snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  koe::ReaderOptions options;
  options.format = (flags & 1) ? koe::Format::json : koe::Format::ndjson;
  options.keep_raw = true;
  auto whole = koe::testing::snapshot("fuzz.json", text, options);
  options.buffer_bytes = 1 + (flags >> 4);
  options.batch_rows = 2;
  auto pieces = koe::testing::snapshot("fuzz.json", text, options);
  if (!(whole == pieces)) std::abort();
  return 0;
}
