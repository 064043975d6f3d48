// JSON <-> InferenceRequest / InferenceEstimate, for the JS API and the command line.
#include <array>
#include <cctype>
#include <cmath>
#include <optional>

#include "api_internal.h"
#include "json_util.h"
#include "vramfit/hf_config.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit::api {
namespace {

using json_util::json;

// Reads an optional number into `out` when present and numeric; records a diagnostic when mistyped.
template <typename T>
void read(const json& obj, const char* key, T& out, Diagnostics& d, const std::string& prefix = "") {
  const json* v = json_util::find(obj, key);
  if (v == nullptr) return;
  if constexpr (std::is_same_v<T, bool>) {
    if (v->is_boolean()) out = v->get<bool>();
    else d.push_back({"request.bad_type", Severity::kError, prefix + key, prefix + key + " must be true or false."});
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (v->is_string()) out = v->get<std::string>();
    else d.push_back({"request.bad_type", Severity::kError, prefix + key, prefix + key + " must be a string."});
  } else {
    const double x = v->is_number() ? v->get<double>() : NAN;
    if (!std::isfinite(x)) {
      d.push_back({"request.bad_type", Severity::kError, prefix + key, prefix + key + " must be a number."});
      return;
    }
    if constexpr (std::is_integral_v<T>) {
      // Clamp into int range; validation reports out-of-range values with their limits.
      out = static_cast<T>(std::fmax(-2e9, std::fmin(2e9, std::round(x))));
    } else {
      out = static_cast<T>(x);
    }
  }
}

// Per-layer weight bytes of an imported GGUF, as inspect_file_json returns them.
void read_gguf_weights(const json& g, InferenceRequest& req, Diagnostics& d) {
  LlamaWeights w;
  const json* layers = g.is_object() ? json_util::find(g, "layers") : nullptr;
  const json* repack = g.is_object() ? json_util::find(g, "layers_repack") : nullptr;
  const std::size_t n = static_cast<std::size_t>(req.model.num_layers);
  auto bytes_list = [n](const json* a, std::vector<double>& out) {
    if (a == nullptr || !a->is_array() || a->size() != n) return false;
    for (const json& x : *a) {
      if (!x.is_number() || !(x.get<double>() >= 0 && x.get<double>() < 1e15)) return false;
      out.push_back(x.get<double>());
    }
    return true;
  };
  if (!bytes_list(layers, w.layer_bytes) || (repack != nullptr && !bytes_list(repack, w.layer_repack))) {
    d.push_back({"request.bad_gguf_weights", Severity::kError, "gguf_weights",
                 "gguf_weights.layers must list the bytes of each of the model's " + std::to_string(n) + " layers."});
    return;
  }
  if (w.layer_repack.empty()) w.layer_repack.assign(n, 0.0);
  read(g, "token_embd", w.token_embd, d, "gguf_weights.");
  read(g, "output", w.output, d, "gguf_weights.");
  read(g, "output_repack", w.output_repack, d, "gguf_weights.");
  req.gguf_weights = std::move(w);
}

}  // namespace

