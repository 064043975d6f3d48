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

}  // namespace
}  // namespace vramfit
