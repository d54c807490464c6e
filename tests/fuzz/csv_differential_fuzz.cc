// Differential fuzzing: valid three-column CSV built from the input must read
// the same through koe's reader and fast-cpp-csv-parser (PRODUCT.md: on input
// without line breaks inside quotes the two readers give the same fields).
#include <cstdint>
#include <cstdlib>

#include "support/csv_generator.h"
#include "support/fccp_reader.h"
#include "support/reader_snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto csv = koe::testing::generate_csv(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string error;
  auto reference = koe::testing::fccp_rows(csv.text, error);
  if (!error.empty() || reference != csv.rows) std::abort();
  koe::ReaderOptions options;
  options.format = koe::Format::csv;
  options.delimiter = ',';
  auto mine = koe::testing::snapshot("fuzz.csv", csv.text, options);
  if (!mine.error.empty() || mine.rows != reference) std::abort();
  return 0;
}
