// The Hyperscan engine. A call to hs_scan costs about as much as scanning a
// short comment, so a batch of comments is joined by line feeds and scanned
// in one call; each match is placed in its comment by its end offset. The
// literals and the regexes are two databases: one database of both took a
// third longer to compile, twice the memory and more time to scan.
#include <fmt/format.h>
#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "error.h"
#include "tagging/candidates.h"

namespace koe::tagging {

namespace {

struct DatabaseFree {
  void operator()(const hs_database_t* database) const {
    hs_free_database(const_cast<hs_database_t*>(database));
  }
};
struct ScratchFree {
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};

using Database = std::shared_ptr<const hs_database_t>;

// A literal as a Hyperscan expression: every byte written as \xHH, so no
// character is special and UTF-8 passes through byte for byte.
std::string escape_literal(std::string_view literal) {
  std::string out;
  for (unsigned char c : literal) out += fmt::format("\\x{:02x}", c);
  return out;
}

// Whether a regex can be scanned over comments joined by line feeds. Its
// matches there are reported at every end, so a regex that matches very
// short text (".", "\\d") would be reported at nearly every byte; and \A,
// \z, \Z mean the start and end of the whole scan. Those stay in a
// database scanned comment by comment, one report per comment.
bool joinable(const std::string& regex, unsigned flags) {
  if (regex.find("\\A") != std::string::npos || regex.find("\\z") != std::string::npos ||
      regex.find("\\Z") != std::string::npos)
    return false;
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_expression_info(regex.c_str(), flags, &info, &error) != HS_SUCCESS) {
    hs_free_compile_error(error);
    return false;  // it will not compile either: RE2 matches it
  }
  const bool wide = info->min_width >= 3;
  std::free(info);
  return wide;
}

struct Expressions {
  std::vector<std::string> texts;
  std::vector<unsigned> flags, ids;
};

class HyperscanFinder final : public CandidateFinder {
 public:
  explicit HyperscanFinder(const std::vector<PatternSpec>& patterns) {
    Expressions literals, joined, alone;
    is_literal_.assign(patterns.size(), 0);
    for (std::uint32_t id = 0; id < patterns.size(); ++id) {
      const auto& pattern = patterns[id];
      if (!pattern.regex) {
        // Every occurrence of a literal is reported with its end, so the
        // tagger need not search for it again. Normalised literals hold no
        // line feed, so none is found across two comments.
        literals.texts.push_back(escape_literal(pattern.text));
        literals.flags.push_back(0);
        literals.ids.push_back(id);
        is_literal_[id] = 1;
        continue;
      }
      // Multi-line: ^ and $ hold at each comment's start and end.
      constexpr unsigned kRegex = HS_FLAG_UTF8 | HS_FLAG_CASELESS | HS_FLAG_ALLOWEMPTY;
      if (joinable(pattern.text, kRegex | HS_FLAG_MULTILINE)) {
        joined.texts.push_back(pattern.text);
        joined.flags.push_back(kRegex | HS_FLAG_MULTILINE);
        joined.ids.push_back(id);
      } else {
        alone.texts.push_back(pattern.text);
        alone.flags.push_back(kRegex | HS_FLAG_SINGLEMATCH);
        alone.ids.push_back(id);
      }
    }
    for (auto* expressions : {&literals, &joined})
      if (auto database = compile(*expressions, patterns)) over_joined_.push_back(database);
    alone_ = compile(alone, patterns);
    std::sort(leftovers_.begin(), leftovers_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    reported_.assign(patterns.size(), 0);
    scratch_ = make_scratch(nullptr);
  }

  void find(std::string_view text, std::vector<Hit>& out) override {
    out.clear();
    ++scan_;
    auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned,
                       void* data) -> int {
      auto* self = static_cast<HyperscanFinder*>(data);
      if (self->is_literal_[id]) {
        self->hits_->push_back({id, static_cast<std::uint32_t>(to)});
      } else if (self->reported_[id] != self->scan_) {
        self->reported_[id] = self->scan_;
        self->hits_->push_back({id, Hit::kUnknownEnd});
      }
      return 0;
    };
    hits_ = &out;
    for (const auto& database : over_joined_)
      hs_scan(database.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch_.get(),
              on_match, this);
    find_alone(text, out);
  }

  void find_many(std::string_view joined, std::span<const std::size_t> starts,
                 std::vector<TextHit>& out) override {
    out.clear();
    const std::size_t texts = starts.size() - 1;
    if (texts == 0) return;
    // Offsets of one scan are 32 bits.
    if (joined.size() > 0xFFFFFFFF) return CandidateFinder::find_many(joined, starts, out);
    for (const auto& database : over_joined_) {
      // A regex is reported once per comment: reported_ holds the first
      // scan number of this call plus the comment it was last reported for.
      const std::uint64_t base = scan_ + 1;
      scan_ += texts;
      struct Context {
        HyperscanFinder* self;
        std::span<const std::size_t> starts;
        std::vector<TextHit>* out;
        std::uint64_t base;
        std::size_t text = 0;  // the comment of the last match
      } context{this, starts, &out, base};
      auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned,
                         void* data) -> int {
        auto& c = *static_cast<Context*>(data);
        const auto end = static_cast<std::size_t>(to);
        // Matches mostly come in order: step forward from the last comment.
        if (c.starts[c.text] > end) c.text = 0;
        while (c.starts[c.text + 1] <= end) ++c.text;
        const auto text = static_cast<std::uint32_t>(c.text);
        if (c.self->is_literal_[id]) {
          c.out->push_back({text, {id, static_cast<std::uint32_t>(end - c.starts[text])}});
        } else if (c.self->reported_[id] != c.base + text) {
          c.self->reported_[id] = c.base + text;
          c.out->push_back({text, {id, Hit::kUnknownEnd}});
        }
        return 0;
      };
      // The last text's line feed is left out of the scan, so every match
      // ends before starts.back().
      hs_scan(database.get(), joined.data(), static_cast<unsigned>(joined.size() - 1), 0,
              scratch_.get(), on_match, &context);
    }
    if (!alone_ && leftovers_.empty()) return;
    std::vector<Hit> hits;
    for (std::size_t text = 0; text < texts; ++text) {
      const std::string_view one = joined_text(joined, starts, text);
      if (one.empty()) continue;
      hits.clear();
      find_alone(one, hits);
      for (const auto& hit : hits) out.push_back({static_cast<std::uint32_t>(text), hit});
    }
  }

