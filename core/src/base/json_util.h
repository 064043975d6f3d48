// Internal helpers for reading JSON defensively (core/src only).
#pragma once

#include <cmath>
#include <cstdint>
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
  explicit DomBuilder(json& root) : root_(root) {}
  bool null() { add(nullptr); return true; }
  bool boolean(bool v) { add(v); return true; }
  bool number_integer(json::number_integer_t v) { add(v); return true; }
  bool number_unsigned(json::number_unsigned_t v) { add(v); return true; }
  bool number_float(json::number_float_t v, const json::string_t&) { add(v); return true; }
  bool string(json::string_t& v) { add(std::move(v)); return true; }
  bool binary(json::binary_t& v) { add(json::binary(std::move(v))); return true; }
  bool start_object(std::size_t) { open_.push_back(add(json::object())); return true; }
  bool key(json::string_t& k) { key_ = std::move(k); return true; }
  bool end_object() { open_.pop_back(); return true; }
  bool start_array(std::size_t) { open_.push_back(add(json::array())); return true; }
  bool end_array() { open_.pop_back(); return true; }
  bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

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
  json& root_;
  std::vector<json*> open_;
  json::string_t key_;
};

// The document, or a discarded value when the text is not one whole JSON value.
inline json parse(std::string_view text) {
  json result;
  DomBuilder builder(result);
  if (!json::sax_parse(text.begin(), text.end(), &builder)) return json(json::value_t::discarded);
  return result;
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
