// config.json as people bring it (issue 17, "JSON as the files are really written" and "Bad input"): Python's
// Infinity/NaN literals, syntax errors with a line and column, strings where numbers or booleans belong,
// unstated FFN widths, implausible sizes, unknown families and configs that are no decoder LLM at all.
#include <gtest/gtest.h>

#include <string>

#include "vramfit/hf_config.h"
#include "vramfit/model.h"
#include "vramfit/presets.h"
#include "hf_config_fixtures.h"

namespace vramfit {
namespace {

using hf_test::has_code;
using hf_test::kSmall;
using hf_test::with;

const Diagnostic* find_code(const ParsedConfig& p, const std::string& code) {
  for (const auto& d : p.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

std::string all_details(const ParsedConfig& p) {
  std::string out;
  for (const auto& d : p.diagnostics) out += d.code + ": " + d.detail + "\n";
  return out;
}

// nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16's config.json as the preset holds it (assets/models.json), with the
// Mamba keys upstream also has, written as Python's json.dump writes float("inf"): a bare Infinity.
constexpr const char* kNemotron3Nano = R"({"model_type": "nemotron_h", "architectures": ["NemotronHForCausalLM"],
  "torch_dtype": "bfloat16", "hidden_size": 2688, "num_hidden_layers": 52, "num_attention_heads": 32,
  "num_key_value_heads": 2, "head_dim": 128, "intermediate_size": 1856, "vocab_size": 131072,
  "tie_word_embeddings": false, "attention_bias": false, "mlp_bias": false, "max_position_embeddings": 262144,
  "rope_theta": 10000, "sliding_window": null, "n_routed_experts": 128, "num_experts_per_tok": 6,
  "moe_intermediate_size": 1856, "n_shared_experts": 1, "norm_topk_prob": true, "partial_rotary_factor": 1.0,
  "hybrid_override_pattern": "MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME", "ssm_state_size": 128,
  "conv_kernel": 4, "expand": 2, "mamba_num_heads": 64, "mamba_head_dim": 64, "n_groups": 8, "chunk_size": 128,
  "mlp_hidden_act": "relu2", "layer_norm_epsilon": 1e-05, "moe_shared_expert_intermediate_size": 3712,
  "time_step_limit": [0.0, Infinity], "time_step_min": 0.001, "time_step_max": 0.1})";

// The Infinity literal is read (not "not a JSON object") and the model is the preset's, parameter for parameter.
TEST(HfConfigInput, PythonInfinityInNemotron3IsRead) {
  const auto p = parse_hf_config(kNemotron3Nano);
  ASSERT_TRUE(p.model.has_value()) << all_details(p);
  EXPECT_TRUE(p.diagnostics.empty()) << all_details(p);
  const ModelPreset* preset = find_preset("nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16");
  ASSERT_NE(preset, nullptr);
  EXPECT_EQ(count_params(*p.model).total(), count_params(preset->arch).total());
}

// -Infinity and NaN too, anywhere outside strings; inside strings the words are text and stay as written.
TEST(HfConfigInput, PythonLiteralsOutsideStringsOnly) {
  const std::string text = R"({"model_type": "llama", "architectures": ["NaN-Infinity \"Infinity\" NaN"],
    "hidden_size": 1024, "num_hidden_layers": 4, "num_attention_heads": 8, "vocab_size": 32000,
    "intermediate_size": 2816, "a": NaN, "b": -Infinity, "c": [Infinity, -Infinity, NaN], "d": {"e": NaN}})";
  const auto p = parse_hf_config(text);
  ASSERT_TRUE(p.model.has_value()) << all_details(p);
  EXPECT_TRUE(p.diagnostics.empty()) << all_details(p);
  EXPECT_EQ(p.model->name, "NaN-Infinity \"Infinity\" NaN");
}

