#include "vramfit/what_fits.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace vramfit {
namespace {

constexpr std::array<int, 4> kCounts = std::to_array(kGpuCountsTried);
constexpr int kSweepPoints = 12;            // contexts from 256 tokens to the model's maximum, log-spaced
// A GPU and a host that hold anything, so an estimate shows the memory a request needs, uncut (the largest sizes
// estimate_inference accepts).
constexpr double kHugeGpuBytes = 1e14;
constexpr double kHugeHostBytes = 1e15;
constexpr int kMaxBatch = 4096;             // as the page's input allows

// The busiest GPU and the host, in bytes, of one estimate.
struct Need {
  double gpu = 0;
  double host = 0;
};

Need need_of(const InferenceEstimate& e) {
  Need n;
  for (const auto& d : e.devices) {
    double& slot = d.host ? n.host : n.gpu;
    slot = std::max(slot, d.total_bytes);
  }
  return n;
}

InferenceRequest on_gpus(InferenceRequest r, int count) {
  r.gpu_count = count;
  r.tensor_parallel = r.engine == Engine::kLlamaCpp ? 1 : count;
  r.pipeline_parallel = 1;
  return r;
}

InferenceRequest with_gpu(InferenceRequest r, const GpuEntry& g) {
  take_catalog_gpu(g, r.gpu);
  r.gpu.shared_rule = rule_on_macos(r.gpu.shared_rule, r.macos_26);
  return r;
}

// What one GPU of `g` can hold, and the host beside it, given what the GPUs take (unified memory shares RAM:
// the same rule as estimate_inference).
Need capacity_of(const GpuEntry& g, const InferenceRequest& r, double gpus_total) {
  if (g.unified_memory)
    return {shared_gpu_bytes(rule_on_macos(shared_memory_rule(g), r.macos_26), g.memory_bytes),
            std::max(0.0, g.memory_bytes - gpus_total)};
  return {g.capacity_bytes(), r.host_ram_bytes};
}

// One GPU count's memory curve for the engines whose memory does not depend on the GPU.
struct Curve {
  bool ok = false;
  InferenceEstimate at_request;             // at the request's context and sequences
  Need need;
  double per_sequence_gpu = 0;              // slope in sequences, bytes
  double per_sequence_host = 0;
  std::array<double, kSweepPoints> context{};
  std::array<Need, kSweepPoints> need_at{};
};

Curve curve(const InferenceRequest& base, int count) {
  Curve c;
  InferenceRequest r = on_gpus(base, count);
  r.gpu.memory_bytes = kHugeGpuBytes;
  r.gpu.unified_memory = false;
  r.host_ram_bytes = kHugeHostBytes;
  c.at_request = estimate_inference(r);
  if (c.at_request.devices.empty()) return c;
  c.need = need_of(c.at_request);
  InferenceRequest more = r;
  more.sequences = r.sequences + 1;
  const Need next = need_of(estimate_inference(more));
  c.per_sequence_gpu = std::max(0.0, next.gpu - c.need.gpu);
  c.per_sequence_host = std::max(0.0, next.host - c.need.host);
  const double hi = std::max<double>({static_cast<double>(base.model.max_context), static_cast<double>(base.context_tokens), 512.0});
  for (int i = 0; i < kSweepPoints; ++i) {
    InferenceRequest p = r;
    p.context_tokens = static_cast<int>(std::round(256.0 * std::pow(hi / 256.0, i / (kSweepPoints - 1.0))));
    p.prompt_tokens = std::min(p.prompt_tokens, p.context_tokens);
    c.context[static_cast<std::size_t>(i)] = p.context_tokens;
    c.need_at[static_cast<std::size_t>(i)] = need_of(estimate_inference(p));
  }
  c.ok = true;
  return c;
}

bool within(const Need& n, const Need& cap) { return n.gpu <= cap.gpu && n.host <= cap.host; }

// The largest context on the curve that stays within `cap`: linear between sweep points, whole 256-token steps.
int largest_context(const Curve& c, const GpuEntry& g, const InferenceRequest& r) {
  int best = 0;
  for (int i = 0; i < kSweepPoints; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const Need cap = capacity_of(g, r, c.need_at[k].gpu * r.gpu_count);
    if (within(c.need_at[k], cap)) {
      best = static_cast<int>(c.context[k]);
      continue;
    }
    if (i == 0) return 0;
    const Need& a = c.need_at[k - 1];
    const Need& b = c.need_at[k];
    const Need cap_a = capacity_of(g, r, a.gpu * r.gpu_count);
    const double room = cap_a.gpu - a.gpu, rise = b.gpu - a.gpu;
    double f = rise > 0 ? std::clamp(room / rise, 0.0, 1.0) : 0.0;
    // The host's room too: with unified memory it shrinks by what the GPUs take on the way.
    const double host_rise = (b.host - a.host) + (g.unified_memory ? rise * r.gpu_count : 0.0);
    if (host_rise > 0) f = std::min(f, std::clamp((cap_a.host - a.host) / host_rise, 0.0, 1.0));
    const double ctx = c.context[k - 1] + f * (c.context[k] - c.context[k - 1]);
    return std::max(best, static_cast<int>(std::floor(ctx / 256.0)) * 256);
  }
  return best;
}

int largest_batch(const Curve& c, const GpuEntry& g, const InferenceRequest& r) {
  const Need cap = capacity_of(g, r, c.need.gpu * r.gpu_count);
  if (!within(c.need, cap)) {
    // Fewer sequences than asked may still fit: count down along the slope.
    if (c.per_sequence_gpu <= 0) return 0;
    const double over = c.need.gpu - cap.gpu;
    return std::max(0, r.sequences - static_cast<int>(std::ceil(over / c.per_sequence_gpu)));
  }
  double extra = kMaxBatch;
  if (c.per_sequence_gpu > 0) extra = std::min(extra, (cap.gpu - c.need.gpu) / c.per_sequence_gpu);
  // Each sequence more takes host RAM, and with unified memory what the GPUs take comes out of the same RAM.
  const double per_host = c.per_sequence_host + (g.unified_memory ? c.per_sequence_gpu * r.gpu_count : 0.0);
  if (per_host > 0) extra = std::min(extra, (cap.host - c.need.host) / per_host);
  return std::min(kMaxBatch, r.sequences + static_cast<int>(std::floor(extra)));
}

GpuFit fit_from_curves(std::array<std::optional<Curve>, kCounts.size()>& curves, const InferenceRequest& base,
                       const GpuEntry& g, int index) {
  GpuFit f;
  f.gpu_index = index;
  const int max_count = g.unified_memory ? 1 : kMaxGpusTried;  // Macs do not pool
  for (std::size_t k = 0; k < kCounts.size() && kCounts[k] <= max_count; ++k) {
    if (!curves[k]) curves[k] = curve(base, kCounts[k]);
    const Curve& c = *curves[k];
    if (!c.ok) break;
    const InferenceRequest r = with_gpu(on_gpus(base, kCounts[k]), g);
    const Need cap = capacity_of(g, r, c.need.gpu * kCounts[k]);
    if (k == 0) {
      f.used_bytes = c.need.gpu;
      f.capacity_bytes = cap.gpu;
    }
    if (!within(c.need, cap)) continue;
    f.gpus_needed = kCounts[k];
    f.used_bytes = c.need.gpu;
    f.capacity_bytes = cap.gpu;
    f.largest_context = largest_context(c, g, r);
    f.largest_batch = largest_batch(c, g, r);
    // A GPU whose bandwidth the catalog does not know gets no speed rather than another GPU's.
    f.decode_tokens_per_s = g.bandwidth_gb_s > 0 ? estimate_throughput(r, c.at_request).decode_tokens_per_s : 0;
    return f;
  }
  // None fits: still say how much of the request one GPU could take.
  if (curves[0] && curves[0]->ok) {
    const InferenceRequest r = with_gpu(on_gpus(base, 1), g);
    f.largest_context = largest_context(*curves[0], g, r);
    f.largest_batch = largest_batch(*curves[0], g, r);
  }
  return f;
}

// vLLM and SGLang size their KV pool from the GPU's memory: one estimate per GPU (and count) answers directly.
GpuFit fit_vllm(const InferenceRequest& base, const GpuEntry& g, int index) {
  GpuFit f;
  f.gpu_index = index;
  const int max_count = g.unified_memory ? 1 : kMaxGpusTried;
  for (int count : kCounts) {
    if (count > max_count) break;
    const InferenceRequest r = with_gpu(on_gpus(base, count), g);
    const InferenceEstimate e = estimate_inference(r);
    if (e.devices.empty()) continue;
    const Need n = need_of(e);
    if (count == 1) {
      f.used_bytes = n.gpu;
      f.capacity_bytes = e.devices.front().capacity_bytes;
      f.largest_context = static_cast<int>(std::min<double>(e.kv_pool_tokens, std::max(base.model.max_context, 1)));
    }
    if (!e.fits) continue;
    f.gpus_needed = count;
    f.used_bytes = n.gpu;
    f.capacity_bytes = e.devices.front().capacity_bytes;
    f.largest_context = static_cast<int>(std::min<double>(e.kv_pool_tokens, std::max(base.model.max_context, base.context_tokens)));
    f.largest_batch = static_cast<int>(std::min<double>(kMaxBatch, std::floor(e.kv_pool_concurrency)));
    f.decode_tokens_per_s = g.bandwidth_gb_s > 0 ? e.throughput.decode_tokens_per_s : 0;
    return f;
  }
  return f;
}

}  // namespace

