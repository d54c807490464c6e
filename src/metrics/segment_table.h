// The statistics and the report of `segment`, once each group's metric is
// finished: whatever the metric, a group is an Estimate (n, the value, its
// SE and interval), and each is tested against its reference (the rest of
// the data, the previous period, or the same segment in a baseline export).
// The tests, their adjustment, the flags, impacts, findings and CI checks
// live here; reading and accumulating live in segment_report.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "metrics/metric_options.h"
#include "names.h"
#include "outcome.h"
#include "output/report.h"
#include "stats/compare.h"
#include "stats/multiple.h"

namespace koe {

// A group's finished metric, whatever the metric.
struct Estimate {
  std::uint64_t n = 0, missing = 0, invalid = 0;
  bool weighted = false;
  double weight_total = 0;  // of valid answers; n when unweighted
  double n_eff = 0;
  double value = NAN, se = NAN, ci_low = NAN, ci_high = NAN;
};

enum class Reference { rest, previous, baseline };

// The order of segment rows: as the groups sort (name), most harmful impact
// first, lowest metric first, largest n first.
enum class SegmentSort { name, impact, metric, n };

inline constexpr NameTable<SegmentSort, 4> kSegmentSortNames{{
    {"name", SegmentSort::name},
    {"impact", SegmentSort::impact},
    {"metric", SegmentSort::metric},
    {"n", SegmentSort::n},
}};

struct SegmentRow {
  std::vector<std::string> key;      // labels, one per dimension
  Estimate estimate;
  std::optional<Estimate> reference;  // none: nothing to compare with (the first period)
  std::string reference_label;        // the previous period's label
};

// How the metric is named and defined in the report.
struct MetricWords {
  std::string key;          // JSON / CSV field: "nps", "pct_top_box", "mean"
  std::string label;        // table heading: "NPS", "%top", "mean"
  std::string name;         // in sentences: "NPS", "CSAT", "mean spend"
  int decimals = 2;         // in tables
  int finding_decimals = 1;  // in the plain-language findings
  std::vector<output::Fact> facts;  // score, definition, interval ...
  std::vector<std::string> notes;   // definition lines under the table
};

struct SegmentSettings {
  Reference reference = Reference::rest;
  stats::Adjustment adjustment = stats::Adjustment::holm;
  double alpha = 0.05;
  SegmentSort sort = SegmentSort::name;
  MetricOptions checks;  // min_n (also the low-base threshold), fail_under, confidence
  bool fail_if_significant_drop = false;
  std::string baseline_name;  // --compare: for notes
};

struct SegmentTable {
  std::vector<std::string> dimensions;  // names, as headings show them
  std::vector<SegmentRow> rows;
  Estimate overall;
  std::optional<Estimate> overall_reference;  // --compare: the baseline's overall
  // --crosstab: each value of the first and of the second dimension over all
  // values of the other (the margins), in group order.
  std::vector<std::pair<std::string, Estimate>> row_margins, column_margins;
};

// The outcome of a segment run: the report with every test, and the
// findings and failed checks.
Outcome segment_outcome(const SegmentTable& table, const MetricWords& words,
                        const SegmentSettings& settings);

// A two-dimension outcome laid out for people: rows by columns, each cell
// the metric with ▼ / ▲ when significantly below / above the rest and ° for
// a low base, the margins as the last column and the "(all)" row. Facts,
// notes and checks are kept; machines read the long form.
void lay_out_crosstab(Outcome& outcome, const SegmentTable& table, const MetricWords& words);

}  // namespace koe
