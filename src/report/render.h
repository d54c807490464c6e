// The report's output formats, as users name them (-o md, -o html).
#pragma once

#include <string>

#include "names.h"
#include "report/model.h"

namespace koe::report {

enum class ReportFormat { markdown, html };

inline constexpr NameTable<ReportFormat, 3> kReportFormatNames{{
    {"md", ReportFormat::markdown},
    {"markdown", ReportFormat::markdown, false},
    {"html", ReportFormat::html},
}};

std::string render(const Report& report, ReportFormat format);

}  // namespace koe::report
