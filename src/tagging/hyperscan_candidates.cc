// The Hyperscan engine: every pattern in one database, one scan per comment.
#include <fmt/format.h>
#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
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

// A literal as a Hyperscan expression: every byte written as \xHH, so no
// character is special and UTF-8 passes through byte for byte.
std::string escape_literal(std::string_view literal) {
  std::string out;
  for (unsigned char c : literal) out += fmt::format("\\x{:02x}", c);
  return out;
}

class HyperscanFinder final : public CandidateFinder {
 public:
  explicit HyperscanFinder(const std::vector<PatternSpec>& patterns) {
    std::vector<std::string> expressions;
    std::vector<unsigned> flags, ids;
    is_literal_.assign(patterns.size(), 0);
    for (std::uint32_t id = 0; id < patterns.size(); ++id) {
      const auto& pattern = patterns[id];
      if (!pattern.regex) {
        // Every occurrence of a literal is reported with its end, so the
        // tagger need not search for it again.
        expressions.push_back(escape_literal(pattern.text));
        flags.push_back(0);
        ids.push_back(id);
        is_literal_[id] = 1;
        continue;
      }
      expressions.push_back(pattern.text);
      flags.push_back(HS_FLAG_SINGLEMATCH | HS_FLAG_UTF8 | HS_FLAG_CASELESS | HS_FLAG_ALLOWEMPTY);
      ids.push_back(id);
    }
    // A regex Hyperscan cannot compile (some RE2 constructs) is matched by
    // RE2 alone; RE2 validated every rule when the taxonomy was read. The
    // compiler names the expression it stopped at, which leaves the database
    // and is tried again without it: one compile in the usual case, where
    // compiling each regex alone first would cost a third as much again.
    hs_database_t* database = nullptr;
    while (!expressions.empty()) {
      std::vector<const char*> pointers;
      for (const auto& expression : expressions) pointers.push_back(expression.c_str());
      hs_compile_error_t* error = nullptr;
      if (hs_compile_multi(pointers.data(), flags.data(), ids.data(),
                           static_cast<unsigned>(pointers.size()), HS_MODE_BLOCK, nullptr,
                           &database, &error) == HS_SUCCESS)
        break;
      const int failed = error ? error->expression : -1;
      std::string message = error && error->message ? error->message : "unknown error";
      hs_free_compile_error(error);
      if (failed < 0 || static_cast<std::size_t>(failed) >= expressions.size() ||
          is_literal_[ids[failed]])
        throw Error(Exit::usage, "the taxonomy does not compile for Hyperscan: " + message +
                                     "; --engine re2 avoids Hyperscan");
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      leftovers_.push_back(
          {ids[failed], std::make_shared<const RE2>(patterns[ids[failed]].text, options)});
      expressions.erase(expressions.begin() + failed);
      flags.erase(flags.begin() + failed);
      ids.erase(ids.begin() + failed);
    }
    std::sort(leftovers_.begin(), leftovers_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    if (database == nullptr) return;
    database_.reset(database, DatabaseFree{});
    hs_scratch_t* scratch = nullptr;
    if (hs_alloc_scratch(database, &scratch) != HS_SUCCESS)
      throw Error(Exit::input, "Hyperscan could not allocate its scratch space");
    scratch_.reset(scratch);
  }

  void find(std::string_view text, std::vector<Hit>& out) override {
    out.clear();
    if (database_) {
      struct Context {
        std::vector<Hit>* out;
        const std::vector<char>* literal;
      } context{&out, &is_literal_};
      auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned,
                         void* data) -> int {
        auto* context = static_cast<Context*>(data);
        context->out->push_back(
            {id, (*context->literal)[id] ? static_cast<std::uint32_t>(to) : Hit::kUnknownEnd});
        return 0;
      };
      hs_scan(database_.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch_.get(),
              on_match, &context);
    }
    for (const auto& [id, regex] : leftovers_)
      if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex))
        out.push_back({id, Hit::kUnknownEnd});
  }

  std::string_view name() const override { return "hyperscan"; }

  std::unique_ptr<CandidateFinder> clone() const override {
    return std::unique_ptr<CandidateFinder>(new HyperscanFinder(*this));
  }

 private:
  // Hyperscan databases are read-only while scanning and may be shared by
  // threads; each thread needs a scratch space of its own.
  HyperscanFinder(const HyperscanFinder& other)
      : database_(other.database_), leftovers_(other.leftovers_), is_literal_(other.is_literal_) {
    if (!other.scratch_) return;
    hs_scratch_t* scratch = nullptr;
    if (hs_clone_scratch(other.scratch_.get(), &scratch) != HS_SUCCESS)
      throw Error(Exit::input, "Hyperscan could not allocate its scratch space");
    scratch_.reset(scratch);
  }

  std::shared_ptr<const hs_database_t> database_;
  std::unique_ptr<hs_scratch_t, ScratchFree> scratch_;
  std::vector<std::pair<std::uint32_t, std::shared_ptr<const RE2>>> leftovers_;
  std::vector<char> is_literal_;  // by pattern
};

}  // namespace

std::unique_ptr<CandidateFinder> make_hyperscan_finder(const std::vector<PatternSpec>& patterns) {
  return std::make_unique<HyperscanFinder>(patterns);
}

}  // namespace koe::tagging
