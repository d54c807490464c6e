#include <doctest/doctest.h>

#include <string>

#include "error.h"
#include "report/charts.h"
#include "report/html.h"
#include "report/markdown.h"
#include "report/read_json.h"
#include "report/svg.h"
#include "report/text.h"

using namespace koe::report;

namespace {

// A trend of three months as segment -o json writes it, cut to the fields read.
const char* kTrend = R"json({"tool":"segment","score":"score","weight":null,
 "definition":{"promoters":[9,10],"passives":[7,8],"detractors":[0,6]},
 "interval":"adjusted-wald","confidence":0.95,"rows":300,
 "dimensions":[{"name":"month(d)","kind":"period","column":"d","rows_in_no_group":2}],
 "compared_with":"previous period","test":"two-sided z (Wald), each side's own SE",
 "adjustment":"holm","alpha":0.05,"tests":1,"low_base_under":30,
 "findings":["2026-03: NPS 30.0, up 20.0 from 2026-02 (10.0), p(adj) 0.012"],"by":["month(d)"],
 "groups":[
  {"month(d)":"2026-01","n":100,"missing":0,"invalid":0,"nps":12.5,"ci_low":1,"ci_high":22,
   "reference":null,"difference":null,"p_adjusted":null,"significant":false,"direction":null,"low_base":false},
  {"month(d)":"2026-02","n":40,"missing":1,"invalid":0,"nps":10,"ci_low":-20,"ci_high":40,
   "reference":12.5,"difference":-2.5,"p_adjusted":0.4,"significant":false,"direction":null,"low_base":false},
  {"month(d)":"2026-03","n":180,"missing":0,"invalid":0,"nps":30,"ci_low":20,"ci_high":39,
   "reference":10,"difference":20,"p_adjusted":0.012,"significant":true,"direction":"up","low_base":false}],
 "overall":{"month(d)":null,"n":300,"missing":1,"invalid":0,"nps":20,"ci_low":14,"ci_high":26,"low_base":false}})json";

std::string error_of(const std::string& text, Part part = Part::any) {
  Report report;
  try {
    add_json(report, text, "x.json", part);
  } catch (const koe::Error& e) {
    CHECK(e.code() == koe::Exit::input);
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("report text: escaping, fixed decimals, exact values, p in words") {
  CHECK(html_escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  CHECK(md_cell("a|b\nc") == "a\\|b c");
  CHECK(lang_attribute("東京 / free") == " lang=\"ja\"");
  CHECK(lang_attribute("café") == "");
  CHECK(fixed(std::nullopt, 1) == "-");
  CHECK(fixed(-0.04, 1) == "0.0");
  CHECK(fixed(2.25, 1) == "2.2");  // round half to even of the binary value, as printf
  CHECK(exact(0.1 + 0.2) == "0.30000000000000004");
  CHECK(p_text(0.0004) == "p adj < 0.001");
  CHECK(p_text(0.0123) == "p adj 0.012");
  CHECK(interval_words("adjusted-wald", 0.95) == "95% adjusted-Wald interval");
  CHECK(interval_words("wilson", 0.975) == "97.5% Wilson interval");
}

TEST_CASE("report: a change in plain words, low bases not tested") {
  Report report;
  add_json(report, kTrend, "trend.json", Part::trend);
  REQUIRE(report.trends.size() == 1);
  const auto& t = report.trends[0];
  CHECK(t.metric == "NPS");
  CHECK(t.rows_in_no_group == 2);
  CHECK(change_words(t, 0) == "no earlier period to compare with");
  CHECK(change_words(t, 1) == "down 2.5 points from 2026-01, not significant (p adj 0.400)");
  CHECK(change_words(t, 2) == "up 20.0 points from 2026-02, significant (p adj 0.012)");
  // segment tests neither a low-base period nor the period after one.
  auto& groups = report.trends[0].groups;
  groups[1].low_base = true;
  groups[1].p_adjusted = groups[2].p_adjusted = std::nullopt;
  CHECK(change_words(t, 1) == "down 2.5 points from 2026-01, not tested: low base (n < 30)");
  CHECK(change_words(t, 2) ==
        "up 20.0 points from 2026-02, not tested: the period before has a low base (n < 30)");
  groups[0].low_base = true;
  CHECK(change_words(t, 0) == "no earlier period to compare with; low base (n < 30)");
}

TEST_CASE("report: each file is what its tool field says, and what its option says") {
  CHECK(error_of("{") .starts_with("x.json: invalid JSON"));
  CHECK(error_of("[]") == "x.json: expected one JSON object, as the tools write with -o json, not "
                         "an array of rows (rca-tag without --summary)");
  CHECK(error_of("3") == "x.json: expected one JSON object, as the tools write with -o json");
  CHECK(error_of("{}") == "x.json: no \"tool\" field; expected the JSON a koe tool writes with -o json");
  CHECK(error_of(R"({"tool":"nps"})") == "x.json: expected an object \"definition\"");
  CHECK(error_of(kTrend, Part::nps) == "x.json: given as --nps but written by segment");
  CHECK(error_of(kTrend, Part::segment) == "x.json: given as --segment but compared with \"previous period\"");
  CHECK(error_of(R"({"tool":"nps","rows":"3"})").find("\"definition\"") != std::string::npos);
}

TEST_CASE("report: round ticks, deterministic coordinates") {
  double lo = -3.7, hi = 30.8;
  auto ticks = nice_ticks(lo, hi, 5);
  CHECK(lo == -10);
  CHECK(hi == 40);
  CHECK(ticks.size() == 6);
  CHECK(coord(-0.01) == "0.0");
  CHECK(coord(12.345) == "12.3");
}

TEST_CASE("report: the trend chart carries the JSON's numbers, and the documents their sections") {
  Report report;
  add_json(report, kTrend, "trend.json", Part::any);
  finish(report);
  report.trends[0].groups[1].low_base = true;
  std::string svg = trend_chart(report.trends[0], "trend-1");
  CHECK(svg.find("data-period=\"2026-01\" data-value=\"12.5\" data-n=\"100\" data-low-base=\"false\"") !=
        std::string::npos);
  CHECK(svg.find("class=\"point low-base\"") != std::string::npos);
  CHECK(svg.find("data-ci-low=\"-20\" data-ci-high=\"40\"") != std::string::npos);
  CHECK(svg.find("▲") != std::string::npos);
  std::string md = write_markdown(report);
  CHECK(md.find("## Trend: NPS by month(d)") != std::string::npos);
  CHECK(md.find("| 2026-03 | 180 | 30.0 | 20.0 | 39.0 |") != std::string::npos);
  std::string html = write_html(report);
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}
