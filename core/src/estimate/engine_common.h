// Shared pieces of the inference engine profiles (core/src only).
#pragma once

#include <optional>
#include <string>

#include "vramfit/format.h"
#include "vramfit/inference.h"
#include "vramfit/model.h"

namespace vramfit::engine {

// A whole number as text: 4096 -> "4096", 1.5e9 -> "1500000000".
std::string whole(double v);
// Bytes in the unit engines print (MiB) and in GB: "1024.00 MiB".
inline std::string mib(double bytes) { return format_bytes(bytes, ByteUnit::kMiB); }
inline std::string gib(double bytes) { return format_bytes(bytes, ByteUnit::kGiB); }

inline Component component(std::string id, double bytes, std::string formula, std::string source, bool transient = false) {
  return Component{std::move(id), bytes, transient, std::move(formula), std::move(source)};
}

inline DeviceUsage device(std::string name, double capacity_bytes, std::vector<Component> components, int count = 1) {
  DeviceUsage d;
  d.host = name == kHostDevice;
  d.device = std::move(name);
  d.count = count;
  d.capacity_bytes = capacity_bytes;
  d.components = std::move(components);
  return d;
}

// Bytes of one KV row of `width` elements in `kv_type` (ggml types, or "fp8"); nullopt if unknown or if the
// width is not a whole number of blocks.
std::optional<double> kv_row_bytes(const std::string& kv_type, long long width);

// Number of layers that keep a KV cache of their own (attention layers that are not cross-layer readers); of those,
// the ones with a window (sliding or chunked); and the recurrent layers (Mamba, Gated DeltaNet, short conv).
int attention_layers(const ModelArch& m);
int sliding_layers(const ModelArch& m);
int recurrent_layers(const ModelArch& m);

// Tokens a layer attends to at most: the sliding window, or the chunk of chunked attention; 0 for global layers.
int layer_window(const ModelArch& m, const LayerSpec& l);

// Recurrent state of one sequence over all recurrent layers in fp32: conv state (d_conv - 1) x conv channels
// and the SSM / delta-rule state (llama.cpp llama-hparams.cpp n_embd_r / n_embd_s, per layer; model.h).
double recurrent_state_bytes_per_seq(const ModelArch& m);

// The widest MLP one token goes through: the dense MLP, or the routed experts a token uses (vLLM's and SGLang's
// forward activation peak), and that peak for `tokens` tokens split over `tp` ranks (bf16).
double routed_ffn_width(const ModelArch& m);
inline double forward_activation_bytes(double tokens, double ff, int tp, int hidden) {
  return tokens * (2 * ff / tp + 4.0 * hidden) * 2;
}

// The memory the GPU's driver reports as its total: the card's, or on unified memory what the machine's rule lets
// the GPU take (CUDA's total on a DGX Spark, 121.69 GiB of 128 GB). vLLM and SGLang size their budgets from it.
double reported_total_bytes(const InferenceRequest& req);

// CUDA context of one process on one GPU: driver structures and lazily loaded kernels.
inline constexpr double kCudaContextBytes = 300.0 * 1024 * 1024;
inline constexpr const char* kCudaContextSource =
    "~300 MB since CUDA 11.7 lazy module loading (PyTorch maintainer, pytorch/pytorch#107667, 2023-08-28)";

void engine_llamacpp(const InferenceRequest& req, InferenceEstimate& est);
void engine_vllm(const InferenceRequest& req, InferenceEstimate& est);
void engine_sglang(const InferenceRequest& req, InferenceEstimate& est);
void engine_transformers(const InferenceRequest& req, InferenceEstimate& est);
void engine_rule_of_thumb(const InferenceRequest& req, InferenceEstimate& est);

// Weights of a Hugging Face checkpoint loaded by PyTorch engines (vLLM, transformers): linear layers in
// `format`, embeddings, lm_head and norms kept in 16 bits as GPTQ/AWQ/bitsandbytes/FP8 loaders keep them.
struct HfWeights {
  double bytes = 0;
  double linear_params = 0;
  double other_params = 0;
  std::string formula;
  std::string source;
  bool ok = true;
};
// checkpoint_bytes > 0: the exact tensor bytes of the checkpoint as stored (safetensors headers) replace the
// parameter count times the format's size.
HfWeights hf_weights(const ModelArch& m, const std::string& format, int unquantized_bytes = 2, double checkpoint_bytes = 0);
// A serving engine's checkpoint (vLLM, SGLang): its weights, or an error naming the formats it loads when the
// format is not one (then nullopt).
std::optional<HfWeights> serving_weights(const InferenceRequest& req, const char* engine, InferenceEstimate& est);

}  // namespace vramfit::engine
