// The rca-tag summary: for each tag and each parent tag (billing/refund
// rolls up into billing), how many comments carry it, its share, and, when
// a score column is given, how the tagged comments score against the rest
// (NPS or top-box share, the difference, its z test with Holm-adjusted
// p-values across tags) and the impact on the whole: what the score of all
// commented rows would gain if the tagged ones scored like the others.
// Also the untagged share, the most frequent untagged terms, and every
// rule's hit count, so a taxonomy can be kept alive.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dimension.h"
#include "metrics/grouping.h"
#include "metrics/partial.h"
#include "output/report.h"
#include "stats/multiple.h"
#include "stats/scale.h"
#include "tagging/tagger.h"
#include "tagging/terms.h"
#include "values.h"

namespace koe::tagging {

enum class ScoreKind { none, nps, csat };

struct TagSummaryOptions {
  ScoreKind score = ScoreKind::none;
  stats::ScaleDefinition scale;  // csat: its scale and boxes
  double confidence = 0.95;
  std::uint64_t low_base = 30;
  stats::Adjustment adjustment = stats::Adjustment::holm;
  std::size_t top_terms = 20;
  // Untagged comments whose terms are counted: the first this many (word
  // segmentation costs more than tagging; a few hundred thousand comments
  // rank the frequent terms well). 0: all.
  std::uint64_t term_comments = 200000;
};

class TagSummary {
 public:
  TagSummary(const Taxonomy& taxonomy, const TagSummaryOptions& options);

  // Groups by these dimensions (--by): their labels name the segments, and
  // empty periods and bins between those seen are filled in.
  void group_by(std::vector<Dimension> dimensions) { dimensions_ = std::move(dimensions); }

  // One input row: its segment's key, its tags (from Tagger::tag, with the
  // normalised text it tagged) and its score answer. A row the dimensions
  // could not place (`placed` false) counts in the whole only.
  void add(const std::vector<std::string_view>& segment, bool placed, const TagResult& tags,
           std::string_view normalized, const Answer& score);

  // Adds the empty segments of the dimensions' gaps; before report().
  void fill_gaps() { segments_.fill_gaps(dimensions_); }

  // --partial and --merge (docs/scale-out.md): the summary's state as
  // records of a partial stream ("segment", "unplaced", "rules", "terms",
  // "term"), and such records added to this summary (false: not one of
  // its records). finish_merge() after the last record.
  void save(PartialWriter& out) const;
  bool merge_record(const PartialRecord& record);
  void finish_merge() { untagged_terms_.reduce(); }

  struct Names {
    std::vector<std::string> by;
    std::string text, score, engine;
  };
  output::SummaryReport report(const Names& names) const;

 private:
  // Answers per scale point of the rows in one cell (a tag, or all).
  struct Tally {
    std::uint64_t comments = 0;
    std::vector<std::uint64_t> points;
  };
  // The counts of one --by segment (the whole input without --by).
  struct Segment {
    std::uint64_t rows = 0, commented = 0, tagged = 0, invalid_utf8 = 0;
    std::uint64_t missing_scores = 0, invalid_scores = 0;
    Tally all, any_tag;
    std::vector<Tally> tags;  // by summary tag
  };

  // One row of the report, with what orders it among its segment's rows
  // and what the p-value adjustment reads.
  struct Line;
  using Groups = std::vector<const GroupTable<Segment>::Group*>;

  bool scored() const { return points_ > 0; }
  bool nps() const { return options_.score == ScoreKind::nps; }
  Tally empty_tally() const;
  Segment empty_segment() const;
  void save_segment(stats::StateWriter& out, const Segment& segment) const;
  void add_segment(Segment& into, stats::StateReader& in) const;

  // The parts of report(). `p_adjusted` is the index of that column, which
  // the sig column follows.
  void add_columns(output::SummaryReport& report, const Names& names) const;
  std::vector<Line> tag_lines(const Groups& segments) const;
  Line line(const Segment& segment, const std::vector<output::Value>& key, output::Value tag,
            int level, const std::string& owner, const Tally& with) const;
  void add_comparison(Line& line, const Segment& segment, const Tally& with) const;
  void adjust(std::vector<Line>& lines, std::size_t p_adjusted) const;
  Segment combined(const Groups& segments) const;
  std::vector<output::Value> overall_row(const Segment& whole, std::size_t by_columns,
                                         std::size_t p_adjusted) const;
  void add_facts(output::SummaryReport& report, const Segment& whole, const Names& names) const;
  void add_notes(output::SummaryReport& report, const Segment& whole, const Names& names) const;
  output::Breakdown untagged_terms() const;
  void add_rule_breakdowns(output::SummaryReport& report) const;

  Taxonomy taxonomy_;
  TagSummaryOptions options_;
  std::vector<std::string> summary_tags_;            // leaf and parent tags
  std::vector<std::vector<std::size_t>> rule_to_tags_;  // rule -> summary tags it counts in
  std::vector<std::string> owners_;                  // by summary tag
  std::vector<Dimension> dimensions_;
  GroupTable<Segment> segments_{Segment{}};
  Segment unplaced_;  // rows in no segment
  std::vector<std::uint64_t> rule_hits_;
  TermCounter untagged_terms_;
  std::uint64_t untagged_seen_ = 0, untagged_counted_ = 0;
  std::vector<char> marked_;             // summary tags of the current row
  std::vector<std::size_t> marked_tags_;  // the same, listed
  int points_ = 0;
};

}  // namespace koe::tagging
