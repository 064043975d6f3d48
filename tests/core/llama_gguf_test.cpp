#include "vramfit/llama_gguf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "vramfit/ggml_types.h"
#include "vramfit/gguf_writer.h"
#include "vramfit/hf_config.h"
#include "vramfit/presets.h"
#include "vramfit/units.h"

namespace vramfit {
namespace {

ModelArch llama2_7b() {
  return *parse_hf_config(R"({"model_type":"llama","hidden_size":4096,"num_hidden_layers":32,
    "num_attention_heads":32,"num_key_value_heads":32,"intermediate_size":11008,"vocab_size":32000,
    "tie_word_embeddings":false})").model;
}

double total_bytes(const std::vector<GgufTensor>& tensors) {
  double sum = 0;
  for (const auto& t : tensors) sum += gguf_tensor_bytes(t);
  return sum;
}

// llama.cpp (node-llama-cpp 3.22.1, CPU) loaded a GGUF with Llama-2-7B's shapes and llama-quantize's Q4_K_M
// mix: "CPU_Mapped model buffer size = 3891.24 MiB"; a published CUDA log of the same model shows
// 3820.94 MiB on CUDA0 plus 70.31 MiB on the CPU (token_embd) (../shared/ENGINE_LAB.md).
TEST(LlamaGguf, Llama2_7bQ4KmMatchesLlamaCppModelBuffer) {
  const ModelArch m = llama2_7b();
  auto tensors = llama_tensors(m, /*F16*/ 1);
  apply_llama_ftype(m, *llama_ftype_by_name("Q4_K_M"), tensors);
  EXPECT_NEAR(total_bytes(tensors) / kMiB, 3891.24, 0.005);
  double embd = 0;
  for (const auto& t : tensors)
    if (t.role == TensorRole::kTokenEmbd) embd += gguf_tensor_bytes(t);
  EXPECT_NEAR(embd / kMiB, 70.31, 0.005);
}

// The Q4_K_M mix on a 32-layer model: use_more_bits picks layers 0-3, 28-31 and every third in between
// for Q6_K attn_v and ffn_down; the untied output is Q6_K, the embedding Q4_K, norms F32.
TEST(LlamaGguf, Q4KmTypeMix) {
  const ModelArch m = llama2_7b();
  auto tensors = llama_tensors(m, 1);
  apply_llama_ftype(m, *llama_ftype_by_name("Q4_K_M"), tensors);
  std::map<std::string, int> type;
  for (const auto& t : tensors) type[gguf_tensor_name(t)] = t.type;
  EXPECT_EQ(type["output.weight"], 14);
  EXPECT_EQ(type["token_embd.weight"], 12);
  EXPECT_EQ(type["blk.0.attn_norm.weight"], 0);
  EXPECT_EQ(type["blk.0.attn_v.weight"], 14);
  EXPECT_EQ(type["blk.4.attn_v.weight"], 12);
  EXPECT_EQ(type["blk.6.attn_v.weight"], 14);  // (6 - 4) % 3 == 2
  EXPECT_EQ(type["blk.31.ffn_down.weight"], 14);
  EXPECT_EQ(type["blk.5.ffn_down.weight"], 12);
  EXPECT_EQ(type["blk.5.attn_q.weight"], 12);
}

TEST(LlamaGguf, TiedEmbeddingsTakeTheOutputRule) {
  ModelArch m = llama2_7b();
  m.tie_embeddings = true;
  auto tensors = llama_tensors(m, 1);
  apply_llama_ftype(m, *llama_ftype_by_name("Q4_K_M"), tensors);
  EXPECT_EQ(gguf_tensor_name(tensors.front()), "token_embd.weight");
  EXPECT_EQ(tensors.front().type, 14);  // Q6_K, as output.weight would be
}

TEST(LlamaGguf, RowsThatAreNotWholeBlocksFallBack) {
  // Qwen2.5-0.5B: rows of the hidden size 896 are not whole 256-blocks, so Q4_K tensors whose rows are
  // hidden-sized (q, k, v, gate, up) fall back to Q5_0; ffn_down's rows are n_ff = 4864 = 19 x 256 and stay Q4_K.
  const ModelArch m = *parse_hf_config(R"({"model_type":"qwen2","hidden_size":896,"num_hidden_layers":24,
    "num_attention_heads":14,"num_key_value_heads":2,"intermediate_size":4864,"vocab_size":151936,
    "tie_word_embeddings":true})").model;
  auto tensors = llama_tensors(m, 1);
  apply_llama_ftype(m, *llama_ftype_by_name("Q4_K_S"), tensors);
  for (const auto& t : tensors) {
    if (gguf_tensor_name(t) == "blk.10.ffn_down.weight") { EXPECT_EQ(t.type, 12); }
    if (gguf_tensor_name(t) == "blk.10.ffn_up.weight") { EXPECT_EQ(t.type, 6); }
  }
}

