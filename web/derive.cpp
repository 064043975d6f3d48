// Inputs -> core request -> results. No drawing here.
#include <algorithm>
#include <cmath>

#include "app_state.h"
#include "options.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit::web {
namespace {

// The configuration's request (core: request_from_share), then what imported files say exactly.
InferenceRequest build_request(const AppState& st) {
  const Inputs& in = st.inputs;
  InferenceRequest r = request_from_share(share_config(st), &current_model(st));
  const bool llama = r.engine == Engine::kLlamaCpp;
  // Imported files: the GGUF's own tensor bytes, or the safetensors checkpoint's bytes as stored.
  const Imported& im = st.imported;
  if (llama && in.llama_weights == kFromFile) {
    const bool usable = in.use_imported && im.model_kind == "gguf" && im.gguf_weights;
    r.weight_format = usable && !im.gguf_file_type.empty() ? im.gguf_file_type : (usable ? "GGUF" : "Q4_K_M");
    if (usable) r.gguf_weights = im.gguf_weights;
  } else if (!llama && in.hf_weights == kFromFile) {
    r.weight_format = im.checkpoint_format.empty() ? "bf16" : im.checkpoint_format;
    r.checkpoint_bytes = im.checkpoint_bytes;
  }
  return r;
}

// Memory of the busiest GPU (or of the host when nothing runs on a GPU).
double busiest(const InferenceEstimate& e) {
  double gpu = 0, host = 0;
  for (const auto& d : e.devices) {
    if (d.device == "host") host = std::max(host, d.total_bytes);
    else gpu = std::max(gpu, d.total_bytes);
  }
  return gpu > 0 ? gpu : host;
}

}  // namespace

// Defaults a first-time visitor sees: a popular 8B model on the most common 24 GB card (share_link.h).
void apply_defaults(Inputs& in) {
  if (in.model_index < 0) {
    const auto& presets = model_presets();
    in.model_index = 0;
    for (std::size_t i = 0; i < presets.size(); ++i)
      if (presets[i].id == kDefaultModelId) in.model_index = static_cast<int>(i);
  }
  if (in.gpu_index == -2) {
    in.gpu_index = -1;
    const auto& gpus = gpu_catalog();
    for (std::size_t i = 0; i < gpus.size(); ++i)
      if (gpus[i].id == kDefaultGpuId) in.gpu_index = static_cast<int>(i);
  }
}

void recompute(AppState& state) {
  apply_defaults(state.inputs);
  Derived& d = state.derived;
  d.request = build_request(state);
  if (state.inputs.training) {  // a fine-tuning step: its own request and estimate; the inference views rest
    TrainingFromShare t = training_from_share(share_config(state), &current_model(state));
    d.train_request = t.request;
    d.train = t.request ? estimate_training(*t.request) : TrainingEstimate{};
    for (auto& x : t.diagnostics) d.train.diagnostics.insert(d.train.diagnostics.begin(), std::move(x));
    d.estimate = InferenceEstimate{};
    d.sweep.clear();
    d.formats.clear();
    d.fits.clear();
    state.dirty = false;
    return;
  }
  d.estimate = estimate_inference(d.request);

  // Memory vs context: 40 log-spaced points from 512 tokens to 4x the chosen context (or the model's maximum).
  d.sweep.clear();
  InferenceRequest probe = d.request;
  const double hi = std::max(4.0 * d.request.context_tokens, static_cast<double>(std::max(d.request.model.max_context, 2048)));
  constexpr int kPoints = 40;
  for (int i = 0; i < kPoints; ++i) {
    const double ctx = std::round(512.0 * std::pow(hi / 512.0, i / (kPoints - 1.0)));
    probe.context_tokens = static_cast<int>(ctx);
    probe.prompt_tokens = std::min(d.request.prompt_tokens, probe.context_tokens);
    const InferenceEstimate e = estimate_inference(probe);
    if (!e.devices.empty()) d.sweep.push_back({ctx, busiest(e)});
  }

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
    for (int n : {2, 4, 8, 16}) {
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
    if (row.valid) {
      row.gpu_bytes = busiest(e);
      for (const auto& dev : e.devices)
        if ((dev.device == "host") == d.request.cpu_only) row.capacity_bytes = std::max(row.capacity_bytes, dev.capacity_bytes);
      row.fits = e.fits;
    }
    d.formats.push_back(row);
  };
  if (llama) for (const char* f : kLlamaWeights) add_format(f);
  else for (const char* f : kHfWeights) add_format(f);

  // Which GPUs of the catalog work, on how many, and how far they stretch.
  d.fits = what_fits(d.request, gpu_catalog());
  state.fits_view.stale = true;
  state.dirty = false;
}

}  // namespace vramfit::web
