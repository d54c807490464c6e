#include <doctest/doctest.h>

#include "error.h"
#include "labels.h"
#include "support/temp_file.h"
#include "values.h"

using namespace koe;

TEST_CASE("labels fold case, outer and inner white space") {
  CHECK(fold_label("  Strongly   Agree ") == "strongly agree");
  CHECK(fold_label("\xE3\x80\x80" "非常に満足") == "非常に満足");
}

TEST_CASE("built-in 5-point sets: agreement, satisfaction, effort, Japanese") {
  auto labels = LabelMap::builtin(1, 5);
  CHECK(labels.find("Strongly Disagree") == 1);
  CHECK(labels.find("Neither Agree nor Disagree") == 3);
  CHECK(labels.find("agree") == 4);
  CHECK(labels.find("Very satisfied") == 5);
  CHECK(labels.find("非常に不満") == 1);
  CHECK(labels.find("どちらともいえない") == 3);
  CHECK(labels.find("強くそう思う") == 5);
  CHECK(labels.find("Very low effort") == 1);
  CHECK_FALSE(labels.find("Just right").has_value());
  // Numbered from the scale's low end.
  CHECK(LabelMap::builtin(0, 4).find("strongly agree") == 4);
}

TEST_CASE("built-in 7-point sets differ from 5-point ones where they must") {
  auto labels = LabelMap::builtin(1, 7);
  CHECK(labels.find("Agree") == 6);
  CHECK(labels.find("Somewhat agree") == 5);
  CHECK(labels.find("Neither agree nor disagree") == 4);
  CHECK(labels.find("Very easy") == 7);
  CHECK(labels.find("ややそう思う") == 5);
  CHECK(LabelMap::builtin(1, 10).empty());
}

TEST_CASE("inline maps, and their errors") {
  auto labels = LabelMap::from_spec("Poor=1, Fair =2,Good= 3,Very good=4,Excellent=5");
  CHECK(labels.find("fair") == 2);
  CHECK(labels.find("VERY GOOD") == 4);
  CHECK(labels.source() == "--labels");
  CHECK(labels.labels().front() == std::pair<int, std::string>{1, "Poor"});
  for (auto bad : {"Poor", "Poor=x", "=3", "Poor=1,,"}) {
    CHECK_THROWS_AS(LabelMap::from_spec(bad), Error);
  }
}

TEST_CASE("label files: CSV with label,value columns, quotes and extra columns") {
  koe::testing::TempFile file(
      "\xEF\xBB\xBFvalue,label,comment\r\n1,\"Bad, really\",x\r\n2,まあまあ,\r\n3,良い,y\r\n", ".csv");
  auto labels = LabelMap::from_file(file.path());
  CHECK(labels.find("bad, really") == 1);
  CHECK(labels.find("まあまあ") == 2);
  CHECK(labels.find("良い") == 3);

  CHECK(labels.source() == file.path());
  try {
    LabelMap::from_file("/nonexistent/labels.csv");
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.code() == Exit::usage);
    CHECK(std::string(error.what()) ==
          "--labels /nonexistent/labels.csv: cannot open: No such file or directory");
  }

  try {
    LabelMap::from_csv("name,points\nx,1\n", "points.csv");
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.code() == Exit::usage);
    CHECK(std::string(error.what()).find("label,value") != std::string::npos);
  }
  CHECK_THROWS_AS(LabelMap::from_csv("label,value\nx,one\n", "labels.csv"), Error);
}

TEST_CASE("the scale parser reads labels after numbers") {
  auto labels = LabelMap::from_spec("Low=1,High=5,Nonsense=9");
  ScaleParser parser(1, 5, {"Don't know"}, &labels);
  CHECK(parser.parse(" high ").value == 5);
  CHECK(parser.parse("3").value == 3);
  CHECK(parser.parse("Don't know").kind == AnswerKind::missing);
  CHECK(parser.parse("Nonsense").kind == AnswerKind::invalid);  // off the scale
  CHECK(parser.parse("Medium").kind == AnswerKind::invalid);
}

TEST_CASE("labels and no-answer codes match across Unicode forms") {
  auto labels = LabelMap::builtin(1, 5);
  CHECK(labels.find("ＳＴＲＯＮＧＬＹ　ａｇｒｅｅ") == 5);  // full-width letters and space
  CHECK(labels.find("Strongly\xC2\xA0" "Agree") == 5);      // no-break space inside
  CHECK(labels.find("\xEF\xBD\xBF\xEF\xBE\x9E\xEF\xBD\xB3") == std::nullopt);  // ｿﾞｳ: not a label
  CHECK(fold_label("ｱﾌﾟﾘ") == "アプリ");
  CHECK(fold_label("bad \xff byte") == "bad \xff byte");  // not UTF-8: ASCII folding only
  ScaleParser parser(1, 5, {"Don't know", "ＮＡＰ"});
  CHECK(parser.parse("don't KNOW").kind == AnswerKind::missing);
  CHECK(parser.parse("nap").kind == AnswerKind::missing);
}

TEST_CASE("a label file row without a whole number is an error naming the line") {
  try {
    LabelMap::from_csv("label,value\nGood,5\nPoor,\n", "labels.csv");
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).find("line 3: expected a label and a whole number") !=
          std::string::npos);
  }
}

TEST_CASE("labels from text: the given name is the source and is in every message") {
  auto labels = LabelMap::from_csv(" Label ,VALUE\nPoor,1\n\"Good, mostly\",2\n", "team labels");
  CHECK(labels.source() == "team labels");
  CHECK(labels.find("poor") == 1);
  CHECK(labels.find("GOOD,  MOSTLY") == 2);
  CHECK(labels.labels() ==
        std::vector<std::pair<int, std::string>>{{1, "Poor"}, {2, "Good, mostly"}});

  auto message = [](std::string_view text) {
    try {
      LabelMap::from_csv(text, "team labels");
    } catch (const Error& error) {
      CHECK(error.code() == Exit::usage);
      return std::string(error.what());
    }
    return std::string();
  };
  CHECK(message("label,value\r\nPoor,1\r\nGood,two\r\n") ==
        "--labels team labels, line 3: expected a label and a whole number, found \"Good\" and "
        "\"two\"");
  CHECK(message("label,value\n") == "--labels team labels: the file has no labels");
  CHECK(message("label\nPoor\n") ==
        "--labels team labels: Missing column \"value\" in header of file \"team labels\". "
        "(expected a CSV file with columns label,value)");
}

TEST_CASE("Japanese labels whose place depends on the wording are not built in") {
  auto labels = LabelMap::builtin(1, 5);
  CHECK_FALSE(labels.find("満足").has_value());
  CHECK_FALSE(labels.find("不満").has_value());
  CHECK_FALSE(labels.find("そう思う").has_value());
  CHECK(labels.find("やや満足") == 4);
}
