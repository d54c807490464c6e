// The CSV reader's structural index: where fields end, found 64 bytes at a
// time, with the bytes inside quoted fields resolved without a branch per
// byte (simdjson's stage 1 and simdcsv, applied to the reader's lexer).
//
// A kernel turns each 64-byte block into bit masks: the delimiters, line
// ends and quotes in it. A quote toggles "inside quotes", so the prefix XOR
// of the quote mask (a carry-less multiply by all ones where the CPU has
// one) marks the bytes inside quoted fields; a delimiter or line end outside
// them ends a field. Doubled quotes toggle twice and need no special case.
//
// The toggle model and the reader's lexer agree while every quote that
// toggles into "inside" stands at the start of a field (or right after a
// closing quote: a doubled quote). The lexer reads other quotes as literal
// text (x"y, "ab"c"d), so the kernel marks each such quote as a field end
// too: the reader, finding a quote where a field should end, reads that
// record with the lexer and starts a new index after it. Everything before
// such a quote is placed the same by both.
//
// Kernels: AVX2 with PCLMUL, SSE2, and a portable one, chosen at run time;
// the lexer alone (no index) stays as the reference every kernel is held to
// (tests/input/csv_scan_test.cc, the csv_differential fuzz target).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "names.h"

// The reader's loop counts fields and quoted line feeds with count_bits; on
// x86-64 it is built twice, with and without the popcnt instruction (every
// processor with AVX2 has it; the x86-64 baseline does not), and the loader
// picks one. Clang's sanitizer builds keep the one portable copy.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define KOE_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define KOE_POPCNT_CLONES
#endif

namespace koe {

enum class CsvKernel : std::uint8_t { lexer, portable, sse2, avx2 };

inline constexpr NameTable<CsvKernel, 4> kCsvKernelNames{{
    {"lexer", CsvKernel::lexer},
    {"portable", CsvKernel::portable},
    {"sse2", CsvKernel::sse2},
    {"avx2", CsvKernel::avx2},
}};

// What a block passes to the next: whether it ended inside quotes, and
// whether its last byte lets a quote after it open a quoted field (a
// delimiter, line end or quote; the first block of an index starts at a
// record, so a quote there opens one).
struct CsvScanCarry {
  std::uint64_t inside = 0;  // all ones: the block ended inside quotes
  std::uint64_t opens = 1;   // bit 0: a quote in the next block's byte 0 may open a field
};

// One 64-byte block; bit i is byte i.
struct CsvBlockMasks {
  // Delimiters and line ends outside quotes, and quotes the lexer reads as
  // literal text (they stop the index).
  std::uint64_t ends = 0;
  // The same without the delimiters: where a record may end.
  std::uint64_t stops = 0;
  // Line feeds inside quoted fields (a record's line count grows by them).
  std::uint64_t quoted_newlines = 0;
};

// Indexes `blocks` blocks of 64 bytes from `data`. `delimiter` is not a
// quote, a line end or NUL (the reader uses the lexer for those).
using CsvScanFunction = void (*)(const char* data, std::size_t blocks, char delimiter,
                                 CsvScanCarry& carry, CsvBlockMasks* out);

// Whether this build and this CPU can run `kernel`.
bool csv_kernel_supported(CsvKernel kernel);
// The kernel's function; none for the lexer or an unsupported kernel.
CsvScanFunction csv_scan_function(CsvKernel kernel);
// The kernel new readers use: the forced one, else the one named by the
// environment variable KOE_CSV_KERNEL (for measurements), else the fastest
// supported SIMD kernel, else the lexer.
CsvKernel csv_kernel();
// Test hook: makes readers opened from now on use `kernel` (none: back to
// the default). Not for use while readers are being opened on other threads.
void force_csv_kernel(std::optional<CsvKernel> kernel);

// Whether the index can serve a file with this delimiter.
constexpr bool csv_index_delimiter(char delimiter) {
  return delimiter != '"' && delimiter != '\n' && delimiter != '\r' && delimiter != '\0';
}

// A cursor over the field ends of one stretch of a buffer, from a record
// start onwards, indexed a window of blocks at a time as it advances. The
// bytes from the start to `end` must be followed by at least 63 readable
// bytes that are not structural (the reader's buffer keeps zeroed padding).
class CsvIndex {
 public:
  static constexpr std::size_t kMaxBlocks = 64;

  void start(const char* record, const char* end, CsvScanFunction scan, char delimiter);
  void clear() { resume_ = nullptr; }
  // Whether the index goes on at `record` in a buffer that ends at `end`.
  bool resumes_at(const char* record, const char* end) const {
    return record == resume_ && end == end_;
  }
  void set_resume(const char* record) { resume_ = record; }

