#include "tagging/tag_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "metrics/grouping.h"
#include "stats/compare.h"
#include "stats/nps.h"

namespace koe::tagging {

namespace {

using output::Column;
using output::Value;
using output::measure;

// The score of a set of answers and its standard error: NPS (trinomial SE)
// or the top-box percentage (binomial SE), both in points of 0-100.
struct Score {
  double value = std::nan(""), se = std::nan("");
  std::uint64_t n = 0, favourable = 0, unfavourable = 0;
};

// `points`: answers per scale point, from the scale's low end (0 for NPS).
Score score_of(const std::vector<std::uint64_t>& points, const TagSummaryOptions& options) {
  const bool nps = options.score == ScoreKind::nps;
  const auto& scale = options.scale;
  auto in = [](const std::vector<int>& box, int value) {
    return std::find(box.begin(), box.end(), value) != box.end();
  };
  Score s;
  for (std::size_t i = 0; i < points.size(); ++i) {
    int value = static_cast<int>(i) + (nps ? 0 : scale.low);
    s.n += points[i];
    if (nps ? value >= 9 : in(scale.top_box, value)) s.favourable += points[i];
    if (nps ? value <= 6 : in(scale.bottom_box, value)) s.unfavourable += points[i];
  }
  if (s.n == 0) return s;
  double n = static_cast<double>(s.n);
  double p = static_cast<double>(s.favourable) / n;
  double d = static_cast<double>(s.unfavourable) / n;
  if (nps) {
    s.value = 100 * (p - d);
    s.se = stats::nps_standard_error(p, d, n);
  } else {
    s.value = 100 * p;
    s.se = 100 * stats::share_se(p, n);
  }
  return s;
}

// Answers per scale point of the rows in `all` but not in `part`.
std::vector<std::uint64_t> minus(const std::vector<std::uint64_t>& all,
                                 const std::vector<std::uint64_t>& part) {
  std::vector<std::uint64_t> out(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) out[i] = all[i] - part[i];
  return out;
}

// NaN when `whole` is 0: a share of nothing is undefined, not 0%.
double percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : std::nan("");
}

std::string_view metric_label(bool nps) { return nps ? "NPS" : "%top"; }

bool significant(double p, double confidence) { return std::isfinite(p) && p < 1 - confidence; }

std::size_t column_index(const std::vector<Column>& columns, std::string_view key) {
  auto found = std::find_if(columns.begin(), columns.end(),
                            [&](const Column& column) { return column.key == key; });
  return static_cast<std::size_t>(found - columns.begin());
}

}  // namespace

struct TagSummary::Line {
  std::vector<Value> row;
  double impact = std::nan(""), p = std::nan("");
  std::uint64_t count = 0;
  std::string tag;
  bool low = false;
};

TagSummary::TagSummary(const Taxonomy& taxonomy, const TagSummaryOptions& options)
    : taxonomy_(taxonomy), options_(options), rule_hits_(taxonomy.rules.size(), 0) {
  // Summary tags: every tag and every parent of one, in taxonomy order with
  // parents just before their first child.
  auto index_of = [&](const std::string& tag) -> std::size_t {
    auto found = std::find(summary_tags_.begin(), summary_tags_.end(), tag);
    if (found != summary_tags_.end()) return static_cast<std::size_t>(found - summary_tags_.begin());
    summary_tags_.push_back(tag);
    owners_.emplace_back();
    return summary_tags_.size() - 1;
  };
  for (const auto& rule : taxonomy_.rules) {
    std::vector<std::size_t> tags;
    for (const auto& parent : parent_tags(rule.tag)) tags.push_back(index_of(parent));
    tags.push_back(index_of(rule.tag));
    rule_to_tags_.push_back(tags);
  }
  for (std::size_t r = 0; r < taxonomy_.rules.size(); ++r) {
    const auto& owner = taxonomy_.rules[r].owner;
    if (owner.empty()) continue;
    for (auto tag : rule_to_tags_[r]) {
      auto& owners = owners_[tag];
      bool known = false;
      for (std::string_view existing = owners; !existing.empty();) {
        auto cut = existing.find(';');
        known = known || existing.substr(0, cut) == owner;
        existing.remove_prefix(cut == std::string_view::npos ? existing.size() : cut + 1);
      }
      if (!known) owners += (owners.empty() ? "" : ";") + owner;
    }
  }
  points_ = options_.score == ScoreKind::nps   ? 11
            : options_.score == ScoreKind::csat ? options_.scale.points()
                                                : 0;
  marked_.assign(summary_tags_.size(), 0);
  segments_ = GroupTable<Segment>(empty_segment());
  unplaced_ = empty_segment();
}

