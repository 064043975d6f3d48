// Internal helpers for reading JSON defensively (core/src only).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

inline json parse(std::string_view text) {
  return json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
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
