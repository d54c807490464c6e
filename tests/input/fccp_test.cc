#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "error.h"
#include "input/fccp.h"
#include "support/temp_file.h"

using koe::read_spreadsheet_file;
using koe::spreadsheet_csv;

TEST_CASE("spreadsheet CSV: header names lower-cased and trimmed, the rest untouched") {
  CHECK(spreadsheet_csv(" Tag ,PATTERN,\tOwner\nA ,B,C\n") == "tag,pattern,owner\nA ,B,C\n");
  CHECK(spreadsheet_csv("Label,Value\r\nGood,5\r\n") == "label,value\nGood,5\r\n");
  CHECK(spreadsheet_csv("Label,Value") == "label,value");
  CHECK(spreadsheet_csv("").empty());
}

TEST_CASE("spreadsheet CSV: blank lines become empty fields, so line numbers stay true") {
  CHECK(spreadsheet_csv("a,b,c\n\nx,y,z\n  \r\n") == "a,b,c\n,,\nx,y,z\n,,\n");

  std::string text = spreadsheet_csv("Label,Value\n\nGood,5\n\nPoor,x\n");
  io::CSVReader<2> reader("labels.csv", text.data(), text.data() + text.size());
  reader.read_header(io::ignore_no_column, "label", "value");
  std::string label, value;
  std::vector<std::uint64_t> lines;
  while (reader.read_row(label, value))
    if (!label.empty()) lines.push_back(reader.get_file_line());
  CHECK(lines == std::vector<std::uint64_t>{3, 5});
}

TEST_CASE("spreadsheet files are read as they are, or name the file they cannot open") {
  koe::testing::TempFile file("Tag,Pattern\r\n\r\na,b", ".csv");
  CHECK(read_spreadsheet_file(file.path()) == "Tag,Pattern\r\n\r\na,b");
  try {
    read_spreadsheet_file("/nonexistent/labels.csv");
    FAIL("expected an error");
  } catch (const koe::Error& error) {
    CHECK(error.code() == koe::Exit::usage);
    CHECK(std::string(error.what()) ==
          "/nonexistent/labels.csv: cannot open: No such file or directory");
  }
}