// Where a count belongs, Infinity or NaN is a value out of range (named), not a syntax error; in rope_scaling a
// warning, as for any unusable factor.
TEST(HfConfigInput, PythonLiteralsWhereNumbersAreReadAreOutOfRange) {
  const std::string base = R"({"model_type": "llama", "hidden_size": 1024, "num_hidden_layers": 4,
    "num_attention_heads": 8, "vocab_size": 32000, "intermediate_size": 2816, "max_position_embeddings": 4096)";
  for (const char* literal : {"Infinity", "-Infinity", "NaN"}) {
    const auto p = parse_hf_config(base + R"(, "num_key_value_heads": )" + literal + "}");
    EXPECT_FALSE(p.model.has_value()) << literal;
    const Diagnostic* d = find_code(p, "config.out_of_range");
    ASSERT_NE(d, nullptr) << literal << ": " << all_details(p);
    EXPECT_EQ(d->field, "num_key_value_heads");
    EXPECT_EQ(d->detail, std::string("\"num_key_value_heads\" must be a whole number from 1 to 100000, not ") +
                             literal + ".");
    const auto rope = parse_hf_config(base + R"(, "rope_scaling": {"rope_type": "yarn", "factor": )" + literal + "}}");
    ASSERT_TRUE(rope.model.has_value()) << literal << ": " << all_details(rope);
    EXPECT_TRUE(has_code(rope, "config.out_of_range")) << literal;
    EXPECT_EQ(rope.model->max_context, 4096) << literal;
  }
}

// Every syntax error says where (line and column, 1-based, counted in the text as given: a NaN before the error
// does not shift it) and what was expected.
TEST(HfConfigInput, SyntaxErrorsNameLineColumnAndWhatWasExpected) {
  struct Case {
    const char* text;
    const char* detail;
  };
  const Case cases[] = {
      {"{\n  \"hidden_size\": 1024,\n  \"vocab_size\": 32000,\n}",
       "config.json is not valid JSON: line 4, column 1: expected a key in double quotes, found '}' (a comma before "
       "it?)."},
      {"{\n  \"layer_types\": [\"full_attention\", \"sliding_attention\",]\n}",
       "config.json is not valid JSON: line 2, column 57: expected a value, found ']' (a comma before it?)."},
      {"{\n  \"hidden_size\": 1024\n  \"vocab_size\": 32000\n}",
       "config.json is not valid JSON: line 3, column 3: expected ',' or '}', found a string."},
      {"{\n  \"hidden_size\": 1024,\n  \"vocab_size\": ",
       "config.json is not valid JSON: line 3, column 17: expected a value, found the end of the text (is the file "
       "cut short?)."},
      {"{\"hidden_size\": 1024", "config.json is not valid JSON: line 1, column 21: expected ',' or '}', found the "
                                "end of the text (is the file cut short?)."},
      {"{\"a\": NaN, \"b\": [1 2]}", "config.json is not valid JSON: line 1, column 20: expected ',' or ']', found a "
                                     "number."},
      {"{\"hidden_size\" 1024}", "config.json is not valid JSON: line 1, column 16: expected ':', found a number."},
      {"{\"a\": Infinty}", "config.json is not valid JSON: line 1, column 7: invalid literal."},
      {"{\"a\": 1}}", "config.json is not valid JSON: line 1, column 9: expected the end of the text, found '}'."},
      {"", "config.json is not valid JSON: line 1, column 1: expected a value, found the end of the text (is the "
           "file cut short?)."},
  };
  for (const auto& c : cases) {
    const auto p = parse_hf_config(c.text);
    EXPECT_FALSE(p.model.has_value()) << c.text;
    ASSERT_EQ(p.diagnostics.size(), 1u) << c.text;
    EXPECT_EQ(p.diagnostics[0].code, "config.not_json") << c.text;
    EXPECT_EQ(p.diagnostics[0].detail, c.detail) << c.text;
  }
  EXPECT_EQ(parse_hf_config("[1, 2]").diagnostics.at(0).detail,
            "This is not a JSON object (config.json): the text is a list.");
}

