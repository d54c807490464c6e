#include "report/run_tools.h"

#include <fmt/format.h>

#include "error.h"
#include "metrics/nps_report.h"
#include "metrics/scale_report.h"
#include "metrics/segment_report.h"
#include "report/read_json.h"
#include "tagging/rca_job.h"

namespace koe::report {

namespace {

// The outcome's JSON, read in as `part`; its warnings kept with the tool's name.
void take(Report& report, const Outcome& outcome, std::string_view tool, const std::string& source,
          Part part, std::vector<std::string>& warnings) {
  std::string json = output::render(*outcome.report, output::OutputFormat::json);
  add_json(report, json, fmt::format("{} on {}", tool, source), part);
  report.sources.back() = fmt::format("{} run by koe-report on {}", tool, source);
  for (const auto& w : outcome.warnings) warnings.push_back(fmt::format("{}: {}", tool, w));
}

SegmentJob segment_job(const FromExport& job, SegmentMetric metric, const std::string& score,
                       const std::string& by) {
  SegmentJob s;
  s.input = job.input;
  s.kind = metric;
  s.score = score;
  s.metric.by = {by};
  s.scale = ScaleJob(metric == SegmentMetric::ces ? kCesProfile : kCsatProfile);
  if (!score.empty()) s.scale.score = score;
  return s;
}

}  // namespace

std::vector<std::string> add_from_export(Report& report, const FromExport& job) {
  for (const auto& file : job.input.files)
    if (file == "-") throw_usage("--from reads each file once per tool, so it cannot be standard input");
  std::string source;
  for (const auto& file : job.input.files) source += (source.empty() ? "" : ",") + file;
  std::vector<std::string> warnings;

  NpsJob nps;
  nps.input = job.input;
  nps.score = job.score;
  take(report, run_nps(nps), "nps", source, Part::nps, warnings);
  for (const auto* scale : {&kCsatProfile, &kCesProfile}) {
    const std::string& column = scale == &kCsatProfile ? job.csat_score : job.ces_score;
    if (column.empty()) continue;
    ScaleJob s(*scale);
    s.input = job.input;
    s.score = column;
    take(report, run_scale(s), scale == &kCsatProfile ? "csat" : "ces", source,
         scale == &kCsatProfile ? Part::csat : Part::ces, warnings);
  }
  if (!job.date.empty()) {
    std::string by = fmt::format("{}({})", job.period, job.date);
    take(report, run_segment(segment_job(job, SegmentMetric::nps, job.score, by)), "segment", source,
         Part::trend, warnings);
    if (!job.csat_score.empty())
      take(report, run_segment(segment_job(job, SegmentMetric::csat, job.csat_score, by)), "segment",
           source, Part::trend, warnings);
  }
  if (!job.segments.empty()) {
    SegmentJob s = segment_job(job, SegmentMetric::nps, job.score, job.segments);
    s.sort = SegmentSort::impact;
    take(report, run_segment(s), "segment", source, Part::segment, warnings);
  }
  if (!job.taxonomies.empty()) {
    tagging::RcaJob rca;
    rca.input = job.input;
    rca.taxonomies = job.taxonomies;
    rca.text = job.text;
    rca.summary = true;
    rca.nps_score = job.score;
    take(report, tagging::run_rca(rca, [](std::string_view) {}), "rca-tag", source, Part::rca,
         warnings);
  }
  return warnings;
}

}  // namespace koe::report
