#include "tagging/terms.h"

#include <utf8proc.h>
#ifdef KOE_HAVE_MECAB
#include <mecab.h>
#endif

#include <algorithm>
#include <array>
#include <functional>
#include <iterator>

#include "tagging/scripts.h"

namespace koe::tagging {

namespace {

constexpr std::string_view kStopwords[] = {
    "a",      "about",   "after",  "again",  "all",     "also",   "am",     "an",     "and",
    "any",    "are",     "as",     "at",     "be",      "been",   "before", "being",  "both",
    "but",    "by",      "can",    "could",  "did",     "do",     "does",   "doing",  "don't",
    "down",   "each",    "even",   "ever",   "every",   "few",    "for",    "from",   "get",
    "got",    "had",     "has",    "have",   "he",      "her",    "here",   "him",    "his",
    "how",    "i",       "i'm",    "i've",   "if",      "in",     "into",   "is",     "it",
    "it's",   "its",     "just",   "like",   "me",      "more",   "most",   "much",   "my",
    "no",     "not",     "now",    "of",     "off",     "on",     "once",   "one",    "only",
    "or",     "other",   "our",    "out",    "over",    "own",    "really", "same",   "she",
    "so",     "some",    "still",  "such",   "than",    "that",   "the",    "their",  "them",
    "then",   "there",   "these",  "they",   "this",    "those",  "through", "to",    "too",
    "under",  "until",   "up",     "us",     "very",    "was",    "we",     "were",   "what",
    "when",   "where",   "which",  "while",  "who",     "why",    "will",   "with",   "would",
    "you",    "your",    "yet",    "been",   "being",   "whom",   "again",  "ours",   "yours",
    "ourselves", "yourself"};

// Looked up for every word of every untagged comment: sorted once, then
// searched by halves.
bool is_stopword(std::string_view word) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> words(std::begin(kStopwords), std::end(kStopwords));
    std::sort(words.begin(), words.end());
    return words;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

bool is_spaced_letter(utf8proc_int32_t point) {
  if (point < 0x80)
    return (point >= 'a' && point <= 'z') || (point >= '0' && point <= '9') || point == '\'';
  return (point >= 0xC0 && point <= 0x24F && point != 0xD7 && point != 0xF7) ||
         (point >= 0x370 && point <= 0x52F);
}

bool is_hiragana(utf8proc_int32_t point) { return point >= 0x3041 && point <= 0x309F; }

struct Piece {
  std::string_view text;
  utf8proc_int32_t point;
};

// Character pairs and triples of a run of Japanese letters, without those
// made only of hiragana.
void character_ngrams(const std::vector<Piece>& characters, std::vector<std::string>& terms) {
  for (std::size_t n = 2; n <= 3; ++n) {
    for (std::size_t i = 0; i + n <= characters.size(); ++i) {
      bool only_hiragana = true;
      std::string term;
      for (std::size_t k = i; k < i + n; ++k) {
        only_hiragana = only_hiragana && is_hiragana(characters[k].point);
        term += characters[k].text;
      }
      if (!only_hiragana) terms.push_back(term);
    }
  }
}

}  // namespace

#ifdef KOE_HAVE_MECAB
struct TermExtractor::MeCab {
  struct Free {
    void operator()(mecab_t* tagger) const { mecab_destroy(tagger); }
  };
  std::unique_ptr<mecab_t, Free> tagger;
};

TermExtractor::TermExtractor() {
  // The system dictionary (mecab-ipadic-utf8, through /etc/mecabrc); without
  // one, Japanese falls back to character n-grams.
  if (mecab_t* tagger = mecab_new2("")) {
    mecab_ = std::make_unique<MeCab>();
    mecab_->tagger.reset(tagger);
  }
}
#else
struct TermExtractor::MeCab {};
TermExtractor::TermExtractor() = default;
#endif

TermExtractor::~TermExtractor() = default;

std::string_view TermExtractor::japanese_method() const {
  return mecab_ ? "mecab" : "character n-grams";
}

void TermExtractor::japanese_terms(std::string_view run, std::vector<std::string>& out) {
#ifdef KOE_HAVE_MECAB
  if (mecab_) {
    // IPAdic features: part of speech, subtype, ..., base form (7th field).
    static constexpr std::string_view kSkippedBases[] = {"する", "ある", "いる", "なる", "できる",
                                                         "いう", "ない", "れる", "られる", "おる"};
    std::string compound;
    auto end_compound = [&] {
      if (!compound.empty()) out.push_back(compound);
      compound.clear();
    };
    for (const mecab_node_t* node = mecab_sparse_tonode2(mecab_->tagger.get(), run.data(), run.size());
         node; node = node->next) {
      if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
      std::string_view surface(node->surface, node->length);
      // Only the first seven fields are read.
      std::array<std::string_view, 7> feature{};
      std::size_t fields = 0;
      for (std::string_view rest = node->feature; !rest.empty() && fields < feature.size();) {
        auto comma = rest.find(',');
        feature[fields++] = rest.substr(0, comma);
        rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
      }
      std::string_view pos = feature[0];
      std::string_view subtype = feature[1];
      std::string_view base = fields > 6 && feature[6] != "*" ? feature[6] : surface;
      if (pos == "名詞" && subtype != "非自立" && subtype != "代名詞" && subtype != "数") {
        // A suffix (請求[書]) belongs to the noun before it, never alone.
        if (subtype != "接尾" || !compound.empty()) {
          compound += surface;
          continue;
        }
      }
      end_compound();
      if ((pos == "動詞" || pos == "形容詞") && subtype == "自立" &&
          std::find(std::begin(kSkippedBases), std::end(kSkippedBases), base) ==
              std::end(kSkippedBases))
        out.emplace_back(base);
    }
    end_compound();
    return;
  }
#endif
  std::vector<Piece> characters;
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(run.data());
  for (std::size_t i = 0; i < run.size();) {
    utf8proc_int32_t point = 0;
    auto used = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(run.size() - i), &point);
    std::size_t length = used > 0 ? static_cast<std::size_t>(used) : 1;
    if (is_unspaced_letter(point)) {
      characters.push_back({run.substr(i, length), point});
    } else {
      character_ngrams(characters, out);
      characters.clear();
    }
    i += length;
  }
  character_ngrams(characters, out);
}

