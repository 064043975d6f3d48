// Shared pieces of the engine-log readers (engine_log*.cpp): plain string search, no regular expressions, so each
// reader runs in linear time on any input (fuzz_engine_log).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vramfit/engine_log.h"

namespace vramfit::log {

// A decimal number at the start of s (digits, thousands commas, one '.'); nullopt-like NaN when there is none.
inline double number_at(std::string_view s) {
  char buf[48];
  std::size_t n = 0;
  if (!s.empty() && s.front() == '-') {  // "Available KV cache memory: -2.14 GiB"
    buf[n++] = '-';
    s.remove_prefix(1);
  }
  bool dot = false, digits = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if (c == ',' && digits && !dot) {
      continue;  // "46,368 tokens"
    } else {
      break;
    }
    if (n + 1 >= sizeof buf) return NAN;
    buf[n++] = c;
  }
  if (!digits) return NAN;
  buf[n] = '\0';
  return std::strtod(buf, nullptr);
}

// The number right after `key` in `line` (spaces skipped); NaN when the key or the number is absent.
inline double after(std::string_view line, std::string_view key) {
  const auto at = line.find(key);
  if (at == std::string_view::npos) return NAN;
  std::string_view rest = line.substr(at + key.size());
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '(')) rest.remove_prefix(1);
  return number_at(rest);
}

// The value after `key` up to the first of `ends` ("model='x'," -> "x" with key "model='" and end '\'').
inline std::string text_after(std::string_view line, std::string_view key, std::string_view ends) {
  const auto at = line.find(key);
  if (at == std::string_view::npos) return {};
  std::string_view rest = line.substr(at + key.size());
  const auto end = rest.find_first_of(ends);
  return std::string(rest.substr(0, std::min(end, std::size_t{256})));
}

inline bool set(double& field, double v) {
  if (std::isnan(v)) return false;
  field = v;
  return true;
}
inline bool set_int(int& field, double v) {
  if (std::isnan(v) || v < 0 || v > 1e9) return false;
  field = static_cast<int>(v);
  return true;
}

// Bytes of a size with its unit ("7.0 GiB", "912.2 MiB", "64 B") in MiB; NaN when there is none.
inline double size_mib(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '=')) s.remove_prefix(1);
  const double v = number_at(s);
  if (std::isnan(v)) return NAN;
  const auto unit = s.find_first_of("KMGTB", 0);
  if (unit == std::string_view::npos || unit > 24) return NAN;
  switch (s[unit]) {
    case 'K': return v / 1024;
    case 'M': return v;
    case 'G': return v * 1024;
    case 'T': return v * 1024 * 1024;
    default: return v / (1024.0 * 1024.0);
  }
}

// The line has `s` in it.
inline bool has(std::string_view line, std::string_view s) { return line.find(s) != std::string_view::npos; }

// One line of each engine's start-up output; true when it gave a figure or a setting.
bool read_vllm_line(std::string_view line, EngineLogRead& r);
bool read_llamacpp_line(std::string_view line, EngineLogRead& r);
bool read_ollama_line(std::string_view line, EngineLogRead& r);
bool read_sglang_line(std::string_view line, EngineLogRead& r);

}  // namespace vramfit::log
