#include "metrics/nps_report.h"

#include <fmt/format.h>

#include <cmath>

#include "metrics/metric_partial.h"
#include "metrics/metric_scan.h"
#include "metrics/report_parts.h"

namespace koe {

namespace {

using output::Column;
using output::Value;
using output::measure;

std::vector<Column> nps_columns(const std::vector<std::string>& by, bool weighted) {
  std::vector<Column> columns;
  for (const auto& name : by) columns.push_back({name, name, 0});
  columns.insert(columns.end(), {
                                    {"n", "n"},
                                    {"missing", "missing"},
                                    {"invalid", "invalid"},
                                    {"promoters", "prom"},
                                    {"passives", "pass"},
                                    {"detractors", "detr"},
                                    {"pct_promoters", "%prom", 1},
                                    {"pct_passives", "%pass", 1},
                                    {"pct_detractors", "%detr", 1},
                                    {"nps", "NPS", 2},
                                    {"se", "SE", 2},
                                    {"ci_low", "CI low", 2},
                                    {"ci_high", "CI high", 2},
                                    {"confidence", "confidence", 2, false},
                                    {"interval", "interval", 0, false},
                                });
  add_base_columns(columns, weighted);
  return columns;
}

// A row's cells after its key.
void append_nps_values(std::vector<Value>& row, const stats::NpsResult& r, std::uint64_t low_base) {
  output::append_cells(row, r.n, r.missing, r.invalid, r.promoters, r.passives, r.detractors,
                       measure(r.pct_promoters), measure(r.pct_passives),
                       measure(r.pct_detractors), measure(r.nps), measure(r.se),
                       measure(r.ci_low), measure(r.ci_high), r.confidence,
                       std::string(stats::interval_method_name(r.interval)));
  add_base_values(row, r.weighted, r.weight_total, r.n_eff, r.n, low_base);
}

std::string interval_description(const NpsJob& job) {
  std::string level = fmt::format("{:g}%", 100 * job.metric.confidence);
  switch (job.settings.interval) {
    case stats::IntervalMethod::adjusted_wald:
      return level + " adjusted-Wald interval (Rocks 2016)";
    case stats::IntervalMethod::wald: return level + " Wald interval";
    case stats::IntervalMethod::bootstrap:
      return fmt::format("{} percentile bootstrap interval ({} resamples, seed {})", level,
                         job.settings.bootstrap_samples, job.settings.seed);
  }
  return level;
}

}  // namespace

Outcome run_nps(const NpsJob& job) {
  const bool weighted = !job.metric.weight.empty();
  const bool bootstrap = job.settings.interval == stats::IntervalMethod::bootstrap;
  // The weighted bootstrap resamples every distinct (category, weight) pair:
  // state that grows with the rows, not the groups. Unweighted, it reads
  // only the counts per score, which merge exactly: the same seed then gives
  // the same interval.
  if (weighted && bootstrap && job.metric.stage != RunStage::full)
    throw_usage(fmt::format("--interval bootstrap with --weight cannot be {}: it resamples every "
                            "distinct weight, which is no state of bounded size; use "
                            "--interval adjusted or wald, or one run over the whole input",
                            job.metric.stage == RunStage::partial ? "written as --partial state"
                                                                  : "finished by --merge"));
  stats::NpsAccumulator prototype(weighted, weighted && bootstrap);
  ScaleParser parser(0, 10, job.metric.na_codes);
  MetricColumnSpecs specs{job.score, "--score", job.metric.weight, job.metric.by, &job.input};
  const std::string expected = "an integer 0-10 or a blank";
  const auto header = metric_partial_header("nps", job.score, job.metric);
  if (job.metric.stage == RunStage::partial)
    return partial_outcome(job.input, header, specs, parser, job.metric.strict, prototype, expected);
  // Shared with the report's rows, which are finished as they are written.
  const auto scan = std::make_shared<const MetricScan<stats::NpsAccumulator>>(
      stage_scan(job.input, job.metric, header, specs, parser, prototype, expected));

  stats::NpsSettings settings = job.settings;
  settings.confidence = job.metric.confidence;
  const std::uint64_t low_base = job.metric.low_base();

  Outcome outcome;
  auto& report = outcome.report.emplace();
  report.tool = "nps";
  report.threads = job.input.reader.threads;
  report.columns = nps_columns(scan->info.by_names, weighted);
  report.key_columns = scan->info.by_names.size();
  output::make_keys_unique(report);
  bool any_low_base = generate_group_rows(
      report, scan, low_base, [settings, low_base](std::vector<Value>& row, const auto& group) {
        append_nps_values(row, group.finish(settings), low_base);
      });
  const auto overall = scan->overall.finish(settings);
  report.overall.assign(scan->info.by_names.size(), Value());
  append_nps_values(report.overall, overall, low_base);

  report.facts = {
      {"score", scan->info.score_name},
      {"weight", weighted ? Value(scan->info.weight_name) : Value()},
      {"definition",
       output::RawJson{R"({"promoters":[9,10],"passives":[7,8],"detractors":[0,6]})"}},
      {"interval", std::string(stats::interval_method_name(settings.interval))},
      {"confidence", settings.confidence},
      {"low_base_under", low_base},
      {"rows", scan->info.rows},
  };
  if (auto dimensions = dimensions_fact(scan->info)) report.facts.push_back(std::move(*dimensions));
  if (settings.interval == stats::IntervalMethod::bootstrap) {
    report.facts.push_back({"bootstrap_samples", settings.bootstrap_samples});
    report.facts.push_back({"seed", settings.seed});
  }
  report.facts.push_back(input_fact(scan->info.readings));

  report.notes.push_back(
      fmt::format("promoters 9-10, passives 7-8, detractors 0-6 (score: {})", scan->info.score_name));
  report.notes.push_back(
      fmt::format("{}; SE is the plain standard error", interval_description(job)));
  add_base_notes(report, scan->info, any_low_base || overall.n < low_base, low_base);
  outcome.warnings = invalid_warnings(scan->info, "0-10");

  if (auto failure = min_n_failure(overall.n, job.metric)) outcome.failed_checks.push_back(*failure);
  if (job.metric.fail_under) {
    if (!std::isfinite(overall.nps)) {
      outcome.failed_checks.push_back(fmt::format(
          "NPS is undefined (no valid answers), so --fail-under {:g} cannot pass",
          *job.metric.fail_under));
    } else if (overall.nps < *job.metric.fail_under) {
      outcome.failed_checks.push_back(fmt::format("NPS {} is below --fail-under {:g}",
                                                  shown_against(overall.nps, *job.metric.fail_under),
                                                  *job.metric.fail_under));
    }
  }
  return outcome;
}

}  // namespace koe
