// Internal helpers for reading JSON defensively (core/src only).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "vramfit/diagnostics.h"

namespace vramfit::json_util {

using nlohmann::json;

// Rejects texts that are too large or nested too deeply before any parsing, so hostile input costs
// bounded time and memory.
inline std::optional<Diagnostic> check_shape(std::string_view text, std::size_t max_bytes, int max_depth) {
  if (text.size() > max_bytes)
    return Diagnostic{"json.too_large", Severity::kError, "",
                      "The JSON text is " + std::to_string(text.size()) + " bytes; the limit is " +
                          std::to_string(max_bytes) + "."};
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > max_depth)
        return Diagnostic{"json.too_deep", Severity::kError, "",
                          "The JSON is nested deeper than " + std::to_string(max_depth) + " levels."};
    } else if (c == '}' || c == ']') --depth;
  }
  return std::nullopt;
}

// Builds the document from nlohmann's SAX events, as json::parse does; json::parse itself would also bring its
// callback parser into the page (~2 KB gzip), callback or not.
class DomBuilder {
 public:
  explicit DomBuilder(json& root, bool python_marks = false) : root_(root), python_marks_(python_marks) {}
  bool null() { add(nullptr); return true; }
  bool boolean(bool v) { add(v); return true; }
  bool number_integer(json::number_integer_t v) { add(v); return true; }
  bool number_unsigned(json::number_unsigned_t v) { add(v); return true; }
  bool number_float(json::number_float_t v, const json::string_t& raw) {
    add(python_marks_ ? python_value(raw, v) : v);
    return true;
  }
  bool string(json::string_t& v) { add(std::move(v)); return true; }
  bool binary(json::binary_t& v) { add(json::binary(std::move(v))); return true; }
  bool start_object(std::size_t) { open_.push_back(add(json::object())); return true; }
  bool key(json::string_t& k) { key_ = std::move(k); return true; }
  bool end_object() { open_.pop_back(); return true; }
  bool start_array(std::size_t) { open_.push_back(add(json::array())); return true; }
  bool end_array() { open_.pop_back(); return true; }
  bool parse_error(std::size_t position, const std::string& token, const json::exception& e) {
    error_position_ = position;
    error_token_ = token;
    error_what_ = e.what();
    return false;
  }
  // Where parsing stopped (characters read, the offending one included), the token read last and nlohmann's
  // message.
  std::size_t error_position() const { return error_position_; }
  const std::string& error_token() const { return error_token_; }
  const std::string& error_what() const { return error_what_; }

 private:
  // Only the innermost open container grows, so the pointers to the ones around it stay valid.
  json* add(json v) {
    if (open_.empty()) return &(root_ = std::move(v));
    json& parent = *open_.back();
    if (parent.is_array()) {
      auto& items = parent.get_ref<json::array_t&>();
      items.push_back(std::move(v));
      return &items.back();
    }
    return &(parent[key_] = std::move(v));  // a repeated key: the last one wins, as with json::parse
  }
  static double python_value(const json::string_t& raw, double v);
  json& root_;
  bool python_marks_;
  std::vector<json*> open_;
  json::string_t key_;
  std::size_t error_position_ = 0;
  std::string error_token_, error_what_;
};

// The document, or a discarded value when the text is not one whole JSON value.
inline json parse(std::string_view text) {
  json result;
  DomBuilder builder(result);
  if (!json::sax_parse(text.begin(), text.end(), &builder)) return json(json::value_t::discarded);
  return result;
}

// Python's json module, which writes config.json files, writes float("inf") and float("nan") as the bare words
// Infinity, -Infinity and NaN (Nemotron-H: "time_step_limit": [0.0, Infinity]); JSON has no such literals. Outside
// strings they are swapped for these number tokens, which no JSON writer produces, and DomBuilder turns the tokens
// back into the values (finite marks: nlohmann refuses a number that overflows).
namespace python {
inline constexpr std::string_view kInfinityMark = "0.0e+00000000000000000000001";
inline constexpr std::string_view kMinusInfinityMark = "0.0e+00000000000000000000002";
inline constexpr std::string_view kNanMark = "0.0e+00000000000000000000003";

struct Swap {  // one literal replaced: its span in the rewritten text and in the original
  std::size_t new_begin, new_end, old_begin, old_end;
};

struct Rewritten {
  std::string text;
  std::vector<Swap> swaps;
  // The original offset of `offset` in the rewritten text (inside a mark: the literal's first character).
  std::size_t original_offset(std::size_t offset) const {
    std::size_t shifted = offset;
    for (const Swap& s : swaps) {
      if (offset < s.new_begin) break;
      shifted = offset < s.new_end ? s.old_begin : s.old_end + (offset - s.new_end);
    }
    return shifted;
  }
};

inline bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

inline Rewritten rewrite_literals(std::string_view text) {
  Rewritten out;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      out.text += c;
      ++i;
      continue;
    }
    if (c == '"') in_string = true;
    std::string_view literal, mark;
    if (i == 0 || !word_char(text[i - 1])) {
      for (const auto& [word, m] : {std::pair{std::string_view("-Infinity"), kMinusInfinityMark},
                                    std::pair{std::string_view("Infinity"), kInfinityMark},
                                    std::pair{std::string_view("NaN"), kNanMark}}) {
        const std::size_t end = i + word.size();
        if (text.substr(i, word.size()) == word && (end == text.size() || !word_char(text[end]))) {
          literal = word;
          mark = m;
          break;
        }
      }
    }
    if (literal.empty()) {
      out.text += c;
      ++i;
      continue;
    }
    out.swaps.push_back({out.text.size(), out.text.size() + mark.size(), i, i + literal.size()});
    out.text += mark;
    i += literal.size();
  }
  return out;
}
}  // namespace python

