// Adjusting p-values when many comparisons are tested at once.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "names.h"

namespace koe::stats {

enum class Adjustment { holm, benjamini_hochberg, none };

// --adjust.
inline constexpr NameTable<Adjustment, 5> kAdjustmentNames{{
    {"holm", Adjustment::holm},
    {"bh", Adjustment::benjamini_hochberg},
    {"fdr", Adjustment::benjamini_hochberg, false},
    {"benjamini-hochberg", Adjustment::benjamini_hochberg, false},
    {"none", Adjustment::none},
}};

// The name results are labelled with.
std::string_view adjustment_name(Adjustment method);

// Adjusted p-values in the input order. Holm (1979) controls the
// family-wise error rate; Benjamini & Hochberg (1995) the false discovery
// rate. NaN p-values (tests that could not be made) stay NaN and do not
// count as tests.
std::vector<double> adjust_p_values(const std::vector<double>& p, Adjustment method);

}  // namespace koe::stats
