// Scenario: the one input type. The whole question ("this model, this job, this hardware") as the page holds
// it, a share link carries it, the JSON API and the command line read it. It is the only home of defaults.
//
// Every field is described once in the field table (scenario_fields()): its link key, JSON name, command-line
// flag, help, unit and limits or choices. Links, JSON, flags, --help, the page's widget limits and validation
// all read that table, so a value is either kept exactly or refused with the reason, the same everywhere.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vramfit {

inline constexpr const char* kDefaultModelId = "meta-llama/Meta-Llama-3.1-8B";  // a popular 8B model
inline constexpr const char* kDefaultGpuId = "rtx-4090";                         // the most common 24 GB card
inline constexpr const char* kAnyGpuId = "any";     // gpu=any: "which GPUs fit?"; the estimate uses the default GPU
inline constexpr const char* kCustomGpuId = "custom";  // gpu=custom: a GPU of `custom_gpu_gb`

// Choices. Each enum's names (the words links, JSON and flags use) are in choice_names<E>(), in enum order.
enum class Job : std::uint8_t { kInference, kTraining };
enum class EngineChoice : std::uint8_t { kLlamaCpp, kOllama, kVllm, kSglang, kTransformers, kRuleOfThumb };
enum class AttentionChoice : std::uint8_t { kEager, kSdpa, kFlashAttention2 };
enum class MethodChoice : std::uint8_t { kFull, kLora, kQlora, kDora, kQdora };
enum class PrecisionChoice : std::uint8_t { kBf16True, kMixed, kFp32 };
enum class OptimizerChoice : std::uint8_t {
  kAdamW, kAdamW8bit, kPagedAdamW8bit, kPagedAdamW32bit, kAdafactor, kSgd, kSgdMomentum, kLion
};
enum class CheckpointingChoice : std::uint8_t { kNone, kSelective, kFull };
enum class ShardingChoice : std::uint8_t {
  kNone, kZero1, kZero2, kZero3, kFsdpFullShard, kFsdpShardGradOp, kFsdpHybridShard
};
enum class QloraFormatChoice : std::uint8_t { kNf4, kNf4Dq, kFp4, kFp4Dq };
enum class QloraQuantizerChoice : std::uint8_t { kTransformers, kLightning, kTorchao };
enum class LlamaReleaseChoice : std::uint8_t { kV050, kB2459 };       // llama.cpp v0.5.0 (default) or b2459 (March 2024)
// Ollama release modelled (docs/research_ollama_llamaserver_defaults.md): v0.30 and later run upstream llama-server
// with -c num_ctx x np -np np (np streams, not one unified cache); v0.29 and earlier, Ollama's own runner with one
// unified KV stream.
enum class OllamaReleaseChoice : std::uint8_t { kV030, kV029 };
// The macOS a Mac runs: 13-15 (Metal gives the GPU 2/3 or 3/4 of RAM, rule A) or 26 (74-87%, rule B;
// docs/research_usable_memory.md). 13-15 by default: the lower of the two when the OS is not known.
enum class MacosChoice : std::uint8_t { kMacos15, kMacos26 };
enum class TorchDtypeChoice : std::uint8_t { kBfloat16, kFloat16, kFloat32 };  // transformers' torch_dtype
// vLLM release modelled, each name the newest of its range (docs/research_vllm_versions.md): v0.21 and later
// (default), v0.17 - v0.20, v0.11 - v0.16, v0.8 - v0.10 (V1), the V0 engine (v0.7 and before, or VLLM_USE_V1=0).
enum class VllmReleaseChoice : std::uint8_t { kV021, kV020, kV016, kV010, kV0 };

