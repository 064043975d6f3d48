// Fit mode (fit.h): candidates over the engine's formats, KV types and placements, each pushed to the goal's
// limit by bisection on whole numbers (memory never falls as the context, the sequences or the GPU layers grow,
// nor rises as more experts move to host RAM), then ranked for the goal.
#include "vramfit/fit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "vramfit/analysis.h"
#include "vramfit/format.h"
#include "vramfit/inference.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/model.h"
#include "vramfit/resolve.h"

namespace vramfit {
namespace {

// KV types searched, best first, and how good each is (more bits, better).
constexpr const char* kLlamaKvSearched[] = {"f16", "q8_0", "q4_0"};
constexpr const char* kVllmKvSearched[] = {"f16", "fp8"};
int kv_rank(const std::string& kv) {
  if (kv == "f32") return 5;
  if (kv == "f16" || kv == "bf16") return 4;
  if (kv == "q8_0" || kv == "fp8") return 3;
  return 1;
}

struct Scored {
  FitCandidate c;
  double weights_bytes = 0;  // the format's quality: bits per parameter, to a quarter bit
  int kv = 0;
  int offload = 0;           // layers whose experts (MoE) or whole blocks (dense) sit in host RAM
  double overshoot = 0;      // how far over capacity (0 when it fits)
  bool over_host = false;    // the device furthest over is host RAM
  double over_bytes = 0, over_capacity = 0;
  bool refused = false;      // vLLM: no room for the KV cache
};

class Search {
 public:
  Search(const Scenario& asked, const ModelSource* source, FitGoal goal)
      : asked_(asked), source_(source), goal_(goal), model_(scenario_model(asked, source)) {
    llama_ = asked.llama_engine();
    moe_ = model_.moe.num_experts > 0;
  }

  Scored evaluate(const Scenario& s) {
    ++count_;
    const InferenceRequest r = resolve_inference(s, weights_source(s));
    const InferenceEstimate e = estimate_inference(r);
    Scored x;
    x.c.scenario = s;
    x.c.fits = e.fits && !e.devices.empty();
    x.c.gpu_bytes = busiest_device_bytes(e);
    for (const auto& d : e.devices) {
      if (d.host) x.c.host_bytes = d.total_bytes;
      if (d.host == r.cpu_only) x.c.capacity_bytes = std::max(x.c.capacity_bytes, d.capacity_bytes);
      if (d.total_bytes - d.capacity_bytes > x.overshoot) {
        x.overshoot = d.total_bytes - d.capacity_bytes;
        x.over_host = d.host;
        x.over_bytes = d.total_bytes;
        x.over_capacity = d.capacity_bytes;
      }
    }
    if (e.devices.empty()) {
      // vLLM refuses to start when the KV cache has no room: for fit mode that is "does not fit" (ranked after
      // every configuration that does); any other error means the engine does not take these settings at all.
      bool refused_for_room = false, other_error = false;
      for (const Diagnostic& d : e.diagnostics) {
        if (d.severity != Severity::kError) continue;
        (refused_by_hardware(d) ? refused_for_room : other_error) = true;
      }
      // Ranked after the configurations whose overshoot is known, the smaller weights nearer.
      x.refused = refused_for_room && !other_error;
      x.overshoot = x.refused ? 1e15 + e.weights_bytes : 1e300;
      x.c.capacity_bytes = r.gpu.memory_bytes;
    }
    x.c.decode_tokens_per_s = e.throughput.decode_tokens_per_s;
    // Quality: bits per parameter to the nearest quarter bit, so that formats of one width (GPTQ and AWQ at 4
    // bits, F16 and BF16) rank alike whatever their scales and metadata add.
    const double params = count_params(model_).total();
    x.weights_bytes = params > 0 ? std::round(e.weights_bytes * 8 / params * 4) / 4 : e.weights_bytes;
    x.kv = kv_rank(r.kv_type);
    const int n_layer = std::max(0, model_.num_layers);
    x.offload = !llama_ || r.cpu_only ? 0 : moe_ ? std::min(s.n_cpu_moe, n_layer)
                                               : (s.gpu_layers < 0 ? 0 : n_layer + 1 - std::min(s.gpu_layers, n_layer + 1));
    return x;
  }