// A quoted number or boolean is an error naming the field and what it holds, never silently the default: with
// "tie_word_embeddings": "true" ignored, Llama-3.2-1B would count a second 262M-parameter embedding.
TEST(HfConfigInput, StringsWhereNumbersOrBooleansBelongAreErrors) {
  struct Case {
    const char* key;
    const char* value;
    const char* says;
  };
  const Case cases[] = {
      {"tie_word_embeddings", R"("true")", R"("tie_word_embeddings" must be true or false, not the string "true".)"},
      {"hidden_size", R"("4096")", R"("hidden_size" must be a number, not the string "4096".)"},
      {"num_key_value_heads", R"("8")", R"("num_key_value_heads" must be a number, not the string "8".)"},
      {"attention_bias", "1", R"("attention_bias" must be true or false, not a number.)"},
      {"mlp_bias", R"("false")", R"("mlp_bias" must be true or false, not the string "false".)"},
      {"intermediate_size", R"("2816")", R"("intermediate_size" must be a number, not the string "2816".)"},
      {"model_type", "7", R"("model_type" must be a string, not a number.)"},
      {"num_hidden_layers", "true", R"("num_hidden_layers" must be a number, not true.)"},
  };
  for (const auto& c : cases) {
    const auto p = parse_hf_config(with(kSmall, c.key, c.value));
    EXPECT_FALSE(p.model.has_value()) << c.key;
    const Diagnostic* d = find_code(p, "config.bad_type");
    ASSERT_NE(d, nullptr) << c.key << ": " << all_details(p);
    EXPECT_EQ(d->severity, Severity::kError);
    EXPECT_EQ(d->field, c.key);
    EXPECT_EQ(d->detail, c.says);
  }
  // Qwen's sliding-window switch (read when there is a window) is a boolean too.
  const auto qwen = parse_hf_config(R"({"model_type": "qwen2", "hidden_size": 1024, "num_hidden_layers": 4,
    "num_attention_heads": 8, "intermediate_size": 2816, "vocab_size": 32000, "sliding_window": 4096,
    "use_sliding_window": "false"})");
  EXPECT_FALSE(qwen.model.has_value());
  EXPECT_TRUE(has_code(qwen, "config.bad_type"));
  // bitsandbytes flags: a warning, and no format the block did not state.
  const auto bnb = parse_hf_config(with(kSmall, "quantization_config",
                                        R"({"quant_method": "bitsandbytes", "load_in_8bit": "true"})"));
  ASSERT_TRUE(bnb.model.has_value());
  const Diagnostic* d = find_code(bnb, "config.bad_type");
  ASSERT_NE(d, nullptr) << all_details(bnb);
  EXPECT_EQ(d->severity, Severity::kWarning);
  EXPECT_EQ(d->field, "quantization_config.load_in_8bit");
  EXPECT_EQ(bnb.checkpoint_format, "bitsandbytes");
}

// No intermediate_size: families whose transformers code derives the width get it without a word (GPT-2: n_inner
// None -> 4 x n_embd, modeling_gpt2.py; openai-community/gpt2's config.json, abridged, states no n_inner). Its
// count is the published 124,439,808 (tied embeddings, learned positions): exact. Any other family gets 4 x hidden
// with a warning naming the assumption.
TEST(HfConfigInput, MissingIntermediateSizeIsAFamilyRuleOrAWarning) {
  const auto gpt2 = parse_hf_config(R"({"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"],
    "attn_pdrop": 0.1, "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256, "initializer_range": 0.02,
    "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_layer": 12,
    "n_positions": 1024, "resid_pdrop": 0.1, "vocab_size": 50257})");
  ASSERT_TRUE(gpt2.model.has_value()) << all_details(gpt2);
  EXPECT_TRUE(gpt2.diagnostics.empty()) << all_details(gpt2);
  EXPECT_EQ(gpt2.model->intermediate_size, 4 * 768);
  EXPECT_EQ(count_params(*gpt2.model).total(), 124439808.0);
  for (const char* type : {"falcon", "bloom", "gpt_bigcode"}) {
    const auto p = parse_hf_config(R"({"model_type": ")" + std::string(type) + R"(", "hidden_size": 1024,
      "num_hidden_layers": 4, "num_attention_heads": 8, "vocab_size": 32000})");
    ASSERT_TRUE(p.model.has_value()) << type;
    EXPECT_FALSE(has_code(p, "config.assumed")) << type;
    EXPECT_EQ(p.model->intermediate_size, 4096) << type;
  }
  const auto llama = parse_hf_config(R"({"model_type": "llama", "hidden_size": 1024, "num_hidden_layers": 4,
    "num_attention_heads": 8, "vocab_size": 32000})");
  ASSERT_TRUE(llama.model.has_value());
  EXPECT_EQ(llama.model->intermediate_size, 4096);
  const Diagnostic* d = find_code(llama, "config.assumed");
  ASSERT_NE(d, nullptr) << all_details(llama);
  EXPECT_EQ(d->severity, Severity::kWarning);
  EXPECT_EQ(d->field, "intermediate_size");
  EXPECT_NE(d->detail.find("4 x hidden_size = 4096"), std::string::npos) << d->detail;
  // OPT states its width as ffn_dim (configuration_opt.py): read, not assumed.
  const auto opt = parse_hf_config(R"({"model_type": "opt", "hidden_size": 768, "num_hidden_layers": 12,
    "num_attention_heads": 12, "vocab_size": 50272, "ffn_dim": 3000})");
  ASSERT_TRUE(opt.model.has_value());
  EXPECT_EQ(opt.model->intermediate_size, 3000);
  EXPECT_FALSE(has_code(opt, "config.assumed"));
}

