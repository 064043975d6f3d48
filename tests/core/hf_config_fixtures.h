// Shared by the config.json parser tests (hf_config_test.cpp, hf_rope_test.cpp).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "vramfit/hf_config.h"

namespace vramfit::hf_test {

// A small Llama-shaped model, for blocks whose model's architecture is beside the point.
inline constexpr const char* kSmall = R"({"model_type": "llama", "hidden_size": 1024, "num_hidden_layers": 4,
  "num_attention_heads": 8, "num_key_value_heads": 8, "intermediate_size": 2816, "vocab_size": 32000,
  "max_position_embeddings": 4096})";

// `base` with `key` set to the JSON `value`.
inline std::string with(const char* base, const char* key, const std::string& value) {
  nlohmann::json c = nlohmann::json::parse(base, nullptr, false);
  c[key] = nlohmann::json::parse(value, nullptr, false);
  return c.dump();
}

inline bool has_code(const ParsedConfig& p, const std::string& code) {
  for (const auto& d : p.diagnostics)
    if (d.code == code) return true;
  return false;
}

}  // namespace vramfit::hf_test
