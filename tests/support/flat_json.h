// A guard that makes JSON readers opened in its scope read flat lines
// themselves (input/json_flat.h) or leave every line to simdjson, so tests
// and fuzz targets can hold the two to the same answer.
#pragma once

#include "input/json_flat.h"

namespace koe::testing {

class ForcedFlatJson {
 public:
  explicit ForcedFlatJson(bool enabled) { force_flat_json(enabled); }
  ~ForcedFlatJson() { force_flat_json(std::nullopt); }
  ForcedFlatJson(const ForcedFlatJson&) = delete;
  ForcedFlatJson& operator=(const ForcedFlatJson&) = delete;
};

}  // namespace koe::testing
