// Input formats and how one is chosen: the flag, else the file extension,
// else the first bytes of the input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "names.h"

namespace koe {

enum class Format { automatic, csv, tsv, ndjson, json };

// --input-format.
inline constexpr NameTable<Format, 5> kFormatNames{{
    {"csv", Format::csv},
    {"tsv", Format::tsv},
    {"ndjson", Format::ndjson},
    {"jsonl", Format::ndjson, false},
    {"json", Format::json},
}};

std::string_view format_name(Format format);

// The format a path's extension names, or automatic.
Format format_from_extension(std::string_view path);

// Decides between CSV and the JSON forms from the first bytes of an input.
Format sniff_format(std::string_view head);

// The most likely delimiter of delimited text: the one of , \t ; | that is
// most frequent outside quotes on the first line (',' when none occurs).
char sniff_delimiter(std::string_view head);

// What to say of a record whose number of fields differs from the header's
// when the delimiter was likely taken wrongly (sniffed from a header whose
// text holds another delimiter, or given wrongly with -d): another of
// , \t ; | on which the header and `record` (its raw text) split into the
// same number of fields, 2 or more; or, when the header is one field, that
// it has no `delimiter`. "" when nothing points to the delimiter.
std::string delimiter_hint(const std::vector<std::string>& header, std::string_view record,
                           char delimiter);

}  // namespace koe
