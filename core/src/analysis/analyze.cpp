// analyze(): the estimate and everything derived from it, for the page, the command line and the JS API.
#include "vramfit/analysis.h"

#include <algorithm>
#include <cmath>

#include "vramfit/gpu_catalog.h"

namespace vramfit {
namespace {

constexpr const char* kLlamaWeights[] = {"Q2_K", "Q3_K_M", "Q4_0", "Q4_K_S", "Q4_K_M", "Q5_K_M", "Q6_K",
                                         "Q8_0", "IQ4_XS", "F16", "BF16", "MXFP4_MOE"};
constexpr const char* kHfWeights[] = {"bf16", "fp16", "fp8", "fp8-block", "int8", "nf4", "nf4-dq",
                                      "gptq-4b-g128", "awq-4b-g128", "mxfp4"};
constexpr const char* kLlamaKv[] = {"f16", "q8_0", "q4_0", "bf16", "f32"};
constexpr const char* kHfKv[] = {"f16", "fp8"};

// Memory of the busiest GPU (or of the host when nothing runs on a GPU).
double busiest(const InferenceEstimate& e) {  // (busiest_device_bytes)
  double gpu = 0, host = 0;
  for (const auto& d : e.devices) {
    if (d.host) host = std::max(host, d.total_bytes);
    else gpu = std::max(gpu, d.total_bytes);
  }
  return gpu > 0 ? gpu : host;
}

// Whole numbers log-spaced from lo to hi (about n of them, no repeats), with `chosen` among them.
std::vector<double> log_points(double lo, double hi, int n, double chosen) {
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) xs.push_back(std::round(lo * std::pow(hi / lo, i / (n - 1.0))));
  xs.push_back(chosen);
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  return xs;
}

// The busiest device's memory at each x, its capacity, and the largest whole x that fits (bisected between the
// last point that fits and the first that does not; memory grows with x).
struct SweepSample {
  bool valid = false;
  double bytes = 0, capacity = 0;
};
template <class EstimateAt>
Sweep make_sweep(const std::vector<double>& xs, double chosen, EstimateAt&& estimate_at) {
  Sweep sw;
  sw.chosen = chosen;
  for (double x : xs) {
    const SweepSample e = estimate_at(x);
    if (!e.valid) continue;
    sw.capacity_bytes = std::max(sw.capacity_bytes, e.capacity);
    sw.points.push_back({x, e.bytes});
  }
  for (std::size_t i = 0; i < sw.points.size(); ++i) {
    const SweepPoint& p = sw.points[i];
    if (p.gpu_bytes > sw.capacity_bytes) {
      if (i > 0) {  // bisect on whole numbers between the last point that fits and this one
        double lo = sw.points[i - 1].x, hi = p.x;
        while (hi - lo > 1) {
          const double mid = std::floor((lo + hi) / 2);
          const SweepSample e = estimate_at(mid);
          (e.valid && e.bytes <= sw.capacity_bytes ? lo : hi) = mid;
        }
        sw.limit = lo;
      }
      break;
    }
    sw.limit = p.x;
  }
  return sw;
}

SweepSample inference_sample(const InferenceEstimate& e, bool cpu_only) {
  SweepSample r;
  r.valid = !e.devices.empty();
  r.bytes = busiest(e);
  for (const auto& dev : e.devices)
    if (dev.host == cpu_only) r.capacity = std::max(r.capacity, dev.capacity_bytes);
  return r;
}

SweepSample training_sample(const TrainingEstimate& e) {
  SweepSample r;
  for (const auto& dev : e.devices)
    if (!dev.host) {
      r.valid = true;
      r.bytes = std::max(r.bytes, dev.total_bytes);
      r.capacity = std::max(r.capacity, dev.capacity_bytes);
    }
  return r;
}

// Fine-tuning: memory vs sequence length (128 tokens to 4x the chosen one) and vs micro-batch (1 to 4x).
void training_sweeps(const TrainingRequest& request, Analysis& d) {
  TrainingRequest probe = request;
  const double s = request.seq_len, b = request.micro_batch;
  d.length_sweep = make_sweep(log_points(128, std::max(4 * s, 4096.0), 32, s), s, [&](double x) {
    probe = request;
    probe.seq_len = static_cast<int>(x);
    return training_sample(estimate_training(probe));
  });
  d.batch_sweep = make_sweep(log_points(1, std::max(4 * b, 32.0), 20, b), b, [&](double x) {
    probe = request;
    probe.micro_batch = static_cast<int>(x);
    return training_sample(estimate_training(probe));
  });
}

// gpu=any: how many catalog GPUs hold the request, on one card or several, and the picks the verdict names,
// among the GPUs that need the fewest cards: the least memory (the one shown; on a tie, more bandwidth), the
// fastest (`speed`: higher is better, 0 unknown) and the cheapest (`price`: lower is better, 0 unknown).
template <class Fit, class Speed, class Price>
AnyGpuAnswer answer_any_gpu(const std::vector<Fit>& fits, const std::vector<GpuEntry>& gpus, Speed speed, Price price) {
  AnyGpuAnswer a;
  a.total = static_cast<int>(fits.size());
  int fewest = 0;
  for (const Fit& f : fits) {
    if (f.gpus_needed == 1) ++a.on_one;
    else if (f.gpus_needed > 1) ++a.on_several;
    if (f.gpus_needed > 0 && (fewest == 0 || f.gpus_needed < fewest)) fewest = f.gpus_needed;
  }
  double smallest_capacity = 0, cheapest_price = 0;
  for (const Fit& f : fits) {
    if (f.gpus_needed == 0 || f.gpus_needed != fewest) continue;
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    if (a.smallest < 0 || f.capacity_bytes < smallest_capacity ||
        (f.capacity_bytes == smallest_capacity && g.bandwidth_gb_s > gpus[static_cast<std::size_t>(a.smallest)].bandwidth_gb_s)) {
      a.smallest = f.gpu_index;
      smallest_capacity = f.capacity_bytes;
    }
    if (const double v = speed(f); v > 0 && v > a.fastest_value) {
      a.fastest = f.gpu_index;
      a.fastest_value = v;
    }
    if (const double v = price(f); v > 0 && (a.cheapest < 0 || v < cheapest_price)) {
      a.cheapest = f.gpu_index;
      cheapest_price = v;
    }
  }
  a.cheapest_value = cheapest_price;
  a.smallest_count = fewest;
  return a;
}


void analyze_training(const Scenario& scenario, const ModelSource* source, Analysis& d) {
  d.training = true;
  Scenario config = scenario;
  TrainingRequest request = resolve_training(config, source);
  // "Any GPU": which catalog GPUs hold the step; the rest is shown for the smallest that does, on as many as it
  // needs (sharded with ZeRO-3 where the request shards nothing, as the table says).
  const bool any = scenario.gpu == kAnyGpuId;
  const auto& gpus = gpu_catalog();
  if (any) {
    d.train_fits = what_fits_training(request, gpus);
    d.any = answer_any_gpu(d.train_fits, gpus, [](const TrainingGpuFit& f) { return f.time_hours > 0 ? 1 / f.time_hours : 0.0; },
                           [](const TrainingGpuFit& f) { return f.cost_usd; });
    for (const TrainingGpuFit& f : d.train_fits) {
      if (f.gpu_index != d.any.smallest) continue;
      config.gpu = gpus[static_cast<std::size_t>(f.gpu_index)].id;
      config.data_parallel = std::max(1, f.gpus_needed / std::max(1, config.tensor_parallel * config.pipeline_parallel));
      if (f.zero3_added) config.sharding = ShardingChoice::kZero3;
      request = resolve_training(config, source);
    }
  } else {
    // Which GPUs of the catalog hold this step, on how many, and how far it stretches there.
    d.train_fits = what_fits_training(request, gpus);
  }
  d.train_request = request;
  d.train = estimate_training(request);
  training_sweeps(request, d);
}

}  // namespace

