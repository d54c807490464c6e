#include "input/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "error.h"
#include "input/format.h"

namespace koe {

namespace {

constexpr char kQuote = '"';

std::string_view unescape_quotes(std::string_view quoted, Arena& arena) {
  char* out = arena.allocate(quoted.size());
  std::size_t size = 0;
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    out[size++] = quoted[i];
    if (quoted[i] == kQuote) ++i;  // the second quote of a doubled pair
  }
  return {out, size};
}

}  // namespace

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options,
                     char delimiter)
    : source_(std::move(source)), buffer_(*source_, options.buffer_bytes), options_(options), delimiter_(delimiter) {
  ends_unquoted_[static_cast<unsigned char>(delimiter_)] = true;
  ends_unquoted_['\n'] = true;
  ends_unquoted_['\r'] = true;
  if (csv_index_delimiter(delimiter_)) scan_ = csv_scan_function(csv_kernel());

  while (buffer_.size() < 3 && buffer_.refill(1)) {
  }
  if (std::string_view(buffer_.data(), buffer_.size()).starts_with("\xEF\xBB\xBF"))
    buffer_.consume_to(buffer_.data() + 3);

  if (options_.has_header) {
    read_full_record(header_, true);
  } else {
    // Name the columns 1..N after the first record, which stays data.
    std::vector<std::string> first;
    if (read_full_record(first, false))
      for (std::size_t i = 1; i <= first.size(); ++i) header_.push_back(std::to_string(i));
  }
  for (std::size_t i = 0; i < options_.skip_rows; ++i) {
    std::vector<std::string> row;
    if (!read_full_record(row, true)) break;
    label_rows_.push_back(std::move(row));
  }
  // Data records fill only the selected slots: a header of millions of
  // columns should not keep a second view of each for the whole run.
  std::vector<std::string_view>().swap(all_fields_);
}

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options,
                     char delimiter, std::vector<std::string> header)
    : source_(std::move(source)), buffer_(*source_, options.buffer_bytes), options_(options),
      delimiter_(delimiter), header_(std::move(header)) {
  ends_unquoted_[static_cast<unsigned char>(delimiter_)] = true;
  ends_unquoted_['\n'] = true;
  ends_unquoted_['\r'] = true;
  if (csv_index_delimiter(delimiter_)) scan_ = csv_scan_function(csv_kernel());
}

std::optional<RecordReader::DataStart> CsvReader::data_start() const {
  if (!source_->is_plain_file()) return std::nullopt;
  return DataStart{source_->path(), buffer_.offset(), line_};
}

std::vector<InputReading> CsvReader::readings() const {
  if (header_.empty()) return {};
  return {reading_of(options_, Format::csv, delimiter_)};
}

void CsvReader::fail(const std::string& message, std::uint64_t line) const {
  throw_input(message, {source_->name(), line});
}

void CsvReader::select(const std::vector<std::size_t>& columns) {
  // A column asked for twice (a score that is also a --by column) is read
  // once into one slot and handed out in both places. Sized exactly, and
  // 32-bit: a header may have millions of columns, all selected.
  selected_count_ = columns.size();
  slot_of_selection_.clear();
  slot_of_selection_.reserve(columns.size());
  std::size_t highest = 0;
  for (auto column : columns) highest = std::max(highest, column + 1);
  std::vector<int> slot_of_field(std::max(highest, header_.size()), -1);
  int slots = 0;
  for (auto column : columns) {
    if (slot_of_field[column] < 0) slot_of_field[column] = slots++;
    slot_of_selection_.push_back(static_cast<std::uint32_t>(slot_of_field[column]));
  }
  slots_.assign(static_cast<std::size_t>(slots), {});
  slots_are_cells_ = static_cast<std::size_t>(slots) == columns.size();
  slotted_.clear();
  slotted_.reserve(static_cast<std::size_t>(slots));
  for (std::size_t field = 0; field < slot_of_field.size(); ++field)
    if (slot_of_field[field] >= 0)
      slotted_.push_back({static_cast<std::uint32_t>(field),
                          static_cast<std::uint32_t>(slot_of_field[field])});
}

void CsvReader::select_keys(const std::vector<std::string>& names) {
  std::vector<std::size_t> columns;
  for (const auto& name : names) {
    auto found = std::find(header_.begin(), header_.end(), name);
    if (found == header_.end())
      throw_input(fmt::format("no column named \"{}\"", name), {source_->name(), 1});
    columns.push_back(static_cast<std::size_t>(found - header_.begin()));
  }
  select(columns);
}

