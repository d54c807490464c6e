#include "metrics/drivers_report.h"

#include <fmt/format.h>

#include "columns.h"
#include "error.h"
#include "metrics/drivers_scan.h"
#include "metrics/drivers_table.h"
#include "metrics/report_parts.h"
#include "metrics/scale_report.h"
#include "stats/scale.h"

namespace koe {

namespace {

std::string key_text(const std::vector<std::string>& names, const std::vector<std::string>& key) {
  std::string text;
  for (std::size_t d = 0; d < key.size(); ++d)
    text += fmt::format("{}{}={}", d ? ", " : "", names[d], quote_value(key[d]));
  return text;
}

// The warning lines about answers that were not valid, per column.
std::vector<std::string> answer_warnings(const ScanInfo& info, const stats::DriversAccumulator& all,
                                         const std::vector<std::string>& columns) {
  std::vector<std::string> warnings;
  if (info.first_invalid) {
    std::string counts;
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (auto invalid = all.columns()[c].invalid)
        counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", columns[c], invalid);
    const auto& first = *info.first_invalid;
    warnings.push_back(fmt::format(
        "{} not valid ({}), counted as invalid and their rows left out of the model (first: {}, "
        "line {}, column \"{}\": {}); --strict makes this an error",
        count_of(info.invalid_answers, "answer"), counts, first.file, first.line, first.column,
        quote_value(first.text)));
  }
  if (info.first_invalid_weight)
    warnings.push_back(fmt::format(
        "{} without a valid weight in column \"{}\", left out (first: {}, line {}: {})",
        count_of(info.invalid_weights, "row"), info.weight_name, info.first_invalid_weight->file,
        info.first_invalid_weight->line, quote_value(info.first_invalid_weight->text)));
  auto unplaced = unplaced_warnings(info.dimensions, info.unplaced);
  warnings.insert(warnings.end(), unplaced.begin(), unplaced.end());
  return warnings;
}

}  // namespace

Outcome run_drivers(const DriversJob& job) {
  ScaleJob scale_job;
  scale_job.scale = job.scale;
  scale_job.top_box = job.top_box;
  scale_job.labels = job.labels;
  const auto scale = resolve_scale(scale_job);
  const LabelMap labels = scale_labels(scale_job, scale);
  DriverAnswers answers(scale, labels, job.na_codes, job.outcome_na_codes);

  auto reader = open_input(job.input.files, job.input.reader);
  if (!reader->header().empty()) {
    // The checks that need the number of drivers come before the read.
    const std::size_t p = resolve_columns(reader->header(), job.drivers, "--drivers").size();
    if (job.analysis.method == DriverMethod::shapley && p > kExactDriversLimit && !job.orders)
      throw_usage(fmt::format(
          "--method shapley: {} drivers have 2^{} subsets; the exact decomposition takes at most "
          "{} drivers. Give --samples N (and --seed) for an estimate from N random orders, or "
          "use the default relative weights",
          p, p, kExactDriversLimit));
    if (job.analysis.keep > p)
      throw_usage(fmt::format("--keep {}: there are only {} drivers; keep 1 to {}",
                              job.analysis.keep, p, p));
  }
  AnalysisSettings settings = job.analysis;
  settings.orders = job.orders.value_or(0);
  DriversScanSpec spec{job.outcome, job.drivers, job.weight, job.by, &job.input};
  auto result = scan_drivers(*reader, spec, answers, job.strict, job.groups);
  const auto& scan = result.scan;
  const std::vector<std::string> driver_names(result.columns.begin() + 1, result.columns.end());

  KeyedAnalysis whole{{}, analyse_drivers(scan.overall, driver_names, settings)};
  if (!whole.analysis.fit.estimable)
    throw_input(fmt::format("no model of {} on {}: {}", result.columns[0],
                            count_of(driver_names.size(), "driver"), whole.analysis.fit.problem),
                {reader->name()});
  std::vector<KeyedAnalysis> segments;
  for (const auto* group : scan.groups.sorted())
    segments.push_back({key_labels(scan.info.dimensions, group->key),
                        analyse_drivers(group->accumulator, driver_names, settings)});

  Outcome outcome;
  DriversLayout layout;
  layout.columns = result.columns;
  layout.scale = fmt::format("{}-{}", scale.low, scale.high);
  layout.top_box = stats::describe_box(scale.top_box);
  layout.labels_source = labels.empty() ? "" : labels.source();
  layout.weight = scan.info.weight_name;
  layout.settings = settings;
  layout.groups = job.groups;
  layout.info = &scan.info;
  layout.overall = &scan.overall;
  outcome.report = drivers_report(layout, whole, segments);

  outcome.warnings = answer_warnings(scan.info, scan.overall, result.columns);
  for (const auto& pair : whole.analysis.collinear)
    outcome.warnings.push_back(fmt::format(
        "drivers {} and {} are collinear (r = {:.2f}; VIF {:.1f} and {:.1f}, above {:g}): their "
        "split of R² is unstable; read them as one theme, or keep one",
        driver_names[pair.first], driver_names[pair.second], pair.r, pair.vif_first,
        pair.vif_second, settings.vif_limit));
  if (whole.analysis.replicates == 0)
    outcome.warnings.push_back(
        "no intervals: a jackknife replicate (the complete rows less one group) has no model");
  for (const auto& segment : segments)
    if (!segment.analysis.fit.estimable)
      outcome.warnings.push_back(fmt::format("{}: no model: {}",
                                             key_text(scan.info.by_names, segment.key),
                                             segment.analysis.fit.problem));
  if (job.min_n && whole.analysis.model_rows < *job.min_n)
    outcome.failed_checks.push_back(fmt::format("only {} complete rows, fewer than --min-n {}",
                                                whole.analysis.model_rows, *job.min_n));
  return outcome;
}

}  // namespace koe
