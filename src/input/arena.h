// Storage for field text that cannot point into the input buffer (unescaped
// quotes, decoded JSON strings). Blocks never move, so views stay valid until
// reset(), which a reader calls when it starts a new batch.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace koe {

class Arena {
 public:
  std::string_view copy(std::string_view text) {
    char* out = allocate(text.size());
    if (!text.empty()) std::memcpy(out, text.data(), text.size());
    return {out, text.size()};
  }

  char* allocate(std::size_t size) {
    for (; current_ < blocks_.size(); ++current_, used_ = 0) {
      if (used_ + size <= blocks_[current_].size) {
        char* out = blocks_[current_].data.get() + used_;
        used_ += size;
        return out;
      }
    }
    std::size_t block_size = std::max(kBlockSize, size);
    blocks_.push_back({std::make_unique<char[]>(block_size), block_size});
    current_ = blocks_.size() - 1;
    used_ = size;
    return blocks_.back().data.get();
  }

  // Keeps the first block so steady-state batches allocate nothing.
  void reset() {
    if (blocks_.size() > 1) blocks_.resize(1);
    current_ = 0;
    used_ = 0;
  }

 private:
  static constexpr std::size_t kBlockSize = 64 * 1024;
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size;
  };
  std::vector<Block> blocks_;
  std::size_t current_ = 0;
  std::size_t used_ = 0;
};

}  // namespace koe
