// A custom architecture <-> its text form, and -> the config.json it stands for (custom_arch.h).
#include "vramfit/custom_arch.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include "vramfit/format.h"

namespace vramfit {
namespace {

constexpr std::size_t kMaxTextBytes = 256;
constexpr double kMaxParams = 1e14;  // 100T: fifty times the largest published model; more is a typo

// One token of the text form: its key, the config.json field it sets, its range, and where it goes.
struct Field {
  std::string_view key;
  const char* config_key;
  long long lo, hi;
  int CustomArch::*member;
};
constexpr std::array<Field, 13> kFields = {{
    {"L", "num_hidden_layers", 1, 1024, &CustomArch::layers},
    {"h", "hidden_size", 1, 131072, &CustomArch::hidden_size},
    {"a", "num_attention_heads", 1, 2048, &CustomArch::heads},
    {"kv", "num_key_value_heads", 1, 2048, &CustomArch::kv_heads},
    {"d", "head_dim", 1, 4096, &CustomArch::head_dim},
    {"ff", "intermediate_size", 1, 1 << 20, &CustomArch::ffn_size},
    {"v", "vocab_size", 1, 1 << 23, &CustomArch::vocab_size},
    {"ctx", "max_position_embeddings", 1, 1 << 24, &CustomArch::max_context},
    {"sw", "sliding_window", 0, 1 << 24, &CustomArch::sliding_window},
    {"e", "num_local_experts", 0, 2048, &CustomArch::experts},
    {"k", "num_experts_per_tok", 1, 2048, &CustomArch::experts_per_token},
    {"eff", "moe_intermediate_size", 1, 1 << 20, &CustomArch::expert_ffn_size},
    {"se", "n_shared_experts", 0, 64, &CustomArch::shared_experts},
}};
constexpr std::size_t kMoeFirst = 10;  // k, eff, se: read only with experts

Diagnostic error(const char* code, std::string field, std::string detail) {
  return {code, Severity::kError, std::move(field), std::move(detail)};
}

double param_estimate(const CustomArch& a) {
  const double attention = static_cast<double>(a.hidden_size) * a.head_dim * (2.0 * a.heads + 2.0 * a.kv_heads);
  const double mlp = 3.0 * a.hidden_size *
                     (a.experts > 0 ? static_cast<double>(a.experts + a.shared_experts) * a.expert_ffn_size : a.ffn_size);
  return a.layers * (attention + mlp) + (a.tied_embeddings ? 1.0 : 2.0) * a.vocab_size * a.hidden_size;
}

// config.json text; the model type says how layers slide: Mistral and Mixtral slide on every layer
// (transformers' MistralConfig.sliding_window), Llama never. Shared experts are DeepSeek's n_shared_experts,
// each of the expert width.
std::string config_text(const CustomArch& a, const std::string& name) {
  std::string c = "{\"architectures\":[\"" + name + "\"],\"model_type\":\"" +
                  (a.experts > 0 ? "mixtral" : a.sliding_window > 0 ? "mistral" : "llama") +
                  "\",\"torch_dtype\":\"bfloat16\",\"tie_word_embeddings\":" + (a.tied_embeddings ? "true" : "false");
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    const int v = a.*kFields[i].member;
    if (v == 0 && i >= 8) continue;                    // no window, no experts, no shared experts
    if (a.experts == 0 && i >= kMoeFirst) continue;    // k, eff: experts only
    c += ",\"" + std::string(kFields[i].config_key) + "\":" + std::to_string(v);
  }
  return c + "}";
}

}  // namespace

