#include "vramfit/resolve.h"
#include "vramfit/training.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "vramfit/api_json.h"
#include "vramfit/hf_config.h"
#include "vramfit/presets.h"
#include "vramfit/units.h"

namespace vramfit {
namespace {

double component(const TrainingEstimate& e, const char* id) {
  for (const auto& c : e.devices[0].components)
    if (c.id == id) return c.bytes;
  return 0;
}

// A dense model of exactly `params` parameters is not needed for model states: they scale with the count.
// ZeRO (Rajbhandari et al. 2020) Figure 1: 7.5B parameters, 64 GPUs, K = 12 (mixed-precision Adam):
// baseline 120 GB, P_os 31.4 GB, P_os+g 16.6 GB, P_os+g+p 1.9 GB per device.
TEST(Training, ZeroFigure1ModelStates) {
  TrainingRequest r;
  r.model = find_preset("meta-llama/Llama-2-7b-hf")->arch;
  r.method = TrainMethod::kFull;
  r.weight_bytes = 2;
  r.master_weights = true;
  r.optimizer_state_bytes = 4;
  r.grad_accum = 2;  // gradients live throughout the step
  r.data_parallel = 64;
  r.gpu.memory_bytes = 1e13;
  const double scale = 7.5e9 / count_params(r.model).total();  // report per 7.5B parameters
  const double expected[] = {120.0, 31.4, 16.6, 1.9};
  const Sharding stages[] = {Sharding::kNone, Sharding::kZero1, Sharding::kZero2, Sharding::kZero3};
  for (int i = 0; i < 4; ++i) {
    r.sharding = stages[i];
    const auto e = estimate_training(r);
    const double states = component(e, "weights") + component(e, "gradients") + component(e, "master_weights") + component(e, "optimizer");
    EXPECT_NEAR(states * scale / 1e9, expected[i], 0.05) << "stage " << i;
  }
}

// Korthikanti et al. 2022, Eq. 1: one layer saves s*b*h*(34 + 5*a*s/h) bytes (16-bit, dropout on, MHA,
// plain MLP of 4h, no fused attention). GPT-3 175B's shapes: h 12288, a 96, s 2048, b 1.
TEST(Training, KorthikantiEquation1) {
  const auto m = *parse_hf_config(R"({"model_type":"gpt2","n_embd":12288,"n_layer":96,"n_head":96,"vocab_size":51200})").model;
  const double s = 2048, b = 1, h = 12288, a = 96;
  EXPECT_DOUBLE_EQ(layer_activation_bytes(m, b, s, /*flash=*/false, /*dropout=*/true), s * b * h * (34 + 5 * a * s / h));
  // Fused attention drops the 5as/h term (Korthikanti's selective recomputation has the same effect).
  EXPECT_DOUBLE_EQ(layer_activation_bytes(m, b, s, true, true), s * b * h * 34);
}

// LoRA r = 8 on q and v of Llama-2-7B: 4,194,304 trainable parameters, as PEFT's print_trainable_parameters
// reports (Hu et al. 2021: r x (d_in + d_out) per matrix).
TEST(Training, LoraParameterCount) {
  const auto& m = find_preset("meta-llama/Llama-2-7b-hf")->arch;
  EXPECT_EQ(lora_params(m, 8, {"q", "v"}), 4194304.0);
}

// Article 4 (SEEDS.md): 70B with Adam needs 12 B/param of optimizer state = 840 GB (master, m, v). Its
// "7B fp16 training: 14 + 84 + activations ~ 100 GB" forgets the 14 GB of gradients: model states are 112 GB.
TEST(Training, SeedArticleOptimizerStates) {
  TrainingRequest r;
  r.model = find_preset("meta-llama/Llama-2-70b-hf")->arch;
  r.method = TrainMethod::kFull;
  r.master_weights = true;
  r.gpu.memory_bytes = 1e13;
  auto e = estimate_training(r);
  const double per_param = (component(e, "master_weights") + component(e, "optimizer")) / e.params;
  EXPECT_DOUBLE_EQ(per_param, 12.0);
  EXPECT_NEAR(12.0 * 70e9 / 1e9, 840.0, 1e-9);
  r.model = find_preset("meta-llama/Llama-2-7b-hf")->arch;
  r.grad_accum = 2;
  e = estimate_training(r);
  const double states = component(e, "weights") + component(e, "gradients") + component(e, "master_weights") + component(e, "optimizer");
  EXPECT_NEAR(states / e.params, 16.0, 1e-9);
}

// Article 3 counts activations as (hidden + intermediate) x seq x layers x 1 byte = 990 MB per sample for
// LLaMA-7B at 2048 tokens; the tensors the layers actually save are about 19x more without fused attention.
TEST(Training, SeedArticleActivationsAreFarLarger) {
  const auto& m = find_preset("meta-llama/Llama-2-7b-hf")->arch;
  const double article = (4096.0 + 11008) * 2048 * 32;
  const double saved = 32 * layer_activation_bytes(m, 1, 2048, false, false);
  EXPECT_NEAR(saved / article, 18.85, 0.01);
}

TEST(Training, CheckpointingAndLoraShrinkTheStep) {
  TrainingRequest r;
  r.model = find_preset("meta-llama/Meta-Llama-3-8B")->arch;
  r.method = TrainMethod::kLora;
  r.seq_len = 4096;
  r.flash_attention = false;
  r.gpu.memory_bytes = 1e13;
  const auto full = estimate_training(r);
  r.checkpointing = Checkpointing::kFull;
  const auto ckpt = estimate_training(r);
  EXPECT_LT(ckpt.devices[0].total_bytes, full.devices[0].total_bytes);
  r.method = TrainMethod::kQlora;
  const auto qlora = estimate_training(r);
  EXPECT_LT(qlora.devices[0].total_bytes, ckpt.devices[0].total_bytes - 10e9);  // 16-bit base -> 4-bit
  EXPECT_NE(qlora.peak, PeakMoment::kNone);
}

TEST(Training, OffloadMovesStatesToHostRam) {
  TrainingRequest r;
  r.model = find_preset("meta-llama/Meta-Llama-3-8B")->arch;
  r.method = TrainMethod::kFull;
  r.master_weights = true;
  r.offload_optimizer = true;
  r.gpu.memory_bytes = 1e13;
  const auto e = estimate_training(r);
  EXPECT_EQ(component(e, "optimizer"), 0);
  double host = 0;
  for (const auto& c : e.devices[1].components)
    if (c.id == "optimizer") host += c.bytes;
  EXPECT_NEAR(host, 12.0 * e.params, 1);
}

// --- a frozen base (LoRA, QLoRA) -------------------------------------------------------------------------------

TrainingRequest frozen_llama2_7b() {
  TrainingRequest r;
  r.model = find_preset("meta-llama/Llama-2-7b-hf")->arch;
  r.method = TrainMethod::kLora;
  r.gpu.memory_bytes = 1e13;
  return r;
}

// A frozen linear keeps no input (PyTorch MmBackward0 saves `self` only for the weight's gradient). Llama-2-7B
// (h = q = 4096, f = 11008), 1000 tokens: two fp32 RMSNorm inputs 2 x 4 x 4096, SDPA's q, k, v and output
// 4 x 2 x 4096, silu's input, its output and the up projection 3 x 2 x 11008 bytes per token.
TEST(Training, FrozenLayerKeepsNoLinearInput) {
  TrainingRequest r = frozen_llama2_7b();
  EXPECT_DOUBLE_EQ(frozen_layer_activation_bytes(r, 1, 1000), 1000.0 * (32768 + 32768 + 66048));
  // LitGPT's fused q/k/v with MHA: the value is a view of the whole q/k/v output (3 x 4096 x 2 B), which SDPA
  // keeps besides the roped q, k and the output.
  r.fused_qkv = true;
  EXPECT_DOUBLE_EQ(frozen_layer_activation_bytes(r, 1, 1000), 1000.0 * (32768 + 2 * (4096 + 4096 + 3 * 4096 + 4096) + 66048));
  // LitGPT before 6178c7c (2023-10-24): the RMSNorm input stays bf16.
  r.rmsnorm_fp32_input = false;
  EXPECT_DOUBLE_EQ(frozen_layer_activation_bytes(r, 1, 1000), 1000.0 * (16384 + 49152 + 66048));
}

// LoRA on q and v: with dropout each adapter keeps a bool mask (1 B) and its dropped input (2 B); LitGPT's
// fused q/k/v carries one adapter; without dropout lora_A keeps the shared input once (2 B).
TEST(Training, LoraBranchPerAdapter) {
  TrainingRequest r = frozen_llama2_7b();
  r.lora_targets = {"q", "v"};
  r.lora_dropout = true;
  EXPECT_DOUBLE_EQ(lora_branch_layer_bytes(r, 1, 1000), 1000.0 * 4096 * 3 * 2);
  r.fused_qkv = true;
  EXPECT_DOUBLE_EQ(lora_branch_layer_bytes(r, 1, 1000), 1000.0 * 4096 * 3);
  r.lora_dropout = false;
  EXPECT_DOUBLE_EQ(lora_branch_layer_bytes(r, 1, 1000), 1000.0 * 4096 * 2);
}

// bitsandbytes < 0.43.2 keeps every 4-bit linear's input (MatMul4Bit ctx.tensors): q/k/v's and gate/up's
// shared inputs (h each), the output projection's (q) and down's (f), 2 B each: 2 x (3 x 4096 + 11008) per token.
TEST(Training, QloraKeptInputsPerLayer) {
  const auto& m = find_preset("meta-llama/Llama-2-7b-hf")->arch;
  EXPECT_DOUBLE_EQ(qlora_kept_input_layer_bytes(m, 2, 500), 1000.0 * 2 * (3 * 4096 + 11008));
}

double component_of(const nlohmann::json& result, const char* id) {
  for (const auto& c : result["devices"][0]["components"])
    if (c["id"] == id) return c["bytes"].get<double>();
  return 0;
}

// The release decides: 0.43.1 keeps the inputs, 0.43.2 (PR #1270) does not; an unreadable version is refused.
TEST(Training, BitsandbytesVersionDecidesKeptInputs) {
  const auto run = [](const char* version) {
    return nlohmann::json::parse(estimate_json(std::string(R"({"job": "training", "model": "meta-llama/Llama-2-7b-hf", "method": "qlora",)") +
                                               R"( "micro_batch": 1, "seq_len": 1000, "bitsandbytes_version": ")" + version + R"("})"));
  };
  const double layers = 32, per_layer = 1000.0 * 2 * (3 * 4096 + 11008);
  EXPECT_DOUBLE_EQ(component_of(run("0.43.1"), "qlora_inputs"), layers * per_layer);
  EXPECT_EQ(component_of(run("0.43.2"), "qlora_inputs"), 0);
  EXPECT_FALSE(run("forty-two").value("ok", true));
}

// The loop holding the previous micro-step keeps its bf16 logits (2 B per token and vocabulary entry) and, via
// the graph, the 4-bit inputs bitsandbytes parked in ctx.tensors: the same bytes as this step's.
TEST(Training, PreviousStepHoldsLogitsAndKeptInputs) {
  TrainingRequest r = frozen_llama2_7b();
  r.method = TrainMethod::kQlora;
  r.seq_len = 1000;
  r.bnb_keeps_matmul_inputs = true;
  r.loop_holds_previous_step = true;
  const auto e = estimate_training(r);
  EXPECT_DOUBLE_EQ(component(e, "previous_step"), component(e, "qlora_inputs") + 1000.0 * 32000 * 2);
  EXPECT_GT(component(e, "qlora_inputs"), 0);
}

// Lightning's BitsandbytesPrecision quantises lm_head too (32000 x 4096 at 4.5 bits instead of 16) and, having
// quantised from fp16, dequantises it to fp16 and casts to bf16: two copies of Llama-3-8B's 128256 x 4096 head.
TEST(Training, LightningQuantisesTheHead) {
  TrainingRequest r = frozen_llama2_7b();
  r.method = TrainMethod::kQlora;
  r.qlora_format = "nf4";
  const double transformers = component(estimate_training(r), "weights");
  r.qlora_quantizer = QloraQuantizer::kLightning;
  EXPECT_DOUBLE_EQ(transformers - component(estimate_training(r), "weights"), 32000.0 * 4096 * (2 - 4.5 / 8));
  r.model = find_preset("meta-llama/Meta-Llama-3-8B")->arch;
  EXPECT_DOUBLE_EQ(component(estimate_training(r), "dequant"), 128256.0 * 4096 * 2 * 2);
}

// FSDP no_sync() keeps unsharded gradients; with use_orig_params a block holding an adapter gets a gradient as
// large as all its weights. Llama-2-7B, LoRA r 8 on q and v (4,194,304): (6,738,415,616 - 2 x 131,072,000
// embedding and head + 4,194,304) x 2 B on every rank.
TEST(Training, FsdpNoSyncKeepsUnshardedGradients) {
  TrainingRequest r = frozen_llama2_7b();
  r.lora_rank = 8;
  r.lora_targets = {"q", "v"};
  r.adapter_bytes = 2;
  r.data_parallel = 2;
  r.sharding = Sharding::kZero3;
  r.grad_accum = 4;
  const double sharded = component(estimate_training(r), "gradients");
  r.fsdp_no_sync = true;
  EXPECT_DOUBLE_EQ(component(estimate_training(r), "gradients"), (6738415616.0 - 262144000 + 4194304) * 2);
  EXPECT_LT(sharded, 1e8);
}

// Eager full fine-tuning on top of Korthikanti: RMSNorm keeps its fp32 input (+2 B over the counted 16-bit one)
// and its normalised output (+2 B) per norm, SDPA's k and v expanded from 4 to 32 heads, the kernel's output
// besides the output projection's input. TinyLlama (h 2048, kv 256), 2048 tokens:
// 2 x 4 x 2048 + 2 x 2 x (2048 - 256) + 2 x 2048 bytes per token.
TEST(Training, EagerFullFineTuneOnTopOfKorthikanti) {
  TrainingRequest r;
  r.model = find_preset("TinyLlama/TinyLlama-1.1B-Chat-v1.0")->arch;
  r.method = TrainMethod::kFull;
  const double korthikanti = layer_activation_bytes(r.model, 4, 512, true, false);
  EXPECT_DOUBLE_EQ(eager_layer_activation_bytes(r, 4, 512) - korthikanti, 2048.0 * (16384 + 7168 + 4096));
}

// torch's foreach AdamW allocates one list of temporaries in the states' dtype; bitsandbytes' 8-bit step is fused.
TEST(Training, OptimizerStepTemporaries) {
  TrainingRequest r;
  r.model = find_preset("TinyLlama/TinyLlama-1.1B-Chat-v1.0")->arch;
  r.method = TrainMethod::kFull;
  r.optimizer_state_bytes = 2;
  r.seq_len = 1;
  r.gpu.memory_bytes = 1e13;
  auto e = estimate_training(r);
  ASSERT_EQ(e.peak, PeakMoment::kOptimizerStep);
  EXPECT_DOUBLE_EQ(component(e, "optimizer_temp"), e.params * 2);
  r.optimizer = Optimizer::kAdamW8bit;
  EXPECT_EQ(component(estimate_training(r), "optimizer_temp"), 0);
}

TEST(Training, BadInputGivesDiagnostics) {
  TrainingRequest r;
  r.model = find_preset("meta-llama/Meta-Llama-3-8B")->arch;
  r.seq_len = 0;
  const auto e = estimate_training(r);
  ASSERT_FALSE(e.diagnostics.empty());
  EXPECT_EQ(e.diagnostics[0].code, "request.out_of_range");
  EXPECT_TRUE(e.devices.empty());
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

TrainingRequest llama3_8b_lora() {
  TrainingRequest r;
  r.model = find_preset("meta-llama/Meta-Llama-3-8B")->arch;
  r.method = TrainMethod::kLora;
  r.micro_batch = 1;
  r.seq_len = 2048;
  r.gpu.memory_bytes = 80e9;
  return r;
}

// DoRA's magnitude: one per output row of every adapted matrix. Llama-3-8B, all seven projections:
// per layer q 4096 + k 1024 + v 1024 + o 4096 + gate 14336 + up 14336 + down 4096 = 43008; 32 layers: 1,376,256.
TEST(Training, DoraAddsAMagnitudePerOutputRow) {
  TrainingRequest r = llama3_8b_lora();
  EXPECT_DOUBLE_EQ(dora_magnitude_params(r.model, r.lora_targets), 1376256.0);
  const TrainingEstimate lora = estimate_training(r);
  r.dora = true;
  const TrainingEstimate dora = estimate_training(r);
  EXPECT_DOUBLE_EQ(dora.trainable_params - lora.trainable_params, 1376256.0);
  // The outputs the magnitude scales are kept for backward: 1,376,256 rows x 2048 tokens x 2 B = 5.64 GB, plus the
  // composed weight of the largest adapted matrix (2 x 4096 x 14336 x 2 B = 235 MB).
  double extra = 0;
  for (const auto& c : dora.devices.front().components)
    if (c.id == "dora") extra = c.bytes;
  EXPECT_NEAR(extra, 1376256.0 * 2048 * 2 + 2.0 * 4096 * 14336 * 2, 1.0);
  EXPECT_GT(dora.devices.front().total_bytes, lora.devices.front().total_bytes + extra * 0.99);
}

// HYBRID_SHARD shards within a group and replicates across groups: 16 GPUs in groups of 8 hold what ZeRO-3 over
// 8 GPUs holds.
TEST(Training, HybridShardShardsWithinAGroup) {
  TrainingRequest r = llama3_8b_lora();
  r.method = TrainMethod::kFull;
  r.sharding = Sharding::kZero3;
  r.data_parallel = 8;
  const double over_eight = estimate_training(r).devices.front().total_bytes;
  r.data_parallel = 16;
  r.gpu.dense_fp16_tflops = 989;
  const TrainingEstimate sixteen = estimate_training(r);
  const double over_sixteen = sixteen.devices.front().total_bytes;
  r.hybrid_shard = true;
  r.shard_group = 8;
  const TrainingEstimate hybrid = estimate_training(r);
  EXPECT_DOUBLE_EQ(hybrid.devices.front().total_bytes, over_eight);
  EXPECT_LT(over_sixteen, over_eight);
  // Still 16 GPUs computing: the same time as ZeRO-3 over 16, and 16 ranks in the breakdown.
  EXPECT_EQ(hybrid.devices.front().count, 16);
  EXPECT_EQ(hybrid.devices.front().device, "gpu0-15");
  EXPECT_GT(hybrid.time_hours, 0);
  EXPECT_DOUBLE_EQ(hybrid.time_hours, sixteen.time_hours);
  EXPECT_DOUBLE_EQ(hybrid.cost_usd, sixteen.cost_usd);
  Scenario choices;
  choices.method = MethodChoice::kQdora;
  choices.sharding = ShardingChoice::kFsdpHybridShard;
  const TrainingRequest named = resolve_training(choices);
  EXPECT_TRUE(named.dora && named.hybrid_shard);
  EXPECT_EQ(named.sharding, Sharding::kZero3);
  EXPECT_EQ(named.method, TrainMethod::kQlora);
}

}  // namespace
}  // namespace vramfit
