#include <doctest/doctest.h>

#include "error.h"
#include "support/read_all.h"
#include "stats/bootstrap.h"
#include "support/reader_snapshot.h"

using namespace koe;
using koe::testing::read_text;
using koe::testing::Rows;

namespace {

// The error message raised when reading `content`, or "" if none.
std::string read_error(std::string_view content, ReaderOptions options = {}) {
  try {
    read_text(content, options);
  } catch (const Error& error) {
    CHECK(error.code() == Exit::input);
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("RFC 4180: simple records, LF and CRLF, with and without a final line end") {
  for (std::string_view text : {"a,b,c\n1,2,3\n", "a,b,c\r\n1,2,3\r\n", "a,b,c\n1,2,3",
                                "a,b,c\r\n1,2,3"}) {
    auto result = read_text(text);
    CHECK(result.header == std::vector<std::string>{"a", "b", "c"});
    CHECK(result.rows == Rows{{"1", "2", "3"}});
    CHECK(result.lines == std::vector<std::uint64_t>{2});
  }
}

TEST_CASE("RFC 4180: quoted fields with delimiters, doubled quotes and newlines") {
  auto result = read_text(
      "first,last,address\n"
      "John,Doe,\"120 any st., Anytown\"\n"
      "\"ha \"\"ha\"\" ha\",x,\"{\"\"type\"\": \"\"Point\"\"}\"\n"
      "\"Once upon \na time\",5,\"line\r\nbreak\"\n"
      "7,8,9\n");
  CHECK(result.rows == Rows{{"John", "Doe", "120 any st., Anytown"},
                            {"ha \"ha\" ha", "x", "{\"type\": \"Point\"}"},
                            {"Once upon \na time", "5", "line\r\nbreak"},
                            {"7", "8", "9"}});
  // The record holding two line breaks in quotes spans lines 4-6.
  CHECK(result.lines == std::vector<std::uint64_t>{2, 3, 4, 7});
}

TEST_CASE("RFC 4180: empty fields, quoted or not, and a trailing delimiter") {
  auto result = read_text("a,b,c\n1,\"\",\"\"\n,,\n2,3,\n");
  CHECK(result.rows == Rows{{"1", "", ""}, {"", "", ""}, {"2", "3", ""}});
}

TEST_CASE("UTF-8 byte-order mark is removed and UTF-8 text passes through") {
  auto result = read_text("\xEF\xBB\xBFid,地域\n1,東京\n2,ʤ\n");
  CHECK(result.header == std::vector<std::string>{"id", "地域"});
  CHECK(result.rows == Rows{{"1", "東京"}, {"2", "ʤ"}});
}

TEST_CASE("old Mac line ends (CR alone) end records") {
  auto result = read_text("a,b\r1,2\r3,4\r");
  CHECK(result.rows == Rows{{"1", "2"}, {"3", "4"}});
  CHECK(result.lines == std::vector<std::uint64_t>{2, 3});
}

TEST_CASE("blank lines are not records but still count as lines") {
  auto result = read_text("a,b\n\n1,2\r\n\r\n\n3,4\n\n");
  CHECK(result.rows == Rows{{"1", "2"}, {"3", "4"}});
  CHECK(result.lines == std::vector<std::uint64_t>{3, 6});
}

TEST_CASE("empty input and header-only input have no records") {
  auto empty = read_text("");
  CHECK(empty.header.empty());
  CHECK(empty.rows.empty());
  auto header_only = read_text("a,b\n");
  CHECK(header_only.header == std::vector<std::string>{"a", "b"});
  CHECK(header_only.rows.empty());
  auto header_no_newline = read_text("a,b");
  CHECK(header_no_newline.header == std::vector<std::string>{"a", "b"});
  CHECK(header_no_newline.rows.empty());
}

TEST_CASE("ragged rows are an error naming the line, or missing values when allowed") {
  std::string_view text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n";
  auto message = read_error(text);
  CHECK(message.find("line 3") != std::string::npos);
  CHECK(message.find("expected 3 fields") != std::string::npos);
  CHECK(message.find("found 2") != std::string::npos);

  ReaderOptions lenient;
  lenient.allow_ragged = true;
  auto result = read_text(text, lenient);
  CHECK(result.rows == Rows{{"1", "2", "3"}, {"4", "5", ""}, {"6", "7", "8"}});
}

TEST_CASE("an unterminated quote is an error naming the line where the field starts") {
  auto message = read_error("a,b\n1,2\n3,\"never\nclosed\n");
  CHECK(message.find("line 3") != std::string::npos);
  CHECK(message.find("closing quote") != std::string::npos);
  // Also when the quote is the very last byte.
  CHECK(read_error("a,b\n1,\"").find("line 2") != std::string::npos);
}

TEST_CASE("lenient cases: a quote inside an unquoted field, text after a closing quote") {
  auto result = read_text("a,b\nx\"y,2\n\"ab\"c,3\n\"q\" ,4\n");
  CHECK(result.rows == Rows{{"x\"y", "2"}, {"abc", "3"}, {"q ", "4"}});
}

TEST_CASE("NUL bytes are ordinary bytes") {
  std::string text("a,b\nx\0y,2\n", 10);
  auto result = read_text(text);
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0][0] == std::string("x\0y", 3));
}

TEST_CASE("other delimiters: sniffed from the header, or given") {
  CHECK(read_text("a;b;c\n1;2,5;3\n").rows == Rows{{"1", "2,5", "3"}});
  CHECK(read_text("a\tb\n1\t2\n", {}, ".tsv").rows == Rows{{"1", "2"}});
  CHECK(read_text("a|b\n1|2\n").rows == Rows{{"1", "2"}});
  ReaderOptions semicolon;
  semicolon.delimiter = ';';
  // Given explicitly, even where the header alone would suggest commas.
  CHECK(read_text("a,x;b\n1,5;2\n", semicolon).rows == Rows{{"1,5", "2"}});
}

TEST_CASE("only the selected columns are delivered, in the order asked") {
  auto result = read_text("a,b,c\n1,2,3\n4,5,6\n", {}, ".csv", {2, 0});
  CHECK(result.rows == Rows{{"3", "1"}, {"6", "4"}});
}

TEST_CASE("skip-rows keeps export label rows aside; no-header names columns by position") {
  ReaderOptions qualtrics;
  qualtrics.skip_rows = 2;
  auto result = read_text("Q1,Q2\nHow likely?,Why?\n{\"ImportId\":\"QID1\"},x\n9,great\n", qualtrics);
  CHECK(result.header == std::vector<std::string>{"Q1", "Q2"});
  CHECK(result.label_rows.size() == 2);
  CHECK(result.label_rows[0] == std::vector<std::string>{"How likely?", "Why?"});
  CHECK(result.rows == Rows{{"9", "great"}});
  CHECK(result.lines == std::vector<std::uint64_t>{4});

  ReaderOptions no_header;
  no_header.has_header = false;
  auto plain = read_text("9,a\n7,b\n", no_header);
  CHECK(plain.header == std::vector<std::string>{"1", "2"});
  CHECK(plain.rows == Rows{{"9", "a"}, {"7", "b"}});
  CHECK(plain.lines == std::vector<std::uint64_t>{1, 2});
}

TEST_CASE("raw record text is kept for pass-through tools") {
  ReaderOptions options;
  options.keep_raw = true;
  auto result = read_text("a,b\r\n1,\"x\ny\"\r\n2,3", options);
  CHECK(result.raw == std::vector<std::string>{"1,\"x\ny\"", "2,3"});
}

TEST_CASE("tiny buffers give the same records as one large buffer") {
  std::string text =
      "\xEF\xBB\xBFid,text,n\r\n1,\"a \"\"quoted\"\" word\",2\r\n\r\n2,\"multi\r\nline\",3\n"
      "3,plain,4\r4,\"\",5\n5,\"end\",6";
  auto expected = read_text(text);
  REQUIRE(expected.rows.size() == 5);
  for (std::size_t bytes = 1; bytes <= 24; ++bytes) {
    ReaderOptions options;
    options.buffer_bytes = bytes;
    options.batch_rows = 2;
    auto result = read_text(text, options);
    CHECK_MESSAGE(result.header == expected.header, "buffer " << bytes);
    CHECK_MESSAGE(result.rows == expected.rows, "buffer " << bytes);
    CHECK_MESSAGE(result.lines == expected.lines, "buffer " << bytes);
  }
}

TEST_CASE("a field far larger than the buffer is read whole") {
  std::string big(3 << 20, 'x');
  auto result = read_text("a,b\n1,\"" + big + "\"\n2," + big + "\n");
  REQUIRE(result.rows.size() == 2);
  CHECK(result.rows[0][1].size() == big.size());
  CHECK(result.rows[1][1].size() == big.size());
}

TEST_CASE("several files read as one stream when their headers agree") {
  koe::testing::TempFile first("a,b\n1,2\n"), second("a,b\n3,4\n"), empty(""),
      other("a,c\n5,6\n");
  auto reader = open_input({first.path(), empty.path(), second.path()}, {});
  reader->select({0, 1});
  Batch batch;
  Rows rows;
  while (reader->next_batch(batch))
    for (std::size_t r = 0; r < batch.size(); ++r)
      rows.push_back({std::string(batch.cell(r, 0)), std::string(batch.cell(r, 1))});
  CHECK(rows == Rows{{"1", "2"}, {"3", "4"}});

  auto mismatched = open_input({first.path(), other.path()}, {});
  mismatched->select({0});
  try {
    while (mismatched->next_batch(batch)) {
    }
    FAIL("a differing header must be an error");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).find("column 2 is \"c\" here and \"b\"") != std::string::npos);
  }
}