template <typename E> constexpr std::span<const std::string_view> choice_names();
// The names, in enum order.
namespace choice {
inline constexpr std::array<std::string_view, 2> kJobNames = {"inference", "training"};
inline constexpr std::array<std::string_view, 6> kEngineNames = {"llama.cpp", "ollama", "vllm", "sglang", "transformers", "rule-of-thumb"};
inline constexpr std::array<std::string_view, 3> kAttentionNames = {"eager", "sdpa", "flash_attention_2"};
inline constexpr std::array<std::string_view, 5> kMethodNames = {"full", "lora", "qlora", "dora", "qdora"};
inline constexpr std::array<std::string_view, 3> kPrecisionNames = {"bf16-true", "mixed", "fp32"};
inline constexpr std::array<std::string_view, 8> kOptimizerNames = {"adamw", "adamw8bit", "paged_adamw_8bit", "paged_adamw_32bit",
                                                             "adafactor", "sgd", "sgd_momentum", "lion"};
inline constexpr std::array<std::string_view, 3> kCheckpointingNames = {"none", "selective", "full"};
inline constexpr std::array<std::string_view, 7> kShardingNames = {"none", "zero1", "zero2", "zero3", "fsdp_full_shard",
                                                            "fsdp_shard_grad_op", "fsdp_hybrid_shard"};
inline constexpr std::array<std::string_view, 4> kQloraFormatNames = {"nf4", "nf4-dq", "fp4", "fp4-dq"};
inline constexpr std::array<std::string_view, 3> kQloraQuantizerNames = {"transformers", "lightning", "torchao"};
inline constexpr std::array<std::string_view, 2> kLlamaReleaseNames = {"v0.5.0", "b2459"};
inline constexpr std::array<std::string_view, 2> kOllamaReleaseNames = {"v0.30", "v0.29"};
inline constexpr std::array<std::string_view, 2> kMacosNames = {"15", "26"};
inline constexpr std::array<std::string_view, 3> kTorchDtypeNames = {"bfloat16", "float16", "float32"};
inline constexpr std::array<std::string_view, 5> kVllmReleaseNames = {"v0.21", "v0.20", "v0.16", "v0.10", "v0"};
}  // namespace choice
template <> constexpr std::span<const std::string_view> choice_names<Job>() { return choice::kJobNames; }
template <> constexpr std::span<const std::string_view> choice_names<EngineChoice>() { return choice::kEngineNames; }
template <> constexpr std::span<const std::string_view> choice_names<AttentionChoice>() { return choice::kAttentionNames; }
template <> constexpr std::span<const std::string_view> choice_names<MethodChoice>() { return choice::kMethodNames; }
template <> constexpr std::span<const std::string_view> choice_names<PrecisionChoice>() { return choice::kPrecisionNames; }
template <> constexpr std::span<const std::string_view> choice_names<OptimizerChoice>() { return choice::kOptimizerNames; }
template <> constexpr std::span<const std::string_view> choice_names<CheckpointingChoice>() { return choice::kCheckpointingNames; }
template <> constexpr std::span<const std::string_view> choice_names<ShardingChoice>() { return choice::kShardingNames; }
template <> constexpr std::span<const std::string_view> choice_names<QloraFormatChoice>() { return choice::kQloraFormatNames; }
template <> constexpr std::span<const std::string_view> choice_names<QloraQuantizerChoice>() { return choice::kQloraQuantizerNames; }
template <> constexpr std::span<const std::string_view> choice_names<LlamaReleaseChoice>() { return choice::kLlamaReleaseNames; }
template <> constexpr std::span<const std::string_view> choice_names<OllamaReleaseChoice>() { return choice::kOllamaReleaseNames; }
template <> constexpr std::span<const std::string_view> choice_names<MacosChoice>() { return choice::kMacosNames; }
template <> constexpr std::span<const std::string_view> choice_names<TorchDtypeChoice>() { return choice::kTorchDtypeNames; }
template <> constexpr std::span<const std::string_view> choice_names<VllmReleaseChoice>() { return choice::kVllmReleaseNames; }

