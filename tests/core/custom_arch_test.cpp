// Custom architectures: the text form round-trips and refuses what it cannot be; prefilled from a preset, the
// custom model estimates the preset's weights and KV cache; a link carrying one estimates what the JSON API does
// with the equivalent config.json object.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "vramfit/api_json.h"
#include "vramfit/custom_arch.h"
#include "vramfit/presets.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

using nlohmann::json;

const ModelArch& preset(const char* id) {
  const ModelPreset* p = find_preset(id);
  EXPECT_NE(p, nullptr) << id;
  static const ModelArch kNone;
  return p != nullptr ? p->arch : kNone;
}

TEST(CustomArch, TextFormRoundTripsAndWritesOnlyWhatIsSet) {
  const CustomArch llama = custom_arch_from_model(preset("meta-llama/Meta-Llama-3.1-8B"));
  EXPECT_EQ(encode_custom_arch(llama), "1.L32.h4096.a32.kv8.ff14336.v128256.ctx131072");
  const CustomArch qwen = custom_arch_from_model(preset("Qwen/Qwen3-30B-A3B"));
  EXPECT_EQ(encode_custom_arch(qwen), "1.L48.h2048.a32.kv4.d128.ff6144.v151936.ctx40960.e128.k8.eff768");
  CustomArch every = qwen;
  every.sliding_window = 4096;
  every.shared_experts = 2;
  every.tied_embeddings = true;
  const std::string text = encode_custom_arch(every);
  EXPECT_EQ(text, "1.L48.h2048.a32.kv4.d128.ff6144.v151936.ctx40960.sw4096.e128.k8.eff768.se2.tie");
  for (const CustomArch& a : {llama, qwen, every}) {
    const CustomArchDecoded d = decode_custom_arch(encode_custom_arch(a));
    ASSERT_TRUE(d.arch.has_value()) << encode_custom_arch(a) << ": " << d.diagnostics.front().detail;
    EXPECT_EQ(*d.arch, a);
  }
  // Typed by hand: any order, no version, kv and d left to their defaults (all heads, hidden / heads).
  const CustomArchDecoded typed = decode_custom_arch("v128256.ctx131072.L32.h4096.a32.ff14336.kv8");
  ASSERT_TRUE(typed.arch.has_value());
  EXPECT_EQ(*typed.arch, llama);
  const CustomArchDecoded mha = decode_custom_arch("L2.h64.a4.ff128.v100.ctx512");
  ASSERT_TRUE(mha.arch.has_value());
  EXPECT_EQ(mha.arch->kv_heads, 4);
  EXPECT_EQ(mha.arch->head_dim, 16);
}

TEST(CustomArch, RandomArchitecturesRoundTrip) {
  std::mt19937 rng(20261129);
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  for (int i = 0; i < 3000; ++i) {
    CustomArch a;
    a.layers = pick(1, 128);
    a.heads = pick(1, 128);
    a.kv_heads = a.heads / (1 << pick(0, 3));
    if (a.kv_heads < 1 || a.heads % a.kv_heads != 0) a.kv_heads = a.heads;
    a.hidden_size = pick(1, 16384);
    a.head_dim = pick(0, 1) ? std::max(1, a.hidden_size / a.heads) : pick(1, 512);
    a.ffn_size = pick(1, 65536);
    a.vocab_size = pick(1, 1 << 20);
    a.max_context = pick(1, 1 << 24);
    a.sliding_window = pick(0, 1) * pick(1, 1 << 16);
    a.tied_embeddings = pick(0, 1);
    a.experts = pick(0, 1) * pick(1, 512);
    a.experts_per_token = a.experts > 0 ? pick(1, a.experts) : 0;
    a.expert_ffn_size = a.experts > 0 ? pick(1, 4096) : 0;
    a.shared_experts = a.experts > 0 ? pick(0, 4) : 0;
    if (!check_custom_arch(a).empty()) continue;  // over 100T parameters
    const std::string text = encode_custom_arch(a);
    const CustomArchDecoded d = decode_custom_arch(text);
    ASSERT_TRUE(d.arch.has_value()) << text << ": " << d.diagnostics.front().detail;
    ASSERT_EQ(*d.arch, a) << text;
    const ParsedConfig m = custom_model(a);
    ASSERT_TRUE(m.model.has_value()) << text;
    ASSERT_TRUE(std::isfinite(count_params(*m.model).total())) << text;
  }
}

