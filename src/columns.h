// Column selection shared by every tool: a column is named by its header name
// or by its 1-based position. An unknown name is a usage error that lists the
// columns that exist and suggests the closest one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace koe {

// Resolves one column spec to a 0-based index. A spec equal to a header name
// names that column, and so does one equal to it once trimmed of white
// space; otherwise a spec of digits is a 1-based position. `option` names
// the flag in messages (e.g. "--score").
std::size_t resolve_column(const std::vector<std::string>& header, std::string_view spec,
                           std::string_view option);

// Resolves a list of specs. Each given spec may itself be a comma-separated
// list (--by plan,region), unless the whole text is a column name (names may
// contain commas).
std::vector<std::size_t> resolve_columns(const std::vector<std::string>& header,
                                         const std::vector<std::string>& specs,
                                         std::string_view option);

// Edit distance between two names over code points, compared trimmed and
// after NFKC and case folding (ﾌﾟﾗﾝ is プラン, ｓｃｏｒｅ is score).
std::size_t name_distance(std::string_view a, std::string_view b);

// The header name closest to `spec` (name_distance), or "" when nothing is
// close enough to be a likely typo. A name that differs only in width,
// case or surrounding spaces is at distance 0: suggested, never taken.
std::string closest_name(const std::vector<std::string>& header, std::string_view spec);

}  // namespace koe
