#include "metrics/partial.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <set>

#include "error.h"
#include "metrics/report_parts.h"
#include "output/json_writer.h"
#include "output/text_width.h"

namespace koe {

namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// Text that may not be UTF-8 (a sample of bad input, a file name): as is
// when it is, else as hex under "<name>_hex", so it reads back byte for byte.
void bytes_field(output::JsonWriter& json, std::string_view name, std::string_view text) {
  if (output::is_valid_utf8(text)) {
    json.key(name).string(text);
    return;
  }
  std::string hex;
  for (unsigned char byte : text) hex += fmt::format("{:02x}", byte);
  json.key(std::string(name) + "_hex").string(hex);
}

// quote_value() shows at most 60 characters of a sample; a kilobyte keeps
// them all without storing a huge field.
constexpr std::size_t kSampleBytes = 1024;

void sample_field(output::JsonWriter& json, std::string_view name,
                  const std::optional<InvalidSample>& sample) {
  json.key(name);
  if (!sample) {
    json.null();
    return;
  }
  json.begin_object();
  bytes_field(json, "file", sample->file);
  json.key("line").number(sample->line);
  bytes_field(json, "column", sample->column);
  bytes_field(json, "text", std::string_view(sample->text).substr(0, kSampleBytes));
  json.end_object();
}

bool sample_before(const InvalidSample& a, const InvalidSample& b) {
  return a.file != b.file ? a.file < b.file : a.line < b.line;
}

void keep_first(std::optional<InvalidSample>& into, const std::optional<InvalidSample>& from) {
  if (from && (!into || sample_before(*from, *into))) into = from;
}

// Reading one stream's records.
class StreamReader {
 public:
  StreamReader(const PartialHeader& expected,
               const std::function<void(const std::vector<std::string>&)>& columns,
               const std::function<void(const PartialRecord&)>& visit,
               std::vector<std::string>* files)
      : expected_(expected), expected_fingerprint_(expected.fingerprint()), columns_(columns),
        visit_(visit), files_(files) {}

  void read(std::istream& in, const std::string& name);
  void finish();

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw_input(message, {name_, line_});
  }
  std::string text(simdjson::dom::element element, std::string_view what) const;
  std::string bytes(simdjson::dom::object object, std::string_view name) const;
  std::uint64_t number(simdjson::dom::element element, std::string_view what) const;
  std::optional<InvalidSample> sample(simdjson::dom::element element) const;
  std::vector<InputReading> readings(simdjson::dom::array array) const;
  void header(simdjson::dom::object object);
  void record(simdjson::dom::object object, const std::string& kind);

  const PartialHeader& expected_;
  std::string expected_fingerprint_;
  const std::function<void(const std::vector<std::string>&)>& columns_;
  const std::function<void(const PartialRecord&)>& visit_;
  std::vector<std::string>* files_;
  simdjson::dom::parser parser_;
  std::string name_;
  std::uint64_t line_ = 0;
  // The stream being read: its id, records so far, checksum of its bytes.
  bool open_ = false;
  std::string id_;
  std::uint64_t records_ = 0;
  std::uint64_t checksum_ = kFnvOffset;
  std::set<std::string> seen_;
  std::vector<std::string> columns_seen_;
  std::string columns_source_;
  std::string first_input_;
  std::uint64_t streams_ = 0;
};

std::string StreamReader::text(simdjson::dom::element element, std::string_view what) const {
  std::string_view value;
  if (element.get_string().get(value)) fail(fmt::format("corrupted partial: {} is not text", what));
  return std::string(value);
}

std::string StreamReader::bytes(simdjson::dom::object object, std::string_view name) const {
  simdjson::dom::element element;
  if (!object[name].get(element)) return text(element, name);
  std::string hex = std::string(name) + "_hex";
  if (object[hex].get(element)) fail(fmt::format("corrupted partial: no \"{}\"", name));
  std::string digits = text(element, hex), out;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
  return out;
}

std::uint64_t StreamReader::number(simdjson::dom::element element, std::string_view what) const {
  std::uint64_t value = 0;
  if (element.get_uint64().get(value))
    fail(fmt::format("corrupted partial: {} is not a whole number", what));
  return value;
}

std::optional<InvalidSample> StreamReader::sample(simdjson::dom::element element) const {
  if (element.is_null()) return std::nullopt;
  simdjson::dom::object object;
  simdjson::dom::element line;
  if (element.get_object().get(object) || object["line"].get(line))
    fail("corrupted partial: a sample is not an object with a line");
  return InvalidSample{bytes(object, "file"), number(line, "a sample's line"),
                       bytes(object, "column"), bytes(object, "text")};
}

