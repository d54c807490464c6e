#include "input/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "error.h"
#include "input/encoding_guess.h"
#include "output/text_width.h"

namespace koe {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// One past the end of the object or array opening at `p`, or nullptr when
// [p, end) ends first. Counts the newlines it passes.
const char* end_of_container(const char* p, const char* end, std::uint64_t& newlines) {
  std::uint64_t depth = 0;
  bool in_string = false;
  for (; p < end; ++p) {
    char c = *p;
    if (c == '\n') ++newlines;
    if (in_string) {
      if (c == '\\') {
        ++p;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '{':
      case '[': ++depth; break;
      case '}':
      case ']':
        if (--depth == 0) return p + 1;
        break;
      default: break;
    }
  }
  return nullptr;
}

// The line feeds in [from, to): mostly a gap of one byte between objects,
// counted in place, or an object's text, searched by memchr.
std::uint64_t line_feeds(const char* from, const char* to) {
  std::uint64_t count = 0;
  if (to - from < 16) {
    for (; from < to; ++from) count += *from == '\n';
    return count;
  }
  while ((from = static_cast<const char*>(std::memchr(from, '\n', static_cast<std::size_t>(to - from)))) !=
         nullptr) {
    ++count;
    ++from;
  }
  return count;
}

std::string describe_byte(char c) {
  if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
}

}  // namespace

JsonReader::JsonReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options,
                       bool array)
    : source_(std::move(source)),
      buffer_(*source_, options.buffer_bytes),
      options_(options),
      array_(array),
      stage_(array ? Stage::before_array : Stage::next_element) {
  while (buffer_.size() < 3 && buffer_.refill(1)) {
  }
  if (std::string_view(buffer_.data(), buffer_.size()).starts_with("\xEF\xBB\xBF"))
    buffer_.consume_to(buffer_.data() + 3);

  // The header is the first object's keys; the object stays in the buffer.
  Element first;
  while (!find_element(buffer_.data(), buffer_.end(), first)) {
    if (!buffer_.refill(line_)) continue;  // at end of input find_element decides
  }
  if (first.begin != nullptr) {
    for (auto field : parse(first)) header_.emplace_back(field.key);
  }
}

JsonReader::JsonReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options,
                       std::vector<std::string> header)
    : source_(std::move(source)),
      buffer_(*source_, options.buffer_bytes),
      options_(options),
      array_(false),
      stage_(Stage::next_element),
      header_(std::move(header)) {}

simdjson::dom::parser JsonReader::unthreaded_parser() {
  simdjson::dom::parser parser;
#ifdef SIMDJSON_THREADS_ENABLED
  parser.threaded = false;  // --threads decides how many threads read, not simdjson
#endif
  return parser;
}

std::optional<RecordReader::DataStart> JsonReader::data_start() const {
  if (array_ || !source_->is_plain_file()) return std::nullopt;
  return DataStart{source_->path(), buffer_.offset(), line_, true};
}

std::vector<InputReading> JsonReader::readings() const {
  if (header_.empty()) return {};
  return {reading_of(options_, array_ ? Format::json : Format::ndjson, 0)};
}

void JsonReader::fail(const std::string& message, std::uint64_t line) const {
  throw_input(message, {source_->name(), line});
}