const char* CsvReader::end_of_unquoted(const char* p, const char* end, FieldEnds& ends) const {
#if defined(__SSE2__)
  // A bit mask of the delimiters and line ends in the 64 bytes from
  // `ends.base`, reused for every field that ends in them: one mask per 64
  // bytes instead of one scan per field. The buffer keeps zeroed padding
  // after `end`, so reading past it is safe, and zeros never end a field.
  while (p < end) {
    if (ends.base == nullptr || p < ends.base || p >= ends.base + 64) {
      const __m128i delimiter = _mm_set1_epi8(delimiter_);
      const __m128i line_feed = _mm_set1_epi8('\n');
      const __m128i carriage_return = _mm_set1_epi8('\r');
      std::uint64_t mask = 0;
      for (int part = 0; part < 4; ++part) {
        __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * part));
        __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, delimiter),
                                                 _mm_cmpeq_epi8(chunk, line_feed)),
                                    _mm_cmpeq_epi8(chunk, carriage_return));
        mask |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hits)))
                << (16 * part);
      }
      ends.base = p;
      ends.mask = mask;
    }
    std::uint64_t rest = ends.mask >> (p - ends.base);
    if (rest) return std::min(end, p + __builtin_ctzll(rest));
    p = ends.base + 64;
  }
  return end;
#else
  (void)ends;
  while (p < end && !ends_unquoted_[static_cast<unsigned char>(*p)]) ++p;
  return p;
#endif
}

const char* CsvReader::skip_blank_lines(const char* p, const char* end) {
  while (p < end && (*p == '\n' || *p == '\r')) {
    if (*p == '\r') {
      if (p + 1 == end && !buffer_.eof()) return p;  // a '\n' may follow
      if (p + 1 < end && p[1] == '\n') ++p;
    }
    ++p;
    ++line_;
  }
  return p;
}

const char* CsvReader::parse_record(const char* p, const char* end) {
  const bool at_eof = buffer_.eof();
  FieldEnds ends;
  field_count_ = 0;
  newlines_inside_ = 0;
  std::size_t next_slotted = 0;  // the next selected field in slotted_
  if (capture_all_) {
    all_fields_.clear();
  } else {
    std::fill(slots_.begin(), slots_.end(), std::string_view{});
  }

  for (;;) {
    std::string_view value;
    if (p < end && *p == kQuote) {
      const char* content = p + 1;
      const char* q = content;
      bool doubled = false;
      for (;;) {
        q = static_cast<const char*>(std::memchr(q, kQuote, static_cast<std::size_t>(end - q)));
        if (q == nullptr) {
          if (!at_eof) return nullptr;
          fail("a quoted field starts on this line but its closing quote never comes; expected '\"' "
               "before the end of the input",
               line_ + newlines_inside_);
        }
        if (q + 1 == end && !at_eof) return nullptr;  // the next byte decides
        if (q + 1 < end && q[1] == kQuote) {
          doubled = true;
          q += 2;
          continue;
        }
        break;
      }
      std::string_view inside(content, static_cast<std::size_t>(q - content));
      newlines_inside_ += static_cast<std::uint64_t>(std::count(inside.begin(), inside.end(), '\n'));
      value = doubled ? unescape_quotes(inside, arena_) : inside;
      p = q + 1;
      if (p < end && !ends_unquoted_[static_cast<unsigned char>(*p)]) {
        // Text after the closing quote ("ab"c): kept, as most readers do.
        const char* tail = p;
        p = end_of_unquoted(p, end, ends);
        if (p == end && !at_eof) return nullptr;
        char* joined = arena_.allocate(value.size() + static_cast<std::size_t>(p - tail));
        std::memcpy(joined, value.data(), value.size());
        std::memcpy(joined + value.size(), tail, static_cast<std::size_t>(p - tail));
        value = {joined, value.size() + static_cast<std::size_t>(p - tail)};
      }
    } else {
      const char* start = p;
      p = end_of_unquoted(p, end, ends);
      if (p == end && !at_eof) return nullptr;
      value = {start, static_cast<std::size_t>(p - start)};
    }

    if (capture_all_) {
      all_fields_.push_back(value);
    } else if (next_slotted < slotted_.size() && slotted_[next_slotted].field == field_count_) {
      slots_[slotted_[next_slotted++].slot] = value;
    }
    ++field_count_;

    if (p == end) return p;  // end of input ends the last record
    if (*p == delimiter_) {
      ++p;
      continue;
    }
    if (*p == '\r') {
      if (p + 1 == end && !at_eof) return nullptr;
      if (p + 1 < end && p[1] == '\n') ++p;
    }
    return p + 1;
  }
}