// Prefilled from a preset, the custom model is that preset again as far as memory goes: the same weights and KV
// bytes in llama.cpp (Q4_K_M) and vLLM (bf16). Qwen3's only loss is its q/k RMSNorm weights (48 layers x 2 x
// 128 = 12,288 parameters of 30.5B, 4e-7), which the text form has no field for.
TEST(CustomArch, PrefilledFromAPresetEstimatesThePresetsBytes) {
  for (const char* id : {"meta-llama/Meta-Llama-3.1-8B", "Qwen/Qwen3-30B-A3B"}) {
    SCOPED_TRACE(id);
    const ModelArch& original = preset(id);
    const ParsedConfig custom = custom_model(custom_arch_from_model(original));
    ASSERT_TRUE(custom.model.has_value());
    EXPECT_FALSE(custom_arch_approximates(original));
    EXPECT_EQ(custom.model->name.rfind("Custom (", 0), 0u) << custom.model->name;
    for (const EngineChoice engine : {EngineChoice::kLlamaCpp, EngineChoice::kVllm}) {
      Scenario c;
      c.model = id;
      c.engine = engine;
      c.context = 32768;
      c.gpu = "custom";  // room for vLLM's KV cache
      c.custom_gpu_gb = 1000;
      const InferenceEstimate want = estimate_inference(resolve_inference(c));
      ModelSource source;
      source.model = custom.model;
      const InferenceEstimate got = estimate_inference(resolve_inference(c, &source));
      ASSERT_GT(want.weights_bytes, 0);
      ASSERT_GT(want.kv_bytes, 0);
      EXPECT_NEAR(got.weights_bytes, want.weights_bytes, 0.005 * want.weights_bytes) << choice_name(engine);
      EXPECT_NEAR(got.weights_bytes, want.weights_bytes, 1e-5 * want.weights_bytes) << choice_name(engine) << ": tighter than required";
      EXPECT_EQ(got.kv_bytes, want.kv_bytes) << choice_name(engine);
    }
  }
  // Prefilled from what the form cannot say, the page says "approximation of".
  for (const char* id : {"deepseek-ai/DeepSeek-V3", "google/gemma-3-4b-it", "nvidia/Nemotron-H-56B-Base-8K", "openai/gpt-oss-20b"})
    EXPECT_TRUE(custom_arch_approximates(preset(id))) << id;
  EXPECT_FALSE(custom_arch_approximates(preset("mistralai/Mistral-7B-v0.1"))) << "a window on every layer is said";
  // Every preset gives an architecture the checks accept and the parser builds.
  for (const ModelPreset& p : model_presets()) {
    const CustomArch a = custom_arch_from_model(p.arch);
    EXPECT_TRUE(check_custom_arch(a).empty()) << p.id;
    const ParsedConfig m = custom_model(a);
    ASSERT_TRUE(m.model.has_value()) << p.id;
    EXPECT_GT(count_params(*m.model).total(), 0) << p.id;
  }
}

// A link with arch= and a JSON request with the same config.json object give the same bytes, for inference and
// for fine-tuning; the link's model preset stays as written but the custom model is used.
TEST(CustomArch, ALinkWithAnArchEstimatesWhatTheEquivalentRequestDoes) {
  const std::string arch = "1.L40.h5120.a40.kv8.ff17408.v152064.ctx65536.e64.k4.eff1536.se1";
  const CustomArchDecoded a = decode_custom_arch(arch);
  ASSERT_TRUE(a.arch.has_value());
  const json config = json::parse(custom_config_json(*a.arch));
  const std::string from_link = estimate_link_json("?m=Qwen/Qwen3-8B&arch=" + arch + "&w=Q8_0&ctx=32768&seq=2&gpu=h100-sxm&n=2");
  json request{{"model", config}, {"engine", "llama.cpp"}, {"weights", "Q8_0"}, {"context", 32768}, {"sequences", 2},
               {"gpu_count", 2}, {"gpu", "h100-sxm"}};
  EXPECT_EQ(from_link, estimate_json(request.dump()));
  const json result = json::parse(from_link);
  ASSERT_TRUE(result["ok"].get<bool>()) << from_link;
  EXPECT_EQ(result["model"]["name"].get<std::string>().rfind("Custom (", 0), 0u);
  const std::string vllm_link = estimate_link_json("e=vllm&hw=fp8&kv=fp8&ctx=16384&gpu=h100-sxm&arch=" + arch);
  json vllm{{"model", config}, {"engine", "vllm"}, {"weights", "fp8"}, {"kv_type", "fp8"}, {"context", 16384}, {"gpu", "h100-sxm"}};
  EXPECT_EQ(vllm_link, estimate_json(vllm.dump()));
  EXPECT_NE(from_link, estimate_link_json("?m=Qwen/Qwen3-8B&w=Q8_0&ctx=32768&seq=2&gpu=h100-sxm&n=2"));
  // The JS API's decodeLink / encodeLink carry it as "arch".
  const json decoded = json::parse(share_decode_json("?arch=" + arch));
  EXPECT_EQ(decoded["config"]["arch"], arch);
  EXPECT_EQ(json::parse(share_encode_json(decoded["config"].dump()))["query"], "v=1&arch=" + arch);

  // Fine-tuning: the scenario as JSON (the JS API's object, "arch" included) is a request, and the page's
  // request agrees.
  const ShareDecoded d = decode_share_query("?job=training&tm=full&prec=mixed&gpu=h100-sxm&dp=8&sh=zero3&arch=" + arch);
  ASSERT_TRUE(d.diagnostics.empty());
  const json train_request = json::parse(share_decode_json("?job=training&tm=full&prec=mixed&gpu=h100-sxm&dp=8&sh=zero3&arch=" + arch))["config"];
  EXPECT_EQ(train_request["arch"], arch);
  const json api = json::parse(estimate_json(train_request.dump()));
  ASSERT_TRUE(api["ok"].get<bool>()) << api.dump();
  const TrainingEstimate e = estimate_training(resolve_training(d.config));
  ASSERT_EQ(e.devices.size(), api["devices"].size());
  for (std::size_t i = 0; i < e.devices.size(); ++i) EXPECT_EQ(e.devices[i].total_bytes, api["devices"][i]["total_bytes"].get<double>());
  EXPECT_EQ(estimate_link_json("?job=training&tm=full&prec=mixed&gpu=h100-sxm&dp=8&sh=zero3&arch=" + arch),
            estimate_json(train_request.dump()));
}