// Sizes no model has are read as written, with a warning that names the field and the value; head_dim 100000 on
// a small Llama makes a trillion-parameter model.
TEST(HfConfigInput, ImplausibleSizesAreWarnings) {
  struct Case {
    const char* key;
    const char* value;
    const char* field;
    const char* says;
  };
  const Case cases[] = {
      {"head_dim", "100000", "head_dim", "head_dim is 100000, more than 4096."},
      {"num_hidden_layers", "1001", "num_hidden_layers", "num_hidden_layers is 1001, more than 1000."},
      {"vocab_size", "20000000", "vocab_size", "vocab_size is 20000000, more than 10,000,000."},
  };
  for (const auto& c : cases) {
    const auto p = parse_hf_config(with(kSmall, c.key, c.value));
    ASSERT_TRUE(p.model.has_value()) << c.key << ": " << all_details(p);
    const Diagnostic* d = find_code(p, "config.implausible");
    ASSERT_NE(d, nullptr) << c.key;
    EXPECT_EQ(d->severity, Severity::kWarning);
    EXPECT_EQ(d->field, c.field);
    EXPECT_NE(d->detail.find(c.says), std::string::npos) << d->detail;
  }
  // 900 layers (under the layer bound) of a 131072-wide model: 2.5e14 parameters.
  const auto huge = parse_hf_config(R"({"model_type": "llama", "hidden_size": 131072, "num_hidden_layers": 900,
    "num_attention_heads": 1024, "intermediate_size": 524288, "vocab_size": 32000})");
  ASSERT_TRUE(huge.model.has_value());
  const Diagnostic* d = find_code(huge, "config.implausible");
  ASSERT_NE(d, nullptr) << all_details(huge);
  EXPECT_NE(d->detail.find("more than 10T"), std::string::npos) << d->detail;
  // The bounds themselves are plausible.
  const auto edge = parse_hf_config(with(with(kSmall, "head_dim", "4096").c_str(), "num_hidden_layers", "1000"));
  ASSERT_TRUE(edge.model.has_value());
  EXPECT_FALSE(has_code(edge, "config.implausible")) << all_details(edge);
}

// An unknown model_type is read as Llama out loud: the warning says so and names the keys that shape the network
// but went unread (Jamba's attention and expert periods, abridged from ai21labs/Jamba-v0.1's config.json, under a
// model_type no family has, since jamba itself is now read), not the numerics and token ids any family has.
TEST(HfConfigInput, UnknownModelTypeSaysWhatWasAssumedAndWhatWasNotRead) {
  const auto p = parse_hf_config(R"({"model_type": "jamba_unreleased", "architectures": ["JambaForCausalLM"],
    "hidden_size": 4096, "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
    "intermediate_size": 14336, "vocab_size": 65536, "num_experts": 16, "num_experts_per_tok": 2,
    "attn_layer_period": 8, "attn_layer_offset": 4, "expert_layer_period": 2, "expert_layer_offset": 1,
    "mamba_d_state": 16, "mamba_d_conv": 4, "mamba_expand": 2, "mamba_dt_rank": 256, "use_mamba_kernels": true,
    "rms_norm_eps": 1e-06, "attention_dropout": 0.0, "pad_token_id": 0, "router_aux_loss_coef": 0.001,
    "initializer_range": 0.02, "hidden_act": "silu", "tie_word_embeddings": false})");
  ASSERT_TRUE(p.model.has_value()) << all_details(p);
  const Diagnostic* d = find_code(p, "config.unknown_model_type");
  ASSERT_NE(d, nullptr) << all_details(p);
  EXPECT_EQ(d->severity, Severity::kWarning);
  EXPECT_EQ(d->field, "model_type");
  EXPECT_NE(d->detail.find("model_type \"jamba_unreleased\""), std::string::npos) << d->detail;
  EXPECT_NE(d->detail.find("read as llama"), std::string::npos) << d->detail;
  for (const char* key : {"attn_layer_period", "attn_layer_offset", "expert_layer_period", "expert_layer_offset",
                          "mamba_d_state", "mamba_d_conv", "mamba_expand", "mamba_dt_rank"})
    EXPECT_NE(d->detail.find(key), std::string::npos) << key << " not named: " << d->detail;
  for (const char* key : {"rms_norm_eps", "attention_dropout", "pad_token_id", "router_aux_loss_coef",
                          "num_experts_per_tok", "hidden_act", "initializer_range"})
    EXPECT_EQ(d->detail.find(key), std::string::npos) << key << " named: " << d->detail;
  // Families the reader knows, and configs that state no model_type (the API's plain model objects), say nothing.
  EXPECT_TRUE(parse_hf_config(kSmall).diagnostics.empty());
  const auto untyped = parse_hf_config(R"({"hidden_size": 1024, "num_hidden_layers": 4, "num_attention_heads": 8,
    "intermediate_size": 2816, "vocab_size": 32000})");
  EXPECT_TRUE(untyped.diagnostics.empty()) << all_details(untyped);
}

