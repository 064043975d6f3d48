#include <gtest/gtest.h>

#include <cmath>

#include "vramfit/hf_config.h"
#include "vramfit/model.h"
#include "vramfit/presets.h"

namespace vramfit {
namespace {

// Every preset's computed count against its publisher's count: exact where the publisher gives an integer
// (safetensors total_size / bytes per parameter), within 0.5% where only a rounded figure is published, and
// within 5% where only a size class is (a model named "56B"). Parameters the official figure counts but the
// text model does not hold (a vision tower, a stored copy of a tied lm_head) are stated per preset.
TEST(ModelParams, EveryPresetMatchesItsOfficialCount) {
  ASSERT_GE(model_presets().size(), 15u);
  for (const auto& d : preset_diagnostics()) ADD_FAILURE() << d.detail;
  for (const ModelPreset& p : model_presets()) {
    const double total = count_params(p.arch).total() + p.official_params_not_resident;
    if (p.official_params_size_class) {
      EXPECT_NEAR(total / p.official_params, 1.0, 0.05) << p.id;
    } else if (p.official_params_exact) {
      EXPECT_EQ(total, p.official_params) << p.id << " (" << p.official_params_source << ")";
    } else {
      EXPECT_NEAR(total / p.official_params, 1.0, 0.005) << p.id << ": computed " << total << ", official "
                                                          << p.official_params << " (" << p.official_params_source << ")";
    }
  }
}

// Llama-3-8B by hand: embeddings 128256 x 4096 twice (untied), 32 layers of attention
// (4096x4096 q/o, 4096x1024 k/v) and SwiGLU MLP (3 x 4096 x 14336), two RMSNorms per layer, a final norm.
TEST(ModelParams, Llama3_8bByHand) {
  const auto parsed = parse_hf_config(R"({"model_type":"llama","hidden_size":4096,"num_hidden_layers":32,
    "num_attention_heads":32,"num_key_value_heads":8,"intermediate_size":14336,"vocab_size":128256,
    "tie_word_embeddings":false})");
  ASSERT_TRUE(parsed.model.has_value());
  const ParamCounts c = count_params(*parsed.model);
  EXPECT_EQ(c.embedding, 128256.0 * 4096);
  EXPECT_EQ(c.output_head, 128256.0 * 4096);
  EXPECT_EQ(c.attention, 32.0 * (2 * 4096.0 * 4096 + 2 * 4096.0 * 1024));
  EXPECT_EQ(c.mlp, 32.0 * 3 * 4096 * 14336);
  EXPECT_EQ(c.norms, 65.0 * 4096);
  EXPECT_EQ(c.total(), 8030261248.0);
  EXPECT_EQ(c.active(), c.total());
}

// Mixtral-8x7B: 46.7B total, 12.9B active per token (Mistral AI, "Mixtral of experts", 2024).
TEST(ModelParams, MixtralActiveParameters) {
  const auto parsed = parse_hf_config(R"({"model_type":"mixtral","hidden_size":4096,"num_hidden_layers":32,
    "num_attention_heads":32,"num_key_value_heads":8,"intermediate_size":14336,"vocab_size":32000,
    "num_local_experts":8,"num_experts_per_tok":2,"tie_word_embeddings":false})");
  ASSERT_TRUE(parsed.model.has_value());
  const ParamCounts c = count_params(*parsed.model);
  EXPECT_EQ(c.total(), 46702792704.0);
  EXPECT_NEAR(c.active() / 12.9e9, 1.0, 0.005);
}

TEST(HfConfig, BadConfigsGiveDiagnostics) {
  struct Case { const char* json; const char* code; };
  const Case cases[] = {
      {"not json", "config.not_json"},
      {"[]", "config.not_json"},
      {R"({"hidden_size":4096})", "config.missing_field"},
      {R"({"hidden_size":"4096","num_hidden_layers":32,"num_attention_heads":32,"vocab_size":1})", "config.bad_type"},
      {R"({"hidden_size":-1,"num_hidden_layers":32,"num_attention_heads":32,"vocab_size":1})", "config.out_of_range"},
      {R"({"hidden_size":1e300,"num_hidden_layers":32,"num_attention_heads":32,"vocab_size":1})", "config.out_of_range"},
      {R"({"hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":5,"vocab_size":1})",
       "config.inconsistent"},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_hf_config(c.json);
    EXPECT_FALSE(parsed.model.has_value()) << c.json;
    ASSERT_FALSE(parsed.diagnostics.empty()) << c.json;
    EXPECT_EQ(parsed.diagnostics[0].code, c.code) << c.json;
  }
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  EXPECT_EQ(parse_hf_config(deep).diagnostics.at(0).code, "json.too_deep");
}

