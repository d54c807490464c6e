// The report as one self-contained HTML file: inline CSS and inline SVG
// charts, no script and nothing fetched from the network, light and
// print-friendly, in the Okabe-Ito colour-blind-safe palette, with a font
// stack that renders Japanese text with Japanese glyphs.
#pragma once

#include <string>

#include "report/model.h"

namespace koe::report {

std::string write_html(const Report& report);

}  // namespace koe::report
