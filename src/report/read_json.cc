#include "report/read_json.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "error.h"
#include "output/report.h"

namespace koe::report {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// One document being read: its name for messages, and typed access to keys.
struct Doc {
  const std::string& source;

  [[noreturn]] void fail(const std::string& message) const {
    throw Error(Exit::input, fmt::format("{}: {}", source, message));
  }
  bool has(object o, std::string_view key) const {
    element value;
    return !o[key].get(value) && !value.is_null();
  }
  std::string text(object o, std::string_view key) const {
    element value;
    if (o[key].get(value) || value.is_null()) return {};
    std::string_view s;
    if (value.get(s)) fail(fmt::format("\"{}\" must be a string", key));
    return std::string(s);
  }
  Number number(object o, std::string_view key) const {
    element value;
    if (o[key].get(value) || value.is_null()) return std::nullopt;
    double d = 0;
    if (value.get(d)) fail(fmt::format("\"{}\" must be a number or null", key));
    return d;
  }
  std::uint64_t count(object o, std::string_view key) const {
    element value;
    if (o[key].get(value) || value.is_null()) return 0;
    std::uint64_t u = 0;
    if (value.get(u)) fail(fmt::format("\"{}\" must be a whole number", key));
    return u;
  }
  bool flag(object o, std::string_view key) const {
    element value;
    bool b = false;
    if (o[key].get(value) || value.is_null()) return false;
    if (value.get(b)) fail(fmt::format("\"{}\" must be true or false", key));
    return b;
  }
  object child(object o, std::string_view key) const {
    object out;
    if (o[key].get(out)) fail(fmt::format("expected an object \"{}\"", key));
    return out;
  }
  array list(object o, std::string_view key) const {
    array out;
    if (o[key].get(out)) fail(fmt::format("expected an array \"{}\"", key));
    return out;
  }
  object item(element e, std::string_view what) const {
    object out;
    if (e.get(out)) fail(fmt::format("expected objects in \"{}\"", what));
    return out;
  }
};

// The "input" fact: how the run read its input (not recorded in the JSON of
// a koe before it).
RunInput read_input(const Doc& doc, object root) {
  RunInput input{doc.source, std::nullopt};
  if (!doc.has(root, "input")) return input;
  auto& readings = input.readings.emplace();
  for (element e : doc.list(root, "input")) {
    object o = doc.item(e, "input");
    readings.push_back({doc.text(o, "format"), doc.text(o, "delimiter"), doc.text(o, "encoding"),
                        doc.text(o, "encoding_source"), doc.text(o, "preset"),
                        doc.count(o, "skip_rows")});
  }
  return input;
}

// "promoters 9-10, passives 7-8, detractors 0-6", as the tools print it.
std::string nps_definition(const Doc& doc, object root) {
  object d = doc.child(root, "definition");
  std::string out;
  for (const char* key : {"promoters", "passives", "detractors"}) {
    array range = doc.list(d, key);
    std::vector<std::int64_t> ends;
    for (element e : range) {
      std::int64_t v = 0;
      if (e.get(v)) doc.fail("the definition's cut-points must be whole numbers");
      ends.push_back(v);
    }
    if (ends.size() != 2) doc.fail("each cut-point range must have two ends");
    out += fmt::format("{}{} {}-{}", out.empty() ? "" : ", ", key, ends[0], ends[1]);
  }
  return out;
}

std::string scale_definition(const Doc& doc, object root) {
  std::string out = fmt::format("top box {}, bottom box {} on a {} scale", doc.text(root, "top_box"),
                                doc.text(root, "bottom_box"), doc.text(root, "scale"));
  if (doc.flag(root, "lower_is_better")) out += ", lower is better";
  return out;
}

std::string definition_of(const Doc& doc, object root) {
  if (doc.has(root, "definition")) return nps_definition(doc, root);
  if (doc.has(root, "top_box")) return scale_definition(doc, root);
  return "mean of the answers";
}

Headline read_headline(const Doc& doc, object root, const std::string& tool) {
  Headline h;
  h.tool = tool;
  h.score = doc.text(root, "score");
  h.weight = doc.text(root, "weight");
  h.definition = tool == "nps" ? nps_definition(doc, root) : scale_definition(doc, root);
  if (tool == "nps") {
    h.interval = doc.text(root, "interval");
  } else {
    h.interval = doc.text(doc.child(root, "intervals"), "top_box");
  }
  h.confidence = doc.number(root, "confidence").value_or(0.95);
  h.rows = doc.count(root, "rows");
  object o = doc.child(root, "overall");
  h.n = doc.count(o, "n");
  h.missing = doc.count(o, "missing");
  h.invalid = doc.count(o, "invalid");
  bool nps = tool == "nps";
  h.value = doc.number(o, nps ? "nps" : "pct_top_box");
  h.ci_low = doc.number(o, nps ? "ci_low" : "top_box_ci_low");
  h.ci_high = doc.number(o, nps ? "ci_high" : "top_box_ci_high");
  h.n_eff = doc.number(o, "n_eff");
  if (!nps) {
    h.mean = doc.number(o, "mean");
    h.mean_ci_low = doc.number(o, "mean_ci_low");
    h.mean_ci_high = doc.number(o, "mean_ci_high");
  }
  h.low_base = doc.flag(o, "low_base");
  h.input = read_input(doc, root);
  return h;
}

SegmentRow read_segment_row(const Doc& doc, object o, const std::vector<std::string>& keys,
                            const char* value_key) {
  SegmentRow r;
  for (const auto& key : keys) {
    std::string v = doc.text(o, key);
    r.label += (r.label.empty() ? "" : " / ") + (doc.has(o, key) ? output::key_text(v) : v);
  }
  r.n = doc.count(o, "n");
  r.missing = doc.count(o, "missing");
  r.invalid = doc.count(o, "invalid");
  r.value = doc.number(o, value_key);
  r.ci_low = doc.number(o, "ci_low");
  r.ci_high = doc.number(o, "ci_high");
  r.reference = doc.number(o, "reference");
  r.difference = doc.number(o, "difference");
  r.p = doc.number(o, "p");
  r.p_adjusted = doc.number(o, "p_adjusted");
  r.impact = doc.number(o, "impact");
  r.significant = doc.flag(o, "significant");
  r.low_base = doc.flag(o, "low_base");
  r.direction = doc.text(o, "direction");
  return r;
}

SegmentRun read_segment(const Doc& doc, object root) {
  SegmentRun run;
  run.score = doc.text(root, "score");
  const char* value_key = "mean";
  if (doc.has(root, "definition")) {
    run.metric = "NPS";
    value_key = "nps";
  } else if (doc.has(root, "top_box")) {
    run.metric = "% top box of " + run.score;
    value_key = "pct_top_box";
  } else {
    run.metric = "mean of " + run.score;
  }
  run.unit = doc.has(root, "definition") || doc.has(root, "top_box") ? "points" : "";
  run.definition = definition_of(doc, root);
  run.interval = doc.text(root, "interval");
  run.confidence = doc.number(root, "confidence").value_or(0.95);
  run.rows = doc.count(root, "rows");
  run.compared_with = doc.text(root, "compared_with");
  run.test = doc.text(root, "test");
  run.adjustment = doc.text(root, "adjustment");
  run.alpha = doc.number(root, "alpha").value_or(0.05);
  run.tests = doc.count(root, "tests");
  run.low_base_under = doc.count(root, "low_base_under");
  std::vector<std::string> keys;
  for (element e : doc.list(root, "by")) {
    std::string_view key;
    if (e.get(key)) doc.fail("\"by\" must list strings");
    keys.emplace_back(key);
  }
  for (const auto& key : keys) run.dimension += (run.dimension.empty() ? "" : ", ") + key;
  array dims;
  if (!root["dimensions"].get(dims))
    for (element e : dims) run.rows_in_no_group += doc.count(doc.item(e, "dimensions"), "rows_in_no_group");
  if (run.trend() && keys.size() != 1)
    doc.fail("a trend must have one dimension, a period (segment --by 'month(COL)')");
  for (element e : doc.list(root, "groups"))
    run.groups.push_back(read_segment_row(doc, doc.item(e, "groups"), keys, value_key));
  run.overall = read_segment_row(doc, doc.child(root, "overall"), {}, value_key);
  array findings;
  if (!root["findings"].get(findings))
    for (element e : findings) {
      std::string_view line;
      if (!e.get(line)) run.findings.emplace_back(line);
    }
  run.input = read_input(doc, root);
  return run;
}

Cause read_cause(const Doc& doc, object o, bool nps) {
  Cause c;
  c.tag = doc.text(o, "tag");
  c.owner = doc.text(o, "owner");
  c.level = doc.count(o, "level");
  c.count = doc.count(o, "count");
  c.scored = doc.count(o, "scored");
  c.pct_comments = doc.number(o, "pct_comments");
  c.pct_detractors = doc.number(o, nps ? "pct_detractors" : "pct_dissatisfied");
  c.metric_with = doc.number(o, "metric_with");
  c.metric_without = doc.number(o, "metric_without");
  c.difference = doc.number(o, "difference");
  c.p_adjusted = doc.number(o, "p_adjusted");
  c.impact = doc.number(o, "impact");
  c.significant = doc.flag(o, "significant");
  c.low_base = doc.flag(o, "low_base");
  return c;
}

RootCauses read_rca(const Doc& doc, object root) {
  RootCauses r;
  if (!doc.has(root, "groups") || !doc.has(root, "commented"))
    doc.fail("expected the JSON of rca-tag --summary, not its rows");
  if (doc.list(root, "by").size() != 1)
    doc.fail("the report reads rca-tag --summary without --by (one row per tag)");
  r.taxonomy = doc.text(root, "taxonomy");
  r.engine = doc.text(root, "engine");
  r.text = doc.text(root, "text");
  r.score = doc.text(root, "score");
  r.metric = doc.text(root, "metric");
  r.adjustment = doc.text(root, "adjustment");
  r.japanese_terms = doc.text(root, "japanese_terms");
  r.rules = doc.count(root, "rules");
  r.rows = doc.count(root, "rows");
  r.commented = doc.count(root, "commented");
  r.tagged = doc.count(root, "tagged");
  r.untagged = doc.count(root, "untagged");
  r.invalid_utf8 = doc.count(root, "invalid_utf8");
  r.missing_scores = doc.count(root, "missing_scores");
  r.invalid_scores = doc.count(root, "invalid_scores");
  r.low_base_under = doc.count(root, "low_base_under");
  r.pct_untagged = doc.number(root, "pct_untagged");
  r.confidence = doc.number(root, "confidence").value_or(0.95);
  bool nps = r.metric != "top_box";
  for (element e : doc.list(root, "groups")) r.causes.push_back(read_cause(doc, doc.item(e, "groups"), nps));
  r.overall = read_cause(doc, doc.child(root, "overall"), nps);
  for (element e : doc.list(root, "untagged_terms")) {
    object t = doc.item(e, "untagged_terms");
    r.untagged_terms.emplace_back(doc.text(t, "term"), doc.count(t, "comments"));
  }
  for (element e : doc.list(root, "rule_hits")) {
    object h = doc.item(e, "rule_hits");
    r.rule_hits.push_back({doc.text(h, "taxonomy"), doc.text(h, "tag"), doc.text(h, "pattern"),
                           doc.text(h, "kind"), doc.count(h, "line"), doc.count(h, "hits")});
  }
  r.input = read_input(doc, root);
  return r;
}

Part part_of(const std::string& tool, object root, const Doc& doc) {
  if (tool == "nps") return Part::nps;
  if (tool == "csat") return Part::csat;
  if (tool == "ces") return Part::ces;
  if (tool == "rca-tag") return Part::rca;
  if (tool == "segment")
    return doc.text(root, "compared_with") == "previous period" ? Part::trend : Part::segment;
  doc.fail(fmt::format("\"tool\" is \"{}\"; expected the JSON of nps, csat, ces, segment or "
                       "rca-tag --summary",
                       tool));
}

}  // namespace

