// The read of a key-driver analysis: each row's outcome and driver answers
// classified (valid, missing, invalid) and tallied per column, the rows with
// every answer valid added to the model's sums (listwise deletion), per
// group of the --by dimensions and overall, on several threads when the
// input splits (metric_scan.h). Every row read is accounted for.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "input/record_reader.h"
#include "labels.h"
#include "metrics/metric_scan.h"
#include "stats/drivers.h"
#include "stats/scale.h"
#include "values.h"

namespace koe {

// How the fields of a row are read. The outcome is any number (an NPS 0-10,
// a rating), yes/no (and true/false) as 1/0, or a label of the drivers'
// scale; the drivers are answers on one rating scale, as numbers or labels.
// Each has its own codes for "no answer": a 0 that means "not applicable"
// for the drivers is a valid answer for an NPS outcome.
class DriverAnswers {
 public:
  DriverAnswers(const stats::ScaleDefinition& scale, const LabelMap& labels,
                std::vector<std::string> driver_na, std::vector<std::string> outcome_na);

  NumberAnswer outcome(std::string_view text) const;
  Answer driver(std::string_view text) const { return drivers_.parse(text); }
  bool top(int point) const { return top_[static_cast<std::size_t>(point - low_)]; }
  // What a valid driver answer is, for messages: "an answer 1-5 or a known label".
  const std::string& driver_expected() const { return driver_expected_; }

 private:
  bool outcome_codes_;  // --outcome-na given: no fast path
  NumberParser outcome_;
  ScaleParser drivers_;
  const LabelMap& labels_;
  int low_;
  std::vector<bool> top_;
  std::string driver_expected_;
};

struct DriversScanSpec {
  std::string outcome;
  std::vector<std::string> drivers;  // each may be a comma-separated list
  std::string weight;                // empty: unweighted
  std::vector<std::string> by;
  const Inputs* inputs = nullptr;
};

struct DriversScan {
  explicit DriversScan(const stats::DriversAccumulator& prototype) : scan(prototype) {}
  MetricScan<stats::DriversAccumulator> scan;
  std::vector<std::string> columns;  // header names: the outcome, then the drivers
};

// `groups`: the jackknife groups each accumulator deals its rows to.
DriversScan scan_drivers(RecordReader& reader, const DriversScanSpec& spec,
                         const DriverAnswers& answers, bool strict, std::size_t groups);

// What a valid answer is, for messages: of the outcome, of a driver.
inline constexpr std::string_view kOutcomeExpected = "a number, yes/no or a known label";

}  // namespace koe
