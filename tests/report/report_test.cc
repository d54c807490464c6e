#include <doctest/doctest.h>

#include <string>

#include "error.h"
#include "report/charts.h"
#include "report/html.h"
#include "report/markdown.h"
#include "report/quality.h"
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

// The overall row of nps -o json, cut to the fields read; `input` is its
// "input" fact (none: JSON from a koe before it).
std::string nps_json(const std::string& input) {
  return R"json({"tool":"nps","score":"score","weight":null,
 "definition":{"promoters":[9,10],"passives":[7,8],"detractors":[0,6]},
 "interval":"adjusted-wald","confidence":0.95,"low_base_under":30,"rows":300,)json" +
         (input.empty() ? "" : "\"input\":" + input + ",") +
         R"json("overall":{"n":299,"missing":1,"invalid":0,"nps":20,"ci_low":14,"ci_high":26,"low_base":false}})json";
}

// kTrend with an "input" fact.
std::string trend_json(const std::string& input) {
  return "{\"input\":" + input + "," + std::string(kTrend).substr(1);
}

const char* kExcel = R"json([{"format":"csv","delimiter":",","encoding":"cp932","encoding_source":"given","preset":"qualtrics","skip_rows":2}])json";
const char* kPlain = R"json([{"format":"csv","delimiter":",","encoding":"utf-8","encoding_source":"default","preset":null,"skip_rows":0}])json";

// The data-quality lines about how the input was read.
std::vector<std::string> input_lines(const Report& report) {
  std::vector<std::string> out;
  for (const auto& line : definitions(report))
    if (line.starts_with("Encoding:") || line.starts_with("Preset:") ||
        line.starts_with("Input format:"))
      out.push_back(line);
  return out;
}

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

TEST_CASE("report: data quality states the encodings and presets each run's JSON records") {
  Report same;
  add_json(same, nps_json(kExcel), "nps.json", Part::nps);
  add_json(same, trend_json(kExcel), "trend.json", Part::trend);
  finish(same);
  CHECK(input_lines(same) ==
        std::vector<std::string>{
            "Encoding: cp932 (given) in every run",
            "Preset: qualtrics (2 label rows under the header skipped) in every run",
            "Input format: comma-delimited CSV in every run"});
  const std::string md = write_markdown(same);
  const auto quality = md.find("## Data quality");
  REQUIRE(quality != std::string::npos);
  CHECK(md.find("\n- Encoding: cp932 (given) in every run\n", quality) != std::string::npos);
  CHECK(md.find("\n- Preset: qualtrics (2 label rows under the header skipped) in every run\n",
                quality) != std::string::npos);
  const std::string html = write_html(same);
  const auto section = html.find("<section id=\"data-quality\">");
  REQUIRE(section != std::string::npos);
  CHECK(html.find("<li><span>Encoding: cp932 (given) in every run</span></li>", section) != std::string::npos);
  CHECK(html.find("<li><span>Preset: qualtrics (2 label rows under the header skipped) in every run</span></li>",
                  section) != std::string::npos);

  // Runs read differently are each named; JSON without the fact is "not recorded".
  Report mixed;
  add_json(mixed, nps_json(kExcel), "nps.json", Part::nps);
  add_json(mixed, trend_json(kPlain), "trend.json", Part::trend);
  finish(mixed);
  CHECK(input_lines(mixed)[0] ==
        "Encoding: cp932 (given) in nps; utf-8 (the default) in segment: NPS by month(d)");
  CHECK(input_lines(mixed)[1] ==
        "Preset: qualtrics (2 label rows under the header skipped) in nps; none in segment: NPS by "
        "month(d)");
  Report older;
  add_json(older, nps_json(kExcel), "nps.json", Part::nps);
  add_json(older, kTrend, "trend.json", Part::trend);
  finish(older);
  CHECK(input_lines(older)[0] ==
        "Encoding: cp932 (given) in nps; not recorded in segment: NPS by month(d)");
  Report oldest;
  add_json(oldest, kTrend, "trend.json", Part::trend);
  CHECK(input_lines(oldest) == std::vector<std::string>{"Encoding: not recorded in the JSON",
                                                        "Preset: not recorded in the JSON",
                                                        "Input format: not recorded in the JSON"});

  // A merge of shards read two ways lists both, each with its runs.
  Report merged;
  const std::string both = std::string(kPlain).substr(0, std::string(kPlain).size() - 1) + "," +
                           std::string(kExcel).substr(1);
  add_json(merged, nps_json(both), "nps.json", Part::nps);
  add_json(merged, trend_json(kPlain), "trend.json", Part::trend);
  finish(merged);
  CHECK(input_lines(merged)[0] == "Encoding: utf-8 (the default) in every run; cp932 (given) in nps");
  Report alone;
  add_json(alone, nps_json(both), "nps.json", Part::nps);
  CHECK(input_lines(alone)[0] == "Encoding: utf-8 (the default) and cp932 (given) in every run");
  // Two runs of one name are told apart by their JSON.
  Report twice;
  add_json(twice, trend_json(kExcel), "a.json", Part::trend);
  add_json(twice, trend_json(kPlain), "b.json", Part::trend);
  finish(twice);
  CHECK(input_lines(twice)[0] ==
        "Encoding: cp932 (given) in segment: NPS by month(d) (a.json); utf-8 (the default) in "
        "segment: NPS by month(d) (b.json)");
  CHECK(error_of(nps_json(R"(["csv"])")) == "x.json: expected objects in \"input\"");
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

TEST_CASE("report: a segment value that reads like (blank) is quoted; a blank one is (blank)") {
  std::string text = kTrend;
  auto replace = [&](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace(R"x("month(d)":"2026-01")x", R"x("month(d)":"(blank)")x");
  replace(R"x("month(d)":"2026-02")x", R"x("month(d)":"")x");
  Report report;
  add_json(report, text, "x.json", Part::any);
  REQUIRE(report.trends.size() == 1);
  CHECK(report.trends[0].groups[0].label == "\"(blank)\"");
  CHECK(report.trends[0].groups[1].label == "(blank)");
  CHECK(report.trends[0].groups[2].label == "2026-03");
}