TagSummary::Tally TagSummary::empty_tally() const {
  return {0, std::vector<std::uint64_t>(static_cast<std::size_t>(points_), 0)};
}

TagSummary::Segment TagSummary::empty_segment() const {
  Segment segment;
  segment.all = segment.any_tag = empty_tally();
  segment.tags.assign(summary_tags_.size(), empty_tally());
  return segment;
}

void TagSummary::add(const std::vector<std::string_view>& key, bool placed, const TagResult& tags,
                     std::string_view normalized, const Answer& score) {
  bool created = false;
  Segment& segment = placed ? segments_.find(key, created) : unplaced_;
  ++segment.rows;
  if (tags.invalid_utf8) ++segment.invalid_utf8;
  if (tags.empty) return;
  ++segment.commented;
  int point = -1;
  if (points_ > 0) {
    if (score.kind == AnswerKind::valid) {
      point = options_.score == ScoreKind::nps ? score.value : score.value - options_.scale.low;
    } else if (score.kind == AnswerKind::missing) {
      ++segment.missing_scores;
    } else {
      ++segment.invalid_scores;
    }
  }
  auto count = [&](Tally& tally) {
    ++tally.comments;
    if (point >= 0) ++tally.points[static_cast<std::size_t>(point)];
  };
  count(segment.all);
  if (tags.rules.empty()) {
    if (options_.term_comments == 0 || untagged_seen_ < options_.term_comments) {
      untagged_terms_.add(normalized);
      ++untagged_counted_;
    }
    ++untagged_seen_;
    return;
  }
  ++segment.tagged;
  count(segment.any_tag);
  // Each summary tag counts once per row, however many of its rules fired;
  // only the row's own tags are visited, not the whole taxonomy.
  marked_tags_.clear();
  for (auto rule : tags.rules) {
    ++rule_hits_[rule];
    for (auto tag : rule_to_tags_[rule]) {
      if (marked_[tag]) continue;
      marked_[tag] = 1;
      marked_tags_.push_back(tag);
    }
  }
  for (auto tag : marked_tags_) {
    marked_[tag] = 0;
    count(segment.tags[tag]);
  }
}

output::SummaryReport TagSummary::report(const Names& names) const {
  output::SummaryReport report;
  report.tool = "rca-tag";
  add_columns(report, names);
  const std::size_t p_adjusted = column_index(report.columns, "p_adjusted");

  auto segments = segments_.sorted();
  // No rows at all: every tag still gets its (empty) row.
  const GroupTable<Segment>::Group nothing_read{{}, empty_segment()};
  if (segments.empty() && names.by.empty()) segments.push_back(&nothing_read);
  auto lines = tag_lines(segments);
  if (scored()) adjust(lines, p_adjusted);
  for (auto& line : lines) report.groups.push_back(std::move(line.row));

  const Segment whole = combined(segments);
  report.overall = overall_row(whole, names.by.size(), p_adjusted);
  add_facts(report, whole, names);
  add_notes(report, whole, names);
  report.breakdowns.push_back(untagged_terms());
  add_rule_breakdowns(report);
  return report;
}