// Values beyond the form's ranges are kept: check_custom_arch names them when the editor applies them.
CustomArch custom_arch_from_model(const ModelArch& m) {
  CustomArch a;
  a.layers = m.num_layers;
  a.hidden_size = m.hidden_size;
  a.heads = m.num_heads;
  a.kv_heads = m.num_kv_heads;
  a.head_dim = m.head_dim;
  a.ffn_size = m.intermediate_size;
  a.vocab_size = m.vocab_size;
  a.max_context = m.max_context > 0 ? m.max_context : 4096;
  // A window only when every layer slides: a per-layer pattern keeps full attention (more memory).
  const bool all_slide = std::all_of(m.layers.begin(), m.layers.end(),
                                     [](const LayerSpec& l) { return l.mixer == MixerKind::kSlidingAttention; });
  a.sliding_window = all_slide ? m.sliding_window : 0;
  a.tied_embeddings = m.tie_embeddings;
  if (m.moe.num_experts > 0 && m.moe.expert_intermediate_size > 0) {
    a.experts = m.moe.num_experts;
    a.experts_per_token = m.moe.experts_per_token;
    a.expert_ffn_size = m.moe.expert_intermediate_size;
    // Shared experts of another width (Qwen2-MoE: one of 4 x the expert width) as that many expert-wide ones:
    // the same parameters.
    a.shared_experts = static_cast<int>(std::lround(std::min(1e6, static_cast<double>(m.moe.num_shared_experts) *
                                                                      m.moe.shared_intermediate_size / a.expert_ffn_size)));
  }
  return a;
}

bool custom_arch_approximates(const ModelArch& m) {
  const ParsedConfig p = custom_model(custom_arch_from_model(m));
  if (!p.model) return true;
  const ModelArch& c = *p.model;
  if (c.layers.size() != m.layers.size() || m.mla.enabled() || k_width(c) != k_width(m) || v_width(c) != v_width(m))
    return true;
  bool slides = false;
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    const LayerSpec &x = c.layers[i], &y = m.layers[i];
    if (x.mixer != y.mixer || x.has_mlp != y.has_mlp || x.moe != y.moe) return true;
    slides |= y.mixer == MixerKind::kSlidingAttention;
  }
  if (slides && c.sliding_window != m.sliding_window) return true;
  const ParamCounts pc = count_params(c), pm = count_params(m);
  auto near = [](double x, double y) { return std::fabs(x - y) <= 1e-4 * std::max(std::fabs(y), 1.0); };
  return !near(pc.total(), pm.total()) || !near(pc.active(), pm.active());
}

Diagnostics check_custom_arch(const CustomArch& a) {
  Diagnostics d;
  for (std::size_t i = 0; i < (a.experts == 0 ? kMoeFirst : kFields.size()); ++i) {
    const Field& f = kFields[i];
    if (a.*f.member < f.lo || a.*f.member > f.hi)
      d.push_back(error("config.out_of_range", f.config_key,
                        std::string(f.key) + " must be " + std::to_string(f.lo) + " to " + std::to_string(f.hi)));
  }
  if (!d.empty()) return d;
  if (a.heads % a.kv_heads != 0)
    d.push_back(error("config.inconsistent", "num_key_value_heads", "attention heads must be a multiple of KV heads"));
  else if (a.experts > 0 && a.experts_per_token > a.experts)
    d.push_back(error("config.inconsistent", "num_experts_per_tok", "experts per token must not exceed the experts"));
  else if (param_estimate(a) > kMaxParams)
    d.push_back(error("config.out_of_range", "parameters", "more than 100T parameters"));
  return d;
}

std::string encode_custom_arch(const CustomArch& a) {
  std::string out = std::to_string(kCustomArchVersion);
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    const Field& f = kFields[i];
    const int v = a.*f.member;
    const bool written = i >= kMoeFirst ? a.experts > 0 && (f.key != "se" || v > 0)
                         : f.key == "d"  ? a.heads > 0 && v != a.hidden_size / a.heads
                         : f.key == "sw" || f.key == "e" ? v > 0
                                                         : true;
    if (written) out += "." + std::string(f.key) + std::to_string(v);
  }
  if (a.tied_embeddings) out += ".tie";
  return out;
}

