// The Chinese glossary for the core's formulas stays complete: every formula, assumption and peak moment the core
// writes, over every preset, engine and a spread of training setups, comes out with no English phrase left
// but the names Chinese practitioners use as they are.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../../web/app/strings.h"  // by path: the name would shadow the C library's <strings.h> on an include path
#include "vramfit/api_json.h"
#include "vramfit/presets.h"

namespace vramfit::web {
namespace {

using nlohmann::json;

// Words that stay in English in Chinese text: symbols, units, API and product names, type names.
const std::set<std::string> kKept = {
    "MiB", "GiB", "GB", "KV", "MLA", "KQ", "MLP", "CUDA", "CPU", "GPU", "GPUs", "logits", "AdamW", "Adafactor",
    "Lion", "SGD", "LoRA", "sbh", "n_ctx", "fp32", "fp16", "bf16", "fp8", "f16", "f32", "bf16", "q8_0", "q4_0",
    "Q4_K_M", "Q4_0", "Q8_0", "Q4_K", "IQ4_NL", "MXFP4", "CPU_Mapped", "PyTorch", "Python", "vLLM", "cuBLAS",
    "DDP", "NCCL", "foreach", "all", "gather", "log", "softmax", "max", "max_memory_allocated", "utilization", "TFLOP",
    "gate", "up", "K", "V", "B", "M", "T", "b", "s", "llama", "cpp", "n", "cpu", "moe",  // in the flag --n-cpu-moe
    "bit", "Graph", "x", "token", "ZeRO", "FSDP", "no_sync", "SGLang", "mem_fraction_static", "req_to_token",
};

std::vector<std::string> leftovers(const std::string& zh) {
  static const std::regex kWord(R"([A-Za-z][A-Za-z_0-9]*)");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(zh.begin(), zh.end(), kWord); it != std::sregex_iterator(); ++it) {
    const std::string w = it->str();
    if (!kKept.count(w) && !std::regex_match(w, std::regex(R"([A-Za-z]+[0-9][A-Za-z_0-9]*)"))) out.push_back(w);
  }
  return out;
}

TEST(FormulaZh, EveryFormulaOfTheCoreComesOutInChinese) {
  const std::vector<std::string> templates = {
      R"({"engine": "llama.cpp", "weights": "Q4_K_M", "context": 8192, "sequences": 2, "gpu": "rtx-4090", "llama_cpp": {"gpu_layers": 10}})",
      R"({"engine": "llama.cpp", "weights": "Q4_0", "context": 4096, "llama_cpp": {"cpu_only": true, "flash_attention": false}})",
      R"({"engine": "ollama", "weights": "Q8_0", "context": 4096, "gpu": "rtx-4090", "gpu_count": 2})",
      R"({"engine": "llama.cpp", "weights": "Q4_K_M", "context": 4096, "gpu": "rtx-4060", "n_cpu_moe": 10})",
      R"({"engine": "llama.cpp", "weights": "Q4_K_M", "context": 4096, "llama_cpp": {"release": "b2459"}})",
      R"({"engine": "vllm", "weights": "fp8", "context": 8192, "gpu": "h100-sxm", "gpu_count": 2})",
      R"({"engine": "vllm", "weights": "bf16", "context": 8192, "gpu": "h100-sxm", "vllm": {"cuda_graphs": false}})",
      R"({"engine": "vllm", "weights": "bf16", "context": 8192, "gpu": "rtx-4090", "vllm_release": "v0.16"})",
      R"({"engine": "vllm", "weights": "bf16", "context": 8192, "gpu": "a100-80gb-sxm", "vllm_release": "v0"})",
      R"({"engine": "sglang", "weights": "bf16", "context": 8192, "gpu": "h100-sxm", "gpu_count": 2})",
      R"({"engine": "sglang", "weights": "fp8", "context": 32768, "gpu": "rtx-4090", "mem_fraction_static": 0.8})",
      R"({"engine": "transformers", "weights": "nf4-dq", "context": 4096, "gpu": "h100-sxm"})",
      R"({"engine": "transformers", "weights": "bf16", "context": 4096, "transformers": {"attention": "eager"}})",
      R"({"engine": "rule-of-thumb", "weights": "bf16", "context": 4096})",
      R"({"job": "training", "method": "qlora", "micro_batch": 2, "seq_len": 2048})",
      R"({"job": "training", "method": "full", "precision": "mixed", "checkpointing": "full", "parallel": {"data": 8, "sharding": "zero3"}, "offload": {"optimizer": true, "params": true}})",
      R"({"job": "training", "method": "lora", "optimizer": "adamw8bit", "chunked_loss": true, "parallel": {"tensor": 2, "pipeline": 2, "sequence_parallel": true}})",
      R"({"job": "training", "method": "full", "optimizer": "sgd_momentum", "parallel": {"data": 4, "sharding": "fsdp_full_shard"}})",
      R"({"job": "training", "method": "full", "optimizer": "adafactor", "precision": "fp32"})",
      R"({"job": "training", "method": "qlora", "qlora_quantizer": "lightning", "bitsandbytes_version": "0.42.0", "holds_previous_step": true, "grad_accum": 4, "parallel": {"data": 2, "sharding": "fsdp_full_shard", "no_sync": true}})",
      R"({"job": "training", "method": "lora", "grad_accum": 4, "parallel": {"data": 4, "sharding": "fsdp_full_shard", "no_sync": true}})",
  };
  int texts = 0;
  std::set<std::string> missing;
  for (const ModelPreset& p : model_presets()) {
    for (const std::string& t : templates) {
      json request = json::parse(t);
      request["model"] = p.id;
      const json r = json::parse(estimate_json(request.dump()));
      if (!r.value("ok", false)) continue;
      std::vector<std::string> english;
      for (const auto& d : r["devices"])
        for (const auto& c : d["components"]) english.push_back(c["formula"].get<std::string>());
      if (r.contains("throughput")) english.push_back(r["throughput"]["assumptions"].get<std::string>());
      if (r.contains("peak_moment")) english.push_back(r["peak_moment"].get<std::string>());
      for (const std::string& e : english) {
        ++texts;
        for (const std::string& w : leftovers(translate_formula_zh(e))) missing.insert(w + "  <- " + e);
      }
    }
  }
  EXPECT_GT(texts, 2000);
  for (const auto& m : missing) ADD_FAILURE() << "untranslated: " << m;
}

TEST(FormulaZh, ReadsAsChinese) {
  EXPECT_EQ(translate_formula_zh("32 layers x 8192 cells x (K + V) rows of 1024 in f16 (n_ctx 8192 padded to 8192)"),
            "32 层 x 8192 个单元 x (K + V) 行，行宽 1024，类型 f16（n_ctx 8192 补齐到 8192)");
  set_language(Lang::kEnglish);
  EXPECT_EQ(formula_text("1.2B parameters x 2 B"), "1.2B parameters x 2 B");
  set_language(Lang::kChinese);
  EXPECT_EQ(formula_text("1.2B parameters x 2 B"), "1.2B 参数 x 2 B");
  set_language(Lang::kEnglish);
}

}  // namespace
}  // namespace vramfit::web
