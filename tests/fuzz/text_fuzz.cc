// Fuzzes the text helpers every tool runs on user data: answer parsing,
// labels, column suggestions, display width, and JSON escaping, which must
// turn any bytes into a string that parses back (invalid UTF-8 as U+FFFD).
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>

#include "columns.h"
#include "error.h"
#include "labels.h"
#include "output/json_writer.h"
#include "output/text_width.h"
#include "tagging/normalize.h"
#include "values.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  std::string json = koe::output::json_quote(text);
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(json).get(element) || !element.is_string()) std::abort();
  if (koe::output::is_valid_utf8(text) && std::string_view(element.get_string().value_unsafe()) != text)
    std::abort();

  (void)koe::output::display_width(text);
  // The normaliser's fast paths give what utf8proc gives.
  std::string fast, reference;
  bool fast_valid = koe::tagging::normalize(text, fast);
  bool reference_valid = koe::tagging::normalize_reference(text, reference);
  if (fast != reference || fast_valid != reference_valid) std::abort();
  koe::ScaleParser scale(0, 10, {"99"});
  auto answer = scale.parse(text);
  if (answer.kind == koe::AnswerKind::valid && (answer.value < 0 || answer.value > 10)) std::abort();
  (void)koe::parse_weight(text);
  (void)koe::fold_label(text);

  std::vector<std::string> header;
  std::string_view rest = text;
  while (!rest.empty() && header.size() < 64) {
    auto cut = rest.find('\n');
    header.emplace_back(rest.substr(0, cut));
    rest.remove_prefix(cut == std::string_view::npos ? rest.size() : cut + 1);
  }
  if (!header.empty()) {
    try {
      (void)koe::resolve_columns(header, {header.back()}, "--by");
    } catch (const koe::Error&) {
    }
    try {
      (void)koe::LabelMap::from_spec(header.front());
    } catch (const koe::Error&) {
    }
  }
  return 0;
}
