// Input formats and how one is chosen: the flag, else the file extension,
// else the first bytes of the input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace koe
