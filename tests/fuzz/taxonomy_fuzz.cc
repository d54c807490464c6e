// Fuzzes the taxonomy parser (CSV and JSON) and the tagger built from what
// it accepts: a bad taxonomy must be a koe::Error, never a crash; a good one
// must tag the same way with Hyperscan and with RE2 (the engines'
// equivalence, on the taxonomy's own text and a few fixed comments).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "error.h"
#include "tagging/tagger.h"

namespace {

std::vector<std::string> tags(koe::tagging::Tagger& tagger, std::string_view text) {
  koe::tagging::TagResult result;
  tagger.tag(text, result);
  return {result.tags.begin(), result.tags.end()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using koe::tagging::TaxonomyFormat;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (auto [format, name] : {std::pair{TaxonomyFormat::csv, "fuzz.csv"},
                              std::pair{TaxonomyFormat::json, "fuzz.json"}}) {
    try {
      auto taxonomy = koe::tagging::parse_taxonomy(bytes, name, format);
      auto negation = koe::tagging::NegationSettings::defaults();
      koe::tagging::Tagger re2(taxonomy, negation, koe::tagging::Engine::re2);
      koe::tagging::Tagger fast(taxonomy, negation, koe::tagging::Engine::automatic);
      for (std::string_view comment :
           {bytes, std::string_view("The app crashed, not slow; 配送が遅くない。ログインできません"),
            std::string_view("refund refund REFUND ｒｅｆｕｎｄ 返金")}) {
        if (tags(re2, comment) != tags(fast, comment)) std::abort();
      }
    } catch (const koe::Error&) {
    }
  }
  return 0;
}