  std::string_view name() const override { return "hyperscan"; }

  std::unique_ptr<CandidateFinder> clone() const override {
    return std::unique_ptr<CandidateFinder>(new HyperscanFinder(*this));
  }

 private:
  // Adds the regexes found in `text` one comment at a time: the database of
  // those kept apart, and those only RE2 can match.
  void find_alone(std::string_view text, std::vector<Hit>& out) {
    if (alone_) {
      hits_ = &out;
      hs_scan(alone_.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch_.get(),
              [](unsigned id, unsigned long long, unsigned long long, unsigned, void* data) -> int {
                static_cast<HyperscanFinder*>(data)->hits_->push_back({id, Hit::kUnknownEnd});
                return 0;
              },
              this);
    }
    for (const auto& [id, regex] : leftovers_)
      if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex))
        out.push_back({id, Hit::kUnknownEnd});
  }

  // Hyperscan databases are read-only while scanning and may be shared by
  // threads; each thread needs a scratch space of its own.
  HyperscanFinder(const HyperscanFinder& other)
      : over_joined_(other.over_joined_),
        alone_(other.alone_),
        leftovers_(other.leftovers_),
        is_literal_(other.is_literal_),
        reported_(other.reported_.size(), 0) {
    scratch_ = make_scratch(other.scratch_.get());
  }

  // A regex Hyperscan cannot compile (some RE2 constructs) is matched by
  // RE2 alone; RE2 validated every rule when the taxonomy was read. The
  // compiler names the expression it stopped at, which leaves the database
  // and is tried again without it: one compile in the usual case, where
  // compiling each regex alone first would cost a third as much again.
  Database compile(Expressions expressions, const std::vector<PatternSpec>& patterns) {
    hs_database_t* database = nullptr;
    while (!expressions.texts.empty()) {
      std::vector<const char*> pointers;
      for (const auto& text : expressions.texts) pointers.push_back(text.c_str());
      hs_compile_error_t* error = nullptr;
      if (hs_compile_multi(pointers.data(), expressions.flags.data(), expressions.ids.data(),
                           static_cast<unsigned>(pointers.size()), HS_MODE_BLOCK, nullptr,
                           &database, &error) == HS_SUCCESS)
        break;
      const int failed = error ? error->expression : -1;
      std::string message = error && error->message ? error->message : "unknown error";
      hs_free_compile_error(error);
      if (failed < 0 || static_cast<std::size_t>(failed) >= expressions.texts.size() ||
          is_literal_[expressions.ids[static_cast<std::size_t>(failed)]])
        throw Error(Exit::usage, "the taxonomy does not compile for Hyperscan: " + message +
                                     "; --engine re2 avoids Hyperscan");
      const auto at = static_cast<std::size_t>(failed);
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      leftovers_.push_back({expressions.ids[at],
                            std::make_shared<const RE2>(patterns[expressions.ids[at]].text, options)});
      expressions.texts.erase(expressions.texts.begin() + failed);
      expressions.flags.erase(expressions.flags.begin() + failed);
      expressions.ids.erase(expressions.ids.begin() + failed);
    }
    if (database == nullptr) return nullptr;
    return Database(database, DatabaseFree{});
  }

  // Scratch space for both databases: a copy of `other`'s, or new.
  std::unique_ptr<hs_scratch_t, ScratchFree> make_scratch(const hs_scratch_t* other) const {
    hs_scratch_t* scratch = nullptr;
    bool done = true;
    if (other != nullptr) {
      done = hs_clone_scratch(other, &scratch) == HS_SUCCESS;
    } else {
      for (const auto& database : over_joined_)
        if (hs_alloc_scratch(database.get(), &scratch) != HS_SUCCESS) done = false;
      if (alone_ && hs_alloc_scratch(alone_.get(), &scratch) != HS_SUCCESS) done = false;
    }
    if (!done) throw Error(Exit::input, "Hyperscan could not allocate its scratch space");
    return std::unique_ptr<hs_scratch_t, ScratchFree>(scratch);
  }

  std::vector<Database> over_joined_;  // the literals, the joinable regexes
  Database alone_;   // regexes scanned one comment at a time
  std::unique_ptr<hs_scratch_t, ScratchFree> scratch_;
  std::vector<std::pair<std::uint32_t, std::shared_ptr<const RE2>>> leftovers_;
  std::vector<char> is_literal_;  // by pattern
  // By pattern: the scan (find) or scan and comment (find_many) a regex was
  // last reported for, so it is reported once there.
  std::vector<std::uint64_t> reported_;
  std::uint64_t scan_ = 0;
  std::vector<Hit>* hits_ = nullptr;  // where a scan of one comment puts its matches
};

}  // namespace

std::unique_ptr<CandidateFinder> make_hyperscan_finder(const std::vector<PatternSpec>& patterns) {
  return std::make_unique<HyperscanFinder>(patterns);
}

}  // namespace koe::tagging
