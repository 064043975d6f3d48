// config.json RoPE scaling: the context length a model supports, and warnings (never a crash, never a model
// refused) for malformed blocks.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "vramfit/hf_config.h"
#include "vramfit/inference.h"
#include "vramfit/presets.h"
#include "vramfit/units.h"
#include "vramfit/weight_format.h"
#include "hf_config_fixtures.h"

namespace vramfit {
namespace {

using nlohmann::json;
using hf_test::has_code;
using hf_test::kSmall;
using hf_test::with;

// RoPE scaling and the supported context. Qwen2.5 ships max_position_embeddings 32768 and documents yarn x4 for
// 131072 tokens; xingyaoww/Qwen2.5-Coder-32B-Instruct-AWQ-128k added exactly that block to the Qwen config
// (huggingface.co commit 22f934f, verbatim): 32768 x 4 = 131072 (vLLM _get_and_verify_max_len).
TEST(HfConfig, YarnExtendsTheContext) {
  const ModelPreset* qwen = find_preset("Qwen/Qwen2.5-32B");
  ASSERT_NE(qwen, nullptr);
  json c = json::parse(R"({"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "torch_dtype": "bfloat16",
    "hidden_size": 5120, "num_hidden_layers": 64, "num_attention_heads": 40, "num_key_value_heads": 8,
    "intermediate_size": 27648, "vocab_size": 152064, "tie_word_embeddings": false, "hidden_act": "silu",
    "max_position_embeddings": 32768, "rope_theta": 1000000.0, "rms_norm_eps": 1e-06, "sliding_window": 131072,
    "use_sliding_window": false, "max_window_layers": 64})", nullptr, false);
  const auto plain = parse_hf_config(c.dump());
  ASSERT_TRUE(plain.model.has_value());
  EXPECT_EQ(plain.model->max_context, 32768);
  EXPECT_TRUE(plain.model->rope.type.empty());
  c["rope_scaling"] = json::parse(R"({
    "factor": 4.0,
    "original_max_position_embeddings": 32768,
    "type": "yarn"
  })", nullptr, false);
  const auto scaled = parse_hf_config(c.dump());
  ASSERT_TRUE(scaled.model.has_value());
  EXPECT_TRUE(scaled.diagnostics.empty());
  EXPECT_EQ(scaled.model->max_context, 131072);
  EXPECT_EQ(scaled.model->rope.type, "yarn");
  EXPECT_EQ(scaled.model->rope.factor, 4.0);
  EXPECT_EQ(scaled.model->rope.original_context, 32768);
  // Nothing else about the model changes.
  EXPECT_EQ(count_params(*scaled.model).total(), count_params(qwen->arch).total());
  // The transformers v5 spelling (rope_parameters, rope_type) reads the same.
  c.erase("rope_scaling");
  c["rope_parameters"] = json::parse(R"({"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32768,
                                         "rope_theta": 1000000.0})", nullptr, false);
  EXPECT_EQ(parse_hf_config(c.dump()).model->max_context, 131072);
}

// TheBloke/Yarn-Llama-2-7B-64K-GPTQ config.json (huggingface.co, verbatim): yarn x16 from 4096 = 65536, as its
// max_position_embeddings states; GPTQ 4-bit g128.
TEST(HfConfig, YarnLlama2GptqConfig) {
  const auto p = parse_hf_config(R"({
  "_name_or_path": "/fsx/proj-trlx/conceptofmind/scaled-rope-private/save_model/final/yarn-llama-2-7b-3e-5-64k-400steps",
  "architectures": [
    "LlamaForCausalLM"
  ],
  "auto_map": {
    "AutoConfig": "configuration_llama.LlamaConfig",
    "AutoModelForCausalLM": "modeling_llama_together_yarn.LlamaForCausalLM"
  },
  "bos_token_id": 1,
  "eos_token_id": 2,
  "hidden_act": "silu",
  "hidden_size": 4096,
  "initializer_range": 0.02,
  "intermediate_size": 11008,
  "max_position_embeddings": 65536,
  "model_type": "llama",
  "num_attention_heads": 32,
  "num_hidden_layers": 32,
  "num_key_value_heads": 32,
  "pad_token_id": 0,
  "pretraining_tp": 1,
  "rms_norm_eps": 1e-05,
  "rope_scaling": {
    "factor": 16.0,
    "original_max_position_embeddings": 4096,
    "type": "yarn",
    "finetuned": true
  },
  "tie_word_embeddings": false,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.32.0.dev0",
  "use_cache": true,
  "vocab_size": 32000,
  "quantization_config": {
    "bits": 4,
    "group_size": 128,
    "damp_percent": 0.1,
    "desc_act": false,
    "sym": true,
    "true_sequential": true,
    "model_name_or_path": null,
    "model_file_base_name": "model",
    "quant_method": "gptq"
  }
})");
  ASSERT_TRUE(p.model.has_value());
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.checkpoint_format, "gptq-4b-g128");
  EXPECT_EQ(p.model->max_context, 65536);
  EXPECT_EQ(p.model->rope.factor, 16.0);
}

