// Hugging Face transformers profile: peak torch.cuda.max_memory_allocated of model.generate() on one GPU.
// Sources: transformers generation/utils.py (logits_to_keep = 1 during generate), DynamicCache per-layer
// K/V tensors, eager attention's fp32 softmax over batch x heads x q_len x kv_len (docs/engine_notes.md H).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "estimate/engine_common.h"
#include "vramfit/ggml_types.h"
#include "vramfit/llama_gguf.h"

namespace vramfit::engine {

void engine_transformers(const InferenceRequest& req, InferenceEstimate& est) {
  const ModelArch& m = req.model;
  const HfWeights w = hf_weights(m, req.weight_format, req.unquantized_bytes, req.checkpoint_bytes);
  if (!w.ok) {
    est.diagnostics.push_back({"request.unknown_format", Severity::kError, "weight_format",
                               "transformers loads Hugging Face checkpoints: bf16, fp16, fp32, int8, nf4, nf4-dq, fp4, "
                               "gptq-4b-g128, awq-4b-g128, fp8, mxfp4 (not \"" + req.weight_format + "\")."});
    return;
  }
  est.weights_bytes = w.bytes;
  const double b = std::max(1, req.sequences);
  const double p = std::max(1, req.prompt_tokens);
  const double total_tokens = p + std::max(0, req.new_tokens);
  const double dtype_bytes = req.kv_type == "f32" ? 4.0 : 2.0;

  // DynamicCache at the end of generation. MLA models cache decompressed K and V per head; sliding
  // layers keep at most the window.
  double kv = 0;
  const double k_w = k_width(m), v_w = v_width(m);
  for (const auto& L : m.layers) {
    if (holds_kv(L)) {
      const int window = layer_window(m, L);
      const double tokens = window > 0 ? std::min(total_tokens, static_cast<double>(window)) : total_tokens;
      const double lk = m.mla.enabled() ? k_w : static_cast<double>(layer_k_width(m, L));
      const double lv = m.mla.enabled() ? v_w : static_cast<double>(layer_v_width(m, L));
      kv += b * tokens * (lk + lv) * dtype_bytes;
    }
    if (has_recurrent_state(L)) {
      // transformers' hybrid caches keep all d_conv columns of the conv state (llama.cpp keeps d_conv - 1):
      // modeling_jamba.py / modeling_granitemoehybrid.py / modeling_qwen3_next.py cache shapes; fp32 bound.
      const RecurrentState s = recurrent_state(m, L);
      const int kernel = L.mixer == MixerKind::kMamba1                     ? m.mamba1.conv_kernel
                         : L.mixer == MixerKind::kMamba2 || L.ssm_beside ? m.mamba.conv_kernel
                         : L.mixer == MixerKind::kGatedDeltaNet ? m.gdn.conv_kernel
                                                                : m.conv_kernel;
      kv += b * 4.0 * (s.conv * kernel / std::max(1, kernel - 1) + s.ssm);
    }
  }
  est.kv_bytes = kv;

  // Prefill transients (the largest one sets the peak): attention scores without a fused kernel, the MLP's
  // intermediate activations, the last-position fp32 logits.
  const double heads = m.num_heads;
  const double scores = req.attention == AttentionImpl::kEager ? b * heads * p * p * (4 + dtype_bytes) : 0;
  double ff = m.intermediate_size;
  for (const auto& L : m.layers)
    if (L.moe) ff = std::max(ff, static_cast<double>(m.moe.expert_intermediate_size));
  const double mlp = b * p * ff * dtype_bytes * 3;
  const double logits = b * m.vocab_size * 4;
  std::vector<Component> g;
  g.push_back(component("weights", w.bytes, w.formula, w.source));
  g.push_back(component("kv_cache", kv,
                        whole(b) + " x " + whole(total_tokens) + " tokens x " + whole(attention_layers(m)) +
                            " layers x (K " + whole(k_w) + " + V " + whole(v_w) + ") x " + whole(dtype_bytes) + " B",
                        "transformers DynamicCache (sliding layers capped at the window)"));
  if (scores > 0)
    g.push_back(component("attention_scores", scores,
                          whole(b) + " x " + whole(heads) + " heads x " + whole(p) + "^2 x (4 B fp32 softmax + " +
                              whole(dtype_bytes) + " B)",
                          "eager attention: softmax(QK^T) in fp32, one layer at a time", true));
  g.push_back(component("activations", mlp,
                        whole(b) + " x " + whole(p) + " prompt tokens x " + whole(ff) + " x " + whole(dtype_bytes) +
                            " B x 3 (gate, up, product)",
                        "MLP intermediates of one layer during prefill", true));
  g.push_back(component("logits", logits, whole(b) + " x " + whole(m.vocab_size) + " x 4 B (last position, fp32)",
                        "transformers generate(): logits_to_keep = 1", true));
  g.push_back(component("cuda_context", kCudaContextBytes, "CUDA context (not in max_memory_allocated)", kCudaContextSource));
  est.devices.push_back(device("gpu0", req.gpu.memory_bytes, std::move(g)));
  est.devices.push_back(device(kHostDevice, req.host_ram_bytes,
                               {component("runtime", 1.5 * 1024.0 * 1024 * 1024, "Python and PyTorch process",
                                          "typical resident size of a PyTorch process")}));
}

namespace {

// A GGUF file type or ggml type at its nominal bits, as the articles count a quantisation ("4-bit: half a byte
// per parameter"): Q4_K_M = 4, Q8_0 = 8, IQ2_XXS = 2, MXFP4_MOE = 4, F16 = 16. Not a GGUF type: nullopt.
std::optional<double> gguf_nominal_bits(const std::string& name) {
  if (!llama_ftype_by_name(name) && !ggml_type_by_name(name)) return std::nullopt;
  const auto digit = name.find_first_of("0123456789");
  if (digit == std::string::npos) return std::nullopt;
  int bits = 0;
  std::from_chars(name.data() + digit, name.data() + name.size(), bits);
  if (bits <= 0) return std::nullopt;
  return bits;
}

}  // namespace

// The source articles' quick rules (../shared/SEEDS.md), for comparison with the detailed profiles.
void engine_rule_of_thumb(const InferenceRequest& req, InferenceEstimate& est) {
  const ModelArch& m = req.model;
  const double params = count_params(m).total();
  const auto format = hf_weights(m, req.weight_format);
  double bytes_per_param = 2;
  if (format.ok) bytes_per_param = format.bytes / params;
  else if (const auto bits = gguf_nominal_bits(req.weight_format)) bytes_per_param = *bits / 8;
  const double weights = params * bytes_per_param;
  est.weights_bytes = weights;
  // Article 2: KV = 2 x 2 B x layers x hidden x tokens (MHA, fp16), per sequence.
  const double kv = 2.0 * 2 * m.num_layers * m.hidden_size * req.context_tokens * std::max(1, req.sequences);
  est.kv_bytes = kv;
  std::vector<Component> g;
  g.push_back(component("weights", weights, format_params(params) + " x " + format_fixed(bytes_per_param, 2) + " B",
                        "Article 1/2: weights = parameters x bits / 8"));
  g.push_back(component("kv_cache", kv,
                        "2 x 2 B x " + whole(m.num_layers) + " layers x " + whole(m.hidden_size) + " hidden x " +
                            whole(req.context_tokens) + " tokens",
                        "Article 2: KV = 2 x 2 B x layers x hidden x tokens (assumes MHA, ignores GQA)"));
  g.push_back(component("overhead", 0.2 * weights, "20% of the weights", "Article 1/2: x 1.2 overhead"));
  est.devices.push_back(device("gpu0", req.gpu.memory_bytes, std::move(g)));
  // Article 0: CPU RAM = (weights + working memory + 50% system reserve) x 1.2.
  est.devices.push_back(device(kHostDevice, req.host_ram_bytes,
                               {component("weights", weights, "a host copy of the weights while loading", "Article 0"),
                                component("reserve", 0.5 * weights, "50% of the weights kept free for the system", "Article 0")}));
}

}  // namespace vramfit::engine
