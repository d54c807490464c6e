#include "input/csv_scan.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <cstdlib>
#include <string_view>

// x86-64 builds carry the SSE2 and AVX2 kernels (chosen at run time, so
// the default build still runs on any x86-64); others the portable one.
#if defined(__x86_64__)
#include <immintrin.h>
#define KOE_CSV_X86 1
#else
#define KOE_CSV_X86 0
#endif

namespace koe {

namespace {

constexpr char kQuote = '"';

// Bit i of the result: the XOR of bits 0..i (odd quotes so far: inside).
constexpr std::uint64_t prefix_xor(std::uint64_t bits) {
  bits ^= bits << 1;
  bits ^= bits << 2;
  bits ^= bits << 4;
  bits ^= bits << 8;
  bits ^= bits << 16;
  bits ^= bits << 32;
  return bits;
}

// The masks of one block from the bytes that are quotes, delimiters, line
// ends (CR or LF) and line feeds, given `inside`: the prefix XOR of the
// quotes. Inside quotes are the opening quote and the bytes after it, up to
// and without the closing quote.
inline CsvBlockMasks combine(std::uint64_t quotes, std::uint64_t delimiters,
                             std::uint64_t line_ends, std::uint64_t newlines, std::uint64_t inside,
                             CsvScanCarry& carry) {
  const std::uint64_t separators = delimiters | line_ends;
  inside ^= carry.inside;
  carry.inside = 0 - (inside >> 63);
  // A quote that opens a quoted region must follow a delimiter, a line end
  // (a field start) or a quote (the second of a doubled pair); any other is
  // literal text to the lexer.
  const std::uint64_t before = separators | quotes;
  const std::uint64_t may_open = (before << 1) | carry.opens;
  carry.opens = before >> 63;
  const std::uint64_t literal = quotes & inside & ~may_open;
  const std::uint64_t outside = separators & ~inside;
  return {outside | literal, (outside & line_ends) | literal, newlines & inside};
}

// Eight bytes at a time in a 64-bit word: the high bit of each byte of
// `word` that equals the byte repeated in `repeated` ...
constexpr std::uint64_t equal_bytes(std::uint64_t word, std::uint64_t repeated) {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7F;
  const std::uint64_t x = word ^ repeated;
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}
// ... and those high bits gathered into the low byte, byte i to bit i.
constexpr std::uint64_t gather_high_bits(std::uint64_t high) {
  return ((high >> 7) * 0x0102040810204080) >> 56;
}

void scan_portable(const char* data, std::size_t blocks, char delimiter, CsvScanCarry& carry,
                   CsvBlockMasks* out) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  const std::uint64_t quote = kOnes * static_cast<unsigned char>(kQuote);
  const std::uint64_t delim = kOnes * static_cast<unsigned char>(delimiter);
  const std::uint64_t line_feed = kOnes * '\n';
  const std::uint64_t carriage_return = kOnes * '\r';
  for (std::size_t b = 0; b < blocks; ++b, data += 64) {
    std::uint64_t quotes = 0, delimiters = 0, line_ends = 0, newlines = 0;
    for (unsigned part = 0; part < 8; ++part) {
      std::uint64_t word;
      std::memcpy(&word, data + 8 * part, 8);
      if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
      const std::uint64_t lf = equal_bytes(word, line_feed);
      quotes |= gather_high_bits(equal_bytes(word, quote)) << (8 * part);
      delimiters |= gather_high_bits(equal_bytes(word, delim)) << (8 * part);
      line_ends |= gather_high_bits(lf | equal_bytes(word, carriage_return)) << (8 * part);
      newlines |= gather_high_bits(lf) << (8 * part);
    }
    out[b] = combine(quotes, delimiters, line_ends, newlines, prefix_xor(quotes), carry);
  }
}

#if KOE_CSV_X86

std::uint64_t movemask16(__m128i bytes, int part) {
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(bytes))) << (16 * part);
}