// The presets' scaled configs: llama3 (Llama 3.1) and longrope (Phi-3.5) state the scaled length as
// max_position_embeddings; Gemma 3's linear x8 is already applied to its 131072; DeepSeek-V3's yarn x40 from 4096
// equals its max_position_embeddings.
TEST(HfConfig, PresetContextsFollowTheirRopeScaling) {
  struct Case {
    const char* preset;
    const char* type;
    int context;
  };
  const Case cases[] = {{"meta-llama/Meta-Llama-3.1-8B", "llama3", 131072},
                        {"microsoft/Phi-3.5-mini-instruct", "longrope", 131072},
                        {"google/gemma-3-27b-it", "linear", 131072},
                        {"deepseek-ai/DeepSeek-V3", "yarn", 163840},
                        {"Qwen/Qwen2.5-7B", "", 131072}};
  for (const auto& c : cases) {
    const ModelPreset* p = find_preset(c.preset);
    ASSERT_NE(p, nullptr) << c.preset;
    EXPECT_EQ(p->arch.rope.type, c.type) << c.preset;
    EXPECT_EQ(p->arch.max_context, c.context) << c.preset;
  }
}

// linear and dynamic multiply max_position_embeddings by factor (vLLM _get_and_verify_max_len); an engine's request
// beyond that is warned about with the scaling named.
TEST(HfConfig, LinearAndDynamicMultiplyTheContext) {
  for (const char* type : {"linear", "dynamic"}) {
    const auto p = parse_hf_config(with(kSmall, "rope_scaling", std::string(R"({"type": ")") + type + R"(", "factor": 4.0})"));
    ASSERT_TRUE(p.model.has_value());
    EXPECT_TRUE(p.diagnostics.empty());
    EXPECT_EQ(p.model->max_context, 4096 * 4) << type;
  }
  InferenceRequest r;
  r.model = *parse_hf_config(with(kSmall, "rope_scaling", R"({"type": "linear", "factor": 4.0})")).model;
  r.engine = Engine::kVllm;
  r.weight_format = "bf16";
  r.context_tokens = 4096 * 4 + 1;
  r.gpu.memory_bytes = 1e13;
  const InferenceEstimate e = estimate_inference(r);
  bool warned = false;
  for (const auto& d : e.diagnostics)
    if (d.code == "request.context_beyond_training") warned = d.detail.find("linear RoPE scaling") != std::string::npos;
  EXPECT_TRUE(warned);
}

// Malformed rope_scaling: a warning, the model still parsed, the context left at max_position_embeddings.
TEST(HfConfig, MalformedRopeScalingGivesWarnings) {
  struct Case {
    const char* rope_scaling;
    const char* code;
  };
  const Case cases[] = {
      {R"("yarn")", "config.bad_type"},
      {R"(8)", "config.bad_type"},
      {R"({"type": "yarn", "factor": "4"})", "config.bad_type"},
      {R"({"type": "yarn", "factor": 1e30})", "config.out_of_range"},
      {R"({"type": "yarn", "factor": -1})", "config.out_of_range"},
      {R"({"type": "linear", "factor": 0})", "config.out_of_range"},
      {R"({"type": "yarn"})", "config.missing_field"},
      {R"({"factor": 4.0})", "config.missing_field"},
      {R"({"type": 4, "factor": 4.0})", "config.bad_type"},
      {R"({"rope_type": "spiral", "factor": 4.0})", "config.unsupported"},
      {R"({"type": "yarn", "factor": 4.0, "original_max_position_embeddings": -5})", "config.out_of_range"},
      {R"({"type": "yarn", "factor": 4.0, "original_max_position_embeddings": "32k"})", "config.bad_type"},
      {R"({"type": "yarn", "factor": 4096, "original_max_position_embeddings": 1000000000})", "config.out_of_range"},
      {R"({"full_attention": {"rope_type": "yarn", "factor": -1}})", "config.out_of_range"},
  };
  for (const auto& c : cases) {
    const auto p = parse_hf_config(with(kSmall, "rope_scaling", c.rope_scaling));
    ASSERT_TRUE(p.model.has_value()) << c.rope_scaling;
    ASSERT_FALSE(p.diagnostics.empty()) << c.rope_scaling;
    EXPECT_EQ(p.diagnostics[0].code, c.code) << c.rope_scaling << ": " << p.diagnostics[0].detail;
    EXPECT_EQ(p.diagnostics[0].severity, Severity::kWarning) << c.rope_scaling;
    EXPECT_EQ(p.model->max_context, 4096) << c.rope_scaling;
  }
  // null means no scaling, as transformers reads it.
  const auto none = parse_hf_config(with(kSmall, "rope_scaling", "null"));
  EXPECT_TRUE(none.diagnostics.empty());
  EXPECT_EQ(none.model->max_context, 4096);
}

}  // namespace
}  // namespace vramfit
