// Share links: the page's whole configuration as a URL query ("?m=...&w=Q4_K_M&ctx=32768"), short readable
// keys, versioned so old links keep working. Only values that differ from the defaults are written.
//
// Decoding never fails: what it cannot read (a mangled value, an unknown model, an absurd number, a link cut
// short or far too long) falls back to that field's default and is named in a diagnostic; unknown keys are
// ignored so links from newer versions still open.
#pragma once

#include <string>
#include <string_view>

#include "vramfit/diagnostics.h"
#include "vramfit/inference.h"
#include "vramfit/training.h"

#include <optional>

namespace vramfit {

inline constexpr int kShareLinkVersion = 1;
inline constexpr const char* kDefaultModelId = "meta-llama/Meta-Llama-3.1-8B";  // a popular 8B model
inline constexpr const char* kDefaultGpuId = "rtx-4090";                         // the most common 24 GB card
inline constexpr const char* kAnyGpuId = "any";  // gpu=any: "which GPUs fit?"; the estimate itself uses the default GPU
inline constexpr std::size_t kShareLinkMaxBytes = 4096;  // longer links are read up to here, and said to be cut

// Every key, in the order encode writes them:
//   v lang m arch e w hw kv ctx seq gpu mem n ngl fa cpu util attn pt nt
//   job tm prec opt mb sl ga ck cl lr lt dp tp pp sh sp oo op tok mfu usd   (fine-tuning)
//   qf qq bnb hps ns sg do ld ab fq rn ram                                    (fine-tuning: training loop details)
//   embed lock
struct ShareConfig {
  std::string lang;                     // lang: "" = follow the browser, "en", "zh-CN"
  std::string model;                    // m: a preset id; "" = the page's default model
  std::string arch;                     // arch: a custom architecture's text form (custom_arch.h), used instead
                                        // of the preset; "" = none
  std::string engine = "llama.cpp";     // e: llama.cpp | ollama | vllm | transformers | rule-of-thumb
  std::string llama_weights = "Q4_K_M"; // w: a llama.cpp file type
  std::string hf_weights = "bf16";      // hw: a checkpoint format (vLLM, transformers)
  std::string kv_type = "f16";          // kv: a ggml type name, or fp8
  int context = 8192;                   // ctx: tokens per sequence, 256..1048576
  int sequences = 1;                    // seq: concurrent sequences, 1..4096
  std::string gpu;                      // gpu: a catalog id, "custom", "any" (kAnyGpuId), or "" = the page's default GPU
  double custom_gpu_gb = 24;            // mem: GB for a custom GPU (or RAM of a CPU host), 0.5..100000
  int gpu_count = 1;                    // n: 1..1024
  int gpu_layers = -1;                  // ngl: llama.cpp -ngl, -1 = all layers, 0..1000
  bool flash_attention = true;          // fa: 0 | 1
  bool cpu_only = false;                // cpu: 0 | 1
  double gpu_memory_utilization = 0.9;  // util: vLLM, 0.05..1
  std::string attention = "sdpa";       // attn: eager | sdpa | flash_attention_2
  int prompt_tokens = 1024;             // pt: 1..16777216
  int new_tokens = 256;                 // nt: 1..16777216
  // Fine-tuning (job=training); fa is shared with inference.
  std::string job = "inference";        // job: inference | training
  std::string method = "lora";          // tm: full | lora | qlora | dora | qdora
  std::string precision = "bf16-true";  // prec: bf16-true | mixed | fp32
  std::string optimizer = "adamw";      // opt: adamw | adamw8bit | paged_adamw_8bit | paged_adamw_32bit | adafactor | sgd | sgd_momentum | lion
  int micro_batch = 1;                  // mb: 1..4096
  int seq_len = 2048;                   // sl: 16..1048576
  int grad_accum = 1;                   // ga: 1..65536
  std::string checkpointing = "none";   // ck: none | selective | full
  bool chunked_loss = false;            // cl: 0 | 1
  int lora_rank = 16;                   // lr: 1..4096
  std::string lora_targets = "q,k,v,o,gate,up,down";  // lt: comma-separated, from q k v o gate up down embed head
  int data_parallel = 1;                // dp: 1..4096
  int tensor_parallel = 1;              // tp: 1..64
  int pipeline_parallel = 1;            // pp: 1..64
  std::string sharding = "none";        // sh: none | zero1 | zero2 | zero3 | fsdp_full_shard | fsdp_shard_grad_op | fsdp_hybrid_shard
  bool sequence_parallel = false;       // sp: 0 | 1
  bool offload_optimizer = false;       // oo: 0 | 1
  bool offload_params = false;          // op: 0 | 1
  double train_tokens = 1e9;            // tok: tokens to train on, 1e3..1e16
  double mfu = 0.4;                     // mfu: model FLOPs utilisation assumed, 0.01..1
  double price_per_gpu_hour = 2.0;      // usd: per GPU-hour, 0..10000
  // Training loop details: how the framework runs the step (training.h; the JSON API's names in brackets).
  std::string qlora_format = "nf4-dq";  // qf: QLoRA base weights: nf4 | nf4-dq | fp4 | fp4-dq  [qlora_format]
  std::string qlora_quantizer = "transformers";  // qq: transformers | lightning | torchao  [qlora_quantizer]
  bool old_bitsandbytes = false;        // bnb: 0 | 1, bitsandbytes < 0.43.2 keeps 4-bit matmul inputs  [bitsandbytes_version]
  bool holds_previous_step = false;     // hps: 0 | 1, the loop holds the previous micro-step's outputs  [holds_previous_step]
  bool fsdp_no_sync = false;            // ns: 0 | 1, FSDP accumulation inside no_sync()  [parallel.no_sync]
  int shard_group = 8;                  // sg: GPUs per HYBRID_SHARD group, 1..4096  [parallel.shard_group]
  bool dropout = false;                 // do: 0 | 1, the model's dropout on (masks saved)  [dropout]
  bool lora_dropout = false;            // ld: 0 | 1, LoRA dropout p > 0  [lora.dropout]
  int adapter_bytes = 0;                // ab: 0 (as the precision sets) | 2 | 4, LoRA adapter dtype  [lora.dtype_bytes]
  bool fused_qkv = false;               // fq: 0 | 1, one fused q/k/v projection (LitGPT)  [fused_qkv]
  bool rmsnorm_fp32_input = true;       // rn: 0 | 1, eager RMSNorm saves an fp32 copy of its input  [rmsnorm_fp32_input]
  double host_ram_gb = 64;              // ram: host RAM for offload, GB, 1..100000  [host_ram_gb]
  bool embed = false;                   // embed: the compact layout for blog posts
  bool locked = false;                  // lock: an embed whose inputs the reader cannot change