void scan_sse2(const char* data, std::size_t blocks, char delimiter, CsvScanCarry& carry,
               CsvBlockMasks* out) {
  const __m128i quote = _mm_set1_epi8(kQuote);
  const __m128i delim = _mm_set1_epi8(delimiter);
  const __m128i line_feed = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  for (std::size_t b = 0; b < blocks; ++b, data += 64) {
    std::uint64_t quotes = 0, delimiters = 0, line_ends = 0, newlines = 0;
    for (int part = 0; part < 4; ++part) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * part));
      const __m128i lf = _mm_cmpeq_epi8(bytes, line_feed);
      quotes |= movemask16(_mm_cmpeq_epi8(bytes, quote), part);
      delimiters |= movemask16(_mm_cmpeq_epi8(bytes, delim), part);
      line_ends |= movemask16(_mm_or_si128(lf, _mm_cmpeq_epi8(bytes, carriage_return)), part);
      newlines |= movemask16(lf, part);
    }
    out[b] = combine(quotes, delimiters, line_ends, newlines, prefix_xor(quotes), carry);
  }
}

__attribute__((target("avx2"))) std::uint64_t movemask32(__m256i bytes, int part) {
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm256_movemask_epi8(bytes)))
         << (32 * part);
}

__attribute__((target("avx2,pclmul"))) void scan_avx2(const char* data, std::size_t blocks,
                                                      char delimiter, CsvScanCarry& carry,
                                                      CsvBlockMasks* out) {
  const __m256i quote = _mm256_set1_epi8(kQuote);
  const __m256i delim = _mm256_set1_epi8(delimiter);
  const __m256i line_feed = _mm256_set1_epi8('\n');
  const __m256i carriage_return = _mm256_set1_epi8('\r');
  const __m128i all_ones = _mm_set1_epi8(-1);
  for (std::size_t b = 0; b < blocks; ++b, data += 64) {
    std::uint64_t quotes = 0, delimiters = 0, line_ends = 0, newlines = 0;
    for (int part = 0; part < 2; ++part) {
      const __m256i bytes =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + 32 * part));
      const __m256i lf = _mm256_cmpeq_epi8(bytes, line_feed);
      quotes |= movemask32(_mm256_cmpeq_epi8(bytes, quote), part);
      delimiters |= movemask32(_mm256_cmpeq_epi8(bytes, delim), part);
      line_ends |=
          movemask32(_mm256_or_si256(lf, _mm256_cmpeq_epi8(bytes, carriage_return)), part);
      newlines |= movemask32(lf, part);
    }
    // Carry-less multiplication by all ones is the prefix XOR.
    const std::uint64_t inside = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_clmulepi64_si128(
        _mm_set_epi64x(0, static_cast<long long>(quotes)), all_ones, 0)));
    out[b] = combine(quotes, delimiters, line_ends, newlines, inside, carry);
  }
}

#endif  // KOE_CSV_X86

bool cpu_has(CsvKernel kernel) {
  switch (kernel) {
    case CsvKernel::lexer:
    case CsvKernel::portable:
      return true;
#if KOE_CSV_X86
    case CsvKernel::sse2:
      return true;
    case CsvKernel::avx2:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul");
#else
    case CsvKernel::sse2:
    case CsvKernel::avx2:
      return false;
#endif
  }
  return false;
}

CsvKernel default_kernel() {
  if (const char* name = std::getenv("KOE_CSV_KERNEL")) {
    auto kernel = parse_name(kCsvKernelNames, name);
    if (kernel && cpu_has(*kernel)) return *kernel;
  }
  for (CsvKernel kernel : {CsvKernel::avx2, CsvKernel::sse2})
    if (cpu_has(kernel)) return kernel;
  // The portable kernel reads about as fast as the lexer (measured on
  // x86-64: 1% slower on plain comments, 6% faster on quoted ones), so
  // without SIMD the lexer stays.
  return CsvKernel::lexer;
}

// -1: not forced; else the forced kernel's value.
std::atomic<int> forced_kernel{-1};

}  // namespace

bool csv_kernel_supported(CsvKernel kernel) { return cpu_has(kernel); }

