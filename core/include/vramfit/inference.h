// Inference memory: per-device breakdown of what an engine allocates for a model, precision and workload.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/model.h"

namespace vramfit {

enum class Engine { kLlamaCpp, kVllm, kSglang, kTransformers, kRuleOfThumb };
enum class AttentionImpl { kEager, kSdpa, kFlash };  // transformers' attn_implementation

struct Gpu {
  std::string name = "GPU";
  double memory_bytes = 24e9;        // as the driver reports it (usable)
  double bandwidth_gb_s = 1008;      // memory bandwidth, GB/s
  double dense_fp16_tflops = 165;    // dense tensor throughput at fp16/bf16
  double in_use_bytes = 0;           // held by other programs before the engine starts (the desktop, other processes)
  bool unified_memory = false;       // Apple silicon and other shared-memory machines
  SharedMemoryRule shared_rule = SharedMemoryRule::kAppleMetal;  // with unified_memory: how much the GPU may hold
  double rent_usd_per_hour = 0;      // the catalog's cloud price per GPU-hour (median of providers); 0 unknown
};

struct InferenceRequest {
  ModelArch model;
  Engine engine = Engine::kLlamaCpp;
  std::string weight_format = "Q4_K_M";  // llama.cpp: a file type (Q4_K_M) or ggml type (q8_0, f16);
                                         // others: bf16, fp16, fp8, int8, nf4, nf4-dq, gptq-4b-g128, awq-4b-g128, mxfp4
  std::string kv_type = "f16";           // f32, f16, bf16, fp8 (vLLM), q8_0, q4_0, q4_1, q5_0, q5_1, iq4_nl (llama.cpp)
  int context_tokens = 4096;             // per sequence (llama.cpp n_ctx per sequence; vLLM max_model_len)
  int sequences = 1;                     // concurrent sequences (batch)

  // llama.cpp / Ollama
  bool cpu_only = false;                 // CPU backend, everything in RAM
  int gpu_layers = -1;                   // -ngl; -1 = all layers and the output layer
  int n_cpu_moe = 0;                     // --n-cpu-moe: the first N layers' routed experts stay in host RAM
                                         // (N >= the layers: --cpu-moe, every expert)
  int n_batch = 2048;
  int n_ubatch = 512;
  bool flash_attention = true;           // llama.cpp's default "auto" turns it on where supported
  bool swa_full = false;                 // llama.cpp --swa-full
  bool kv_unified = false;               // one KV stream for all sequences (Ollama; llama.cpp --kv-unified)
  bool llama_legacy = false;             // llama.cpp of early 2024 (b2459): n_ctx padded to 32, logits for
                                         // n_batch rows, no CPU repacking, smaller graphs

  // vLLM
  double gpu_memory_utilization = 0.9;
  int max_num_batched_tokens = 8192;
  int max_num_seqs = 256;
  bool cuda_graphs = true;               // false = --enforce-eager
  int vllm_minor = 21;                   // the vLLM 0.x release whose rules apply (21: v0.21 and later; 20: v0.17 -
                                         // v0.20; 16: v0.11 - v0.16; 10: v0.8 - v0.10; 7: the V0 engine), docs/research_vllm_versions.md

  // SGLang
  double mem_fraction_static = 0;        // --mem-fraction-static; 0: SGLang's default rule for the GPU and TP

  // transformers
  int prompt_tokens = 1024;
  int new_tokens = 256;
  AttentionImpl attention = AttentionImpl::kSdpa;
  int unquantized_bytes = 2;             // torch_dtype of modules left unquantised (4 when loaded without one)

  // Speculative decoding: a draft model (llama.cpp -md: its weights, and per server slot a context of n_ctx / -np
  // tokens; vLLM --speculative-config: its weights and its layers' KV in the same pool)
  std::optional<ModelArch> draft;
  std::string draft_weight_format;       // llama.cpp file type of the draft ("" = weight_format)
  bool ollama = false;                   // llama.cpp as Ollama runs it (no draft models there)
  bool macos_26 = false;                 // Apple GPUs run macOS 26: Metal's larger default working set

