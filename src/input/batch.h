// A batch of records handed out by a reader: only the columns a tool asked
// for, as views into the reader's buffer, valid until the next batch is read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace koe {

// An allocator whose resize() leaves new elements of a trivial type
// unwritten: readers make room for a run of records at a time and write
// every cell of each record they take, so zeroing the room first (as
// std::allocator does) is a wasted pass over it.
template <class T>
struct Unzeroed : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = Unzeroed<U>;
  };
  Unzeroed() = default;
  template <class U>
  Unzeroed(const Unzeroed<U>&) noexcept {}

  template <class U, class... Args>
  void construct(U* at, Args&&... args) {
    if constexpr (sizeof...(Args) == 0 && std::is_trivially_copyable_v<U> &&
                  std::is_trivially_destructible_v<U>) {
      (void)at;
    } else {
      ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
    }
  }
};

template <class T>
using BatchVector = std::vector<T, Unzeroed<T>>;

struct Batch {
  std::string_view file;                // source of every record here
  BatchVector<std::uint64_t> lines;     // line each record starts on
  BatchVector<std::string_view> cells;  // record by record, `width` selected columns each
  BatchVector<std::string_view> raw;    // each record's own bytes, if asked
  std::size_t width = 0;

  std::size_t size() const { return lines.size(); }
  bool empty() const { return lines.empty(); }

  // One flat array, row after row: a record's fields are adjacent (a row
  // writer takes them as one span), and a header of millions of selected
  // columns costs one view per column, not one vector per column.
  std::string_view cell(std::size_t record, std::size_t column) const {
    return cells[record * width + column];
  }
  std::span<const std::string_view> record(std::size_t index) const {
    return {cells.data() + index * width, width};
  }

  void reset(std::size_t column_count) {
    lines.clear();
    raw.clear();
    cells.clear();
    width = column_count;
  }

  // How many records a batch should hold: `wanted`, but fewer when records
  // are very wide so a batch stays near a million cells.
  static std::size_t rows_for(std::size_t wanted, std::size_t column_count) {
    constexpr std::size_t kCells = std::size_t{1} << 20;
    if (column_count == 0 || wanted * column_count <= kCells) return wanted;
    return std::max<std::size_t>(1, kCells / column_count);
  }
};

}  // namespace koe
