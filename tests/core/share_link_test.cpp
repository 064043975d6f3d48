// Share links: every field round-trips; what a link cannot carry falls back to defaults and is named.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "vramfit/custom_arch.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

bool has_code(const Diagnostics& d, const std::string& code, const std::string& field = "") {
  for (const auto& x : d)
    if (x.code == code && (field.empty() || x.field == field)) return true;
  return false;
}

Scenario every_field_changed() {
  Scenario c;
  c.lang = "zh-CN";
  c.model = "Qwen/Qwen3-30B-A3B";
  c.arch = "1.L48.h2048.a32.kv4.d128.ff6144.v151936.ctx40960.sw4096.e128.k8.eff768.se2.tie";
  c.engine = EngineChoice::kVllm;
  c.llama_weights = "Q8_0";
  c.hf_weights = "nf4-dq";
  c.kv_type = "q8_0";
  c.context = 32768;
  c.sequences = 4;
  c.gpu = "h100-sxm";
  c.custom_gpu_gb = 80.5;
  c.gpu_count = 8;
  c.gpu_layers = 20;
  c.flash_attention = false;
  c.cpu_only = true;
  c.gpu_memory_utilization = 0.85;
  c.attention = AttentionChoice::kFlashAttention2;
  c.prompt_tokens = 2000;
  c.new_tokens = 512;
  c.job = Job::kTraining;
  c.method = MethodChoice::kQlora;
  c.precision = PrecisionChoice::kMixed;
  c.optimizer = OptimizerChoice::kPagedAdamW8bit;
  c.micro_batch = 4;
  c.seq_len = 4096;
  c.grad_accum = 8;
  c.checkpointing = CheckpointingChoice::kFull;
  c.chunked_loss = true;
  c.lora_rank = 64;
  c.lora_targets = "q,v";
  c.data_parallel = 8;
  c.tensor_parallel = 2;
  c.pipeline_parallel = 2;
  c.sharding = ShardingChoice::kZero3;
  c.sequence_parallel = true;
  c.offload_optimizer = true;
  c.offload_params = true;
  c.train_tokens = 2.5e10;
  c.mfu = 0.35;
  c.price_per_gpu_hour = 2.49;
  c.qlora_format = QloraFormatChoice::kFp4;
  c.qlora_quantizer = QloraQuantizerChoice::kLightning;
  c.old_bitsandbytes = true;
  c.holds_previous_step = true;
  c.fsdp_no_sync = true;
  c.shard_group = 4;
  c.dropout = true;
  c.lora_dropout = true;
  c.adapter_bytes = 4;
  c.fused_qkv = true;
  c.rmsnorm_fp32_input = false;
  c.host_ram_gb = 512.5;
  c.embed = true;
  c.locked = true;
  return c;
}

TEST(ShareLink, DefaultsEncodeToNothing) {
  EXPECT_EQ(encode_share_query(Scenario{}), "");
  const ShareDecoded d = decode_share_query("");
  EXPECT_EQ(d.config, Scenario{});
  EXPECT_TRUE(d.diagnostics.empty());
}

