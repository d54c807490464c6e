// Fuzzes the taxonomy parser (CSV and JSON) and the tagger built from what
// it accepts: a bad taxonomy must be a koe::Error, never a crash; a good one
// must tag the same way with Hyperscan and with RE2 (the engines'
// equivalence, on the taxonomy's own text and a few fixed comments).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "error.h"
#include "tagging/tagger.h"

namespace {

std::string write_temp(std::string_view bytes, const char* extension) {
  std::string path = "/tmp/koe-fuzz-taxonomy-" + std::to_string(::getpid()) + extension;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), file);
  std::fclose(file);
  return path;
}

std::vector<std::string> tags(koe::tagging::Tagger& tagger, std::string_view text) {
  koe::tagging::TagResult result;
  tagger.tag(text, result);
  return {result.tags.begin(), result.tags.end()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const char* extension : {".csv", ".json"}) {
    std::string path = write_temp(bytes, extension);
    try {
      auto taxonomy = koe::tagging::load_taxonomy(path);
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
    std::remove(path.c_str());
  }
  return 0;
}
