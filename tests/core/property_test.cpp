// Property tests over random valid configurations (issue: proof of quality). A fixed seed keeps them
// reproducible; every property is checked on every draw.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "vramfit/hf_config.h"
#include "vramfit/inference.h"

namespace vramfit {
namespace {

struct Draw {
  ModelArch model;
  InferenceRequest request;
};

ModelArch random_model(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const int heads = 1 << pick(2, 6);
  const int kv = heads >> pick(0, 3);
  const int head_dim = 32 * pick(1, 4);
  const int hidden = heads * head_dim;
  const bool moe = pick(0, 3) == 0;
  const bool sliding = pick(0, 3) == 0;
  std::string json = "{\"model_type\":\"" + std::string(sliding ? "mistral" : "llama") + "\",\"hidden_size\":" +
                     std::to_string(hidden) + ",\"num_hidden_layers\":" + std::to_string(pick(1, 48)) +
                     ",\"num_attention_heads\":" + std::to_string(heads) + ",\"num_key_value_heads\":" + std::to_string(std::max(1, kv)) +
                     ",\"intermediate_size\":" + std::to_string(256 * pick(1, 64)) + ",\"vocab_size\":" + std::to_string(1024 * pick(1, 160)) +
                     ",\"tie_word_embeddings\":" + (pick(0, 1) ? "true" : "false");
  if (sliding) json += ",\"sliding_window\":" + std::to_string(256 * pick(1, 16));
  if (moe) json += ",\"num_local_experts\":" + std::to_string(pick(2, 16)) + ",\"num_experts_per_tok\":2";
  json += "}";
  auto parsed = parse_hf_config(json);
  EXPECT_TRUE(parsed.model.has_value()) << json;
  return parsed.model.value_or(ModelArch{});
}

InferenceRequest random_request(std::mt19937_64& rng, const ModelArch& m) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  static const char* kLlama[] = {"Q4_K_M", "Q8_0", "F16", "Q4_0", "Q6_K", "IQ4_XS"};
  static const char* kHf[] = {"bf16", "fp8", "nf4-dq", "awq-4b-g128", "int8"};
  InferenceRequest r;
  r.model = m;
  r.engine = static_cast<Engine>(pick(0, 3));
  r.weight_format = r.engine == Engine::kLlamaCpp ? kLlama[pick(0, 5)] : kHf[pick(0, 4)];
  r.kv_type = r.engine == Engine::kLlamaCpp && pick(0, 2) == 0 ? "q8_0" : "f16";
  r.flash_attention = r.kv_type != "f16" || pick(0, 1);
  r.context_tokens = pick(1, 65536);
  r.sequences = pick(1, 8);
  r.prompt_tokens = std::max(1, r.context_tokens / 2);
  r.gpu.memory_bytes = 1e13;  // 10 TB: enough that vLLM always has room
  return r;
}

double busiest_gpu(const InferenceEstimate& e) {
  double v = 0;
  for (const auto& d : e.devices)
    if (d.device != "host") v = std::max(v, d.total_bytes);
  return v;
}

TEST(Properties, RandomConfigurationsBehave) {
  std::mt19937_64 rng(20261123);
  constexpr int kDraws = 100000;
  int checked = 0;
  for (int i = 0; i < kDraws; ++i) {
    const ModelArch m = random_model(rng);
    if (m.num_layers == 0) continue;
    InferenceRequest r = random_request(rng, m);
    const InferenceEstimate e = estimate_inference(r);
    if (has_errors(e.diagnostics)) continue;  // e.g. a KV width that is not whole q8_0 blocks
    ++checked;
    for (const auto& d : e.devices) {
      ASSERT_TRUE(std::isfinite(d.total_bytes)) << i;
      double persistent = 0, transient = 0;
      for (const auto& c : d.components) {
        ASSERT_TRUE(std::isfinite(c.bytes) && c.bytes >= 0) << i << " " << c.id;
        if (c.transient) transient = std::max(transient, c.bytes);
        else persistent += c.bytes;
      }
      ASSERT_DOUBLE_EQ(d.total_bytes, persistent + transient) << i;  // components add up to the total
    }
    // Memory never decreases when the context or the batch grows (vLLM's budget is fixed by design).
    if (r.engine != Engine::kVllm && i % 4 == 0) {
      InferenceRequest more = r;
      more.context_tokens = r.context_tokens * 2;
      more.prompt_tokens = r.prompt_tokens * 2;
      const auto e2 = estimate_inference(more);
      if (!has_errors(e2.diagnostics)) { ASSERT_GE(busiest_gpu(e2) + 1, busiest_gpu(e)) << i; }
      more = r;
      more.sequences = r.sequences + 1;
      const auto e3 = estimate_inference(more);
      if (!has_errors(e3.diagnostics)) { ASSERT_GE(busiest_gpu(e3) + 1, busiest_gpu(e)) << i; }
    }
    // Tensor parallelism never increases per-GPU weights.
    if (r.engine == Engine::kVllm && i % 4 == 1) {
      InferenceRequest tp = r;
      tp.tensor_parallel = tp.gpu_count = 2;
      const auto e4 = estimate_inference(tp);
      if (!has_errors(e4.diagnostics)) {
        double w1 = 0, w2 = 0;
        for (const auto& c : e.devices[0].components) w1 += c.id == "weights" ? c.bytes : 0;
        for (const auto& c : e4.devices[0].components) w2 += c.id == "weights" ? c.bytes : 0;
        ASSERT_LE(w2, w1) << i;
      }
    }
  }
  EXPECT_GT(checked, kDraws / 2);
}

// More bits per weight never means less memory.
TEST(Properties, MorePrecisionBytesNeverShrinkWeights) {
  std::mt19937_64 rng(7);
  const char* order[] = {"Q4_0", "Q8_0", "F16"};
  for (int i = 0; i < 2000; ++i) {
    InferenceRequest r = random_request(rng, random_model(rng));
    if (r.model.num_layers == 0) continue;
    r.engine = Engine::kLlamaCpp;
    r.kv_type = "f16";
    double last = 0;
    for (const char* f : order) {
      r.weight_format = f;
      const auto e = estimate_inference(r);
      ASSERT_FALSE(has_errors(e.diagnostics)) << f;
      ASSERT_GT(e.weights_bytes, last) << f;
      last = e.weights_bytes;
    }
  }
}

}  // namespace
}  // namespace vramfit