// The "readings" of an info record, as readings_json writes them.
std::vector<InputReading> StreamReader::readings(simdjson::dom::array array) const {
  std::vector<InputReading> out;
  for (auto entry : array) {
    simdjson::dom::object object;
    if (entry.get_object().get(object)) fail("corrupted partial: \"readings\" holds a non-object");
    auto field = [&](std::string_view name) {
      simdjson::dom::element element;
      if (object[name].get(element)) fail(fmt::format("corrupted partial: a reading has no \"{}\"", name));
      return element;
    };
    InputReading reading;
    auto format = parse_name(kFormatNames, text(field("format"), "a reading's format"));
    if (!format) fail("corrupted partial: a reading's format is unknown");
    reading.format = *format;
    if (auto delimiter = field("delimiter"); !delimiter.is_null()) {
      std::string value = text(delimiter, "a reading's delimiter");
      if (value.size() == 1) {
        reading.delimiter = value[0];
      } else if (unsigned byte = 0; value.size() == 4 && value.starts_with("0x") &&
                 std::from_chars(value.data() + 2, value.data() + 4, byte, 16).ptr == value.data() + 4) {
        reading.delimiter = static_cast<char>(byte);
      } else {
        fail("corrupted partial: a reading's delimiter is not one byte");
      }
    }
    reading.encoding = text(field("encoding"), "a reading's encoding");
    reading.encoding_given = text(field("encoding_source"), "a reading's encoding source") == "given";
    if (auto preset = field("preset"); !preset.is_null()) {
      auto known = parse_name(kPresetNames, text(preset, "a reading's preset"));
      if (!known) fail("corrupted partial: a reading's preset is unknown");
      reading.preset = *known;
    }
    reading.skip_rows = number(field("skip_rows"), "a reading's skip_rows");
    add_readings(out, {reading});
  }
  return out;
}

void StreamReader::header(simdjson::dom::object object) {
  std::string_view format;
  if (object["format"].get_string().get(format) || format != kPartialFormat)
    fail(fmt::format("not a {} stream (its first record names no format \"{}\")", kPartialFormat,
                     kPartialFormat));
  std::uint64_t version = 0;
  if (object["version"].get_uint64().get(version) || version != kPartialVersion)
    fail(fmt::format("a partial of format version {}; this koe reads version {} only",
                     version, kPartialVersion));
  simdjson::dom::element element;
  if (object["tool"].get(element)) fail("corrupted partial: no tool");
  std::string tool = text(element, "the tool");
  if (tool != expected_.tool)
    fail(fmt::format("a partial of {}, not of {}; merge it with {} --merge", tool,
                     expected_.tool, tool));
  simdjson::dom::object options;
  if (object["options"].get_object().get(options) || object["fingerprint"].get(element))
    fail("corrupted partial: no options or fingerprint");
  PartialHeader written;
  written.tool = tool;
  for (auto field : options) written.options.emplace_back(std::string(field.key), text(field.value, "an option"));
  if (text(element, "the fingerprint") != written.fingerprint())
    fail("corrupted partial: the fingerprint does not match its options");
  if (written.fingerprint() != expected_fingerprint_) {
    for (std::size_t k = 0; k < expected_.options.size(); ++k) {
      const auto& [option, value] = expected_.options[k];
      std::string theirs = k < written.options.size() && written.options[k].first == option
                               ? written.options[k].second
                               : "(none)";
      if (theirs != value)
        throw_usage(fmt::format(
            "{}, line {}: the partial was written with {} \"{}\", this merge has {} \"{}\": "
            "give --merge the options --partial had that change the statistics",
            name_, line_, option, theirs, option, value));
    }
    throw_usage(fmt::format("{}, line {}: the partial was written with other statistics options",
                            name_, line_));
  }
  simdjson::dom::array columns;
  if (object["columns"].get_array().get(columns)) fail("corrupted partial: no columns");
  std::vector<std::string> names;
  for (auto column : columns) names.push_back(text(column, "a column"));
  if (object["input"].get(element) == simdjson::SUCCESS && first_input_.empty())
    first_input_ = text(element, "the input");
  simdjson::dom::array files;
  if (files_ != nullptr && !object["files"].get_array().get(files))
    for (auto file : files) files_->push_back(text(file, "a file"));
  if (names.empty()) return;
  bool keyed = false;
  if (!object["keyed"].get(element) && element.get_bool().get(keyed))
    fail("corrupted partial: \"keyed\" is not true or false");
  if (columns_source_.empty()) {
    columns_seen_ = names;
    columns_source_ = name_;
    columns_(names);
  } else if (names != columns_seen_ && !keyed) {
    fail(fmt::format("the shard's columns differ from those of the partial in {}, so they are "
                     "not parts of one input",
                     columns_source_));
  }
}

