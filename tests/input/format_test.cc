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

TEST_CASE("a ragged row gets a delimiter hint when another delimiter fits header and row") {
  // Sniffed ',' from "score;comment, if any" (a tie goes to ','): on ';' both have 2 fields.
  CHECK(delimiter_hint({"score;comment", " if any"}, "9;fast\n", ',') ==
        "split on ';', the header and this row both have 2 fields: if ';' is the delimiter, give "
        "-d ';'");
  CHECK(delimiter_hint({"id\tscore\tcomment, if any"}, "1\t9\tfast, \"a, b\"\r\n", ',') ==
        "split on tabs, the header and this row both have 3 fields: if tabs are the delimiter, "
        "give -d tab or --input-format tsv");
  CHECK(delimiter_hint({"id score"}, "1;9", ',') ==
        "the header has no ',': if the input has another delimiter, give it with -d, or its "
        "format with --input-format");
  CHECK(delimiter_hint({"id score"}, "1\t9", ',').starts_with("the header has no ','"));
  // A quoted delimiter in the row does not split it.
  CHECK(delimiter_hint({"a;b", "c"}, "1;\"2;3\"", ',') ==
        "split on ';', the header and this row both have 2 fields: if ';' is the delimiter, give "
        "-d ';'");
  // A row that is simply short or long: nothing points to the delimiter.
  CHECK(delimiter_hint({"a", "b", "c"}, "1,2\n", ',') == "");
  CHECK(delimiter_hint({"a", "score"}, "1|9|x", '|') == "");
}