void JsonReader::fail_not_utf8(const Element& element) const {
  std::string_view text(element.begin, static_cast<std::size_t>(element.end - element.begin));
  auto bad = output::first_invalid_utf8(text);
  if (bad == std::string_view::npos) bad = 0;
  // The advice reads the string the byte is in: a key or a value, never cut
  // inside a character, since a quote is never part of a CP932 character.
  auto open = text.rfind('"', bad);
  auto close = text.find('"', bad);
  auto string = text.substr(open == std::string_view::npos ? 0 : open + 1,
                            close == std::string_view::npos ? std::string_view::npos
                                                            : close - (open + 1));
  auto before = text.substr(0, bad);
  fail(fmt::format("invalid JSON: the input is not valid UTF-8 (byte 0x{:02X}){}",
                   static_cast<unsigned char>(text[bad]), encoding_advice(string, true)),
       element.line + static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n')));
}

void JsonReader::select(const std::vector<std::size_t>& columns) {
  std::vector<std::string> names;
  for (auto column : columns) names.push_back(header_.at(column));
  select_keys(names);
}

void JsonReader::select_keys(const std::vector<std::string>& names) {
  selected_ = names;
  if (flat_json_enabled())
    flat_.emplace(selected_);
  else
    flat_.reset();
}

bool JsonReader::find_element(const char* p, const char* end, Element& found) const {
  const bool at_eof = buffer_.eof();
  std::uint64_t newlines = 0;
  Stage stage = stage_;
  auto skip_space = [&] {
    for (; p < end && is_space(*p); ++p)
      if (*p == '\n') ++newlines;
  };
  for (;;) {
    skip_space();
    if (p == end) {
      if (!at_eof) return false;
      if (stage == Stage::before_array)
        fail("the input is empty; expected a JSON array of objects", line_ + newlines);
      if (array_ && stage != Stage::finished)
        fail("the JSON array is not closed; expected ']' before the end of the input",
             line_ + newlines);
      found = Element{};
      found.after = p;
      found.lines_spanned = newlines;
      return true;
    }
    if (stage == Stage::finished)
      fail(fmt::format("unexpected {} after the end of the JSON array", describe_byte(*p)),
           line_ + newlines);
    if (stage == Stage::before_array) {
      if (*p != '[') fail("expected a JSON array of objects, starting with '['", line_ + newlines);
      ++p;
      stage = Stage::first_element;
      continue;
    }
    if (array_ && *p == ']') {
      ++p;
      stage = Stage::finished;
      continue;
    }
    if (array_ && stage == Stage::next_element) {
      if (*p != ',')
        fail(fmt::format("expected ',' or ']' between array elements, found {}", describe_byte(*p)),
             line_ + newlines);
      ++p;
      stage = Stage::first_element;
      continue;
    }
    break;
  }
  if (*p != '{')
    fail(fmt::format("expected a JSON object ('{{'), found {}", describe_byte(*p)),
         line_ + newlines);
  found.line = line_ + newlines;
  found.begin = p;
  found.end = end_of_container(p, end, newlines);
  if (found.end == nullptr) {
    if (!at_eof) return false;
    fail("the JSON object starting on this line is cut off; expected '}' before the end of "
         "the input",
         found.line);
  }
  found.after = found.end;
  found.lines_spanned = newlines;
  found.stage = Stage::next_element;
  return true;
}

bool JsonReader::read_stream(const char*& p, Batch& batch, std::size_t rows) {
  if (array_ || stage_ != Stage::next_element) return false;
  const auto offset_of = [&](const char* at) {
    return buffer_.offset() + static_cast<std::uint64_t>(at - buffer_.data());
  };
  if (offset_of(p) < stream_blocked_until_) return false;
  const char* const end = buffer_.end();
  // A window of about the records the batch still holds, ended after a line
  // feed: the stream is not cut inside an object written on one line.
  const std::uint64_t average = stream_records_ < 16 ? 256 : stream_bytes_ / stream_records_ + 1;
  const std::size_t wanted = std::max<std::size_t>(4096, (rows - batch.size()) * average * 9 / 8);
  const std::size_t available = static_cast<std::size_t>(end - p);
  const char* limit = p + std::min(wanted, available);
  const void* last_feed = limit == end ? memrchr(p, '\n', available)
                                       : std::memchr(limit, '\n', static_cast<std::size_t>(end - limit));
  if (last_feed == nullptr) return false;
  const char* window_end = static_cast<const char*>(last_feed) + 1;
  if (read_flat(p, window_end, batch, rows)) {
    flat_misses_ = 0;
    return true;
  }
  // The first line is not flat. simdjson reads that line alone, unless the
  // previous call's first line was not flat either: then the file is not
  // (pretty-printed, nested), and simdjson reads the whole window.
  if (flat_ && flat_misses_++ == 0)
    window_end = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(window_end - p))) + 1;
  const auto window = static_cast<std::size_t>(window_end - p);

  const std::size_t before = batch.size();
  const char* at = p;
  std::uint64_t line = line_;
  simdjson::dom::document_stream stream;
  if (!parser_.parse_many(p, window, window).get(stream)) {
    for (auto it = stream.begin(); it != stream.end() && batch.size() < rows; ++it) {
      simdjson::dom::element document;
      simdjson::dom::object object;
      if ((*it).get(document) || document.get_object().get(object)) break;
      const std::string_view text = it.source();
      line += line_feeds(at, text.data());  // white space before the object
      append(object, line, text, batch);
      at = text.data() + text.size();
      line += line_feeds(text.data(), at);  // an object over several lines, as jq prints them
    }
  }
  const std::size_t read = batch.size() - before;
  if (read == 0) {
    stream_blocked_until_ = offset_of(window_end);
    return false;
  }
  stream_bytes_ += static_cast<std::uint64_t>(at - p);
  stream_records_ += read;
  p = at;
  line_ = line;
  return true;
}

