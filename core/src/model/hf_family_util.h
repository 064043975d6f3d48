// Internal to the config.json family readers (hf_families.cpp: attention and MoE variants, and the dispatch;
// hf_families_recurrent.cpp: the hybrid recurrent families): list readers and the shared refusals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/hf_reader.h"

namespace vramfit::hf {


// A list of strings at `key`: nullopt when absent; an error naming the key when it is anything else.
inline std::optional<std::vector<std::string>> string_list(const Reader& r, const char* key) {
  const json* v = r.find(key);
  if (v == nullptr) return std::nullopt;
  std::vector<std::string> out;
  if (v->is_array()) {
    for (const json& x : *v) {
      if (!x.is_string()) break;
      out.push_back(x.get<std::string>());
    }
    if (out.size() == v->size()) return out;
  }
  r.report({"config.bad_type", Severity::kError, key, std::string("\"") + key + "\" must be a list of strings, not " +
                                                          json_kind(*v) + "."});
  return std::nullopt;
}

// A list of numbers (or true/false, read as 1/0) at `key`.
inline std::optional<std::vector<double>> number_list(const Reader& r, const char* key) {
  const json* v = r.find(key);
  if (v == nullptr) return std::nullopt;
  std::vector<double> out;
  if (v->is_array()) {
    for (const json& x : *v) {
      if (x.is_number()) out.push_back(x.get<double>());
      else if (x.is_boolean()) out.push_back(x.get<bool>() ? 1 : 0);
      else break;
    }
    if (out.size() == v->size()) return out;
  }
  r.report({"config.bad_type", Severity::kError, key, std::string("\"") + key + "\" must be a list of numbers, not " +
                                                          json_kind(*v) + "."});
  return std::nullopt;
}

// An integer, or a per-layer list of integers, at `key`: the value for layer i.
struct IntOrList {
  std::optional<int> scalar;
  std::vector<double> list;
  bool present() const { return scalar.has_value() || !list.empty(); }
  int at(std::size_t i, int fallback) const {
    if (scalar) return *scalar;
    return i < list.size() ? static_cast<int>(list[i]) : fallback;
  }
};
inline IntOrList int_or_list(const Reader& r, const char* key, long long lo, long long hi) {
  IntOrList out;
  const json* v = r.find(key);
  if (v == nullptr) return out;
  if (v->is_array()) {
    for (const json& x : *v) {
      // Every entry a whole number in range, else the key is reported and read as absent.
      const auto n = whole_number(&x, key, lo, hi, Severity::kError, r.diags);
      if (!n) return IntOrList{};
      out.list.push_back(static_cast<double>(*n));
    }
  } else {
    out.scalar = r.integer(key, lo, hi);
  }
  return out;
}

inline bool length_is(const Reader& r, const char* key, std::size_t n, int layers) {
  if (n == static_cast<std::size_t>(layers)) return true;
  r.report({"config.inconsistent", Severity::kError, key,
            std::string("\"") + key + "\" lists " + std::to_string(n) + " layers but the model has " +
                std::to_string(layers) + "."});
  return false;
}

inline void unsupported(const Reader& r, const std::string& field, const std::string& detail) {
  r.report({"config.unsupported", Severity::kError, field, detail});
}

inline LayerSpec& layer(ModelArch& m, int i) { return m.layers[static_cast<std::size_t>(i)]; }

// The hybrid recurrent families (hf_families_recurrent.cpp). read_nemotron_h: false when the config has no block
// pattern (then read as the plain family).
void read_qwen3_next(ModelArch& m, const Reader& r);
void read_jamba(ModelArch& m, const Reader& r);
void read_granite_hybrid(ModelArch& m, const Reader& r);
void read_falcon_h1(ModelArch& m, const Reader& r);
bool read_nemotron_h(ModelArch& m, const Reader& r);
void read_lfm2(ModelArch& m, const Reader& r);

}  // namespace vramfit::hf
