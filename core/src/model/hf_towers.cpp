// Vision towers and their projectors, from config.json's vision_config: parameter counts per family, from the
// module shapes of each family's transformers implementation (sources per family below). The towers are counted
// apart from the text model (ParamCounts::towers): how each engine loads and runs them is issue 18's next step.
#include <cmath>
#include <string>

#include "model/hf_reader.h"
#include "vramfit/format.h"

namespace vramfit::hf {
namespace {

double layer_norm(double d) { return 2 * d; }            // LayerNorm: weight and bias
double linear(double in, double out, bool bias) { return in * out + (bias ? out : 0); }

struct VisionKeys {
  const json& v;
  Diagnostics& diags;
  std::optional<long long> get(const char* key, long long lo, long long hi) const {
    return whole_number(json_util::find(v, key), std::string("vision_config.") + key, lo, hi, Severity::kError, diags);
  }
  long long need(const char* key, long long fallback, long long lo = 1, long long hi = 1 << 20) const {
    return get(key, lo, hi).value_or(fallback);
  }
};

// One ViT block with LayerNorms (weight and bias), biased q/k/v/o and a biased two-layer MLP: Qwen3-VL, SigLIP and
// Llama-4's vision encoders alike: 4D^2 + 2DI + 9D + I.
double vit_block(double d, double i) { return 2 * layer_norm(d) + 4 * linear(d, d, true) + linear(d, i, true) + linear(i, d, true); }

// Qwen3-VL and Qwen3.5 (transformers models/qwen3_vl/modeling_qwen3_vl.py at 00709b8 Qwen3VLVisionModel; Qwen3.5's
// subclass, models/qwen3_5/modular_qwen3_5.py at 009e78d, drops the deepstack mergers and lists none):
// a Conv3d patch embedding (in_channels x temporal_patch_size x patch_size^2 -> hidden, with bias), a learned
// position table of num_position_embeddings, depth blocks (two LayerNorms, fused qkv and proj with biases, an MLP
// fc1/fc2 with biases), a patch merger (LayerNorm over hidden, fc1 over spatial_merge_size^2 x hidden, fc2 to
// out_hidden_size) and one post-shuffle-norm merger per deepstack_visual_indexes entry.
double qwen3_vl_tower(const VisionKeys& k) {
  const double h = k.need("hidden_size", 1152), f = k.need("intermediate_size", 4304), depth = k.need("depth", 27);
  const double c = k.need("in_channels", 3), p = k.need("patch_size", 16), t = k.need("temporal_patch_size", 2);
  const double pos = k.need("num_position_embeddings", 2304), out = k.need("out_hidden_size", 3584);
  const double merge = k.need("spatial_merge_size", 2);
  const double block = vit_block(h, f);
  const double merged = h * merge * merge;
  const double merger = linear(merged, merged, true) + linear(merged, out, true);
  double deepstack = 0;
  if (const json* d = json_util::find(k.v, "deepstack_visual_indexes"); d != nullptr && d->is_array())
    deepstack = static_cast<double>(d->size());
  return linear(c * t * p * p, h, true) + pos * h + depth * block + (layer_norm(h) + merger) +
         deepstack * (layer_norm(merged) + merger);
}

// Gemma-3's SigLIP tower (transformers models/siglip/modeling_siglip.py at 00b2065 SiglipVisionTransformer): a
// patch conv with bias, a position table of (image_size / patch_size)^2, num_hidden_layers ViT blocks, a
// post-LayerNorm; the pooling head only with vision_use_head (Gemma-3's configs set it false). Gemma-3's projector
// (models/gemma3/modeling_gemma3.py at 0018aa6 Gemma3MultiModalProjector): mm_input_projection_weight
// [vision hidden, text hidden] and a weight-only RMSNorm over the vision hidden size.
double siglip_gemma3_tower(const VisionKeys& k, double text_hidden) {
  const double d = k.need("hidden_size", 768), i = k.need("intermediate_size", 3072), layers = k.need("num_hidden_layers", 12);
  const double c = k.need("num_channels", 3), p = k.need("patch_size", 16), image = k.need("image_size", 224);
  const double side = std::floor(image / p);
  double tower = linear(c * p * p, d, true) + side * side * d + layers * vit_block(d, i) + layer_norm(d);
  const json* head = json_util::find(k.v, "vision_use_head");
  if (head == nullptr || (head->is_boolean() && head->get<bool>()))
    tower += d + linear(d, 3 * d, true) + linear(d, d, true) + layer_norm(d) + linear(d, i, true) + linear(i, d, true);
  return tower + d * text_hidden + d;
}

// Llama-4's vision encoder and projector (transformers models/llama4/modeling_llama4.py at 000c33f): an unfold +
// linear patch embedding without bias, a class embedding, a position table of (image_size / patch_size)^2 + 1,
// pre and post LayerNorms, num_hidden_layers ViT blocks, the pixel-shuffle adapter (fc1 projector_input_dim x
// intermediate_size, fc2 projector_output_dim^2, no biases) and multi_modal_projector.linear_1 (vision_output_dim
// x text hidden, no bias; the config's multi_modal_projector_bias is not read by the code).
double llama4_tower(const VisionKeys& k, double text_hidden) {
  const double d = k.need("hidden_size", 768), i = k.need("intermediate_size", 5632), layers = k.need("num_hidden_layers", 34);
  const double c = k.need("num_channels", 3), p = k.need("patch_size", 14), image = k.need("image_size", 448);
  const double in = k.need("projector_input_dim", 4096), out = k.need("projector_output_dim", 4096);
  const double vision_out = k.need("vision_output_dim", 7680);
  const double side = std::floor(image / p);
  return c * p * p * d + d + (side * side + 1) * d + 2 * layer_norm(d) + layers * vit_block(d, i) + in * i + out * out +
         vision_out * text_hidden;
}

// Counts the towers into m.tower_params (and names the formula), or warns that this family's are not counted.
void count_towers(ModelArch& m, const json& root, const json& vision, Diagnostics& diags) {
  const json* v = &vision;
  const VisionKeys k{*v, diags};
  const std::string top = json_util::string(root, "model_type").value_or("");
  const std::string vt = json_util::string(*v, "model_type").value_or("");
  if (top == "qwen3_vl" || top == "qwen3_vl_moe" || top == "qwen3_5" || top == "qwen3_5_moe") {
    m.tower_params = qwen3_vl_tower(k);
    m.tower_kind = "Qwen3-VL vision tower";
    return;
  }
  if (top == "gemma3" && (vt.empty() || vt == "siglip_vision_model")) {
    m.tower_params = siglip_gemma3_tower(k, m.hidden_size);
    m.tower_kind = "SigLIP vision tower + Gemma-3 projector";
    return;
  }
  if (top == "llama4" && (vt.empty() || vt == "llama4_vision_model")) {
    m.tower_params = llama4_tower(k, m.hidden_size);
    m.tower_kind = "Llama-4 vision encoder + projector";
    return;
  }
  diags.push_back({"config.unsupported", Severity::kWarning, "vision_config",
                   "The vision tower (" + (vt.empty() ? top : vt) +
                       ") is not counted: vramfit reads the text model only for this family."});
}

}  // namespace

// The towers of a multimodal config.json, counted into m.tower_params; a tower of a family not described here is
// a warning that says its parameters are not counted.
void read_towers(ModelArch& m, const json& root, Diagnostics& diags) {
  const json* v = json_util::find(root, "vision_config");
  if (v == nullptr || !v->is_object()) return;
  count_towers(m, root, *v, diags);
  if (m.tower_params > 0)
    diags.push_back({"config.towers_apart", Severity::kNote, "vision_config",
                     "The " + m.tower_kind + " has " + format_params(m.tower_params) +
                         " parameters, counted apart from the text model. vLLM and transformers estimates load its "
                         "weights (16-bit); its activations, the image tokens and llama.cpp's mmproj file are not "
                         "modelled yet."});
}

}  // namespace vramfit::hf
