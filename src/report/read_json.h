// Reading the tools' documented JSON into the report's model. Each document
// says what it is in its "tool" field (and a segment run whether it is a
// trend in "compared_with"), so files can be given in any order; an option
// such as --nps only checks that the file is what it claims. Parsing works
// on text, and files are read on top, so tests need no files.
#pragma once

#include <string>
#include <string_view>

#include "report/model.h"

namespace koe::report {

// What a file was given as: any part, or one named by an option.
enum class Part { any, nps, csat, ces, segment, trend, rca };

// "--nps", "--trend" ...: the option that names a part, for messages.
std::string_view part_option(Part part);

// Adds the JSON document `text` to `report`. `source` names it in messages
// and in the report's list of sources. Throws koe::Error (exit 3) when the
// text is not JSON a koe tool writes, or is not the part expected.
void add_json(Report& report, std::string_view text, const std::string& source, Part expected);

// The same for a file ("-" is standard input); a file that cannot be read
// is an input error naming it.
void add_json_file(Report& report, const std::string& path, Part expected);

// After every document is in: names each segment run's metric after the
// tool whose score column it shares (CSAT, CES), and marks which causes
// are leaves of the taxonomy (no child tag among the rows).
void finish(Report& report);

}  // namespace koe::report