std::optional<InferenceRequest> parse_inference_request(const json& r, Diagnostics& d) {
  InferenceRequest req;
  const json* model = json_util::find(r, "model");
  if (model != nullptr && model->is_string()) {
    const ModelPreset* p = find_preset(model->get<std::string>());
    if (p == nullptr) {
      d.push_back({"request.unknown_model", Severity::kError, "model", "No preset named \"" + model->get<std::string>() + "\"."});
      return std::nullopt;
    }
    req.model = p->arch;
    req.weight_format = p->checkpoint_format;
  } else if (model != nullptr && model->is_object()) {
    ParsedConfig parsed = parse_hf_config(model->dump());
    for (auto& x : parsed.diagnostics) d.push_back(std::move(x));
    if (!parsed.model) return std::nullopt;
    req.model = std::move(*parsed.model);
    req.weight_format = parsed.checkpoint_format;
  } else {
    d.push_back({"request.missing_field", Severity::kError, "model",
                 "\"model\" must be a preset id or a config.json object."});
    return std::nullopt;
  }

  std::string engine = "llama.cpp";
  read(r, "engine", engine, d);
  if (engine == "llama.cpp" || engine == "ollama") {
    req.engine = Engine::kLlamaCpp;
    req.weight_format = "Q4_K_M";
    req.kv_unified = engine == "ollama";
  } else if (engine == "vllm") {
    req.engine = Engine::kVllm;
  } else if (engine == "transformers") {
    req.engine = Engine::kTransformers;
  } else if (engine == "rule-of-thumb") {
    req.engine = Engine::kRuleOfThumb;
  } else {
    d.push_back({"request.unknown_engine", Severity::kError, "engine",
                 "engine must be llama.cpp, ollama, vllm, transformers or rule-of-thumb."});
    return std::nullopt;
  }
  read(r, "weights", req.weight_format, d);
  read(r, "kv_type", req.kv_type, d);
  read(r, "context", req.context_tokens, d);
  read(r, "sequences", req.sequences, d);
  read(r, "gpu_count", req.gpu_count, d);
  double host_ram_gb = req.host_ram_bytes / 1e9;
  read(r, "host_ram_gb", host_ram_gb, d);
  req.host_ram_bytes = host_ram_gb * 1e9;
  if (const json* l = json_util::find(r, "llama_cpp"); l != nullptr && l->is_object()) {
    read(*l, "gpu_layers", req.gpu_layers, d, "llama_cpp.");
    read(*l, "n_batch", req.n_batch, d, "llama_cpp.");
    read(*l, "n_ubatch", req.n_ubatch, d, "llama_cpp.");
    read(*l, "flash_attention", req.flash_attention, d, "llama_cpp.");
    read(*l, "swa_full", req.swa_full, d, "llama_cpp.");
    read(*l, "kv_unified", req.kv_unified, d, "llama_cpp.");
    read(*l, "cpu_only", req.cpu_only, d, "llama_cpp.");
    std::string release = "v0.5.0";
    read(*l, "release", release, d, "llama_cpp.");
    if (release != "v0.5.0" && release != "b2459") {
      d.push_back({"request.unknown_release", Severity::kError, "llama_cpp.release",
                   "llama_cpp.release must be \"v0.5.0\" (default) or \"b2459\" (March 2024)."});
    }
    req.llama_legacy = release == "b2459";
  }
  if (const json* v = json_util::find(r, "vllm"); v != nullptr && v->is_object()) {
    read(*v, "gpu_memory_utilization", req.gpu_memory_utilization, d, "vllm.");
    read(*v, "max_num_batched_tokens", req.max_num_batched_tokens, d, "vllm.");
    read(*v, "max_num_seqs", req.max_num_seqs, d, "vllm.");
    read(*v, "cuda_graphs", req.cuda_graphs, d, "vllm.");
  }
  if (const json* t = json_util::find(r, "transformers"); t != nullptr && t->is_object()) {
    read(*t, "prompt_tokens", req.prompt_tokens, d, "transformers.");
    read(*t, "new_tokens", req.new_tokens, d, "transformers.");
    std::string dtype = "bfloat16";
    read(*t, "dtype", dtype, d, "transformers.");
    req.unquantized_bytes = dtype == "float32" ? 4 : 2;
    std::string attention = "sdpa";
    read(*t, "attention", attention, d, "transformers.");
    req.attention = attention == "eager" ? AttentionImpl::kEager
                                         : attention == "flash_attention_2" ? AttentionImpl::kFlash : AttentionImpl::kSdpa;
  }
  read(r, "checkpoint_bytes", req.checkpoint_bytes, d);
  if (const json* g = json_util::find(r, "gguf_weights"); g != nullptr) read_gguf_weights(*g, req, d);
  if (const json* p = json_util::find(r, "parallel"); p != nullptr && p->is_object()) {
    read(*p, "tensor", req.tensor_parallel, d, "parallel.");
    read(*p, "pipeline", req.pipeline_parallel, d, "parallel.");
    if (req.gpu_count < req.tensor_parallel * req.pipeline_parallel && json_util::find(r, "gpu_count") == nullptr)
      req.gpu_count = req.tensor_parallel * req.pipeline_parallel;
  }
  // "gpu": a catalog id ("rtx-4090"), or an object: {"id"} takes the catalog's figures, the other fields
  // set or override them.
  if (const json* g = json_util::find(r, "gpu"); g != nullptr && (g->is_string() || g->is_object())) {
    const std::string id = g->is_string() ? g->get<std::string>() : json_util::string(*g, "id").value_or("");
    if (!id.empty()) {
      const GpuEntry* entry = find_gpu(id);
      if (entry == nullptr) {
        d.push_back({"request.unknown_gpu", Severity::kError, "gpu", "No GPU with id \"" + id + "\" in the catalog."});
        return std::nullopt;
      }
      double typed_gb = 64;
      if (g->is_object()) read(*g, "memory_gb", typed_gb, d, "gpu.");
      use_catalog_gpu(*entry, typed_gb, req);
    }
  }
  if (const json* g = json_util::find(r, "gpu"); g != nullptr && g->is_object() && !g->contains("id")) {
    read(*g, "name", req.gpu.name, d, "gpu.");
    double memory_gb = req.gpu.memory_bytes / 1e9, memory_gib = 0;
    read(*g, "memory_gb", memory_gb, d, "gpu.");
    read(*g, "memory_gib", memory_gib, d, "gpu.");
    req.gpu.memory_bytes = memory_gib > 0 ? memory_gib * 1073741824.0 : memory_gb * 1e9;
    read(*g, "bandwidth_gb_s", req.gpu.bandwidth_gb_s, d, "gpu.");
    read(*g, "fp16_tflops", req.gpu.dense_fp16_tflops, d, "gpu.");
    read(*g, "unified_memory", req.gpu.unified_memory, d, "gpu.");
  }
  if (has_errors(d)) return std::nullopt;
  return req;
}

