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
#include <vector>

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

// The field ends of a window of a buffer that starts at a record, indexed
// in one pass: a record ends at the next of the listed line ends, and its
// field ends are counted (ranked) by the bits set before them, so a record
// is placed without a branch per field or per block. The bytes
// from the window's start to `end` must be followed by at least 63 readable
// bytes that are not structural (the reader's buffer keeps zeroed padding).
class CsvIndex {
 public:
  // Windows start small (an index that a literal quote soon stops has cost
  // little) and double up to kWindowBlocks; only a record too long for that
  // grows them further, up to kMaxBlocks. A longer record is the lexer's.
  static constexpr std::size_t kFirstBlocks = 2;
  static constexpr std::size_t kWindowBlocks = 256;
  static constexpr std::size_t kMaxBlocks = 4096;

  // Indexes a first window from `record`, a record start before `end`.
  void start(const char* record, const char* end, CsvScanFunction scan, char delimiter);
  void clear() { resume_ = nullptr; }
  // Whether the index goes on at `record` in a buffer that ends at `end`.
  bool resumes_at(const char* record, const char* end) const {
    return record == resume_ && end == end_;
  }
  // Indexes a new window from `record`, a record start that the window
  // holds no line end after. False when none would help: the window
  // reaches `end` already (the record is cut off), or it started at
  // `record` and is as large as a window gets.
  bool extend(const char* record);

  // Where the walk is: the rank of the next field end, the place in
  // stops() of the next line end, and the line feeds inside quotes before
  // the record it is at.
  struct Position {
    std::size_t end = 0;
    std::size_t stop = 0;
    std::uint64_t newlines = 0;
  };
  Position position() const { return position_; }
  // Saves the walk, to go on at `record` with the same buffer.
  void save(const char* record, const Position& position) {
    resume_ = record;
    position_ = position;
  }

  // The window: its first byte, and the offsets from there of the field
  // ends that may end a record (line ends, and quotes the lexer reads as
  // text), ascending.
  const char* base() const { return window_; }
  const std::uint32_t* stops() const { return stops_.data(); }
  std::size_t stop_count() const { return stop_count_; }

  // The field ends (delimiters and line ends outside quotes, and quotes the
  // lexer reads as text) in the 64 bytes from `offset`: bit i is byte
  // offset + i.
  std::uint64_t ends_from(std::uint32_t offset) const {
    const std::size_t block = offset / 64;
    const unsigned shift = offset % 64;
    const std::uint64_t low = masks_[block].ends >> shift;
    return shift == 0 ? low : low | masks_[block + 1].ends << (64 - shift);
  }
  // The rank of `offset`, a field end: how many field ends come before it
  // in the window.
  std::size_t rank(std::uint32_t offset) const {
    return ends_before_[offset / 64] + bits_before(masks_[offset / 64].ends, offset);
  }
  // Line feeds inside quotes before `offset` in the window.
  std::uint64_t quoted_newlines_before(std::uint32_t offset) const {
    return newlines_before_[offset / 64] +
           bits_before(masks_[offset / 64].quoted_newlines, offset);
  }

  // The number of set bits: one instruction in code built for (or cloned
  // for, see KOE_POPCNT_CLONES) processors that have it.
  static std::uint64_t count_bits(std::uint64_t bits) {
    return static_cast<std::uint64_t>(__builtin_popcountll(bits));
  }

 private:
  // The bits of `block_mask` (the block of `offset`) before `offset`.
  static std::uint64_t bits_before(std::uint64_t block_mask, std::uint32_t offset) {
    return count_bits(block_mask & ((std::uint64_t{1} << (offset % 64)) - 1));
  }
  // Indexes `blocks` blocks (fewer if the bytes before end_ end sooner)
  // from `record` into the lists.
  void index(const char* record, std::size_t blocks);

  CsvScanFunction scan_ = nullptr;
  char delimiter_ = ',';
  const char* end_ = nullptr;
  const char* window_ = nullptr;  // the first indexed byte, a record start
  std::size_t blocks_ = 0;        // blocks indexed from window_
  std::size_t window_blocks_ = kFirstBlocks;
  std::size_t stop_count_ = 0;
  Position position_;
  const char* resume_ = nullptr;
  std::vector<CsvBlockMasks> masks_;            // and one of no bits after the last
  std::vector<std::uint32_t> ends_before_;     // per block, and the total after the last
  std::vector<std::uint64_t> newlines_before_;  // per block: quoted line feeds before it
  std::vector<std::uint32_t> stops_;           // with room to write past the last
};

// The field ends of one record, taken in order from its start, 64 bytes
// of the index at a time. A record's fields sit at about the same places in
// every record of a file, so the branches here are predicted. The record's
// line end must be in the index's window: every field end before it is
// then found.
class CsvRecordEnds {
 public:
  CsvRecordEnds(const CsvIndex& index, const char* record)
      : index_(index),
        base_(index.base()),
        near_at_(static_cast<std::uint32_t>(record - base_)),
        near_(index.ends_from(near_at_)) {}

  // The next field end.
  const char* next() {
    while (near_ == 0) near_ = index_.ends_from(near_at_ += 64);
    const char* found = base_ + near_at_ + __builtin_ctzll(near_);  // not zero here
    near_ &= near_ - 1;
    return found;
  }
  // Passes the next `count` field ends (at least one) and returns the last.
  const char* pass(std::size_t count) {
    // Stretches of 64 bytes whose ends are all passed, counted at once ...
    while (CsvIndex::count_bits(near_) < count) {
      count -= CsvIndex::count_bits(near_);
      near_ = index_.ends_from(near_at_ += 64);
    }
    // ... then the rest, cleared one by one.
    for (; count > 1; --count) near_ &= near_ - 1;
    return next();
  }

 private:
  const CsvIndex& index_;
  const char* base_;
  std::uint32_t near_at_;  // where the 64 bytes of `near_` start, from base_
  std::uint64_t near_;     // their field ends not yet taken
};

}  // namespace koe