TEST_CASE("readings: how each input was read, distinct and in a fixed order") {
  koe::testing::TempFile csv("a,b\n1,2\n"), semicolons("a;b\n3;4\n", ".txt"),
      tabs("a\tb\n5\t6\n", ".tsv"), empty(""), ndjson("{\"a\":1,\"b\":2}\n", ".ndjson"),
      array("[{\"b\":3,\"a\":4}]", ".json");
  auto read_all = [](RecordReader& reader) {
    reader.select({0});
    Batch batch;
    while (reader.next_batch(batch)) {
    }
  };
  auto reader = open_input({csv.path(), empty.path(), tabs.path(), semicolons.path(), csv.path()}, {});
  // Later files are opened when reached: the list is whole at the end.
  CHECK(reader->readings().size() == 1);
  read_all(*reader);
  auto readings = reader->readings();
  REQUIRE(readings.size() == 3);  // the empty file adds none, the second CSV the same one
  CHECK(readings[0].format == Format::csv);
  CHECK(readings[0].delimiter == ',');
  CHECK(readings[1].format == Format::csv);
  CHECK(readings[1].delimiter == ';');  // sniffed
  CHECK(readings[2].format == Format::tsv);
  CHECK(readings[2].delimiter == '\t');
  for (const auto& reading : readings) {
    CHECK(reading.encoding == "utf-8");
    CHECK_FALSE(reading.encoding_given);
    CHECK_FALSE(reading.preset);
    CHECK(reading.skip_rows == 0);
  }
  // Any order of the same inputs gives the same list.
  auto reversed = open_input({csv.path(), semicolons.path(), tabs.path()}, {});
  read_all(*reversed);
  CHECK(reversed->readings() == readings);
  CHECK(open_input({empty.path()}, {})->readings().empty());

  ReaderOptions options;
  options.encoding = "CP932";
  options.preset = Preset::qualtrics;
  options.skip_rows = preset_label_rows(Preset::qualtrics);
  koe::testing::TempFile export_file("id,q1\nID,Question\n{},{}\n1,9\n");
  auto given = open_input({export_file.path()}, options)->readings();
  REQUIRE(given.size() == 1);
  CHECK(given[0].encoding == "cp932");  // as given, in lower case
  CHECK(given[0].encoding_given);
  CHECK(given[0].preset == Preset::qualtrics);
  CHECK(given[0].skip_rows == 2);

  // JSON has no label rows, so no preset applies to it; the encoding does.
  auto json = open_input({ndjson.path(), array.path()}, options);
  read_all(*json);
  readings = json->readings();
  REQUIRE(readings.size() == 2);
  CHECK(readings[0].format == Format::ndjson);
  CHECK(readings[1].format == Format::json);
  for (const auto& reading : readings) {
    CHECK(reading.delimiter == 0);
    CHECK(reading.encoding == "cp932");
    CHECK_FALSE(reading.preset);
    CHECK(reading.skip_rows == 0);
  }
}

