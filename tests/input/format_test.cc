#include <doctest/doctest.h>

#include "input/format.h"

using namespace koe;

TEST_CASE("formats by name and extension") {
  CHECK(parse_name(kFormatNames, "csv") == Format::csv);
  CHECK(parse_name(kFormatNames, "jsonl") == Format::ndjson);
  CHECK_FALSE(parse_name(kFormatNames, "xlsx").has_value());
  CHECK(format_from_extension("a/b.CSV") == Format::csv);
  CHECK(format_from_extension("x.tab") == Format::tsv);
  CHECK(format_from_extension("x.jsonl") == Format::ndjson);
  CHECK(format_from_extension("x.json") == Format::automatic);
  CHECK(format_from_extension("-") == Format::automatic);
}

TEST_CASE("sniffing the format and the delimiter") {
  CHECK(sniff_format("\xEF\xBB\xBF [{") == Format::json);
  CHECK(sniff_format("\n{\"a\":1}") == Format::ndjson);
  CHECK(sniff_format("a,b\n") == Format::csv);
  CHECK(sniff_delimiter("a,b,c\n") == ',');
  CHECK(sniff_delimiter("a;b;c\n1,5;2,5;3\n") == ';');
  CHECK(sniff_delimiter("a\tb\n") == '\t');
  CHECK(sniff_delimiter("\"x;y;z\",b\n") == ',');  // quoted delimiters do not count
  CHECK(sniff_delimiter("single\n") == ',');
}
