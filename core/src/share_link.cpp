#include "vramfit/share_link.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "vramfit/custom_arch.h"
#include "vramfit/ggml_types.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/presets.h"
#include "vramfit/weight_format.h"

namespace vramfit {
namespace {

constexpr std::size_t kMaxPairs = 96;  // a hostile link with thousands of '&' is read up to here

constexpr std::array<std::string_view, 5> kEngines = {"llama.cpp", "ollama", "vllm", "transformers", "rule-of-thumb"};
constexpr std::array<std::string_view, 3> kAttention = {"eager", "sdpa", "flash_attention_2"};
constexpr std::array<std::string_view, 2> kJobs = {"inference", "training"};
constexpr std::array<std::string_view, 5> kMethods = {"full", "lora", "qlora", "dora", "qdora"};
constexpr std::array<std::string_view, 3> kPrecisions = {"bf16-true", "mixed", "fp32"};
constexpr std::array<std::string_view, 8> kOptimizers = {"adamw", "adamw8bit", "paged_adamw_8bit", "paged_adamw_32bit",
                                                         "adafactor", "sgd", "sgd_momentum", "lion"};
constexpr std::array<std::string_view, 3> kCheckpointing = {"none", "selective", "full"};
constexpr std::array<std::string_view, 7> kShardings = {"none", "zero1", "zero2", "zero3", "fsdp_full_shard",
                                                         "fsdp_shard_grad_op", "fsdp_hybrid_shard"};
constexpr std::array<std::string_view, 4> kQloraFormats = {"nf4", "nf4-dq", "fp4", "fp4-dq"};  // bitsandbytes 4-bit
constexpr std::array<std::string_view, 3> kQloraQuantizers = {"transformers", "lightning", "torchao"};
constexpr std::array<std::string_view, 9> kLoraTargets = {"q", "k", "v", "o", "gate", "up", "down", "embed", "head"};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <std::size_t N>
bool one_of(std::string_view v, const std::array<std::string_view, N>& options) {
  for (auto o : options)
    if (v == o) return true;
  return false;
}

// "q,k,v": each a known LoRA target, none twice, at least one.
bool valid_targets(std::string_view list) {
  if (list.empty() || list.size() > 64) return false;
  std::string seen = ",";
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view t = list.substr(0, comma);
    if (!one_of(t, kLoraTargets) || seen.find("," + std::string(t) + ",") != std::string::npos) return false;
    seen += std::string(t) + ",";
    if (comma == std::string_view::npos) break;
    list = list.substr(comma + 1);
    if (list.empty()) return false;
  }
  return true;
}

std::optional<long long> parse_int(std::string_view v, long long lo, long long hi) {
  long long x = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || end != v.data() + v.size() || x < lo || x > hi) return std::nullopt;
  return x;
}

std::optional<double> parse_number(std::string_view v, double lo, double hi) {
  // Plain decimals only: digits with at most one '.'; no signs, exponents, hex, inf or nan (strtod would take
  // them all). The digits are then read by strtod, so a number written by number_text() reads back exactly.
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

std::optional<std::string> parse_lang(std::string_view v) {
  std::string lower;
  for (char c : v) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "en" || lower.rfind("en-", 0) == 0) return std::string("en");
  if (lower == "zh" || lower == "zh-cn" || lower == "zh-hans" || lower == "zh-sg" || lower == "zh-hans-cn")
    return std::string("zh-CN");
  return std::nullopt;
}

bool known_kv_type(std::string_view v) { return v == "fp8" || ggml_type_by_name(v).has_value(); }

// The part of a link that holds the key=value pairs.
std::string_view query_part(std::string_view link) {
  const auto q = link.find('?');
  if (q != std::string_view::npos) {
    link = link.substr(q + 1);
    const auto hash = link.find('#');
    return hash == std::string_view::npos ? link : link.substr(0, hash);
  }
  const auto hash = link.find('#');
  if (hash != std::string_view::npos) return link.substr(hash + 1);
  return link;
}

void append(std::string& out, const char* key, std::string_view value) {
  if (!out.empty()) out += '&';
  out += key;
  out += '=';
  out += percent_encode(value);
}

