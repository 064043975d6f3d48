// vLLM start-up lines -> EngineLogRead (engine_log.h). Each pattern is a literal phrase vLLM prints, with the
// file that prints it (vLLM's own sources, cited in docs/research_vllm_memory.md):
//   V0 worker.py / V1 gpu_worker.py memory profiling, model_runner.py / gpu_model_runner.py loading and graph
//   capture, kv_cache_utils.py and executor_base.py block counts, arg_utils.py / llm_engine.py config lines.
// Plain string search, no regular expressions: linear time on any input (the reader is fuzzed).
#include "vramfit/engine_log.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace vramfit {
namespace {

// A decimal number at the start of s (digits, thousands commas, one '.'); nullopt-like NaN when there is none.
double number_at(std::string_view s) {
  char buf[48];
  std::size_t n = 0;
  if (!s.empty() && s.front() == '-') {  // "Available KV cache memory: -2.14 GiB"
    buf[n++] = '-';
    s.remove_prefix(1);
  }
  bool dot = false, digits = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if (c == ',' && digits && !dot) {
      continue;  // "46,368 tokens"
    } else {
      break;
    }
    if (n + 1 >= sizeof buf) return NAN;
    buf[n++] = c;
  }
  if (!digits) return NAN;
  buf[n] = '\0';
  return std::strtod(buf, nullptr);
}

// The number right after `key` in `line` (spaces skipped); NaN when the key or the number is absent.
double after(std::string_view line, std::string_view key) {
  const auto at = line.find(key);
  if (at == std::string_view::npos) return NAN;
  std::string_view rest = line.substr(at + key.size());
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '(')) rest.remove_prefix(1);
  return number_at(rest);
}

// The value after `key` up to the first of `ends` ("model='x'," -> "x" with key "model='" and end '\'').
std::string text_after(std::string_view line, std::string_view key, std::string_view ends) {
  const auto at = line.find(key);
  if (at == std::string_view::npos) return {};
  std::string_view rest = line.substr(at + key.size());
  const auto end = rest.find_first_of(ends);
  return std::string(rest.substr(0, std::min(end, std::size_t{256})));
}

bool set(double& field, double v) {
  if (std::isnan(v)) return false;
  field = v;
  return true;
}
bool set_int(int& field, double v) {
  if (std::isnan(v) || v < 0 || v > 1e9) return false;
  field = static_cast<int>(v);
  return true;
}