bool CsvReader::quoted_value(const char* field, const char* field_end, std::string_view& value) {
  // The index ends a field that opens with a quote only after its closing
  // quote, and stops at any quote after that: the closing quote is the last
  // one in the field, usually its last byte.
  const char* close = field_end - 1;
  if (close == field || *close != kQuote) {
    do {
      if (--close == field) return false;
    } while (*close != kQuote);
  }
  std::string_view inside(field + 1, static_cast<std::size_t>(close - field - 1));
  value = inside.find(kQuote) == std::string_view::npos ? inside : unescape_quotes(inside, arena_);
  if (close + 1 < field_end) {
    // Text after the closing quote ("ab"c): kept, as by the lexer.
    const std::size_t tail = static_cast<std::size_t>(field_end - close - 1);
    char* joined = arena_.allocate(value.size() + tail);
    std::memcpy(joined, value.data(), value.size());
    std::memcpy(joined + value.size(), close + 1, tail);
    value = {joined, value.size() + tail};
  }
  return true;
}

KOE_POPCNT_CLONES const char* CsvReader::read_indexed(Batch& batch, const char* p, const char* end,
                                    std::size_t rows) {
  if (p == end) {  // no record: none to make room for (a row of cells may be large)
    index_.clear();
    return p;
  }
  if (!index_.resumes_at(p, end)) {
    index_.start(p, end, scan_, delimiter_);
    indexed_ = 0;
  }
  // Locals, not members, in the loop: stores into the batch could alias
  // members and would send them back to memory after every record.
  std::string_view* const slots = slots_.data();
  const SlottedField* const slotted = slotted_.data();
  const std::size_t slotted_count = slotted_.size();
  const std::uint32_t* const slot_of_selection = slot_of_selection_.data();
  const std::size_t selected = selected_count_;
  const bool ragged = options_.allow_ragged;
  const std::size_t expected_fields = header_.size();
  const bool keep_raw = options_.keep_raw;
  const bool slots_are_cells = slots_are_cells_;
  std::uint64_t line = line_;
  CsvIndex::Position at = index_.position();
  const char* base = index_.base();
  const std::uint32_t* stops = index_.stops();
  std::size_t stop_count = index_.stop_count();

  // Records are written into room made a run at a time: no capacity check
  // per record, and little to undo when the lexer takes over.
  std::size_t count = batch.size();
  const std::size_t start_count = count;
  std::size_t room = count;
  std::uint64_t* lines = nullptr;
  std::string_view* cells = nullptr;
  const auto make_room = [&] {
    room = std::min(rows, count + std::max<std::size_t>(16, count / 4));
    batch.lines.resize(room);
    batch.cells.resize(room * selected);
    if (keep_raw) batch.raw.resize(room);
    lines = batch.lines.data();
    cells = batch.cells.data() + count * selected;
  };
  const auto finish = [&] {
    batch.lines.resize(count);
    batch.cells.resize(count * selected);
    if (keep_raw) batch.raw.resize(count);
    line_ = line;
  };

  // A record the index cannot read whole ends the loop before it is taken:
  // the lexer reads it (a literal quote, the wrong number of fields, the end
  // of the buffer), and the index starts again after it.
  while (count < rows) {
    // No line end after p in the window (or a CR LF took the last one and
    // a line feed past the window's end).
    if (at.stop >= stop_count) {
      if (!index_.extend(p)) goto lexer;
      at = index_.position();
      base = index_.base();
      stops = index_.stops();
      stop_count = index_.stop_count();
      continue;
    }
    // The record ends at its first line end; every field end before that
    // in the list is one of its fields.
    const std::uint32_t stop_offset = stops[at.stop];
    const char* const stop = base + stop_offset;
    if (*stop == kQuote) goto literal;
    const std::size_t last = index_.rank(stop_offset);
    const char* next = stop + 1;
    std::size_t line_ends = 1;
    if (*stop == '\r') {
      if (next == end) goto lexer;  // a '\n' may follow
      if (*next == '\n') {
        ++next;
        line_ends = 2;
      }
    }
    if (stop == p) {  // a blank line
      ++line;
      at.end = last + line_ends;
      at.stop += line_ends;
      p = next;
      continue;
    }
    const std::size_t fields = last - at.end + 1;
    if (fields != expected_fields && !ragged) goto lexer;  // an error

    // The slots are the record's own cells when they can be (cells past
    // the last record taken are dropped if the lexer takes over).
    if (count == room) make_room();
    {
      std::string_view* const record_slots = slots_are_cells ? cells : slots;
      CsvRecordEnds record_ends(index_, p);
      std::size_t passed = 0;  // field ends taken
      const char* field = p;   // where field `passed` starts
      for (std::size_t k = 0; k < slotted_count; ++k) {
        const SlottedField wanted = slotted[k];
        std::string_view value;  // a field past the end of a short row: missing
        if (wanted.field < fields) {
          if (wanted.field != passed) field = record_ends.pass(wanted.field - passed) + 1;
          const char* field_end = record_ends.next();
          passed = wanted.field + 1;
          value = {field, static_cast<std::size_t>(field_end - field)};
          if (field < field_end && *field == kQuote) {
            // A value of its own whose address is taken: `value` stays in
            // registers (written to memory and read back whole, it stalled
            // store forwarding on every field).
            std::string_view unquoted;
            if (!quoted_value(field, field_end, unquoted)) goto literal;
            value = unquoted;
          }
          field = field_end + 1;
        }
        record_slots[wanted.slot] = value;
      }
    }
    lines[count] = line;
    if (slots_are_cells) {
      cells += selected;
    } else {
      for (std::size_t column = 0; column < selected; ++column)
        *cells++ = slots[slot_of_selection[column]];
    }
    if (keep_raw) batch.raw[count] = {p, static_cast<std::size_t>(stop - p)};
    ++count;
    const std::uint64_t newlines = index_.quoted_newlines_before(stop_offset);
    line += 1 + (newlines - at.newlines);
    at.newlines = newlines;
    at.end = last + line_ends;
    at.stop += line_ends;
    p = next;
  }
  finish();
  index_.save(p, at);
  indexed_ += count - start_count;
  return p;

literal:
  // A quote the lexer reads as text. When quotes like it come in record after
  // record, indexing again after each costs more than it saves: the lexer
  // reads the next records too, more of them each time (up to 64) while the
  // index keeps stopping within a record of where it starts.
  backoff_ = indexed_ + count - start_count < 2 ? std::min<std::size_t>(64, 2 * backoff_ + 1) : 0;
  lexer_records_ = backoff_;
lexer:
  finish();
  index_.clear();
  return p;
}

