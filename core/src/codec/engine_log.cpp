// vLLM start-up lines -> EngineLogRead (engine_log.h). Each pattern is a literal phrase vLLM prints, with the
// file that prints it (vLLM's own sources, cited in docs/research_vllm_memory.md):
//   V0 worker.py / V1 gpu_worker.py memory profiling, model_runner.py / gpu_model_runner.py loading and graph
//   capture, kv_cache_utils.py and executor_base.py block counts, arg_utils.py / llm_engine.py config lines.
// Plain string search, no regular expressions: linear time on any input (the reader is fuzzed).
#include "vramfit/engine_log.h"

#include "codec/engine_log_util.h"

#include <cstdio>

#include "vramfit/presets.h"
#include "vramfit/share_link.h"
#include "vramfit/units.h"

namespace vramfit {
namespace {

}  // namespace

// One vLLM line; true when it gave a figure or a setting.
bool log::read_vllm_line(std::string_view line, EngineLogRead& r) {
  using namespace log;
  bool got = false;
  auto has = [&](std::string_view s) { return log::has(line, s); };
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

namespace {

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
  int counts[4] = {0, 0, 0, 0};  // lines read by vLLM's, SGLang's, llama.cpp's and Ollama's reader
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++r.lines;
    if (header_line(line)) continue;
    // Each engine's reader looks for its own phrases; a line counts for the engines that took something from it.
    const bool vllm = log::read_vllm_line(line, r), sglang = log::read_sglang_line(line, r);
    const bool llama = log::read_llamacpp_line(line, r), ollama = log::read_ollama_line(line, r);
    counts[0] += vllm;
    counts[1] += sglang;
    counts[2] += llama;
    counts[3] += ollama;
    if (vllm || sglang || llama || ollama) ++r.lines_read;
  }
  // The engine with the most lines read; Ollama's logs carry its runner's llama.cpp lines, so any Ollama line
  // makes it Ollama.
  static constexpr const char* kEngines[] = {"vllm", "sglang", "llama.cpp", "ollama"};
  const int* most = std::max_element(std::begin(counts), std::end(counts));
  if (*most > 0) r.engine = counts[3] > 0 ? "ollama" : kEngines[most - std::begin(counts)];
  const bool figures = r.weights_gib > 0 || r.kv_available_gib != 0 || r.kv_tokens > 0 || r.gpu_blocks > 0 ||
                       !r.refusal.empty() || !r.buffers.empty();
  if (r.lines_read == 0) {
    r.diagnostics.push_back({"log.not_recognised", Severity::kError, "",
                             "No start-up line of vLLM, SGLang, llama.cpp or Ollama was found."});
  } else if (!figures) {
    r.diagnostics.push_back({"log.no_memory_figures", Severity::kWarning, "",
                             "The log names its settings but none of the memory lines (weights, KV cache, blocks)."});
  }
  return r;
}

namespace {

// "0.19.1", "v0.10.2", "0.8.3rc2.dev224+g..." -> 19, 10, 8; -1 when it is not a 0.x version.
int minor_of(std::string_view version) {
  if (!version.empty() && version.front() == 'v') version.remove_prefix(1);
  if (version.size() < 3 || version[0] != '0' || version[1] != '.') return -1;
  const double m = log::number_at(version.substr(2));
  return std::isnan(m) || m > 1000 ? -1 : static_cast<int>(m);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// A llama.cpp device that is a GPU: not the host's buffers (CPU, CPU_Mapped, CUDA_Host, ROCm_Host, ...).
bool gpu_device(const std::string& d) {
  return d.rfind("CPU", 0) != 0 && d.find("_Host") == std::string::npos && d.rfind("Meta", 0) != 0;
}

// The preset a log's model names: its id ("Qwen/Qwen3-8B"), or a local folder named like one
// ("/data/models/Qwen3-8B").
const ModelPreset* log_preset(const std::string& model) {
  if (const ModelPreset* p = find_preset(model); p != nullptr) return p;
  std::string base = model.substr(model.find_last_of('/') + 1);
  if (base.empty()) return nullptr;
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
  };
  base = lower(base);
  for (const ModelPreset& p : model_presets())
    if (lower(p.id.substr(p.id.find('/') + 1)) == base) return &p;
  return nullptr;
}

}  // namespace

std::string engine_log_query(const EngineLogRead& r) {
  std::string q;
  auto add = [&](const std::string& key, const std::string& value) { q += (q.empty() ? "" : "&") + key + "=" + percent_encode(value); };
  if (r.engine.empty()) return q;
  add("e", r.engine);
  if (const ModelPreset* p = log_preset(r.model); p != nullptr) add("m", p->id);
  if (r.engine == "vllm" || r.engine == "sglang") {
    const int ctx = r.engine == "sglang" ? r.context_len : r.max_model_len;
    if (ctx > 0) add("ctx", std::to_string(ctx));
    const int gpus = std::max(1, r.tensor_parallel) * std::max(1, r.pipeline_parallel);
    if (gpus > 1) add("n", std::to_string(gpus));
    if (r.pipeline_parallel > 1) add("pp", std::to_string(r.pipeline_parallel));
    if (r.kv_cache_dtype.rfind("fp8", 0) == 0) add("kv", "fp8");
  }
  if (r.engine == "vllm") {
    if (r.gpu_memory_utilization > 0) add("util", number(r.gpu_memory_utilization));
    if (r.max_num_batched_tokens > 0) add("mbt", std::to_string(r.max_num_batched_tokens));
    if (r.enforce_eager == 1) add("cg", "0");
    const int minor = minor_of(r.version);
    if (!r.v1 && (minor < 0 || minor <= 10) && r.weights_gib > 0 && r.non_torch_gib > 0) add("vr", "v0");
    else if (minor >= 21) add("vr", "v0.21");
    else if (minor >= 17) add("vr", "v0.20");
    else if (minor >= 11) add("vr", "v0.16");
    else if (minor >= 8) add("vr", "v0.10");
    else if (minor >= 0) add("vr", "v0");
    if (r.total_gpu_memory_gib > 0) add("gpu", "custom"), add("mem", number(r.total_gpu_memory_gib * kGiB / 1e9));
  }
  if (r.engine == "sglang" && r.mem_fraction_static > 0) add("mfs", number(r.mem_fraction_static));
  if (r.engine == "llama.cpp" || r.engine == "ollama") {
    const int seqs = std::max(1, r.n_seq_max);
    if (r.n_ctx > 0) add("ctx", std::to_string(r.n_ctx / seqs));
    if (seqs > 1) add("seq", std::to_string(seqs));
    if (r.n_batch > 0 && r.engine == "llama.cpp") add("nb", std::to_string(r.n_batch));
    if (r.n_ubatch > 0) add("nub", std::to_string(r.n_ubatch));
    if (r.flash_attn >= 0) add("fa", r.flash_attn ? "1" : "0");
    if (!r.type_k.empty() && r.type_k == r.type_v) add("kv", r.type_k);
    if (r.layers_offloaded >= 0 && r.layers_total > 0)
      add("ngl", r.layers_offloaded >= r.layers_total ? "-1" : std::to_string(r.layers_offloaded));
  }
  return q;
}

std::vector<MeasuredComponent> engine_log_measured(const EngineLogRead& r) {
  std::vector<MeasuredComponent> out;
  auto add = [&](const char* id, double gib) {
    if (gib > 0) out.push_back({id, gib * kGiB});
  };
  if (r.engine == "vllm" || r.engine == "sglang") {
    add("weights", r.weights_gib);
    add("activations", r.activation_gib);
    add("non_torch", r.non_torch_gib);
    add("kv_cache", r.kv_available_gib);
    add("cuda_graphs", r.cuda_graph_gib);
    return out;
  }
  std::string first;  // the first GPU device the log names
  for (const LogBuffer& b : r.buffers)
    if (gpu_device(b.device)) {
      first = b.device;
      break;
    }
  if (first.empty()) return out;
  const std::string base = first.substr(0, first.find('_'));  // CUDA0_Split counts with CUDA0
  for (const auto& [kind_name, id_name] : {std::pair{"model", "weights"}, std::pair{"kv", "kv_cache"}, std::pair{"recurrent", "kv_cache"},
                                          std::pair{"compute", "compute"}, std::pair{"output", "output"}}) {
    const std::string kind = kind_name, id = id_name;  // named copies: a lambda below uses them
    double mib = 0;
    for (const LogBuffer& b : r.buffers)
      if (b.kind == kind && b.device.substr(0, b.device.find('_')) == base) mib += b.mib;
    if (mib <= 0) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const MeasuredComponent& c) { return c.id == id; });
    if (same != out.end()) same->bytes += mib * 1024 * 1024;
    else out.push_back({id, mib * 1024 * 1024});
  }
  return out;
}

}  // namespace vramfit