inline double DomBuilder::python_value(const json::string_t& raw, double v) {
  if (raw == python::kInfinityMark) return std::numeric_limits<double>::infinity();
  if (raw == python::kMinusInfinityMark) return -std::numeric_limits<double>::infinity();
  if (raw == python::kNanMark) return std::numeric_limits<double>::quiet_NaN();
  return v;
}

struct SyntaxError {
  std::size_t line = 0, column = 0;  // 1-based, in bytes
  std::string what;                  // "expected ',' or '}', found a string"
};

// nlohmann's "syntax error while parsing <context> - unexpected <token>; expected <token>" in words a person
// editing the file can act on; lexer errors ("invalid literal; last read: 'Infx'") pass through.
inline std::string describe_syntax_error(const std::string& what) {
  // The text after `from` up to `to` (to the end when `to` is empty or absent).
  auto between = [&](const std::string& from, const std::string& to) -> std::string {
    const auto a = what.find(from);
    if (a == std::string::npos) return "";
    const auto b = to.empty() ? std::string::npos : what.find(to, a + from.size());
    return what.substr(a + from.size(), b == std::string::npos ? std::string::npos : b - a - from.size());
  };
  const std::string context = between("while parsing ", " - ");
  const std::string unexpected = between("- unexpected ", ";");
  if (unexpected.empty()) {  // a lexer error ("invalid literal; last read: '...'"): its own words
    const auto at = what.find(" - ");
    const std::string message = at == std::string::npos ? what : what.substr(at + 3);
    return message.substr(0, message.find("; last read"));
  }
  std::string expected = between("; expected ", "");
  if (context == "object") expected = "',' or '}'";
  else if (context == "array") expected = "',' or ']'";
  else if (context == "object key") expected = "a key in double quotes";
  else if (context == "object separator") expected = "':'";
  else if (expected == "end of input") expected = "the end of the text";
  else if (expected.empty() || expected == "'[', '{', or a literal") expected = "a value";
  std::string found = unexpected;
  if (found == "end of input") found = "the end of the text (is the file cut short?)";
  else if (found == "string literal") found = "a string";
  else if (found == "number literal") found = "a number";
  else if (found.size() > 8 && found.compare(found.size() - 8, 8, " literal") == 0) found.resize(found.size() - 8);
  std::string out = "expected " + expected + ", found " + found;
  if ((context == "object key" && unexpected == "'}'") || (context == "value" && unexpected == "']'"))
    out += " (a comma before it?)";
  return out;
}

// 1-based line and column of byte `offset` (the end of the text counts as the place after its last byte).
inline std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, offset - line_start + 1};
}

struct ParsedText {
  json value;                          // discarded when `error` is set
  std::optional<SyntaxError> error;
};

// Parses JSON as Python writes it (Infinity, -Infinity and NaN accepted); a syntax error says where and what was
// expected.
inline ParsedText parse_python(std::string_view text) {
  ParsedText out;
  const python::Rewritten r = python::rewrite_literals(text);
  DomBuilder builder(out.value, !r.swaps.empty());
  // Through string_view iterators, as parse() does: one instantiation of nlohmann's parser and lexer, not two.
  const std::string_view rewritten(r.text);
  if (json::sax_parse(rewritten.begin(), rewritten.end(), &builder)) return out;
  out.value = json(json::value_t::discarded);
  // The position counts the characters read, the offending one included (at the end: one past the text); an
  // unexpected string or number is pointed at where it starts.
  std::size_t at = builder.error_position() > 0 ? builder.error_position() - 1 : 0;
  const std::string& what = builder.error_what();
  if ((what.find("unexpected string literal") != std::string::npos ||
       what.find("unexpected number literal") != std::string::npos) &&
      !builder.error_token().empty() && builder.error_token().size() <= at + 1)
    at = at + 1 - builder.error_token().size();
  at = r.original_offset(at);
  const auto [line, column] = line_column(text, at);
  out.error = SyntaxError{line, column, describe_syntax_error(what)};
  return out;
}

// Typed look-ups that never throw: absent or mistyped keys give nullopt.
inline const json* find(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

inline std::optional<double> number(const json& obj, const char* key) {
  const json* v = find(obj, key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  const double d = v->get<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

inline std::optional<bool> boolean(const json& obj, const char* key) {
  const json* v = find(obj, key);
  if (v == nullptr || !v->is_boolean()) return std::nullopt;
  return v->get<bool>();
}

inline std::optional<std::string> string(const json& obj, const char* key) {
  const json* v = find(obj, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

}  // namespace vramfit::json_util