bool CsvReader::read_full_record(std::vector<std::string>& out, bool consume) {
  capture_all_ = true;
  for (;;) {
    const char* p = skip_blank_lines(buffer_.data(), buffer_.end());
    buffer_.consume_to(p);
    const char* next = nullptr;
    if (p < buffer_.end()) next = parse_record(p, buffer_.end());
    if (next != nullptr) {
      out.assign(all_fields_.begin(), all_fields_.end());
      if (consume) {
        line_ += 1 + newlines_inside_;
        buffer_.consume_to(next);
      }
      capture_all_ = false;
      arena_.reset();
      return true;
    }
    if (!buffer_.refill(line_) && buffer_.size() == 0) {
      capture_all_ = false;
      return false;
    }
  }
}

bool CsvReader::next_batch(Batch& batch) {
  batch.reset(selected_count_);
  batch.file = source_->name();
  arena_.reset();
  const std::size_t rows = Batch::rows_for(options_.batch_rows, selected_count_);
  for (;;) {
    const char* p = buffer_.data();
    const char* end = buffer_.end();
    while (batch.size() < rows) {
      if (scan_ != nullptr && lexer_records_ == 0) {
        p = read_indexed(batch, p, end, rows);
        if (batch.size() == rows) break;
      } else if (lexer_records_ != 0) {
        --lexer_records_;
      }
      p = skip_blank_lines(p, end);
      if (p == end) break;
      // A record that is an error ends the batch before it, so every record
      // before a bad one is delivered (row-level tools write them out); the
      // next call meets the bad record first and raises the error.
      const char* next = nullptr;
      try {
        next = parse_record(p, end);
      } catch (const Error&) {
        if (batch.empty()) throw;
        break;
      }
      if (next == nullptr) break;
      if (field_count_ != header_.size() && !options_.allow_ragged) {
        if (!batch.empty()) break;
        std::string hint =
            delimiter_hint(header_, std::string_view(p, static_cast<std::size_t>(next - p)), delimiter_);
        fail(fmt::format("expected {} field{}, as in the header, found {}{}; --allow-ragged reads "
                         "{}",
                         header_.size(), header_.size() == 1 ? "" : "s", field_count_,
                         hint.empty() ? "" : " (" + hint + ")",
                         field_count_ < header_.size() ? "short rows as missing values"
                                                       : "long rows without their extra fields"),
             line_);
      }
      batch.lines.push_back(line_);
      // Grown by the record, not by doubling: a record may have millions
      // of selected fields.
      const std::size_t first_cell = batch.cells.size();
      batch.cells.resize(first_cell + selected_count_);
      for (std::size_t column = 0; column < selected_count_; ++column)
        batch.cells[first_cell + column] = slots_[slot_of_selection_[column]];
      if (options_.keep_raw) {
        const char* record_end = next;
        while (record_end > p && (record_end[-1] == '\n' || record_end[-1] == '\r')) --record_end;
        batch.raw.emplace_back(p, static_cast<std::size_t>(record_end - p));
      }
      line_ += 1 + newlines_inside_;
      p = next;
    }
    buffer_.consume_to(p);
    if (!batch.empty()) return true;
    index_.clear();  // the bytes move
    if (!buffer_.refill(line_) && buffer_.size() == 0) return false;
  }
}

}  // namespace koe
