#include "input/csv_chunks.h"

#include <doctest/doctest.h>

#include <random>

#include "input/byte_source.h"
#include "input/csv_reader.h"

using namespace koe;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// The records of CSV text read by the reader, every column; with `header`
// given, the text is a chunk (records only) under that header.
Rows records(const std::string& text, const std::vector<std::string>* header = nullptr) {
  ReaderOptions options;
  options.allow_ragged = true;
  // Small buffers: thousands of readers here, and records cross refills.
  options.buffer_bytes = 4096;
  auto source = std::make_unique<ByteSource>(ByteSource::InMemory{}, "x.csv", text);
  std::unique_ptr<CsvReader> reader =
      header ? std::make_unique<CsvReader>(std::move(source), options, ',', *header)
             : std::make_unique<CsvReader>(std::move(source), options, ',');
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < reader->header().size(); ++i) all.push_back(i);
  reader->select(all);
  Rows rows;
  Batch batch;
  while (reader->next_batch(batch))
    for (std::size_t r = 0; r < batch.size(); ++r)
      rows.emplace_back(batch.record(r).begin(), batch.record(r).end());
  return rows;
}

// CSV with everything that makes a boundary hard to see: quoted fields with
// commas, doubled quotes and line breaks, literal quotes in unquoted fields,
// text after a closing quote, empty fields, blank lines and LF, CR LF or CR
// line ends.
std::string awkward_csv(std::mt19937& random, const char* line_end) {
  static const char* kFields[] = {"plain", "", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"",
                                  "5\" screen", "\"x\"y", "\"\r\n\"", "\"\"", "東京", "\"\n\n\""};
  std::string text = "a,b,c";
  text += line_end;
  for (int row = 0; row < 60; ++row) {
    for (int column = 0; column < 3; ++column) {
      if (column) text += ',';
      text += kFields[random() % std::size(kFields)];
    }
    text += line_end;
    if (random() % 9 == 0) text += line_end;  // a blank line
  }
  return text;
}

}  // namespace

TEST_CASE("a record start is certain once every lexing state agrees") {
  // From the split point the text could be inside the quoted field or not;
  // the quote then "x" settles it (closing, text after it), and the line end
  // that follows is a boundary.
  std::string text = "ne\",x\nnext,1\n";
  auto start = next_record_start(text, ',');
  REQUIRE(start.has_value());
  CHECK(text.substr(*start) == "next,1\n");
  // CR LF is never split between its two bytes.
  std::string crlf = "a\",1\r\nb,2\r\n";
  REQUIRE(next_record_start(crlf, ',').has_value());
  CHECK(crlf.substr(*next_record_start(crlf, ',')) == "b,2\r\n");
  // Without any quote nothing rules out "inside a quoted field"...
  CHECK_FALSE(next_record_start("a,b\nc,d\ne,f\n", ',').has_value());
  // ... unless it is known: then the first line end will do.
  CHECK(next_record_start("a,b\nc,d\n", ',', false) == 4);
  // A quoted field running to the end of the window: no boundary.
  CHECK_FALSE(next_record_start("\"still quoted\nmore\n", ',').has_value());
}

TEST_CASE("splitting at any byte and reading both sides gives the rows of the whole") {
  std::mt19937 random(11);
  for (const char* line_end : {"\n", "\r\n", "\r"}) {
    for (int file = 0; file < 6; ++file) {
      const std::string text = awkward_csv(random, line_end);
      const Rows whole = records(text);
      const auto header_end = text.find(line_end) + std::string_view(line_end).size();
      const std::vector<std::string> header{"a", "b", "c"};
      int split_files = 0;
      for (std::size_t split = header_end; split < text.size(); ++split) {
        auto start = next_record_start(std::string_view(text).substr(split), ',');
        if (!start) continue;
        const std::size_t boundary = split + *start;
        Rows joined = records(text.substr(0, boundary));
        Rows after = records(text.substr(boundary), &header);
        joined.insert(joined.end(), after.begin(), after.end());
        CHECK_MESSAGE(joined == whole, "split at " << split << ", boundary " << boundary);
        ++split_files;
      }
      CHECK(split_files > 0);
    }
  }
}
