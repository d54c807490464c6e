// Input formats and how one is chosen: the flag, else the file extension,
// else the first bytes of the input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace koe {

enum class Format { automatic, csv, tsv, ndjson, json };

// "csv", "tsv", "ndjson" (also "jsonl"), "json"; nullopt when unknown.
std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);

// The format a path's extension names, or automatic.
Format format_from_extension(std::string_view path);

// Decides between CSV and the JSON forms from the first bytes of an input.
Format sniff_format(std::string_view head);

// The most likely delimiter of delimited text: the one of , \t ; | that is
// most frequent outside quotes on the first line (',' when none occurs).
char sniff_delimiter(std::string_view head);

}  // namespace koe
