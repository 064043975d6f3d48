// Internal to the GGUF reader: its metadata as numbers, and rewritten as config.json keys so that one parser
// (parse_hf_config) describes every model (gguf_metadata.cpp).
#pragma once

#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace vramfit::gguf {

using nlohmann::json;

// llama.cpp architecture name -> Hugging Face model_type; "" for layouts the core does not know.
std::string model_type_of(const std::string& arch);
// The value at `key`, or nullptr when absent or null.
const json* meta_at(const json& meta, const std::string& key);
// A number, or the largest element of a per-layer array; clamped to +-1e15.
std::optional<double> meta_number(const json& meta, const std::string& key);
int meta_int(const json& meta, const std::string& key, int fallback);
// The metadata of architecture `arch` as config.json keys; `names` is the tensor index, `vocab_rows` the token
// embedding's rows (0 when unknown).
json config_of(const std::string& arch, const json& meta, const std::set<std::string>& names, double vocab_rows);

}  // namespace vramfit::gguf
