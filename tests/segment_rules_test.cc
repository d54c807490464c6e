#include <doctest/doctest.h>

#include "error.h"
#include "segment_rules.h"
#include "support/temp_file.h"

using namespace koe;

namespace {

SegmentRules rules_of(std::string_view csv) { return parse_segment_rules(csv, "rules.csv"); }

std::string error_of(std::string_view csv) {
  try {
    rules_of(csv);
  } catch (const Error& error) {
    CHECK(error.code() == Exit::usage);
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("first matching rule names the segment; the default catches the rest") {
  auto rules = rules_of(
      "segment,column,test,value\n"
      "Enterprise new,plan,equals,Enterprise\n"
      "Enterprise new,tenure,between,0..6\n"
      "Big spenders,spend,at least,1000\n"
      "Kanto,region,in,東京|神奈川\n"
      "Unknown plan,plan,empty,\n"
      "Everyone else,,,\n");
  CHECK(rules.columns == std::vector<std::string>{"plan", "tenure", "spend", "region"});
  REQUIRE(rules.rules.size() == 5);
  CHECK(rules.rules[0].conditions.size() == 2);
  auto segment = [&](std::string_view plan, std::string_view tenure, std::string_view spend,
                     std::string_view region) {
    return std::string(assign_segment(rules, {plan, tenure, spend, region}));
  };
  CHECK(segment("enterprise", "3", "0", "") == "Enterprise new");
  CHECK(segment("ＥＮＴＥＲＰＲＩＳＥ ", "6", "0", "") == "Enterprise new");  // folded, ends included
  CHECK(segment("enterprise", "7", "0", "") == "Everyone else");
  CHECK(segment("pro", "1", "1000", "東京") == "Big spenders");             // first match wins
  CHECK(segment("pro", "1", "999.5", "東京") == "Kanto");
  CHECK(segment("pro", "1", "lots", "大阪") == "Everyone else");           // not a number: no match
  CHECK(segment(" ", "", "", "") == "Unknown plan");
}

TEST_CASE("every test, and no default") {
  auto rules = rules_of(
      "segment,column,test,value\n"
      "a,x,!=,1\nb,x,not in,1|2|3\nc,x,>,10\nd,x,contains,late\n");
  CHECK(std::string(assign_segment(rules, {"1"})) == "");  // no rule holds, no default
  CHECK(std::string(assign_segment(rules, {"2"})) == "a");
  CHECK(std::string(assign_segment(rules, {"4"})) == "a");
  rules = rules_of("segment,column,test,value\nb,x,not in,1|2|3\nc,x,>,10\n");
  CHECK(std::string(assign_segment(rules, {"4"})) == "b");
  CHECK(std::string(assign_segment(rules, {"2"})) == "");
  rules = rules_of("segment,column,test,value\nhigh,x,more than,10\nlow,x,<=,3\nmid,x,between,..5\n");
  CHECK(std::string(assign_segment(rules, {"11"})) == "high");
  CHECK(std::string(assign_segment(rules, {"10"})) == "");
  CHECK(std::string(assign_segment(rules, {"3"})) == "low");
  CHECK(std::string(assign_segment(rules, {"4.5"})) == "mid");
  rules = rules_of("segment,column,test,value\nlate,comment,contains,LATE\n");
  CHECK(std::string(assign_segment(rules, {"It was late again"})) == "late");
}

TEST_CASE("rules file errors name the line") {
  CHECK(error_of("segment,column,test,value\na,x,roughly,3\n").find("line 2: unknown test \"roughly\"") !=
        std::string::npos);
  CHECK(error_of("segment,column,test,value\na,x,at least,lots\n").find("line 2: expected a number") !=
        std::string::npos);
  CHECK(error_of("segment,column,test,value\na,x,between,9..3\n").find("line 2: between needs") !=
        std::string::npos);
  CHECK(error_of("segment,column,test,value\nrest,,,\na,x,=,1\n").find("line 3: a rule after the default") !=
        std::string::npos);
  CHECK(error_of("segment,column,test,value\n,x,=,1\n").find("line 2: the segment name is empty") !=
        std::string::npos);
  CHECK(error_of("name,column,test\na,x,=\n").find("no \"segment\" column") != std::string::npos);
  CHECK(error_of("segment,column,test,value\n").find("no rules") != std::string::npos);
}

TEST_CASE("rules from text carry the name they are given, in source and messages") {
  auto rules = parse_segment_rules(
      "Segment, Column ,TEST,value\n\n# note,,,\nbig,spend,>=,10\n\nrest,,,\n", "team rules");
  CHECK(rules.source == "team rules");
  CHECK(rules.columns == std::vector<std::string>{"spend"});
  REQUIRE(rules.rules.size() == 2);
  CHECK(rules.rules[0].segment == "big");
  CHECK(rules.rules[0].line == 4);  // blank and comment rows still count
  CHECK(rules.rules[0].conditions[0].test == SegmentCondition::Test::at_least);
  CHECK(rules.rules[0].conditions[0].low == 10);
  CHECK(rules.rules[1].segment == "rest");
  CHECK(rules.rules[1].line == 6);
  CHECK(rules.rules[1].conditions.empty());

  auto message = [](std::string_view text) {
    try {
      parse_segment_rules(text, "team rules");
    } catch (const Error& error) {
      CHECK(error.code() == Exit::usage);
      return std::string(error.what());
    }
    return std::string();
  };
  CHECK(message("segment,column,test,value\r\n\r\na,x,at least,lots\r\n") ==
        "segment rules team rules, line 3: expected a number, found \"lots\"");
  CHECK(message("segment,column\na,x\n") ==
        "segment rules team rules: no \"test\" column; "
        "the columns are segment, column, test, value");
  CHECK(message("segment,column,test,value\n\"a,x,=,1\n") ==
        "segment rules team rules: "
        "Escaped string was not closed in line 2 in file \"team rules\".");
  CHECK(message("") == "segment rules team rules: Header missing in file \"team rules\".");
}

TEST_CASE("a rules file reads as its text does, and a missing one is named") {
  std::string_view csv = "segment,column,test,value\nlate,days,between,3..\n";
  koe::testing::TempFile file(csv, ".csv");
  auto from_file = load_segment_rules(file.path());
  auto from_text = parse_segment_rules(csv, file.path());
  CHECK(from_file.source == file.path());
  CHECK(from_file.columns == from_text.columns);
  REQUIRE(from_file.rules.size() == 1);
  CHECK(from_file.rules[0].line == from_text.rules[0].line);
  CHECK(std::string(assign_segment(from_file, {"4"})) == "late");
  try {
    load_segment_rules("/nonexistent/rules.csv");
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.code() == Exit::usage);
    CHECK(std::string(error.what()) ==
          "segment rules /nonexistent/rules.csv: cannot open: No such file or directory");
  }
}
