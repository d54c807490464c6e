// How the report writers turn many group rows into text: blocks of rows
// formatted on several threads, handed on strictly in row order, so the
// text is the same for any thread count and memory holds a few blocks.
#pragma once

#include <condition_variable>
#include <exception>
#include <mutex>
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

// Calls `block(first, last, result)` for every block of `count` rows, on
// `threads` threads, each into a fresh Result, then `done(result)` for each
// block in row order on the calling thread. While the next block in order
// is not finished, the calling thread makes one itself rather than wait;
// no block starts more than a few blocks ahead of the last one done, so
// memory holds a few blocks. `block` runs concurrently with itself and must
// only read shared state (row producers finish const accumulators).
template <class Result, class Block, class Done>
void for_row_blocks(std::size_t count, std::size_t threads, Block&& block, Done&& done) {
  const std::size_t blocks = (count + kRowsPerBlock - 1) / kRowsPerBlock;
  auto make = [&](std::size_t b, Result& result) {
    const std::size_t first = b * kRowsPerBlock;
    block(first, std::min(count, first + kRowsPerBlock), result);
  };
  if (threads < 2 || blocks < 2) {
    for (std::size_t b = 0; b < blocks; ++b) {
      Result result{};
      make(b, result);
      done(result);
    }
    return;
  }
  const std::size_t window = threads * 4;
  std::vector<Result> results(window);  // block b waits in results[b % window]
  std::vector<char> finished(window, 0);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;    // the next block to make
  std::size_t handed = 0;  // blocks given to done
  bool stop = false;
  std::exception_ptr failure;
  auto may_start = [&] { return next < blocks && next < handed + window; };
  // Makes block b outside the lock; false when it (or another) failed.
  auto make_one = [&](std::size_t b) {
    // Filled here and moved in whole: neighbouring results share a cache
    // line, and threads appending to them in place would pass it back and
    // forth on every write.
    Result result{};
    try {
      make(b, result);
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();  // it must not leave a thread
      stop = true;
      changed.notify_all();
      return false;
    }
    std::lock_guard lock(mutex);
    results[b % window] = std::move(result);
    finished[b % window] = 1;
    changed.notify_all();
    return true;
  };
  auto helper = [&] {
    for (;;) {
      std::size_t b;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= blocks || may_start(); });
        if (stop || next >= blocks) return;
        b = next++;
      }
      if (!make_one(b)) return;
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(helper);
    try {
      while (handed < blocks) {
        Result result{};
        {
          std::unique_lock lock(mutex);
          while (!stop && !finished[handed % window]) {
            if (may_start()) {
              const std::size_t b = next++;
              lock.unlock();
              make_one(b);
              lock.lock();
            } else {
              changed.wait(lock);
            }
          }
          if (stop) break;
          result = std::move(results[handed % window]);
          finished[handed % window] = 0;
          ++handed;
          changed.notify_all();
        }
        done(result);
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();  // a failed write
    }
    std::lock_guard lock(mutex);
    stop = true;
    changed.notify_all();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace koe::output