CsvScanFunction csv_scan_function(CsvKernel kernel) {
  if (!cpu_has(kernel)) return nullptr;
  switch (kernel) {
    case CsvKernel::lexer:
      return nullptr;
    case CsvKernel::portable:
      return scan_portable;
#if KOE_CSV_X86
    case CsvKernel::sse2:
      return scan_sse2;
    case CsvKernel::avx2:
      return scan_avx2;
#else
    case CsvKernel::sse2:
    case CsvKernel::avx2:
      return nullptr;
#endif
  }
  return nullptr;
}

CsvKernel csv_kernel() {
  static const CsvKernel chosen = default_kernel();
  int forced = forced_kernel.load(std::memory_order_relaxed);
  return forced >= 0 ? static_cast<CsvKernel>(forced) : chosen;
}

void force_csv_kernel(std::optional<CsvKernel> kernel) {
  forced_kernel.store(kernel ? static_cast<int>(*kernel) : -1, std::memory_order_relaxed);
}

namespace {

// Writes the offsets of the set bits of `bits` (a block at `at`) to `out`,
// which has room for kUnrolled more than it will hold, and returns how many
// there are. The first kUnrolled are written whatever their number, so the
// usual few cost no branch (the top bit keeps the count of trailing zeros
// defined, and past the last set bit writes a value no one reads).
template <int kUnrolled>
std::size_t list_bits(std::uint64_t bits, std::uint32_t at, std::uint32_t* out) {
  const auto count = static_cast<std::size_t>(CsvIndex::count_bits(bits));
  for (int k = 0; k < kUnrolled; ++k) {
    out[k] = at + static_cast<std::uint32_t>(__builtin_ctzll(bits | std::uint64_t{1} << 63));
    bits &= bits - 1;
  }
  for (out += kUnrolled; bits != 0; bits &= bits - 1)
    *out++ = at + static_cast<std::uint32_t>(__builtin_ctzll(bits));
  return count;
}

constexpr int kUnrolledStops = 2;

}  // namespace

void CsvIndex::start(const char* record, const char* end, CsvScanFunction scan, char delimiter) {
  scan_ = scan;
  delimiter_ = delimiter;
  end_ = end;
  window_blocks_ = kFirstBlocks;
  index(record, window_blocks_);
}

bool CsvIndex::extend(const char* record) {
  if (window_ + 64 * blocks_ >= end_) return false;
  // A window grown for a long record stays that large: the next records
  // are likely as long.
  std::size_t blocks = window_blocks_ < kWindowBlocks ? window_blocks_ * 2 : window_blocks_;
  if (record == window_) {
    if (blocks_ == kMaxBlocks) return false;
    blocks = std::min(kMaxBlocks, std::max(blocks, blocks_ * 2));
  }
  window_blocks_ = blocks;
  index(record, blocks);
  return true;
}

KOE_POPCNT_CLONES void CsvIndex::index(const char* record, std::size_t blocks) {
  blocks = std::min(blocks, static_cast<std::size_t>(end_ - record + 63) / 64);
  if (masks_.size() < blocks + 1) {
    masks_.resize(blocks + 1);
    ends_before_.resize(blocks + 1);
    newlines_before_.resize(blocks);
    stops_.resize(64 * blocks + kUnrolledStops);
  }
  CsvScanCarry carry;  // a record start: outside quotes, where a quote opens a field
  scan_(record, blocks, delimiter_, carry, masks_.data());
  masks_[blocks] = {};
  std::size_t ends = 0, stops = 0;
  std::uint64_t newlines = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    ends_before_[b] = static_cast<std::uint32_t>(ends);
    newlines_before_[b] = newlines;
    ends += count_bits(masks_[b].ends);
    stops += list_bits<kUnrolledStops>(masks_[b].stops, static_cast<std::uint32_t>(64 * b),
                                       stops_.data() + stops);
    newlines += count_bits(masks_[b].quoted_newlines);
  }
  ends_before_[blocks] = static_cast<std::uint32_t>(ends);
  window_ = record;
  blocks_ = blocks;
  stop_count_ = stops;
  position_ = {};
  resume_ = record;
}

}  // namespace koe