// One line; true when it gave a figure or a setting.
bool read_line(std::string_view line, EngineLogRead& r) {
  bool got = false;
  auto has = [&](std::string_view s) { return line.find(s) != std::string_view::npos; };
  if (has("gpu_worker.py") || has("EngineCore") || has("V1 LLM engine") || has("gpu_model_runner.py") ||
      has("kv_cache_utils.py"))
    r.v1 = true;
  if (has("LLM engine (v")) {
    r.version = text_after(line, "LLM engine (v", ")");
    got = true;
  } else if (has("vLLM API server version ")) {
    r.version = text_after(line, "vLLM API server version ", " \t\r");
    got = true;
  } else if (has("\xe2\x96\x84\xe2\x96\x80 \xe2\x96\x88") && has(" version ")) {  // the start-up banner: "... ▄▀ █  version 0.19.0"
    r.version = text_after(line, " version ", " \t\r");
    got = !r.version.empty();
  }
  // The engine config line ("with config: model='...', ..., dtype=torch.bfloat16, max_seq_len=40960, ...") and
  // the API server's "non-default args: {'model': '...', 'max_model_len': 32768, ...}".
  if (has("with config:") || has("non-default args:")) {
    if (std::string m = text_after(line, "model='", "'"); !m.empty()) r.model = m;
    if (std::string m = text_after(line, "'model': '", "'"); !m.empty()) r.model = m;
    set_int(r.max_model_len, after(line, "max_seq_len="));
    set_int(r.max_model_len, after(line, "'max_model_len':"));
    set_int(r.tensor_parallel, after(line, "tensor_parallel_size="));
    set_int(r.tensor_parallel, after(line, "'tensor_parallel_size':"));
    set_int(r.pipeline_parallel, after(line, "pipeline_parallel_size="));
    set_int(r.pipeline_parallel, after(line, "'pipeline_parallel_size':"));
    set(r.gpu_memory_utilization, after(line, "'gpu_memory_utilization':"));
    if (std::string d = text_after(line, "dtype=torch.", ",) "); !d.empty()) r.dtype = d;
    if (std::string q = text_after(line, "quantization=", ", "); !q.empty()) r.quantization = q == "None" ? "" : q;
    if (std::string k = text_after(line, "kv_cache_dtype=", ", "); !k.empty()) r.kv_cache_dtype = k;
    if (std::string k = text_after(line, "'kv_cache_dtype': '", "'"); !k.empty()) r.kv_cache_dtype = k;
    if (has("enforce_eager=True") || has("'enforce_eager': True")) r.enforce_eager = 1;
    else if (has("enforce_eager=False")) r.enforce_eager = 0;
    got = true;
  }
  got |= set_int(r.max_num_batched_tokens, after(line, "max_num_batched_tokens="));
  got |= set_int(r.max_num_batched_tokens, after(line, "'max_num_batched_tokens':"));
  got |= set(r.weights_gib, after(line, "Model loading took"));
  got |= set(r.weights_gib, after(line, "Loading model weights took"));
  got |= set(r.weights_gib, after(line, "model weights take"));
  got |= set(r.non_torch_gib, after(line, "non_torch_memory takes"));
  got |= set(r.activation_gib, after(line, "PyTorch activation peak memory takes"));
  // V1's DEBUG profile line (gpu_worker.py): "torch peak memory increase: 1.40GiB; non-torch forward increase
  // memory: 0.02GiB; weights memory: 8.80GiB".
  got |= set(r.activation_gib, after(line, "torch peak memory increase:"));
  got |= set(r.non_torch_gib, after(line, "non-torch forward increase memory:"));
  got |= set(r.weights_gib, after(line, "weights memory:"));
  // The start-up summary (gpu_worker.py, v0.1x: "Actual usage is 27.72 GiB for weight, 1.4 GiB for peak activation,
  // 0.21 GiB for non-torch memory, and 3.45 GiB for CUDAGraph memory"; v0.2x: "Actual usage is 15.26 GiB for
  // consumed memory (weights + non-torch), 1.44 GiB for peak activation, and 0.23 GiB for CUDAGraph memory") and its
  // "Desired GPU memory utilization is (0.92, 72.91 GiB)".
  if (has("Actual usage is ")) {
    const auto at = line.find("Actual usage is ");
    const std::string_view rest = line.substr(at + 16);
    const double first = number_at(rest);
    if (rest.find("GiB for weight,") != std::string_view::npos) got |= set(r.weights_gib, first);
    if (rest.find("GiB for consumed memory") != std::string_view::npos) got |= set(r.consumed_gib, first);
    for (std::string_view tail : {" GiB for peak activation", " GiB for non-torch memory", " GiB for CUDAGraph memory"}) {
      const auto end = rest.find(tail);
      if (end == std::string_view::npos) continue;
      const auto start = rest.find_last_of(" ,", end - 1);
      const double v = number_at(rest.substr(start == std::string_view::npos ? 0 : start + 1));
      double& field = tail[9] == 'p' ? r.activation_gib : tail[9] == 'n' ? r.non_torch_gib : r.cuda_graph_gib;
      got |= set(field, v);
    }
  }
  if (has("Desired GPU memory utilization is ("))
    got |= set(r.gpu_memory_utilization, after(line, "Desired GPU memory utilization is ("));
  got |= set(r.kv_available_gib, after(line, "the rest of the memory reserved for KV Cache is"));
  got |= set(r.kv_available_gib, after(line, "Available KV cache memory:"));
  got |= set(r.total_gpu_memory_gib, after(line, "total_gpu_memory"));
  if (has("gpu_memory_utilization (")) got |= set(r.gpu_memory_utilization, after(line, "gpu_memory_utilization ("));
  // "The current --gpu-memory-utilization=0.9764 is equivalent to ..." (v0.21+).
  if (has("The current --gpu-memory-utilization="))
    got |= set(r.gpu_memory_utilization, after(line, "The current --gpu-memory-utilization="));
  if (has("Free memory on device (")) {  // "(free/total GiB)"
    const auto at = line.find("Free memory on device (");
    const auto slash = line.find('/', at);
    if (slash != std::string_view::npos) got |= set(r.total_gpu_memory_gib, number_at(line.substr(slash + 1)));
  }
  if (has("Graph capturing finished")) got |= set(r.cuda_graph_gib, after(line, ", took"));
  got |= set(r.cuda_graph_estimate_gib, after(line, "Estimated CUDA graph memory:"));
  got |= set(r.kv_tokens, after(line, "GPU KV cache size:"));
  got |= set(r.gpu_blocks, after(line, "# GPU blocks:"));
  got |= set(r.gpu_blocks, after(line, "# CUDA blocks:"));
  got |= set(r.gpu_blocks, after(line, "# cuda blocks:"));
  got |= set(r.gpu_blocks, after(line, "num_gpu_blocks is:"));
  if (has("Maximum concurrency for")) {
    set_int(r.max_model_len, after(line, "Maximum concurrency for"));
    got |= set(r.max_concurrency, after(line, "tokens per request:"));
  }
  // Refusals and start-up failures, as vLLM words them (V1 kv_cache_utils.py, V0 worker.py, torch's OOM).
  for (std::string_view phrase : {"No available memory for the cache blocks", "KV cache is needed, which is larger than",
                                  "is larger than the maximum number of tokens that can be stored in KV cache",
                                  "CUDA out of memory", "on startup is less than desired GPU memory utilization"}) {
    const auto at = line.find(phrase);
    if (at == std::string_view::npos || !r.refusal.empty()) continue;
    // From the start of the sentence: back to "Error: " when the line has one.
    auto from = line.rfind("Error: ", at);
    from = from == std::string_view::npos ? at : from + 7;
    r.refusal = std::string(line.substr(from, std::min<std::size_t>(line.size() - from, 400)));
    got = true;
  }
  return got;
}

