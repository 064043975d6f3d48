// Internal to the config.json parser (core/src/hf_*.cpp): the typed field readers and the Reader that looks
// a key up in text_config first, then at the top level. Every reader reports an unusable value as a diagnostic.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>

#include "base/json_util.h"
#include "vramfit/diagnostics.h"
#include "vramfit/model.h"

namespace vramfit::hf {

using json_util::json;

inline bool type_in(const std::string& t, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return t == n; });
}

inline std::string number_text(double v) {
  if (std::isnan(v)) return "NaN";  // as Python's json writes them
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// What a mistyped value is, for the message: the string "4096", true, a list, an object.
inline std::string json_kind(const json& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return "the string \"" + (s.size() > 40 ? s.substr(0, 40) + "..." : s) + "\"";
  }
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return "a number";
}

// A whole number in [lo, hi] at `field`; a diagnostic of `severity` when present but unusable.
inline std::optional<long long> whole_number(const json* v, const std::string& field, long long lo, long long hi,
                                      Severity severity, Diagnostics& diags) {
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    diags.push_back({"config.bad_type", severity, field,
                     "\"" + field + "\" must be a number, not " + json_kind(*v) + "."});
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
    diags.push_back({"config.out_of_range", severity, field,
                     "\"" + field + "\" must be a whole number from " + std::to_string(lo) + " to " +
                         std::to_string(hi) + ", not " + number_text(d) + "."});
    return std::nullopt;
  }
  return static_cast<long long>(d);
}

// A number in [lo, hi] at `field`; a diagnostic of `severity` when present but unusable.
inline std::optional<double> real_number(const json* v, const std::string& field, double lo, double hi, Severity severity,
                                  Diagnostics& diags) {
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    diags.push_back({"config.bad_type", severity, field,
                     "\"" + field + "\" must be a number, not " + json_kind(*v) + "."});
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d < lo || d > hi) {
    diags.push_back({"config.out_of_range", severity, field,
                     "\"" + field + "\" must be a number from " + number_text(lo) + " to " + number_text(hi) +
                         ", not " + number_text(d) + "."});
    return std::nullopt;
  }
  return d;
}

// A string at `field`: nullopt when absent or null; a diagnostic of `severity` when of another type.
inline std::optional<std::string> string_field(const json& obj, const char* key, const std::string& field,
                                        Severity severity, Diagnostics& diags) {
  const json* v = json_util::find(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    diags.push_back({"config.bad_type", severity, field, "\"" + field + "\" must be a string, not " + json_kind(*v) + "."});
    return std::nullopt;
  }
  return v->get<std::string>();
}

// true or false at `field`: nullopt when absent or null; a diagnostic of `severity` when of another type.
inline std::optional<bool> boolean_field(const json& obj, const char* key, const std::string& field,
                                         Severity severity, Diagnostics& diags) {
  const json* v = json_util::find(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    diags.push_back({"config.bad_type", severity, field,
                     "\"" + field + "\" must be true or false, not " + json_kind(*v) + "."});
    return std::nullopt;
  }
  return v->get<bool>();
}

struct Reader {
  const json& primary;   // text_config when present
  const json& fallback;  // the top level
  Diagnostics& diags;
  mutable std::set<std::string> keys_read{};  // every key looked up, so the ones not understood can be named

  const json* find(const char* key) const {
    keys_read.insert(key);
    if (const json* v = json_util::find(primary, key)) return v;
    return json_util::find(fallback, key);
  }
  // A diagnostic, once per code and field (a key may be read more than once).
  void report(Diagnostic d) const {
    for (const auto& x : diags)
      if (x.code == d.code && x.field == d.field) return;
    diags.push_back(std::move(d));
  }
  // true or false at `key`; an error when present as anything else ("true" in quotes included).
  std::optional<bool> boolean(const char* key) const {
    const json* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
      report({"config.bad_type", Severity::kError, key,
              std::string("\"") + key + "\" must be true or false, not " + json_kind(*v) + "."});
      return std::nullopt;
    }
    return v->get<bool>();
  }
  std::optional<std::string> string(const char* key) const {
    const json* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      report({"config.bad_type", Severity::kError, key,
              std::string("\"") + key + "\" must be a string, not " + json_kind(*v) + "."});
      return std::nullopt;
    }
    return v->get<std::string>();
  }
  // An integer field in [lo, hi]; a diagnostic when present but unusable.
  std::optional<int> integer(const char* key, long long lo, long long hi) const {
    Diagnostics found;
    const auto v = whole_number(find(key), key, lo, hi, Severity::kError, found);
    for (auto& d : found) report(std::move(d));
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }
  // The first of several keys that is present.
  std::optional<int> integer_any(std::initializer_list<const char*> keys, long long lo, long long hi) const {
    for (const char* key : keys)
      if (auto v = integer(key, lo, hi)) return v;
    return std::nullopt;
  }
  std::optional<std::string> string_any(std::initializer_list<const char*> keys) const {
    for (const char* key : keys)
      if (auto v = string(key)) return v;
    return std::nullopt;
  }
  int required(const char* key, long long lo, long long hi, std::initializer_list<const char*> aliases = {}) const {
    if (auto v = integer(key, lo, hi)) return *v;
    for (const char* alias : aliases)
      if (auto v = integer(alias, lo, hi)) return *v;
    if (find(key) == nullptr)
      diags.push_back({"config.missing_field", Severity::kError, key, std::string("config.json has no \"") + key + "\"."});
    return 0;
  }
};

// The checkpoint's storage format: quantization_config (or compression_config) when present, else torch_dtype
// (hf_quantization.cpp).
std::string checkpoint_format_of(const Reader& r);
// The layer pattern and mixers of the families that need their own reader (hf_families.cpp). true when the family
// set m.layers or reported why it could not.
bool read_family_layers(ModelArch& m, const Reader& r);
// layer_types, one entry per layer (hf_families.cpp); false when config.json has none.
bool read_layer_types(ModelArch& m, const Reader& r);
// Which layers have MoE MLPs: first_k_dense_replace, decoder_sparse_step / moe_layer_freq, mlp_only_layers,
// mlp_layer_types (hf_config.cpp).
void assign_moe_layers(ModelArch& m, const Reader& r);
// Vision towers of a multimodal config (hf_towers.cpp): m.tower_params, or a warning that they are not counted.
void read_towers(ModelArch& m, const json& root, Diagnostics& diags);
// RoPE scaling: sets m.rope and the context the model supports (hf_rope.cpp).
void apply_rope_scaling(ModelArch& m, const Reader& r);

}  // namespace vramfit::hf
