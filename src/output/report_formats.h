// The report writers, one per output format (report.h's render picks one).
#pragma once

#include <string>

#include "output/report.h"

namespace koe::output::detail {

// Machine formats (report_data.cc).
void render_json(const SummaryReport& report, const TextOut& write);
void render_ndjson(const SummaryReport& report, const TextOut& write);
void render_csv(const SummaryReport& report, const TextOut& write);

// Formats for people (report_table.cc).
void render_table(const SummaryReport& report, const TextOut& write);
void render_markdown(const SummaryReport& report, const TextOut& write);

}  // namespace koe::output::detail