bool JsonReader::read_flat(const char*& p, const char* window_end, Batch& batch,
                           std::size_t rows) {
  if (!flat_) return false;
  const std::size_t before = batch.size();
  const char* at = p;
  std::uint64_t line = line_;
  // The first record with keys outside the selection, named once the lines
  // read are known to be UTF-8.
  std::size_t other_keys = 0;
  FlatObjectReader::Line first_other;
  std::uint64_t first_other_line = 0;
  while (at < window_end && batch.size() < rows) {
    const std::size_t row = batch.size();
    batch.cells.resize((row + 1) * batch.width);
    FlatObjectReader::Line flat;
    const auto shape = flat_->read(at, batch.cells.data() + row * batch.width, arena_, flat);
    if (shape == FlatObjectReader::Shape::other) {
      batch.cells.resize(row * batch.width);
      break;
    }
    ++line;
    at = flat.next;
    if (shape == FlatObjectReader::Shape::blank) {
      batch.cells.resize(row * batch.width);
      continue;
    }
    batch.lines.push_back(line - 1);
    if (options_.keep_raw) batch.raw.push_back(flat.object);
    if (track_other_keys_ && flat.fields > flat.found && other_keys++ == 0) {
      first_other = flat;
      first_other_line = line - 1;
    }
  }
  // simdjson checks UTF-8 as it reads; here it is checked once over all the
  // lines read, and if they are not UTF-8 simdjson reads them again and
  // names the error.
  if (at == p || !simdjson::validate_utf8(p, static_cast<std::size_t>(at - p))) {
    batch.lines.resize(before);
    batch.cells.resize(before * batch.width);
    if (options_.keep_raw) batch.raw.resize(before);
    return false;
  }
  if (other_keys > 0) {
    note_other_keys(first_other.object, first_other.found, first_other_line);
    other_keys_.records += other_keys - 1;
  }
  stream_bytes_ += static_cast<std::uint64_t>(at - p);
  stream_records_ += batch.size() - before;
  p = at;
  line_ = line;
  return true;
}

simdjson::dom::object JsonReader::parse(const Element& element) {
  simdjson::dom::element document;
  auto error = parser_.parse(element.begin, static_cast<std::size_t>(element.end - element.begin),
                             false)
                   .get(document);
  if (error == simdjson::UTF8_ERROR) fail_not_utf8(element);
  if (error) fail(fmt::format("invalid JSON: {}", simdjson::error_message(error)), element.line);
  simdjson::dom::object object;
  if (document.get_object().get(object)) fail("expected a JSON object", element.line);
  return object;
}

