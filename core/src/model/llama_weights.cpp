// A llama.cpp model's bytes grouped as its loader places them: the token embedding, each layer (its routed experts
// apart, for --n-cpu-moe), the output side, and what the CPU backend repacks (model/llama_weights.h).
#include "model/llama_weights.h"

#include <algorithm>
#include <string_view>

#include "model/ggml_ids.h"
#include "vramfit/ggml_types.h"

namespace vramfit {
namespace {

using namespace ggml_ids;

// ggml-cpu repack on x86 AVX2: Q4_0, Q4_K, IQ4_NL, MXFP4 matrices with rows % 8 == 0. The token embedding is read
// by get_rows and stays as stored, unless it is tied: then it is also the output matrix, and that use is repacked
// (measured on node-llama-cpp 3.22.1's llama.cpp: a tied Q4_K token_embd of 32000 x 512 added its 8.79 MiB to
// CPU_REPACK, 4.15 -> 12.94 MiB; tests/core/llama_gguf_test.cpp).
bool repackable(const GgufTensor& t, bool tied) {
  const bool type_ok = t.type == Q4_0 || t.type == Q4_K || t.type == IQ4_NL || t.type == MXFP4;
  return type_ok && t.n_dims >= 2 && (t.role != TensorRole::kTokenEmbd || tied) && t.ne[1] % 8 == 0;
}

// A routed-expert tensor, as llama.cpp's --n-cpu-moe regex finds it in a name: ".ffn_(up|down|gate|gate_up)_(ch|)exps"
// (v0.5.0 common/common.h). vramfit's own names lack the "blk.N" prefix, so the leading dot is optional here.
bool routed_expert(std::string_view name) {
  if (name.find("exps") == std::string_view::npos) return false;  // most tensors: one search, on every estimate
  for (std::string_view part : {"ffn_up_", "ffn_down_", "ffn_gate_", "ffn_gate_up_"}) {
    for (std::size_t at = name.find(part); at != std::string_view::npos; at = name.find(part, at + 1)) {
      if (at > 0 && name[at - 1] != '.') continue;
      const std::string_view rest = name.substr(at + part.size());
      if (rest.rfind("exps", 0) == 0 || rest.rfind("chexps", 0) == 0) return true;
    }
  }
  return false;
}

}  // namespace

LlamaWeights empty_llama_weights(int num_layers) {
  LlamaWeights w;
  w.layer_bytes.assign(static_cast<std::size_t>(std::max(num_layers, 0)), 0.0);
  w.layer_repack.assign(static_cast<std::size_t>(std::max(num_layers, 0)), 0.0);
  w.layer_experts.assign(static_cast<std::size_t>(std::max(num_layers, 0)), 0.0);
  return w;
}

// One tensor's bytes into its place: the token embedding, its layer, or the output side.
void add_llama_tensor(LlamaWeights& w, const GgufTensor& t, bool tied, int num_layers) {
  const double b = gguf_tensor_bytes(t);
  const double r = repackable(t, tied) ? b : 0;
  if (t.role == TensorRole::kTokenEmbd) {
    w.token_embd += b;
    w.output_repack += r;  // the tied output matrix's repacked copy
  } else if (t.layer >= 0 && t.layer < num_layers) {
    w.layer_bytes[static_cast<std::size_t>(t.layer)] += b;
    w.layer_repack[static_cast<std::size_t>(t.layer)] += r;
    if (routed_expert(t.suffix)) w.layer_experts[static_cast<std::size_t>(t.layer)] += b;
  } else {
    w.output += b;
    w.output_repack += r;
  }
}

LlamaWeights llama_weight_bytes(std::span<const GgufTensor> tensors, int num_layers) {
  LlamaWeights w = empty_llama_weights(num_layers);
  const bool tied = std::none_of(tensors.begin(), tensors.end(), [](const GgufTensor& t) { return t.role == TensorRole::kOutput; });
  for (const GgufTensor& t : tensors) add_llama_tensor(w, t, tied, num_layers);
  return w;
}

double gguf_tensor_bytes(const GgufTensor& t) {
  const GgmlTypeInfo* type = ggml_type_ptr(t.type);
  if (type == nullptr || t.ne[0] < 0 || t.ne[0] % type->block_elements != 0) return 0;
  const double row = static_cast<double>(t.ne[0] / type->block_elements) * type->block_bytes;
  return row * static_cast<double>(t.ne[1]) * static_cast<double>(t.ne[2]) * static_cast<double>(t.ne[3]);
}

}  // namespace vramfit