void TagSummary::add_columns(output::SummaryReport& report, const Names& names) const {
  for (const auto& name : names.by) report.columns.push_back({name, name, 0});
  report.columns.push_back({"tag", "tag", 0});
  report.key_columns = report.columns.size();
  report.columns.insert(report.columns.end(), {{"level", "level", 0, false},
                                               {"owner", "owner", 0},
                                               {"count", "n", 0},
                                               {"pct_comments", "%comments", 1}});
  if (scored()) {
    const std::string favourable = nps() ? "promoters" : "satisfied";
    const std::string unfavourable = nps() ? "detractors" : "dissatisfied";
    const std::string metric(metric_label(nps()));
    report.columns.insert(report.columns.end(),
                          {{"scored", "scored", 0},
                           {"pct_" + unfavourable, "%" + unfavourable.substr(0, 4), 1},
                           {"pct_" + favourable, "%" + favourable.substr(0, 4), 1},
                           {"metric_with", metric + " with", 1},
                           {"metric_without", metric + " without", 1},
                           {"difference", "diff", 1},
                           {"se", "SE", 2, false},
                           {"z", "z", 2, false},
                           {"p", "p", 4, false},
                           {"p_adjusted", "p adj", 4},
                           {"significant", "sig", 0},
                           {"impact", "impact", 2}});
  }
  report.columns.push_back({"low_base", "low base", 0, false});
  report.columns.push_back({"note", "", 0, true, false, false});
  output::make_keys_unique(report);
}

// Segments in group order; within one, tags by impact (or count).
std::vector<TagSummary::Line> TagSummary::tag_lines(const Groups& segments) const {
  std::vector<Line> lines;
  for (const auto* group : segments) {
    const Segment& segment = group->accumulator;
    std::vector<Value> key;
    for (std::size_t k = 0; k < group->key.size(); ++k)
      key.push_back(dimensions_.empty() ? group->key[k] : dimensions_[k].label(group->key[k]));
    const auto first = static_cast<std::ptrdiff_t>(lines.size());
    for (std::size_t tag = 0; tag < summary_tags_.size(); ++tag) {
      const auto& name = summary_tags_[tag];
      int level = static_cast<int>(std::count(name.begin(), name.end(), '/')) + 1;
      lines.push_back(line(segment, key, name, level, owners_[tag], segment.tags[tag]));
      lines.back().tag = name;
    }
    // Rows without an impact (no score, or no scored comments on one side)
    // come after those with one.
    std::stable_sort(lines.begin() + first, lines.end(), [](const Line& a, const Line& b) {
      if (std::isfinite(a.impact) != std::isfinite(b.impact)) return std::isfinite(a.impact);
      if (std::isfinite(a.impact) && a.impact != b.impact) return a.impact > b.impact;
      if (a.count != b.count) return a.count > b.count;
      return a.tag < b.tag;
    });
  }
  return lines;
}

// The row of the comments in `with` (one tag's, or any tag's) within `segment`.
TagSummary::Line TagSummary::line(const Segment& segment, const std::vector<Value>& key, Value tag,
                                  int level, const std::string& owner, const Tally& with) const {
  Line line;
  line.count = with.comments;
  // Sized once (the fields below): every segment's lines are held.
  line.row.reserve(key.size() + 7 + (scored() ? 12 : 0));
  line.row.assign(key.begin(), key.end());
  line.row.push_back(std::move(tag));
  line.row.insert(line.row.end(), {level > 0 ? Value(std::int64_t{level}) : Value(),
                                   owner.empty() ? Value() : Value(owner), with.comments,
                                   measure(percent(with.comments, segment.commented))});
  if (scored()) {
    add_comparison(line, segment, with);
  } else {
    line.low = with.comments < options_.low_base;
  }
  line.row.push_back(line.low);
  line.row.push_back(std::string(line.low ? "low base" : ""));
  return line;
}

