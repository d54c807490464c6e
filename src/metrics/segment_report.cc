#include "metrics/segment_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "error.h"
#include "labels.h"
#include "metrics/metric_partial.h"
#include "metrics/metric_scan.h"
#include "metrics/report_parts.h"
#include "stats/mean.h"
#include "stats/nps.h"
#include "stats/scale.h"

namespace koe {

namespace {

using output::Value;

// Which dimension periods are compared along: the last period dimension.
std::optional<std::size_t> period_dimension(const std::vector<Dimension>& dimensions) {
  std::optional<std::size_t> found;
  for (std::size_t d = 0; d < dimensions.size(); ++d)
    if (dimensions[d].kind() == Dimension::Kind::period) found = d;
  return found;
}

// The groups of a scan with their estimates and references, as the
// comparison needs them. `Estimator` finishes one accumulator.
template <class Accumulator, class Estimator>
SegmentTable segment_table(const MetricScan<Accumulator>& scan, const Accumulator& prototype,
                           const Estimator& estimate, Reference reference,
                           const MetricScan<Accumulator>* baseline) {
  const auto& dimensions = scan.info.dimensions;
  SegmentTable table;
  table.dimensions = scan.info.by_names;
  table.overall = estimate(scan.overall);
  auto groups = scan.groups.sorted();
  for (const auto* group : groups)
    table.rows.push_back({key_labels(dimensions, group->key), estimate(group->accumulator), {}, {}});

  if (reference == Reference::rest) {
    // The rest of a group is every other group and the rows in none:
    // merged from prefixes and suffixes, in a fixed order.
    std::vector<Accumulator> before(groups.size() + 1, scan.unplaced);
    for (std::size_t i = 0; i < groups.size(); ++i) {
      before[i + 1] = before[i];
      before[i + 1].merge(groups[i]->accumulator);
    }
    std::vector<Accumulator> after(groups.size() + 1, prototype);
    for (std::size_t i = groups.size(); i-- > 0;) {
      after[i] = after[i + 1];
      after[i].merge(groups[i]->accumulator);
    }
    for (std::size_t i = 0; i < groups.size(); ++i) {
      Accumulator rest = before[i];
      rest.merge(after[i + 1]);
      table.rows[i].reference = estimate(rest);
    }
  } else if (reference == Reference::previous) {
    auto along = *period_dimension(dimensions);
    std::map<std::vector<std::string>, std::size_t> last_of;  // other keys -> latest group
    for (std::size_t i = 0; i < groups.size(); ++i) {
      auto others = groups[i]->key;
      others[along].clear();
      auto found = last_of.find(others);
      if (found != last_of.end()) {
        table.rows[i].reference = table.rows[found->second].estimate;
        table.rows[i].reference_label = dimensions[along].label(groups[found->second]->key[along]);
      }
      last_of[others] = i;
    }
  } else if (baseline != nullptr) {
    table.overall_reference = estimate(baseline->overall);
    std::map<std::vector<std::string>, const Accumulator*> base;
    for (const auto* group : baseline->groups.sorted()) base[group->key] = &group->accumulator;
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (auto found = base.find(groups[i]->key); found != base.end())
        table.rows[i].reference = estimate(*found->second);
  }
  return table;
}

// The margins of a two-dimension table: each value of one dimension over
// all values of the other, in the order the values sort.
template <class Accumulator, class Estimator>
void add_margins(SegmentTable& table, const MetricScan<Accumulator>& scan,
                 const Accumulator& prototype, const Estimator& estimate) {
  const auto& dimensions = scan.info.dimensions;
  for (std::size_t d = 0; d < 2; ++d) {
    std::vector<std::vector<std::string>> keys;
    std::map<std::string, Accumulator> merged;
    for (const auto* group : scan.groups.sorted()) {
      const auto& key = group->key[d];
      auto [it, fresh] = merged.try_emplace(key, prototype);
      if (fresh) keys.push_back({key});
      it->second.merge(group->accumulator);
    }
    std::stable_sort(keys.begin(), keys.end(), group_key_less);
    auto& margins = d == 0 ? table.row_margins : table.column_margins;
    for (const auto& key : keys)
      margins.emplace_back(dimensions[d].label(key[0]), estimate(merged.at(key[0])));
  }
}

Estimate from_nps(const stats::NpsResult& r) {
  return {r.n, r.missing, r.invalid, r.weighted, r.weight_total, r.n_eff,
          r.nps, r.se, r.ci_low, r.ci_high};
}

Estimate from_scale(const stats::ScaleResult& r) {
  double n = r.weighted ? r.weight_total : static_cast<double>(r.n);
  return {r.n,
          r.missing,
          r.invalid,
          r.weighted,
          n,
          r.n_eff,
          r.pct_top_box,
          100 * stats::share_se(r.pct_top_box / 100, r.n_eff),
          r.top_box_ci_low,
          r.top_box_ci_high};
}

Estimate from_mean(const stats::MeanResult& r) {
  double n = r.weighted ? r.weight_total : static_cast<double>(r.n);
  return {r.n, r.missing, r.invalid, r.weighted, n, r.n_eff, r.mean, r.se, r.ci_low, r.ci_high};
}

// The metric's name first, then its options, in a partial's header.
std::vector<std::pair<std::string, std::string>> with_metric(
    SegmentMetric kind, std::vector<std::pair<std::string, std::string>> options) {
  options.insert(options.begin(), {"--metric", kind == SegmentMetric::ces ? "ces" : "csat"});
  return options;
}

// Reads the input (and the baseline, if any) and compares. `Prototype` is
// an empty accumulator; `estimate` finishes one.
template <class Accumulator, class Parser, class Estimator>
Outcome compare_segments(const SegmentJob& job, const Accumulator& prototype, const Parser& parser,
                         const std::string& score, const std::string& expected,
                         const Estimator& estimate, MetricWords words,
                         std::vector<std::pair<std::string, std::string>> statistics_options) {
  MetricColumnSpecs specs{score, "--score", job.metric.weight, job.metric.by, &job.input};
  if (job.metric.by.empty())
    throw_usage("segment needs --by: the dimensions to break the metric down by (a column, "
                "bins(COL, EDGES...), quantiles(COL, N) or a period such as month(COL))");
  const auto stage = job.metric.stage;
  if (stage == RunStage::partial && !job.baseline.empty())
    throw_usage("--partial writes the state of the input, not of a --compare baseline: write the "
                "baseline's partials with another --partial run over its files (the same "
                "options, no --compare), then give them to --merge --compare");
  const auto header = metric_partial_header("segment", score, job.metric, std::move(statistics_options));
  if (stage == RunStage::partial)
    return partial_outcome(job.input, header, specs, parser, job.metric.strict, prototype, expected);
  auto scan = stage_scan(job.input, job.metric, header, specs, parser, prototype, expected);

  Reference reference = Reference::rest;
  std::optional<MetricScan<Accumulator>> baseline;
  std::vector<std::string> baseline_files = job.baseline;
  if (!job.baseline.empty() && stage == RunStage::merge) {
    // The baseline's partials: named, in the result, by the files they
    // read, in sorted order (see docs/scale-out.md).
    reference = Reference::baseline;
    baseline_files.clear();
    baseline.emplace(merge_metric(job.baseline, header, specs, prototype, &baseline_files));
    std::sort(baseline_files.begin(), baseline_files.end());
  } else if (!job.baseline.empty()) {
    reference = Reference::baseline;
    Inputs inputs{job.baseline, job.input.reader};
    auto base_reader = open_input(inputs.files, inputs.reader);
    MetricColumnSpecs base_specs = specs;
    base_specs.inputs = &inputs;
    base_specs.edges_from = &scan.info.dimensions;
    baseline.emplace(scan_metric(*base_reader, base_specs, parser, job.metric.strict, prototype,
                                 expected));
  } else if (period_dimension(scan.info.dimensions)) {
    reference = Reference::previous;
  }
  auto table = segment_table(scan, prototype, estimate, reference, baseline ? &*baseline : nullptr);
  if (job.crosstab) {
    if (scan.info.dimensions.size() != 2)
      throw_usage(fmt::format("--crosstab needs two dimensions in --by (rows, then columns); "
                              "found {}",
                              scan.info.dimensions.size()));
    add_margins(table, scan, prototype, estimate);
  }

  words.facts.insert(words.facts.begin(),
                     {{"score", scan.info.score_name},
                      {"weight", job.metric.weight.empty() ? Value() : Value(scan.info.weight_name)}});
  words.facts.insert(words.facts.end(), {{"confidence", job.metric.confidence},
                                         {"rows", scan.info.rows}});
  if (auto dimensions = dimensions_fact(scan.info)) words.facts.push_back(std::move(*dimensions));
  if (!job.metric.weight.empty())
    words.notes.push_back(fmt::format("weighted by {}: shares and means are weighted; every SE "
                                      "uses the Kish effective n (n_eff) of its own side",
                                      scan.info.weight_name));

  SegmentSettings settings;
  settings.reference = reference;
  settings.adjustment = job.adjustment;
  settings.alpha = job.alpha;
  settings.sort = job.sort;
  settings.checks = job.metric;
  settings.fail_if_significant_drop = job.fail_if_significant_drop;
  for (const auto& file : baseline_files)
    settings.baseline_name += (settings.baseline_name.empty() ? "" : ", ") + file;
  auto outcome = segment_outcome(table, words, settings);
  // The baseline's files are input too, read as the main input was (or,
  // merged, as its partials say).
  auto readings = scan.info.readings;
  if (baseline) add_readings(readings, baseline->info.readings);
  outcome.report->facts.push_back(input_fact(readings));
  if (job.crosstab && job.crosstab_matrix) lay_out_crosstab(outcome, table, words);
  auto warnings = invalid_warnings(scan.info, expected);
  outcome.warnings.insert(outcome.warnings.begin(), warnings.begin(), warnings.end());
  return outcome;
}

Outcome segment_nps(const SegmentJob& job) {
  const bool weighted = !job.metric.weight.empty();
  stats::NpsSettings settings;
  settings.confidence = job.metric.confidence;
  ScaleParser parser(0, 10, job.metric.na_codes);
  MetricWords words{"nps", "NPS", "NPS", 2, 1, {}, {}};
  words.facts = {{"definition",
                  output::RawJson{R"({"promoters":[9,10],"passives":[7,8],"detractors":[0,6]})"}},
                 {"interval", std::string("adjusted-wald")}};
  std::string score = job.score.empty() ? "score" : job.score;
  words.notes = {fmt::format("promoters 9-10, passives 7-8, detractors 0-6 (score: {})", score),
                 fmt::format("{:g}% adjusted-Wald interval (Rocks 2016); SE is the plain standard "
                             "error",
                             100 * job.metric.confidence)};
  return compare_segments(
      job, stats::NpsAccumulator(weighted), parser, score, "an integer 0-10 or a blank",
      [&](const stats::NpsAccumulator& a) { return from_nps(a.finish(settings)); }, words,
      {{"--metric", "nps"}});
}

Outcome segment_scale(const SegmentJob& job) {
  ScaleJob scale_job = job.scale;
  const auto scale = resolve_scale(scale_job);
  LabelMap labels = scale_labels(scale_job, scale);
  ScaleParser parser(scale.low, scale.high, job.metric.na_codes, &labels);
  const auto& profile = *scale_job.profile;
  auto words_of = scale_job.lower_is_better ? profile.lower_is_better_words : profile.words;
  const std::string top = stats::describe_box(scale.top_box);
  const std::string range = fmt::format("{}-{}", scale.low, scale.high);
  MetricWords words{"pct_top_box", fmt::format("%{}", words_of.top),
                    job.kind == SegmentMetric::ces ? "CES" : "CSAT", 1, 1, {}, {}};
  words.facts = {{"scale", range},
                 {"top_box", top},
                 {"bottom_box", stats::describe_box(scale.bottom_box)},
                 {"lower_is_better", scale_job.lower_is_better},
                 {"interval", std::string("wilson")}};
  std::string score = job.score.empty() ? std::string(profile.score) : job.score;
  words.notes = {fmt::format("{}: %{} is the share of answers in {} on {} (score: {})", words.name,
                             words_of.top, top, range, score),
                 fmt::format("{:g}% Wilson interval; SE of a share sqrt(p(1-p)/n_eff)",
                             100 * job.metric.confidence)};
  const bool weighted = !job.metric.weight.empty();
  stats::ScaleSettings settings{job.metric.confidence};
  return compare_segments(
      job, stats::ScaleAccumulator(scale, weighted), parser, score,
      fmt::format("an answer {}{}", range, labels.empty() ? "" : " or a known label"),
      [&](const stats::ScaleAccumulator& a) { return from_scale(a.finish(scale, settings)); },
      words, with_metric(job.kind, scale_partial_options(scale_job, scale, labels)));
}

Outcome segment_mean(const SegmentJob& job) {
  if (job.score.empty())
    throw_usage("--metric mean needs --score: the numeric column to average");
  NumberParser parser(job.metric.na_codes);
  MetricWords words{"mean", "mean", fmt::format("mean {}", job.score), 2, 2, {}, {}};
  words.facts = {{"interval", std::string("t")}};
  words.notes = {fmt::format("mean of {}; {:g}% t interval on n_eff - 1 degrees of freedom",
                             job.score, 100 * job.metric.confidence)};
  const bool weighted = !job.metric.weight.empty();
  const double confidence = job.metric.confidence;
  return compare_segments(
      job, stats::MeanAccumulator(weighted), parser, job.score, "a number",
      [&](const stats::MeanAccumulator& a) { return from_mean(a.finish(confidence)); }, words,
      {{"--metric", "mean"}});
}

}  // namespace

Outcome run_segment(const SegmentJob& job) {
  switch (job.kind) {
    case SegmentMetric::nps: return segment_nps(job);
    case SegmentMetric::csat:
    case SegmentMetric::ces: return segment_scale(job);
    case SegmentMetric::mean: return segment_mean(job);
  }
  return {};
}

}  // namespace koe
