// A serving engine's start-up output, read: what it was asked to run and what it measured (issue 19's "paste a
// log"). vLLM only so far, V0 and V1, the lines of versions 0.2 to 0.29 as published logs print them. The reader
// never guesses: a figure the log does not print stays 0 (or "" / -1), and what was read is counted.
#pragma once

#include <string>
#include <string_view>

#include "vramfit/diagnostics.h"

namespace vramfit {

struct EngineLogRead {
  std::string engine;               // "vllm" when vLLM lines were recognised, else ""
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
  std::string refusal;              // the refusal or out-of-memory line, trimmed to its message
  int lines = 0;                    // lines in the text
  int lines_read = 0;               // lines that gave at least one figure or setting
  Diagnostics diagnostics;          // log.not_recognised, log.no_memory_figures, log.too_large
};

inline constexpr std::size_t kMaxLogBytes = 16u << 20;  // 16 MiB: longer pasted text is refused, not read

EngineLogRead read_engine_log(std::string_view text);

}  // namespace vramfit