TEST(ShareLink, EveryFieldRoundTrips) {
  ASSERT_NE(find_gpu("h100-sxm"), nullptr) << "the test's GPU id left the catalog";
  const Scenario c = every_field_changed();
  const std::string q = encode_share_query(c);
  EXPECT_EQ(q.rfind("v=1&", 0), 0u) << q;
  const ShareDecoded d = decode_share_query(q);
  EXPECT_TRUE(d.diagnostics.empty()) << d.diagnostics.front().detail;
  EXPECT_EQ(d.config, c) << q;
  // Each field alone also round-trips, and only that field is written.
  const Scenario def;
  int written = 0;
  auto check_one = [&](auto set) {
    Scenario one;
    set(one);
    const std::string q1 = encode_share_query(one);
    EXPECT_EQ(decode_share_query(q1).config, one) << q1;
    EXPECT_EQ(std::count(q1.begin(), q1.end(), '&'), 1) << q1;  // "v=1&key=value"
    ++written;
  };
  check_one([&](Scenario& x) { x.lang = c.lang; });
  check_one([&](Scenario& x) { x.model = c.model; });
  check_one([&](Scenario& x) { x.arch = c.arch; });
  check_one([&](Scenario& x) { x.engine = c.engine; });
  check_one([&](Scenario& x) { x.llama_weights = c.llama_weights; });
  check_one([&](Scenario& x) { x.hf_weights = c.hf_weights; });
  check_one([&](Scenario& x) { x.kv_type = c.kv_type; });
  check_one([&](Scenario& x) { x.context = c.context; });
  check_one([&](Scenario& x) { x.sequences = c.sequences; });
  check_one([&](Scenario& x) { x.gpu = c.gpu; });
  check_one([&](Scenario& x) { x.custom_gpu_gb = c.custom_gpu_gb; });
  check_one([&](Scenario& x) { x.gpu_count = c.gpu_count; });
  check_one([&](Scenario& x) { x.gpu_layers = c.gpu_layers; });
  check_one([&](Scenario& x) { x.flash_attention = c.flash_attention; });
  check_one([&](Scenario& x) { x.cpu_only = c.cpu_only; });
  check_one([&](Scenario& x) { x.gpu_memory_utilization = c.gpu_memory_utilization; });
  check_one([&](Scenario& x) { x.attention = c.attention; });
  check_one([&](Scenario& x) { x.prompt_tokens = c.prompt_tokens; });
  check_one([&](Scenario& x) { x.new_tokens = c.new_tokens; });
  check_one([&](Scenario& x) { x.job = c.job; });
  check_one([&](Scenario& x) { x.method = c.method; });
  check_one([&](Scenario& x) { x.precision = c.precision; });
  check_one([&](Scenario& x) { x.optimizer = c.optimizer; });
  check_one([&](Scenario& x) { x.micro_batch = c.micro_batch; });
  check_one([&](Scenario& x) { x.seq_len = c.seq_len; });
  check_one([&](Scenario& x) { x.grad_accum = c.grad_accum; });
  check_one([&](Scenario& x) { x.checkpointing = c.checkpointing; });
  check_one([&](Scenario& x) { x.chunked_loss = c.chunked_loss; });
  check_one([&](Scenario& x) { x.lora_rank = c.lora_rank; });
  check_one([&](Scenario& x) { x.lora_targets = c.lora_targets; });
  check_one([&](Scenario& x) { x.data_parallel = c.data_parallel; });
  check_one([&](Scenario& x) { x.tensor_parallel = c.tensor_parallel; });
  check_one([&](Scenario& x) { x.pipeline_parallel = c.pipeline_parallel; });
  check_one([&](Scenario& x) { x.sharding = c.sharding; });
  check_one([&](Scenario& x) { x.sequence_parallel = c.sequence_parallel; });
  check_one([&](Scenario& x) { x.offload_optimizer = c.offload_optimizer; });
  check_one([&](Scenario& x) { x.offload_params = c.offload_params; });
  check_one([&](Scenario& x) { x.train_tokens = c.train_tokens; });
  check_one([&](Scenario& x) { x.mfu = c.mfu; });
  check_one([&](Scenario& x) { x.price_per_gpu_hour = c.price_per_gpu_hour; });
  check_one([&](Scenario& x) { x.qlora_format = c.qlora_format; });
  check_one([&](Scenario& x) { x.qlora_quantizer = c.qlora_quantizer; });
  check_one([&](Scenario& x) { x.old_bitsandbytes = c.old_bitsandbytes; });
  check_one([&](Scenario& x) { x.holds_previous_step = c.holds_previous_step; });
  check_one([&](Scenario& x) { x.fsdp_no_sync = c.fsdp_no_sync; });
  check_one([&](Scenario& x) { x.shard_group = c.shard_group; });
  check_one([&](Scenario& x) { x.dropout = c.dropout; });
  check_one([&](Scenario& x) { x.lora_dropout = c.lora_dropout; });
  check_one([&](Scenario& x) { x.adapter_bytes = c.adapter_bytes; });
  check_one([&](Scenario& x) { x.fused_qkv = c.fused_qkv; });
  check_one([&](Scenario& x) { x.rmsnorm_fp32_input = c.rmsnorm_fp32_input; });
  check_one([&](Scenario& x) { x.host_ram_gb = c.host_ram_gb; });
  check_one([&](Scenario& x) { x.embed = c.embed; });
  check_one([&](Scenario& x) { x.locked = c.locked; });
  EXPECT_EQ(written, 54);
  EXPECT_NE(def, c);
}

TEST(ShareLink, IsShortAndReadable) {
  Scenario c;
  c.model = "meta-llama/Meta-Llama-3.1-70B";
  c.context = 32768;
  c.gpu = "rtx-4090";
  c.gpu_count = 2;
  EXPECT_EQ(encode_share_query(c), "v=1&m=meta-llama/Meta-Llama-3.1-70B&ctx=32768&gpu=rtx-4090&n=2");
}

