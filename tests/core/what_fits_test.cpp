// What fits across the catalog agrees with estimating each GPU on its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/what_fits.h"

namespace vramfit {
namespace {

InferenceRequest request_for(const char* model, Engine engine, const char* weights, int context) {
  InferenceRequest r;
  r.model = find_preset(model)->arch;
  r.engine = engine;
  r.weight_format = weights;
  r.context_tokens = context;
  return r;
}

InferenceEstimate direct(InferenceRequest r, const GpuEntry& g, int count) {
  r.gpu.name = g.name;
  r.gpu.memory_bytes = g.capacity_bytes();
  if (g.bandwidth_gb_s > 0) r.gpu.bandwidth_gb_s = g.bandwidth_gb_s;
  if (g.dense_fp16_tflops > 0) r.gpu.dense_fp16_tflops = g.dense_fp16_tflops;
  r.gpu.unified_memory = g.unified_memory;
  r.gpu_count = count;
  r.tensor_parallel = r.engine == Engine::kLlamaCpp ? 1 : count;
  return estimate_inference(r);
}

void check_against_direct(const InferenceRequest& r) {
  const auto& gpus = gpu_catalog();
  const auto fits = what_fits(r, gpus);
  std::size_t listed = 0;  // CPU hosts and entries whose memory is the reader's to state are left out
  for (const auto& g : gpus) listed += g.segment != "cpu" && g.capacity_bytes() > 0;
  ASSERT_EQ(fits.size(), listed);
  int some_fit = 0, some_not = 0;
  for (const GpuFit& f : fits) {
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    SCOPED_TRACE(g.id);
    if (f.gpus_needed == 0) {
      ++some_not;
      EXPECT_FALSE(direct(r, g, g.unified_memory ? 1 : kMaxGpusTried).fits);
      continue;
    }
    ++some_fit;
    const InferenceEstimate e = direct(r, g, f.gpus_needed);
    EXPECT_TRUE(e.fits);
    if (f.gpus_needed > 1) {
      EXPECT_FALSE(direct(r, g, f.gpus_needed / 2).fits);
    }
    if (g.bandwidth_gb_s > 0) {
      EXPECT_NEAR(f.decode_tokens_per_s, e.throughput.decode_tokens_per_s, 1e-9 * e.throughput.decode_tokens_per_s);
    } else {
      EXPECT_EQ(f.decode_tokens_per_s, 0) << "no bandwidth in the catalog: no speed";
    }
    // The largest context fits (within 1% of capacity: it is interpolated), and 20% more does not, unless it
    // is the model's own limit.
    ASSERT_GT(f.largest_context, 0);
    InferenceRequest at = r;
    at.context_tokens = f.largest_context;
    const InferenceEstimate at_max = direct(at, g, f.gpus_needed);
    for (const auto& d : at_max.devices) EXPECT_LE(d.total_bytes, d.capacity_bytes * 1.01) << d.device;
    if (f.largest_context < std::max(r.model.max_context, r.context_tokens)) {
      at.context_tokens = static_cast<int>(f.largest_context * 1.2) + 512;
      EXPECT_FALSE(direct(at, g, f.gpus_needed).fits) << "largest context " << f.largest_context;
    }
    // The largest batch fits at the request's context; one more sequence beyond twice it does not.
    ASSERT_GE(f.largest_batch, r.sequences);
    InferenceRequest batch = r;
    batch.sequences = f.largest_batch;
    if (r.engine != Engine::kVllm) {
      EXPECT_TRUE(direct(batch, g, f.gpus_needed).fits) << "batch " << f.largest_batch;
    }
    if (f.largest_batch < 2000) {
      batch.sequences = f.largest_batch * 2 + 1;
      EXPECT_FALSE(direct(batch, g, f.gpus_needed).fits) << "batch " << f.largest_batch;
    }
  }
  EXPECT_GT(some_fit, 0);
  EXPECT_GT(some_not + some_fit, 50);
}

TEST(WhatFits, LlamaCppAgreesWithEachGpuOnItsOwn) {
  check_against_direct(request_for("meta-llama/Meta-Llama-3.1-8B", Engine::kLlamaCpp, "Q4_K_M", 8192));
}

TEST(WhatFits, LargeModelNeedsSeveralGpus) {
  const InferenceRequest r = request_for("meta-llama/Meta-Llama-3.1-70B", Engine::kLlamaCpp, "Q4_K_M", 32768);
  check_against_direct(r);
  const auto fits = what_fits(r, gpu_catalog());
  bool multi = false;
  for (const auto& f : fits) multi |= f.gpus_needed > 1;
  EXPECT_TRUE(multi) << "a 70B model at 32k should need several consumer GPUs";
}

TEST(WhatFits, TransformersAndRuleOfThumbAgree) {
  check_against_direct(request_for("Qwen/Qwen3-8B", Engine::kTransformers, "bf16", 4096));
  check_against_direct(request_for("Qwen/Qwen3-8B", Engine::kRuleOfThumb, "bf16", 4096));
}

TEST(WhatFits, VllmAgreesWithEachGpuOnItsOwn) {
  const InferenceRequest r = request_for("Qwen/Qwen3-8B", Engine::kVllm, "bf16", 16384);
  const auto& gpus = gpu_catalog();
  for (const GpuFit& f : what_fits(r, gpus)) {
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    SCOPED_TRACE(g.id);
    if (f.gpus_needed == 0) continue;
    const InferenceEstimate e = direct(r, g, f.gpus_needed);
    EXPECT_TRUE(e.fits);
    EXPECT_EQ(f.largest_batch, static_cast<int>(std::min(4096.0, std::floor(e.vllm_max_concurrency))));
    EXPECT_GE(f.largest_context, r.context_tokens);
  }
}

TEST(WhatFits, MacsDoNotPoolAndCpuOnlyHasNoTable) {
  InferenceRequest r = request_for("meta-llama/Meta-Llama-3.1-70B", Engine::kLlamaCpp, "Q8_0", 8192);
  const auto& gpus = gpu_catalog();
  for (const GpuFit& f : what_fits(r, gpus))
    if (gpus[static_cast<std::size_t>(f.gpu_index)].unified_memory) {
      EXPECT_LE(f.gpus_needed, 1);
    }
  r.cpu_only = true;
  EXPECT_TRUE(what_fits(r, gpus).empty());
}

}  // namespace
}  // namespace vramfit