  // Where a property that changes once on [lo, hi] changes: as_at_lo(lo) holds and as_at_lo(hi) does not (the
  // caller has checked both ends); returns the last whole value at which it still holds.
  template <class Holds>
  static int bisect(int lo, int hi, Holds&& as_at_lo) {
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      (as_at_lo(mid) ? lo : hi) = mid;
    }
    return lo;
  }

  // The least offload that fits (llama.cpp): every layer on the GPU if it fits; else, for MoE models, the fewest
  // layers whose experts go to host RAM; for dense ones, the most layers -ngl can keep on the GPU.
  Scored place(Scenario s) {
    if (!llama_ || s.cpu_only) return evaluate(s);
    s.gpu_layers = -1;
    s.n_cpu_moe = 0;
    Scored all_on_gpu = evaluate(s);
    if (all_on_gpu.c.fits) return all_on_gpu;
    const int n_layer = std::max(0, model_.num_layers);
    if (moe_) {
      s.n_cpu_moe = n_layer;
      Scored most = evaluate(s);
      if (!most.c.fits) return most.overshoot < all_on_gpu.overshoot ? most : all_on_gpu;
      // 0 layers' experts in RAM does not fit, all of them does: the first count that fits.
      s.n_cpu_moe = 1 + bisect(0, n_layer, [&](int x) { s.n_cpu_moe = x; return !evaluate(s).c.fits; });
      return evaluate(s);
    }
    s.gpu_layers = 0;
    Scored none = evaluate(s);
    if (!none.c.fits) return none;
    // No layer on the GPU fits, all of them (n_layer + 1 with the output layer) does not: the most that fit.
    s.gpu_layers = bisect(0, n_layer + 1, [&](int x) { s.gpu_layers = x; return evaluate(s).c.fits; });
    return evaluate(s);
  }

  // The largest whole value of `member` in [1, hi] that fits with the placement as set; 0 when 1 does not fit.
  int largest(Scenario s, int Scenario::*member, int hi) {
    s.*member = 1;
    if (!evaluate(s).c.fits) return 0;
    s.*member = hi;
    if (evaluate(s).c.fits) return hi;
    return bisect(1, hi, [&](int x) { s.*member = x; return evaluate(s).c.fits; });
  }

  std::vector<std::string> formats() const {
    if (source_ != nullptr && source_->weights_as_stored) return {llama_ ? asked_.llama_weights : asked_.hf_weights};
    std::vector<std::string> out;
    for (const char* f : llama_ ? llama_weight_choices() : hf_weight_choices()) out.emplace_back(f);
    return out;
  }
  std::vector<std::string> kv_types() const {
    if (llama_) return {std::begin(kLlamaKvSearched), std::end(kLlamaKvSearched)};
    if (asked_.engine == EngineChoice::kVllm || asked_.engine == EngineChoice::kSglang)
      return {std::begin(kVllmKvSearched), std::end(kVllmKvSearched)};
    return {"f16"};
  }
  static void set_format(Scenario& s, const std::string& f, bool llama) { (llama ? s.llama_weights : s.hf_weights) = f; }
  static void set_kv(Scenario& s, const std::string& kv) {
    s.kv_type = kv;
    if (kv == "q8_0" || kv == "q4_0") s.flash_attention = true;  // llama.cpp refuses a quantized V cache without it
  }

