// config.json quantization_config (compressed-tensors and the older methods) and RoPE scaling: the parsed
// checkpoint format, its bytes against published checkpoint sizes, the supported context, and diagnostics
// (never a crash, never a model refused) for malformed blocks.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "vramfit/hf_config.h"
#include "vramfit/inference.h"
#include "vramfit/presets.h"
#include "vramfit/units.h"
#include "vramfit/weight_format.h"

namespace vramfit {
namespace {

using nlohmann::json;

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

// A small Llama-shaped model, for blocks whose model's architecture is beside the point.
constexpr const char* kSmall = R"({"model_type": "llama", "hidden_size": 1024, "num_hidden_layers": 4,
  "num_attention_heads": 8, "num_key_value_heads": 8, "intermediate_size": 2816, "vocab_size": 32000,
  "max_position_embeddings": 4096})";

// `base` with `key` set to the JSON `value`.
std::string with(const char* base, const char* key, const std::string& value) {
  json c = json::parse(base, nullptr, false);
  c[key] = json::parse(value, nullptr, false);
  return c.dump();
}

bool has_code(const ParsedConfig& p, const std::string& code) {
  for (const auto& d : p.diagnostics)
    if (d.code == code) return true;
  return false;
}

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