namespace {

// "0.42.0" -> {0, 42, 0}; nullopt unless three dot-separated numbers lead the string.
std::optional<std::array<int, 3>> parse_version(const std::string& text) {
  std::array<int, 3> v{};
  std::size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    std::size_t used = 0;
    while (pos + used < text.size() && used < 7 && std::isdigit(static_cast<unsigned char>(text[pos + used]))) {
      v[i] = v[i] * 10 + (text[pos + used] - '0');
      ++used;
    }
    if (used == 0 || used > 6) return std::nullopt;
    pos += used;
    if (i < 2) {
      if (pos >= text.size() || text[pos] != '.') return std::nullopt;
      ++pos;
    }
  }
  return v;
}

// How the framework runs the step: norms, fused q/k/v, the QLoRA quantizer and bitsandbytes release, and
// whether the loop holds the previous micro-step.
void read_framework_fields(const json& r, TrainingRequest& t, Diagnostics& d) {
  read(r, "rmsnorm_fp32_input", t.rmsnorm_fp32_input, d);
  read(r, "fused_qkv", t.fused_qkv, d);
  read(r, "holds_previous_step", t.loop_holds_previous_step, d);
  std::string quantizer = "transformers";
  read(r, "qlora_quantizer", quantizer, d);
  if (quantizer == "transformers") t.qlora_quantizer = QloraQuantizer::kTransformers;
  else if (quantizer == "lightning") t.qlora_quantizer = QloraQuantizer::kLightning;
  else if (quantizer == "torchao") t.qlora_quantizer = QloraQuantizer::kTorchao;
  else d.push_back({"request.bad_request", Severity::kError, "qlora_quantizer", "qlora_quantizer must be transformers, lightning or torchao."});
  if (const json* v = json_util::find(r, "bitsandbytes_version"); v != nullptr) {
    const auto version = v->is_string() ? parse_version(v->get<std::string>()) : std::nullopt;
    if (!version) {
      d.push_back({"request.bad_request", Severity::kError, "bitsandbytes_version", "bitsandbytes_version must read like \"0.42.0\"."});
      return;
    }
    // bitsandbytes 0.43.2 (PR #1270) stopped MatMul4Bit keeping its input: `ctx.tensors = (None, B)`.
    t.bnb_keeps_matmul_inputs = *version < std::array<int, 3>{0, 43, 2};
  }
}

}  // namespace