// gpu=any asks "which GPUs fit?": it survives the round trip, and the estimate beside it uses the default GPU,
// the same one a link without gpu= uses.
TEST(ShareLink, AnyGpuIsKeptAndEstimatesOnTheDefaultGpu) {
  const auto d = decode_share_query("v=1&gpu=any&n=2");
  EXPECT_TRUE(d.diagnostics.empty());
  EXPECT_EQ(d.config.gpu, kAnyGpuId);
  EXPECT_EQ(encode_share_query(d.config), "v=1&gpu=any&n=2");
  EXPECT_EQ(catalog_id(d.config), kDefaultGpuId);
  const InferenceRequest any = resolve_inference(d.config);
  const InferenceRequest plain = resolve_inference(decode_share_query("v=1&n=2").config);
  EXPECT_EQ(any.gpu.name, plain.gpu.name);
  EXPECT_EQ(any.gpu.memory_bytes, plain.gpu.memory_bytes);
  EXPECT_EQ(any.gpu_count, 2);
  EXPECT_FALSE(decode_share_query("gpu=anything").diagnostics.empty());
}

TEST(ShareLink, ReadsWholeUrlsFragmentsAndEscapes) {
  const auto a = decode_share_query("https://example.org/vramfit/?v=1&ctx=16384&kv=q8_0#top");
  EXPECT_EQ(a.config.context, 16384);
  EXPECT_EQ(a.config.kv_type, "q8_0");
  const auto b = decode_share_query("#ctx=4096");
  EXPECT_EQ(b.config.context, 4096);
  const auto c = decode_share_query("?m=meta-llama%2FMeta-Llama-3.1-70B&lang=zh-cn");
  EXPECT_EQ(c.config.model, "meta-llama/Meta-Llama-3.1-70B");
  EXPECT_EQ(c.config.lang, "zh-CN");
  EXPECT_TRUE(c.diagnostics.empty());
  // Case-insensitive file types come back in llama.cpp's spelling.
  EXPECT_EQ(decode_share_query("w=q4_k_m").config.llama_weights, "Q4_K_M");
}

TEST(ShareLink, BadValuesFallBackToDefaultsAndSaySo) {
  const auto d = decode_share_query("v=1&ctx=lots&seq=-3&n=100000&m=no/such-model&gpu=quantum-9000&util=1.5&fa=maybe&ctx2=9&w=Q9_Z");
  EXPECT_EQ(d.config, Scenario{});
  for (const char* key : {"ctx", "seq", "n", "m", "gpu", "util", "fa", "w"})
    EXPECT_TRUE(has_code(d.diagnostics, "link.bad_value", key)) << key;
  EXPECT_FALSE(has_code(d.diagnostics, "link.bad_value", "ctx2")) << "unknown keys are ignored";
  // Good fields beside bad ones are still read.
  const auto e = decode_share_query("ctx=nan&seq=2&mem=inf&mem=1e9");
  EXPECT_EQ(e.config.sequences, 2);
  EXPECT_EQ(e.config.context, Scenario{}.context);
  EXPECT_EQ(e.config.custom_gpu_gb, Scenario{}.custom_gpu_gb);
  EXPECT_EQ(e.diagnostics.size(), 3u);
}

TEST(ShareLink, BadTrainingLoopDetailsFallBackAndSaySo) {
  const auto d = decode_share_query("job=training&qf=nf8&qq=deepspeed&bnb=old&hps=2&ns=yes&sg=0&do=-1&ld=0.1&ab=8&fq=x"
                                    "&rn=fp32&ram=1e12");
  Scenario expected;
  expected.job = Job::kTraining;
  EXPECT_EQ(d.config, expected);
  for (const char* key : {"qf", "qq", "bnb", "hps", "ns", "sg", "do", "ld", "ab", "fq", "rn", "ram"})
    EXPECT_TRUE(has_code(d.diagnostics, "link.bad_value", key)) << key;
  EXPECT_EQ(d.diagnostics.size(), 12u);
  // The range ends are read; one past them is not.
  const auto ends = decode_share_query("sg=4096&ram=1&ab=2");
  EXPECT_TRUE(ends.diagnostics.empty());
  EXPECT_EQ(ends.config.shard_group, 4096);
  EXPECT_EQ(ends.config.host_ram_gb, 1);
  EXPECT_EQ(ends.config.adapter_bytes, 2);
  EXPECT_EQ(decode_share_query("sg=4097&ram=0.5").diagnostics.size(), 2u);
}

