// The field table: every Scenario field once, with its link key, JSON name, flag, help, unit and limits or
// choices (the idea of llama.cpp's common/arg.cpp, as data). Links, JSON, flags and the page read it.
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <vector>

#include "vramfit/custom_arch.h"
#include "vramfit/ggml_types.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/presets.h"
#include "vramfit/scenario.h"
#include "vramfit/weight_format.h"

namespace vramfit {

std::string number_text(double v) {
  char buf[64];
  for (int decimals = 0; decimals <= 24; ++decimals) {
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

namespace {

constexpr std::array<std::string_view, 9> kLoraTargetNames = {"q", "k", "v", "o", "gate", "up", "down", "embed", "head"};

std::optional<long long> parse_int(std::string_view v, double lo, double hi) {
  long long x = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || end != v.data() + v.size() || x < lo || x > hi) return std::nullopt;
  return x;
}

// Plain decimals only: digits with at most one '.'; no signs, exponents, hex, inf or nan (strtod would take them
// all). The digits are then read by strtod, so a number written by number_text() reads back exactly.
std::optional<double> parse_number(std::string_view v, double lo, double hi) {
  if (v.empty() || v.size() > 32) return std::nullopt;
  bool digits = false, dot = false;
  for (char c : v) {
    if (c == '.' && !dot) dot = true;
    else if (c >= '0' && c <= '9') digits = true;
    else return std::nullopt;
  }
  if (!digits) return std::nullopt;
  const std::string text(v);
  const double x = std::strtod(text.c_str(), nullptr);
  if (!(x >= lo && x <= hi)) return std::nullopt;
  return x;
}

std::optional<bool> parse_bool(std::string_view v) {
  if (v == "1" || v == "true") return true;
  if (v == "0" || v == "false") return false;
  return std::nullopt;
}

// --- the rules of text fields: "" when `value` is taken (written to `out`, normalised), else what is expected --
using TextRule = std::string (*)(std::string_view value, std::string& out);

std::string rule_lang(std::string_view v, std::string& out) {
  std::string lower;
  for (char c : v) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower.empty()) out.clear();
  else if (lower == "en" || lower.rfind("en-", 0) == 0) out = "en";
  else if (lower == "zh" || lower == "zh-cn" || lower == "zh-hans" || lower == "zh-sg" || lower == "zh-hans-cn") out = "zh-CN";
  else return "en or zh-CN";
  return "";
}
std::string rule_model(std::string_view v, std::string& out) {
  if (!v.empty() && find_preset(v) == nullptr) return "a model preset id";
  out = v;
  return "";
}
std::string rule_draft_weights(std::string_view v, std::string& out) {
  if (v.empty()) {
    out.clear();
    return "";
  }
  const auto f = llama_ftype_by_name(v);
  if (!f) return "a llama.cpp file type such as Q8_0, or nothing (the main model's)";
  out = f->name;
  return "";
}
std::string rule_arch(std::string_view v, std::string& out) {
  if (v.empty()) {
    out.clear();
    return "";
  }
  const CustomArchDecoded a = decode_custom_arch(v);
  if (!a.arch) return a.diagnostics.empty() ? "a custom architecture" : a.diagnostics.front().detail;
  out = encode_custom_arch(*a.arch);
  return "";
}
std::string rule_hub(std::string_view v, std::string& out) {
  if (v.empty()) {
    out.clear();
    return "";
  }
  return hub_repo_id(v, out);
}
std::string rule_llama_weights(std::string_view v, std::string& out) {
  const auto f = llama_ftype_by_name(v);
  if (!f) return "a llama.cpp file type such as Q4_K_M";
  out = f->name;
  return "";
}
std::string rule_hf_weights(std::string_view v, std::string& out) {
  if (!weight_format_by_id(v)) return "a weight format such as bf16 or nf4";
  out = v;
  return "";
}
std::string rule_kv(std::string_view v, std::string& out) {
  if (v != "fp8" && !ggml_type_by_name(v)) return "a KV cache type such as f16, q8_0 or fp8";
  out = v;
  return "";
}
std::string rule_gpu(std::string_view v, std::string& out) {
  if (!v.empty() && v != kCustomGpuId && v != kAnyGpuId && find_gpu(std::string(v)) == nullptr)
    return "a GPU id from the catalog, custom or any";
  out = v;
  return "";
}
std::string rule_name(std::string_view v, std::string& out) {  // a display name: short, printable
  if (v.size() > 64) return "a name of at most 64 characters";
  for (char c : v)
    if (static_cast<unsigned char>(c) < 0x20) return "a name without control characters";
  out = v;
  return "";
}
// "q,k,v": each a known LoRA target, none twice, at least one.
std::string rule_targets(std::string_view list, std::string& out) {
  const std::string_view all = "a comma-separated list from q, k, v, o, gate, up, down, embed, head";
  if (list.empty() || list.size() > 64) return std::string(all);
  std::string seen = ",";
  for (std::string_view rest = list;;) {
    const auto comma = rest.find(',');
    const std::string_view t = rest.substr(0, comma);
    bool known = false;
    for (auto name : kLoraTargetNames) known |= t == name;
    if (!known || seen.find("," + std::string(t) + ",") != std::string::npos) return std::string(all);
    seen += std::string(t) + ",";
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
    if (rest.empty()) return std::string(all);
  }
  out = list;
  return "";
}

// --- field builders: one row per field -------------------------------------------------------------------
// The accessors are data (member pointers) read by four generic functions below, not code per field: the page
// carries the table, and 66 fields x 4 generated functions cost kilobytes of wasm.
template <auto M> using MemberT = std::remove_cvref_t<decltype(std::declval<Scenario&>().*M)>;

// Flags and help are the command line's (and the README's); the wasm builds (the page, the JS API) leave their
// text out: about 1.5 KB gzip of the page's budget.
constexpr FieldSpec row(std::string_view key, std::string_view json, std::string_view flag, std::string_view help,
              std::string_view unit, FieldKind kind, double lo = 0, double hi = 0) {
#ifdef __EMSCRIPTEN__
  flag = help = {};
#endif
  return FieldSpec{key, json, flag, help, unit, kind, lo, hi};
}

template <auto M>
constexpr FieldSpec int_field(std::string_view key, std::string_view json, std::string_view flag, std::string_view help,
                    std::string_view unit, double lo, double hi) {
  FieldSpec f = row(key, json, flag, help, unit, FieldKind::kInt, lo, hi);
  f.int_member = M;
  return f;
}

template <auto M>
constexpr FieldSpec number_field(std::string_view key, std::string_view json, std::string_view flag, std::string_view help,
                       std::string_view unit, double lo, double hi) {
  FieldSpec f = row(key, json, flag, help, unit, FieldKind::kNumber, lo, hi);
  f.number_member = M;
  return f;
}

template <auto M>
constexpr FieldSpec bool_field(std::string_view key, std::string_view json, std::string_view flag, std::string_view help) {
  FieldSpec f = row(key, json, flag, help, "", FieldKind::kBool);
  f.bool_member = M;
  return f;
}

template <auto M>
constexpr FieldSpec choice_field(std::string_view key, std::string_view json, std::string_view flag, std::string_view help) {
  using E = MemberT<M>;
  FieldSpec f = row(key, json, flag, help, "", FieldKind::kChoice);
  f.choices = choice_names<E>();
  f.choice_get = [](const Scenario& s) { return static_cast<int>(s.*M); };
  f.choice_put = [](Scenario& s, int i) { s.*M = static_cast<E>(i); };
  return f;
}

template <auto M, TextRule Rule>
constexpr FieldSpec text_field(std::string_view key, std::string_view json, std::string_view flag, std::string_view help,
                     std::string_view expected) {
  FieldSpec f = row(key, json, flag, help, "", FieldKind::kText);
  f.expected = expected;
  f.text_member = M;
  f.rule = Rule;
  return f;
}

using S = Scenario;
// Built at compile time: data, not code, in the page.
constexpr FieldSpec kTable[] = {
      text_field<&S::lang, rule_lang>("lang", "lang", "lang", "page language", "en or zh-CN"),
      text_field<&S::model, rule_model>("m", "model", "model", "model preset id", "a model preset id"),
      text_field<&S::arch, rule_arch>("arch", "arch", "arch", "custom architecture, used instead of the preset (1.L32.h4096...)", "a custom architecture"),
      text_field<&S::hub, rule_hub>("hf", "hub_model", "hub-model", "Hugging Face model the page reads on request (the command line and the API estimate m)", "a Hugging Face repository id such as org/name"),
      choice_field<&S::engine>("e", "engine", "engine", "inference engine"),
      text_field<&S::llama_weights, rule_llama_weights>("w", "llama_weights", "weights", "llama.cpp file type", "a llama.cpp file type such as Q4_K_M"),
      text_field<&S::draft_model, rule_model>("dm", "draft_model", "draft-model", "speculative decoding: the draft model (llama.cpp -md, vLLM --speculative-config)", "a model preset id, or nothing"),
      text_field<&S::draft_weights, rule_draft_weights>("dw", "draft_weights", "draft-weights", "the draft model's llama.cpp file type (nothing: the main model's)", "a llama.cpp file type such as Q8_0"),
      text_field<&S::hf_weights, rule_hf_weights>("hw", "hf_weights", "hf-weights", "checkpoint format (vLLM, transformers)", "a weight format such as bf16 or nf4"),
      text_field<&S::kv_type, rule_kv>("kv", "kv_type", "kv", "KV cache type", "a KV cache type such as f16, q8_0 or fp8"),
      int_field<&S::context>("ctx", "context", "context", "context tokens per sequence", "tokens", 1, 1 << 20),
      int_field<&S::sequences>("seq", "sequences", "sequences", "concurrent sequences", "", 1, 4096),
      text_field<&S::gpu, rule_gpu>("gpu", "gpu", "gpu", "GPU catalog id, custom, or any (which GPUs fit)", "a GPU id from the catalog, custom or any"),
      number_field<&S::custom_gpu_gb>("mem", "custom_gpu_gb", "gpu-memory-gb", "memory of a custom GPU (or a CPU host's RAM)", "GB", 0.5, 100000),
      int_field<&S::gpu_count>("n", "gpu_count", "gpus", "number of GPUs", "GPUs", 1, 1024),
      number_field<&S::gpu_in_use_gb>("inuse", "gpu_in_use_gb", "gpu-in-use-gb", "memory each GPU already holds (the desktop, other processes)", "GB", 0, 100000),
      int_field<&S::gpu_layers>("ngl", "gpu_layers", "ngl", "llama.cpp GPU layers (-1 = all)", "layers", -1, 1000),
      choice_field<&S::macos>("mac", "macos", "macos", "the macOS an Apple GPU runs (15: macOS 13-15; 26: macOS 26), which sets how much of the RAM Metal gives the GPU"),
      bool_field<&S::flash_attention>("fa", "flash_attention", "flash-attention", "flash attention"),
      bool_field<&S::cpu_only>("cpu", "cpu_only", "cpu-only", "llama.cpp on the CPU only"),
      number_field<&S::gpu_memory_utilization>("util", "gpu_memory_utilization", "utilization", "vLLM gpu_memory_utilization", "", 0.01, 1),
      choice_field<&S::attention>("attn", "attention", "attention", "transformers attention implementation"),
      int_field<&S::prompt_tokens>("pt", "prompt_tokens", "prompt-tokens", "transformers prompt tokens", "tokens", 1, 1 << 24),
      int_field<&S::new_tokens>("nt", "new_tokens", "new-tokens", "transformers new tokens (0 = prefill only)", "tokens", 0, 1 << 24),
      int_field<&S::n_batch>("nb", "n_batch", "n-batch", "llama.cpp logical batch (-b)", "tokens", 1, 1 << 20),
      int_field<&S::n_ubatch>("nub", "n_ubatch", "n-ubatch", "llama.cpp physical batch (-ub)", "tokens", 1, 1 << 20),
      bool_field<&S::swa_full>("swa", "swa_full", "swa-full", "llama.cpp --swa-full"),
      int_field<&S::n_cpu_moe>("ncmoe", "n_cpu_moe", "n-cpu-moe",
                               "llama.cpp --n-cpu-moe: the first N layers' routed experts in host RAM (all layers: --cpu-moe)",
                               "layers", 0, 1000),
      bool_field<&S::kv_unified>("kvu", "kv_unified", "kv-unified", "llama.cpp --kv-unified (Ollama v0.29 and earlier always)"),
      choice_field<&S::llama_release>("rel", "llama_release", "llama-release", "llama.cpp release modelled"),
      choice_field<&S::ollama_release>("or", "ollama_release", "ollama-release", "Ollama release modelled (v0.30: and later, on llama-server; v0.29: and earlier, its own runner)"),
      int_field<&S::max_num_batched_tokens>("mbt", "max_num_batched_tokens", "max-num-batched-tokens", "vLLM max_num_batched_tokens (0 = vllm serve's default for the GPU)", "tokens", 0, 1 << 24),
      int_field<&S::max_num_seqs>("mns", "max_num_seqs", "max-num-seqs", "vLLM max_num_seqs (0 = vllm serve's default for the GPU)", "", 0, 65536),
      number_field<&S::mem_fraction_static>("mfs", "mem_fraction_static", "mem-fraction-static", "SGLang --mem-fraction-static (0 = its default for the GPU)", "", 0, 1),
      bool_field<&S::cuda_graphs>("cg", "cuda_graphs", "cuda-graphs", "vLLM CUDA graphs (0 = --enforce-eager)"),
      choice_field<&S::vllm_release>("vr", "vllm_release", "vllm-release", "vLLM release modelled (v0.21: and later; v0.20: v0.17-v0.20; v0.16: v0.11-v0.16; v0.10: v0.8-v0.10; v0: the V0 engine)"),
      choice_field<&S::torch_dtype>("dt", "torch_dtype", "torch-dtype", "transformers dtype of unquantized modules"),
      text_field<&S::custom_gpu_name, rule_name>("gn", "custom_gpu_name", "gpu-name", "name of a custom GPU", "a name of at most 64 characters"),
      number_field<&S::custom_gpu_bandwidth_gb_s>("bw", "custom_gpu_bandwidth_gb_s", "gpu-bandwidth", "custom GPU memory bandwidth (0 = generic)", "GB/s", 0, 1e6),
      number_field<&S::custom_gpu_tflops>("tf", "custom_gpu_tflops", "gpu-tflops", "custom GPU dense fp16 TFLOPS (0 = generic)", "TFLOPS", 0, 1e6),
      bool_field<&S::custom_gpu_unified>("um", "custom_gpu_unified", "gpu-unified-memory", "custom GPU shares memory with the CPU"),
      choice_field<&S::job>("job", "job", "job", "the job"),
      choice_field<&S::method>("tm", "method", "method", "fine-tuning method"),
      choice_field<&S::precision>("prec", "precision", "precision", "training precision"),
      choice_field<&S::optimizer>("opt", "optimizer", "optimizer", "optimizer"),
      int_field<&S::micro_batch>("mb", "micro_batch", "micro-batch", "micro-batch per GPU", "sequences", 1, 4096),
      int_field<&S::seq_len>("sl", "seq_len", "seq-len", "training sequence length", "tokens", 16, 1 << 20),
      int_field<&S::grad_accum>("ga", "grad_accum", "grad-accum", "gradient accumulation steps", "", 1, 65536),
      choice_field<&S::checkpointing>("ck", "checkpointing", "checkpointing", "activation checkpointing"),
      bool_field<&S::chunked_loss>("cl", "chunked_loss", "chunked-loss", "chunked cross-entropy"),
      int_field<&S::lora_rank>("lr", "lora_rank", "lora-rank", "LoRA rank", "", 1, 4096),
      text_field<&S::lora_targets, rule_targets>("lt", "lora_targets", "lora-targets", "LoRA targets", "a comma-separated list from q, k, v, o, gate, up, down, embed, head"),
      int_field<&S::data_parallel>("dp", "data_parallel", "data-parallel", "data-parallel GPUs", "GPUs", 1, 4096),
      int_field<&S::tensor_parallel>("tp", "tensor_parallel", "tensor-parallel", "tensor-parallel GPUs", "GPUs", 1, 64),
      int_field<&S::pipeline_parallel>("pp", "pipeline_parallel", "pipeline-parallel", "pipeline-parallel stages", "GPUs", 1, 64),
      choice_field<&S::sharding>("sh", "sharding", "sharding", "ZeRO / FSDP sharding"),
      bool_field<&S::sequence_parallel>("sp", "sequence_parallel", "sequence-parallel", "Megatron sequence parallelism"),
      bool_field<&S::offload_optimizer>("oo", "offload_optimizer", "offload-optimizer", "optimizer states in host RAM"),
      bool_field<&S::offload_params>("op", "offload_params", "offload-params", "parameters in host RAM"),
      number_field<&S::train_tokens>("tok", "train_tokens", "train-tokens", "tokens to train on", "tokens", 1e3, 1e16),
      number_field<&S::mfu>("mfu", "mfu", "mfu", "model FLOPs utilisation assumed", "", 0.01, 1),
      number_field<&S::price_per_gpu_hour>("usd", "price_per_gpu_hour", "price-per-gpu-hour", "price per GPU-hour (0: each GPU's cloud price in the catalog, else 2.00)", "USD", 0, 10000),
      choice_field<&S::qlora_format>("qf", "qlora_format", "qlora-format", "QLoRA base weight format"),
      choice_field<&S::qlora_quantizer>("qq", "qlora_quantizer", "qlora-quantizer", "who quantizes the QLoRA base"),
      bool_field<&S::old_bitsandbytes>("bnb", "old_bitsandbytes", "old-bitsandbytes", "bitsandbytes < 0.43.2"),
      bool_field<&S::holds_previous_step>("hps", "holds_previous_step", "holds-previous-step", "the loop holds the previous micro-step"),
      bool_field<&S::fsdp_no_sync>("ns", "fsdp_no_sync", "fsdp-no-sync", "FSDP accumulation inside no_sync()"),
      int_field<&S::shard_group>("sg", "shard_group", "shard-group", "GPUs per HYBRID_SHARD group", "GPUs", 1, 4096),
      bool_field<&S::dropout>("do", "dropout", "dropout", "the model's dropout on"),
      bool_field<&S::lora_dropout>("ld", "lora_dropout", "lora-dropout", "LoRA dropout p > 0"),
      int_field<&S::adapter_bytes>("ab", "adapter_bytes", "adapter-bytes", "LoRA adapter bytes (0 = as the precision sets)", "bytes", 0, 4),
      bool_field<&S::fused_qkv>("fq", "fused_qkv", "fused-qkv", "one fused q/k/v projection"),
      bool_field<&S::rmsnorm_fp32_input>("rn", "rmsnorm_fp32_input", "rmsnorm-fp32-input", "eager RMSNorm saves an fp32 copy"),
      number_field<&S::host_ram_gb>("ram", "host_ram_gb", "host-ram-gb", "host RAM", "GB", 1, 100000),
      bool_field<&S::embed>("embed", "embed", "", "compact embed layout"),
      bool_field<&S::locked>("lock", "locked", "", "embed whose inputs are hidden"),
};

}  // namespace

std::span<const FieldSpec> scenario_fields() { return kTable; }

const FieldSpec* field_by_key(std::string_view key) {
  for (const FieldSpec& f : scenario_fields())
    if (f.key == key) return &f;
  return nullptr;
}
const FieldSpec* field_by_json(std::string_view name) {
  for (const FieldSpec& f : scenario_fields())
    if (f.json == name) return &f;
  return nullptr;
}
const FieldSpec* field_by_flag(std::string_view flag) {
  for (const FieldSpec& f : scenario_fields())
    if (!f.flag.empty() && f.flag == flag) return &f;
  return nullptr;
}

std::string field_text(const FieldSpec& f, const Scenario& s) {
  switch (f.kind) {
    case FieldKind::kInt: return std::to_string(s.*f.int_member);
    case FieldKind::kNumber: return number_text(s.*f.number_member);
    case FieldKind::kBool: return s.*f.bool_member ? "1" : "0";
    case FieldKind::kChoice: return std::string(f.choices[static_cast<std::size_t>(f.choice_get(s))]);
    case FieldKind::kText: return s.*f.text_member;
  }
  return "";
}

double field_number(const FieldSpec& f, const Scenario& s) {
  switch (f.kind) {
    case FieldKind::kInt: return s.*f.int_member;
    case FieldKind::kNumber: return s.*f.number_member;
    case FieldKind::kBool: return s.*f.bool_member ? 1 : 0;
    case FieldKind::kChoice: return f.choice_get(s);
    case FieldKind::kText: break;
  }
  return 0;
}

bool field_at_default(const FieldSpec& f, const Scenario& s) {
  static const Scenario kDefaults{};
  if (f.kind == FieldKind::kText) return s.*f.text_member == kDefaults.*f.text_member;
  return field_number(f, s) == field_number(f, kDefaults);
}

std::string set_field(Scenario& s, const FieldSpec& f, std::string_view value) {
  switch (f.kind) {
    case FieldKind::kInt: {
      const auto x = parse_int(value, f.lo, f.hi);
      if (!x || (f.key == "ab" && *x != 0 && *x != 2 && *x != 4)) return field_expected(f);
      s.*f.int_member = static_cast<int>(*x);
      return "";
    }
    case FieldKind::kNumber: {
      const auto x = parse_number(value, f.lo, f.hi);
      if (!x) return field_expected(f);
      s.*f.number_member = *x;
      return "";
    }
    case FieldKind::kBool: {
      const auto b = parse_bool(value);
      if (!b) return field_expected(f);
      s.*f.bool_member = *b;
      return "";
    }
    case FieldKind::kChoice:
      for (std::size_t i = 0; i < f.choices.size(); ++i) {
        if (f.choices[i] != value) continue;
        f.choice_put(s, static_cast<int>(i));
        return "";
      }
      return field_expected(f);
    case FieldKind::kText: {
      std::string out;
      std::string why = f.rule(value, out);
      if (why.empty()) s.*f.text_member = std::move(out);
      return why;
    }
  }
  return field_expected(f);
}

std::string field_expected(const FieldSpec& f) {
  switch (f.kind) {
    case FieldKind::kInt:
    case FieldKind::kNumber: {
      if (f.key == "ab") return "0 (as the precision sets), 2 or 4";
      std::string out = number_text(f.lo) + " to " + number_text(f.hi);
      if (!f.unit.empty()) out += " " + std::string(f.unit);
      return out;
    }
    case FieldKind::kBool: return "0 or 1";
    case FieldKind::kChoice: {
      std::string out = "one of ";
      for (std::size_t i = 0; i < f.choices.size(); ++i) out += (i ? ", " : "") + std::string(f.choices[i]);
      return out;
    }
    case FieldKind::kText: return std::string(f.expected);
  }
  return "";
}

std::string hub_repo_id(std::string_view v, std::string& out) {
  const std::string expected = "a Hugging Face repository id such as org/name";
  // A URL or a path on the Hub: the repository is the first two parts after the host.
  bool url = false;
  for (std::string_view prefix : {"https://", "http://"})
    if (v.substr(0, prefix.size()) == prefix) {
      v.remove_prefix(prefix.size());
      url = true;
    }
  bool on_hub = false;
  for (std::string_view host : {"huggingface.co/", "www.huggingface.co/", "hf.co/"})
    if (v.substr(0, host.size()) == host) {
      v.remove_prefix(host.size());
      on_hub = true;
    }
  if (url && !on_hub) return expected;  // an address elsewhere is not a Hub repository
  if (v.substr(0, 7) == "models/") v.remove_prefix(7);
  const std::size_t slash = v.find('/');
  if (slash == std::string_view::npos) return expected;
  const std::size_t end = v.find_first_of("/?#", slash + 1);
  const std::string_view org = v.substr(0, slash), name = v.substr(slash + 1, end == std::string_view::npos ? v.npos : end - slash - 1);
  auto part_ok = [](std::string_view p) {
    if (p.empty() || p.size() > 96 || p.front() == '-' || p.front() == '.' || p.back() == '-' || p.back() == '.') return false;
    if (p.find("--") != std::string_view::npos || p.find("..") != std::string_view::npos) return false;
    for (char c : p)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
    return true;
  };
  if (!part_ok(org) || !part_ok(name)) return expected;
  // The owner cannot be a word this reader strips (or a Hub section that holds no models): "models/models/x"
  // would otherwise read as "models/x", which reads again as "x" (a link must read back to itself; found by
  // the share-link fuzzer).
  for (std::string_view reserved : {"models", "datasets", "spaces", "huggingface.co", "www.huggingface.co", "hf.co"})
    if (org == reserved) return expected;
  out = std::string(org) + "/" + std::string(name);
  return "";
}

}  // namespace vramfit
