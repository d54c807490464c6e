// Tags one comment with the taxonomy's root causes. The comment is
// normalised, every pattern is looked for in one pass (CandidateFinder), and
// each candidate occurrence is then checked:
//   - word boundaries: a pattern that starts (ends) with a letter or digit of
//     a spaced script (Latin, Greek, Cyrillic) needs a non-letter before
//     (after) it, so "app" does not match "happy"; unspaced scripts such as
//     Japanese match as substrings. Prefix rules have no boundary at the end.
//   - negation: a negation word among the few words before a spaced-script
//     pattern ("not slow", "no problem with billing"), or a negative ending
//     just after a Japanese one (遅くない, 問題ありません), cancels that
//     occurrence, unless the pattern itself says the negation.
//   - exclusions: a rule whose exclude pattern occurs does not fire.
// A rule fires when one of its occurrences passes.
#pragma once

#include <memory>
#include <re2/re2.h>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tagging/candidates.h"
#include "tagging/taxonomy.h"

namespace koe::tagging {

struct NegationSettings {
  bool enabled = true;
  std::vector<std::string> words;     // before spaced-script patterns
  std::vector<std::string> suffixes;  // after Japanese patterns
  std::size_t window = 3;             // words looked at before a pattern

  static NegationSettings defaults();
};

struct TagResult {
  std::vector<std::size_t> rules;        // fired rules, in taxonomy order
  std::vector<std::string_view> tags;    // distinct tags, in taxonomy order
  std::vector<std::string_view> owners;  // distinct owners of those tags
  bool invalid_utf8 = false;
  bool empty = false;  // nothing but white space to tag
};

class Tagger {
 public:
  Tagger(const Taxonomy& taxonomy, const NegationSettings& negation, Engine engine);
  // A tagger for another thread: the compiled patterns are shared, the
  // buffers and scratch space are its own. Copy it while it is not tagging.
  Tagger(const Tagger& other) = default;
  Tagger& operator=(const Tagger&) = delete;
  ~Tagger();

  void tag(std::string_view comment, TagResult& out);
  // Tags the first comments of `comments`, up to kManyAtOnce, with one scan
  // for all of them (a scan costs about as much as a short comment; see
  // CandidateFinder::find_many), and returns how many. result(i) and
  // normalized(i) give comment i's until the next call.
  std::size_t tag_many(std::span<const std::string_view> comments);
  // Enough that the scan's cost is lost among the comments'. More cost
  // memory and time: on eight threads a batch of 4096 at once took 72 MB
  // at the peak, 128 at once 48 MB, and one core was faster with 128.
  static constexpr std::size_t kManyAtOnce = 128;
  const TagResult& result(std::size_t i) const { return results_[i]; }
  std::string_view normalized(std::size_t i) const {
    return joined_text(joined_, starts_, i);
  }
  std::string_view engine() const { return finder_->name(); }
  const Taxonomy& taxonomy() const { return taxonomy_; }
  // The last comment's normalised text (for the untagged-terms report).
  std::string_view normalized() const { return normalized_; }

 private:
  struct Pattern {
    std::size_t rule;
    bool exclusion;
    bool regex;
    std::string literal;
    std::shared_ptr<const RE2> compiled;  // regex rules; RE2 matches on many threads at once
    bool left_boundary = false, right_boundary = false;
    bool negatable = false;
  };

  // The rules the hits of `text` (its candidates) make fire, into `out`.
  void confirm(std::string_view text, Hit* hits, std::size_t count, TagResult& out);
  // Whether an occurrence of `pattern` passes the checks: the ones in
  // `hits` (same pattern, known ends), or else all found by searching.
  bool occurs(const Pattern& pattern, std::string_view text, const Hit* hits,
              std::size_t count) const;
  bool passes(const Pattern& pattern, std::string_view text, std::size_t begin,
              std::size_t end) const;
  bool negated_before(std::string_view text, std::size_t begin) const;
  bool negated_after(std::string_view text, std::size_t end) const;

  Taxonomy taxonomy_;
  NegationSettings negation_;
  std::vector<std::int32_t> suffix_first_;  // each negative ending's first code point
  std::size_t longest_word_ = 0;  // raw words longer than this are no negation
  std::vector<Pattern> patterns_;
  // Copied as a clone (see CandidateFinder::clone).
  struct Finder {
    std::unique_ptr<CandidateFinder> engine;
    Finder() = default;
    Finder(const Finder& other) : engine(other.engine->clone()) {}
    Finder& operator=(const Finder&) = delete;
    CandidateFinder* operator->() const { return engine.get(); }
  };
  Finder finder_;
  std::string normalized_;
  std::vector<Hit> candidates_;
  // tag_many's comments: normalised and joined, where each starts, their
  // hits as found and then grouped by comment, and their results.
  std::string joined_;
  std::vector<std::size_t> starts_;
  std::vector<TextHit> text_hits_;
  std::vector<Hit> grouped_;
  std::vector<std::size_t> group_starts_, group_fill_;
  std::vector<TagResult> results_;
  std::vector<char> fired_, excluded_;  // all clear between comments
  std::vector<std::size_t> touched_;    // rules whose flags this comment set
  static constexpr std::uint32_t kNoOwner = 0xFFFFFFFF;
  std::vector<std::uint32_t> rule_tag_, rule_owner_;  // numbers of each rule's tag and owner
  std::vector<std::uint64_t> tag_seen_, owner_seen_;  // the stamp of the comment that used one
  std::uint64_t stamp_ = 0;
};

}  // namespace koe::tagging