TEST(ShareLink, HostileLinksAreBounded) {
  std::string huge = "ctx=4096";
  while (huge.size() < 100000) huge += "&x=" + std::string(50, 'a');
  const auto d = decode_share_query(huge);
  EXPECT_EQ(d.config.context, 4096);
  EXPECT_TRUE(has_code(d.diagnostics, "link.too_long"));
  EXPECT_LE(d.diagnostics.size(), 3u);
  // Broken escapes, empty pairs, keys without values, NUL bytes, a newer version.
  const auto e = decode_share_query(std::string("v=7&&=&ctx&%zz=1&seq=%3&m=%00&x=a\0b&ctx=2048", 44));
  EXPECT_EQ(e.config.context, 2048);
  EXPECT_TRUE(has_code(e.diagnostics, "link.newer_version"));
  EXPECT_TRUE(has_code(e.diagnostics, "link.bad_escape"));
  // A link cut short in the middle of a value.
  const auto f = decode_share_query("v=1&m=meta-llama/Meta-Lla");
  EXPECT_EQ(f.config.model, "");
  EXPECT_TRUE(has_code(f.diagnostics, "link.bad_value", "m"));
}

TEST(ShareLink, RandomConfigurationsRoundTrip) {
  std::mt19937 rng(20261129);
  const auto& presets = model_presets();
  const auto& gpus = gpu_catalog();
  ASSERT_FALSE(presets.empty());
  ASSERT_FALSE(gpus.empty());
  const char* ftypes[] = {"Q2_K", "Q4_0", "Q4_K_M", "Q6_K", "Q8_0", "F16", "IQ4_XS"};
  const char* formats[] = {"bf16", "fp16", "fp8", "nf4", "awq-4b-g128"};
  for (int i = 0; i < 2000; ++i) {
    Scenario c;
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    c.lang = pick(3) == 0 ? "" : (pick(2) ? "en" : "zh-CN");
    c.model = presets[static_cast<std::size_t>(pick(static_cast<int>(presets.size())))].id;
    if (pick(3) == 0) {  // a custom architecture: a preset's, some of its fields changed
      CustomArch a = custom_arch_from_model(presets[static_cast<std::size_t>(pick(static_cast<int>(presets.size())))].arch);
      a.layers = 1 + pick(200);
      a.max_context = 1 + pick(1 << 24);
      a.sliding_window = pick(2) * pick(1 << 16);
      a.tied_embeddings = pick(2);
      if (a.experts > 0) a.experts_per_token = 1 + pick(a.experts), a.shared_experts = pick(3);
      c.arch = encode_custom_arch(a);
    }
    c.engine = static_cast<EngineChoice>(pick(5));
    c.llama_weights = ftypes[pick(7)];
    c.hf_weights = formats[pick(5)];
    c.context = 256 + pick((1 << 20) - 255);
    c.sequences = 1 + pick(4096);
    c.gpu = pick(5) == 0 ? "custom" : gpus[static_cast<std::size_t>(pick(static_cast<int>(gpus.size())))].id;
    c.custom_gpu_gb = (1 + pick(200000)) / 2.0;  // as the page rounds: to 0.5 GB
    c.gpu_count = 1 + pick(1024);
    c.gpu_layers = -1 + pick(1001);
    c.flash_attention = pick(2);
    c.cpu_only = pick(2);
    c.gpu_memory_utilization = (5 + pick(96)) / 100.0;  // as the page rounds: to 0.01
    c.prompt_tokens = 1 + pick(1 << 24);
    c.new_tokens = 1 + pick(1 << 24);
    const char* methods[] = {"full", "lora", "qlora"};
    const char* shardings[] = {"none", "zero1", "zero2", "zero3", "fsdp_full_shard", "fsdp_shard_grad_op"};
    const char* targets[] = {"q,k,v,o,gate,up,down", "q,v", "gate,up,down,head", "embed"};
    c.job = pick(2) ? Job::kTraining : Job::kInference;
    c.method = *choice_by_name<MethodChoice>(methods[pick(3)]);
    c.micro_batch = 1 + pick(4096);
    c.seq_len = 16 + pick((1 << 20) - 15);
    c.grad_accum = 1 + pick(65536);
    c.lora_rank = 1 + pick(4096);
    c.lora_targets = targets[pick(4)];
    c.data_parallel = 1 + pick(4096);
    c.tensor_parallel = 1 + pick(64);
    c.sharding = *choice_by_name<ShardingChoice>(shardings[pick(6)]);
    c.train_tokens = 1e3 * (1 + pick(1000000));
    c.mfu = (1 + pick(100)) / 100.0;
    c.price_per_gpu_hour = pick(100000) / 100.0;
    const char* qlora_formats[] = {"nf4", "nf4-dq", "fp4", "fp4-dq"};
    const char* quantizers[] = {"transformers", "lightning", "torchao"};
    c.qlora_format = *choice_by_name<QloraFormatChoice>(qlora_formats[pick(4)]);
    c.qlora_quantizer = *choice_by_name<QloraQuantizerChoice>(quantizers[pick(3)]);
    c.old_bitsandbytes = pick(2);
    c.holds_previous_step = pick(2);
    c.fsdp_no_sync = pick(2);
    c.shard_group = 1 + pick(4096);
    c.dropout = pick(2);
    c.lora_dropout = pick(2);
    c.adapter_bytes = 2 * pick(3);
    c.fused_qkv = pick(2);
    c.rmsnorm_fp32_input = pick(2);
    c.host_ram_gb = (2 + pick(199999)) / 2.0;  // as the page rounds: to 0.5 GB
    c.embed = pick(2);
    c.locked = pick(2);
    const std::string q = encode_share_query(c);
    const ShareDecoded d = decode_share_query(q);
    ASSERT_TRUE(d.diagnostics.empty()) << q << ": " << d.diagnostics.front().detail;
    ASSERT_EQ(d.config.gpu_memory_utilization, c.gpu_memory_utilization) << q;
    ASSERT_EQ(d.config, c) << q;
  }
}