TEST(CustomArch, HostileTextIsRefusedWithADiagnostic) {
  const std::string ok = "1.L32.h4096.a32.kv8.ff14336.v128256.ctx131072";
  const char* bad[] = {"", ".", "1.", "1", "1..L32",
                       "2.L32.h4096.a32.kv8.ff14336.v128256.ctx131072",        // a newer format
                       "L32.1.h4096.a32.kv8.ff14336.v128256.ctx131072",        // the version not first
                       "L0.h4096.a32.kv8.ff14336.v128256.ctx131072",           // below the range
                       "L99999999999.h4096.a32.kv8.ff14336.v128256.ctx131072", // far above
                       "L1025.h4096.a32.kv8.ff14336.v128256.ctx131072",
                       "L-1.h4096.a32.kv8.ff14336.v128256.ctx131072", "Lnan.h4096.a32.ff14336.v128256.ctx131072",
                       "L1e3.h4096.a32.ff14336.v128256.ctx131072", "L32.L32.h4096.a32.ff14336.v128256.ctx131072",
                       "L32.h4096.a32.kv7.ff14336.v128256.ctx131072",          // 32 heads, 7 KV heads
                       "L32.h4096.a32.kv64.ff14336.v128256.ctx131072",
                       "L32.h4096.a32.ff14336.v128256",                        // no ctx
                       "L32.h4096.a32.ff14336.v128256.ctx8192.e8",             // experts without k, eff
                       "L32.h4096.a32.ff14336.v128256.ctx8192.k2.eff100",      // k, eff without experts
                       "L32.h4096.a32.ff14336.v128256.ctx8192.e8.k9.eff100",   // top-9 of 8
                       "L32.h16.a32.ff14336.v128256.ctx8192",                  // hidden / heads = 0, no d
                       "L1024.h131072.a2048.ff1048576.v8388608.ctx16777216.e2048.k8.eff1048576",  // ~1e21 parameters
                       "L32.h4096.a32.ff14336.v128256.ctx8192.tie.tie", "L32.h4096.a32.ff14336.v128256.ctx8192.tie1",
                       "L32.h4096.a32.ff14336.v128256.ctx8192.zz4", "L32.h4096.a32.ff14336.v128256.ctx8192.",
                       "L32.h4096.a32.ff 14336.v128256.ctx8192", "L32.h４096.a32.ff14336.v128256.ctx8192"};
  for (const char* text : bad) {
    const CustomArchDecoded d = decode_custom_arch(text);
    EXPECT_FALSE(d.arch.has_value()) << text;
    ASSERT_FALSE(d.diagnostics.empty()) << text;
    EXPECT_EQ(d.diagnostics.front().severity, Severity::kError) << text;
  }
  EXPECT_FALSE(decode_custom_arch(std::string(ok) + "." + std::string(300, 'x')).arch.has_value());
  EXPECT_FALSE(decode_custom_arch(std::string("L32\0.h4096", 10)).arch.has_value());
  // An out-of-range struct never reaches the parser: custom_model says why.
  CustomArch absurd;
  absurd.layers = 1 << 30;
  const ParsedConfig m = custom_model(absurd);
  EXPECT_FALSE(m.model.has_value());
  EXPECT_EQ(m.diagnostics.front().code, "config.out_of_range");
  EXPECT_EQ(m.diagnostics.front().field, "num_hidden_layers");

  // In a link: the preset is used and the link says so.
  const ShareDecoded link = decode_share_query("?m=Qwen/Qwen3-8B&arch=L32.h4096.a32.kv7.ff14336.v128256.ctx131072");
  EXPECT_EQ(link.config.arch, "");
  ASSERT_EQ(link.diagnostics.size(), 1u);
  EXPECT_EQ(link.diagnostics[0].code, "link.bad_value");
  EXPECT_EQ(link.diagnostics[0].field, "arch");
  EXPECT_NE(link.diagnostics[0].detail.find("multiple of KV heads"), std::string::npos) << link.diagnostics[0].detail;
  EXPECT_EQ(resolve_inference(link.config).model.name, find_preset("Qwen/Qwen3-8B")->arch.name);
}

}  // namespace
}  // namespace vramfit
