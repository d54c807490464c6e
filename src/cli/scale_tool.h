// The command line shared by csat and ces: the same options over the same
// engine, with each tool's defaults and usage text.
#pragma once

#include "metrics/scale_report.h"

namespace koe::cli {

// Declares the options, parses argv and runs the job; returns the exit status.
int run_scale_tool(ScaleJob defaults, const char* description, const char* examples, int argc,
                   char** argv);

}  // namespace koe::cli