void StreamReader::record(simdjson::dom::object object, const std::string& kind) {
  PartialRecord record;
  record.record = kind;
  record.source = name_;
  record.line = line_;
  simdjson::dom::element element;
  if (!object["part"].get(element)) record.part = text(element, "the part");
  simdjson::dom::array array;
  if (!object["key"].get_array().get(array))
    for (auto field : array) record.key.push_back(text(field, "a key"));
  if (!object["state"].get_array().get(array)) {
    for (auto field : array) {
      std::uint64_t value = 0;
      std::string_view word;
      if (!field.get_uint64().get(value)) record.state.push_back(std::to_string(value));
      else if (!field.get_string().get(word)) record.state.emplace_back(word);
      else fail("corrupted partial: a state field is neither a count nor text");
    }
  }
  if (kind == "info") {
    auto& info = record.info;
    auto count = [&](std::string_view name) {
      if (object[name].get(element)) fail(fmt::format("corrupted partial: no \"{}\"", name));
      return number(element, name);
    };
    info.rows = count("rows");
    info.invalid_answers = count("invalid_answers");
    info.invalid_weights = count("invalid_weights");
    if (!object["first_invalid"].get(element)) info.first_invalid = sample(element);
    if (!object["first_invalid_weight"].get(element)) info.first_invalid_weight = sample(element);
    if (object["unplaced"].get_array().get(array)) fail("corrupted partial: no \"unplaced\"");
    for (auto entry : array) {
      simdjson::dom::object counts;
      if (entry.get_object().get(counts)) fail("corrupted partial: \"unplaced\" holds a non-object");
      Unplaced unplaced;
      if (counts["blank"].get(element)) fail("corrupted partial: no \"blank\"");
      unplaced.blank = number(element, "blank");
      if (counts["unreadable"].get(element)) fail("corrupted partial: no \"unreadable\"");
      unplaced.unreadable = number(element, "unreadable");
      if (!counts["first_unreadable"].get(element)) unplaced.first_unreadable = sample(element);
      info.unplaced.push_back(std::move(unplaced));
    }
    // Absent from the partials of a koe before it: those add no reading.
    if (!object["readings"].get_array().get(array)) info.readings = readings(array);
  }
  visit_(record);
}

void StreamReader::read(std::istream& in, const std::string& name) {
  name_ = name;
  line_ = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++line_;
    // Streaming engines may end a line with a tab (an empty value) or CR.
    while (!line.empty() && (line.back() == '\r' || line.back() == '\t' || line.back() == ' '))
      line.pop_back();
    if (line.empty()) continue;
    simdjson::dom::element document;
    simdjson::dom::object object;
    if (parser_.parse(line).get(document) || document.get_object().get(object))
      fail(open_ ? "corrupted partial: a line is not a JSON object"
                 : fmt::format("not a {} stream (the output of --partial): a line that is not a "
                               "JSON object",
                               kPartialFormat));
    std::string_view id, seq, kind;
    if (object["shard"].get_string().get(id) || object["seq"].get_string().get(seq) ||
        object["record"].get_string().get(kind))
      fail(fmt::format("not a {} stream: a record without its shard, seq and record fields",
                       kPartialFormat));
    if (!open_) {
      if (kind != "header" || seq != fmt::format("{:010}", 0))
        fail("truncated or reordered partial: a stream does not start with its header");
      if (!seen_.insert(std::string(id)).second)
        fail(fmt::format("the partial {} is given twice; its counts would be added twice", id));
      open_ = true;
      id_ = id;
      records_ = 0;
      checksum_ = kFnvOffset;
      ++streams_;
      header(object);
    } else {
      if (id != id_ || seq != fmt::format("{:010}", records_))
        fail(fmt::format("truncated or reordered partial: record {} of {} expected, found "
                         "record {} of {}",
                         records_, id_, seq, id));
      if (kind == "end") {
        std::uint64_t records = 0;
        std::string_view checksum;
        if (object["records"].get_uint64().get(records) ||
            object["checksum"].get_string().get(checksum) || records != records_ ||
            checksum != fmt::format("{:016x}", checksum_))
          fail("corrupted partial: the trailer's record count or checksum does not match");
        open_ = false;
        continue;
      }
      record(object, std::string(kind));
    }
    ++records_;
    checksum_ = fnv1a(fnv1a(checksum_, line), "\n");
  }
  if (in.bad()) fail("cannot read the partial");
  if (open_) fail(fmt::format("truncated partial: the stream {} ends without its trailer", id_));
}

void StreamReader::finish() {
  if (streams_ == 0) throw_input("no partial state to merge; expected the output of --partial", {name_});
  if (columns_source_.empty())
    throw_input("the input is empty; expected a header row", {first_input_});
}

}  // namespace

std::string PartialHeader::fingerprint() const {
  std::uint64_t hash = fnv1a(kFnvOffset, tool);
  for (const auto& [name, value] : options) {
    hash = fnv1a(hash, std::string_view("\0", 1));
    hash = fnv1a(hash, name);
    hash = fnv1a(hash, std::string_view("\0", 1));
    hash = fnv1a(hash, value);
  }
  return fmt::format("{:016x}", hash);
}

