// The tensors llama.cpp holds for a model (names, shapes and ggml types, as its converter writes them) and
// the per-tensor type rules of its quantisation file types (Q4_K_M, Q5_K_S, ...).
// Source: llama.cpp v0.5.0 (bundled by node-llama-cpp 3.22.1): src/llama-quant.cpp llama_tensor_get_type,
// tensor_allows_quantization, tensor_type_fallback; docs/engine_notes.md sections A and B.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vramfit/model.h"

namespace vramfit {

enum class TensorRole {
  kTokenEmbd, kOutput, kOutputNorm, kNorm, kAttnQ, kAttnK, kAttnV, kAttnQkv, kAttnKvB, kAttnOutput,
  kAttnOther, kFfnGate, kFfnUp, kFfnDown, kRouter, kMixer, kConv, kBias
};

struct GgufTensor {
  const char* suffix = "";          // llama.cpp's name without the block prefix: "attn_v.weight"
  std::array<std::int64_t, 4> ne{1, 1, 1, 1};  // ggml order: ne[0] is the row length
  int n_dims = 1;
  int type = 0;                     // ggml type id
  int layer = -1;                   // block index, -1 for global tensors
  TensorRole role = TensorRole::kBias;

  double elements() const { return static_cast<double>(ne[0]) * ne[1] * ne[2] * ne[3]; }
};

// llama.cpp file types (llama_ftype) that vramfit models, with their default ggml type.
struct LlamaFtype {
  std::string_view name;  // "Q4_K_M"
  int id;                 // enum llama_ftype value
  int default_type;       // ggml type id before per-tensor rules
};

std::span<const LlamaFtype> llama_ftypes();
std::optional<LlamaFtype> llama_ftype_by_name(std::string_view name);  // case-insensitive; "F16", "q4_k_m"

// The tensor list of an unquantised conversion (2-D and larger in `base_type`, 1-D in F32).
std::vector<GgufTensor> llama_tensors(const ModelArch& model, int base_type);

// Assigns every tensor its ggml type under `ftype`, as llama-quantize would (no imatrix, not --pure).
void apply_llama_ftype(const ModelArch& model, const LlamaFtype& ftype, std::vector<GgufTensor>& tensors);

// llama.cpp's full tensor name: "blk.3.attn_v.weight", "token_embd.weight".
std::string gguf_tensor_name(const GgufTensor& tensor);

// Weight bytes per block under `ftype`, computed without materialising the tensor list (the estimator's path).
struct LlamaWeights {
  std::vector<double> layer_bytes;   // per block
  std::vector<double> layer_repack;  // bytes of each block's matrices the x86 CPU backend repacks (CPU_REPACK)
  double token_embd = 0;             // token_embd.weight (always on the host)
  double output = 0;                 // output.weight (or nothing when tied), output_norm
  double output_repack = 0;
  // Bytes of each block's routed-expert tensors: those --cpu-moe / --n-cpu-moe keep in host RAM (llama.cpp v0.5.0
  // common/common.h LLM_FFN_EXPS_REGEX "\\.ffn_(up|down|gate|gate_up)_(ch|)exps", matched with regex_search).
  std::vector<double> layer_experts;
  bool operator==(const LlamaWeights&) const = default;
};
LlamaWeights llama_weight_bytes(const ModelArch& model, const LlamaFtype& ftype);
// The same grouping for tensors read from a file: `layer` and `role` (kTokenEmbd) must be set; the others
// count as output-side tensors.
LlamaWeights llama_weight_bytes(std::span<const GgufTensor> tensors, int num_layers);

// Bytes of one tensor in its type (ggml_nbytes of a contiguous tensor). 0 if the shape is invalid for the type.
double gguf_tensor_bytes(const GgufTensor& tensor);

}  // namespace vramfit
