// SGLang start-up lines -> EngineLogRead (engine_log.h), as its scheduler and model runner print them
// (docs/research_sglang_memory.md section 6 names the code that prints each): "Load weight end. ... mem usage=X GB",
// "KV Cache is allocated. #tokens: N, K size: X GB, V size: Y GB" (MLA: "KV size: X GB"), "Capture cuda graph
// end. ... mem usage=X GB", "max_total_num_tokens=N, chunked_prefill_size=..., max_running_requests=...,
// context_len=..." and the server_args=ServerArgs(...) line. SGLang's "GB" are GiB (bytes / 2^30).
#include "codec/engine_log_util.h"

namespace vramfit::log {

bool read_sglang_line(std::string_view line, EngineLogRead& r) {
  bool got = false;
  if (has(line, "Load weight end.") || has(line, "Memory pool end.") || has(line, "Capture cuda graph begin.")) got = true;
  if (has(line, "Load weight end.")) set(r.weights_gib, after(line, "mem usage="));
  if (has(line, "KV Cache is allocated.")) {
    got |= set(r.kv_tokens, after(line, "#tokens:"));
    const double k = after(line, "K size:"), v = after(line, "V size:"), kv = after(line, "KV size:");
    if (!std::isnan(k) && !std::isnan(v)) got |= set(r.kv_available_gib, k + v);
    else got |= set(r.kv_available_gib, kv);
  }
  if (has(line, "Capture cuda graph end.")) got |= set(r.cuda_graph_gib, after(line, "mem usage="));
  if (has(line, "max_total_num_tokens=")) {
    got |= set(r.kv_tokens, after(line, "max_total_num_tokens="));
    set_int(r.chunked_prefill_size, after(line, "chunked_prefill_size="));
    set_int(r.max_running_requests, after(line, "max_running_requests="));
    set_int(r.context_len, after(line, "context_len="));
  }
  if (has(line, "ServerArgs(")) {
    if (std::string m = text_after(line, "model_path='", "'"); !m.empty()) r.model = m;
    got |= set(r.mem_fraction_static, after(line, "mem_fraction_static="));
    set_int(r.tensor_parallel, after(line, "tp_size="));
    set_int(r.pipeline_parallel, after(line, "pp_size="));
    set_int(r.context_len, after(line, "context_length="));
    if (std::string k = text_after(line, "kv_cache_dtype='", "'"); !k.empty()) r.kv_cache_dtype = k;
    if (std::string q = text_after(line, "quantization='", "'"); !q.empty()) r.quantization = q;
    got = true;
  }
  for (std::string_view phrase : {"Not enough memory. Please try to increase --mem-fraction-static",
                                  "Not enough memory"}) {
    const std::size_t at = line.find(phrase);
    if (at == std::string_view::npos || !r.refusal.empty()) continue;
    r.refusal = std::string(line.substr(at, std::min<std::size_t>(line.size() - at, 400)));
    got = true;
  }
  return got;
}

}  // namespace vramfit::log
