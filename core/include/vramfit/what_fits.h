// What fits: for every GPU of the catalog, whether the request fits, on how many of them, the largest context
// and batch that fit there, and the decode speed. The page's "which GPU?" table and the CLI read it.
#pragma once

#include <vector>

#include "vramfit/gpu_catalog.h"
#include "vramfit/inference.h"

namespace vramfit {

inline constexpr int kMaxGpusTried = 8;  // 1, 2, 4, 8: one node

struct GpuFit {
  int gpu_index = 0;               // into the catalog passed in
  int gpus_needed = 0;             // fewest of this GPU (1, 2, 4 or 8) that hold the request; 0: not even 8
  double used_bytes = 0;           // the busiest device's memory on gpus_needed GPUs (on 1 when none fits)
  double capacity_bytes = 0;       // what one of these GPUs can hold for the engine
  int largest_context = 0;         // tokens per sequence that fit on gpus_needed GPUs (0: none); at most the model's
  int largest_batch = 0;           // concurrent sequences that fit at the request's context (0: none)
  double decode_tokens_per_s = 0;  // all sequences together, on gpus_needed GPUs; 0: the catalog lacks the bandwidth
};

// `request` carries the model, engine, format, context and sequences; its GPU is replaced by each catalog
// entry in turn. CPU hosts (their memory is the reader's to state) are left out.
//
// Memory of llama.cpp, transformers and the rule of thumb depends on the GPU only through its capacity, so one
// estimate per GPU count serves the whole catalog: the context limit comes from a sweep of that estimate over
// context lengths (interpolated, so it is within one sweep step of exact), the batch limit from its slope per
// sequence. vLLM sizes its KV cache from the GPU's memory, so each GPU gets its own estimate, whose KV tokens
// and concurrency give the limits directly.
std::vector<GpuFit> what_fits(const InferenceRequest& request, const std::vector<GpuEntry>& gpus);

}  // namespace vramfit
