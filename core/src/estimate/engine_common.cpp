#include "estimate/engine_common.h"

#include <cmath>
#include <cstdio>

#include "vramfit/ggml_types.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/weight_format.h"

namespace vramfit::engine {

std::string whole(double v) { return format_fixed(v, 0); }

std::optional<double> kv_row_bytes(const std::string& kv_type, long long width) {
  if (kv_type == "fp8" || kv_type == "fp8_e4m3" || kv_type == "fp8_e5m2") return static_cast<double>(width);
  const auto t = ggml_type_by_name(kv_type);
  if (!t) return std::nullopt;
  return ggml_row_bytes(*t, width);
}

int attention_layers(const ModelArch& m) {
  int n = 0;
  for (const auto& l : m.layers) n += holds_kv(l);
  return n;
}
int sliding_layers(const ModelArch& m) {
  int n = 0;
  for (const auto& l : m.layers) n += holds_kv(l) && layer_window(m, l) > 0;
  return n;
}
int recurrent_layers(const ModelArch& m) {
  int n = 0;
  for (const auto& l : m.layers) n += has_recurrent_state(l);
  return n;
}

int layer_window(const ModelArch& m, const LayerSpec& l) {
  if (l.mixer == MixerKind::kSlidingAttention) return m.sliding_window;
  if (l.mixer == MixerKind::kChunkedAttention) return m.attention_chunk;
  return 0;
}

double recurrent_state_bytes_per_seq(const ModelArch& m) {
  double elements = 0;
  for (const auto& l : m.layers) elements += recurrent_state(m, l).total();
  return 4.0 * elements;
}

HfWeights hf_weights(const ModelArch& m, const std::string& format_id, int unquantized_bytes, double checkpoint_bytes) {
  HfWeights w;
  const auto format = weight_format_by_id(format_id);
  if (!format || format->kind == WeightFormatKind::kGgml) {
    w.ok = false;
    return w;
  }
  const ParamCounts c = count_params(m);
  if (checkpoint_bytes > 0) {
    w.bytes = checkpoint_bytes;
    w.linear_params = c.total();
    w.formula = "tensor bytes of the checkpoint as stored: " + format_bytes(checkpoint_bytes, ByteUnit::kGiB);
    w.source = "safetensors header data_offsets (huggingface/safetensors format), read from the imported files";
    return w;
  }
  const double row = m.hidden_size;
  // Vision towers and projectors load with the checkpoint, 16-bit (quantised checkpoints keep them unquantised).
  const double tower_bytes = c.towers * (format->kind == WeightFormatKind::kFloat && format->data_bits > 16 ? 4 : 2);
  const std::string tower_text = c.towers > 0 ? " + vision tower " + format_params(c.towers) + " x " +
                                                    whole(tower_bytes / c.towers) + " B" : "";
  if (format->kind == WeightFormatKind::kFloat && format->group_size == 0 && format->data_bits >= 16) {
    w.bytes = c.total() * format->data_bits / 8 + tower_bytes;
    w.linear_params = c.total();
    w.formula = format_params(c.total()) + " parameters x " + whole(format->data_bits / 8) + " B" + tower_text;
    w.source = std::string(format->source);
    return w;
  }
  // Quantised: the linear layers of the blocks are quantised; embeddings, lm_head, norms and MoE routers
  // stay 16-bit (transformers' quantizers skip lm_head and routers; vLLM's GPTQ/AWQ/FP8 layers likewise).
  // MXFP4 checkpoints (gpt-oss) quantise only the routed experts.
  double linear = c.attention + c.mlp + c.experts + c.shared_experts + c.mixer_state;
  if (format->kind == WeightFormatKind::kMx && c.experts > 0) linear = c.experts;
  w.linear_params = linear;
  w.other_params = c.total() - linear;
  const double bits = bits_per_weight(*format, row);
  w.bytes = linear * bits / 8 + w.other_params * unquantized_bytes + tower_bytes;
  w.formula = format_params(linear) + " quantised x " + format_fixed(bits, 3) + " bits / 8 + " +
              format_params(w.other_params) + " unquantised x " + whole(unquantized_bytes) + " B" + tower_text;
  w.source = std::string(format->source);
  return w;
}

double reported_total_bytes(const InferenceRequest& req) {
  if (!req.gpu.unified_memory) return req.gpu.memory_bytes;
  return shared_memory_limit(req.gpu.shared_rule, req.gpu.memory_bytes).gpu_bytes;
}

std::optional<HfWeights> serving_weights(const InferenceRequest& req, const char* engine, InferenceEstimate& est) {
  HfWeights w = hf_weights(req.model, req.weight_format, 2, req.checkpoint_bytes);
  if (w.ok) return w;
  est.diagnostics.push_back({"request.unknown_format", Severity::kError, "weight_format",
                             std::string(engine) + " loads Hugging Face checkpoints: bf16, fp16, fp8, gptq-4b-g128, "
                             "awq-4b-g128, nf4, int8, mxfp4 (not \"" + req.weight_format + "\")."});
  return std::nullopt;
}

double routed_ffn_width(const ModelArch& m) {
  double ff = m.intermediate_size;
  for (const auto& L : m.layers)
    if (L.moe) ff = std::max(ff, static_cast<double>(m.moe.experts_per_token) * m.moe.expert_intermediate_size);
  return ff;
}

}  // namespace vramfit::engine