  // Imported files: exact bytes instead of the parameter count times the format's size
  std::optional<LlamaWeights> gguf_weights;  // llama.cpp: per-layer bytes of a GGUF's tensor index (read_gguf)
  double checkpoint_bytes = 0;           // vLLM / transformers: tensor bytes of the safetensors checkpoint as
                                         // stored, used when > 0 (only right when loaded in its own format)

  // Parallelism and hardware
  int tensor_parallel = 1;
  int pipeline_parallel = 1;
  Gpu gpu;
  int gpu_count = 1;                     // GPUs available; TP x PP of them are used per replica
  double host_ram_bytes = 64e9;
  double host_bandwidth_gb_s = 60;       // system RAM bandwidth (CPU-only decoding); ~dual-channel DDR5
};

// One named memory component. Its formula text carries the values filled in.
struct Component {
  std::string id;        // "weights", "kv_cache", "compute", "output", "cuda_context", "activations", ...
  double bytes = 0;
  bool transient = false;  // a peak that combines with other transients by max, not +
  std::string formula;   // "32 layers x 4096 cells x 1024 x 2 B x 2 (K, V)"
  std::string source;    // where the formula comes from
};

inline constexpr const char* kHostDevice = "host";  // DeviceUsage::device of system RAM

struct DeviceUsage {
  std::string device;    // "gpu0", "gpu1", ..., "host"; "gpu0-7" for identical tensor-parallel ranks
  bool host = false;     // system RAM (device "host"), not a GPU
  int count = 1;         // identical devices this entry stands for
  double capacity_bytes = 0;
  std::vector<Component> components;
  double total_bytes = 0;     // persistent components + the largest transient
  double headroom_bytes = 0;  // capacity - total (negative: short)
};

struct Throughput {
  double decode_tokens_per_s = 0;        // all sequences together
  double decode_tokens_per_s_per_seq = 0;
  double time_to_first_token_s = 0;      // prefill of one context-length prompt
  std::string assumptions;
};

struct InferenceEstimate {
  std::vector<DeviceUsage> devices;      // GPUs first, then host RAM
  double weights_bytes = 0;              // all weights, whichever device holds them
  double kv_bytes = 0;                   // all KV cache / recurrent state
  double host_expert_bytes = 0;          // llama.cpp: routed experts kept in host RAM (--n-cpu-moe) by GPU layers
  bool fits = false;                     // every device within capacity
  // vLLM's and SGLang's KV pool: the tokens it holds, and requests of context_tokens that fit at once
  double kv_pool_tokens = 0;
  double kv_pool_concurrency = 0;
  Throughput throughput;
  Diagnostics diagnostics;
};

InferenceEstimate estimate_inference(const InferenceRequest& request);

// SGLang's mem_fraction_static for the request: the one given, else SGLang's default rule for the GPU and TP x PP.
double sglang_mem_fraction(const InferenceRequest& request);

// Decode and prefill speed of an estimate on the request's GPU (estimate_inference fills est.throughput with it):
// what-fits re-uses one memory estimate across GPUs that differ only in speed.
Throughput estimate_throughput(const InferenceRequest& request, const InferenceEstimate& estimate);

// Sums persistent components and adds the largest transient one: transient peaks do not coexist.
double device_total(const std::vector<Component>& components);

// An error that says the engine would not start on this hardware (vLLM: no room for the KV cache, max_model_len
// beyond what fits, or too little free memory at start), as against settings it refuses anywhere.
inline bool refused_by_hardware(const Diagnostic& d) {
  return d.severity == Severity::kError &&
         (d.code == "vllm.no_kv_room" || d.code == "vllm.max_model_len_too_long" || d.code == "vllm.not_enough_free");
}

}  // namespace vramfit