TEST_CASE("missing files and directories are clear input errors") {
  try {
    open_one("/nonexistent/koe.csv", {});
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.code() == Exit::input);
    CHECK(std::string(error.what()).find("No such file") != std::string::npos);
  }
  try {
    open_one("/tmp", {});
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).find("is a directory") != std::string::npos);
  }
}

// Found by fuzzing: with a small buffer the records before a bad one were
// handed out, with a large one they were not. Now every record before the
// error is delivered, whatever the buffer, and then the error is raised.
TEST_CASE("records before an error are delivered, then the error, whatever the buffer") {
  std::string text = "a,b\n1,2\n3,4\n5\n6,7\n";
  for (std::size_t bytes : {1, 3, 7, 1 << 20}) {
    ReaderOptions options;
    options.buffer_bytes = bytes;
    auto result = koe::testing::snapshot("ragged.csv", text, options);
    CHECK_MESSAGE((result.rows == Rows{{"1", "2"}, {"3", "4"}}), "buffer " << bytes);
    CHECK(result.error.find("ragged.csv, line 4: expected 2 fields") == 0);
  }
  auto quote = koe::testing::snapshot("quote.csv", "a\n1\n\"2\n", {});
  CHECK(quote.rows == Rows{{"1"}});
  CHECK(quote.error.find("line 3") != std::string::npos);
}

