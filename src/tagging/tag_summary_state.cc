// The rca-tag summary's state for --partial and --merge: every count the
// report is made of, per segment, the rule hits and the untagged terms.
#include <fmt/format.h>

#include <algorithm>

#include "error.h"
#include "tagging/tag_summary.h"

namespace koe::tagging {

namespace {

void save_tally(stats::StateWriter& out, std::uint64_t comments,
                const std::vector<std::uint64_t>& points) {
  out.number(comments);
  for (auto count : points) out.number(count);
}

void add_tally(stats::StateReader& in, std::uint64_t& comments, std::vector<std::uint64_t>& points) {
  comments += in.number();
  for (auto& count : points) count += in.number();
}

}  // namespace

// A segment: rows, commented, tagged, invalid_utf8, missing_scores,
// invalid_scores, the number of summary tags and of scale points, then the
// tallies (comments, then the answers per point) of all commented rows, of
// those with any tag, and of each summary tag in taxonomy order.
void TagSummary::save_segment(stats::StateWriter& out, const Segment& segment) const {
  out.number(segment.rows).number(segment.commented).number(segment.tagged);
  out.number(segment.invalid_utf8).number(segment.missing_scores).number(segment.invalid_scores);
  out.number(segment.tags.size()).number(static_cast<std::uint64_t>(points_));
  save_tally(out, segment.all.comments, segment.all.points);
  save_tally(out, segment.any_tag.comments, segment.any_tag.points);
  for (const auto& tally : segment.tags) save_tally(out, tally.comments, tally.points);
}

void TagSummary::add_segment(Segment& into, stats::StateReader& in) const {
  into.rows += in.number();
  into.commented += in.number();
  into.tagged += in.number();
  into.invalid_utf8 += in.number();
  into.missing_scores += in.number();
  into.invalid_scores += in.number();
  stats::StateReader::expect(in.number() == into.tags.size() &&
                                 in.number() == static_cast<std::uint64_t>(points_),
                             "the state is of another taxonomy or scale");
  add_tally(in, into.all.comments, into.all.points);
  add_tally(in, into.any_tag.comments, into.any_tag.points);
  for (auto& tally : into.tags) add_tally(in, tally.comments, tally.points);
  in.finish();
}

void TagSummary::save(PartialWriter& out) const {
  stats::StateWriter unplaced;
  save_segment(unplaced, unplaced_);
  out.state("unplaced", "main", {}, unplaced);
  for (const auto* group : segments_.sorted()) {
    stats::StateWriter state;
    save_segment(state, group->accumulator);
    out.state("segment", "main", group->key, state);
  }
  stats::StateWriter rules;
  rules.number(rule_hits_.size());
  for (auto hits : rule_hits_) rules.number(hits);
  out.state("rules", "main", {}, rules);
  // The untagged terms: how many untagged comments there were and how many
  // were counted, whether the counter pruned, then one record per term
  // (terms are any text, so each is a key), sorted for stable output.
  stats::StateWriter terms;
  terms.number(untagged_seen_).number(untagged_counted_).number(untagged_terms_.exact() ? 0 : 1);
  out.state("terms", "main", {}, terms);
  std::vector<std::pair<std::string, std::uint64_t>> counts(untagged_terms_.counts().begin(),
                                                            untagged_terms_.counts().end());
  std::sort(counts.begin(), counts.end());
  for (const auto& [term, comments] : counts) {
    stats::StateWriter count;
    count.number(comments);
    out.state("term", "main", {term}, count);
  }
}

bool TagSummary::merge_record(const PartialRecord& record) {
  const auto& kind = record.record;
  try {
    stats::StateReader in(record.state);
    if (kind == "unplaced") {
      add_segment(unplaced_, in);
    } else if (kind == "segment") {
      stats::StateReader::expect(record.key.size() == dimensions_.size(),
                                 "a segment's key does not match the dimensions");
      bool created = false;
      std::vector<std::string_view> key(record.key.begin(), record.key.end());
      add_segment(segments_.find(key, created), in);
    } else if (kind == "rules") {
      stats::StateReader::expect(in.number() == rule_hits_.size(),
                                 "the state is of another taxonomy");
      for (auto& hits : rule_hits_) hits += in.number();
      in.finish();
    } else if (kind == "terms") {
      untagged_seen_ += in.number();
      untagged_counted_ += in.number();
      if (in.number() != 0) untagged_terms_.mark_pruned();
      in.finish();
    } else if (kind == "term") {
      stats::StateReader::expect(record.key.size() == 1, "a term record has no term");
      untagged_terms_.add_count(record.key[0], in.number());
      in.finish();
    } else {
      return false;
    }
  } catch (const stats::StateError& e) {
    throw_input(fmt::format("corrupted partial: {}", e.what()), {record.source, record.line});
  }
  return true;
}

}  // namespace koe::tagging
