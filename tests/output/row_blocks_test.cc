#include "output/row_blocks.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

using koe::output::for_row_blocks;
using koe::output::kRowsPerBlock;

namespace {

// The first and last row of each block handed on, in the order handed.
std::vector<std::string> handed(std::size_t count, std::size_t threads, std::size_t failing_block,
                                bool fail_in_done) {
  std::vector<std::string> out;
  for_row_blocks<std::string>(
      count, threads,
      [&](std::size_t first, std::size_t last, std::string& text) {
        if (!fail_in_done && first / kRowsPerBlock == failing_block)
          throw std::runtime_error("block failed");
        text = std::to_string(first) + "-" + std::to_string(last);
      },
      [&](const std::string& text) {
        if (fail_in_done && out.size() == failing_block) throw std::runtime_error("write failed");
        out.push_back(text);
      });
  return out;
}

}  // namespace

TEST_CASE("row blocks are handed on in row order on any number of threads") {
  const std::size_t count = 25 * kRowsPerBlock + 7;
  std::vector<std::string> expected;
  for (std::size_t first = 0; first < count; first += kRowsPerBlock)
    expected.push_back(std::to_string(first) + "-" + std::to_string(std::min(count, first + kRowsPerBlock)));
  for (std::size_t threads : {1, 2, 3, 8}) {
    CAPTURE(threads);
    CHECK(handed(count, threads, SIZE_MAX, false) == expected);
    CHECK(handed(0, threads, SIZE_MAX, false).empty());
    CHECK(handed(5, threads, SIZE_MAX, false) == std::vector<std::string>{"0-5"});
  }
}

TEST_CASE("a failing row block or write stops the blocks and reaches the caller") {
  const std::size_t count = 40 * kRowsPerBlock;
  for (std::size_t threads : {1, 2, 3, 8}) {
    CAPTURE(threads);
    CHECK_THROWS_WITH(handed(count, threads, 13, false), "block failed");
    CHECK_THROWS_WITH(handed(count, threads, 13, true), "write failed");
  }
}
