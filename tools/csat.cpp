// csat: customer satisfaction on any rating scale: top-box share with a
// Wilson interval, mean with a t interval, SD and the distribution, overall
// and per group. docs/csat.md is the full reference.
#include "cli/scale_tool.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  csat responses.csv                            the "csat" column, 1-5, top box 4-5
  csat --by plan --weight weight responses.csv  weighted, one row per plan
  csat --score AtmosphereWelcoming survey.csv   "Strongly Agree" ... labels, built in
  csat --scale 0-10 --top-box 9-10 --score q7 survey.csv
  csat --labels 'Poor=1,Fair=2,Good=3,Very good=4,Excellent=5' --score q3 survey.csv
  csat --na 0 --scale 0-5 survey.csv            0 means "not applicable"
  csat --fail-under 80 --min-n 100 nightly.csv  exit 1 when top box < 80% or n < 100

Default boxes: the top two points of scales with four or more points (4-5 on
1-5, 6-7 on 1-7, 9-10 on 0-10), else the top point; the bottom box mirrors it.
)";

}  // namespace

int main(int argc, char** argv) {
  return koe::cli::run_scale_tool(koe::kCsatProfile,
                                  "Customer satisfaction: top-box share, mean and distribution, with intervals",
                                  kExamples, argc, argv);
}