std::vector<GpuFit> what_fits(const InferenceRequest& request, const std::vector<GpuEntry>& gpus) {
  std::vector<GpuFit> out;
  if (request.cpu_only) return out;  // nothing runs on a GPU
  std::array<std::optional<Curve>, kCounts.size()> curves;  // computed on first need, shared by every GPU
  for (std::size_t i = 0; i < gpus.size(); ++i) {
    const GpuEntry& g = gpus[i];
    if (g.segment == "cpu" || g.capacity_bytes() <= 0) continue;
    const bool pool = request.engine == Engine::kVllm || request.engine == Engine::kSglang;
    out.push_back(pool ? fit_vllm(request, g, static_cast<int>(i)) : fit_from_curves(curves, request, g, static_cast<int>(i)));
  }
  return out;
}

// --- fine-tuning ---------------------------------------------------------------------------------------------
namespace {

// A GPU large enough for any step (the largest size estimate_training accepts), so an estimate shows the step's
// memory uncut; and a throughput of 1 TFLOPS, so one estimate's time scales to every GPU by 1 / its TFLOPS.
constexpr double kAnyGpuBytes = 1e14;
constexpr double kUnitTflops = 1.0;
constexpr double kNever = std::numeric_limits<double>::infinity();  // an estimate the engine refuses

// One GPU count: the request on that many GPUs, and the peaks already estimated there (shared by every GPU).
struct TrainingProbe {
  bool ok = false;                        // the count suits the request and its estimate is valid
  TrainingRequest request;                // on this count, on kAnyGpuBytes at kUnitTflops
  bool zero3_added = false;
  double peak = 0;                        // per GPU at the request's micro-batch and sequence length
  bool host_fits = false;                 // host RAM (offloaded states) does not depend on the GPU, the batch
                                          // or the sequence length
  double time_hours_unit = 0;
  std::map<int, double> by_micro_batch;   // peak per micro-batch, at the request's sequence length
  std::map<int, double> by_seq_step;      // peak per kSeqLenStep multiple (the key), at the request's micro-batch
};

double peak_of(const TrainingEstimate& e) { return e.devices.empty() ? kNever : e.devices.front().total_bytes; }

TrainingProbe training_probe(const TrainingRequest& base, int count) {
  TrainingProbe p;
  const int split = std::max(1, base.tensor_parallel) * std::max(1, base.pipeline_parallel);
  if (count % split != 0) return p;
  TrainingRequest& r = p.request;
  r = base;
  r.data_parallel = count / split;
  // Plain DDP replicates everything, so more GPUs would only add buckets: shard the states instead.
  p.zero3_added = r.sharding == Sharding::kNone && r.data_parallel > 1;
  if (p.zero3_added) r.sharding = Sharding::kZero3;
  r.gpu.memory_bytes = kAnyGpuBytes;
  r.gpu.dense_fp16_tflops = kUnitTflops;
  r.gpu.unified_memory = false;
  const TrainingEstimate e = estimate_training(r);
  if (e.devices.size() < 2) return p;
  p.ok = true;
  p.peak = peak_of(e);
  p.host_fits = e.devices[1].headroom_bytes >= 0;
  p.time_hours_unit = e.time_hours;
  p.by_micro_batch.emplace(r.micro_batch, p.peak);
  if (r.seq_len % kSeqLenStep == 0) p.by_seq_step.emplace(r.seq_len / kSeqLenStep, p.peak);
  return p;
}

// The largest k in [1, top] with f(k) <= cap for a nondecreasing f (0 when f(1) > cap). `known` holds f where
// it was already evaluated (by other GPUs too) and gives the first bracket. Each guess interpolates f linearly
// within the bracket and tests the guess's neighbour, which settles an affine f (memory in the micro-batch) in
// one step; a guess that does not halve the bracket is followed by a bisection, so at most about
// 2 log2(top) guesses.
template <typename F>
int largest_within(std::map<int, double>& known, int top, double cap, F&& f) {
  auto at = [&](int k) {
    const auto it = known.find(k);
    return it != known.end() ? it->second : known.emplace(k, f(k)).first->second;
  };
  if (at(1) > cap) return 0;
  if (at(top) <= cap) return top;
  int lo = 1, hi = top;
  for (const auto& [k, v] : known) {
    if (k > top) break;
    if (v <= cap) lo = std::max(lo, k);
    else { hi = std::min(hi, k); break; }
  }
  bool bisect = false;
  while (hi - lo > 1) {
    const int width = hi - lo;
    int k = lo + width / 2;
    if (!bisect) {
      const double f_lo = at(lo), f_hi = at(hi);
      const double t = f_hi > f_lo && std::isfinite(f_hi) ? (cap - f_lo) / (f_hi - f_lo) : 0.5;
      k = std::clamp(lo + static_cast<int>(std::floor(t * width)), lo + 1, hi - 1);
    }
    if (at(k) <= cap) {
      lo = k;
      if (k + 1 < hi) (at(k + 1) <= cap ? lo : hi) = k + 1;
    } else {
      hi = k;
      if (k - 1 > lo) (at(k - 1) <= cap ? lo : hi) = k - 1;
    }
    bisect = !bisect && (hi - lo) * 2 > width;
  }
  return lo;
}

int largest_micro_batch(TrainingProbe& p, double cap) {
  if (!p.host_fits) return 0;
  const int top = std::max(kMaxMicroBatchTried, p.request.micro_batch);
  return largest_within(p.by_micro_batch, top, cap, [&](int b) {
    TrainingRequest r = p.request;
    r.micro_batch = b;
    return peak_of(estimate_training(r));
  });
}

int largest_seq_len(TrainingProbe& p, double cap, int model_max_context) {
  if (!p.host_fits) return 0;
  const int top = std::max(model_max_context, p.request.seq_len);
  if (top < kSeqLenStep) return p.peak <= cap ? p.request.seq_len : 0;
  auto peak_at = [&](int s) {
    TrainingRequest r = p.request;
    r.seq_len = s;
    return peak_of(estimate_training(r));
  };
  const auto at_top = p.by_seq_step.find(top / kSeqLenStep);
  const double top_peak = top % kSeqLenStep == 0 && at_top != p.by_seq_step.end() ? at_top->second : peak_at(top);
  if (top_peak <= cap) return top;
  const int steps = largest_within(p.by_seq_step, std::max(1, top / kSeqLenStep), cap,
                                   [&](int k) { return peak_at(k * kSeqLenStep); });
  const int best = steps * kSeqLenStep;
  return best < p.request.seq_len && p.peak <= cap ? p.request.seq_len : best;
}

double finite_or_zero(double x) { return std::isfinite(x) && x > 0 ? x : 0; }

}  // namespace

