// What fits across the catalog agrees with estimating each GPU on its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "vramfit/api_json.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"
#include "vramfit/presets.h"
#include "vramfit/what_fits.h"

namespace vramfit {
namespace {

InferenceRequest request_for(const char* model, Engine engine, const char* weights, int context) {
  InferenceRequest r;
  r.model = find_preset(model)->arch;
  r.engine = engine;
  r.weight_format = weights;
  r.context_tokens = context;
  return r;
}

InferenceEstimate direct(InferenceRequest r, const GpuEntry& g, int count) {
  r.gpu.name = g.name;
  r.gpu.memory_bytes = g.capacity_bytes();
  if (g.bandwidth_gb_s > 0) r.gpu.bandwidth_gb_s = g.bandwidth_gb_s;
  if (g.dense_fp16_tflops > 0) r.gpu.dense_fp16_tflops = g.dense_fp16_tflops;
  r.gpu.unified_memory = g.unified_memory;
  r.gpu.shared_rule = shared_memory_rule(g);
  r.gpu_count = count;
  r.tensor_parallel = r.engine == Engine::kLlamaCpp ? 1 : count;
  return estimate_inference(r);
}

void check_against_direct(const InferenceRequest& r) {
  const auto& gpus = gpu_catalog();
  const auto fits = what_fits(r, gpus);
  std::size_t listed = 0;  // CPU hosts and entries whose memory is the reader's to state are left out
  for (const auto& g : gpus) listed += g.segment != "cpu" && g.capacity_bytes() > 0;
  ASSERT_EQ(fits.size(), listed);
  int some_fit = 0, some_not = 0;
  for (const GpuFit& f : fits) {
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    SCOPED_TRACE(g.id);
    if (f.gpus_needed == 0) {
      ++some_not;
      EXPECT_FALSE(direct(r, g, g.unified_memory ? 1 : kMaxGpusTried).fits);
      continue;
    }
    ++some_fit;
    const InferenceEstimate e = direct(r, g, f.gpus_needed);
    EXPECT_TRUE(e.fits);
    if (f.gpus_needed > 1) {
      EXPECT_FALSE(direct(r, g, f.gpus_needed / 2).fits);
    }
    if (g.bandwidth_gb_s > 0) {
      EXPECT_NEAR(f.decode_tokens_per_s, e.throughput.decode_tokens_per_s, 1e-9 * e.throughput.decode_tokens_per_s);
    } else {
      EXPECT_EQ(f.decode_tokens_per_s, 0) << "no bandwidth in the catalog: no speed";
    }
    // The largest context fits (within 1% of capacity: it is interpolated), and 20% more does not, unless it
    // is the model's own limit.
    ASSERT_GT(f.largest_context, 0);
    InferenceRequest at = r;
    at.context_tokens = f.largest_context;
    const InferenceEstimate at_max = direct(at, g, f.gpus_needed);
    for (const auto& d : at_max.devices) EXPECT_LE(d.total_bytes, d.capacity_bytes * 1.01) << d.device;
    if (f.largest_context < std::max(r.model.max_context, r.context_tokens)) {
      at.context_tokens = static_cast<int>(f.largest_context * 1.2) + 512;
      EXPECT_FALSE(direct(at, g, f.gpus_needed).fits) << "largest context " << f.largest_context;
    }
    // The largest batch fits at the request's context; one more sequence beyond twice it does not.
    ASSERT_GE(f.largest_batch, r.sequences);
    InferenceRequest batch = r;
    batch.sequences = f.largest_batch;
    if (r.engine != Engine::kVllm) {
      EXPECT_TRUE(direct(batch, g, f.gpus_needed).fits) << "batch " << f.largest_batch;
    }
    if (f.largest_batch < 2000) {
      batch.sequences = f.largest_batch * 2 + 1;
      EXPECT_FALSE(direct(batch, g, f.gpus_needed).fits) << "batch " << f.largest_batch;
    }
  }
  EXPECT_GT(some_fit, 0);
  EXPECT_GT(some_not + some_fit, 50);
}

TEST(WhatFits, LlamaCppAgreesWithEachGpuOnItsOwn) {
  check_against_direct(request_for("meta-llama/Meta-Llama-3.1-8B", Engine::kLlamaCpp, "Q4_K_M", 8192));
}

TEST(WhatFits, LargeModelNeedsSeveralGpus) {
  const InferenceRequest r = request_for("meta-llama/Meta-Llama-3.1-70B", Engine::kLlamaCpp, "Q4_K_M", 32768);
  check_against_direct(r);
  const auto fits = what_fits(r, gpu_catalog());
  bool multi = false;
  for (const auto& f : fits) multi |= f.gpus_needed > 1;
  EXPECT_TRUE(multi) << "a 70B model at 32k should need several consumer GPUs";
}

TEST(WhatFits, TransformersAndRuleOfThumbAgree) {
  check_against_direct(request_for("Qwen/Qwen3-8B", Engine::kTransformers, "bf16", 4096));
  check_against_direct(request_for("Qwen/Qwen3-8B", Engine::kRuleOfThumb, "bf16", 4096));
}

TEST(WhatFits, VllmAgreesWithEachGpuOnItsOwn) {
  const InferenceRequest r = request_for("Qwen/Qwen3-8B", Engine::kVllm, "bf16", 16384);
  const auto& gpus = gpu_catalog();
  for (const GpuFit& f : what_fits(r, gpus)) {
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    SCOPED_TRACE(g.id);
    if (f.gpus_needed == 0) continue;
    const InferenceEstimate e = direct(r, g, f.gpus_needed);
    EXPECT_TRUE(e.fits);
    EXPECT_EQ(f.largest_batch, static_cast<int>(std::min(4096.0, std::floor(e.kv_pool_concurrency))));
    EXPECT_GE(f.largest_context, r.context_tokens);
  }
}

TEST(WhatFits, MacsDoNotPoolAndCpuOnlyHasNoTable) {
  InferenceRequest r = request_for("meta-llama/Meta-Llama-3.1-70B", Engine::kLlamaCpp, "Q8_0", 8192);
  const auto& gpus = gpu_catalog();
  for (const GpuFit& f : what_fits(r, gpus))
    if (gpus[static_cast<std::size_t>(f.gpu_index)].unified_memory) {
      EXPECT_LE(f.gpus_needed, 1);
    }
  r.cpu_only = true;
  EXPECT_TRUE(what_fits(r, gpus).empty());
}


// --- fine-tuning ---------------------------------------------------------------------------------------------

TrainingRequest training_for(const char* model, TrainMethod method, Sharding sharding) {
  TrainingRequest t;
  t.model = find_preset(model)->arch;
  t.method = method;
  t.sharding = sharding;
  return t;
}

// The request on `count` of `g`, as what_fits_training describes it: plain DDP sharded ZeRO-3 beyond one rank.
TrainingRequest on_training_gpus(TrainingRequest t, const GpuEntry& g, int count) {
  t.gpu.name = g.name;
  t.gpu.memory_bytes = g.capacity_bytes();
  if (g.dense_fp16_tflops > 0) t.gpu.dense_fp16_tflops = g.dense_fp16_tflops;
  t.gpu.unified_memory = g.unified_memory;
  t.gpu.shared_rule = shared_memory_rule(g);
  t.gpu.rent_usd_per_hour = g.cloud_usd_per_hour;  // each GPU at its own price
  t.data_parallel = count / (t.tensor_parallel * t.pipeline_parallel);
  if (t.sharding == Sharding::kNone && t.data_parallel > 1) t.sharding = Sharding::kZero3;
  return t;
}

TrainingEstimate direct_training(const TrainingRequest& t, const GpuEntry& g, int count) {
  return estimate_training(on_training_gpus(t, g, count));
}

// The GPU counts tried for `t` on `g`: 1, 2, 4, 8 that tensor x pipeline parallel divide; Macs alone.
std::vector<int> counts_tried(const TrainingRequest& t, const GpuEntry& g) {
  std::vector<int> out;
  for (int n : {1, 2, 4, 8})
    if (n % (t.tensor_parallel * t.pipeline_parallel) == 0 && (!g.unified_memory || n == 1)) out.push_back(n);
  return out;
}

// Every row agrees with estimating its GPU on its own: the count, the peak, the limits (exact), time and cost.
// Returns the rows.
std::vector<TrainingGpuFit> check_training_against_direct(const TrainingRequest& t) {
  const auto& gpus = gpu_catalog();
  const auto fits = what_fits_training(t, gpus);
  std::size_t listed = 0;
  for (const auto& g : gpus) listed += g.segment != "cpu" && g.capacity_bytes() > 0;
  EXPECT_EQ(fits.size(), listed);
  const int split = t.tensor_parallel * t.pipeline_parallel;
  int some_fit = 0;
  for (const TrainingGpuFit& f : fits) {
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    SCOPED_TRACE(g.id);
    const std::vector<int> counts = counts_tried(t, g);
    if (counts.empty()) {
      EXPECT_EQ(f.gpus_needed, 0);
      continue;
    }
    const int count = f.gpus_needed > 0 ? f.gpus_needed : counts.back();
    EXPECT_EQ(f.capacity_bytes, g.capacity_bytes());
    EXPECT_EQ(f.zero3_added, t.sharding == Sharding::kNone && count / split > 1);
    const TrainingEstimate e = direct_training(t, g, count);
    EXPECT_FALSE(e.devices.empty());
    if (e.devices.empty()) continue;
    EXPECT_EQ(f.peak_bytes, e.devices.front().total_bytes);
    EXPECT_EQ(f.gpus_needed > 0, e.fits);
    // One step fewer GPUs does not hold the step.
    for (int fewer : counts)
      if (fewer < count) {
        EXPECT_FALSE(direct_training(t, g, fewer).fits) << fewer << " GPUs";
      }
    some_fit += f.gpus_needed > 0;
    // The largest micro-batch fits and one more does not.
    TrainingRequest b = t;
    b.micro_batch = std::max(1, f.largest_micro_batch);
    EXPECT_EQ(direct_training(b, g, count).fits, f.largest_micro_batch > 0) << "micro-batch " << f.largest_micro_batch;
    if (f.largest_micro_batch > 0 && f.largest_micro_batch < kMaxMicroBatchTried) {
      b.micro_batch = f.largest_micro_batch + 1;
      EXPECT_FALSE(direct_training(b, g, count).fits) << "micro-batch " << f.largest_micro_batch << " + 1";
    }
    if (f.gpus_needed > 0) {
      EXPECT_GE(f.largest_micro_batch, t.micro_batch);
      EXPECT_GE(f.largest_seq_len, t.seq_len);
    }
    // The largest sequence length fits, and the next multiple of 256 tokens does not (unless at the model's max).
    TrainingRequest s = t;
    if (f.largest_seq_len > 0) {
      s.seq_len = f.largest_seq_len;
      EXPECT_TRUE(direct_training(s, g, count).fits) << "seq " << f.largest_seq_len;
    }
    if (f.largest_seq_len < std::max(t.model.max_context, t.seq_len)) {
      s.seq_len = (f.largest_seq_len / kSeqLenStep + 1) * kSeqLenStep;
      EXPECT_FALSE(direct_training(s, g, count).fits) << "seq " << f.largest_seq_len << " -> " << s.seq_len;
    }
    // Time and cost as the engine says on that many GPUs; cost per GPU-hour, so it scales with the count.
    if (f.gpus_needed > 0 && g.dense_fp16_tflops > 0) {
      EXPECT_NEAR(f.time_hours, e.time_hours, 1e-9 * e.time_hours);
      if (!(t.price_per_gpu_hour > 0) && !(g.cloud_usd_per_hour > 0)) {
        EXPECT_EQ(f.cost_usd, 0) << g.id << ": no price known, no cost (not a flat guess)";
        continue;
      }
      EXPECT_NEAR(f.cost_usd, e.cost_usd, 1e-9 * e.cost_usd);
      Gpu priced;
      priced.rent_usd_per_hour = g.cloud_usd_per_hour;
      EXPECT_NEAR(f.cost_usd, f.time_hours * f.gpus_needed * gpu_hour_price(t.price_per_gpu_hour, priced), 1e-9 * f.cost_usd);
    } else {
      EXPECT_EQ(f.time_hours, 0) << "none fits, or no throughput in the catalog: no time";
      EXPECT_EQ(f.cost_usd, 0);
    }
  }
  EXPECT_GT(some_fit, 0);
  return fits;
}

TEST(WhatFitsTraining, LoraAgreesWithEachGpuOnItsOwn) {
  check_training_against_direct(training_for("meta-llama/Meta-Llama-3.1-8B", TrainMethod::kLora, Sharding::kNone));
}

TEST(WhatFitsTraining, FullFineTuningShardsPlainDdpAndSaysSo) {
  // Full fine-tuning of 8B in mixed precision (16 B per parameter): not on one 80 GB GPU; plain DDP would not
  // help, ZeRO-3 over several does.
  TrainingRequest t = training_for("meta-llama/Meta-Llama-3.1-8B", TrainMethod::kFull, Sharding::kNone);
  t.master_weights = true;
  const auto fits = check_training_against_direct(t);
  const auto& gpus = gpu_catalog();
  bool sharded = false;
  for (const auto& f : fits) {
    sharded |= f.gpus_needed > 1 && f.zero3_added;
    if (gpus[static_cast<std::size_t>(f.gpu_index)].id == "h100-sxm") {
      EXPECT_GT(f.gpus_needed, 1);
      EXPECT_TRUE(f.zero3_added);
    }
  }
  EXPECT_TRUE(sharded);
  // Asked for ZeRO-2, the rows keep it and flag nothing.
  t.sharding = Sharding::kZero2;
  for (const auto& f : check_training_against_direct(t)) EXPECT_FALSE(f.zero3_added);
}

TEST(WhatFitsTraining, TensorParallelKeptAndQloraOfA70B) {
  TrainingRequest t = training_for("meta-llama/Meta-Llama-3.1-70B", TrainMethod::kFull, Sharding::kZero3);
  t.tensor_parallel = 2;
  t.checkpointing = Checkpointing::kFull;
  for (const auto& f : check_training_against_direct(t)) EXPECT_NE(f.gpus_needed, 1) << "tensor parallel 2 needs 2";
  check_training_against_direct(training_for("meta-llama/Meta-Llama-3.1-70B", TrainMethod::kQlora, Sharding::kNone));
}

TEST(WhatFitsTraining, MoreMemoryNeverHoldsLess) {
  const TrainingRequest t = training_for("Qwen/Qwen3-8B", TrainMethod::kFull, Sharding::kZero3);
  const auto& gpus = gpu_catalog();
  const auto fits = what_fits_training(t, gpus);
  for (const auto& a : fits)
    for (const auto& b : fits) {
      if (gpus[static_cast<std::size_t>(a.gpu_index)].unified_memory || gpus[static_cast<std::size_t>(b.gpu_index)].unified_memory) continue;
      if (a.capacity_bytes <= b.capacity_bytes || b.gpus_needed == 0) continue;
      EXPECT_GT(a.gpus_needed, 0);
      EXPECT_LE(a.gpus_needed, b.gpus_needed);
      if (a.gpus_needed == b.gpus_needed) {
        EXPECT_GE(a.largest_micro_batch, b.largest_micro_batch);
        EXPECT_GE(a.largest_seq_len, b.largest_seq_len);
      }
    }
  // A larger step needs at least as many GPUs everywhere.
  TrainingRequest bigger = t;
  bigger.micro_batch = 8;
  bigger.seq_len = 8192;
  const auto more = what_fits_training(bigger, gpus);
  ASSERT_EQ(more.size(), fits.size());
  for (std::size_t i = 0; i < fits.size(); ++i) {
    if (fits[i].gpus_needed == 0) continue;
    EXPECT_TRUE(more[i].gpus_needed == 0 || more[i].gpus_needed >= fits[i].gpus_needed);
    EXPECT_GE(more[i].peak_bytes, fits[i].peak_bytes);
  }
}

TEST(WhatFitsTraining, AbsurdRequestsGiveNoRowsOrFiniteOnes) {
  const auto& gpus = gpu_catalog();
  auto all_finite = [](const std::vector<TrainingGpuFit>& fits) {
    for (const auto& f : fits)
      for (double x : {f.peak_bytes, f.capacity_bytes, f.time_hours, f.cost_usd})
        if (!std::isfinite(x) || x < 0) return false;
    return true;
  };
  TrainingRequest t = training_for("meta-llama/Meta-Llama-3.1-8B", TrainMethod::kLora, Sharding::kNone);
  TrainingRequest bad = t;
  bad.seq_len = 0;
  EXPECT_TRUE(what_fits_training(bad, gpus).empty()) << "an invalid request: its own estimate says why";
  bad = t;
  bad.micro_batch = -3;
  EXPECT_TRUE(what_fits_training(bad, gpus).empty());
  bad = t;
  bad.model = ModelArch{};
  EXPECT_TRUE(what_fits_training(bad, gpus).empty());
  bad = t;
  bad.tensor_parallel = 16;  // more than one node: nothing tried
  EXPECT_TRUE(what_fits_training(bad, gpus).empty());
  bad = t;
  bad.price_per_gpu_hour = std::nan("");
  bad.train_tokens = 1e300;
  auto fits = what_fits_training(bad, gpus);
  EXPECT_FALSE(fits.empty());
  EXPECT_TRUE(all_finite(fits));
  bad = t;
  bad.seq_len = 16'000'000;
  bad.micro_batch = 60000;
  fits = what_fits_training(bad, gpus);
  EXPECT_TRUE(all_finite(fits));
  for (const auto& f : fits) EXPECT_EQ(f.gpus_needed, 0);
  bad = t;
  bad.host_ram_bytes = 1e6;  // no room for the training process on the host: nothing fits anywhere
  for (const auto& f : what_fits_training(bad, gpus)) {
    EXPECT_EQ(f.gpus_needed, 0);
    EXPECT_EQ(f.largest_micro_batch, 0);
  }
}
// The JSON API's "which GPUs fit" (the JS API's whatFits, the command line's --fits) holds the same rows as
// what_fits() for the link's request, fewest GPUs first then least memory, those that need more than 8 last.
TEST(WhatFitsApi, LinkJsonHoldsTheCatalogRowsInOrder) {
  for (const char* link : {"?m=meta-llama/Meta-Llama-3.1-70B&ctx=32768", "?job=training&tm=full&m=meta-llama/Meta-Llama-3.1-8B"}) {
    SCOPED_TRACE(link);
    const nlohmann::json r = nlohmann::json::parse(what_fits_link_json(link));
    ASSERT_TRUE(r.at("ok").get<bool>());
    const bool training = r.at("job") == "training";
    const Scenario c = decode_share_query(link).config;
    const auto& gpus = gpu_catalog();
    std::size_t expected = 0;
    if (training) expected = what_fits_training(resolve_training(c), gpus).size();
    else expected = what_fits(resolve_inference(c), gpus).size();
    const auto& rows = r.at("gpus");
    ASSERT_EQ(rows.size(), expected);
    auto key = [](const nlohmann::json& x) {
      const int n = x.at("gpus_needed").get<int>();
      return std::make_pair(n == 0 ? 1000 : n, x.at("memory_bytes").get<double>());
    };
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LE(key(rows[i - 1]), key(rows[i]));
    for (const auto& x : rows) {
      const GpuEntry* g = find_gpu(x.at("id").get<std::string>());
      ASSERT_NE(g, nullptr);
      EXPECT_EQ(x.at("name"), g->name);
      EXPECT_TRUE(x.contains(training ? "largest_micro_batch" : "largest_context"));
    }
  }
  EXPECT_EQ(what_fits_link_text("?gpu=any", "xml").ok, false);
  EXPECT_NE(what_fits_link_text("?gpu=any", "markdown").text.find("| GPU | memory (GB) | GPUs needed |"), std::string::npos);
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

// A GPU-hour costs what the user says; without a price (the default), each GPU's cloud price from the catalog
// (the median over providers, docs/research_cloud_prices.json), and $2.00 where the catalog knows none. What-fits
// prices each GPU at its own rate, so a T4 does not cost an H100's hour.
TEST(WhatFits, EachGpuAtItsOwnCloudPrice) {
  const GpuEntry* h100 = find_gpu("h100-sxm");
  const GpuEntry* t4 = find_gpu("t4");
  ASSERT_TRUE(h100 && t4);
  ASSERT_GT(h100->cloud_usd_per_hour, 1.0);
  ASSERT_GT(h100->cloud_high, h100->cloud_low);
  ASSERT_GE(h100->cloud_providers, 2);
  ASSERT_LT(t4->cloud_usd_per_hour, h100->cloud_usd_per_hour);
  Scenario s;
  s.job = Job::kTraining;
  s.model = "Qwen/Qwen3-0.6B";
  s.gpu = "h100-sxm";
  const TrainingEstimate priced = estimate_training(resolve_training(s, nullptr));
  EXPECT_EQ(priced.price_per_gpu_hour, h100->cloud_usd_per_hour);
  EXPECT_NEAR(priced.cost_usd, priced.time_hours * priced.price_per_gpu_hour, 1e-9 * priced.cost_usd);
  s.price_per_gpu_hour = 1.25;
  EXPECT_EQ(estimate_training(resolve_training(s, nullptr)).price_per_gpu_hour, 1.25);
  s.price_per_gpu_hour = 0;
  s.gpu = kCustomGpuId;
  s.custom_gpu_gb = 48;
  EXPECT_EQ(estimate_training(resolve_training(s, nullptr)).price_per_gpu_hour, kFallbackGpuHourUsd);

  s.gpu = "h100-sxm";
  const TrainingRequest r = resolve_training(s, nullptr);
  const auto fits = what_fits_training(r, {*h100, *t4});
  ASSERT_EQ(fits.size(), 2u);
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const GpuEntry& g = i == 0 ? *h100 : *t4;
    ASSERT_GT(fits[i].gpus_needed, 0) << g.id;
    EXPECT_NEAR(fits[i].cost_usd, fits[i].time_hours * fits[i].gpus_needed * g.cloud_usd_per_hour, 1e-9 * fits[i].cost_usd) << g.id;
  }
  // A price the user gives applies to every GPU; a GPU without a cloud price gets no cost rather than a guess.
  TrainingRequest flat = r;
  flat.price_per_gpu_hour = 1.25;
  for (const TrainingGpuFit& f : what_fits_training(flat, {*h100, *t4}))
    EXPECT_NEAR(f.cost_usd, f.time_hours * f.gpus_needed * 1.25, 1e-9 * f.cost_usd);
  GpuEntry unpriced = *t4;
  unpriced.cloud_usd_per_hour = 0;
  const auto none = what_fits_training(r, {unpriced});
  ASSERT_EQ(none.size(), 1u);
  EXPECT_GT(none[0].time_hours, 0);
  EXPECT_EQ(none[0].cost_usd, 0);
}

}  // namespace
}  // namespace vramfit
