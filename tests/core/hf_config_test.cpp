// config.json quantization_config (compressed-tensors and the older methods): the parsed checkpoint format, its
// bytes against published checkpoint sizes, and diagnostics (never a crash, never a model refused) for malformed
// blocks. RoPE scaling is in hf_rope_test.cpp.
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

// meta-llama/Meta-Llama-3.1-8B(-Instruct) config.json, as the preset reads it (assets/models.json).
constexpr const char* kLlama31_8b = R"({"model_type": "llama", "architectures": ["LlamaForCausalLM"],
  "torch_dtype": "bfloat16", "hidden_size": 4096, "num_hidden_layers": 32, "num_attention_heads": 32,
  "num_key_value_heads": 8, "intermediate_size": 14336, "vocab_size": 128256, "tie_word_embeddings": false,
  "attention_bias": false, "mlp_bias": false, "hidden_act": "silu", "max_position_embeddings": 131072,
  "rope_theta": 500000.0, "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
  "original_max_position_embeddings": 8192, "rope_type": "llama3"}, "rms_norm_eps": 1e-05})";

// deepseek-ai/DeepSeek-V2-Lite config.json, as the preset reads it (assets/models.json).
constexpr const char* kDeepSeekV2Lite = R"({"model_type": "deepseek_v2", "architectures": ["DeepseekV2ForCausalLM"],
  "torch_dtype": "bfloat16", "hidden_size": 2048, "num_hidden_layers": 27, "num_attention_heads": 16,
  "num_key_value_heads": 16, "intermediate_size": 10944, "vocab_size": 102400, "attention_bias": false,
  "hidden_act": "silu", "max_position_embeddings": 163840, "rope_theta": 10000, "rope_scaling": {"beta_fast": 32,
  "beta_slow": 1, "factor": 40, "mscale": 0.707, "mscale_all_dim": 0.707, "original_max_position_embeddings": 4096,
  "type": "yarn"}, "rms_norm_eps": 1e-06, "n_routed_experts": 64, "num_experts_per_tok": 6,
  "moe_intermediate_size": 1408, "n_shared_experts": 2, "first_k_dense_replace": 1, "moe_layer_freq": 1,
  "norm_topk_prob": false, "kv_lora_rank": 512, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128})";

// Weights bytes vLLM holds for a parsed config in its checkpoint format.
double vllm_weights_bytes(const ParsedConfig& p) {
  InferenceRequest r;
  r.model = *p.model;
  r.engine = Engine::kVllm;
  r.weight_format = p.checkpoint_format;
  r.context_tokens = 4096;
  r.gpu.memory_bytes = 1e13;
  const InferenceEstimate e = estimate_inference(r);
  EXPECT_FALSE(has_errors(e.diagnostics)) << (e.diagnostics.empty() ? "" : e.diagnostics[0].detail);
  return e.weights_bytes;
}

// compressed-tensors FP8, per-tensor: the quantization_config of nm-testing/Meta-Llama-3.1-8B-Instruct-FP8-hf as
// huggingface/transformers docs/source/en/quantization/compressed_tensors.md quotes it (the docs' abridged block,
// verbatim). The same page measures the loaded model: sum(nelement x element_size) = "8.4575 GB" (GiB: /2**30):
// 6.98e9 linear weights x 1 B, embeddings, lm_head (in "ignore") and norms x 2 B. Tolerance: the 4 printed decimals.
TEST(HfConfig, CompressedTensorsFp8MatchesTheMeasuredLlama31Memory) {
  const auto p = parse_hf_config(with(kLlama31_8b, "quantization_config", R"({
  "config_groups": {
    "group_0": {
      "input_activations": {
        "num_bits": 8,
        "strategy": "tensor",
        "type": "float"
      },
      "targets": ["Linear"],
      "weights": {
        "num_bits": 8,
        "strategy": "tensor",
        "type": "float"
      }
    }
  },
  "format": "naive-quantized",
  "ignore": ["lm_head"],
  "quant_method": "compressed-tensors",
  "quantization_status": "frozen"
})"));
  ASSERT_TRUE(p.model.has_value());
  EXPECT_TRUE(p.diagnostics.empty()) << p.diagnostics[0].detail;
  EXPECT_EQ(p.checkpoint_format, "fp8");
  EXPECT_NEAR(vllm_weights_bytes(p) / kGiB, 8.4575, 0.00005);
}

