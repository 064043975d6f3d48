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

namespace vramfit {

inline constexpr int kShareLinkVersion = 1;
inline constexpr const char* kDefaultModelId = "meta-llama/Meta-Llama-3.1-8B";  // a popular 8B model
inline constexpr const char* kDefaultGpuId = "rtx-4090";                         // the most common 24 GB card
inline constexpr std::size_t kShareLinkMaxBytes = 4096;  // longer links are read up to here, and said to be cut

// Every key, in the order encode writes them:
//   v lang m e w hw kv ctx seq gpu mem n ngl fa cpu util attn pt nt embed lock
struct ShareConfig {
  std::string lang;                     // lang: "" = follow the browser, "en", "zh-CN"
  std::string model;                    // m: a preset id; "" = the page's default model
  std::string engine = "llama.cpp";     // e: llama.cpp | ollama | vllm | transformers | rule-of-thumb
  std::string llama_weights = "Q4_K_M"; // w: a llama.cpp file type
  std::string hf_weights = "bf16";      // hw: a checkpoint format (vLLM, transformers)
  std::string kv_type = "f16";          // kv: a ggml type name, or fp8
  int context = 8192;                   // ctx: tokens per sequence, 256..1048576
  int sequences = 1;                    // seq: concurrent sequences, 1..4096
  std::string gpu;                      // gpu: a catalog id, "custom", or "" = the page's default GPU
  double custom_gpu_gb = 24;            // mem: GB for a custom GPU (or RAM of a CPU host), 0.5..100000
  int gpu_count = 1;                    // n: 1..1024
  int gpu_layers = -1;                  // ngl: llama.cpp -ngl, -1 = all layers, 0..1000
  bool flash_attention = true;          // fa: 0 | 1
  bool cpu_only = false;                // cpu: 0 | 1
  double gpu_memory_utilization = 0.9;  // util: vLLM, 0.05..1
  std::string attention = "sdpa";       // attn: eager | sdpa | flash_attention_2
  int prompt_tokens = 1024;             // pt: 1..16777216
  int new_tokens = 256;                 // nt: 1..16777216
  bool embed = false;                   // embed: the compact layout for blog posts
  bool locked = false;                  // lock: an embed whose inputs the reader cannot change

  bool operator==(const ShareConfig&) const = default;
};

struct ShareDecoded {
  ShareConfig config;
  Diagnostics diagnostics;  // codes link.bad_value, link.too_long, link.newer_version, link.bad_escape
};

// The estimate request a configuration stands for: what the page, the command line (vramfit --link) and the
// JS API compute from a link. `model` replaces the preset (an imported config.json or GGUF) when given.
InferenceRequest request_from_share(const ShareConfig& config, const ModelArch* model = nullptr);

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