  // Where the walk is: a block and its field ends not yet taken. A reader
  // walks a copy (kept in registers) and saves it.
  struct Cursor {
    const char* block = nullptr;
    std::uint64_t bits = 0;   // none left: call next_block()
    std::uint64_t stops = 0;  // the block's CsvBlockMasks::stops
  };
  Cursor cursor() const {
    return {window_ + 64 * block_, bits_, block_ < blocks_ ? masks_[block_].stops : 0};
  }
  void save(const Cursor& cursor) { bits_ = cursor.bits; }

  // Takes the next field end (a delimiter or line end outside quotes, or a
  // quote the lexer must place) into `at`; false when the bytes before
  // `end` hold no more.
  bool take(Cursor& cursor, const char*& at) {
    if (cursor.bits == 0 && (cursor = next_block()).bits == 0) return false;
    at = cursor.block + __builtin_ctzll(cursor.bits);
    cursor.bits &= cursor.bits - 1;
    return true;
  }
  // Passes over the next `count` (at least 1) field ends, which must be
  // delimiters, leaving the last in `at`; false when one is not (a line end
  // or a literal quote, then in `stop`) or the bytes before `end` hold
  // fewer.
  bool pass(Cursor& cursor, std::size_t count, const char*& at, const char*& stop) {
    for (;;) {
      if (cursor.bits == 0 && (cursor = next_block()).bits == 0) return false;
      std::uint64_t bits = cursor.bits;
      do {
        bits &= bits - 1;
      } while (--count != 0 && bits != 0);
      const std::uint64_t passed = cursor.bits ^ bits;
      if ((passed & cursor.stops) != 0) {
        stop = cursor.block + __builtin_ctzll(passed & cursor.stops);
        return false;
      }
      cursor.bits = bits;
      if (count == 0) {
        at = cursor.block + (63 - __builtin_clzll(passed));
        return true;
      }
    }
  }
  // Takes the next field end that may end a record (a line end, or a quote
  // the lexer must place) into `at`, adding the delimiters before it to
  // `fields`; false when the bytes before `end` hold no more.
  bool take_stop(Cursor& cursor, const char*& at, std::size_t& fields) {
    for (;;) {
      const std::uint64_t stops = cursor.bits & cursor.stops;
      if (stops != 0) {
        const std::uint64_t before = (stops & (0 - stops)) - 1;
        fields += count_bits(cursor.bits & before);
        cursor.bits &= ~before;
        return take(cursor, at);
      }
      fields += count_bits(cursor.bits);
      if ((cursor = next_block()).bits == 0) return false;
    }
  }

  // Line feeds inside quotes since the record start, up to `line_end`: the
  // field end taken last, which starts the count of the next record.
  std::uint64_t end_record(const char* line_end) {
    if (newlines_ == record_newlines_) return 0;  // none up to the window's end
    const auto offset = static_cast<unsigned>(line_end - (window_ + 64 * block_));
    std::uint64_t lines = newlines_before_[block_];
    const std::uint64_t quoted =
        masks_[block_].quoted_newlines & ((std::uint64_t{1} << offset) - 1);
    if (quoted != 0) lines += count_bits(quoted);
    const std::uint64_t inside = lines - record_newlines_;
    record_newlines_ = lines;
    return inside;
  }

  // The number of set bits: one instruction in code built for (or cloned
  // for, see KOE_POPCNT_CLONES) processors that have it.
  static std::uint64_t count_bits(std::uint64_t bits) {
    return static_cast<std::uint64_t>(__builtin_popcountll(bits));
  }

 private:
  static constexpr std::size_t kFirstBlocks = 2;

  // The next block holding field ends; none (no bits) when there is none
  // before end_.
  Cursor next_block() {
    for (;;) {
      if (++block_ >= blocks_ && !advance()) return {};
      if (masks_[block_].ends != 0)
        return {window_ + 64 * block_, masks_[block_].ends, masks_[block_].stops};
    }
  }
  // Indexes the next window; false when the bytes before end_ are all
  // indexed.
  [[gnu::noinline]] bool advance();

  CsvScanFunction scan_ = nullptr;
  char delimiter_ = ',';
  const char* end_ = nullptr;
  const char* window_ = nullptr;  // the first indexed block
  std::size_t blocks_ = 0;        // blocks indexed from window_
  std::size_t block_ = 0;         // the block the walk is in
  std::uint64_t bits_ = 0;        // its field ends not yet taken
  std::size_t window_blocks_ = kFirstBlocks;
  CsvScanCarry carry_;
  std::uint64_t newlines_ = 0;         // quoted line feeds before the window's end
  std::uint64_t record_newlines_ = 0;  // ... before the current record
  const char* resume_ = nullptr;
  CsvBlockMasks masks_[kMaxBlocks] = {};
  std::uint64_t newlines_before_[kMaxBlocks] = {};
};

}  // namespace koe
