// The options every tool shares (inputs, formats, columns, checks) declared
// once on a CLI11 app, and the edge where library errors become messages
// and exit statuses. Tools add only their own options.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "input/record_reader.h"
#include "output/report.h"

namespace koe::cli {

struct InputOptions {
  std::vector<std::string> files;
  ReaderOptions reader;
};

struct MetricOptions {
  std::vector<std::string> by;
  std::string weight;  // empty: unweighted
  std::vector<std::string> na_codes;
  bool strict = false;
  double confidence = 0.95;
  std::optional<std::uint64_t> min_n;  // explicit --min-n: also a check
  std::optional<double> fail_under;
  output::OutputFormat output = output::OutputFormat::table;
  bool quiet = false;

  // Groups below this many valid answers are flagged "low base".
  std::uint64_t low_base() const { return min_n.value_or(30); }
};

// Accepts a whole number of 0 or more (CLI11's own check prints its range
// as a 309-digit number).
const CLI::Validator& whole_number();

// Declares FILE..., -d, --input-format, --no-header, --skip-rows, --preset,
// --allow-ragged.
void add_input_options(CLI::App& app, InputOptions& options);

// Declares --by, --weight, --na, --strict, --confidence, --min-n,
// --fail-under, -o and --quiet.
void add_metric_options(CLI::App& app, MetricOptions& options);

// Parses the command line and runs `body`, turning every error into one line
// on stderr ("tool: message") and the documented exit status.
int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

// Writes to standard output; a closed pipe ends the program quietly, any
// other failure is an error (exit 3).
void write_stdout(std::string_view text);

}  // namespace koe::cli