TEST_CASE("a column selected twice is delivered in both places") {
  auto result = read_text("a,b,c\n1,2,3\n4,5,6\n", {}, ".csv", {1, 0, 1, 2, 1});
  CHECK(result.rows == Rows{{"2", "1", "2", "3", "2"}, {"5", "4", "5", "6", "5"}});
}

// A file of several buffers' worth, read from disk in blocks, gives the same
// records, lines and errors as the same bytes in memory, to its last byte.
TEST_CASE("a large file reads exactly as the same bytes in memory") {
  stats::Random random(7);
  for (int round = 0; round < 6; ++round) {
    std::string text = "id,comment,score\r\n";
    for (int row = 0; text.size() < (5u << 20) + random.next() % 4096; ++row) {
      switch (random.next() % 4) {
        case 0: text += std::to_string(row) + ",plain text,9\n"; break;
        case 1: text += std::to_string(row) + ",\"with, comma and \"\"quotes\"\"\",7\r\n"; break;
        case 2: text += std::to_string(row) + ",\"two\nlines 東京\",\n"; break;
        default: text += std::to_string(row) + ",,10\n"; break;
      }
    }
    if (round % 3 == 1) text += "last,\"no end";           // an unterminated quote at the end
    if (round % 3 == 2) text += "last,row without newline,5";
    ReaderOptions options;
    options.keep_raw = true;
    koe::testing::TempFile file(text, ".csv");
    auto from_file = koe::testing::snapshot_file(file.path(), options);
    auto in_memory = koe::testing::snapshot("in memory", text, options);
    CHECK(from_file.rows.size() == in_memory.rows.size());
    CHECK(from_file.rows == in_memory.rows);
    CHECK(from_file.lines == in_memory.lines);
    CHECK(from_file.raw == in_memory.raw);
    CHECK(from_file.error.empty() == in_memory.error.empty());
    if (!in_memory.error.empty())
      CHECK(from_file.error.substr(from_file.error.find(',')) ==
            in_memory.error.substr(in_memory.error.find(',')));
  }
}