std::optional<TrainingRequest> parse_training_request(const json& r, Diagnostics& d) {
  // The model and hardware fields are shared with inference requests.
  const auto base = parse_inference_request(r, d);
  if (!base) return std::nullopt;
  TrainingRequest t;
  t.model = base->model;
  t.gpu = base->gpu;
  t.host_ram_bytes = base->host_ram_bytes;
  TrainingChoices choices;
  read(r, "method", choices.method, d);
  read(r, "precision", choices.precision, d);
  read(r, "optimizer", choices.optimizer, d);
  read(r, "checkpointing", choices.checkpointing, d);
  if (const json* p = json_util::find(r, "parallel"); p != nullptr && p->is_object()) read(*p, "sharding", choices.sharding, d, "parallel.");
  apply_training_choices(choices, t, d);
  read(r, "micro_batch", t.micro_batch, d);
  read(r, "seq_len", t.seq_len, d);
  read(r, "grad_accum", t.grad_accum, d);
  read(r, "flash_attention", t.flash_attention, d);
  read(r, "dropout", t.dropout, d);
  read(r, "chunked_loss", t.chunked_loss, d);
  read(r, "qlora_format", t.qlora_format, d);
  read(r, "train_tokens", t.train_tokens, d);
  read(r, "mfu", t.mfu, d);
  read(r, "price_per_gpu_hour", t.price_per_gpu_hour, d);
  read_framework_fields(r, t, d);
  if (const json* l = json_util::find(r, "lora"); l != nullptr && l->is_object()) {
    read(*l, "rank", t.lora_rank, d, "lora.");
    read(*l, "dtype_bytes", t.adapter_bytes, d, "lora.");
    double dropout = 0;
    read(*l, "dropout", dropout, d, "lora.");
    t.lora_dropout = dropout > 0;
    if (const json* targets = json_util::find(*l, "targets"); targets != nullptr && targets->is_array()) {
      t.lora_targets.clear();
      for (const auto& x : *targets)
        if (x.is_string()) t.lora_targets.push_back(x.get<std::string>());
    }
  }
  if (const json* p = json_util::find(r, "parallel"); p != nullptr && p->is_object()) {
    read(*p, "data", t.data_parallel, d, "parallel.");
    read(*p, "tensor", t.tensor_parallel, d, "parallel.");
    read(*p, "pipeline", t.pipeline_parallel, d, "parallel.");
    read(*p, "sequence_parallel", t.sequence_parallel, d, "parallel.");
    read(*p, "no_sync", t.fsdp_no_sync, d, "parallel.");
    read(*p, "shard_group", t.shard_group, d, "parallel.");
  }
  if (const json* o = json_util::find(r, "offload"); o != nullptr && o->is_object()) {
    read(*o, "optimizer", t.offload_optimizer, d, "offload.");
    read(*o, "params", t.offload_params, d, "offload.");
  }
  if (has_errors(d)) return std::nullopt;
  return t;
}

namespace {

// The per-device breakdown, as both inference and training results carry it.
json devices_json(const std::vector<DeviceUsage>& list) {
  json devices = json::array();
  for (const auto& dev : list) {
    json comps = json::array();
    for (const auto& x : dev.components)
      comps.push_back({{"id", x.id}, {"bytes", x.bytes}, {"transient", x.transient}, {"formula", x.formula}, {"source", x.source}});
    devices.push_back({{"device", dev.device}, {"count", dev.count}, {"capacity_bytes", dev.capacity_bytes},
                       {"total_bytes", dev.total_bytes}, {"headroom_bytes", dev.headroom_bytes}, {"components", comps}});
  }
  return devices;
}

}  // namespace

json training_to_json(const TrainingEstimate& e) {
  const json devices = devices_json(e.devices);
  return json{{"job", "training"}, {"params", e.params}, {"trainable_params", e.trainable_params}, {"peak_moment", e.peak_moment},
              {"fits", e.fits}, {"devices", devices}, {"step_flops", e.step_flops}, {"time_hours", e.time_hours},
              {"cost_usd", e.cost_usd}};
}

json estimate_to_json(const InferenceRequest& req, const InferenceEstimate& e) {
  const ParamCounts c = count_params(req.model);
  const json devices = devices_json(e.devices);
  json out{{"model", {{"name", req.model.name}, {"params_total", c.total()}, {"params_active", c.active()}}},
           {"weights", req.weight_format},
           {"weights_bytes", e.weights_bytes},
           {"kv_bytes", e.kv_bytes},
           {"fits", e.fits},
           {"devices", devices},
           {"throughput",
            {{"decode_tokens_per_s", e.throughput.decode_tokens_per_s},
             {"decode_tokens_per_s_per_seq", e.throughput.decode_tokens_per_s_per_seq},
             {"time_to_first_token_s", e.throughput.time_to_first_token_s},
             {"assumptions", e.throughput.assumptions}}}};
  if (req.engine == Engine::kVllm)
    out["vllm"] = {{"kv_cache_tokens", e.vllm_kv_cache_tokens}, {"max_concurrency", e.vllm_max_concurrency}};
  return out;
}

}  // namespace vramfit::api
