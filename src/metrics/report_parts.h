// Pieces every metric's report shares: the warning lines for answers that
// were not valid, the notes on weights and low bases, and the --min-n check.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metric_options.h"
#include "metrics/metric_scan.h"
#include "output/report.h"

namespace koe {

// "1 answer", "3 answers".
std::string count_of(std::uint64_t count, std::string_view noun);

// One line per kind of invalid value, naming the first one seen. `expected`
// says what a valid answer looks like ("0-10").
std::vector<std::string> invalid_warnings(const ScanInfo& info, std::string_view expected);

// The "dimensions" fact of a report grouped by bins or periods: each
// dimension's definition and the rows it placed in no group. None when every
// dimension is a plain column (reports keep the shape they always had).
std::optional<output::Fact> dimensions_fact(const ScanInfo& info);
std::optional<output::Fact> dimensions_fact(const std::vector<Dimension>& dimensions,
                                            const std::vector<Unplaced>& unplaced);

// The "input" fact every summary tool's JSON carries: how its inputs were
// read (docs/formats.md), one object per distinct reading, e.g.
// [{"format":"csv","delimiter":",","encoding":"cp932","encoding_source":"given",
// "preset":null,"skip_rows":0}].
output::Fact input_fact(const std::vector<InputReading>& readings);
// The same array as JSON text, as a partial's info record carries it. A
// delimiter outside ASCII is written "0xHH".
std::string readings_json(const std::vector<InputReading>& readings);

// The warnings about rows the dimensions could not place (included in
// invalid_warnings).
std::vector<std::string> unplaced_warnings(const std::vector<Dimension>& dimensions,
                                           const std::vector<Unplaced>& unplaced);

// The notes about weights and low bases under a table.
void add_base_notes(output::SummaryReport& report, const ScanInfo& info, bool any_low_base,
                    std::uint64_t low_base);

// The --min-n failure, if the overall base is too small.
std::optional<std::string> min_n_failure(std::uint64_t n, const MetricOptions& options);

// `value` as a check-failure message shows it beside `limit`: two decimals,
// or as many as it takes not to look equal to the limit.
std::string shown_against(double value, double limit);

// The columns every metric's rows end with: weight total and n_eff when
// weighted, the low-base flag, and the table-only note.
void add_base_columns(std::vector<output::Column>& columns, bool weighted);
// Their values, in the same order.
void add_base_values(std::vector<output::Value>& row, bool weighted, double weight_total,
                     double n_eff, std::uint64_t n, std::uint64_t low_base);

// Makes the report's group rows, in key order, be finished as they are
// written: each row is the group's key labels, then what
// `row(cells, accumulator)` appends.
// The scan is shared with the report, which may outlive the job. True when
// some group has fewer valid answers than `low_base`.
template <class Accumulator, class Row>
bool generate_group_rows(output::SummaryReport& report,
                         std::shared_ptr<const MetricScan<Accumulator>> scan,
                         std::uint64_t low_base, Row row) {
  using Group = typename GroupTable<Accumulator>::Group;
  auto groups =
      std::make_shared<const std::vector<const Group*>>(scan->groups.sorted(report.threads));
  bool any_low_base = false;
  scan->groups.for_each(
      [&](const Group& group) { any_low_base |= group.accumulator.valid_count() < low_base; });
  report.groups.generate(groups->size(), [scan, groups, row](std::size_t i,
                                                              std::vector<output::Value>& cells) {
    const auto* group = (*groups)[i];
    const auto& dimensions = scan->info.dimensions;
    for (std::size_t k = 0; k < group->key.size(); ++k)
      cells.emplace_back(dimensions[k].label(group->key[k]));
    row(cells, group->accumulator);
  });
  return any_low_base;
}

}  // namespace koe
