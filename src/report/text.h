// The words and number forms the report's writers share, so the Markdown
// and the HTML say the same thing in the same way: escaping, fixed
// decimals, and a change with its test in plain words.
#pragma once

#include <string>
#include <string_view>

#include "report/model.h"

namespace koe::report {

// Text safe inside HTML elements and double-quoted attributes.
std::string html_escape(std::string_view text);

// Text safe inside a Markdown table cell (| and line breaks escaped).
std::string md_cell(std::string_view text);

// ` lang="ja"` when the text holds kana or kanji, so browsers pick Japanese
// glyph forms for it; empty otherwise.
std::string lang_attribute(std::string_view text);

// A number with `decimals` decimals ("-" when undefined); -0.0 prints as 0.
std::string fixed(Number value, int decimals);

// The shortest text that reads back as the same double: the value of a
// data-* attribute, which the browser test compares with the JSON.
std::string exact(double value);

// "p adj 0.012", "p adj < 0.001".
std::string p_text(Number p);

// A change against the previous period in plain words, e.g. "up 3.1 points
// vs 2026-11, not significant (p adj 0.430)"; "no earlier period" for the
// first; low bases are "not tested".
std::string change_words(const SegmentRun& run, std::size_t index);

// "95% adjusted-Wald interval": a run's interval as the tools name it.
std::string interval_words(std::string_view method, double confidence);

}  // namespace koe::report