  bool operator==(const ShareConfig&) const = default;
};

struct ShareDecoded {
  ShareConfig config;
  Diagnostics diagnostics;  // codes link.bad_value, link.too_long, link.newer_version, link.bad_escape
};

// The estimate request a configuration stands for: what the page, the command line (vramfit --link) and the
// JS API compute from a link. `model` replaces the preset (an imported config.json or GGUF) when given; else a
// custom architecture (arch) does.
InferenceRequest request_from_share(const ShareConfig& config, const ModelArch* model = nullptr);

// The fine-tuning request a configuration stands for (job=training), read through the JSON API's own parser so
// the page and the API agree; its diagnostics when the combination is refused.
struct TrainingFromShare {
  std::optional<TrainingRequest> request;
  Diagnostics diagnostics;
};
TrainingFromShare training_from_share(const ShareConfig& config, const ModelArch* model = nullptr);
// The same as a JSON request for estimate_json (the command line's --link, the JS API's estimateLink); a custom
// architecture goes in as its config.json object.
std::string training_request_json(const ShareConfig& config);

// The catalog id whose GPU a configuration's estimate uses: `gpu`, or the default GPU for "" and "any".
std::string catalog_id(const ShareConfig& config);

struct GpuEntry;
// Puts a catalog GPU in a request: its usable memory, bandwidth and throughput. Entries whose memory is the
// user's to set (CPU hosts, configurable Apple chips) take `typed_memory_gb`; a CPU host runs llama.cpp on the
// CPU with that much RAM.
void use_catalog_gpu(const GpuEntry& gpu, double typed_memory_gb, InferenceRequest& request);

// "v=1&m=...". Starts without '?'; empty when everything is at its default.
std::string encode_share_query(const ShareConfig& config);

// Takes a query ("?a=b&c=d" or "a=b&c=d"), a fragment ("#a=b"), or a whole URL, whose query is read.
ShareDecoded decode_share_query(std::string_view link);

// "%2F" -> "/", "+" -> " ". Invalid escapes are kept as written; `ok` (when given) turns false.
std::string percent_decode(std::string_view text, bool* ok = nullptr);
// Escapes everything but unreserved characters and '/', ':' (which ids use and a query allows).
std::string percent_encode(std::string_view text);

}  // namespace vramfit
