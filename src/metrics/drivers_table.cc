#include "metrics/drivers_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "metrics/report_parts.h"
#include "output/json_writer.h"

namespace koe {

namespace {

using output::Column;
using output::Value;
using output::measure;

std::string method_name(const DriversLayout& layout) {
  if (layout.settings.method == DriverMethod::relative_weights) return "relative-weights";
  return layout.columns.size() - 1 <= kExactDriversLimit ? "shapley" : "shapley-sampled";
}

std::string method_words(const DriversLayout& layout) {
  if (layout.settings.method == DriverMethod::relative_weights)
    return "Johnson's relative weights";
  if (layout.columns.size() - 1 <= kExactDriversLimit)
    return "Shapley (LMG) shares of R² over all subsets";
  return fmt::format("Shapley (LMG) shares of R² estimated from {} random orders (seed {})",
                     layout.settings.orders, layout.settings.seed);
}

// The key cells of an analysis: its group's labels, or "(all)" for the whole.
std::vector<Value> key_cells(const KeyedAnalysis& keyed, std::size_t dimensions) {
  std::vector<Value> cells;
  for (std::size_t d = 0; d < dimensions; ++d)
    cells.push_back(keyed.key.empty() ? Value(std::string(output::kAllRows)) : Value(keyed.key[d]));
  return cells;
}

void add_driver_rows(output::SummaryReport& report, const KeyedAnalysis& keyed,
                     const std::vector<std::string>& names, std::size_t dimensions) {
  const auto& a = keyed.analysis;
  for (const auto& d : a.drivers) {
    auto row = key_cells(keyed, dimensions);
    row.insert(row.end(),
               {names[d.index + 1], d.n, measure(d.mean), measure(d.pct_top_box), measure(d.r),
                measure(d.beta), measure(d.coefficient), measure(d.vif), measure(d.importance),
                measure(d.se), measure(d.low), measure(d.high), measure(d.pct_of_r2),
                a.fit.estimable ? Value(static_cast<std::uint64_t>(d.rank)) : Value(),
                std::string(a.fit.estimable ? quadrant_name(d.quadrant) : "")});
    report.groups.push_back(std::move(row));
  }
}

output::Breakdown models_breakdown(const DriversLayout& layout, const KeyedAnalysis& whole,
                                   const std::vector<KeyedAnalysis>& segments) {
  const auto& info = *layout.info;
  const bool weighted = !layout.weight.empty();
  output::Breakdown b;
  b.title = "models: one per group, then all rows";
  b.json_key = "models";
  for (const auto& name : info.by_names) b.columns.push_back({name, name, 0});
  b.columns.insert(b.columns.end(), {{"rows", "rows", 0}, {"complete", "complete", 0}});
  if (weighted) b.columns.insert(b.columns.end(), {{"weight_total", "weight", 2}, {"n_eff", "n_eff", 1}});
  b.columns.insert(b.columns.end(), {{"r2", "R²", 3},
                                     {"r2_low", "low", 3},
                                     {"r2_high", "high", 3},
                                     {"adjusted_r2", "adj. R²", 3},
                                     {"intercept", "intercept", 2, false},
                                     {"max_vif", "max VIF", 1},
                                     {"problem", "", 0}});
  auto add = [&](const KeyedAnalysis& keyed) {
    const auto& a = keyed.analysis;
    auto row = key_cells(keyed, info.by_names.size());
    row.insert(row.end(), {a.rows, a.model_rows});
    if (weighted) row.insert(row.end(), {a.weight_total, a.n_eff});
    double max_vif = 0;
    for (const auto& d : a.drivers) max_vif = std::max(max_vif, d.vif);
    const bool ok = a.fit.estimable;
    row.insert(row.end(), {ok ? measure(a.fit.r2) : Value(), measure(a.r2_low), measure(a.r2_high),
                           ok ? measure(a.fit.adjusted_r2) : Value(),
                           ok ? measure(a.fit.intercept) : Value(), ok ? measure(max_vif) : Value(),
                           ok ? std::string() : "no model: " + a.fit.problem});
    b.rows.push_back(std::move(row));
  };
  for (const auto& segment : segments) add(segment);
  b.key_columns = info.by_names.size();
  b.overall_rows = b.rows.size();
  add(whole);
  b.overall_rows = b.rows.size() - b.overall_rows;
  return b;
}

output::Breakdown matrix_breakdown(const DriversLayout& layout, const KeyedAnalysis& whole,
                                   const std::vector<KeyedAnalysis>& segments) {
  const auto& info = *layout.info;
  output::Breakdown b;
  b.title = fmt::format(
      "importance-performance matrix: importance high from R²/{} = {:.3f}, performance high from "
      "the drivers' average mean {:.2f}{}",
      layout.columns.size() - 1, whole.analysis.importance_cut, whole.analysis.performance_cut,
      segments.empty() ? "" : " (all rows; each group splits at its own)");
  b.json_key = "matrix";
  for (const auto& name : info.by_names) b.columns.push_back({name, name, 0});
  b.columns.insert(b.columns.end(), {{"quadrant", "quadrant", 0},
                                     {"importance", "importance", 0},
                                     {"performance", "performance", 0},
                                     {"importance_cut", "", 3, false},
                                     {"performance_cut", "", 2, false},
                                     {"drivers", "drivers, most important first", 0}});
  static constexpr std::array<Quadrant, 4> kOrder{Quadrant::fix_first, Quadrant::keep_up,
                                                  Quadrant::over_invested, Quadrant::low_priority};
  auto add = [&](const KeyedAnalysis& keyed) {
    const auto& a = keyed.analysis;
    if (!a.fit.estimable) return;
    for (auto quadrant : kOrder) {
      auto row = key_cells(keyed, info.by_names.size());
      const bool important = quadrant == Quadrant::fix_first || quadrant == Quadrant::keep_up;
      const bool performs = quadrant == Quadrant::keep_up || quadrant == Quadrant::over_invested;
      std::string names;
      for (const auto& d : a.drivers)
        if (d.quadrant == quadrant)
          names += (names.empty() ? "" : ", ") + layout.columns[d.index + 1];
      row.insert(row.end(), {std::string(quadrant_name(quadrant)),
                             std::string(important ? "high" : "low"),
                             std::string(performs ? "high" : "low"), a.importance_cut,
                             a.performance_cut, names});
      b.rows.push_back(std::move(row));
    }
  };
  for (const auto& segment : segments) add(segment);
  b.key_columns = info.by_names.size();
  b.overall_rows = b.rows.size();
  add(whole);
  b.overall_rows = b.rows.size() - b.overall_rows;
  return b;
}

output::Breakdown keep_breakdown(const DriversLayout& layout, const KeyedAnalysis& whole,
                                 const std::vector<KeyedAnalysis>& segments) {
  const auto& info = *layout.info;
  output::Breakdown b;
  b.title = fmt::format("the {} to keep: the subset with the highest R²",
                        count_of(layout.settings.keep, "driver"));
  b.json_key = "keep";
  for (const auto& name : info.by_names) b.columns.push_back({name, name, 0});
  b.columns.insert(b.columns.end(), {{"keep", "keep", 0},
                                     {"drivers", "drivers", 0},
                                     {"r2", "R²", 3},
                                     {"pct_of_r2", "% of full R²", 1},
                                     {"search", "search", 0}});
  auto add = [&](const KeyedAnalysis& keyed) {
    const auto& a = keyed.analysis;
    if (!a.keep) return;
    auto row = key_cells(keyed, info.by_names.size());
    std::string names;
    for (auto j : a.keep->drivers) names += (names.empty() ? "" : ", ") + layout.columns[j + 1];
    row.insert(row.end(), {static_cast<std::uint64_t>(layout.settings.keep), names,
                           measure(a.keep->r2), measure(100 * a.keep->r2 / a.fit.r2),
                           std::string(a.keep->exact ? "exact" : "greedy")});
    b.rows.push_back(std::move(row));
  };
  for (const auto& segment : segments) add(segment);
  b.key_columns = info.by_names.size();
  b.overall_rows = b.rows.size();
  add(whole);
  b.overall_rows = b.rows.size() - b.overall_rows;
  return b;
}

output::Breakdown answers_breakdown(const DriversLayout& layout, const Analysis& whole) {
  output::Breakdown b;
  b.title = fmt::format(
      "answers: {} of {} rows complete, in the model; the others miss an answer (listwise "
      "deletion; a row may miss several){}",
      whole.model_rows, whole.rows,
      whole.invalid_weights ? fmt::format(" or have no valid weight ({})", whole.invalid_weights)
                            : "");
  b.json_key = "columns";
  b.columns = {{"column", "column", 0}, {"role", "role", 0},   {"valid", "valid", 0},
               {"missing", "missing", 0}, {"invalid", "invalid", 0}, {"mean", "mean", 2},
               {"pct_top_box", "%top", 1}};
  const auto& tallies = layout.overall->columns();
  for (std::size_t c = 0; c < tallies.size(); ++c) {
    const auto& t = tallies[c];
    const double weight = t.weight.value();
    b.rows.push_back({layout.columns[c], std::string(c == 0 ? "outcome" : "driver"), t.valid,
                      t.missing, t.invalid, weight > 0 ? measure(t.sum.value() / weight) : Value(),
                      c == 0 || weight <= 0 ? Value() : measure(100 * t.top_box.value() / weight)});
  }
  return b;
}

}  // namespace

output::SummaryReport drivers_report(const DriversLayout& layout, const KeyedAnalysis& whole,
                                     const std::vector<KeyedAnalysis>& segments) {
  const auto& info = *layout.info;
  const auto& a = whole.analysis;
  const std::size_t dimensions = info.by_names.size();
  const bool weighted = !layout.weight.empty();
  output::SummaryReport report;
  report.tool = "drivers";

  output::JsonWriter names;
  names.begin_array();
  for (std::size_t c = 1; c < layout.columns.size(); ++c) names.string(layout.columns[c]);
  names.end_array();
  output::JsonWriter interval;
  interval.begin_object()
      .key("method").string("delete-a-group jackknife")
      .key("groups").number(static_cast<std::uint64_t>(layout.groups))
      .key("replicates").number(static_cast<std::uint64_t>(a.replicates))
      .key("distribution").string("t")
      .end_object();
  report.facts = {{"outcome", layout.columns[0]},
                  {"drivers", output::RawJson{names.take()}},
                  {"scale", layout.scale},
                  {"top_box", layout.top_box},
                  {"labels", layout.labels_source.empty() ? Value() : Value(layout.labels_source)},
                  {"weight", weighted ? Value(layout.weight) : Value()},
                  {"method", method_name(layout)}};
  if (method_name(layout) == "shapley-sampled")
    report.facts.insert(report.facts.end(), {{"orders", layout.settings.orders},
                                             {"seed", layout.settings.seed}});
  report.facts.insert(report.facts.end(),
                      {{"interval", output::RawJson{interval.take()}},
                       {"confidence", layout.settings.confidence},
                       {"vif_limit", layout.settings.vif_limit},
                       {"rows", a.rows},
                       {"complete_rows", a.model_rows},
                       {"r2", measure(a.fit.r2)},
                       {"r2_low", measure(a.r2_low)},
                       {"r2_high", measure(a.r2_high)},
                       {"adjusted_r2", measure(a.fit.adjusted_r2)},
                       {"intercept", measure(a.fit.intercept)}});
  if (weighted)
    report.facts.insert(report.facts.end(), {{"weight_total", a.weight_total}, {"n_eff", a.n_eff}});
  if (auto fact = dimensions_fact(info)) report.facts.push_back(std::move(*fact));
  report.facts.push_back(input_fact(info.readings));

  for (const auto& name : info.by_names) report.columns.push_back({name, name, 0});
  report.columns.insert(report.columns.end(), {{"driver", "driver", 0},
                                               {"n", "n", 0},
                                               {"mean", "mean", 2},
                                               {"pct_top_box", "%top", 1},
                                               {"r", "r", 2},
                                               {"beta", "beta", 2},
                                               {"coefficient", "coef", 3, false},
                                               {"vif", "VIF", 1},
                                               {"importance", "importance", 3},
                                               {"importance_se", "SE", 3, false},
                                               {"importance_low", "low", 3},
                                               {"importance_high", "high", 3},
                                               {"pct_of_r2", "%R²", 1},
                                               {"rank", "rank", 0},
                                               {"quadrant", "quadrant", 0}});
  report.key_columns = dimensions + 1;
  output::make_keys_unique(report);
  if (segments.empty()) add_driver_rows(report, whole, layout.columns, 0);
  for (const auto& segment : segments) add_driver_rows(report, segment, layout.columns, dimensions);
  // The overall row is the whole model: its importance is R².
  report.overall = std::vector<Value>(dimensions + 1);
  report.overall.insert(report.overall.end(),
                        {a.model_rows, measure(a.outcome_mean), Value(), Value(), Value(), Value(),
                         Value(), measure(a.fit.r2), measure(a.r2_se), measure(a.r2_low),
                         measure(a.r2_high), 100.0, Value(), std::string()});

  const double level = 100 * layout.settings.confidence;
  report.notes.push_back(fmt::format(
      "importance: {} of {} on {} (they sum to R²); (all): the model of all rows, R² {:.3f}, "
      "adjusted {:.3f}, {} complete rows of {}",
      method_words(layout), layout.columns[0], count_of(layout.columns.size() - 1, "driver"),
      a.fit.r2, a.fit.adjusted_r2, a.model_rows, a.rows));
  const std::string intervals =
      a.replicates > 0
          ? fmt::format("{:g}% intervals: delete-a-group jackknife, complete rows dealt in turn to "
                        "{} groups, t on {} df",
                        level, a.replicates, a.replicates - 1)
          : std::string("no intervals: too few complete rows for the jackknife");
  report.notes.push_back(fmt::format("{}; beta: standardized coefficient; r: correlation with {}",
                                     intervals, layout.columns[0]));
  report.notes.push_back(fmt::format(
      "performance: mean and %top ({} on {}{}) of each driver's own answers; rows in priority "
      "order: fix first, keep up, over-invested, low priority",
      layout.top_box, layout.scale,
      layout.labels_source.empty() ? "" : "; labels " + layout.labels_source));
  if (weighted)
    report.notes.push_back(fmt::format(
        "weighted by {}: weighted least squares and weighted means; Kish n_eff {:.1f}",
        layout.weight, a.n_eff));

  if (!segments.empty()) report.breakdowns.push_back(models_breakdown(layout, whole, segments));
  report.breakdowns.push_back(matrix_breakdown(layout, whole, segments));
  if (layout.settings.keep > 0) report.breakdowns.push_back(keep_breakdown(layout, whole, segments));
  report.breakdowns.push_back(answers_breakdown(layout, a));
  return report;
}

}  // namespace koe
