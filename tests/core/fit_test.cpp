// Fit mode (fit.h): what it chooses fits, checked by a fresh estimate; every limit it finds is exact (one step
// further does not fit); it says when nothing fits and why.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "vramfit/analysis.h"
#include "vramfit/api_json.h"
#include "vramfit/fit.h"
#include "vramfit/inference.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

bool fits(const Scenario& s) {
  const InferenceEstimate e = estimate_inference(resolve_inference(s));
  return e.fits && !e.devices.empty();
}

std::vector<Scenario> hardware() {
  std::vector<Scenario> out;
  Scenario moe;  // issue 20's first worked example: a 30B MoE on an 8 GB GPU with 32 GB of RAM
  moe.model = "Qwen/Qwen3-30B-A3B";
  moe.gpu = "rtx-4060";
  moe.host_ram_gb = 32;
  moe.context = 16384;
  out.push_back(moe);
  Scenario dense = moe;  // a dense 32B model on a 24 GB card: -ngl offload
  dense.model = "Qwen/Qwen3-32B";
  dense.gpu = "rtx-4090";
  out.push_back(dense);
  Scenario ollama = moe;
  ollama.engine = EngineChoice::kOllama;
  out.push_back(ollama);
  Scenario vllm;  // the second: Llama-3.3-70B on two RTX 3090 with vLLM
  vllm.model = "meta-llama/Llama-3.3-70B-Instruct";
  vllm.engine = EngineChoice::kVllm;
  vllm.gpu = "rtx-3090";
  vllm.gpu_count = 2;
  vllm.context = 1024;
  vllm.hf_weights = "awq-4b-g128";  // bf16 (140 GB) holds no context on 48 GB
  vllm.gpu_memory_utilization = 0.95;  // as 2 x 24 GB users run it: at 0.9 of CUDA's 23.46 GiB nothing is left for KV
  out.push_back(vllm);
  Scenario sglang;  // Qwen3-32B with SGLang on two RTX 4090: its own fraction rule, AWQ weights
  sglang.model = "Qwen/Qwen3-32B";
  sglang.engine = EngineChoice::kSglang;
  sglang.gpu = "rtx-4090";
  sglang.gpu_count = 2;
  sglang.hf_weights = "awq-4b-g128";
  out.push_back(sglang);
  Scenario small;
  small.model = "Qwen/Qwen3-8B";
  small.engine = EngineChoice::kTransformers;
  small.gpu = "rtx-4090";
  out.push_back(small);
  return out;
}

TEST(Fit, WhatItChoosesFitsAndEveryLimitIsExact) {
  int checked = 0;
  for (const Scenario& asked : hardware()) {
    for (std::size_t g = 0; g < kFitGoalNames.size(); ++g) {
      const FitGoal goal = static_cast<FitGoal>(g);
      const FitResult r = fit(asked, goal);
      const std::string where = asked.model + " for " + std::string(kFitGoalNames[g]);
      ASSERT_TRUE(r.found) << where;
      const Scenario& best = r.best.scenario;
      EXPECT_TRUE(fits(best)) << where;
      // The figures are a fresh estimate's (fit mode hands llama.cpp's weights over per format).
      const InferenceEstimate e = estimate_inference(resolve_inference(best));
      EXPECT_DOUBLE_EQ(r.best.decode_tokens_per_s, e.throughput.decode_tokens_per_s) << where;
      if (goal == FitGoal::kContext && best.context < 40960) {
        Scenario more = best;
        ++more.context;
        EXPECT_FALSE(fits(more)) << where << ": " << best.context << " + 1 tokens still fit";
      }
      if (goal == FitGoal::kSequences && best.sequences < 4096) {
        Scenario more = best;
        ++more.sequences;
        EXPECT_FALSE(fits(more)) << where << ": " << best.sequences << " + 1 sequences still fit";
      }
      if (best.llama_engine() && best.n_cpu_moe > 0) {  // the fewest layers' experts in RAM that fit
        Scenario fewer = best;
        --fewer.n_cpu_moe;
        EXPECT_FALSE(fits(fewer)) << where << ": " << best.n_cpu_moe << " - 1 layers of experts in RAM still fit";
      }
      if (best.llama_engine() && best.gpu_layers >= 0) {  // the most layers on the GPU that fit
        Scenario more = best;
        ++more.gpu_layers;
        EXPECT_FALSE(fits(more)) << where << ": -ngl " << best.gpu_layers << " + 1 still fits";
      }
      for (const FitCandidate& c : r.runners_up) EXPECT_NE(c.lost, FitLoss::kNone) << where;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 24);
}

TEST(Fit, GoalsPullTheWayTheySay) {
  Scenario moe = hardware().front();
  const FitResult quality = fit(moe, FitGoal::kQuality);
  const FitResult speed = fit(moe, FitGoal::kSpeed);
  const FitResult context = fit(moe, FitGoal::kContext);
  // Quality keeps the most bits per weight; speed gives some up for tokens per second.
  EXPECT_GE(estimate_inference(resolve_inference(quality.best.scenario)).weights_bytes,
            estimate_inference(resolve_inference(speed.best.scenario)).weights_bytes);
  EXPECT_GE(speed.best.decode_tokens_per_s, quality.best.decode_tokens_per_s);
  EXPECT_GE(context.best.scenario.context, moe.context);
  // Each runner-up of the quality goal that fits has no more bits per weight than the best... or more offload.
  for (const FitCandidate& c : quality.runners_up)
    if (c.fits) EXPECT_TRUE(c.lost == FitLoss::kQuality || c.lost == FitLoss::kOffload || c.lost == FitLoss::kSpeed);
}

TEST(Fit, NothingFitsIsSaidWithTheNearest) {
  Scenario s;
  s.model = "meta-llama/Llama-3.3-70B-Instruct";
  s.gpu = "rtx-4060";
  s.host_ram_gb = 16;
  const FitResult r = fit(s, FitGoal::kQuality);
  EXPECT_FALSE(r.found);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes.back().code, "fit.nothing_fits");
  EXPECT_EQ(r.notes.back().field, "ram");  // host RAM is what runs out
  s.job = Job::kTraining;
  EXPECT_EQ(fit(s, FitGoal::kQuality).notes.at(0).code, "fit.training");
  s.job = Job::kInference;
  s.engine = EngineChoice::kRuleOfThumb;
  EXPECT_EQ(fit(s, FitGoal::kQuality).notes.at(0).code, "fit.rule_of_thumb");
}