// compressed-tensors INT8 W8A8, per-channel weights (int-quantized): the block of
// nm-testing/DeepSeek-Coder-V2-Lite-Instruct-W8A8 config.json (huggingface.co commit e1baf6d, verbatim), on the
// DeepSeek-V2-Lite architecture the coder model shares (its model page counts 15.7B parameters, as DeepSeek-V2-Lite
// has). Its four safetensors shards are listed as 5 + 5 + 5 + 1.15 GB = 16.15 GB (three significant digits each:
// +-0.02 GB); the per-row bf16 scales are included. Tolerance 0.5%.
TEST(HfConfig, CompressedTensorsInt8ChannelMatchesThePublishedCheckpoint) {
  const auto p = parse_hf_config(with(kDeepSeekV2Lite, "quantization_config", R"({
    "config_groups": {
      "group_0": {
        "input_activations": {
          "actorder": null,
          "block_structure": null,
          "dynamic": true,
          "group_size": null,
          "num_bits": 8,
          "observer": "memoryless",
          "observer_kwargs": {},
          "strategy": "token",
          "symmetric": true,
          "type": "int"
        },
        "output_activations": null,
        "targets": [
          "Linear"
        ],
        "weights": {
          "actorder": null,
          "block_structure": null,
          "dynamic": false,
          "group_size": null,
          "num_bits": 8,
          "observer": "minmax",
          "observer_kwargs": {},
          "strategy": "channel",
          "symmetric": true,
          "type": "int"
        }
      }
    },
    "format": "int-quantized",
    "global_compression_ratio": 1.2697642717533653,
    "ignore": [
      "lm_head"
    ],
    "kv_cache_scheme": null,
    "quant_method": "compressed-tensors",
    "quantization_status": "compressed"
  })"));
  ASSERT_TRUE(p.model.has_value());
  EXPECT_TRUE(p.diagnostics.empty()) << p.diagnostics[0].detail;
  EXPECT_EQ(p.checkpoint_format, "int8-channel");
  EXPECT_NEAR(vllm_weights_bytes(p) / 16.15e9, 1.0, 0.005);
  EXPECT_EQ(p.model->max_context, 4096 * 40);  // yarn: original_max_position_embeddings x factor
}

// compressed-tensors FP8_DYNAMIC (per-channel fp8 weights): the block of
// Infermatic/72B-Qwen2.5-Kunou-v1-FP8-Dynamic config.json (huggingface.co, verbatim). One bf16 scale per output
// row: 8 + 16/8192 bits on that model's 8192-wide rows.
TEST(HfConfig, CompressedTensorsFp8DynamicIsPerChannel) {
  const auto p = parse_hf_config(with(kSmall, "quantization_config", R"({
    "config_groups": {
      "group_0": {
        "input_activations": {
          "actorder": null,
          "block_structure": null,
          "dynamic": true,
          "group_size": null,
          "num_bits": 8,
          "observer": null,
          "observer_kwargs": {},
          "strategy": "token",
          "symmetric": true,
          "type": "float"
        },
        "output_activations": null,
        "targets": [
          "Linear"
        ],
        "weights": {
          "actorder": null,
          "block_structure": null,
          "dynamic": false,
          "group_size": null,
          "num_bits": 8,
          "observer": "minmax",
          "observer_kwargs": {},
          "strategy": "channel",
          "symmetric": true,
          "type": "float"
        }
      }
    },
    "format": "float-quantized",
    "global_compression_ratio": 1.5343124680733142,
    "ignore": [
      "lm_head"
    ],
    "kv_cache_scheme": null,
    "quant_method": "compressed-tensors",
    "quantization_status": "compressed"
  })"));
  ASSERT_TRUE(p.model.has_value());
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.checkpoint_format, "fp8-channel");
  EXPECT_DOUBLE_EQ(bits_per_weight(*weight_format_by_id(p.checkpoint_format), 8192), 8 + 16.0 / 8192);
}

