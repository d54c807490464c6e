// Differential fuzzing of the NDJSON reader: NDJSON built from the input
// (support/ndjson_generator.h), and the input itself, must read the same
// when flat lines are read by input/json_flat.h as when simdjson reads every
// line: records, lines, raw text and error, with the buffer size, batch
// size and columns taken from the first byte.
#include <cstdint>
#include <cstdlib>

#include "support/flat_json.h"
#include "support/ndjson_generator.h"
#include "support/reader_snapshot.h"

namespace {

void check(const std::string& text, const koe::ReaderOptions& options,
           const std::vector<std::size_t>& columns) {
  koe::testing::ReaderSnapshot expected;
  {
    koe::testing::ForcedFlatJson simdjson_only(false);
    expected = koe::testing::snapshot("fuzz.ndjson", text, options, &columns);
  }
  koe::testing::ForcedFlatJson flat(true);
  if (!(koe::testing::snapshot("fuzz.ndjson", text, options, &columns) == expected)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  koe::ReaderOptions options;
  options.format = koe::Format::ndjson;
  options.keep_raw = flags & 1;
  options.batch_rows = flags & 2 ? 1 : 4096;
  if (flags & 4) options.buffer_bytes = 64;
  std::vector<std::size_t> columns = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  if (flags & 8) columns = {2, 1, 2};
  check(koe::testing::generate_ndjson(bytes, flags & 16), options, columns);
  check(std::string(bytes), options, columns);
  return 0;
}