CustomArchDecoded decode_custom_arch(std::string_view text) {
  CustomArchDecoded out;
  CustomArch a;
  a.experts = 0;
  unsigned seen = 0;  // bit i: kFields[i] given; bit 13: tie
  bool bad = false, first = true;
  for (std::size_t start = 0; !bad && start <= text.size() && text.size() <= kMaxTextBytes; first = false) {
    const std::size_t dot = std::min(text.find('.', start), text.size());
    const std::string_view token = text.substr(start, dot - start);
    start = dot + 1;
    std::size_t letters = 0;
    while (letters < token.size() && std::isalpha(static_cast<unsigned char>(token[letters]))) ++letters;
    const std::string_view key = token.substr(0, letters), digits = token.substr(letters);
    const auto f = std::find_if(kFields.begin(), kFields.end(), [&](const Field& x) { return x.key == key; });
    const unsigned bit = key == "tie" ? 1u << 13 : f == kFields.end() ? 0 : 1u << (f - kFields.begin());
    long long v = 0;  // long long: the share link's from_chars, not a second one
    const bool number = !digits.empty() && digits.size() <= 9 && digits[0] != '-' &&
                        std::from_chars(digits.data(), digits.data() + digits.size(), v).ptr == digits.data() + digits.size();
    if (key.empty() && first && number && v == kCustomArchVersion) continue;  // the version, written first
    bad = (seen & bit) || (key == "tie" ? !digits.empty() : f == kFields.end() || !number);
    seen |= bit;
    if (key == "tie") a.tied_embeddings = true;
    else if (f != kFields.end()) a.*f->member = static_cast<int>(v);
  }
  constexpr unsigned kRequired = 1u << 0 | 1u << 1 | 1u << 2 | 1u << 5 | 1u << 6 | 1u << 7;  // L h a ff v ctx
  if (bad || text.size() > kMaxTextBytes || (seen & kRequired) != kRequired) {
    out.diagnostics.push_back(error("config.unsupported", "",
        "expected 1.L<n>.h<n>.a<n>.kv<n>.ff<n>.v<n>.ctx<n>, then any of d sw e k eff se <n>, tie, each once"));
    return out;
  }
  if (!(seen & 1u << 3)) a.kv_heads = a.heads;
  if (!(seen & 1u << 4)) a.head_dim = a.hidden_size / std::max(a.heads, 1);
  if (a.experts == 0 && (seen & 7u << kMoeFirst)) a.experts = -1;  // k, eff or se without experts: refused below;
                                                                    // experts without k or eff leave them 0, refused too
  out.diagnostics = check_custom_arch(a);
  if (out.diagnostics.empty()) out.arch = a;
  return out;
}

std::string custom_config_json(const CustomArch& a) {
  const ParsedConfig m = custom_model(a);
  return config_text(a, m.model ? m.model->name : "");
}

// Built directly, without the JSON text: the page reads no JSON on its first visit. What parse_hf_config makes of
// custom_config_json's text, field for field (CustomArch.BuiltAsTheConfigReaderReadsIt checks it on random
// architectures): the llama / mistral / mixtral readers' defaults, every layer alike.
ParsedConfig custom_model(const CustomArch& a) {
  ParsedConfig out;
  out.diagnostics = check_custom_arch(a);
  if (!out.diagnostics.empty()) return out;
  ModelArch m;
  m.model_type = a.experts > 0 ? "mixtral" : a.sliding_window > 0 ? "mistral" : "llama";
  m.hidden_size = a.hidden_size;
  m.num_layers = a.layers;
  m.num_heads = a.heads;
  m.num_kv_heads = a.kv_heads;
  m.head_dim = a.head_dim;
  m.intermediate_size = a.ffn_size;
  m.vocab_size = a.vocab_size;
  m.tie_embeddings = a.tied_embeddings;
  m.max_context = a.max_context;
  m.sliding_window = a.sliding_window;
  if (a.experts > 0) {
    m.moe.num_experts = a.experts;
    m.moe.experts_per_token = a.experts_per_token;
    m.moe.expert_intermediate_size = a.expert_ffn_size;
    m.moe.num_shared_experts = a.shared_experts;
    m.moe.shared_intermediate_size = a.expert_ffn_size;
  }
  m.mamba.head_dim = 64;     // the reader's Mamba-2 defaults (mamba_head_dim, ssm_state_size), unused here
  m.mamba.state_size = 128;
  LayerSpec layer;
  layer.mixer = a.sliding_window > 0 ? MixerKind::kSlidingAttention : MixerKind::kFullAttention;
  layer.moe = a.experts > 0;
  m.layers.assign(static_cast<std::size_t>(a.layers), layer);
  // The name custom_config_json writes in "architectures".
  m.name = "Custom (" + format_params(count_params(m).total()) + ")";
  out.diagnostics = implausible_sizes(m, true);
  out.model = std::move(m);
  out.checkpoint_format = "bf16";
  return out;
}

}  // namespace vramfit
