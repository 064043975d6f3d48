#include "vramfit/gguf_writer.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "vramfit/llama_gguf.h"

namespace vramfit {
namespace {

// GGUF v3 (ggml/include/gguf.h, ggml/src/gguf.cpp): little-endian; strings are u64 length + bytes.
enum GgufType : std::uint32_t { kU32 = 4, kF32 = 6, kBool = 7, kString = 8, kArray = 9 };
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
  void key_u32(const std::string& k, std::uint32_t v) { str(k); raw<std::uint32_t>(kU32); raw(v); }
  void key_f32(const std::string& k, float v) { str(k); raw<std::uint32_t>(kF32); raw(v); }
  void key_str(const std::string& k, const std::string& v) { str(k); raw<std::uint32_t>(kString); str(v); }
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
  return "";
}

}  // namespace

std::optional<GgufImage> write_gguf_header(const ModelArch& m, const std::string& ftype_name, Diagnostics& d) {
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

  Out kv;
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
  kv.key_u32(a + "feed_forward_length", static_cast<std::uint32_t>(m.intermediate_size)), count();
  kv.key_u32(a + "attention.head_count", static_cast<std::uint32_t>(m.num_heads)), count();
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
    kv.key_u32(a + "attention.head_count_kv", static_cast<std::uint32_t>(m.num_kv_heads)), count();
    kv.key_u32(a + "attention.key_length", static_cast<std::uint32_t>(m.head_dim)), count();
    kv.key_u32(a + "attention.value_length", static_cast<std::uint32_t>(m.head_dim)), count();
    kv.key_u32(a + "rope.dimension_count", static_cast<std::uint32_t>(m.head_dim)), count();
  }
  kv.key_f32(a + "attention.layer_norm_rms_epsilon", 1e-6f), count();
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

  Out out;
  out.bytes = "GGUF";
  out.raw<std::uint32_t>(3);
  out.raw<std::uint64_t>(tensors.size());
  out.raw<std::uint64_t>(n_kv);
  out.bytes += kv.bytes;
  double offset = 0;
  for (const auto& t : tensors) {
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

}  // namespace vramfit
