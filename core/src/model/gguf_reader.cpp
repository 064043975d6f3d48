#include "vramfit/gguf_reader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "vramfit/ggml_types.h"
#include "vramfit/hf_config.h"

namespace vramfit {
namespace {

using nlohmann::json;

// gguf.h enum gguf_type and the size of each scalar.
enum GgufValueType : std::uint32_t {
  kU8 = 0, kI8 = 1, kU16 = 2, kI16 = 3, kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7, kString = 8, kArray = 9,
  kU64 = 10, kI64 = 11, kF64 = 12, kTypeCount = 13
};
constexpr int kScalarBytes[kTypeCount] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};

constexpr std::uint64_t kMaxTensors = 1u << 20;   // DeepSeek-V3 has ~1,800; anything near this is hostile
constexpr std::uint64_t kMaxKv = 1u << 16;
constexpr std::uint64_t kMaxKeptArray = 1u << 16;  // per-layer arrays are kept; vocabularies are only counted
constexpr std::uint64_t kMaxKeptString = 4096;
constexpr std::uint32_t kMaxNameBytes = 64;        // GGML_MAX_NAME
constexpr std::uint32_t kDefaultAlignment = 32;    // GGUF_DEFAULT_ALIGNMENT

// Reads little-endian values from the prefix. The first read past its end records how many bytes would
// have been needed; every later read fails, so callers check `ok()` once per step.
class Cursor {
 public:
  explicit Cursor(std::span<const unsigned char> bytes) : b_(bytes) {}
  bool ok() const { return need_ == 0; }
  double need() const { return need_; }
  std::size_t pos() const { return pos_; }

  bool skip(std::uint64_t n) {
    if (!ok()) return false;
    if (n > b_.size() - pos_) {
      need_ = static_cast<double>(pos_) + static_cast<double>(n);
      return false;
    }
    pos_ += static_cast<std::size_t>(n);
    return true;
  }
  template <typename T>
  bool read(T& v) {
    const std::size_t at = pos_;
    if (!skip(sizeof(T))) return false;
    std::memcpy(&v, b_.data() + at, sizeof(T));
    return true;
  }
  bool string(std::string& s, std::uint64_t keep_limit) {
    std::uint64_t n = 0;
    if (!read(n)) return false;
    const std::size_t at = pos_;
    if (!skip(n)) return false;
    if (n <= keep_limit) s.assign(reinterpret_cast<const char*>(b_.data() + at), static_cast<std::size_t>(n));
    else s.clear();
    return true;
  }