std::string_view part_option(Part part) {
  switch (part) {
    case Part::nps: return "--nps";
    case Part::csat: return "--csat";
    case Part::ces: return "--ces";
    case Part::segment: return "--segment";
    case Part::trend: return "--trend";
    case Part::rca: return "--rca";
    case Part::any: break;
  }
  return "a file";
}

void add_json(Report& report, std::string_view text, const std::string& source, Part expected) {
  Doc doc{source};
  simdjson::dom::parser parser;
  element document;
  simdjson::padded_string padded(text);
  if (auto error = parser.parse(padded).get(document))
    doc.fail(fmt::format("invalid JSON: {}", simdjson::error_message(error)));
  object root;
  if (document.is_array())
    doc.fail("expected one JSON object, as the tools write with -o json, not an array of rows "
             "(rca-tag without --summary)");
  if (document.get(root)) doc.fail("expected one JSON object, as the tools write with -o json");
  std::string tool = doc.text(root, "tool");
  if (tool.empty()) doc.fail("no \"tool\" field; expected the JSON a koe tool writes with -o json");
  Part part = part_of(tool, root, doc);
  if (expected != Part::any && expected != part) {
    bool segment_run = expected == Part::segment || expected == Part::trend;
    doc.fail(segment_run && part != Part::segment && part != Part::trend
                 ? fmt::format("given as {} but written by {}", part_option(expected), tool)
             : segment_run
                 ? fmt::format("given as {} but compared with \"{}\"", part_option(expected),
                               doc.text(root, "compared_with"))
                 : fmt::format("given as {} but written by {}", part_option(expected), tool));
  }
  switch (part) {
    case Part::nps:
    case Part::csat:
    case Part::ces: report.headlines.push_back(read_headline(doc, root, tool)); break;
    case Part::trend: report.trends.push_back(read_segment(doc, root)); break;
    case Part::segment: report.segments.push_back(read_segment(doc, root)); break;
    case Part::rca:
      if (report.causes) doc.fail("a second rca-tag summary; the report shows one");
      report.causes = read_rca(doc, root);
      break;
    case Part::any: break;
  }
  report.sources.push_back(fmt::format("{} ({})", source, tool));
}

