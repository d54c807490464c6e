// The most frequent terms of the comments no rule tagged, to show an analyst
// what the taxonomy misses: words and word pairs of spaced scripts (common
// English function words left out), and words of Japanese text as MeCab
// (IPAdic) segments it: nouns, runs of nouns joined as one compound, and the
// base form of content verbs and adjectives. Without MeCab, Japanese text
// gives character pairs and triples instead (those made only of hiragana,
// mostly particles and endings, left out). Each term counts once per
// comment. Memory is bounded: past `capacity` distinct terms, the Misra-Gries
// summary keeps the heavy hitters, whose counts are then lower bounds
// (exact below the capacity).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace koe::tagging {

// Splits normalised text into terms.
class TermExtractor {
 public:
  TermExtractor();
  ~TermExtractor();
  TermExtractor(const TermExtractor&) = delete;
  TermExtractor& operator=(const TermExtractor&) = delete;

  std::vector<std::string> terms(std::string_view normalized);
  // "mecab" when Japanese is split into words, else "character n-grams".
  std::string_view japanese_method() const;

 private:
  void japanese_terms(std::string_view run, std::vector<std::string>& out);
  struct MeCab;
  std::unique_ptr<MeCab> mecab_;
};

class TermCounter {
 public:
  explicit TermCounter(std::size_t capacity = 50000) : capacity_(capacity) {}

  // Counts the terms of one normalised comment.
  void add(std::string_view normalized);

  struct Term {
    std::string text;
    std::uint64_t comments;
  };
  // The `count` most frequent terms, most frequent first (ties by text).
  std::vector<Term> top(std::size_t count) const;
  bool exact() const { return !pruned_; }

  // The terms and their counts, in no order: what a partial state saves.
  const std::unordered_map<std::string, std::uint64_t>& counts() const { return counts_; }
  // Adds a count saved by another counter (a merge); mark_pruned() when
  // that counter had pruned (its counts are lower bounds). Past the capacity, reduce() then prunes as Misra-Gries
  // summaries merge (Agarwal et al. 2012, "Mergeable summaries"): every
  // count lowered by the one just below the capacity, the non-positive ones
  // dropped. The result does not depend on the order of the merges.
  void add_count(const std::string& term, std::uint64_t comments) { counts_[term] += comments; }
  void mark_pruned() { pruned_ = true; }
  void reduce();
  std::string_view japanese_method() const { return extractor_.japanese_method(); }

 private:
  void count(const std::string& term);

  std::size_t capacity_;
  bool pruned_ = false;
  std::unordered_map<std::string, std::uint64_t> counts_;
  std::vector<std::string> seen_;  // terms of the current comment
  TermExtractor extractor_;
};

}  // namespace koe::tagging