std::vector<TrainingGpuFit> what_fits_training(const TrainingRequest& request, const std::vector<GpuEntry>& gpus) {
  std::vector<TrainingGpuFit> out;
  std::array<std::optional<TrainingProbe>, kCounts.size()> probes;  // computed on first need, shared by every GPU
  auto probe = [&](std::size_t k) -> TrainingProbe& {
    if (!probes[k]) probes[k] = training_probe(request, kCounts[k]);
    return *probes[k];
  };
  bool any_valid = false;
  for (std::size_t k = 0; k < kCounts.size(); ++k) any_valid |= probe(k).ok;
  if (!any_valid) return out;  // the request itself is invalid (its own estimate says why), or needs > 8 GPUs
  for (std::size_t i = 0; i < gpus.size(); ++i) {
    const GpuEntry& g = gpus[i];
    if (g.segment == "cpu" || g.capacity_bytes() <= 0) continue;
    TrainingGpuFit f;
    f.gpu_index = static_cast<int>(i);
    f.capacity_bytes = g.capacity_bytes();
    const int max_count = g.unified_memory ? 1 : kMaxGpusTried;  // Macs do not pool
    TrainingProbe* chosen = nullptr;
    for (std::size_t k = 0; k < kCounts.size() && kCounts[k] <= max_count; ++k) {
      TrainingProbe& p = probe(k);
      if (!p.ok) continue;
      chosen = &p;  // when none fits: the most GPUs tried
      if (p.host_fits && p.peak <= f.capacity_bytes) {
        f.gpus_needed = kCounts[k];
        break;
      }
    }
    if (chosen != nullptr) {
      f.zero3_added = chosen->zero3_added;
      f.peak_bytes = chosen->peak;
      f.largest_micro_batch = largest_micro_batch(*chosen, f.capacity_bytes);
      f.largest_seq_len = largest_seq_len(*chosen, f.capacity_bytes, request.model.max_context);
      if (f.gpus_needed > 0 && g.dense_fp16_tflops > 0) {
        f.time_hours = finite_or_zero(chosen->time_hours_unit * kUnitTflops / g.dense_fp16_tflops);
        // Each GPU at its own price per GPU-hour (unknown: no cost).
        f.cost_usd = finite_or_zero(f.time_hours * f.gpus_needed * rent_per_gpu_hour(request.price_per_gpu_hour, g));
      }
    }
    out.push_back(f);
  }
  return out;
}

void take_catalog_gpu(const GpuEntry& g, Gpu& gpu) {
  gpu.name = g.name;
  gpu.memory_bytes = g.capacity_bytes();
  if (g.bandwidth_gb_s > 0) gpu.bandwidth_gb_s = g.bandwidth_gb_s;
  if (g.dense_fp16_tflops > 0) gpu.dense_fp16_tflops = g.dense_fp16_tflops;
  gpu.unified_memory = g.unified_memory;
  gpu.shared_rule = shared_memory_rule(g);
  gpu.rent_usd_per_hour = g.cloud_usd_per_hour;
}

}  // namespace vramfit