// The scored columns: `with` against the rest of the segment, and its impact:
// what the score of all the segment's commented rows would gain if `with`
// scored like the rest. The adjusted p and sig are left for adjust().
void TagSummary::add_comparison(Line& line, const Segment& segment, const Tally& with) const {
  const Score score_with = score_of(with.points, options_);
  const Score score_without = score_of(minus(segment.all.points, with.points), options_);
  const Score total = score_of(segment.all.points, options_);
  // A base is the comments that have a score.
  line.low = score_with.n < options_.low_base;
  const auto test =
      stats::compare(score_with.value, score_with.se, score_without.value, score_without.se);
  line.p = test.p;
  line.impact = total.n ? (score_without.value - score_with.value) *
                              static_cast<double>(score_with.n) / static_cast<double>(total.n)
                        : std::nan("");
  line.row.insert(line.row.end(),
                  {score_with.n, measure(percent(score_with.unfavourable, total.unfavourable)),
                   measure(percent(score_with.favourable, total.favourable)),
                   measure(score_with.value), measure(score_without.value),
                   measure(test.difference), measure(test.se), measure(test.z), measure(line.p),
                   Value(), false, measure(line.impact)});
}

// Holm (or BH) across every tag row that is not a low base.
void TagSummary::adjust(std::vector<Line>& lines, std::size_t p_adjusted) const {
  std::vector<double> p;
  for (const auto& line : lines) p.push_back(line.low ? std::nan("") : line.p);
  auto adjusted = stats::adjust_p_values(p, options_.adjustment);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    lines[i].row[p_adjusted] = measure(adjusted[i]);
    lines[i].row[p_adjusted + 1] = significant(adjusted[i], options_.confidence);
  }
}

// The counts of every segment together; the tags' tallies are left empty,
// as the overall row is any tag against none.
TagSummary::Segment TagSummary::combined(const Groups& segments) const {
  Segment whole;
  whole.all = whole.any_tag = empty_tally();
  // The whole is every segment and the rows that are in none.
  std::vector<const Segment*> parts{&unplaced_};
  for (const auto* group : segments) parts.push_back(&group->accumulator);
  for (const auto* part : parts) {
    const auto& segment = *part;
    whole.rows += segment.rows;
    whole.commented += segment.commented;
    whole.tagged += segment.tagged;
    whole.invalid_utf8 += segment.invalid_utf8;
    whole.missing_scores += segment.missing_scores;
    whole.invalid_scores += segment.invalid_scores;
    whole.all.comments += segment.all.comments;
    whole.any_tag.comments += segment.any_tag.comments;
    for (std::size_t i = 0; i < whole.all.points.size(); ++i) {
      whole.all.points[i] += segment.all.points[i];
      whole.any_tag.points[i] += segment.any_tag.points[i];
    }
  }
  return whole;
}

std::vector<Value> TagSummary::overall_row(const Segment& whole, std::size_t by_columns,
                                           std::size_t p_adjusted) const {
  auto overall = line(whole, std::vector<Value>(by_columns), Value(), 0, "", whole.any_tag);
  if (scored()) {
    // Any tag against none is one test of its own, outside the tags' family.
    overall.row[p_adjusted] = measure(overall.p);
    overall.row[p_adjusted + 1] = !overall.low && significant(overall.p, options_.confidence);
  }
  return std::move(overall.row);
}

void TagSummary::add_facts(output::SummaryReport& report, const Segment& whole,
                           const Names& names) const {
  const std::uint64_t untagged = whole.commented - whole.tagged;
  report.facts = {
      {"taxonomy", taxonomy_.source},
      {"rules", static_cast<std::uint64_t>(taxonomy_.rules.size())},
      {"engine", names.engine},
      {"text", names.text},
      {"score", scored() ? Value(names.score) : Value()},
      {"metric", scored() ? Value(std::string(nps() ? "nps" : "top_box")) : Value()},
      {"rows", whole.rows},
      {"commented", whole.commented},
      {"tagged", whole.tagged},
      {"untagged", untagged},
      {"pct_untagged", measure(percent(untagged, whole.commented))},
      {"invalid_utf8", whole.invalid_utf8},
      {"untagged_terms_exact", untagged_terms_.exact()},
      {"untagged_terms_from", untagged_counted_},
      {"japanese_terms", std::string(untagged_terms_.japanese_method())},
  };
  if (scored()) {
    report.facts.push_back({"missing_scores", whole.missing_scores});
    report.facts.push_back({"invalid_scores", whole.invalid_scores});
    report.facts.push_back({"confidence", options_.confidence});
    report.facts.push_back({"adjustment", std::string(stats::adjustment_name(options_.adjustment))});
    if (!nps()) {
      report.facts.push_back({"scale", fmt::format("{}-{}", options_.scale.low, options_.scale.high)});
      report.facts.push_back({"top_box", stats::describe_box(options_.scale.top_box)});
      report.facts.push_back({"bottom_box", stats::describe_box(options_.scale.bottom_box)});
    }
  }
  report.facts.push_back({"low_base_under", options_.low_base});
}

