// Differential fuzzing of the CSV reader, two ways:
// - valid three-column CSV built from the input must read the same through
//   koe's reader and fast-cpp-csv-parser (PRODUCT.md: on input without line
//   breaks inside quotes the two readers give the same fields);
// - the input itself, and that CSV, must read the same through every
//   structural-index kernel as through the lexer alone (input/csv_scan.h):
//   records, lines, raw text and error, with options, columns and buffer
//   size taken from the first two bytes.
#include <cstdint>
#include <cstdlib>

#include "support/csv_generator.h"
#include "support/csv_kernels.h"
#include "support/fccp_reader.h"
#include "support/reader_snapshot.h"

namespace {

void check_kernels(const std::string& text, const koe::ReaderOptions& options,
                   const std::vector<std::size_t>& columns) {
  koe::testing::ReaderSnapshot expected;
  {
    koe::testing::ForcedCsvKernel lexer(koe::CsvKernel::lexer);
    expected = koe::testing::snapshot("fuzz.csv", text, options, &columns);
  }
  for (auto kernel : koe::testing::supported_csv_kernels()) {
    koe::testing::ForcedCsvKernel forced(kernel);
    if (!(koe::testing::snapshot("fuzz.csv", text, options, &columns) == expected)) std::abort();
  }
}

}  // namespace

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

  if (size < 2) return 0;
  const std::uint8_t flags = data[0];
  const std::uint8_t choice = data[1];
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  options.delimiter = kDelimiters[flags & 3];
  options.allow_ragged = flags & 4;
  options.has_header = !(flags & 8);
  options.keep_raw = flags & 16;
  options.batch_rows = 1 + (choice >> 6);
  // Columns: a bit each for the first five, in order, or all of them.
  std::vector<std::size_t> columns;
  for (std::size_t column = 0; column < 5; ++column)
    if (choice & (1u << column)) columns.push_back(column);
  if (choice & 32) columns = {0, 1, 2, 3, 4, 5, 6, 7};
  const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
  // Buffers: one that holds any input (-max_len is 64 KiB; a megabyte each
  // time would cost most of the run), and a small one, so records cross
  // refills at every offset of the index's blocks.
  for (std::size_t buffer : {std::size_t{1} << 16, std::size_t{16} + 29 * (flags >> 5)}) {
    options.buffer_bytes = buffer;
    check_kernels(text, options, columns);
  }
  options.delimiter = ',';
  options.buffer_bytes = std::size_t{1} << 16;
  check_kernels(csv.text, options, columns);
  return 0;
}
