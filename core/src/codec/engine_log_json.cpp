// EngineLogRead -> JSON (the CLI's `vramfit log FILE`): every field, figures in GiB as the log printed them.
#include "codec/json_codec.h"
#include "vramfit/api_json.h"
#include "vramfit/engine_log.h"

namespace vramfit {

std::string engine_log_json(const EngineLogRead& r) {
  nlohmann::json j;
  j["ok"] = !has_errors(r.diagnostics);
  j["engine"] = r.engine;
  j["version"] = r.version;
  j["v1"] = r.v1;
  j["model"] = r.model;
  j["tensor_parallel"] = r.tensor_parallel;
  j["pipeline_parallel"] = r.pipeline_parallel;
  j["max_model_len"] = r.max_model_len;
  j["max_num_batched_tokens"] = r.max_num_batched_tokens;
  j["dtype"] = r.dtype;
  j["quantization"] = r.quantization;
  j["kv_cache_dtype"] = r.kv_cache_dtype;
  j["enforce_eager"] = r.enforce_eager < 0 ? nlohmann::json() : nlohmann::json(r.enforce_eager == 1);
  j["gpu_memory_utilization"] = r.gpu_memory_utilization;
  j["measured_gib"] = {{"total_gpu_memory", r.total_gpu_memory_gib}, {"weights", r.weights_gib},
                       {"non_torch", r.non_torch_gib}, {"consumed", r.consumed_gib}, {"activation_peak", r.activation_gib},
                       {"kv_available", r.kv_available_gib}, {"cuda_graphs", r.cuda_graph_gib},
                       {"cuda_graphs_estimate", r.cuda_graph_estimate_gib}};
  j["kv_tokens"] = r.kv_tokens;
  j["gpu_blocks"] = r.gpu_blocks;
  j["max_concurrency"] = r.max_concurrency;
  j["llama_cpp"] = {{"arch", r.arch}, {"file_type", r.file_type}, {"n_ctx", r.n_ctx}, {"n_batch", r.n_batch},
                    {"n_ubatch", r.n_ubatch}, {"n_seq_max", r.n_seq_max},
                    {"flash_attn", r.flash_attn < 0 ? nlohmann::json() : nlohmann::json(r.flash_attn == 1)},
                    {"type_k", r.type_k}, {"type_v", r.type_v}, {"layers_offloaded", r.layers_offloaded},
                    {"layers_total", r.layers_total}};
  nlohmann::json buffers = nlohmann::json::array();
  for (const LogBuffer& b : r.buffers) buffers.push_back({{"device", b.device}, {"kind", b.kind}, {"mib", b.mib}});
  j["buffers_mib"] = buffers;
  j["sglang"] = {{"mem_fraction_static", r.mem_fraction_static}, {"context_len", r.context_len},
                 {"max_running_requests", r.max_running_requests}, {"chunked_prefill_size", r.chunked_prefill_size}};
  j["refusal"] = r.refusal;
  j["scenario_query"] = engine_log_query(r);
  nlohmann::json measured = nlohmann::json::object();
  for (const MeasuredComponent& c : engine_log_measured(r)) measured[c.id] = c.bytes;
  j["measured_bytes"] = measured;
  j["lines"] = r.lines;
  j["lines_read"] = r.lines_read;
  j["diagnostics"] = api::diagnostics_json(r.diagnostics);
  return j.dump();
}

std::string read_log_json(std::string_view log_text) { return engine_log_json(read_engine_log(log_text)); }

}  // namespace vramfit
