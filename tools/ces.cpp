// ces: Customer Effort Score: the share agreeing (5-7 on the 1-7 "the company
// made it easy" scale) and the mean, with intervals, overall and per group.
// docs/ces.md is the full reference.
#include "cli/scale_tool.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  ces responses.csv                             the "ces" column, 1-7, agree = 5-7
  ces --by channel --weight weight responses.csv
  ces --score effort --lower-is-better old.csv  1-5 "how much effort", 1-2 = easy
  ces --fail-under-mean 5 nightly.csv           exit 1 when the mean is below 5

Defaults: scale 1-7 (7 = strongly agree that it was easy), agreement box 5-7,
disagreement box 1-3. With --lower-is-better: scale 1-5, favourable box 1-2.
)";

}  // namespace

int main(int argc, char** argv) {
  return koe::cli::run_scale_tool(koe::kCesProfile,
                                  "Customer Effort Score: share agreeing and mean, with intervals",
                                  kExamples, argc, argv);
}
