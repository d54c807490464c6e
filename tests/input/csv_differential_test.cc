#include <doctest/doctest.h>

#include "stats/bootstrap.h"
#include "support/csv_generator.h"
#include "support/fccp_reader.h"
#include "support/reader_snapshot.h"

using namespace koe;
using namespace koe::testing;

// koe's reader and fast-cpp-csv-parser read the same fields from valid CSV
// without line breaks in quotes (PRODUCT.md). 2000 generated files of random
// bytes; the fuzz target csv_differential_fuzz explores further.
TEST_CASE("koe's CSV reader agrees with fast-cpp-csv-parser") {
  stats::Random random(2026);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes;
    auto size = random.next() % 200;
    for (std::uint64_t k = 0; k < size; ++k) {
      auto pick = random.next();
      // Mostly printable text, with the characters that matter to CSV.
      static constexpr std::string_view kInteresting = ",\"\r\n \t;|\xC3\xA9\xE6\x9D\xB1";
      bytes += (pick & 3) == 0 ? kInteresting[(pick >> 8) % kInteresting.size()]
                               : static_cast<char>(0x20 + (pick >> 16) % 95);
    }
    auto csv = generate_csv(bytes);
    std::string fccp_error;
    auto expected = fccp_rows(csv.text, fccp_error);
    REQUIRE_MESSAGE(fccp_error.empty(), fccp_error << "\n" << csv.text);
    CHECK_MESSAGE(expected == csv.rows, csv.text);

    ReaderOptions options;
    options.format = Format::csv;
    options.delimiter = ',';
    auto mine = snapshot("input.csv", csv.text, options);
    CHECK_MESSAGE(mine.error.empty(), mine.error);
    CHECK_MESSAGE(mine.rows == expected, csv.text);
  }
}