TEST(Fit, JsonCarriesTheLinkOfEachConfiguration) {
  const nlohmann::json r = nlohmann::json::parse(fit_link_json("?m=Qwen/Qwen3-30B-A3B&gpu=rtx-4060&ram=32", "context"));
  ASSERT_TRUE(r["ok"].get<bool>());
  EXPECT_TRUE(r["found"].get<bool>());
  const ShareDecoded back = decode_share_query(r["best"]["link"].get<std::string>());
  EXPECT_TRUE(back.diagnostics.empty());
  EXPECT_EQ(back.config.context, r["best"]["settings"]["context"].get<int>());
  EXPECT_EQ(back.config.n_cpu_moe, r["best"]["settings"]["n_cpu_moe"].get<int>());
  EXPECT_NE(r["launch"]["text"].get<std::string>().find("--n-cpu-moe"), std::string::npos);
  const nlohmann::json bad = nlohmann::json::parse(fit_link_json("?m=Qwen/Qwen3-8B", "cheapest"));
  EXPECT_FALSE(bad["ok"].get<bool>());
  EXPECT_EQ(bad["errors"][0]["code"], "request.bad_goal");
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

// The formats side by side: a format vLLM cannot start with on this hardware (no room for the KV cache) does not
// fit; it is not a format the engine refuses for this model.
TEST(Fit, FormatsSayDoesNotFitWhenVllmWouldNotStart) {
  Scenario s;
  s.model = "meta-llama/Llama-3.3-70B-Instruct";
  s.engine = EngineChoice::kVllm;
  s.gpu = "rtx-3090";
  s.gpu_count = 2;
  const Analysis a = analyze(s);
  bool bf16 = false;
  for (const FormatRow& r : a.formats) {
    if (r.format == "bf16") {
      bf16 = true;
      EXPECT_FALSE(r.valid);
      EXPECT_TRUE(r.refused);  // 140 GB of weights on 48 GB
      EXPECT_GT(r.capacity_bytes, 20e9);  // the GPU it did not fit in (the view scales to it)
    }
    if (r.valid) EXPECT_FALSE(r.refused);
  }
  EXPECT_TRUE(bf16);
  s.engine = EngineChoice::kLlamaCpp;  // MXFP4_MOE on a dense model: the format's refusal, not the hardware's
  for (const FormatRow& r : analyze(s).formats)
    if (r.format == "MXFP4_MOE" && !r.valid) EXPECT_FALSE(r.refused);
}

}  // namespace
}  // namespace vramfit