void JsonReader::note_other_keys(simdjson::dom::object object, std::size_t found,
                                 std::uint64_t line) {
  // Fewer selected keys found than the object holds: it has others (or a
  // key twice, which a record cannot hold either).
  if (object.size() <= found) return;
  if (other_keys_.records++ > 0) return;
  other_keys_.file = source_->name();
  other_keys_.line = line;
  std::vector<std::string_view> seen;
  for (auto field : object) {
    bool other = std::find(selected_.begin(), selected_.end(), field.key) == selected_.end();
    bool repeated = std::find(seen.begin(), seen.end(), field.key) != seen.end();
    if (other || repeated) {
      other_keys_.first_key = std::string(field.key);
      return;
    }
    seen.push_back(field.key);
  }
}

void JsonReader::note_other_keys(std::string_view object, std::size_t found, std::uint64_t line) {
  if (other_keys_.records > 0) {
    ++other_keys_.records;
    return;
  }
  simdjson::dom::element document;
  simdjson::dom::object parsed;
  if (parser_.parse(object.data(), object.size(), true).get(document) ||
      document.get_object().get(parsed))
    fail("invalid JSON: a line read as an object is not one", line);  // not reached
  note_other_keys(parsed, found, line);
}

std::string_view JsonReader::value_text(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      return arena_.copy(value.get_string().value_unsafe());
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: {
      char* out = arena_.allocate(32);
      std::to_chars_result written{};
      if (value.is_int64())
        written = std::to_chars(out, out + 32, value.get_int64().value_unsafe());
      else if (value.is_uint64())
        written = std::to_chars(out, out + 32, value.get_uint64().value_unsafe());
      else
        written = std::to_chars(out, out + 32, value.get_double().value_unsafe());
      return {out, static_cast<std::size_t>(written.ptr - out)};
    }
    case simdjson::dom::element_type::BOOL:
      return value.get_bool().value_unsafe() ? "true" : "false";
    case simdjson::dom::element_type::NULL_VALUE: return {};
    case simdjson::dom::element_type::ARRAY:
    case simdjson::dom::element_type::OBJECT:
      return arena_.copy(simdjson::minify(value));
  }
  return {};
}

void JsonReader::append(simdjson::dom::object object, std::uint64_t line, std::string_view text,
                        Batch& batch) {
  const std::size_t row = batch.size();
  batch.lines.push_back(line);
  batch.cells.resize(batch.cells.size() + batch.width);
  extract(object, row, batch);
  if (options_.keep_raw) batch.raw.push_back(text);
}

void JsonReader::extract(simdjson::dom::object object, std::size_t row, Batch& batch) {
  std::size_t found = 0;
  for (std::size_t slot = 0; slot < selected_.size(); ++slot) {
    simdjson::dom::element value;
    std::string_view text;
    if (!object.at_key(selected_[slot]).get(value)) {
      ++found;
      text = value_text(value);
    }
    batch.cells[row * batch.width + slot] = text;
  }
  if (track_other_keys_) note_other_keys(object, found, batch.lines[row]);
}

bool JsonReader::next_batch(Batch& batch) {
  batch.reset(selected_.size());
  batch.file = source_->name();
  arena_.reset();
  const std::size_t rows = Batch::rows_for(options_.batch_rows, selected_.size());
  for (;;) {
    const char* p = buffer_.data();
    Element element;
    while (batch.size() < rows) {
      // An element that is an error ends the batch before it (as in the CSV
      // reader); the next call meets it first and raises the error.
      if (read_stream(p, batch, rows)) continue;
      simdjson::dom::object object;
      try {
        if (!find_element(p, buffer_.end(), element)) break;
        if (element.begin != nullptr) object = parse(element);
      } catch (const Error&) {
        if (batch.empty()) throw;
        element = Element{};
        break;
      }
      p = element.after;
      line_ += element.lines_spanned;
      stage_ = element.begin ? element.stage : Stage::finished;
      if (element.begin == nullptr) break;
      append(object, element.line,
             {element.begin, static_cast<std::size_t>(element.end - element.begin)}, batch);
    }
    buffer_.consume_to(p);
    if (!batch.empty()) return true;
    if (element.begin == nullptr && element.after != nullptr) return false;
    if (!buffer_.refill(line_) && buffer_.size() == 0 && stage_ == Stage::finished) return false;
  }
}

}  // namespace koe