std::span<const char* const> llama_weight_choices() { return kLlamaWeights; }
std::span<const char* const> hf_weight_choices() { return kHfWeights; }
std::span<const char* const> llama_kv_choices() { return kLlamaKv; }
std::span<const char* const> hf_kv_choices() { return kHfKv; }
double busiest_device_bytes(const InferenceEstimate& e) { return busiest(e); }

Analysis analyze(const Scenario& scenario, const ModelSource* source) {
  Analysis d;
  d.request = resolve_inference(scenario, source);  // fine-tuning too: the model, GPU and host as inference reads them
  if (scenario.training()) {
    analyze_training(scenario, source, d);
    return d;
  }
  // "Any GPU": which catalog GPUs hold it; the rest is shown for the smallest that does.
  const bool any = scenario.gpu == kAnyGpuId && !d.request.cpu_only;
  if (any) {
    const auto& gpus = gpu_catalog();
    d.fits = what_fits(d.request, gpus);
    d.any = answer_any_gpu(d.fits, gpus, [](const GpuFit& f) { return f.decode_tokens_per_s; },
                           [&](const GpuFit& f) { return f.gpus_needed == 1 ? gpus[static_cast<std::size_t>(f.gpu_index)].price_usd : 0.0; });
    if (d.any.smallest >= 0) {
      use_catalog_gpu(gpus[static_cast<std::size_t>(d.any.smallest)], scenario.custom_gpu_gb, d.request);
      d.request.gpu_count = d.any.smallest_count;
      if (d.request.engine != Engine::kLlamaCpp) d.request.tensor_parallel = d.any.smallest_count;
    }
  }
  d.estimate = estimate_inference(d.request);

  // Memory vs context: 40 log-spaced points from 512 tokens to 4x the chosen context (or the model's maximum);
  // memory vs concurrent sequences: 1 to 4x the chosen number (at least 64).
  InferenceRequest probe = d.request;
  const double ctx = d.request.context_tokens, seqs = d.request.sequences;
  const double hi = std::max(4.0 * ctx, static_cast<double>(std::max(d.request.model.max_context, 2048)));
  d.length_sweep = make_sweep(log_points(512, hi, 40, ctx), ctx, [&](double x) {
    probe = d.request;
    probe.context_tokens = static_cast<int>(x);
    probe.prompt_tokens = std::min(d.request.prompt_tokens, probe.context_tokens);
    return inference_sample(estimate_inference(probe), d.request.cpu_only);
  });
  d.batch_sweep = make_sweep(log_points(1, std::min(std::max(4.0 * seqs, 64.0), 4096.0), 24, seqs), seqs, [&](double x) {
    probe = d.request;
    probe.sequences = static_cast<int>(x);
    return inference_sample(estimate_inference(probe), d.request.cpu_only);
  });

  // The largest context that fits (bisection on whole tokens).
  d.largest_fitting_context = 0;
  if (!d.estimate.fits) {
    int lo = 0, hi_ctx = d.request.context_tokens;
    while (hi_ctx - lo > 256) {
      const int mid = (lo + hi_ctx) / 2;
      probe = d.request;
      probe.context_tokens = mid;
      probe.prompt_tokens = std::min(d.request.prompt_tokens, mid);
      if (estimate_inference(probe).fits) lo = mid; else hi_ctx = mid;
    }
    d.largest_fitting_context = lo;
  }
  // GPUs needed (tensor parallel for the PyTorch engines, layer split for llama.cpp).
  d.gpus_needed = 0;
  if (!d.estimate.fits && !d.request.cpu_only) {
    for (int n : kGpuCountsTried) {  // as the what-fits table tries them
      if (n <= d.request.gpu_count) continue;
      probe = d.request;
      probe.gpu_count = n;
      if (probe.engine != Engine::kLlamaCpp) probe.tensor_parallel = n;
      if (estimate_inference(probe).fits) {
        d.gpus_needed = n;
        break;
      }
    }
  }
  // Every weight format side by side: the same request in each.
  d.formats.clear();
  const bool llama = d.request.engine == Engine::kLlamaCpp;
  auto add_format = [&](const char* format) {
    probe = d.request;
    probe.weight_format = format;
    probe.gguf_weights.reset();
    probe.checkpoint_bytes = 0;
    const InferenceEstimate e = estimate_inference(probe);
    FormatRow row{format};
    row.valid = !e.devices.empty();
    // vLLM's refusal to start for want of KV room is this hardware's limit, not the format's.
    row.refused = !row.valid && !e.diagnostics.empty() &&
                  std::all_of(e.diagnostics.begin(), e.diagnostics.end(), [](const Diagnostic& x) {
                    return x.severity != Severity::kError || refused_by_hardware(x);
                  });
    if (row.refused) row.capacity_bytes = probe.gpu.memory_bytes;  // what it did not fit in
    if (row.valid) {
      row.gpu_bytes = busiest(e);
      for (const auto& dev : e.devices)
        if (dev.host == d.request.cpu_only) row.capacity_bytes = std::max(row.capacity_bytes, dev.capacity_bytes);
      row.fits = e.fits;
    }
    d.formats.push_back(row);
  };
  if (llama) for (const char* f : kLlamaWeights) add_format(f);
  else for (const char* f : kHfWeights) add_format(f);

  // Which GPUs of the catalog work, on how many, and how far they stretch.
  if (!any) d.fits = what_fits(d.request, gpu_catalog());

  // What to type to run it (gpu=any: on the GPUs shown).
  Scenario shown = scenario;
  if (any && d.any.smallest >= 0) {
    shown.gpu = gpu_catalog()[static_cast<std::size_t>(d.any.smallest)].id;
    shown.gpu_count = d.any.smallest_count;
  }
  for (const LaunchTarget t : launch_targets(shown)) {
    // The Scenario shown is the one estimated above (its targets run its own engine): reuse that estimate.
    d.launch.push_back(any ? launch_line(shown, t, source)
                           : launch_line(shown, t, d.request, d.estimate.diagnostics, source));
  }
  return d;
}

}  // namespace vramfit