  std::vector<Scored> candidates() {
    std::vector<Scored> out;
    switch (goal_) {
      case FitGoal::kQuality:
      case FitGoal::kSpeed:
        for (const std::string& f : formats())
          for (const std::string& kv : kv_types()) {
            Scenario s = asked_;
            set_format(s, f, llama_);
            set_kv(s, kv);
            Scored x = place(s);
            if (x.overshoot < 1e300) out.push_back(x);  // the engine takes this format for this model
          }
        break;
      case FitGoal::kContext:
      case FitGoal::kSequences: {
        const bool context = goal_ == FitGoal::kContext;
        int Scenario::*member = context ? &Scenario::context : &Scenario::sequences;
        const FieldSpec* field = field_by_key(context ? "ctx" : "seq");
        int hi = static_cast<int>(field->hi);
        if (context && model_.max_context > 0) hi = std::min(hi, model_.max_context);
        for (const std::string& kv : kv_types()) {
          // Everything on the GPU, and (MoE models) every expert in host RAM; the winner's placement is then
          // the least offload that holds its value.
          for (int variant = 0; variant < (llama_ && moe_ && !asked_.cpu_only ? 2 : 1); ++variant) {
            Scenario s = asked_;
            set_kv(s, kv);
            if (llama_) {
              s.gpu_layers = -1;
              s.n_cpu_moe = variant == 0 ? 0 : model_.num_layers;
            }
            const int limit = largest(s, member, hi);
            if (limit > 0) s.*member = limit;  // else it stays as asked: this placement holds none
            Scored x = limit > 0 && variant > 0 ? place(s) : evaluate(s);
            if (x.overshoot < 1e300) out.push_back(x);
          }
        }
        break;
      }
    }
    return out;
  }

  // Whether a ranks before b for the goal, and if not the first thing b beats a on.
  bool better(const Scored& a, const Scored& b) const {
    if (a.c.fits != b.c.fits) return a.c.fits;
    if (!a.c.fits) return a.overshoot < b.overshoot;
    const auto key = [&](const Scored& x) {
      const double speed = x.c.decode_tokens_per_s;
      const double value = goal_ == FitGoal::kContext ? x.c.scenario.context : x.c.scenario.sequences;
      switch (goal_) {
        case FitGoal::kQuality: return std::array<double, 4>{x.weights_bytes, double(x.kv), -double(x.offload), speed};
        case FitGoal::kSpeed: return std::array<double, 4>{speed, x.weights_bytes, double(x.kv), -double(x.offload)};
        default: return std::array<double, 4>{value, double(x.kv), -double(x.offload), speed};
      }
    };
    return key(a) > key(b);
  }
  FitLoss loss(const Scored& best, const Scored& x) const {
    if (!x.c.fits) return FitLoss::kDoesNotFit;
    switch (goal_) {
      case FitGoal::kQuality:
        if (x.weights_bytes < best.weights_bytes || x.kv < best.kv) return FitLoss::kQuality;
        if (x.offload > best.offload) return FitLoss::kOffload;
        return FitLoss::kSpeed;
      case FitGoal::kSpeed: return x.c.decode_tokens_per_s < best.c.decode_tokens_per_s ? FitLoss::kSpeed : FitLoss::kQuality;
      case FitGoal::kContext:
      case FitGoal::kSequences:
        if ((goal_ == FitGoal::kContext ? x.c.scenario.context < best.c.scenario.context
                                        : x.c.scenario.sequences < best.c.scenario.sequences))
          return goal_ == FitGoal::kContext ? FitLoss::kContext : FitLoss::kSequences;
        if (x.kv < best.kv) return FitLoss::kQuality;
        if (x.offload > best.offload) return FitLoss::kOffload;
        return FitLoss::kSpeed;
    }
    return FitLoss::kQuality;
  }
  int count() const { return count_; }

