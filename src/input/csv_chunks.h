// Splitting a delimited file into chunks that start at record boundaries, so
// that threads can read it side by side. A byte offset alone does not say
// whether it is inside a quoted field (comments carry commas, quotes and line
// breaks), and guessing wrong loses or splits rows: DuckDB and Polars have
// both shipped such bugs.
//
// The CSV reader's lexing is a five-state machine (record start, field
// start, unquoted field, quoted field, a quote inside a quoted field). From a
// split point the finder runs all five states side by side until they agree;
// from there the state is certain, whatever it was at the split point, and
// the next line end in that state is a record boundary. A file without
// quotes never rules out "inside a quoted field" that way, so when no quote
// comes between the last boundary and the split point, that state is ruled
// out first. When the states still do not agree within the window (a quoted
// field spanning it), the split point is dropped and the chunk before it
// grows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koe {

// The offset in `bytes` where the first record certainly starts, given that
// `bytes` begins at an unknown point of a file read with `delimiter`; none
// when no offset in `bytes` is certain. A record ending in CR LF is split
// after the LF, never between the two.
// `may_be_quoted` false: the bytes are known not to start inside a quoted
// field (no quote since the last record boundary).
std::optional<std::size_t> next_record_start(std::string_view bytes, char delimiter,
                                             bool may_be_quoted = true);

// Record boundaries that cut the bytes [begin, end) of the file at `path`
// into about `parts` chunks: begin, then each boundary found, then end.
// Chunks are at least `min_bytes` long; fewer come back when the file is
// small or a boundary cannot be found near a split point.
std::vector<std::uint64_t> csv_chunk_bounds(const std::string& path, std::uint64_t begin,
                                            std::uint64_t end, char delimiter, std::size_t parts,
                                            std::uint64_t min_bytes);

// NDJSON: the offset after the first line end that a line holding the
// start of an object ('{', after white space) follows; none in `bytes`. A
// pretty-printed object can have such a line inside it: the chunk readers
// then fail, and the scan reads the input again on one thread.
std::optional<std::size_t> next_object_line(std::string_view bytes);

// The same as csv_chunk_bounds for NDJSON.
std::vector<std::uint64_t> ndjson_chunk_bounds(const std::string& path, std::uint64_t begin,
                                               std::uint64_t end, std::size_t parts,
                                               std::uint64_t min_bytes);

}  // namespace koe