 private:
  std::span<const unsigned char> b_;
  std::size_t pos_ = 0;
  double need_ = 0;
};

json scalar(Cursor& c, std::uint32_t type) {
  switch (type) {
    case kU8: { std::uint8_t v = 0; c.read(v); return v; }
    case kI8: { std::int8_t v = 0; c.read(v); return v; }
    case kU16: { std::uint16_t v = 0; c.read(v); return v; }
    case kI16: { std::int16_t v = 0; c.read(v); return v; }
    case kU32: { std::uint32_t v = 0; c.read(v); return v; }
    case kI32: { std::int32_t v = 0; c.read(v); return v; }
    case kU64: { std::uint64_t v = 0; c.read(v); return v; }
    case kI64: { std::int64_t v = 0; c.read(v); return v; }
    case kF32: { float v = 0; c.read(v); return std::isfinite(v) ? json(v) : json(); }
    case kF64: { double v = 0; c.read(v); return std::isfinite(v) ? json(v) : json(); }
    case kBool: { std::uint8_t v = 0; c.read(v); return v != 0; }
    default: return json();
  }
}

// One metadata value. Arrays of numbers up to kMaxKeptArray are kept (per-layer head counts); longer arrays
// and string arrays are skipped and only their length is kept, under "<key>#len".
bool read_value(Cursor& c, std::uint32_t type, const std::string& key, json& meta, Diagnostics& d) {
  if (type == kString) {
    std::string s;
    if (!c.string(s, kMaxKeptString)) return false;
    meta[key] = s;
    return true;
  }
  if (type == kArray) {
    std::uint32_t elem = 0;
    std::uint64_t n = 0;
    if (!c.read(elem) || !c.read(n)) return false;
    if (elem >= kTypeCount || elem == kArray) {
      d.push_back({"gguf.bad_type", Severity::kError, key, "Metadata array \"" + key + "\" has an unknown element type " +
                                                              std::to_string(elem) + "."});
      return false;
    }
    meta[key + "#len"] = n;
    if (elem == kString) {
      std::string ignored;
      for (std::uint64_t i = 0; i < n; ++i)
        if (!c.string(ignored, 0)) return false;
      return true;
    }
    const auto size = static_cast<std::uint64_t>(kScalarBytes[elem]);
    if (n > std::numeric_limits<std::uint64_t>::max() / size) {
      c.skip(std::numeric_limits<std::uint64_t>::max());
      return false;
    }
    if (n > kMaxKeptArray) return c.skip(n * size);
    json values = json::array();
    for (std::uint64_t i = 0; i < n && c.ok(); ++i) values.push_back(scalar(c, elem));
    if (!c.ok()) return false;
    meta[key] = std::move(values);
    return true;
  }
  if (type >= kTypeCount) {
    d.push_back({"gguf.bad_type", Severity::kError, key,
                 "Metadata key \"" + key + "\" has an unknown value type " + std::to_string(type) + "."});
    return false;
  }
  json v = scalar(c, type);
  if (!c.ok()) return false;
  meta[key] = std::move(v);
  return true;
}

// llama.cpp architecture name -> Hugging Face model_type, for the architectures whose layout the core knows.
std::string model_type_of(const std::string& arch) {
  static const std::map<std::string, std::string> kTypes = {
      {"llama", "llama"}, {"qwen2", "qwen2"}, {"qwen3", "qwen3"}, {"qwen2moe", "qwen2_moe"},
      {"qwen3moe", "qwen3_moe"}, {"gemma", "gemma"}, {"gemma2", "gemma2"}, {"gemma3", "gemma3_text"},
      {"gpt-oss", "gpt_oss"}, {"deepseek2", "deepseek_v3"}, {"phi3", "phi3"}, {"olmo2", "olmo2"},
      {"starcoder2", "starcoder2"}, {"falcon", "falcon"}, {"gpt2", "gpt2"}, {"starcoder", "gpt_bigcode"},
      {"stablelm", "stablelm"}, {"mistral3", "mistral"}, {"granite", "granite"}, {"qwen3next", "qwen3_next"},
      {"qwen35", "qwen3_5_text"}, {"qwen35moe", "qwen3_5_moe_text"}, {"jamba", "jamba"}, {"lfm2", "lfm2"},
      {"llama4", "llama4_text"}, {"granitehybrid", "granitemoehybrid"}, {"nemotron_h", "nemotron_h"},
      {"nemotron_h_moe", "nemotron_h"}, {"falcon-h1", "falcon_h1"}};
  auto it = kTypes.find(arch);
  return it == kTypes.end() ? std::string() : it->second;
}

const json* meta_at(const json& meta, const std::string& key) {
  auto it = meta.find(key);
  return it == meta.end() || it->is_null() ? nullptr : &*it;
}

// A number, or the largest element of a per-layer array (head counts vary by layer in some models).
// Values are clamped to +-1e15 (exact in a double, safe to convert to 64-bit integers); the config parser's
// own ranges then refuse what no model has.
std::optional<double> meta_number(const json& meta, const std::string& key) {
  const json* v = meta_at(meta, key);
  if (v == nullptr) return std::nullopt;
  std::optional<double> out;
  if (v->is_number()) {
    out = v->get<double>();
  } else if (v->is_array()) {
    for (const json& x : *v)
      if (x.is_number()) out = std::max(out.value_or(0.0), x.get<double>());
  }
  if (out && !std::isfinite(*out)) return std::nullopt;
  if (out) out = std::clamp(*out, -1e15, 1e15);
  return out;
}

int meta_int(const json& meta, const std::string& key, int fallback) {
  const auto v = meta_number(meta, key);
  return v ? static_cast<int>(std::clamp(*v, -2e9, 2e9)) : fallback;
}

// A per-layer value (llama.cpp get_key_or_arr): the array's element il, or the one number for every layer.
std::optional<double> meta_layer(const json& meta, const std::string& key, int il) {
  const json* v = meta_at(meta, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (v->is_array() && il >= 0 && static_cast<std::size_t>(il) < v->size() && (*v)[static_cast<std::size_t>(il)].is_number())
    return (*v)[static_cast<std::size_t>(il)].get<double>();
  return std::nullopt;
}

// Hybrid and per-layer families: llama.cpp's recurrent (ssm.*, shortconv.*) keys and per-layer arrays, rewritten
// as their config.json keys (the inverse of the writer, core/tools/src/gguf_writer.cpp; llama-model.cpp
// load_hparams per architecture: a layer with head_count_kv 0 is recurrent for jamba, granitehybrid, lfm2 and
// nemotron_h; qwen3next fixes one attention layer in four).
void family_config(json& c, const std::string& arch, const json& meta, const std::set<std::string>& names) {
  const std::string a = arch + ".";
  const int layers = meta_int(meta, a + "block_count", 0);
  if (layers <= 0 || layers > 100000) return;
  const double hidden = meta_number(meta, a + "embedding_length").value_or(0);
  const double conv = meta_number(meta, a + "ssm.conv_kernel").value_or(0);
  const double inner = meta_number(meta, a + "ssm.inner_size").value_or(0);
  const double state = meta_number(meta, a + "ssm.state_size").value_or(0);
  const double rank = meta_number(meta, a + "ssm.time_step_rank").value_or(0);
  const double groups = meta_number(meta, a + "ssm.group_count").value_or(0);
  auto i64 = [](double v) { return static_cast<std::int64_t>(v); };
  auto kv_heads = [&](int il) { return meta_layer(meta, a + "attention.head_count_kv", il).value_or(0); };
  auto ffn = [&](int il) { return meta_layer(meta, a + "feed_forward_length", il).value_or(0); };
  auto has = [&](int il, const char* suffix) { return names.count("blk." + std::to_string(il) + "." + suffix) > 0; };
  auto attention_types = [&](const char* recurrent) {
    json types = json::array();
    for (int il = 0; il < layers; ++il) types.push_back(kv_heads(il) > 0 ? "full_attention" : recurrent);
    return types;
  };
  json moe_layers = json::array();
  for (int il = 0; il < layers; ++il)
    if (has(il, "ffn_gate_inp.weight")) moe_layers.push_back(il);
  if (arch == "qwen3next" || arch == "qwen35" || arch == "qwen35moe") {
    c["linear_num_key_heads"] = i64(groups);
    c["linear_num_value_heads"] = i64(rank);
    c["linear_key_head_dim"] = i64(state);
    if (rank > 0) c["linear_value_head_dim"] = i64(inner / rank);
    c["linear_conv_kernel_dim"] = i64(conv);
    c["full_attention_interval"] = 4;
  } else if (arch == "jamba") {
    c["layer_types"] = attention_types("mamba");
    c["moe_layers"] = moe_layers;
    c["mamba_d_state"] = i64(state);
    c["mamba_d_conv"] = i64(conv);
    if (hidden > 0) c["mamba_expand"] = i64(inner / hidden);
    c["mamba_dt_rank"] = i64(rank);
    c["mamba_conv_bias"] = has(0, "ssm_conv1d.bias") || has(layers - 1, "ssm_conv1d.bias");
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
  } else if (arch == "lfm2") {
    c["layer_types"] = attention_types("conv");
    c["conv_L_cache"] = i64(meta_number(meta, a + "shortconv.l_cache").value_or(3));
    c["block_auto_adjust_ff_dim"] = false;  // feed_forward_length is the final width
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
  } else if (arch == "llama4") {
    c["intermediate_size_mlp"] = c.value("intermediate_size", 0);
    c["intermediate_size"] = c.value("moe_intermediate_size", 0);
    c.erase("moe_intermediate_size");
    c.erase("shared_expert_intermediate_size");  // Llama-4's one shared expert has the experts' width
    c["moe_layers"] = moe_layers;
    // llama-model.cpp LLM_ARCH_LLAMA4: chunked attention with n_swa 8192 unless attention.sliding_window is 0.
    const auto window = meta_number(meta, a + "attention.sliding_window");
    c["attention_chunk_size"] = window && *window == 0 ? 0 : 8192;
    c.erase("sliding_window");
  } else if (arch == "granitehybrid") {
    c["layer_types"] = attention_types("mamba");
    c["mamba_n_heads"] = i64(rank);
    if (rank > 0) c["mamba_d_head"] = i64(inner / rank);
    c["mamba_d_state"] = i64(state);
    c["mamba_n_groups"] = i64(groups);
    c["mamba_d_conv"] = i64(conv);
    if (hidden > 0) c["mamba_expand"] = i64(inner / hidden);
    if (auto shared = meta_number(meta, a + "expert_shared_feed_forward_length")) c["shared_intermediate_size"] = i64(*shared);
    if (c.contains("moe_intermediate_size")) c["intermediate_size"] = c["moe_intermediate_size"];
    c.erase("shared_expert_intermediate_size");
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
  } else if (arch == "falcon-h1") {
    c["mamba_d_ssm"] = i64(inner);
    c["mamba_n_heads"] = i64(rank);
    if (rank > 0) c["mamba_d_head"] = i64(inner / rank);
    c["mamba_d_state"] = i64(state);
    c["mamba_n_groups"] = i64(groups);
    c["mamba_d_conv"] = i64(conv);
    c["mamba_conv_bias"] = has(0, "ssm_conv1d.bias");
    c["mamba_rms_norm"] = has(0, "ssm_norm.weight");
    c["projectors_bias"] = has(0, "ssm_out.bias");
  } else if (arch == "nemotron_h" || arch == "nemotron_h_moe") {
    std::string pattern;
    for (int il = 0; il < layers; ++il)
      pattern += kv_heads(il) > 0 ? '*' : ffn(il) > 0 ? (has(il, "ffn_gate_inp.weight") ? 'E' : '-') : 'M';
    c["hybrid_override_pattern"] = pattern;
    c["mamba_num_heads"] = i64(rank);
    if (rank > 0) c["mamba_head_dim"] = i64(inner / rank);
    c["ssm_state_size"] = i64(state);
    c["n_groups"] = i64(groups);
    c["conv_kernel"] = i64(conv);
    if (auto latent = meta_number(meta, a + "moe_latent_size")) c["moe_latent_size"] = i64(*latent);
    if (auto shared = meta_number(meta, a + "expert_shared_feed_forward_length")) {
      c["moe_shared_expert_intermediate_size"] = i64(*shared);
      c["n_shared_experts"] = 1;
    }
    c.erase("shared_expert_intermediate_size");
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
    // Every block's FFN width is the dense one; MoE blocks take theirs from expert_feed_forward_length.
    for (int il = 0; il < layers; ++il)
      if (pattern[static_cast<std::size_t>(il)] == '-') {
        c["intermediate_size"] = i64(ffn(il));
        break;
      }
  }
}

// SWA layer pattern llama.cpp applies per architecture (llama-model.cpp load_hparams: set_swa_pattern):
// a layer il slides when il % n < n - 1.
int swa_pattern(const std::string& arch) {
  if (arch == "gemma2" || arch == "gpt-oss") return 2;
  if (arch == "gemma3") return 6;
  if (arch == "cohere2") return 4;
  return 0;
}

// The metadata rewritten as config.json keys, so one parser (parse_hf_config) describes every model.
json config_of(const std::string& arch, const json& meta, const std::set<std::string>& names, double vocab_rows) {
  const std::string a = arch + ".";
  json c = json::object();
  c["model_type"] = model_type_of(arch);
  c["architectures"] = json::array({"gguf:" + arch});
  auto put = [&](const char* hf_key, const std::string& gguf_key) {
    if (auto v = meta_number(meta, a + gguf_key)) c[hf_key] = static_cast<std::int64_t>(*v);
  };
  put("hidden_size", "embedding_length");
  put("num_hidden_layers", "block_count");
  put("num_attention_heads", "attention.head_count");
  put("num_key_value_heads", "attention.head_count_kv");
  put("intermediate_size", "feed_forward_length");
  put("max_position_embeddings", "context_length");
  put("sliding_window", "attention.sliding_window");
  // RoPE scaling as llama.cpp reads it (src/llama-model.cpp load_hparams; keys from src/llama-arch.cpp:
  // LLM_KV_ROPE_SCALING_TYPE, _FACTOR, _ORIG_CTX_LEN, and the older LLM_KV_ROPE_SCALE_LINEAR): the type defaults
  // to "linear", a factor of 0 or 1 means none. Passed on as config.json's rope_scaling, so the context the model
  // supports is derived as for a config.json (hf_rope.cpp: yarn from original_context_length x factor, linear
  // from context_length x factor). llama.cpp keeps n_ctx_train = context_length and only warns past it.
  const json* rope_type = meta_at(meta, a + "rope.scaling.type");
  auto rope_factor = meta_number(meta, a + "rope.scaling.factor");
  if (!rope_factor) rope_factor = meta_number(meta, a + "rope.scale_linear");
  const std::string rope_name = rope_type != nullptr && rope_type->is_string() ? rope_type->get<std::string>() : "linear";
  if (rope_factor && *rope_factor > 1 && rope_name != "none" && (rope_type == nullptr || rope_type->is_string())) {
    json scaling{{"rope_type", rope_name}, {"factor", *rope_factor}};
    if (auto original = meta_number(meta, a + "rope.scaling.original_context_length"); original && *original > 0)
      scaling["original_max_position_embeddings"] = static_cast<std::int64_t>(*original);
    c["rope_scaling"] = std::move(scaling);
  }
  if (vocab_rows > 0) c["vocab_size"] = static_cast<std::int64_t>(vocab_rows);
  else if (auto v = meta_number(meta, a + "vocab_size")) c["vocab_size"] = static_cast<std::int64_t>(*v);
  else if (auto n = meta_number(meta, "tokenizer.ggml.tokens#len")) c["vocab_size"] = static_cast<std::int64_t>(*n);

  put("num_experts", "expert_count");
  put("num_experts_per_tok", "expert_used_count");
  put("moe_intermediate_size", "expert_feed_forward_length");
  put("n_shared_experts", "expert_shared_count");
  put("shared_expert_intermediate_size", "expert_shared_feed_forward_length");
  put("first_k_dense_replace", "leading_dense_block_count");
  if (meta_number(meta, a + "expert_gating_func").value_or(0) == 2) c["topk_method"] = "noaux_tc";

  if (auto kv_rank = meta_number(meta, a + "attention.kv_lora_rank"); kv_rank && *kv_rank > 0) {
    // DeepSeek2 conversions: since 2025 K/V lengths describe the latent (MQA form) and *_mla the heads.
    const double rope = meta_number(meta, a + "rope.dimension_count").value_or(64);
    const double key = meta_number(meta, a + "attention.key_length_mla")
                           .value_or(meta_number(meta, a + "attention.key_length").value_or(192));
    const double value = meta_number(meta, a + "attention.value_length_mla")
                             .value_or(meta_number(meta, a + "attention.value_length").value_or(128));
    c["kv_lora_rank"] = static_cast<std::int64_t>(*kv_rank);
    c["q_lora_rank"] = static_cast<std::int64_t>(meta_number(meta, a + "attention.q_lora_rank").value_or(0));
    c["qk_rope_head_dim"] = static_cast<std::int64_t>(rope);
    c["qk_nope_head_dim"] = static_cast<std::int64_t>(key - rope);
    c["v_head_dim"] = static_cast<std::int64_t>(value);
    c["num_key_value_heads"] = c.value("num_attention_heads", 1);
  } else {
    put("head_dim", "attention.key_length");
  }

  // What the tensor index shows directly.
  c["tie_word_embeddings"] = names.count("output.weight") == 0;
  const bool o_bias = names.count("blk.0.attn_output.bias") > 0;
  c["attention_bias"] = o_bias;
  if (!o_bias && (names.count("blk.0.attn_q.bias") > 0 || names.count("blk.0.attn_qkv.bias") > 0)) c["qkv_bias"] = true;
  c["mlp_bias"] = names.count("blk.0.ffn_down.bias") > 0;

  family_config(c, arch, meta, names);
  const int pattern = swa_pattern(arch);
  const int layers = meta_int(meta, a + "block_count", 0);
  const json* swa_flags = meta_at(meta, a + "attention.sliding_window_pattern");
  if (c.contains("sliding_window") && layers > 0 && layers <= 100000) {
    json types = json::array();
    for (int il = 0; il < layers; ++il) {
      bool slides = pattern > 0 && il % pattern < pattern - 1;
      if (swa_flags != nullptr && swa_flags->is_array() && static_cast<int>(swa_flags->size()) == layers)
        slides = (*swa_flags)[static_cast<std::size_t>(il)].is_boolean() && (*swa_flags)[static_cast<std::size_t>(il)].get<bool>();
      types.push_back(slides ? "sliding_attention" : "full_attention");
    }
    c["layer_types"] = std::move(types);
  }
  return c;
}

// "blk.12.attn_q.weight" -> 12; -1 for global tensors.
int layer_of(const std::string& name) {
  if (name.rfind("blk.", 0) != 0) return -1;
  int il = 0;
  std::size_t i = 4;
  for (; i < name.size() && i < 12 && name[i] >= '0' && name[i] <= '9'; ++i) il = il * 10 + (name[i] - '0');
  return i > 4 && i < name.size() && name[i] == '.' ? il : -1;
}

void by_type(GgufFile& f) {
  std::map<int, GgufTypeBytes> acc;
  for (const GgufTensorInfo& t : f.tensors) {
    GgufTypeBytes& e = acc[t.type];
    const GgmlTypeInfo* info = ggml_type_ptr(t.type);
    e.type = info != nullptr ? std::string(info->name) : std::to_string(t.type);
    e.tensors += 1;
    e.elements += static_cast<double>(t.ne[0]) * t.ne[1] * t.ne[2] * t.ne[3];
    e.bytes += t.bytes;
  }
  for (auto& [id, e] : acc) f.by_type.push_back(std::move(e));
  std::sort(f.by_type.begin(), f.by_type.end(), [](const auto& x, const auto& y) { return x.bytes > y.bytes; });
}

// A byte count as whole-number text, whatever a hostile header declares.
std::string whole(double v) { return std::to_string(static_cast<long long>(std::clamp(v, 0.0, 9e18))); }

// Bounds the read: past the end of what was given, ask for more unless the file or the limit says no.
bool needs_more(GgufFile& f, const Cursor& c) {
  if (c.ok()) return false;
  const double need = c.need();
  if (need > f.file_bytes) {
    f.diagnostics.push_back({"gguf.truncated", Severity::kError, "",
                             "The GGUF header runs past the end of the file (it needs " + whole(need) +
                                 " bytes; the file has " + whole(f.file_bytes) +
                                 "): the file is truncated or not a GGUF file."});
    f.status = ReadStatus::kError;
  } else if (need > kMaxGgufHeaderBytes) {
    f.diagnostics.push_back({"gguf.header_too_large", Severity::kError, "",
                             "The GGUF header is larger than 64 MiB; vramfit does not read headers that large."});
    f.status = ReadStatus::kError;
  } else {
    f.status = ReadStatus::kNeedMoreBytes;
    f.bytes_needed = std::min({f.file_bytes, kMaxGgufHeaderBytes, std::max(need, 2.0 * static_cast<double>(c.pos()))});
  }
  return true;
}

void model_from_metadata(GgufFile& f, const json& meta) {
  const std::string model_type = model_type_of(f.architecture);
  if (model_type.empty())
    f.diagnostics.push_back({"gguf.unknown_arch", Severity::kWarning, "architecture",
                             "vramfit does not know llama.cpp's \"" + f.architecture +
                                 "\" layout; the KV cache and compute buffers assume a Llama-like block. Weights "
                                 "are exact (read from the tensor index)."});
  std::set<std::string> names;
  double vocab_rows = 0;
  for (const GgufTensorInfo& t : f.tensors) {
    names.insert(t.name);
    if (t.name == "token_embd.weight") vocab_rows = static_cast<double>(t.ne[1]);
  }
  json config = config_of(f.architecture, meta, names, vocab_rows);
  if (model_type.empty()) config["model_type"] = "llama";
  f.config_json = config.dump(-1, ' ', false, json::error_handler_t::replace);  // names may not be UTF-8
  ParsedConfig parsed = parse_hf_config(f.config_json);
  for (Diagnostic& d : parsed.diagnostics) {
    d.detail = "From the GGUF metadata: " + d.detail;
    f.diagnostics.push_back(std::move(d));
  }
  if (!parsed.model) return;
  ModelArch m = std::move(*parsed.model);
  m.name = f.name.empty() ? f.architecture : f.name;
  std::vector<GgufTensor> grouped;
  grouped.reserve(f.tensors.size());
  for (const GgufTensorInfo& t : f.tensors) {
    GgufTensor g;
    g.ne = t.ne;
    g.n_dims = t.n_dims;
    g.type = t.type;
    g.layer = layer_of(t.name);
    g.role = t.name == "token_embd.weight" ? TensorRole::kTokenEmbd : TensorRole::kBias;
    grouped.push_back(g);
  }
  f.weights = llama_weight_bytes(grouped, m.num_layers);
  const double counted = count_params(m).total();
  if (f.elements > 0 && std::fabs(counted / f.elements - 1.0) > 0.02)
    f.diagnostics.push_back({"gguf.params_mismatch", Severity::kNote, "",
                             "The architecture read from the metadata accounts for " +
                                 whole(counted) + " parameters; the file stores " +
                                 whole(f.elements) +
                                 ". Weights use the file's own tensor sizes."});
  f.model = std::move(m);
}

}  // namespace

GgufFile read_gguf(std::span<const unsigned char> prefix, double file_bytes) {
  GgufFile f;
  f.file_bytes = std::max(file_bytes, static_cast<double>(prefix.size()));
  Cursor c(prefix);
  auto error = [&f](const char* code, std::string message) {
    f.diagnostics.push_back({code, Severity::kError, "", std::move(message)});
    f.status = ReadStatus::kError;
    return std::move(f);
  };

  char magic[4] = {};
  std::uint32_t version = 0;
  c.read(magic);
  c.read(version);
  if (needs_more(f, c)) return f;
  if (std::memcmp(magic, "GGUF", 4) != 0) return error("gguf.bad_magic", "This is not a GGUF file (it does not start with \"GGUF\").");
  if (version < 2 || version > 3)
    return error("gguf.bad_version", "GGUF version " + std::to_string(version) + " is not supported (llama.cpp reads 2 and 3).");
  f.version = static_cast<int>(version);
  std::uint64_t n_tensors = 0, n_kv = 0;
  c.read(n_tensors);
  c.read(n_kv);
  if (needs_more(f, c)) return f;
  if (n_tensors > kMaxTensors || n_kv > kMaxKv)
    return error("gguf.absurd_counts", "The header declares " + std::to_string(n_tensors) + " tensors and " +
                                           std::to_string(n_kv) + " metadata keys; that is not a real model.");

  json meta = json::object();
  for (std::uint64_t i = 0; i < n_kv; ++i) {
    std::string key;
    std::uint32_t type = 0;
    c.string(key, kMaxKeptString);
    c.read(type);
    if (needs_more(f, c)) return f;
    const std::size_t errors_before = f.diagnostics.size();
    if (!read_value(c, type, key, meta, f.diagnostics)) {
      if (needs_more(f, c)) return f;
      if (f.diagnostics.size() > errors_before) {
        f.status = ReadStatus::kError;
        return f;
      }
    }
  }
  if (const json* a = meta_at(meta, "general.architecture"); a != nullptr && a->is_string()) f.architecture = a->get<std::string>();
  if (const json* n = meta_at(meta, "general.name"); n != nullptr && n->is_string()) f.name = n->get<std::string>();
  if (meta_number(meta, "general.file_type")) {
    f.file_type = meta_int(meta, "general.file_type", -1);
    for (const LlamaFtype& t : llama_ftypes())
      if (t.id == f.file_type) f.file_type_name = std::string(t.name);
  }
  std::uint32_t alignment = kDefaultAlignment;
  if (auto al = meta_number(meta, "general.alignment")) {
    const auto v = static_cast<std::uint64_t>(std::max(*al, 0.0));
    if (v == 0 || v > (1u << 20) || (v & (v - 1)) != 0)
      return error("gguf.bad_alignment", "general.alignment must be a power of two; this file says " + std::to_string(v) + ".");
    alignment = static_cast<std::uint32_t>(v);
  }

  std::set<std::string> seen;
  f.tensors.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(n_tensors, 4096)));
  for (std::uint64_t i = 0; i < n_tensors; ++i) {
    GgufTensorInfo t;
    std::uint32_t n_dims = 0, type = 0;
    std::uint64_t offset = 0;
    c.string(t.name, kMaxNameBytes);
    c.read(n_dims);
    if (needs_more(f, c)) return f;
    if (t.name.empty()) return error("gguf.bad_tensor", "Tensor " + std::to_string(i) + " has an empty or over-long name.");
    if (n_dims == 0 || n_dims > 4)
      return error("gguf.bad_tensor", "Tensor " + t.name + " has " + std::to_string(n_dims) + " dimensions (ggml allows 1 to 4).");
    t.n_dims = static_cast<int>(n_dims);
    for (std::uint32_t k = 0; k < n_dims; ++k) c.read(t.ne[k]);
    c.read(type);
    c.read(offset);
    if (needs_more(f, c)) return f;
    const GgmlTypeInfo* info = ggml_type_ptr(static_cast<int>(type));
    if (info == nullptr) return error("gguf.bad_tensor", "Tensor " + t.name + " has an unknown ggml type " + std::to_string(type) + ".");
    t.type = static_cast<int>(type);
    double elements = 1;
    for (std::int64_t ne : t.ne) {
      if (ne < 0) return error("gguf.bad_tensor", "Tensor " + t.name + " has a negative dimension.");
      elements *= static_cast<double>(ne);
    }
    if (elements > 9e15 || t.ne[0] % info->block_elements != 0)
      return error("gguf.bad_tensor", "Tensor " + t.name + " has a shape its type " + std::string(info->name) + " cannot hold.");
    if (!seen.insert(t.name).second) return error("gguf.bad_tensor", "Tensor " + t.name + " appears twice.");
    if (offset % alignment != 0)
      return error("gguf.bad_tensor", "Tensor " + t.name + "'s data offset is not aligned to " + std::to_string(alignment) + " bytes.");
    t.offset = static_cast<double>(offset);
    t.bytes = static_cast<double>(t.ne[0] / info->block_elements) * info->block_bytes * static_cast<double>(t.ne[1]) *
              static_cast<double>(t.ne[2]) * static_cast<double>(t.ne[3]);
    f.elements += elements;
    f.data_bytes = std::max(f.data_bytes, t.offset + t.bytes);
    f.tensors.push_back(std::move(t));
  }
  f.header_bytes = std::ceil(static_cast<double>(c.pos()) / alignment) * alignment;
  f.status = ReadStatus::kOk;
  if (f.header_bytes + f.data_bytes > f.file_bytes)
    f.diagnostics.push_back({"gguf.data_truncated", Severity::kWarning, "",
                             "The tensor data ends at byte " + whole(f.header_bytes + f.data_bytes) +
                                 " but the file has " + whole(f.file_bytes) +
                                 " bytes: an incomplete download? llama.cpp would refuse to load it."});
  by_type(f);
  if (f.architecture.empty()) {
    f.diagnostics.push_back({"gguf.no_architecture", Severity::kError, "architecture",
                             "The file has no general.architecture key, so it does not describe a llama.cpp model."});
    return f;
  }
  model_from_metadata(f, meta);
  return f;
}

}  // namespace vramfit
