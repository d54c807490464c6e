// The report as one Markdown document (for chat, wikis and e-mail): the
// same sections and numbers as the HTML, with tables for the charts.
#pragma once

#include <string>

#include "report/model.h"

namespace koe::report {

std::string write_markdown(const Report& report);

}  // namespace koe::report