void add_json_file(Report& report, const std::string& path, Part expected) {
  bool in = path == "-";
  struct stat info {};
  if (!in && ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
    throw Error(Exit::input, fmt::format("{}: is a directory, expected a JSON file", path));
  std::FILE* file = in ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr)
    throw Error(Exit::input, fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::string text;
  char buffer[65536];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, got);
  bool failed = std::ferror(file) != 0;
  int error = errno;
  if (!in) std::fclose(file);
  if (failed) throw Error(Exit::input, fmt::format("{}: cannot read: {}", path, std::strerror(error)));
  add_json(report, text, in ? "<stdin>" : path, expected);
}

void finish(Report& report) {
  for (auto& run : report.trends) {
    for (const auto& h : report.headlines)
      if (h.tool != "nps" && h.score == run.score && run.metric.starts_with("% top box"))
        run.metric = h.tool == "csat" ? "CSAT" : "CES";
  }
  for (auto& run : report.segments)
    for (const auto& h : report.headlines)
      if (h.tool != "nps" && h.score == run.score && run.metric.starts_with("% top box"))
        run.metric = h.tool == "csat" ? "CSAT" : "CES";
  if (report.causes)
    for (auto& c : report.causes->causes)
      for (const auto& other : report.causes->causes)
        if (other.tag.size() > c.tag.size() && other.tag.starts_with(c.tag + "/")) c.leaf = false;
}

}  // namespace koe::report