PartialWriter::PartialWriter(const PartialHeader& header) {
  std::random_device random;
  id_ = fmt::format("{:08x}{:08x}", random(), random());
  begin("header");
  output::JsonWriter json;
  json.begin_object();
  for (const auto& [name, value] : header.options) json.key(name).string(value);
  json.end_object();
  line_ += fmt::format(",\"format\":\"{}\",\"version\":{},\"tool\":{},\"options\":{},\"fingerprint\":\"{}\"",
                       kPartialFormat, kPartialVersion, output::json_quote(header.tool),
                       json.text(), header.fingerprint());
  output::JsonWriter columns;
  columns.begin_array();
  for (const auto& column : header.columns) columns.string(column);
  columns.end_array();
  output::JsonWriter files;
  files.begin_array();
  for (const auto& file : header.files) files.string(file);
  files.end_array();
  line_ += fmt::format(",\"columns\":{},\"keyed\":{},\"input\":{},\"files\":{}", columns.text(),
                       header.keyed, output::json_quote(header.input), files.text());
  end();
}

void PartialWriter::begin(std::string_view record) {
  line_ = fmt::format("{{\"shard\":\"{}\",\"seq\":\"{:010}\",\"record\":\"{}\"", id_, records_,
                      record);
}

void PartialWriter::end() {
  line_ += "}\n";
  out_ += line_;
  ++records_;
}

void PartialWriter::info(std::string_view part, const ScanInfo& info) {
  begin("info");
  output::JsonWriter json;
  json.begin_object();
  json.key("part").string(part);
  json.key("rows").number(info.rows);
  json.key("invalid_answers").number(info.invalid_answers);
  json.key("invalid_weights").number(info.invalid_weights);
  sample_field(json, "first_invalid", info.first_invalid);
  sample_field(json, "first_invalid_weight", info.first_invalid_weight);
  json.key("unplaced").begin_array();
  for (const auto& unplaced : info.unplaced) {
    json.begin_object();
    json.key("blank").number(unplaced.blank);
    json.key("unreadable").number(unplaced.unreadable);
    sample_field(json, "first_unreadable", unplaced.first_unreadable);
    json.end_object();
  }
  json.end_array();
  json.key("readings").raw(readings_json(info.readings));
  json.end_object();
  // The object's fields join the record's.
  line_.push_back(',');
  line_.append(json.text(), 1, json.text().size() - 2);
  end();
}

void PartialWriter::state(std::string_view record, std::string_view part,
                          const std::vector<std::string>& key, const stats::StateWriter& state) {
  begin(record);
  output::JsonWriter json;
  json.begin_array();
  for (const auto& field : key) json.string(field);
  json.end_array();
  line_ += fmt::format(",\"part\":{},\"key\":{},\"state\":{}", output::json_quote(part),
                       json.text(), state.json());
  end();
}

std::string PartialWriter::finish() {
  std::uint64_t checksum = kFnvOffset;
  checksum = fnv1a(checksum, out_);
  begin("end");
  line_ += fmt::format(",\"records\":{},\"checksum\":\"{:016x}\"", records_, checksum);
  end();
  return std::move(out_);
}

void read_partials(const std::vector<std::string>& paths, const PartialHeader& expected,
                   const std::function<void(const std::vector<std::string>&)>& columns,
                   const std::function<void(const PartialRecord&)>& visit,
                   std::vector<std::string>* files) {
  StreamReader reader(expected, columns, visit, files);
  std::vector<std::string> names = paths.empty() ? std::vector<std::string>{"-"} : paths;
  for (const auto& path : names) {
    if (path == "-") {
      reader.read(std::cin, "standard input");
      continue;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) throw_input(fmt::format("cannot open the partial: {}", std::strerror(errno)), {path});
    reader.read(file, path);
  }
  reader.finish();
}

void merge_shard_info(ScanInfo& into, const ScanInfo& from) {
  into.rows += from.rows;
  add_readings(into.readings, from.readings);
  into.invalid_answers += from.invalid_answers;
  into.invalid_weights += from.invalid_weights;
  keep_first(into.first_invalid, from.first_invalid);
  keep_first(into.first_invalid_weight, from.first_invalid_weight);
  if (into.unplaced.size() < from.unplaced.size()) into.unplaced.resize(from.unplaced.size());
  for (std::size_t d = 0; d < from.unplaced.size(); ++d) {
    into.unplaced[d].blank += from.unplaced[d].blank;
    into.unplaced[d].unreadable += from.unplaced[d].unreadable;
    keep_first(into.unplaced[d].first_unreadable, from.unplaced[d].first_unreadable);
  }
}

}  // namespace koe
