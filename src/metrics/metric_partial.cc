#include "metrics/metric_partial.h"

#include <fmt/format.h>

#include "dimension.h"
#include "error.h"

namespace koe {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

}  // namespace

PartialHeader metric_partial_header(std::string tool, const std::string& score,
                                    const MetricOptions& options,
                                    std::vector<std::pair<std::string, std::string>> extra) {
  PartialHeader header;
  header.tool = std::move(tool);
  header.options = {{"--score", score},
                    {"--weight", options.weight},
                    {"--by", joined(options.by)},
                    {"--na", joined(options.na_codes)}};
  header.options.insert(header.options.end(), extra.begin(), extra.end());
  return header;
}

void refuse_quantiles(const std::vector<std::string>& header, const std::vector<std::string>& by) {
  for (const auto& dimension : parse_dimensions(header, by, "--by"))
    if (dimension.kind() == Dimension::Kind::quantiles)
      throw_usage(fmt::format(
          "--by {}: quantile edges need the whole column, which no shard of a --partial run "
          "holds; cut at fixed edges with bins({}, ...) (a single run's \"dimensions\" in -o json "
          "lists the quantile edges it used)",
          dimension.name(), dimension.column_name()));
}

}  // namespace koe
