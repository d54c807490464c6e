#include "report/render.h"

#include "report/html.h"
#include "report/markdown.h"

namespace koe::report {

std::string render(const Report& report, ReportFormat format) {
  return format == ReportFormat::html ? write_html(report) : write_markdown(report);
}

}  // namespace koe::report