TEST(LlamaGguf, FtypeNamesResolve) {
  EXPECT_EQ(llama_ftype_by_name("q4_k_m")->id, 15);
  EXPECT_EQ(llama_ftype_by_name("MXFP4_MOE")->default_type, 39);
  EXPECT_FALSE(llama_ftype_by_name("Q4_K_X").has_value());
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

// Published GGUF file sizes (TheBloke/Llama-2-7B-Chat-GGUF and -13B-Chat-GGUF model cards, "Size" column in
// GB = 10^9 bytes, as quoted in a public README): the header and tensors vramfit writes must land within 1%.
TEST(LlamaGguf, FileSizesMatchPublishedGgufs) {
  struct Case { const char* preset; const char* ftype; double gb; };
  const Case cases[] = {
      {"meta-llama/Llama-2-7b-hf", "Q4_K_M", 4.08},   {"meta-llama/Llama-2-7b-hf", "Q5_K_M", 4.78},
      {"meta-llama/Llama-2-7b-hf", "Q6_K", 5.53},     {"meta-llama/Llama-2-7b-hf", "Q8_0", 7.16},
      {"meta-llama/Llama-2-13b-hf", "Q4_K_M", 7.87},  {"meta-llama/Llama-2-13b-hf", "Q5_K_M", 9.23},
      {"meta-llama/Llama-2-13b-hf", "Q6_K", 10.68},   {"meta-llama/Llama-2-13b-hf", "Q8_0", 13.83},
  };
  for (const auto& c : cases) {
    const ModelPreset* p = find_preset(c.preset);
    ASSERT_NE(p, nullptr);
    Diagnostics d;
    const auto image = write_gguf_header(p->arch, c.ftype, d);
    ASSERT_TRUE(image.has_value()) << c.ftype;
    EXPECT_NEAR(image->file_bytes / 1e9 / c.gb, 1.0, 0.01) << c.preset << " " << c.ftype << ": " << image->file_bytes / 1e9;
  }
}

// The writer's header parses back: magic, version, and the declared tensor count.
TEST(LlamaGguf, WriterHeaderStartsLikeGgufV3) {
  Diagnostics d;
  const auto image = write_gguf_header(find_preset("Qwen/Qwen2.5-0.5B")->arch, "Q8_0", d);
  ASSERT_TRUE(image.has_value());
  EXPECT_EQ(image->header.substr(0, 4), "GGUF");
  EXPECT_EQ(image->header[4], 3);
  EXPECT_EQ(image->header.size() % 32, 0u);
  ModelArch unknown = find_preset("Qwen/Qwen2.5-0.5B")->arch;
  unknown.model_type = "bloom";  // a layout the writer has not been taught
  EXPECT_FALSE(write_gguf_header(unknown, "Q4_K_M", d).has_value());
}

// A tied token embedding stored as Q4_K is also the output matrix, and the CPU backend repacks that use. Measured on
// node-llama-cpp 3.22.1's llama.cpp (CPU, AVX2) with a sparse GGUF of this model (vramfit gguf ... Q4_K_M, then
// token_embd re-typed from Q6_K to Q4_K): CPU_Mapped 13.88 MiB, CPU_REPACK 12.94 MiB (4.15 MiB when it is Q6_K).
TEST(LlamaGguf, TiedQ4KEmbeddingIsRepackedForTheOutput) {
  const auto p = parse_hf_config(R"({"model_type": "llama", "hidden_size": 512, "num_hidden_layers": 4,
    "num_attention_heads": 8, "num_key_value_heads": 2, "intermediate_size": 1024, "vocab_size": 32000,
    "tie_word_embeddings": true})");
  ASSERT_TRUE(p.model.has_value());
  std::vector<GgufTensor> tensors = llama_tensors(*p.model, 1);
  apply_llama_ftype(*p.model, *llama_ftype_by_name("Q4_K_M"), tensors);
  auto mib = [](double b) { return std::round(b / 1048576 * 100) / 100; };
  auto repack_of = [](const LlamaWeights& w) {
    double r = w.output_repack;
    for (double x : w.layer_repack) r += x;
    return r;
  };
  EXPECT_EQ(mib(repack_of(llama_weight_bytes(tensors, 4))), 4.15);
  for (auto& t : tensors)
    if (t.role == TensorRole::kTokenEmbd) t.type = 12;  // GGML_TYPE_Q4_K
  const LlamaWeights w = llama_weight_bytes(tensors, 4);
  EXPECT_EQ(mib(repack_of(w)), 12.94);
  double mapped = w.token_embd + w.output;
  for (double x : w.layer_bytes) mapped += x;
  EXPECT_EQ(mib(mapped), 13.88);
}

}  // namespace
}  // namespace vramfit
