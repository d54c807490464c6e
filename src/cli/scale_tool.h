// The command line shared by csat and ces: the same options over the same
// engine; what differs is the tool's profile (defaults, box words, whether
// --lower-is-better is offered) and its usage text.
#pragma once

#include "metrics/scale_report.h"

namespace koe::cli {

// Declares the options, parses argv, runs the job and prints its outcome;
// returns the exit status.
int run_scale_tool(const ScaleProfile& profile, const char* description, const char* examples,
                   int argc, char** argv);

}  // namespace koe::cli