// compressed-tensors NVFP4: BrainForge/Devstral-2-123B-Instruct-2512-NVFP4 quantization_config.json (huggingface.co,
// verbatim; its per-group "format" is null, the top-level one applies). fp4 e2m1 + one fp8 scale per 16 values:
// 4.5 bits per weight.
TEST(HfConfig, CompressedTensorsNvfp4) {
  const auto p = parse_hf_config(with(kSmall, "quantization_config", R"({
  "config_groups": {
    "group_0": {
      "targets": [
        "Linear"
      ],
      "weights": {
        "num_bits": 4,
        "type": "float",
        "symmetric": true,
        "group_size": 16,
        "strategy": "tensor_group",
        "block_structure": null,
        "dynamic": false,
        "actorder": null,
        "scale_dtype": "torch.float8_e4m3fn",
        "zp_dtype": null,
        "observer": "static_minmax",
        "observer_kwargs": {}
      },
      "input_activations": {
        "num_bits": 4,
        "type": "float",
        "symmetric": true,
        "group_size": 16,
        "strategy": "tensor_group",
        "block_structure": null,
        "dynamic": "local",
        "actorder": null,
        "scale_dtype": "torch.float8_e4m3fn",
        "zp_dtype": null,
        "observer": "static_minmax",
        "observer_kwargs": {}
      },
      "output_activations": null,
      "format": null
    }
  },
  "quant_method": "compressed-tensors",
  "kv_cache_scheme": null,
  "format": "nvfp4-pack-quantized",
  "quantization_status": "compressed",
  "global_compression_ratio": null,
  "ignore": [],
  "provider": "auto-round"
})"));
  ASSERT_TRUE(p.model.has_value());
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.checkpoint_format, "nvfp4");
  EXPECT_DOUBLE_EQ(bits_per_weight(*weight_format_by_id("nvfp4"), 4096), 4.5);
}

// moonshotai/Kimi-K2-Thinking's block (int4, group 32, as quoted from its config.json in public write-ups): the
// routed experts are int4 but "ignore" keeps attention, shared experts and the dense MLPs in bf16, which the
// single-format estimate cannot express: it says so instead of undercounting silently.
TEST(HfConfig, CompressedTensorsIgnoreBeyondTheHeadIsReported) {
  const auto p = parse_hf_config(with(kSmall, "quantization_config", R"({
    "config_groups": {
        "group_0": {
            "input_activations": null,
            "output_activations": null,
            "targets": ["Linear"],
            "weights": {
                "actorder": null,
                "block_structure": null,
                "dynamic": false,
                "group_size": 32,
                "num_bits": 4,
                "observer": "minmax",
                "observer_kwargs": {},
                "strategy": "group",
                "symmetric": true,
                "type": "int"
            }
        }
    },
    "format": "pack-quantized",
    "ignore": [
        "lm_head",
        "re:.*self_attn.*",
        "re:.*shared_experts.*",
        "re:.*mlp\\.(gate|up|gate_up|down)_proj.*"
    ],
    "kv_cache_scheme": null,
    "quant_method": "compressed-tensors",
    "quantization_status": "compressed"
})"));
  ASSERT_TRUE(p.model.has_value());
  EXPECT_EQ(p.checkpoint_format, "int4-g32");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].code, "config.partial_quantization");
  EXPECT_EQ(p.diagnostics[0].severity, Severity::kWarning);
  EXPECT_NE(p.diagnostics[0].detail.find("3 decoder module"), std::string::npos) << p.diagnostics[0].detail;
  EXPECT_DOUBLE_EQ(bits_per_weight(*weight_format_by_id("int4-g32"), 4096), 4.5);
}