 private:
  // llama.cpp: the per-layer bytes of a format, worked out once per format and handed to the estimate as a file's
  // would be (the same numbers; most of an estimate's time is this).
  const ModelSource* weights_source(const Scenario& s) {
    if (!llama_ || (source_ != nullptr && source_->gguf_weights)) return source_;
    auto it = cached_.find(s.llama_weights);
    if (it == cached_.end()) {
      const LlamaFtype* ftype = nullptr;
      for (const LlamaFtype& f : llama_ftypes())
        if (f.name == s.llama_weights) ftype = &f;
      ModelSource cached = source_ != nullptr ? *source_ : ModelSource{};
      cached.model = model_;
      if (ftype != nullptr && model_.num_layers > 0) cached.gguf_weights = llama_weight_bytes(model_, *ftype);
      it = cached_.emplace(s.llama_weights, std::move(cached)).first;
    }
    return it->second.gguf_weights ? &it->second : source_;
  }

  std::map<std::string, ModelSource> cached_;
  const Scenario& asked_;
  const ModelSource* source_;
  FitGoal goal_;
  ModelArch model_;
  bool llama_ = false, moe_ = false;
  int count_ = 0;
};

}  // namespace

FitResult fit(const Scenario& scenario, FitGoal goal, const ModelSource* source) {
  FitResult out;
  out.goal = goal;
  if (scenario.training()) {
    out.notes.push_back({"fit.training", Severity::kNote, "job",
                         "Fit mode searches inference settings; for a fine-tuning job the sweeps give the largest "
                         "micro-batch and sequence length."});
    return out;
  }
  if (scenario.engine == EngineChoice::kRuleOfThumb) {
    out.notes.push_back({"fit.rule_of_thumb", Severity::kNote, "e",
                         "The rule of thumb names no engine settings to search; choose an engine."});
    return out;
  }
  Scenario asked = scenario;
  if (asked.gpu == kAnyGpuId) asked.gpu.clear();  // the GPU the estimate shows
  Search search(asked, source, goal);
  std::vector<Scored> all = search.candidates();
  std::stable_sort(all.begin(), all.end(), [&](const Scored& a, const Scored& b) { return search.better(a, b); });
  all.erase(std::unique(all.begin(), all.end(), [](const Scored& a, const Scored& b) { return a.c.scenario == b.c.scenario; }),
            all.end());
  out.candidates = search.count();
  if (all.empty()) {
    out.notes.push_back({"fit.nothing_estimated", Severity::kError, "m",
                         "No setting the engine offers could be estimated for this model."});
    return out;
  }
  out.best = all.front().c;
  out.found = out.best.fits;
  for (std::size_t i = 1; i < all.size() && out.runners_up.size() < 3; ++i) {
    // A runner-up that ties with one ranked above it on everything the goal weighs (F16 and BF16 weights, say)
    // says nothing new.
    if (!search.better(all[i - 1], all[i]) && all[i].c.fits == all[i - 1].c.fits) continue;
    FitCandidate c = all[i].c;
    c.lost = search.loss(all.front(), all[i]);
    out.runners_up.push_back(c);
  }
  if (!out.found) {
    const Scored& n = all.front();
    const Scenario& s = n.c.scenario;
    const std::string nearest = std::string(s.llama_engine() ? s.llama_weights : s.hf_weights) + ", KV " + s.kv_type +
                                ", " + std::to_string(s.context) + " tokens x " + std::to_string(s.sequences);
    out.notes.push_back({"fit.nothing_fits", Severity::kWarning, n.over_host ? "ram" : "gpu",
                         "Nothing the engine offers fits this hardware. The nearest (" + nearest + ") " +
                             (n.refused ? std::string("leaves vLLM no room for the KV cache")
                                        : "needs " + format_bytes(n.over_bytes, ByteUnit::kGB, 2) +
                                              (n.over_host ? " of host RAM, which has " : " on a GPU of ") +
                                              format_bytes(n.over_capacity, ByteUnit::kGB, 2)) +
                             ": a shorter context, a smaller model, more GPUs or more memory would."});
  }
  return out;
}

}  // namespace vramfit