std::vector<std::string> TermExtractor::terms(std::string_view normalized) {
  std::vector<std::string> terms;
  // The word before in the same phrase, when it is no stop word (a pair
  // needs two such words).
  std::string previous;
  std::size_t japanese_start = std::string_view::npos;  // the current run of Japanese text
  std::string word;
  auto end_word = [&] {
    while (!word.empty() && word.back() == '\'') word.pop_back();
    while (!word.empty() && word.front() == '\'') word.erase(0, 1);
    bool digits = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (word.size() >= 2 && !digits) {
      if (is_stopword(word)) {
        previous.clear();
      } else {
        terms.push_back(word);
        if (!previous.empty()) {
          previous += ' ';
          previous += word;
          terms.push_back(previous);
        }
        previous = word;
      }
    }
    word.clear();
  };
  auto end_japanese = [&](std::size_t at) {
    if (japanese_start == std::string_view::npos) return;
    japanese_terms(normalized.substr(japanese_start, at - japanese_start), terms);
    japanese_start = std::string_view::npos;
  };
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(normalized.data());
  for (std::size_t i = 0; i < normalized.size();) {
    utf8proc_int32_t point = bytes[i];
    std::size_t length = 1;
    if (point >= 0x80) {
      auto used = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(normalized.size() - i),
                                   &point);
      if (used > 0) length = static_cast<std::size_t>(used);
    }
    std::string_view piece = normalized.substr(i, length);
    if (is_spaced_letter(point)) {
      end_japanese(i);
      word += piece;
    } else if (is_unspaced_letter(point)) {
      end_word();
      previous.clear();
      if (japanese_start == std::string_view::npos) japanese_start = i;
    } else {
      end_word();
      // Punctuation ends a phrase: no word pair across it. Japanese
      // punctuation stays inside the run MeCab reads.
      if (point != ' ') previous.clear();
      if (point < 0x3000) end_japanese(i);
    }
    i += length;
  }
  end_word();
  end_japanese(normalized.size());
  return terms;
}

void TermCounter::count(const std::string& term) {
  if (auto found = counts_.find(term); found != counts_.end()) {
    ++found->second;
    return;
  }
  if (counts_.size() < capacity_) {
    counts_.emplace(term, 1);
    return;
  }
  // Misra-Gries: a new term when the summary is full lowers every count by
  // one and drops those that reach zero.
  pruned_ = true;
  for (auto it = counts_.begin(); it != counts_.end();) {
    if (--it->second == 0) {
      it = counts_.erase(it);
    } else {
      ++it;
    }
  }
}

void TermCounter::reduce() {
  if (counts_.size() <= capacity_) return;
  std::vector<std::uint64_t> sizes;
  sizes.reserve(counts_.size());
  for (const auto& [term, comments] : counts_) sizes.push_back(comments);
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(capacity_), sizes.end(),
                   std::greater<>());
  const std::uint64_t cut = sizes[capacity_];
  pruned_ = true;
  for (auto it = counts_.begin(); it != counts_.end();) {
    if (it->second <= cut) {
      it = counts_.erase(it);
    } else {
      it->second -= cut;
      ++it;
    }
  }
}

void TermCounter::add(std::string_view normalized) {
  seen_ = extractor_.terms(normalized);
  std::sort(seen_.begin(), seen_.end());
  seen_.erase(std::unique(seen_.begin(), seen_.end()), seen_.end());
  for (const auto& term : seen_) count(term);
}

std::vector<TermCounter::Term> TermCounter::top(std::size_t count) const {
  std::vector<Term> terms;
  for (const auto& [text, comments] : counts_) terms.push_back({text, comments});
  std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) {
    return a.comments != b.comments ? a.comments > b.comments : a.text < b.text;
  });
  if (terms.size() > count) terms.resize(count);
  return terms;
}

}  // namespace koe::tagging