// Numbers as the shortest plain decimal that reads back exactly (0.9, 24, 80.5).
std::string number_text(double v) {
  char buf[64];
  for (int decimals = 0; decimals <= 24; ++decimals) {
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

struct Reader {
  ShareDecoded& out;
  void bad(std::string_view key, std::string_view value, const char* expected) {
    std::string shown(value.substr(0, 40));
    if (value.size() > 40) shown += "...";
    out.diagnostics.push_back({"link.bad_value", Severity::kWarning, std::string(key),
                               "the link's " + std::string(key) + "=" + shown + " could not be read (" + expected +
                                   "); the default is used"});
  }
};

}  // namespace

std::string percent_decode(std::string_view text, bool* ok) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      if (c == '%' && ok != nullptr) *ok = false;
      out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~' || c == '/' || c == ':';
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string encode_share_query(const ShareConfig& c) {
  const ShareConfig d;
  std::string q;
  if (!c.lang.empty()) append(q, "lang", c.lang);
  if (c.model != d.model) append(q, "m", c.model);
  if (c.arch != d.arch) append(q, "arch", c.arch);
  if (c.engine != d.engine) append(q, "e", c.engine);
  if (c.llama_weights != d.llama_weights) append(q, "w", c.llama_weights);
  if (c.hf_weights != d.hf_weights) append(q, "hw", c.hf_weights);
  if (c.kv_type != d.kv_type) append(q, "kv", c.kv_type);
  if (c.context != d.context) append(q, "ctx", std::to_string(c.context));
  if (c.sequences != d.sequences) append(q, "seq", std::to_string(c.sequences));
  if (c.gpu != d.gpu) append(q, "gpu", c.gpu);
  if (c.custom_gpu_gb != d.custom_gpu_gb) append(q, "mem", number_text(c.custom_gpu_gb));
  if (c.gpu_count != d.gpu_count) append(q, "n", std::to_string(c.gpu_count));
  if (c.gpu_layers != d.gpu_layers) append(q, "ngl", std::to_string(c.gpu_layers));
  if (c.flash_attention != d.flash_attention) append(q, "fa", c.flash_attention ? "1" : "0");
  if (c.cpu_only != d.cpu_only) append(q, "cpu", c.cpu_only ? "1" : "0");
  if (c.gpu_memory_utilization != d.gpu_memory_utilization) append(q, "util", number_text(c.gpu_memory_utilization));
  if (c.attention != d.attention) append(q, "attn", c.attention);
  if (c.prompt_tokens != d.prompt_tokens) append(q, "pt", std::to_string(c.prompt_tokens));
  if (c.new_tokens != d.new_tokens) append(q, "nt", std::to_string(c.new_tokens));
  if (c.job != d.job) append(q, "job", c.job);
  if (c.method != d.method) append(q, "tm", c.method);
  if (c.precision != d.precision) append(q, "prec", c.precision);
  if (c.optimizer != d.optimizer) append(q, "opt", c.optimizer);
  if (c.micro_batch != d.micro_batch) append(q, "mb", std::to_string(c.micro_batch));
  if (c.seq_len != d.seq_len) append(q, "sl", std::to_string(c.seq_len));
  if (c.grad_accum != d.grad_accum) append(q, "ga", std::to_string(c.grad_accum));
  if (c.checkpointing != d.checkpointing) append(q, "ck", c.checkpointing);
  if (c.chunked_loss != d.chunked_loss) append(q, "cl", c.chunked_loss ? "1" : "0");
  if (c.lora_rank != d.lora_rank) append(q, "lr", std::to_string(c.lora_rank));
  if (c.lora_targets != d.lora_targets) append(q, "lt", c.lora_targets);
  if (c.data_parallel != d.data_parallel) append(q, "dp", std::to_string(c.data_parallel));
  if (c.tensor_parallel != d.tensor_parallel) append(q, "tp", std::to_string(c.tensor_parallel));
  if (c.pipeline_parallel != d.pipeline_parallel) append(q, "pp", std::to_string(c.pipeline_parallel));
  if (c.sharding != d.sharding) append(q, "sh", c.sharding);
  if (c.sequence_parallel != d.sequence_parallel) append(q, "sp", c.sequence_parallel ? "1" : "0");
  if (c.offload_optimizer != d.offload_optimizer) append(q, "oo", c.offload_optimizer ? "1" : "0");
  if (c.offload_params != d.offload_params) append(q, "op", c.offload_params ? "1" : "0");
  if (c.train_tokens != d.train_tokens) append(q, "tok", number_text(c.train_tokens));
  if (c.mfu != d.mfu) append(q, "mfu", number_text(c.mfu));
  if (c.price_per_gpu_hour != d.price_per_gpu_hour) append(q, "usd", number_text(c.price_per_gpu_hour));
  if (c.qlora_format != d.qlora_format) append(q, "qf", c.qlora_format);
  if (c.qlora_quantizer != d.qlora_quantizer) append(q, "qq", c.qlora_quantizer);
  if (c.old_bitsandbytes != d.old_bitsandbytes) append(q, "bnb", c.old_bitsandbytes ? "1" : "0");
  if (c.holds_previous_step != d.holds_previous_step) append(q, "hps", c.holds_previous_step ? "1" : "0");
  if (c.fsdp_no_sync != d.fsdp_no_sync) append(q, "ns", c.fsdp_no_sync ? "1" : "0");
  if (c.shard_group != d.shard_group) append(q, "sg", std::to_string(c.shard_group));
  if (c.dropout != d.dropout) append(q, "do", c.dropout ? "1" : "0");
  if (c.lora_dropout != d.lora_dropout) append(q, "ld", c.lora_dropout ? "1" : "0");
  if (c.adapter_bytes != d.adapter_bytes) append(q, "ab", std::to_string(c.adapter_bytes));
  if (c.fused_qkv != d.fused_qkv) append(q, "fq", c.fused_qkv ? "1" : "0");
  if (c.rmsnorm_fp32_input != d.rmsnorm_fp32_input) append(q, "rn", c.rmsnorm_fp32_input ? "1" : "0");
  if (c.host_ram_gb != d.host_ram_gb) append(q, "ram", number_text(c.host_ram_gb));
  if (c.embed) append(q, "embed", "1");
  if (c.locked) append(q, "lock", "1");
  if (q.empty()) return q;
  return "v=" + std::to_string(kShareLinkVersion) + "&" + q;
}

ShareDecoded decode_share_query(std::string_view link) {
  ShareDecoded out;
  ShareConfig& c = out.config;
  Reader r{out};
  if (link.size() > kShareLinkMaxBytes) {
    link = link.substr(0, kShareLinkMaxBytes);
    out.diagnostics.push_back({"link.too_long", Severity::kWarning, "",
                               "the link is longer than " + std::to_string(kShareLinkMaxBytes) +
                                   " characters; only its start was read"});
  }
  std::string_view query = query_part(link);
  std::size_t pairs = 0;
  bool escapes_ok = true;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    if (++pairs > kMaxPairs) {
      out.diagnostics.push_back({"link.too_long", Severity::kWarning, "",
                                 "the link has more than " + std::to_string(kMaxPairs) + " fields; the rest were ignored"});
      break;
    }
    const auto eq = pair.find('=');
    const std::string key = percent_decode(pair.substr(0, eq), &escapes_ok);
    const std::string value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), &escapes_ok);

    if (key == "v") {
      const auto v = parse_int(value, 1, 1000000);
      if (!v) r.bad(key, value, "a version number");
      else if (*v > kShareLinkVersion)
        out.diagnostics.push_back({"link.newer_version", Severity::kNote, "v",
                                   "the link was made by a newer vramfit (version " + value +
                                       "); what this version knows was read"});
    } else if (key == "lang") {
      if (auto v = parse_lang(value)) c.lang = *v; else r.bad(key, value, "en or zh-CN");
    } else if (key == "m") {
      if (find_preset(value) != nullptr) c.model = value; else r.bad(key, value, "a model preset id");
    } else if (key == "arch") {
      const CustomArchDecoded a = decode_custom_arch(value);
      if (a.arch) c.arch = encode_custom_arch(*a.arch);
      else r.bad(key, value, a.diagnostics.front().detail.c_str());
    } else if (key == "e") {
      if (one_of(value, kEngines)) c.engine = value; else r.bad(key, value, "llama.cpp, ollama, vllm, transformers or rule-of-thumb");
    } else if (key == "w") {
      if (const auto f = llama_ftype_by_name(value)) c.llama_weights = f->name; else r.bad(key, value, "a llama.cpp file type such as Q4_K_M");
    } else if (key == "hw") {
      if (weight_format_by_id(value)) c.hf_weights = value; else r.bad(key, value, "a weight format such as bf16 or nf4");
    } else if (key == "kv") {
      if (known_kv_type(value)) c.kv_type = value; else r.bad(key, value, "a KV cache type such as f16 or q8_0");
    } else if (key == "ctx") {
      if (auto v = parse_int(value, 256, 1 << 20)) c.context = static_cast<int>(*v); else r.bad(key, value, "256 to 1048576 tokens");
    } else if (key == "seq") {
      if (auto v = parse_int(value, 1, 4096)) c.sequences = static_cast<int>(*v); else r.bad(key, value, "1 to 4096");
    } else if (key == "gpu") {
      if (value == "custom" || value == kAnyGpuId || find_gpu(value) != nullptr) c.gpu = value;
      else r.bad(key, value, "a GPU id from the catalog, custom or any");
    } else if (key == "mem") {
      if (auto v = parse_number(value, 0.5, 100000)) c.custom_gpu_gb = *v; else r.bad(key, value, "0.5 to 100000 GB");
    } else if (key == "n") {
      if (auto v = parse_int(value, 1, 1024)) c.gpu_count = static_cast<int>(*v); else r.bad(key, value, "1 to 1024 GPUs");
    } else if (key == "ngl") {
      if (auto v = parse_int(value, -1, 1000)) c.gpu_layers = static_cast<int>(*v); else r.bad(key, value, "-1 (all) to 1000 layers");
    } else if (key == "fa") {
      if (auto v = parse_bool(value)) c.flash_attention = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "cpu") {
      if (auto v = parse_bool(value)) c.cpu_only = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "util") {
      if (auto v = parse_number(value, 0.05, 1)) c.gpu_memory_utilization = *v; else r.bad(key, value, "0.05 to 1");
    } else if (key == "attn") {
      if (one_of(value, kAttention)) c.attention = value; else r.bad(key, value, "eager, sdpa or flash_attention_2");
    } else if (key == "pt") {
      if (auto v = parse_int(value, 1, 1 << 24)) c.prompt_tokens = static_cast<int>(*v); else r.bad(key, value, "1 to 16777216 tokens");
    } else if (key == "nt") {
      if (auto v = parse_int(value, 1, 1 << 24)) c.new_tokens = static_cast<int>(*v); else r.bad(key, value, "1 to 16777216 tokens");
    } else if (key == "job") {
      if (one_of(value, kJobs)) c.job = value; else r.bad(key, value, "inference or training");
    } else if (key == "tm") {
      if (one_of(value, kMethods)) c.method = value; else r.bad(key, value, "full, lora, qlora, dora or qdora");
    } else if (key == "prec") {
      if (one_of(value, kPrecisions)) c.precision = value; else r.bad(key, value, "bf16-true, mixed or fp32");
    } else if (key == "opt") {
      if (one_of(value, kOptimizers)) c.optimizer = value; else r.bad(key, value, "an optimizer such as adamw");
    } else if (key == "mb") {
      if (auto v = parse_int(value, 1, 4096)) c.micro_batch = static_cast<int>(*v); else r.bad(key, value, "1 to 4096");
    } else if (key == "sl") {
      if (auto v = parse_int(value, 16, 1 << 20)) c.seq_len = static_cast<int>(*v); else r.bad(key, value, "16 to 1048576 tokens");
    } else if (key == "ga") {
      if (auto v = parse_int(value, 1, 65536)) c.grad_accum = static_cast<int>(*v); else r.bad(key, value, "1 to 65536");
    } else if (key == "ck") {
      if (one_of(value, kCheckpointing)) c.checkpointing = value; else r.bad(key, value, "none, selective or full");
    } else if (key == "cl") {
      if (auto v = parse_bool(value)) c.chunked_loss = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "lr") {
      if (auto v = parse_int(value, 1, 4096)) c.lora_rank = static_cast<int>(*v); else r.bad(key, value, "1 to 4096");
    } else if (key == "lt") {
      if (valid_targets(value)) c.lora_targets = value; else r.bad(key, value, "q,k,v,o,gate,up,down,embed,head");
    } else if (key == "dp") {
      if (auto v = parse_int(value, 1, 4096)) c.data_parallel = static_cast<int>(*v); else r.bad(key, value, "1 to 4096");
    } else if (key == "tp") {
      if (auto v = parse_int(value, 1, 64)) c.tensor_parallel = static_cast<int>(*v); else r.bad(key, value, "1 to 64");
    } else if (key == "pp") {
      if (auto v = parse_int(value, 1, 64)) c.pipeline_parallel = static_cast<int>(*v); else r.bad(key, value, "1 to 64");
    } else if (key == "sh") {
      if (one_of(value, kShardings)) c.sharding = value; else r.bad(key, value, "none, zero1, zero2, zero3 or an FSDP strategy");
    } else if (key == "sp") {
      if (auto v = parse_bool(value)) c.sequence_parallel = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "oo") {
      if (auto v = parse_bool(value)) c.offload_optimizer = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "op") {
      if (auto v = parse_bool(value)) c.offload_params = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "tok") {
      if (auto v = parse_number(value, 1e3, 1e16)) c.train_tokens = *v; else r.bad(key, value, "1000 to 10^16 tokens");
    } else if (key == "mfu") {
      if (auto v = parse_number(value, 0.01, 1)) c.mfu = *v; else r.bad(key, value, "0.01 to 1");
    } else if (key == "usd") {
      if (auto v = parse_number(value, 0, 10000)) c.price_per_gpu_hour = *v; else r.bad(key, value, "0 to 10000 USD");
    } else if (key == "qf") {
      if (one_of(value, kQloraFormats)) c.qlora_format = value; else r.bad(key, value, "nf4, nf4-dq, fp4 or fp4-dq");
    } else if (key == "qq") {
      if (one_of(value, kQloraQuantizers)) c.qlora_quantizer = value; else r.bad(key, value, "transformers, lightning or torchao");
    } else if (key == "bnb") {
      if (auto v = parse_bool(value)) c.old_bitsandbytes = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "hps") {
      if (auto v = parse_bool(value)) c.holds_previous_step = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "ns") {
      if (auto v = parse_bool(value)) c.fsdp_no_sync = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "sg") {
      if (auto v = parse_int(value, 1, 4096)) c.shard_group = static_cast<int>(*v); else r.bad(key, value, "1 to 4096 GPUs");
    } else if (key == "do") {
      if (auto v = parse_bool(value)) c.dropout = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "ld") {
      if (auto v = parse_bool(value)) c.lora_dropout = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "ab") {
      if (value == "0" || value == "2" || value == "4") c.adapter_bytes = value[0] - '0'; else r.bad(key, value, "0 (as the precision), 2 or 4 bytes");
    } else if (key == "fq") {
      if (auto v = parse_bool(value)) c.fused_qkv = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "rn") {
      if (auto v = parse_bool(value)) c.rmsnorm_fp32_input = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "ram") {
      if (auto v = parse_number(value, 1, 100000)) c.host_ram_gb = *v; else r.bad(key, value, "1 to 100000 GB");
    } else if (key == "embed") {
      if (auto v = parse_bool(value)) c.embed = *v; else r.bad(key, value, "0 or 1");
    } else if (key == "lock") {
      if (auto v = parse_bool(value)) c.locked = *v; else r.bad(key, value, "0 or 1");
    }
    // Unknown keys (from newer versions, or added by whoever shared the link) are ignored.
  }
  if (!escapes_ok)
    out.diagnostics.push_back({"link.bad_escape", Severity::kNote, "", "the link holds a broken %-escape; it was read as written"});
  return out;
}

}  // namespace vramfit
