#include "report/quality.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/select.h"
#include "report/text.h"

namespace koe::report {

namespace {

std::string delimiter_words(const std::string& delimiter) {
  if (delimiter == ",") return "comma";
  if (delimiter == "\t") return "tab";
  if (delimiter == ";") return "semicolon";
  if (delimiter == "|") return "pipe";
  return fmt::format("\"{}\"", delimiter);
}

std::string format_words(const Reading& r) {
  if (r.format == "ndjson") return "NDJSON";
  if (r.format == "json") return "JSON array";
  if (r.format == "tsv") return "TSV";
  return fmt::format("{}-delimited CSV", delimiter_words(r.delimiter));
}

std::string encoding_words(const Reading& r) {
  return r.encoding_source == "given" ? fmt::format("{} (given)", r.encoding)
                                     : fmt::format("{} (the default)", r.encoding);
}

std::string preset_words(const Reading& r) {
  std::string name = r.preset.empty() ? "none" : r.preset;
  if (r.skip_rows == 0) return name;
  return fmt::format("{} ({} label row{} under the header skipped)", name, r.skip_rows,
                     r.skip_rows == 1 ? "" : "s");
}

// One run, named as the quality table names it (and by its JSON when two
// runs share that name), and how it read its input.
struct NamedInput {
  std::string run;
  const RunInput* input;
};

std::vector<NamedInput> run_inputs(const Report& report) {
  std::vector<NamedInput> out;
  for (const auto& h : report.headlines) out.push_back({h.tool, &h.input});
  for (const auto* runs : {&report.trends, &report.segments})
    for (const auto& run : *runs)
      out.push_back({fmt::format("segment: {} by {}", run.metric, run.dimension), &run.input});
  if (report.causes) out.push_back({"rca-tag", &report.causes->input});
  auto named = out;
  for (auto& run : named)
    if (std::count_if(out.begin(), out.end(), [&](const auto& other) { return other.run == run.run; }) > 1)
      run.run += fmt::format(" ({})", run.input->source);
  return named;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
  return text;
}

// "Encoding: utf-8 (the default) in every run"; else each value with the
// runs that read their input so (values read by the same runs together),
// then the runs whose JSON does not say.
std::string input_line(const std::string& what, const std::vector<NamedInput>& runs,
                       std::string (*words)(const Reading&)) {
  std::vector<std::pair<std::string, std::vector<std::string>>> values;  // value, its runs
  std::vector<std::string> unrecorded;
  for (const auto& [run, input] : runs) {
    if (!input->readings) {
      unrecorded.push_back(run);
      continue;
    }
    for (const auto& reading : *input->readings) {
      auto text = words(reading);
      auto found = std::find_if(values.begin(), values.end(),
                                [&](const auto& value) { return value.first == text; });
      if (found == values.end()) {
        values.push_back({text, {run}});
      } else if (found->second.back() != run) {
        found->second.push_back(run);
      }
    }
  }
  if (values.empty()) return fmt::format("{}: not recorded in the JSON", what);
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> groups;  // runs, values
  for (const auto& value : values) {
    const auto& names = value.second;
    auto found = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& group) { return group.first == names; });
    if (found == groups.end()) {
      groups.push_back({names, {value.first}});
    } else {
      found->second.push_back(value.first);
    }
  }
  std::vector<std::string> parts;
  for (const auto& [names, texts] : groups)
    parts.push_back(fmt::format("{} in {}", joined(texts, " and "),
                                names.size() == runs.size() ? "every run" : joined(names, ", ")));
  if (!unrecorded.empty()) parts.push_back("not recorded in " + joined(unrecorded, ", "));
  return fmt::format("{}: {}", what, joined(parts, "; "));
}

}  // namespace

std::vector<QualityRow> quality_rows(const Report& report) {
  std::vector<QualityRow> out;
  for (const auto& h : report.headlines)
    out.push_back({h.tool, h.score, h.rows, h.n, h.missing, h.invalid});
  auto add_run = [&](const SegmentRun& run) {
    const auto& o = run.overall;
    out.push_back({fmt::format("segment: {} by {}", run.metric, run.dimension), run.score, run.rows,
                   o.n, o.missing, o.invalid});
  };
  for (const auto& t : report.trends) add_run(t);
  for (const auto& s : report.segments) add_run(s);
  if (report.causes) {
    const auto& r = *report.causes;
    out.push_back({"rca-tag: comments", r.text, r.rows, r.commented, r.rows - r.commented,
                   r.invalid_utf8});
    if (!r.score.empty())
      out.push_back({"rca-tag: scores of commented rows", r.score, r.commented,
                     r.commented - r.missing_scores - r.invalid_scores, r.missing_scores,
                     r.invalid_scores});
  }
  return out;
}

std::vector<std::string> definitions(const Report& report) {
  std::vector<std::string> out;
  for (const auto& h : report.headlines) {
    std::string weight = h.weight.empty() ? "unweighted"
                                          : fmt::format("weighted by {} (Kish n_eff {})", h.weight,
                                                        fixed(h.n_eff, 1));
    out.push_back(fmt::format("{} ({}): {}; {}; {}", h.tool, h.score, h.definition,
                              interval_words(h.interval, h.confidence), weight));
  }
  auto add_run = [&](const SegmentRun& run) {
    std::string against = run.trend() ? "each period against the one before"
                          : run.compared_with == "baseline" ? "each segment against the baseline"
                                                            : "each segment against the rest";
    std::string unplaced = run.rows_in_no_group > 0
                               ? fmt::format("; {} rows in no group", run.rows_in_no_group)
                               : "";
    out.push_back(fmt::format(
        "segment ({} by {}): {}; {}; {}; {}; {}-adjusted across {} tests, alpha {}; low base under "
        "{} answers{}",
        run.metric, run.dimension, run.definition, interval_words(run.interval, run.confidence),
        against, run.test, run.adjustment, run.tests, run.alpha, run.low_base_under, unplaced));
  };
  for (const auto& t : report.trends) add_run(t);
  for (const auto& s : report.segments) add_run(s);
  if (report.causes) {
    const auto& r = *report.causes;
    std::size_t never = 0;
    for (const auto& hit : r.rule_hits) never += hit.hits == 0;
    std::string scores =
        r.score.empty() ? "no score column"
                        : fmt::format("scores in {} ({}); {}-adjusted at {}% confidence; low base "
                                      "under {} scored comments",
                                      r.score, r.metric == "top_box" ? "top box" : "NPS",
                                      r.adjustment, fixed(r.confidence * 100, 0), r.low_base_under);
    out.push_back(fmt::format(
        "rca-tag: taxonomy {} ({} rules, {} engine, {} never fired); comments in {}; {}; Japanese "
        "terms split by {}",
        r.taxonomy, r.rules, r.engine, never, r.text, scores, r.japanese_terms));
  }
  const auto runs = run_inputs(report);
  out.push_back(input_line("Encoding", runs, encoding_words));
  out.push_back(input_line("Preset", runs, preset_words));
  out.push_back(input_line("Input format", runs, format_words));
  std::string files;
  for (const auto& s : report.sources) files += (files.empty() ? "" : "; ") + s;
  out.push_back("Read from: " + files);
  return out;
}

}  // namespace koe::report
