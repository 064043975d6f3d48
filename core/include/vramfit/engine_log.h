// A serving engine's start-up output, read: what it was asked to run and what it measured (issue 19's "paste a
// log"). vLLM (V0 and V1, the lines of versions 0.2 to 0.31 as published logs print them), SGLang, llama.cpp
// (llama-server, llama-cli and the programs built on it, CUDA/ROCm/Vulkan/Metal) and Ollama. The reader never
// guesses: a figure the log does not print stays 0 (or "" / -1), and what was read is counted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vramfit/diagnostics.h"

namespace vramfit {

// One buffer llama.cpp (or Ollama) printed: "load_tensors: CUDA0 model buffer size = 4168.09 MiB".
struct LogBuffer {
  std::string device;  // "CUDA0", "CPU_Mapped", "CUDA_Host", "MTL0", "ROCm0", "Vulkan0", ...
  std::string kind;    // "model", "kv", "compute", "output", "recurrent"
  double mib = 0;
  bool operator==(const LogBuffer&) const = default;
};

struct EngineLogRead {
  std::string engine;               // "vllm", "sglang", "llama.cpp" or "ollama" (the most lines), else ""
  std::string version;              // "0.9.1" from "LLM engine (v0.9.1)" or "vLLM API server version 0.9.1"
  bool v1 = false;                  // the V1 engine (gpu_worker.py / EngineCore / "V1 LLM engine" lines)
  std::string model;                // model='...' or 'model': '...'
  int tensor_parallel = 0;          // 0: not printed
  int pipeline_parallel = 0;
  int max_model_len = 0;            // max_seq_len= / 'max_model_len': / "Maximum concurrency for N tokens"
  int max_num_batched_tokens = 0;   // "Chunked prefill is enabled with max_num_batched_tokens=N" / the args
  std::string dtype;                // dtype=torch.bfloat16 -> "bfloat16"
  std::string quantization;         // quantization=fp8 ("None" -> "")
  std::string kv_cache_dtype;       // kv_cache_dtype=auto
  int enforce_eager = -1;           // -1: not printed; 0 / 1
  double gpu_memory_utilization = 0;
  // What the engine measured, GiB as printed (0: not printed). V0's "GB" in "Loading model weights took" is
  // GiB too (the value is bytes / 2^30).
  double total_gpu_memory_gib = 0;  // "total_gpu_memory (44.42GiB)" or "Free memory on device (x/TOTAL GiB)"
  double weights_gib = 0;           // "Model loading took" / "Loading model weights took" / "model weights take"
  double non_torch_gib = 0;         // "non_torch_memory takes" / "non-torch forward increase memory:" / "GiB for non-torch memory"
  double consumed_gib = 0;          // v0.2x: "Actual usage is X GiB for consumed memory (weights + non-torch)"
  double activation_gib = 0;        // "PyTorch activation peak memory takes" / "torch peak memory increase:" / "for peak activation"
  double kv_available_gib = 0;      // "Available KV cache memory" / "the rest of the memory reserved for KV Cache is"
  double cuda_graph_gib = 0;        // "Graph capturing finished in N secs, took X GiB" / "GiB for CUDAGraph memory"
  double cuda_graph_estimate_gib = 0;  // "Estimated CUDA graph memory: X GiB total" (v0.19+)
  double kv_tokens = 0;             // "GPU KV cache size: N tokens"
  double gpu_blocks = 0;            // "# GPU blocks: N" / "# CUDA blocks: N" / "num_gpu_blocks is: N"
  double max_concurrency = 0;       // "Maximum concurrency for L tokens per request: Cx"
  // llama.cpp and Ollama (the runner prints llama.cpp's lines): settings as llama_context prints them, and each
  // buffer as printed, in order (a device may print several: the model's and its CPU_Mapped part, say).
  std::string arch;                 // print_info: arch = llama
  std::string file_type;            // print_info: file type = Q4_K - Medium
  int n_ctx = 0, n_batch = 0, n_ubatch = 0, n_seq_max = 0;
  int flash_attn = -1;              // -1: not printed (or "auto" before it resolves); 0 / 1
  std::string type_k, type_v;       // "K (q8_0): ..." of the KV size line
  int layers_offloaded = -1, layers_total = 0;  // "offloaded 29/29 layers to GPU"
  std::vector<LogBuffer> buffers;
  // SGLang: the fraction, the pool and the scheduler's summary ("max_total_num_tokens=...")
  double mem_fraction_static = 0;
  int context_len = 0, max_running_requests = 0, chunked_prefill_size = 0;
  std::string refusal;              // the refusal or out-of-memory line, trimmed to its message
  int lines = 0;                    // lines in the text
  int lines_read = 0;               // lines that gave at least one figure or setting
  Diagnostics diagnostics;          // log.not_recognised, log.no_memory_figures, log.too_large
  // Sum of the buffers of one kind (on the devices whose name starts with `device`, "" for all), MiB.
  double buffer_mib(std::string_view kind, std::string_view device = "") const {
    double s = 0;
    for (const LogBuffer& b : buffers)
      if (b.kind == kind && b.device.compare(0, device.size(), device) == 0) s += b.mib;
    return s;
  }
};

inline constexpr std::size_t kMaxLogBytes = 16u << 20;  // 16 MiB: longer pasted text is refused, not read

EngineLogRead read_engine_log(std::string_view text);

// The settings the log states, as a share link's query ("e=vllm&ctx=16384&util=0.9&n=2&vr=v0.16"): the engine, its
// release range, context, utilization or fraction, GPUs, KV type, batch sizes, CUDA graphs; a model preset when
// the log names one ("Qwen/Qwen3-8B"). Only what was printed: the rest stays as the page has it.
std::string engine_log_query(const EngineLogRead& r);

// What the engine measured on one GPU, by vramfit's component ids (weights, activations, non_torch, kv_cache,
// cuda_graphs, compute, output), in bytes: vLLM's and SGLang's per-rank figures; llama.cpp's buffers of its first
// GPU device (CUDA0, ROCm0, Vulkan0, MTL0, Metal; host buffers apart).
struct MeasuredComponent {
  std::string id;
  double bytes = 0;
  bool operator==(const MeasuredComponent&) const = default;
};
std::vector<MeasuredComponent> engine_log_measured(const EngineLogRead& r);

}  // namespace vramfit
