// The JSON side of share links and catalogs, for the JS API and the command line.
#include <limits>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "api_internal.h"
#include "json_util.h"
#include "vramfit/api_json.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/model.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

using nlohmann::json;

json config_json(const ShareConfig& c) {
  return json{{"lang", c.lang}, {"model", c.model}, {"arch", c.arch}, {"engine", c.engine}, {"llama_weights", c.llama_weights},
              {"hf_weights", c.hf_weights}, {"kv_type", c.kv_type}, {"context", c.context}, {"sequences", c.sequences},
              {"gpu", c.gpu}, {"custom_gpu_gb", c.custom_gpu_gb}, {"gpu_count", c.gpu_count},
              {"gpu_layers", c.gpu_layers}, {"flash_attention", c.flash_attention}, {"cpu_only", c.cpu_only},
              {"gpu_memory_utilization", c.gpu_memory_utilization}, {"attention", c.attention},
              {"prompt_tokens", c.prompt_tokens}, {"new_tokens", c.new_tokens}, {"job", c.job}, {"method", c.method},
              {"precision", c.precision}, {"optimizer", c.optimizer}, {"micro_batch", c.micro_batch}, {"seq_len", c.seq_len},
              {"grad_accum", c.grad_accum}, {"checkpointing", c.checkpointing}, {"chunked_loss", c.chunked_loss},
              {"lora_rank", c.lora_rank}, {"lora_targets", c.lora_targets}, {"data_parallel", c.data_parallel},
              {"tensor_parallel", c.tensor_parallel}, {"pipeline_parallel", c.pipeline_parallel}, {"sharding", c.sharding},
              {"sequence_parallel", c.sequence_parallel}, {"offload_optimizer", c.offload_optimizer},
              {"offload_params", c.offload_params}, {"train_tokens", c.train_tokens}, {"mfu", c.mfu},
              {"price_per_gpu_hour", c.price_per_gpu_hour}, {"qlora_format", c.qlora_format},
              {"qlora_quantizer", c.qlora_quantizer}, {"old_bitsandbytes", c.old_bitsandbytes},
              {"holds_previous_step", c.holds_previous_step}, {"fsdp_no_sync", c.fsdp_no_sync},
              {"shard_group", c.shard_group}, {"dropout", c.dropout}, {"lora_dropout", c.lora_dropout},
              {"adapter_bytes", c.adapter_bytes}, {"fused_qkv", c.fused_qkv},
              {"rmsnorm_fp32_input", c.rmsnorm_fp32_input}, {"host_ram_gb", c.host_ram_gb},
              {"embed", c.embed}, {"locked", c.locked}};
}

// An optional field of the right JSON type; a wrong type is reported and the default kept.
template <typename T>
void take(const json& obj, const char* key, T& out, Diagnostics& d) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return;
  bool ok = false;
  if constexpr (std::is_same_v<T, bool>) ok = it->is_boolean();
  else if constexpr (std::is_same_v<T, std::string>) ok = it->is_string();
  else if constexpr (std::is_integral_v<T>)
    ok = it->is_number_integer() && it->get<long long>() >= std::numeric_limits<T>::min() &&
         it->get<long long>() <= std::numeric_limits<T>::max();
  else ok = it->is_number();
  if (ok) out = it->get<T>();
  else d.push_back({"request.bad_type", Severity::kError, key, std::string("\"") + key + "\" has the wrong type."});
}

}  // namespace

std::string share_decode_json(std::string_view link) {
  const ShareDecoded d = decode_share_query(link);
  return json{{"api_version", kApiVersion}, {"ok", true}, {"config", config_json(d.config)},
              {"diagnostics", api::diagnostics_json(d.diagnostics)}}.dump();
}

