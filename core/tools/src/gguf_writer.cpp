#include "vramfit/gguf_writer.h"

#include <algorithm>
#include <cmath>
#include <vector>
#include <cstdint>
#include <cstring>

#include "vramfit/llama_gguf.h"

namespace vramfit {
namespace {

// GGUF v3 (ggml/include/gguf.h, ggml/src/gguf.cpp): little-endian; strings are u64 length + bytes.
enum GgufType : std::uint32_t { kU16 = 2, kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7, kString = 8, kArray = 9 };
constexpr std::uint32_t kAlignment = 32;  // GGUF_DEFAULT_ALIGNMENT

struct Out {
  std::string bytes;
  template <typename T>
  void raw(T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    bytes.append(b, sizeof(T));
  }
  void str(const std::string& s) {
    raw<std::uint64_t>(s.size());
    bytes += s;
  }
  void key_u16(const std::string& k, std::uint16_t v) { str(k); raw<std::uint32_t>(kU16); raw(v); }
  void key_u32(const std::string& k, std::uint32_t v) { str(k); raw<std::uint32_t>(kU32); raw(v); }
  void key_i32(const std::string& k, std::int32_t v) { str(k); raw<std::uint32_t>(kI32); raw(v); }
  void key_f32(const std::string& k, float v) { str(k); raw<std::uint32_t>(kF32); raw(v); }
  void key_str(const std::string& k, const std::string& v) { str(k); raw<std::uint32_t>(kString); str(v); }
  void key_u32s(const std::string& k, const std::vector<std::uint32_t>& v) {
    str(k);
    raw<std::uint32_t>(kArray);
    raw<std::uint32_t>(kU32);
    raw<std::uint64_t>(v.size());
    for (std::uint32_t x : v) raw(x);
  }
};

std::string arch_name(const ModelArch& m) {
  const std::string& t = m.model_type;
  if (t == "llama" || t == "mistral") return "llama";
  if (t == "qwen2") return "qwen2";
  if (t == "qwen3") return "qwen3";
  if (t == "qwen3_moe") return "qwen3moe";
  if (t == "gemma3" || t == "gemma3_text") return "gemma3";
  if (t == "gpt_oss") return "gpt-oss";
  if (t == "deepseek_v2" || t == "deepseek_v3") return "deepseek2";
  if (t == "qwen3_next") return "qwen3next";
  if (t == "qwen3_5" || t == "qwen3_5_text") return "qwen35";
  if (t == "qwen3_5_moe" || t == "qwen3_5_moe_text") return "qwen35moe";
  if (t == "jamba") return "jamba";
  if (t == "lfm2") return "lfm2";
  if (t == "llama4" || t == "llama4_text") return "llama4";
  if (t == "granitemoehybrid") return "granitehybrid";
  if (t == "nemotron_h") return m.moe.num_experts > 0 ? "nemotron_h_moe" : "nemotron_h";
  if (t == "falcon_h1") return "falcon-h1";
  return "";
}

// Per-layer values, written as an array when layers differ (llama.cpp get_key_or_arr), else as one number.
template <typename F>
void key_per_layer(Out& kv, const std::string& key, const ModelArch& m, F value, std::uint64_t& n_kv) {
  std::vector<std::uint32_t> v;
  for (const auto& l : m.layers) v.push_back(static_cast<std::uint32_t>(value(l)));
  if (std::all_of(v.begin(), v.end(), [&](std::uint32_t x) { return x == v.front(); }))
    kv.key_u32(key, v.empty() ? 0 : v.front());
  else
    kv.key_u32s(key, v);
  ++n_kv;
}

std::uint64_t model_metadata(const ModelArch& m, const std::string& arch, const LlamaFtype& ftype_info, Out& kv);

// One file: its metadata entries, then the tensor index of tensors [first, last) with offsets from its own data
// region.
GgufImage file_of(const std::string& arch, const Out& kv, std::uint64_t n_kv, const std::vector<GgufTensor>& tensors,
                  std::size_t first, std::size_t last) {
  Out out;
  out.bytes = "GGUF";
  out.raw<std::uint32_t>(3);
  out.raw<std::uint64_t>(last - first);
  out.raw<std::uint64_t>(n_kv);
  out.bytes += kv.bytes;
  double offset = 0;
  for (std::size_t k = first; k < last; ++k) {
    const GgufTensor& t = tensors[k];
    out.str(gguf_tensor_name(t));
    out.raw<std::uint32_t>(static_cast<std::uint32_t>(t.n_dims));
    for (int i = 0; i < t.n_dims; ++i) out.raw<std::uint64_t>(static_cast<std::uint64_t>(t.ne[static_cast<std::size_t>(i)]));
    out.raw<std::uint32_t>(static_cast<std::uint32_t>(t.type));
    out.raw<std::uint64_t>(static_cast<std::uint64_t>(offset));
    const double bytes = gguf_tensor_bytes(t);
    offset += std::ceil(bytes / kAlignment) * kAlignment;
  }
  while (out.bytes.size() % kAlignment != 0) out.bytes.push_back('\0');
  GgufImage image;
  image.arch = arch;
  image.file_bytes = static_cast<double>(out.bytes.size()) + offset;
  image.header = std::move(out.bytes);
  return image;
}

}  // namespace

std::optional<std::vector<GgufImage>> write_gguf_split(const ModelArch& m, const std::string& ftype_name, int parts,
                                                       Diagnostics& d) {
  if (parts < 1 || parts > 256) {
    d.push_back({"gguf.bad_parts", Severity::kError, "parts", "A split GGUF has 1 to 256 parts."});
    return std::nullopt;
  }
  const std::string arch = arch_name(m);
  if (arch.empty()) {
    d.push_back({"gguf.unsupported_arch", Severity::kError, "model",
                 "The GGUF writer does not know llama.cpp's layout for model_type \"" + m.model_type + "\"."});
    return std::nullopt;
  }
  const auto ftype = llama_ftype_by_name(ftype_name);
  if (!ftype) {
    d.push_back({"gguf.unknown_ftype", Severity::kError, "weights", "Unknown llama.cpp file type " + ftype_name + "."});
    return std::nullopt;
  }
  auto tensors = llama_tensors(m, /*F16*/ 1);
  apply_llama_ftype(m, *ftype, tensors);
  if (static_cast<std::size_t>(parts) > tensors.size()) {
    d.push_back({"gguf.bad_parts", Severity::kError, "parts", "More parts than tensors."});
    return std::nullopt;
  }
  Out kv;
  std::uint64_t n_kv = model_metadata(m, arch, *ftype, kv);
  std::vector<GgufImage> out;
  // As llama.cpp's gguf-split writes them: every part carries split.no, split.count and split.tensors.count; the
  // first also the model's metadata. Tensors in index order, about the same number in each part.
  for (int i = 0; i < parts; ++i) {
    Out part = i == 0 ? kv : Out{};
    std::uint64_t n = i == 0 ? n_kv : 0;
    if (parts > 1) {
      part.key_u16("split.no", static_cast<std::uint16_t>(i));
      part.key_u16("split.count", static_cast<std::uint16_t>(parts));
      part.key_i32("split.tensors.count", static_cast<std::int32_t>(tensors.size()));
      n += 3;
    }
    const std::size_t first = tensors.size() * static_cast<std::size_t>(i) / static_cast<std::size_t>(parts);
    const std::size_t last = tensors.size() * static_cast<std::size_t>(i + 1) / static_cast<std::size_t>(parts);
    out.push_back(file_of(arch, part, n, tensors, first, last));
  }
  return out;
}

std::optional<GgufImage> write_gguf_header(const ModelArch& m, const std::string& ftype_name, Diagnostics& d) {
  auto parts = write_gguf_split(m, ftype_name, 1, d);
  if (!parts) return std::nullopt;
  return std::move(parts->front());
}

namespace {

// The model's metadata entries (architecture, hyperparameters, vocabulary) into `kv`; returns how many.
std::uint64_t model_metadata(const ModelArch& m, const std::string& arch, const LlamaFtype& ftype_info, Out& kv) {
  const LlamaFtype* ftype = &ftype_info;
  std::uint64_t n_kv = 0;
  auto count = [&n_kv](auto&&...) { ++n_kv; };
  const std::string a = arch + ".";
  kv.key_str("general.architecture", arch), count();
  kv.key_str("general.name", m.name.empty() ? arch : m.name), count();
  kv.key_u32("general.file_type", static_cast<std::uint32_t>(ftype->id)), count();
  kv.key_u32("general.alignment", kAlignment), count();
  kv.key_u32(a + "context_length", static_cast<std::uint32_t>(m.max_context > 0 ? m.max_context : 4096)), count();
  kv.key_u32(a + "embedding_length", static_cast<std::uint32_t>(m.hidden_size)), count();
  kv.key_u32(a + "block_count", static_cast<std::uint32_t>(m.num_layers)), count();
  key_per_layer(kv, a + "feed_forward_length", m, [&](const LayerSpec& l) {
    return !l.has_mlp ? 0 : l.ffn_width > 0 ? l.ffn_width : m.intermediate_size;
  }, n_kv);
  key_per_layer(kv, a + "attention.head_count", m,
                [&](const LayerSpec& l) { return is_attention(l.mixer) ? layer_heads(m, l) : m.num_heads; }, n_kv);
  if (m.mla.enabled()) {
    // DeepSeek2 conversion: MLA as MQA with one wide head (key = latent + rope, value = latent).
    const MlaSpec& la = m.mla;
    kv.key_u32(a + "attention.head_count_kv", 1), count();
    kv.key_u32(a + "attention.key_length", static_cast<std::uint32_t>(la.kv_lora_rank + la.qk_rope_head_dim)), count();
    kv.key_u32(a + "attention.value_length", static_cast<std::uint32_t>(la.kv_lora_rank)), count();
    kv.key_u32(a + "attention.key_length_mla", static_cast<std::uint32_t>(la.qk_nope_head_dim + la.qk_rope_head_dim)), count();
    kv.key_u32(a + "attention.value_length_mla", static_cast<std::uint32_t>(la.v_head_dim)), count();
    kv.key_u32(a + "attention.q_lora_rank", static_cast<std::uint32_t>(la.q_lora_rank)), count();
    kv.key_u32(a + "attention.kv_lora_rank", static_cast<std::uint32_t>(la.kv_lora_rank)), count();
    kv.key_u32(a + "rope.dimension_count", static_cast<std::uint32_t>(la.qk_rope_head_dim)), count();
    int dense = 0;
    while (dense < m.num_layers && !m.layers[static_cast<std::size_t>(dense)].moe) ++dense;
    kv.key_u32(a + "leading_dense_block_count", static_cast<std::uint32_t>(dense)), count();
    kv.key_u32(a + "expert_shared_count", static_cast<std::uint32_t>(m.moe.num_shared_experts)), count();
    kv.key_u32(a + "expert_gating_func", m.moe.router_correction_bias ? 2U : 1U), count();  // sigmoid : softmax
  } else {
    // Recurrent layers have no KV heads (llama.cpp: recurrent_layer_arr[il] = n_head_kv(il) == 0 for jamba,
    // granitehybrid, lfm2, nemotron_h); Qwen3-Next / Qwen3.5 fix their pattern in code and take one number.
    const bool fixed_pattern = arch == "qwen3next" || arch == "qwen35" || arch == "qwen35moe";
    key_per_layer(kv, a + "attention.head_count_kv", m, [&](const LayerSpec& l) {
      return is_attention(l.mixer) || fixed_pattern ? layer_kv_heads(m, l) : 0;
    }, n_kv);
    kv.key_u32(a + "attention.key_length", static_cast<std::uint32_t>(m.head_dim)), count();
    kv.key_u32(a + "attention.value_length", static_cast<std::uint32_t>(m.head_dim)), count();
    kv.key_u32(a + "rope.dimension_count", static_cast<std::uint32_t>(m.head_dim)), count();
  }
  // Recurrent mixers (llama-arch.cpp LLM_KV_SSM_*; llama-hparams.cpp n_embd_r / n_embd_s read them).
  auto has_mixer = [&](MixerKind k) {
    return std::any_of(m.layers.begin(), m.layers.end(), [k](const LayerSpec& l) { return l.mixer == k; });
  };
  auto ssm = [&](std::uint32_t conv, std::uint32_t inner, std::uint32_t state, std::uint32_t rank, std::uint32_t groups) {
    kv.key_u32(a + "ssm.conv_kernel", conv), count();
    kv.key_u32(a + "ssm.inner_size", inner), count();
    kv.key_u32(a + "ssm.state_size", state), count();
    kv.key_u32(a + "ssm.time_step_rank", rank), count();
    kv.key_u32(a + "ssm.group_count", groups), count();
  };
  if (has_mixer(MixerKind::kGatedDeltaNet)) {
    const GatedDeltaNetSpec& g = m.gdn;
    ssm(static_cast<std::uint32_t>(g.conv_kernel), static_cast<std::uint32_t>(g.value_dim()),
        static_cast<std::uint32_t>(g.k_head_dim), static_cast<std::uint32_t>(g.num_v_heads),
        static_cast<std::uint32_t>(g.num_k_heads));
  } else if (has_mixer(MixerKind::kMamba1)) {
    const Mamba1Spec& s1 = m.mamba1;
    ssm(static_cast<std::uint32_t>(s1.conv_kernel), static_cast<std::uint32_t>(s1.d_inner),
        static_cast<std::uint32_t>(s1.state_size), static_cast<std::uint32_t>(s1.dt_rank), 0);
  } else if (has_mixer(MixerKind::kMamba2) ||
             std::any_of(m.layers.begin(), m.layers.end(), [](const LayerSpec& l) { return l.ssm_beside; })) {
    const Mamba2Spec& s2 = m.mamba;
    ssm(static_cast<std::uint32_t>(s2.conv_kernel), static_cast<std::uint32_t>(s2.d_inner()),
        static_cast<std::uint32_t>(s2.state_size), static_cast<std::uint32_t>(s2.num_heads),
        static_cast<std::uint32_t>(s2.num_groups));
  }
  if (has_mixer(MixerKind::kShortConv)) kv.key_u32(a + "shortconv.l_cache", static_cast<std::uint32_t>(m.conv_kernel)), count();
  if (m.moe.num_shared_experts > 0 && !m.mla.enabled())
    kv.key_u32(a + "expert_shared_feed_forward_length", static_cast<std::uint32_t>(m.moe.shared_intermediate_size)), count();
  if (m.moe.latent_size > 0) kv.key_u32(a + "moe_latent_size", static_cast<std::uint32_t>(m.moe.latent_size)), count();
  if (arch == "llama4") {
    int step = 1;
    while (step < m.num_layers && !m.layers[static_cast<std::size_t>(step - 1)].moe) ++step;
    kv.key_u32(a + "interleave_moe_layer_step", static_cast<std::uint32_t>(step)), count();
  }
  kv.key_f32(a + "attention.layer_norm_rms_epsilon", 1e-6f), count();
  if (arch == "nemotron_h" || arch == "nemotron_h_moe") kv.key_f32(a + "attention.layer_norm_epsilon", 1e-5f), count();
  kv.key_f32(a + "rope.freq_base", 10000.0f), count();
  if (m.moe.num_experts > 0) {
    kv.key_u32(a + "expert_count", static_cast<std::uint32_t>(m.moe.num_experts)), count();
    kv.key_u32(a + "expert_used_count", static_cast<std::uint32_t>(m.moe.experts_per_token)), count();
    kv.key_u32(a + "expert_feed_forward_length", static_cast<std::uint32_t>(m.moe.expert_intermediate_size)), count();
  }
  if (m.sliding_window > 0) kv.key_u32(a + "attention.sliding_window", static_cast<std::uint32_t>(m.sliding_window)), count();
  // A vocabulary llama.cpp accepts: gpt2-style BPE with n_vocab distinct tokens and no merges.
  kv.key_str("tokenizer.ggml.model", "gpt2"), count();
  kv.key_str("tokenizer.ggml.pre", "default"), count();
  kv.str("tokenizer.ggml.tokens");
  kv.raw<std::uint32_t>(kArray);
  kv.raw<std::uint32_t>(kString);
  kv.raw<std::uint64_t>(static_cast<std::uint64_t>(m.vocab_size));
  for (int i = 0; i < m.vocab_size; ++i) kv.str("t" + std::to_string(i));
  count();
  kv.str("tokenizer.ggml.merges");
  kv.raw<std::uint32_t>(kArray);
  kv.raw<std::uint32_t>(kString);
  kv.raw<std::uint64_t>(0);
  count();
  kv.key_u32("tokenizer.ggml.bos_token_id", 0), count();
  kv.key_u32("tokenizer.ggml.eos_token_id", 1), count();
  return n_kv;
}

}  // namespace
}  // namespace vramfit
