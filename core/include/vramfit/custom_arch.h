// A custom architecture: the numbers a model card gives, typed by hand, as a model source beside the presets
// and imported files. It becomes a model by way of the config.json it stands for (custom_config_json), read by
// the config.json parser like any imported config, so every engine treats it alike.
//
// Text form (share links' arch=, the command line's --arch), version 1: tokens joined by '.', each a key and a
// decimal number, in this order:
//   1.L<layers>.h<hidden>.a<heads>.kv<kv heads>[.d<head dim>].ff<FFN>.v<vocab>.ctx<max context>
//     [.sw<sliding window>][.e<experts>.k<experts per token>.eff<expert FFN>[.se<shared experts>]][.tie]
// e.g. 1.L32.h4096.a32.kv8.ff14336.v128256.ctx131072 (Llama 3.1 8B). The leading version token is written
// always and may be left out when typing; d is written only when it is not hidden / heads; sw, e (with k, eff),
// se and tie only when set. Keys may come in any order, none twice; anything else is refused with a diagnostic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vramfit/diagnostics.h"
#include "vramfit/hf_config.h"
#include "vramfit/model.h"

namespace vramfit {

inline constexpr int kCustomArchVersion = 1;

struct CustomArch {
  int layers = 32;                   // L:   num_hidden_layers, 1..1024
  int hidden_size = 4096;            // h:   hidden_size, 1..131072
  int heads = 32;                    // a:   num_attention_heads, 1..2048
  int kv_heads = 8;                  // kv:  num_key_value_heads, 1..heads, dividing heads
  int head_dim = 128;                // d:   head_dim, 1..4096 (default hidden / heads)
  int ffn_size = 14336;              // ff:  intermediate_size of the dense MLP (gated: gate, up, down), 1..1048576
  int vocab_size = 128256;           // v:   vocab_size, 1..8388608
  int max_context = 131072;          // ctx: max_position_embeddings, 1..16777216
  int sliding_window = 0;            // sw:  tokens every layer attends to, 0 = full attention, 0..16777216
  int experts = 0;                   // e:   routed experts per layer, 0 = dense, 0..2048 (then every layer is MoE)
  int experts_per_token = 0;         // k:   top-k, 1..experts (MoE only)
  int expert_ffn_size = 0;           // eff: intermediate size of one expert, 1..1048576 (MoE only)
  int shared_experts = 0;            // se:  always-active experts of the expert FFN size, 0..64 (MoE only)
  bool tied_embeddings = false;      // tie: the output head shares the token embedding

  bool operator==(const CustomArch&) const = default;
};

// The fields `model` fills in. Lossy for what the form has no field for: multi-head latent attention (MLA is
// written as plain attention of its decompressed heads), Mamba mixers, per-layer patterns (some layers sliding
// or dense, others not), biases, LayerNorm, plain (ungated) MLPs, q/k norms, gated or differently sized shared
// experts, learned positions. custom_arch_approximates() says whether anything that counts was dropped.
CustomArch custom_arch_from_model(const ModelArch& model);
// Whether custom_model(custom_arch_from_model(model)) differs from `model` in its layers' kinds, its K/V
// widths, its sliding window or its parameters (by more than 0.01%: the q/k norms of Qwen3 do not count).
bool custom_arch_approximates(const ModelArch& model);

// Range and consistency checks: errors with codes config.out_of_range and config.inconsistent, the field
// named by its config.json key. Empty when the architecture can be built.
Diagnostics check_custom_arch(const CustomArch& arch);

std::string encode_custom_arch(const CustomArch& arch);
struct CustomArchDecoded {
  std::optional<CustomArch> arch;  // absent when the text cannot be read or fails check_custom_arch
  Diagnostics diagnostics;
};
CustomArchDecoded decode_custom_arch(std::string_view text);

// The Hugging Face config.json object the architecture stands for (model_type llama; mistral with a sliding
// window; mixtral with experts), named "Custom (8.03B)" after its parameter count in "architectures".
std::string custom_config_json(const CustomArch& arch);
// That config read by parse_hf_config: a model when check_custom_arch passes, else its diagnostics.
ParsedConfig custom_model(const CustomArch& arch);

}  // namespace vramfit