std::string share_encode_json(std::string_view config_text) {
  if (auto bad = json_util::check_shape(config_text, 1 << 16, 8))
    return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", api::diagnostics_json({*bad})}}.dump();
  const json j = json::parse(config_text.begin(), config_text.end(), nullptr, false);
  if (!j.is_object())
    return json{{"api_version", kApiVersion}, {"ok", false},
                {"errors", api::diagnostics_json({{"request.bad_request", Severity::kError, "", "The configuration must be a JSON object."}})}}.dump();
  ShareConfig c;
  Diagnostics d;
  take(j, "lang", c.lang, d);
  take(j, "model", c.model, d);
  take(j, "arch", c.arch, d);
  take(j, "engine", c.engine, d);
  take(j, "llama_weights", c.llama_weights, d);
  take(j, "hf_weights", c.hf_weights, d);
  take(j, "kv_type", c.kv_type, d);
  take(j, "context", c.context, d);
  take(j, "sequences", c.sequences, d);
  take(j, "gpu", c.gpu, d);
  take(j, "custom_gpu_gb", c.custom_gpu_gb, d);
  take(j, "gpu_count", c.gpu_count, d);
  take(j, "gpu_layers", c.gpu_layers, d);
  take(j, "flash_attention", c.flash_attention, d);
  take(j, "cpu_only", c.cpu_only, d);
  take(j, "gpu_memory_utilization", c.gpu_memory_utilization, d);
  take(j, "attention", c.attention, d);
  take(j, "prompt_tokens", c.prompt_tokens, d);
  take(j, "new_tokens", c.new_tokens, d);
  take(j, "job", c.job, d);
  take(j, "method", c.method, d);
  take(j, "precision", c.precision, d);
  take(j, "optimizer", c.optimizer, d);
  take(j, "micro_batch", c.micro_batch, d);
  take(j, "seq_len", c.seq_len, d);
  take(j, "grad_accum", c.grad_accum, d);
  take(j, "checkpointing", c.checkpointing, d);
  take(j, "chunked_loss", c.chunked_loss, d);
  take(j, "lora_rank", c.lora_rank, d);
  take(j, "lora_targets", c.lora_targets, d);
  take(j, "data_parallel", c.data_parallel, d);
  take(j, "tensor_parallel", c.tensor_parallel, d);
  take(j, "pipeline_parallel", c.pipeline_parallel, d);
  take(j, "sharding", c.sharding, d);
  take(j, "sequence_parallel", c.sequence_parallel, d);
  take(j, "offload_optimizer", c.offload_optimizer, d);
  take(j, "offload_params", c.offload_params, d);
  take(j, "train_tokens", c.train_tokens, d);
  take(j, "mfu", c.mfu, d);
  take(j, "price_per_gpu_hour", c.price_per_gpu_hour, d);
  take(j, "qlora_format", c.qlora_format, d);
  take(j, "qlora_quantizer", c.qlora_quantizer, d);
  take(j, "old_bitsandbytes", c.old_bitsandbytes, d);
  take(j, "holds_previous_step", c.holds_previous_step, d);
  take(j, "fsdp_no_sync", c.fsdp_no_sync, d);
  take(j, "shard_group", c.shard_group, d);
  take(j, "dropout", c.dropout, d);
  take(j, "lora_dropout", c.lora_dropout, d);
  take(j, "adapter_bytes", c.adapter_bytes, d);
  take(j, "fused_qkv", c.fused_qkv, d);
  take(j, "rmsnorm_fp32_input", c.rmsnorm_fp32_input, d);
  take(j, "host_ram_gb", c.host_ram_gb, d);
  take(j, "embed", c.embed, d);
  take(j, "locked", c.locked, d);
  if (has_errors(d)) return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", api::diagnostics_json(d)}}.dump();
  // Encode what was given, then read it back: values a link cannot carry are named, as a pasted link would be.
  const std::string query = encode_share_query(c);
  const ShareDecoded back = decode_share_query(query);
  return json{{"api_version", kApiVersion}, {"ok", true}, {"query", encode_share_query(back.config)},
              {"diagnostics", api::diagnostics_json(back.diagnostics)}}.dump();
}

std::string estimate_link_json(std::string_view link) {
  const ShareDecoded d = decode_share_query(link);
  if (d.config.job == "training") {  // through the JSON API, so the link and the request agree byte for byte
    json result = json::parse(estimate_json(training_request_json(d.config)), nullptr, false);
    if (d.diagnostics.empty() || result.is_discarded()) return result.dump();
    json& list = result[result.value("ok", false) ? "diagnostics" : "errors"];
    json merged = api::diagnostics_json(d.diagnostics);
    for (auto& x : list) merged.push_back(x);
    list = merged;
    return result.dump();
  }
  const InferenceRequest request = request_from_share(d.config);
  InferenceEstimate e = estimate_inference(request);
  e.diagnostics.insert(e.diagnostics.begin(), d.diagnostics.begin(), d.diagnostics.end());
  return estimate_result_json(request, e);
}

std::string catalog_json(std::string_view which) {
  json out = json::array();
  if (which == "gpus") {
    for (const GpuEntry& g : gpu_catalog()) {
      auto known = [](double v) { return v > 0 ? json(v) : json(nullptr); };
      out.push_back({{"id", g.id}, {"name", g.name}, {"vendor", g.vendor}, {"segment", g.segment},
                     {"memory_bytes", known(g.memory_bytes)}, {"usable_memory_bytes", known(g.usable_memory_bytes)},
                     {"memory_type", g.memory_type}, {"bandwidth_gb_s", known(g.bandwidth_gb_s)},
                     {"dense_fp16_tflops", known(g.dense_fp16_tflops)}, {"dense_fp8_tflops", known(g.dense_fp8_tflops)},
                     {"tdp_w", known(g.tdp_w)}, {"price_usd", known(g.price_usd)}, {"price_kind", g.price_kind},
                     {"price_date", g.price_date}, {"launch_year", g.launch_year > 0 ? json(g.launch_year) : json(nullptr)},
                     {"unified_memory", g.unified_memory}, {"source", g.source}});
    }
  } else if (which == "models") {
    for (const ModelPreset& p : model_presets()) {
      const ParamCounts c = count_params(p.arch);
      out.push_back({{"id", p.id}, {"name", p.name}, {"family", p.family}, {"params_total", c.total()},
                     {"params_active", c.active()}, {"official_params", p.official_params},
                     {"checkpoint_format", p.checkpoint_format}, {"max_context", p.arch.max_context},
                     {"config_source", p.config_source}});
    }
  } else {
    return json{{"api_version", kApiVersion}, {"ok", false},
                {"errors", api::diagnostics_json({{"request.unknown_catalog", Severity::kError, "", "The catalog is \"gpus\" or \"models\"."}})}}.dump();
  }
  return json{{"api_version", kApiVersion}, {"ok", true}, {"items", out}}.dump();
}

}  // namespace vramfit
