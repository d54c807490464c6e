// The CSV reader's kernels this machine runs (input/csv_scan.h), and a guard
// that makes readers opened in its scope use one of them: tests and fuzz
// targets read the same text through each and require the lexer's answer.
#pragma once

#include <vector>

#include "input/csv_scan.h"

namespace koe::testing {

inline std::vector<CsvKernel> supported_csv_kernels() {
  std::vector<CsvKernel> kernels;
  for (const auto& name : kCsvKernelNames)
    if (csv_kernel_supported(name.value)) kernels.push_back(name.value);
  return kernels;
}

class ForcedCsvKernel {
 public:
  explicit ForcedCsvKernel(CsvKernel kernel) { force_csv_kernel(kernel); }
  ~ForcedCsvKernel() { force_csv_kernel(std::nullopt); }
  ForcedCsvKernel(const ForcedCsvKernel&) = delete;
  ForcedCsvKernel& operator=(const ForcedCsvKernel&) = delete;
};

}  // namespace koe::testing