// The llm-compressor preset schemes (vllm-project/compressed-tensors 0.18.0 quantization/quant_scheme.py), written
// as config groups, map to their layouts: W4A16 = 4 + 16/128 = 4.125 bits, W4A16_ASYM adds a 4-bit zero point per
// group (4.15625), W8A16 = 8.125, W8A8 per-channel, FP8_BLOCK = DeepSeek-style 128x128 blocks.
TEST(HfConfig, CompressedTensorsPresetSchemes) {
  struct Case {
    const char* weights;
    const char* format;
    const char* id;
    double bits_at_4096;
  };
  const Case cases[] = {
      {R"({"num_bits": 4, "type": "int", "strategy": "group", "group_size": 128, "symmetric": true})",
       "pack-quantized", "int4-g128", 4.125},
      {R"({"num_bits": 4, "type": "int", "strategy": "group", "group_size": 128, "symmetric": false})",
       "pack-quantized", "int4-asym-g128", 4.15625},
      {R"({"num_bits": 8, "type": "int", "strategy": "group", "group_size": 128, "symmetric": true})",
       "pack-quantized", "int8-g128", 8.125},
      {R"({"num_bits": 8, "type": "int", "strategy": "channel", "symmetric": true})", "int-quantized",
       "int8-channel", 8 + 16.0 / 4096},
      {R"({"num_bits": 8, "type": "float", "strategy": "block", "block_structure": [128, 128], "symmetric": true})",
       "float-quantized", "fp8-block", 8 + 32.0 / (128 * 128)},
      // group_size -1 without a strategy is per channel (quant_args.py validate_model_after)
      {R"({"num_bits": 8, "type": "int", "group_size": -1})", "int-quantized", "int8-channel", 8 + 16.0 / 4096},
  };
  for (const auto& c : cases) {
    const std::string q = std::string(R"({"quant_method": "compressed-tensors", "format": ")") + c.format +
                          R"(", "config_groups": {"group_0": {"targets": ["Linear"], "weights": )" + c.weights + "}}}";
    const auto p = parse_hf_config(with(kSmall, "quantization_config", q));
    ASSERT_TRUE(p.model.has_value()) << q;
    EXPECT_TRUE(p.diagnostics.empty()) << q << ": " << p.diagnostics[0].detail;
    EXPECT_EQ(p.checkpoint_format, c.id) << q;
    const auto f = weight_format_by_id(p.checkpoint_format);
    ASSERT_TRUE(f.has_value()) << c.id;
    EXPECT_DOUBLE_EQ(bits_per_weight(*f, 4096), c.bits_at_4096) << c.id;
  }
}

// Groups in different formats (int8 attention, int4 experts): the largest per weight stands for all, with a warning.
TEST(HfConfig, CompressedTensorsMixedGroupsTakeTheLargestFormat) {
  const auto p = parse_hf_config(with(kSmall, "quantization_config", R"({"quant_method": "compressed-tensors",
    "format": "pack-quantized", "config_groups": {
      "group_0": {"targets": ["re:.*self_attn.*"], "weights": {"num_bits": 8, "type": "int", "strategy": "group",
                  "group_size": 128, "symmetric": true}},
      "group_1": {"targets": ["re:.*experts.*"], "weights": {"num_bits": 4, "type": "int", "strategy": "group",
                  "group_size": 128, "symmetric": true}}}})"));
  ASSERT_TRUE(p.model.has_value());
  EXPECT_EQ(p.checkpoint_format, "int8-g128");
  EXPECT_TRUE(has_code(p, "config.mixed_quantization"));
}

