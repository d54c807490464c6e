// fast-cpp-csv-parser, for the small files an analyst keeps in a
// spreadsheet (label maps, taxonomies, rules): columns known in advance, no
// line breaks inside quotes. Reading such a file and preparing its text are
// separate steps, so a parser can take text already in memory (tests and
// fuzzers then need no files). g++ 12 warns about a deliberate strncpy inside
// the library (file names cut to a fixed length), so that one warning is
// silenced here and nowhere else; its I/O thread is not needed for small
// files.
#pragma once

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#ifndef CSV_IO_NO_THREAD
#define CSV_IO_NO_THREAD
#endif
#include <libfccp/csv.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <string>
#include <string_view>

namespace koe {

// The bytes of a spreadsheet-kept file; a usage error naming the file when
// it cannot be opened.
std::string read_spreadsheet_file(const std::string& path);

// Spreadsheet-kept CSV as fast-cpp-csv-parser should read it: blank lines
// (which it rejects, and spreadsheets leave, often one at the end) become
// lines of empty fields so line numbers stay true, and header names are
// lower-cased and trimmed so Tag and " owner" match. Read the result with
// CSVReader's (name, begin, end) constructor.
std::string spreadsheet_csv(std::string_view text);

}  // namespace koe