TEST(ShareLink, PercentCodec) {
  EXPECT_EQ(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd/%C3%A9");
  EXPECT_EQ(percent_decode("a%20b%26c%3Dd/%C3%A9"), "a b&c=d/é");
  bool ok = true;
  EXPECT_EQ(percent_decode("100%", &ok), "100%");
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

// hf=: a Hugging Face repository as users paste it (an id, a model page, a file's address) becomes "org/name";
// anything else is refused with what is expected, and the link keeps it.
TEST(ShareLink, HubRepositoryIdsAsPasted) {
  std::string out;
  for (const char* typed : {"Qwen/Qwen3-8B", "https://huggingface.co/Qwen/Qwen3-8B", "huggingface.co/Qwen/Qwen3-8B/tree/main",
                            "https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json", "hf.co/Qwen/Qwen3-8B?x=1",
                            "https://huggingface.co/models/Qwen/Qwen3-8B#readme"}) {
    out.clear();
    EXPECT_EQ(hub_repo_id(typed, out), "") << typed;
    EXPECT_EQ(out, "Qwen/Qwen3-8B") << typed;
  }
  for (const char* bad : {"", "Qwen3-8B", "/Qwen3-8B", "Qwen/", "Qwen/-x", "Qwen/x.", "a..b/c", "a--b/c", "a b/c",
                          "org/na<script>me", "https://evil.example/Qwen/Qwen3-8B", "org/%2e%2e", "models/models/x",
                          "hf.co/hf.co/x", "huggingface.co/datasets/org/set", "spaces/org/app"}) {
    out = "unchanged";
    EXPECT_NE(hub_repo_id(bad, out), "") << bad;
    EXPECT_EQ(out, "unchanged") << bad;
  }
  EXPECT_NE(hub_repo_id(std::string(97, 'a') + "/b", out), "");
  const ShareDecoded d = decode_share_query("?v=1&hf=https%3A%2F%2Fhuggingface.co%2Fmeta-llama%2FLlama-3.1-8B");
  EXPECT_TRUE(d.diagnostics.empty());
  EXPECT_EQ(d.config.hub, "meta-llama/Llama-3.1-8B");
  EXPECT_EQ(encode_share_query(d.config), "v=1&hf=meta-llama/Llama-3.1-8B");
  EXPECT_FALSE(decode_share_query("?v=1&hf=nope").diagnostics.empty());
  // What one read keeps reads back to itself (the fuzzer's finding: "models/models/x" became "models/x").
  for (const char* typed : {"models/a/b", "hf.co/a.b/c", "https://huggingface.co/models/x.y/z"}) {
    std::string once, twice;
    ASSERT_EQ(hub_repo_id(typed, once), "") << typed;
    ASSERT_EQ(hub_repo_id(once, twice), "") << once;
    EXPECT_EQ(once, twice);
  }
}

}  // namespace
}  // namespace vramfit
