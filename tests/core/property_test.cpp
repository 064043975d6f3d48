// Property tests over random valid configurations (issue: proof of quality). A fixed seed keeps them
// reproducible; every property is checked on every draw.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
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
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1)); };  // portable (the std distributions differ between standard libraries)
  const int heads = 1 << pick(2, 6);
  const int kv = heads >> pick(0, 3);
  const int head_dim = 32 * pick(1, 4);
  const int hidden = heads * head_dim;
  const bool moe = pick(0, 3) == 0;
  const bool sliding = pick(0, 3) == 0;
  // Each draw in its own statement: the operands of one expression are evaluated in an unspecified order (g++
  // and clang differ), and the digest test needs the same draws natively and in wasm.
  const int layers = pick(1, 48);
  const int intermediate = 256 * pick(1, 64);
  const int vocab = 1024 * pick(1, 160);
  const bool tied = pick(0, 1) != 0;
  std::string json = "{\"model_type\":\"" + std::string(sliding ? "mistral" : "llama") + "\",\"hidden_size\":" +
                     std::to_string(hidden) + ",\"num_hidden_layers\":" + std::to_string(layers) +
                     ",\"num_attention_heads\":" + std::to_string(heads) + ",\"num_key_value_heads\":" + std::to_string(std::max(1, kv)) +
                     ",\"intermediate_size\":" + std::to_string(intermediate) + ",\"vocab_size\":" + std::to_string(vocab) +
                     ",\"tie_word_embeddings\":" + (tied ? "true" : "false");
  if (sliding) {
    const int window = 256 * pick(1, 16);
    json += ",\"sliding_window\":" + std::to_string(window);
  }
  if (moe) {
    const int experts = pick(2, 16);
    json += ",\"num_local_experts\":" + std::to_string(experts) + ",\"num_experts_per_tok\":2";
  }
  json += "}";
  auto parsed = parse_hf_config(json);
  EXPECT_TRUE(parsed.model.has_value()) << json;
  return parsed.model.value_or(ModelArch{});
}

InferenceRequest random_request(std::mt19937_64& rng, const ModelArch& m) {
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1)); };  // portable (the std distributions differ between standard libraries)
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
    if (!d.host) v = std::max(v, d.total_bytes);
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

// More layers never means less memory.
TEST(Properties, MoreLayersNeverShrinkMemory) {
  std::mt19937_64 rng(11);
  int checked = 0;
  for (int i = 0; i < 3000; ++i) {
    ModelArch m = random_model(rng);
    if (m.num_layers == 0 || m.num_layers > 40) continue;
    InferenceRequest r = random_request(rng, m);
    if (r.engine == Engine::kVllm || r.engine == Engine::kSglang) continue;  // they fill their budget by design
    const auto e = estimate_inference(r);
    if (has_errors(e.diagnostics)) continue;
    // The same model with more layers of the same kind: repeat the layer list.
    ModelArch deeper = m;
    deeper.num_layers = m.num_layers * 2;
    deeper.layers.insert(deeper.layers.end(), m.layers.begin(), m.layers.end());
    r.model = deeper;
    const auto e2 = estimate_inference(r);
    if (has_errors(e2.diagnostics)) continue;
    ++checked;
    ASSERT_GE(busiest_gpu(e2) + 1, busiest_gpu(e)) << i;
  }
  EXPECT_GT(checked, 500);
}

// Native and wasm give the same numbers to the last bit: this prints a digest of 20,000 random estimates (exact
// doubles and formula texts); scripts/test.sh runs it natively and as wasm and fails when the digests differ.
TEST(Properties, DigestForNativeVersusWasm) {
  std::mt19937_64 rng(424242);
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  auto mix = [&](const void* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      h ^= static_cast<const unsigned char*>(p)[i];
      h *= 1099511628211ull;
    }
  };
  int mixed = 0;
  for (int i = 0; i < 20000; ++i) {
    const ModelArch m = random_model(rng);
    if (m.num_layers == 0) continue;
    const InferenceEstimate e = estimate_inference(random_request(rng, m));
    for (const auto& d : e.devices)
      for (const auto& c : d.components) {
        mix(&c.bytes, sizeof c.bytes);
        mix(c.formula.data(), c.formula.size());
      }
    mix(&e.throughput.decode_tokens_per_s, sizeof(double));
    ++mixed;
  }
  ASSERT_GT(mixed, 10000);
  std::printf("vramfit-digest %016llx\n", static_cast<unsigned long long>(h));
}

}  // namespace
}  // namespace vramfit
