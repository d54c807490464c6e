// The report's model: what koe-report shows, filled from the tools'
// documented JSON (src/report/read_json.h) and drawn by the Markdown and
// HTML writers. It holds only numbers and text the tools wrote, never
// figures of its own, so the report and the tools cannot disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace koe::report {

using Number = std::optional<double>;  // null in the JSON: undefined

// One way a run read its input: an entry of its "input" fact
// (docs/formats.md), as the JSON spells it.
struct Reading {
  std::string format;           // "csv", "tsv", "ndjson", "json"
  std::string delimiter;        // of delimited text; empty for JSON
  std::string encoding;         // "utf-8", "cp932" ...
  std::string encoding_source;  // "given" (--encoding) or "default"
  std::string preset;           // empty: none
  std::uint64_t skip_rows = 0;
};
// How a run read its input.
struct RunInput {
  std::string source;  // the JSON it came from, for telling runs of one kind apart
  std::optional<std::vector<Reading>> readings;  // none: its JSON does not say (an older koe)
};

// The overall row of one metric tool's run (nps, csat or ces -o json).
struct Headline {
  std::string tool;        // "nps", "csat", "ces"
  std::string score;       // the answer column
  std::string weight;      // the weight column; empty when unweighted
  std::string definition;  // the cut-points as the tools print them
  std::string interval;    // "adjusted-wald", "wilson" ...
  double confidence = 0.95;
  std::uint64_t rows = 0, n = 0, missing = 0, invalid = 0;
  Number value, ci_low, ci_high, n_eff;
  Number mean, mean_ci_low, mean_ci_high;  // csat and ces
  bool low_base = false;
  RunInput input;
};

// One group of a segment run: a period of a trend, or a segment.
struct SegmentRow {
  std::string label;  // the dimension values joined by " / "
  std::uint64_t n = 0, missing = 0, invalid = 0;
  Number value, ci_low, ci_high, reference, difference, p, p_adjusted, impact;
  bool significant = false, low_base = false;
  std::string direction;  // "below", "above", "down", "up" or empty
};

// A segment run (segment -o json): a trend when compared with the previous
// period, else segments against the rest or a baseline.
struct SegmentRun {
  std::string metric;      // "NPS", "CSAT", "CES", "% top box of COL", "mean of COL"
  std::string unit;        // "points" for NPS and shares, "" for a mean
  std::string score, dimension, compared_with, adjustment, test, definition, interval;
  double alpha = 0.05, confidence = 0.95;
  std::uint64_t rows = 0, tests = 0, low_base_under = 30, rows_in_no_group = 0;
  std::vector<SegmentRow> groups;
  SegmentRow overall;
  std::vector<std::string> findings;
  RunInput input;
  bool trend() const { return compared_with == "previous period"; }
};

// One tag row of rca-tag --summary.
struct Cause {
  std::string tag, owner;
  std::uint64_t level = 0, count = 0, scored = 0;
  Number pct_comments, pct_detractors, metric_with, metric_without, difference, p_adjusted, impact;
  bool significant = false, low_base = false, leaf = true;
};

struct RuleHit {
  std::string taxonomy, tag, pattern, kind;
  std::uint64_t line = 0, hits = 0;
};

// rca-tag --summary -o json (without --by).
struct RootCauses {
  std::string taxonomy, engine, text, score, metric, adjustment, japanese_terms;
  std::uint64_t rules = 0, rows = 0, commented = 0, tagged = 0, untagged = 0, invalid_utf8 = 0,
                missing_scores = 0, invalid_scores = 0, low_base_under = 30;
  Number pct_untagged;
  double confidence = 0.95;
  std::vector<Cause> causes;  // in the tool's order (impact, largest first)
  Cause overall;
  std::vector<std::pair<std::string, std::uint64_t>> untagged_terms;
  std::vector<RuleHit> rule_hits;
  RunInput input;
};

// Everything one report shows, with where each part came from.
struct Report {
  std::string title = "Customer feedback report";
  std::vector<Headline> headlines;
  std::vector<SegmentRun> trends, segments;
  std::optional<RootCauses> causes;
  std::vector<std::string> sources;  // "file (tool)" per input, in order
};

}  // namespace koe::report