// Encoders, encoder-decoders and vision or speech towers are refused as what they are, not as a broken file
// ("no num_attention_heads"); recurrent models without attention likewise. Abridged from the published configs
// (google-bert/bert-base-uncased, google-t5/t5-small, openai/whisper-small, openai/clip-vit-base-patch32,
// state-spaces/mamba-130m-hf).
TEST(HfConfigInput, NonDecoderConfigsAreRefusedAsSuch) {
  struct Case {
    const char* text;
    const char* code;
    const char* says;
  };
  const Case cases[] = {
      {R"({"architectures": ["BertForMaskedLM"], "model_type": "bert", "hidden_size": 768, "num_hidden_layers": 12,
           "num_attention_heads": 12, "intermediate_size": 3072, "vocab_size": 30522})",
       "config.not_decoder", R"(model_type "bert" is not a decoder-only language model)"},
      {R"({"architectures": ["T5ForConditionalGeneration"], "model_type": "t5", "d_model": 512, "d_ff": 2048,
           "num_layers": 6, "num_heads": 8, "vocab_size": 32128, "is_encoder_decoder": true})",
       "config.not_decoder", R"(model_type "t5" is not a decoder-only language model)"},
      {R"({"architectures": ["WhisperForConditionalGeneration"], "model_type": "whisper", "d_model": 768,
           "encoder_layers": 12, "decoder_layers": 12, "encoder_attention_heads": 12, "vocab_size": 51865})",
       "config.not_decoder", R"(model_type "whisper" is not a decoder-only language model)"},
      {R"({"architectures": ["CLIPModel"], "model_type": "clip", "text_config": {"model_type": "clip_text_model",
           "hidden_size": 512, "num_hidden_layers": 12, "num_attention_heads": 8, "vocab_size": 49408},
           "vision_config": {"model_type": "clip_vision_model", "hidden_size": 768}})",
       "config.not_decoder", R"(model_type "clip" is not a decoder-only language model)"},
      {R"({"model_type": "my_seq2seq", "hidden_size": 512, "num_hidden_layers": 6, "num_attention_heads": 8,
           "vocab_size": 32000, "is_encoder_decoder": true})",
       "config.not_decoder", "not a decoder-only language model"},
      {R"({"architectures": ["MambaForCausalLM"], "model_type": "mamba", "hidden_size": 768, "num_hidden_layers": 24,
           "state_size": 16, "vocab_size": 50280})",
       "config.unsupported", R"(model_type "mamba" is a recurrent model without attention layers)"},
  };
  for (const auto& c : cases) {
    const auto p = parse_hf_config(c.text);
    EXPECT_FALSE(p.model.has_value()) << c.text;
    ASSERT_EQ(p.diagnostics.size(), 1u) << all_details(p);
    EXPECT_EQ(p.diagnostics[0].code, c.code) << c.text;
    EXPECT_NE(p.diagnostics[0].detail.find(c.says), std::string::npos) << p.diagnostics[0].detail;
  }
  // A multimodal decoder whose vision tower is a SigLIP encoder is still a decoder.
  const auto gemma3 = parse_hf_config(R"({"model_type": "gemma3", "text_config": {"model_type": "gemma3_text",
    "hidden_size": 2560, "num_hidden_layers": 34, "num_attention_heads": 8, "num_key_value_heads": 4, "head_dim": 256,
    "intermediate_size": 10240, "vocab_size": 262208}, "vision_config": {"model_type": "siglip_vision_model"}})");
  EXPECT_TRUE(gemma3.model.has_value()) << all_details(gemma3);
}

}  // namespace
}  // namespace vramfit
