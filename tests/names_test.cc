#include "names.h"

#include <doctest/doctest.h>

#include "input/record_reader.h"
#include "output/report.h"
#include "stats/nps.h"

using namespace koe;
using output::OutputFormat;

TEST_CASE("a name table parses names in any case, aliases included") {
  CHECK(parse_name(output::kOutputFormatNames, "json") == OutputFormat::json);
  CHECK(parse_name(output::kOutputFormatNames, "JSON") == OutputFormat::json);
  CHECK(parse_name(output::kOutputFormatNames, "Markdown") == OutputFormat::markdown);
  CHECK(parse_name(output::kOutputFormatNames, "jsonl") == OutputFormat::ndjson);
  CHECK(parse_name(kPresetNames, "SurveyMonkey") == Preset::surveymonkey);
  CHECK_FALSE(parse_name(output::kOutputFormatNames, "xml").has_value());
  CHECK_FALSE(parse_name(output::kOutputFormatNames, "").has_value());
  CHECK_FALSE(parse_name(output::kOutputFormatNames, "jsonx").has_value());
}

TEST_CASE("messages list the names that are offered, and suggest a likely typo") {
  CHECK(expected_names(output::kOutputFormatNames) == "table, json, ndjson, csv or md");
  CHECK(unknown_name_message(output::kOutputFormatNames, "xml") ==
        "expected table, json, ndjson, csv or md");
  CHECK(unknown_name_message(output::kOutputFormatNames, "jsn") ==
        "expected table, json, ndjson, csv or md; did you mean json?");
  // Aliases are suggested too, though not listed.
  CHECK(unknown_name_message(output::kOutputFormatNames, "markdwn") ==
        "expected table, json, ndjson, csv or md; did you mean markdown?");
  CHECK(unknown_name_message(kPresetNames, "survey-monkey") ==
        "expected qualtrics or surveymonkey; did you mean surveymonkey?");
  CHECK(unknown_name_message(stats::kIntervalMethodNames, "bootstrp") ==
        "expected adjusted, wald or bootstrap; did you mean bootstrap?");
}

TEST_CASE("help lists the names with their notes, a value's note once") {
  CHECK(names_help(output::kOutputFormatNames, {{OutputFormat::table, "default"}}) ==
        "table (default), json, ndjson, csv, md");
  CHECK(names_help(stats::kIntervalMethodNames,
                   {{stats::IntervalMethod::adjusted_wald, "adjusted-Wald, default"}}) ==
        "adjusted (adjusted-Wald, default), wald, bootstrap");
  CHECK(names_help(kFormatNames) == "csv, tsv, ndjson, json");
}

TEST_CASE("a likely typo is one edit from a short name, two from a longer one") {
  std::vector<std::string_view> options{"--summary", "--by", "--score", "--strict", "-o"};
  CHECK(likely_name(options, "--sumary") == "--summary");
  CHECK(likely_name(options, "--Summary") == "--summary");
  CHECK(likely_name(options, "--bu") == "--by");
  CHECK(likely_name(options, "--scroe") == "");  // two edits in a five-letter name
  CHECK(likely_name(options, "--stirct") == "--strict");
  CHECK(likely_name(options, "--bogus") == "");
  CHECK(likely_name({}, "--by") == "");
}

TEST_CASE("a value's name is its first, offered name") {
  CHECK(name_of(output::kOutputFormatNames, OutputFormat::markdown) == "md");
  CHECK(name_of(kPresetNames, Preset::qualtrics) == "qualtrics");
}