// "# source: ...", "# note: ...": a reference file's own header (tests/data/engine_logs), not engine output. vLLM's
// "# GPU blocks: N" starts with a capital.
bool header_line(std::string_view line) {
  if (line.size() < 4 || line[0] != '#' || line[1] != ' ') return false;
  std::size_t i = 2;
  while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || line[i] == '_')) ++i;
  return i > 2 && i < line.size() && line[i] == ':';
}

}  // namespace

EngineLogRead read_engine_log(std::string_view text) {
  EngineLogRead r;
  if (text.size() > kMaxLogBytes) {
    r.diagnostics.push_back({"log.too_large", Severity::kError, "",
                             "The text is longer than 16 MiB; paste the start-up part of the log."});
    return r;
  }
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++r.lines;
    if (header_line(line)) continue;
    if (read_line(line, r)) ++r.lines_read;
  }
  const bool figures = r.weights_gib > 0 || r.kv_available_gib != 0 || r.kv_tokens > 0 || r.gpu_blocks > 0 ||
                       !r.refusal.empty();
  if (r.lines_read > 0) r.engine = "vllm";
  if (r.lines_read == 0) {
    r.diagnostics.push_back({"log.not_recognised", Severity::kError, "",
                             "No vLLM start-up line was found (vramfit reads vLLM's start-up output so far)."});
  } else if (!figures) {
    r.diagnostics.push_back({"log.no_memory_figures", Severity::kWarning, "",
                             "The log names its settings but none of the memory lines (weights, KV cache, blocks)."});
  }
  return r;
}

}  // namespace vramfit