template <typename E> std::string_view choice_name(E e) { return choice_names<E>()[static_cast<std::size_t>(e)]; }
template <typename E> std::optional<E> choice_by_name(std::string_view name) {
  const auto names = choice_names<E>();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

// Defaults here are the page's, the link's (a value at its default is not written), the API's and the CLI's.
// The comment names the link key; limits live in the field table.
// A Hugging Face repository id as typed or pasted ("org/name", "https://huggingface.co/org/name/tree/main", ...)
// to "org/name": "" when taken (written to `out`), else what is expected. Names as the Hub allows them: letters,
// digits, '-', '_' and '.', at most 96 characters a part, not starting or ending with '-' or '.', no "--" or "..".
std::string hub_repo_id(std::string_view typed, std::string& out);

struct Scenario {
  std::string lang;                                  // lang: "" = follow the browser, "en", "zh-CN"
  std::string model;                                 // m: a preset id; "" = kDefaultModelId
  std::string arch;                                  // arch: a custom architecture (custom_arch.h), instead of m
  std::string hub;                                   // hf: a Hugging Face repository ("org/name") whose config.json
                                                     // the page reads on request; the CLI and the API estimate m
  EngineChoice engine = EngineChoice::kLlamaCpp;     // e
  std::string llama_weights = "Q4_K_M";              // w: a llama.cpp file type
  std::string hf_weights = "bf16";                   // hw: a checkpoint format (vLLM, transformers)
  std::string draft_model;                           // dm: speculative decoding's draft model, a preset id ("" = none)
  std::string draft_weights;                         // dw: its llama.cpp file type ("" = the main model's)
  std::string kv_type = "f16";                       // kv: a ggml type name, or fp8
  int context = 8192;                                // ctx: tokens per sequence
  int sequences = 1;                                 // seq: concurrent sequences
  std::string gpu;                                   // gpu: catalog id, "custom", "any", or "" = kDefaultGpuId
  double custom_gpu_gb = 24;                         // mem: GB of a custom GPU (or a CPU host's RAM)
  int gpu_count = 1;                                 // n
  double gpu_in_use_gb = 0;
  MacosChoice macos = MacosChoice::kMacos15;         // mac: the macOS of an Apple GPU (15: 13-15; 26: Tahoe)                          // inuse: GB each GPU already holds (the desktop, other processes)
  int gpu_layers = -1;                               // ngl: llama.cpp -ngl, -1 = all layers
  bool flash_attention = true;                       // fa (inference and fine-tuning)
  bool cpu_only = false;                             // cpu
  double gpu_memory_utilization = 0.9;               // util: vLLM
  AttentionChoice attention = AttentionChoice::kSdpa;  // attn: transformers
  int prompt_tokens = 1024;                          // pt: transformers generate()
  int new_tokens = 256;                              // nt
  // Engine details (the JSON API's llama_cpp / vllm / transformers objects; links carry them too).
  int n_batch = 2048;                                // nb: llama.cpp -b
  int n_ubatch = 512;                                // nub: llama.cpp -ub
  bool swa_full = false;                             // swa: llama.cpp --swa-full
  int n_cpu_moe = 0;                                 // ncmoe: llama.cpp --n-cpu-moe (experts of the first N layers on the CPU)
  bool kv_unified = false;                           // kvu: llama.cpp --kv-unified (Ollama always)
  LlamaReleaseChoice llama_release = LlamaReleaseChoice::kV050;  // rel
  OllamaReleaseChoice ollama_release = OllamaReleaseChoice::kV030;  // or: Ollama v0.30 and later, or v0.29 and earlier
  int max_num_batched_tokens = 0;                    // mbt: vLLM (0: `vllm serve`'s default for the GPU and release)
  int max_num_seqs = 0;                              // mns: vLLM (0: `vllm serve`'s default for the GPU)
  double mem_fraction_static = 0;                    // mfs: SGLang --mem-fraction-static (0: its default rule)
  bool cuda_graphs = true;                           // cg: vLLM (enforce_eager = !cuda_graphs)
  VllmReleaseChoice vllm_release = VllmReleaseChoice::kV021;  // vr: the vLLM release range (v0.21 and later by default)
  TorchDtypeChoice torch_dtype = TorchDtypeChoice::kBfloat16;  // dt: transformers' unquantized dtype
  // A custom GPU's figures beyond its memory (gpu=custom).
  std::string custom_gpu_name;                       // gn: "" = "GPU"
  double custom_gpu_bandwidth_gb_s = 0;              // bw: 0 = vramfit's generic GPU
  double custom_gpu_tflops = 0;                      // tf: dense fp16 TFLOPS; 0 = generic
  bool custom_gpu_unified = false;                   // um: memory shared with the CPU (Apple, GH200)
  // Fine-tuning (job=training).
  Job job = Job::kInference;                         // job
  MethodChoice method = MethodChoice::kLora;         // tm
  PrecisionChoice precision = PrecisionChoice::kBf16True;  // prec
  OptimizerChoice optimizer = OptimizerChoice::kAdamW;     // opt
  int micro_batch = 1;                               // mb
  int seq_len = 2048;                                // sl
  int grad_accum = 1;                                // ga
  CheckpointingChoice checkpointing = CheckpointingChoice::kNone;  // ck
  bool chunked_loss = false;                         // cl
  int lora_rank = 16;                                // lr
  std::string lora_targets = "q,k,v,o,gate,up,down"; // lt: from q k v o gate up down embed head
  int data_parallel = 1;                             // dp
  int tensor_parallel = 1;                           // tp (fine-tuning; inference uses n for vLLM/transformers)
  int pipeline_parallel = 1;                         // pp
  ShardingChoice sharding = ShardingChoice::kNone;   // sh
  bool sequence_parallel = false;                    // sp
  bool offload_optimizer = false;                    // oo
  bool offload_params = false;                       // op
  double train_tokens = 1e9;                         // tok
  double mfu = 0.4;                                  // mfu
  double price_per_gpu_hour = 0;                     // usd; 0: each GPU's cloud price (training.h gpu_hour_price)
  QloraFormatChoice qlora_format = QloraFormatChoice::kNf4Dq;  // qf
  QloraQuantizerChoice qlora_quantizer = QloraQuantizerChoice::kTransformers;  // qq
  bool old_bitsandbytes = false;                     // bnb: bitsandbytes < 0.43.2
  bool holds_previous_step = false;                  // hps
  bool fsdp_no_sync = false;                         // ns
  int shard_group = 8;                               // sg
  bool dropout = false;                              // do
  bool lora_dropout = false;                         // ld
  int adapter_bytes = 0;                             // ab: 0 = as the precision sets, 2 or 4
  bool fused_qkv = false;                            // fq
  bool rmsnorm_fp32_input = true;                    // rn
  double host_ram_gb = 64;                           // ram
  // How the page is shown.
  bool embed = false;                                // embed
  bool locked = false;                               // lock

  bool operator==(const Scenario&) const = default;
  bool training() const { return job == Job::kTraining; }
  bool llama_engine() const { return engine == EngineChoice::kLlamaCpp || engine == EngineChoice::kOllama; }
};

// --- the field table ---------------------------------------------------------------------------------------

enum class FieldKind : std::uint8_t {
  kInt,     // whole number within [lo, hi]
  kNumber,  // plain decimal within [lo, hi]
  kBool,    // 0/1 in links, true/false in JSON, a switch on the command line
  kChoice,  // one of `choices`
  kText,    // a name checked by the field's own rule (a preset id, a GPU id, a file type, ...)
};

struct FieldSpec {
  std::string_view key;    // link key; every field has one
  std::string_view json;   // JSON name (the JS API's scenario object, the request's top level)
  std::string_view flag;   // command-line flag without "--"; "" = not on the command line (and in wasm builds)
  std::string_view help;   // one line for --help and the README ("" in wasm builds, which show no --help)
  std::string_view unit;   // "tokens", "GB", ...; "" = none
  FieldKind kind = FieldKind::kInt;
  double lo = 0, hi = 0;   // kInt, kNumber
  std::span<const std::string_view> choices;  // kChoice: the enum's names
  std::string_view expected;                  // kText: what the rule accepts, in words
  // Where the value lives: the member of the field's kind (a choice: its enum read and written as an index), and
  // for kText the rule that checks and normalises a value ("" when taken, else what it expects).
  int Scenario::*int_member = nullptr;
  double Scenario::*number_member = nullptr;
  bool Scenario::*bool_member = nullptr;
  std::string Scenario::*text_member = nullptr;
  int (*choice_get)(const Scenario&) = nullptr;
  void (*choice_put)(Scenario&, int) = nullptr;
  std::string (*rule)(std::string_view value, std::string& normalised) = nullptr;
};

// In the order links are written.
std::span<const FieldSpec> scenario_fields();
const FieldSpec* field_by_key(std::string_view key);
const FieldSpec* field_by_json(std::string_view json_name);
const FieldSpec* field_by_flag(std::string_view flag);  // without "--"
// The value as links and flags write it (numbers as the shortest decimal that reads back exactly).
std::string field_text(const FieldSpec& field, const Scenario& s);
double field_number(const FieldSpec& field, const Scenario& s);  // kInt, kNumber: the value; kBool: 0 or 1
bool field_at_default(const FieldSpec& field, const Scenario& s);

// Reads `value` (as a link or flag writes it) into the field: "" when taken, else what the field accepts in
// words (field_expected, or the text rule's reason); the field is then unchanged.
std::string set_field(Scenario& s, const FieldSpec& field, std::string_view value);
// "1 to 4096", "one of none, selective, full", "0 or 1": what a field accepts, for messages and --help.
std::string field_expected(const FieldSpec& field);
// The shortest plain decimal that reads back exactly (0.9, 24, 80.5).
std::string number_text(double v);

}  // namespace vramfit