// KV-cache-only or activation-only groups leave the weights as stored.
TEST(HfConfig, CompressedTensorsWithoutWeightGroupsKeepsTheDtype) {
  const auto p = parse_hf_config(with(kSmall, "quantization_config",
                                      R"({"quant_method": "compressed-tensors", "config_groups": {},
                                          "kv_cache_scheme": {"num_bits": 8, "type": "float", "strategy": "tensor"}})"));
  ASSERT_TRUE(p.model.has_value());
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_EQ(p.checkpoint_format, "bf16");
}

// Malformed quantization_config blocks: a warning naming the field, the model still parsed, no crash, and never a
// format the block did not state (the method name when the layout cannot be read, or the dtype when no
// quantisation can be read at all).
TEST(HfConfig, MalformedQuantizationConfigGivesWarnings) {
  struct Case {
    const char* quantization_config;
    const char* code;
    const char* format;
  };
  const Case cases[] = {
      {R"(4)", "config.bad_type", "bf16"},
      {R"("gptq")", "config.bad_type", "bf16"},
      {R"({})", "config.missing_field", "bf16"},
      {R"({"quant_method": 7})", "config.bad_type", "bf16"},
      {R"({"quant_method": "compressed-tensors"})", "config.missing_field", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": []})", "config.bad_type", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": 1}})", "config.bad_type", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": 8}}})", "config.bad_type",
       "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": {"num_bits": "four"}}}})",
       "config.bad_type", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": {"num_bits": 1e30}}}})",
       "config.out_of_range", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": {"num_bits": -1}}}})",
       "config.out_of_range", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": {"num_bits": 4, "group_size": 0}}}})",
       "config.out_of_range", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": {"num_bits": 4, "type": 1}}}})",
       "config.bad_type", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": {"num_bits": 4, "symmetric": "yes"}}}})",
       "config.bad_type", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "ignore": "lm_head", "config_groups": {"g": {"weights": {"num_bits": 8,
           "type": "float"}}}})", "config.bad_type", "fp8"},
      // Readable but not in the weight-format table: 3-bit, MXFP4 in compressed-tensors, unpacked int4.
      {R"({"quant_method": "compressed-tensors", "config_groups": {"g": {"weights": {"num_bits": 3, "group_size": 128}}}})",
       "config.unsupported", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "format": "mxfp4-pack-quantized", "config_groups": {"g": {"weights":
           {"num_bits": 4, "type": "float", "strategy": "group", "group_size": 32}}}})",
       "config.unsupported", "compressed-tensors"},
      {R"({"quant_method": "compressed-tensors", "format": "naive-quantized", "config_groups": {"g": {"weights":
           {"num_bits": 4, "strategy": "group", "group_size": 128}}}})", "config.unsupported", "compressed-tensors"},
      {R"({"quant_method": "gptq", "bits": "4", "group_size": 128})", "config.bad_type", "gptq"},
      {R"({"quant_method": "gptq", "bits": 4, "group_size": -5})", "config.out_of_range", "gptq"},
      {R"({"quant_method": "awq", "bits": 1e30})", "config.out_of_range", "awq"},
      {R"({"quant_method": "gptq", "bits": 4, "group_size": -1})", "config.unsupported", "gptq-4b-g-1"},
      {R"({"quant_method": "hqq"})", "config.unsupported", "hqq"},
  };
  for (const auto& c : cases) {
    const auto p = parse_hf_config(with(kSmall, "quantization_config", c.quantization_config));
    ASSERT_TRUE(p.model.has_value()) << c.quantization_config;
    EXPECT_TRUE(has_code(p, c.code)) << c.quantization_config << ": "
                                     << (p.diagnostics.empty() ? "no diagnostic" : p.diagnostics[0].code);
    for (const auto& d : p.diagnostics) EXPECT_EQ(d.severity, Severity::kWarning) << c.quantization_config;
    EXPECT_EQ(p.checkpoint_format, c.format) << c.quantization_config;
  }
}

}  // namespace
}  // namespace vramfit
