// Text as taxonomy rules see it: Unicode NFKC with case folding (full-width
// ASCII and half-width katakana fold to their usual forms), runs of white
// space as one space, no space at either end. Bytes that are not UTF-8
// become U+FFFD first, and the caller is told.
#pragma once

#include <string>
#include <string_view>

namespace koe::tagging {

// Writes the normalised form of `text` into `out` (reusing its storage).
// Returns false when `text` held bytes that are not UTF-8.
bool normalize(std::string_view text, std::string& out);
// The same, appended to what `out` holds.
bool normalize_append(std::string_view text, std::string& out);

// The same through utf8proc alone, without the fast path for text that
// normalisation leaves unchanged: the reference the fast path is tested
// against.
bool normalize_reference(std::string_view text, std::string& out);

}  // namespace koe::tagging
