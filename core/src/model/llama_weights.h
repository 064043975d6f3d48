// A llama.cpp model's bytes grouped as its loader places them (llama_weights.cpp): the token embedding, each
// layer (with its routed experts and what the CPU repacks), the output side. llama_gguf.cpp lists the tensors.
#pragma once

#include "vramfit/llama_gguf.h"

namespace vramfit {

LlamaWeights empty_llama_weights(int num_layers);
// One tensor's bytes into its place; `tied`: the token embedding is also the output matrix.
void add_llama_tensor(LlamaWeights& w, const GgufTensor& t, bool tied, int num_layers);

}  // namespace vramfit