void TagSummary::add_notes(output::SummaryReport& report, const Segment& whole,
                           const Names& names) const {
  const std::uint64_t untagged = whole.commented - whole.tagged;
  report.notes.push_back(
      fmt::format("{} of {} rows have a comment in \"{}\"; {} ({:.1f}%) carry no tag",
                  whole.commented, whole.rows, names.text, untagged,
                  whole.commented ? percent(untagged, whole.commented) : 0.0));
  if (scored()) {
    report.notes.push_back(fmt::format(
        "{} with / without: the {} of commented rows with the tag and of the rest; impact: "
        "{} points all commented rows would gain if the tagged ones scored like the rest",
        metric_label(nps()), nps() ? "NPS" : "top-box share", metric_label(nps())));
    report.notes.push_back(fmt::format(
        "p adj: two-sided z test of the difference, {}-adjusted across tags; sig at {:g}% "
        "confidence; low bases (n < {}) are never significant",
        stats::adjustment_name(options_.adjustment), 100 * options_.confidence, options_.low_base));
  }
  if (whole.invalid_utf8)
    report.notes.push_back(fmt::format("{} comments were not valid UTF-8 (bad bytes read as U+FFFD)",
                                       whole.invalid_utf8));
}

output::Breakdown TagSummary::untagged_terms() const {
  output::Breakdown terms;
  terms.title = fmt::format(
      "most frequent terms of {} untagged comments{}",
      untagged_counted_ == untagged_seen_ ? fmt::format("the {}", untagged_seen_)
                                          : fmt::format("the first {} of {}", untagged_counted_,
                                                        untagged_seen_),
      untagged_terms_.exact() ? "" : " (counts are lower bounds)");
  terms.json_key = "untagged_terms";
  terms.columns = {{"term", "term", 0}, {"comments", "comments", 0}};
  for (const auto& term : untagged_terms_.top(options_.top_terms))
    terms.rows.push_back({term.text, term.comments});
  return terms;
}

// Every rule's hits (JSON only), and under a table the rules that never fired.
void TagSummary::add_rule_breakdowns(output::SummaryReport& report) const {
  output::Breakdown rules;
  rules.title = "rules";
  rules.json_key = "rule_hits";
  rules.in_table = false;
  rules.columns = {{"taxonomy", "taxonomy", 0}, {"line", "line", 0}, {"tag", "tag", 0},
                   {"pattern", "pattern", 0}, {"kind", "kind", 0}, {"hits", "hits", 0}};
  output::Breakdown never;
  never.title = "rules that never fired";
  never.columns = rules.columns;
  for (std::size_t r = 0; r < taxonomy_.rules.size(); ++r) {
    const auto& rule = taxonomy_.rules[r];
    std::vector<Value> row{rule.file, rule.line, rule.tag, rule.pattern,
                           std::string(kind_name(rule.kind)), rule_hits_[r]};
    if (rule_hits_[r] == 0) never.rows.push_back(row);
    rules.rows.push_back(std::move(row));
  }
  report.breakdowns.push_back(std::move(rules));
  if (!never.rows.empty()) report.breakdowns.push_back(std::move(never));
}

}  // namespace koe::tagging