// Jamba: Mamba-1 mixers on all but every 8th layer (from 4), MoE on odd layers. Jamba-v0.1's shape keys (abridged
// from ai21labs/Jamba-v0.1's config.json) give the Hub's safetensors total of AI21-Jamba-Mini-1.5, which has the
// same shape: 51,570,323,328 (relayed by AlexsJones/llmfit's cache of the Hub API; tests/data/hf_configs/README.md).
// Per-layer KV and recurrent state follow: 4 attention layers with 8 KV heads of 128, 28 Mamba layers with a conv
// state of 3 x 8192 and an SSM state of 8192 x 16.
TEST(ModelParams, JambaPerLayerPattern) {
  const auto p = parse_hf_config(R"({"model_type": "jamba", "hidden_size": 4096, "num_hidden_layers": 32,
    "num_attention_heads": 32, "num_key_value_heads": 8, "intermediate_size": 14336, "vocab_size": 65536,
    "num_experts": 16, "num_experts_per_tok": 2, "attn_layer_period": 8, "attn_layer_offset": 4,
    "expert_layer_period": 2, "expert_layer_offset": 1, "mamba_d_state": 16, "mamba_d_conv": 4, "mamba_expand": 2,
    "mamba_dt_rank": 256, "tie_word_embeddings": false})");
  ASSERT_TRUE(p.model.has_value());
  EXPECT_EQ(count_params(*p.model).total(), 51570323328.0);
  int attention = 0, mamba = 0, moe = 0;
  double state = 0;
  for (const auto& l : p.model->layers) {
    attention += holds_kv(l);
    mamba += l.mixer == MixerKind::kMamba1;
    moe += l.moe;
    state += recurrent_state(*p.model, l).total();
  }
  EXPECT_EQ(attention, 4);
  EXPECT_EQ(mamba, 28);
  EXPECT_EQ(moe, 16);
  EXPECT_EQ(p.model->layers[4].mixer, MixerKind::kFullAttention);
  EXPECT_EQ(layer_k_width(*p.model, p.model->layers[4]), 8 * 128);
  EXPECT_EQ(state, 28.0 * (3 * 8192 + 8192 * 16));
}

// Qwen3-Next: one full-attention layer in four (full_attention_interval), the others Gated DeltaNet; only those
// hold a KV cache, so KV per token is a quarter of a plain transformer's.
TEST(ModelParams, QwenNextAttendsEveryFourthLayer) {
  const auto p = parse_hf_config(R"({"model_type": "qwen3_next", "hidden_size": 2048, "num_hidden_layers": 48,
    "num_attention_heads": 16, "num_key_value_heads": 2, "head_dim": 256, "vocab_size": 151936,
    "intermediate_size": 5120, "num_experts": 512, "num_experts_per_tok": 10, "moe_intermediate_size": 512,
    "shared_expert_intermediate_size": 512, "full_attention_interval": 4, "linear_num_key_heads": 16,
    "linear_num_value_heads": 32, "linear_key_head_dim": 128, "linear_value_head_dim": 128,
    "linear_conv_kernel_dim": 4})");
  ASSERT_TRUE(p.model.has_value());
  int kv_layers = 0;
  for (const auto& l : p.model->layers) kv_layers += holds_kv(l);
  EXPECT_EQ(kv_layers, 12);
  EXPECT_EQ(p.model->layers[3].mixer, MixerKind::kFullAttention);
  EXPECT_EQ(p.model->layers[0].mixer, MixerKind::kGatedDeltaNet);
  // Delta-rule state 32 v heads x 128 x 128 and a conv state of 3 x (2 x 2048 + 4096) per layer (llama.cpp).
  const RecurrentState s = recurrent_state(*p.model, p.model->layers[0]);
  EXPECT_EQ(s.ssm, 128.0 * 32 * 128);
  EXPECT_EQ(s.conv, 3.0 * (2 * 2048 + 4096));
}

// A layer kind a family has not described is an error naming it, not a layer read as attention.
TEST(ModelParams, UnknownLayerKindIsRefused) {
  const auto p = parse_hf_config(R"({"model_type": "llama", "hidden_size": 256, "num_hidden_layers": 2,
    "num_attention_heads": 4, "intermediate_size": 512, "vocab_size": 1000,
    "layer_types": ["full_attention", "linear_attention"]})");
  EXPECT_FALSE(p.model.has_value());
  ASSERT_FALSE(p.diagnostics.empty());
  EXPECT_EQ(p.diagnostics[0].code, "config.unsupported");
  EXPECT_NE(p.diagnostics[0].detail.find("linear_attention"), std::string::npos);
}

}  // namespace
}  // namespace vramfit
