// How the report writers turn many group rows into text: blocks of rows
// formatted on several threads, handed on strictly in row order, so the
// text is the same for any thread count and memory holds a few blocks.
#pragma once

#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "output/report.h"

namespace koe::output {

// Text on its way to the writer, handed over in large pieces.
class Pieces {
 public:
  explicit Pieces(const TextOut& write) : write_(write) {}
  std::string& text() { return text_; }
  // Hands the text over once there is enough of it to be worth a write.
  void ready() {
    if (text_.size() >= kPiece) finish();
  }
  void finish() {
    if (!text_.empty()) write_(text_);
    text_.clear();
  }
  // A finished block of rows: a large one goes straight to the writer
  // (after what is pending) rather than being copied first.
  void add(std::string_view block) {
    if (block.size() < kPiece) {
      text_ += block;
      ready();
      return;
    }
    finish();
    write_(block);
  }

 private:
  static constexpr std::size_t kPiece = 1 << 16;
  const TextOut& write_;
  std::string text_;
};

inline constexpr std::size_t kRowsPerBlock = 2048;

// Calls `block(first, last, result)` for every block of `count` rows, a few
// at a time on `threads` threads, each into a fresh Result, then
// `done(result)` for each block in row order. `block` runs concurrently with
// itself and must only read shared state (row producers finish const
// accumulators).
template <class Result, class Block, class Done>
void for_row_blocks(std::size_t count, std::size_t threads, Block&& block, Done&& done) {
  const std::size_t blocks = (count + kRowsPerBlock - 1) / kRowsPerBlock;
  if (threads < 2 || blocks < 2) threads = 1;
  const std::size_t wave = threads * 4;
  std::vector<Result> results(wave);
  for (std::size_t start = 0; start < blocks; start += wave) {
    const std::size_t in_wave = std::min(wave, blocks - start);
    std::vector<std::exception_ptr> failures(threads);
    auto work = [&](std::size_t lane) {
      try {
        for (std::size_t b = lane; b < in_wave; b += threads) {
          // Filled here and moved in whole: neighbouring results share a
          // cache line, and threads appending to them in place would pass
          // it back and forth on every write.
          Result result{};
          const std::size_t first = (start + b) * kRowsPerBlock;
          block(first, std::min(count, first + kRowsPerBlock), result);
          results[b] = std::move(result);
        }
      } catch (...) {
        failures[lane] = std::current_exception();  // an exception must not leave a thread
      }
    };
    {
      std::vector<std::jthread> helpers;
      for (std::size_t lane = 1; lane < threads; ++lane) helpers.emplace_back(work, lane);
      work(0);
    }
    for (const auto& failure : failures)
      if (failure) std::rethrow_exception(failure);
    for (std::size_t b = 0; b < in_wave; ++b) done(results[b]);
  }
}

}  // namespace koe::output
