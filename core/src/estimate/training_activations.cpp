// Activation memory of one training step: what each transformer layer saves for backward.
//
// Full fine-tuning follows Korthikanti et al. 2022 (Eq. 1), generalised per tensor saved. A frozen base
// (LoRA, QLoRA) saves far less: autograd keeps a matmul operand only for the other operand's gradient
// (PyTorch's generated MmBackward0 saves `self` only if should_compute_output(1), i.e. only if the weight
// needs a gradient; tools/autograd/gen_variable_type.py, v2.1), so a frozen linear keeps its weight and no
// input. What stays is counted tensor by tensor below, in the eager PyTorch code of LitGPT (litgpt/model.py),
// transformers (modeling_llama.py) and torchtune, which save the same tensors.
#include <algorithm>
#include <cmath>

#include "estimate/training_internal.h"

namespace vramfit {
namespace {

bool has(const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); }

bool is_moe(const ModelArch& m) {
  return std::any_of(m.layers.begin(), m.layers.end(), [](const LayerSpec& l) { return l.moe; });
}

// Width of the MLP a token passes through and how many of them: the dense MLP (1), or top-k routed experts
// plus the shared experts counted in expert widths.
struct MlpPath {
  double width = 0;
  double copies = 1;
};

MlpPath mlp_path(const ModelArch& m) {
  if (!is_moe(m)) return {static_cast<double>(m.intermediate_size), 1};
  const double f = m.moe.expert_intermediate_size;
  return {f, m.moe.experts_per_token + m.moe.num_shared_experts * (static_cast<double>(m.moe.shared_intermediate_size) / std::max(1.0, f))};
}

}  // namespace

double layer_activation_bytes(const ModelArch& m, double b, double s, bool flash, bool dropout) {
  const double h = m.hidden_size, q = q_width(m), kv = static_cast<double>(k_width(m)), a = m.num_heads;
  const double sb = s * b;
  // Attention: the normed input (2sbh), Q, K, V, the input of the output projection; without a fused kernel
  // the softmax output (2as^2b), and with dropout its mask (as^2b) and output (2as^2b) and the output mask (sbh).
  double attn = 2 * sb * h + 2 * sb * q + 2 * 2 * sb * kv + 2 * sb * q;
  if (!flash) attn += 2 * a * s * s * b + (dropout ? 3 * a * s * s * b : 0);
  if (dropout) attn += sb * h;
  // MLP: the normed input (2sbh); gated: gate output, its activation, up output, their product (4 x 2sbf);
  // plain: first linear output and activation output (2 x 2sbf); MoE: each token through top-k experts.
  const MlpPath path = mlp_path(m);
  double mlp = 2 * sb * h + (m.mlp == MlpKind::kGated ? 8 : 4) * sb * path.width * path.copies;
  if (dropout) mlp += sb * h;
  const double norms = 2 * 2 * sb * h;
  return attn + mlp + norms;
}

double eager_layer_activation_bytes(const TrainingRequest& r, double b, double s) {
  const ModelArch& m = r.model;
  const bool flash = r.flash_attention || r.checkpointing == Checkpointing::kSelective;
  double bytes = layer_activation_bytes(m, b, s, flash, r.dropout);
  const double sb = s * b, h = m.hidden_size, q = q_width(m), kv = static_cast<double>(k_width(m));
  // Korthikanti counts a fused LayerNorm keeping its 16-bit input (2 B). An eager RMSNorm keeps its input
  // (training::norm_input_bytes: 4 B when upcast) and, for its weight's gradient, the normalised 16-bit tensor
  // (2 B): norm_input_bytes more per norm.
  if (m.norm == NormKind::kRms) bytes += m.norms_per_layer * training::norm_input_bytes(r) * sb * h;
  // The SDPA paths expand k and v to every query head before the kernel saves them (LitGPT model.py
  // k.expand, transformers repeat_kv, torchtune), and the kernel keeps its output besides the output
  // projection's input, a reshaped copy (LitGPT y.reshape, transformers .transpose(1, 2).contiguous()).
  if (flash) bytes += 2 * sb * 2 * std::max(0.0, q - kv) + 2 * sb * q;
  return bytes;
}

double frozen_layer_activation_bytes(const TrainingRequest& r, double b, double s) {
  const ModelArch& m = r.model;
  const double sb = s * b, h = m.hidden_size, q = q_width(m), kv = static_cast<double>(k_width(m));
  // Norms: each norm's input, 16-bit or its fp32 copy (norm_input_bytes).
  const double norms = m.norms_per_layer * training::norm_input_bytes(r) * sb * h;
  // Attention core: the fused kernel (SDPA, flash-attn) keeps q, k, v and its output. The SDPA paths of
  // LitGPT (model.py: k.expand before SDPA), transformers (repeat_kv) and torchtune expand k and v to all
  // query heads first, so all four are q wide. With LitGPT's fused q/k/v and MHA the value handed to SDPA is
  // a view of the fused output (qkv.view/permute/split, reshape without copy), which keeps all of it alive.
  double attn = 2 * sb * (4 * q);
  if (r.fused_qkv && kv == q) attn = 2 * sb * (q + q + (q + 2 * kv) + q);
  if (!r.flash_attention && r.checkpointing != Checkpointing::kSelective)
    attn += 2 * m.num_heads * s * s * b;  // eager attention: the softmax output (Korthikanti Eq. 1, 2as^2b)
  // MLP: gated keeps the activation's input, its output and the up projection (the operands of silu and of
  // the product, 3 x 2sbf); plain keeps the activation's input (2sbf). A frozen down projection keeps no input.
  const MlpPath path = mlp_path(m);
  const double mlp = (m.mlp == MlpKind::kGated ? 6 : 2) * sb * path.width * path.copies;
  return norms + attn + mlp;
}

double qlora_kept_input_layer_bytes(const ModelArch& m, double b, double s) {
  // bitsandbytes 0.41-0.43.1 MatMul4Bit.forward sets `ctx.tensors = (A, B)` whenever A or B needs a gradient
  // (bitsandbytes/autograd/_functions.py, 0.42.0 l. 522-523): the 16-bit input A of every 4-bit linear stays,
  // although backward needs only B. Fixed in 0.43.2 (PR #1270: `ctx.tensors = (None, B)`). One distinct input
  // each: q/k/v (h, one tensor), the output projection (q width), gate/up (h, one tensor), down (f); MoE
  // experts see top-k gathered copies.
  const double sb = s * b, h = m.hidden_size, q = q_width(m);
  const MlpPath path = mlp_path(m);
  return 2 * sb * (h + q + (h + path.width) * path.copies);
}

double lora_branch_layer_bytes(const TrainingRequest& r, double b, double s) {
  // PEFT / LitGPT / torchtune LoRA: y = W x + B(A(dropout(x))) * alpha/r. With p > 0 every adapter module has
  // its own nn.Dropout, which keeps a bool mask (1 B) and its output, the input lora_A saves (2 B); with p = 0
  // lora_A saves x itself, one tensor however many adapters share it. LitGPT's fused q/k/v carries one adapter
  // module (lit_gpt/lora.py LoRAQKVLinear). The rank-wide lora_A output is negligible and left out.
  const ModelArch& m = r.model;
  const auto& t = r.lora_targets;
  const double sb = s * b, h = m.hidden_size, q = q_width(m);
  const double per_module = r.lora_dropout ? 3 : 0, shared = r.lora_dropout ? 0 : 2;
  const MlpPath path = mlp_path(m);
  double bytes = 0;
  const int qkv = has(t, "q") + has(t, "k") + has(t, "v");
  if (qkv > 0) bytes += sb * h * (shared + per_module * (r.fused_qkv ? 1 : qkv));
  if (has(t, "o")) bytes += sb * q * (shared + per_module);
  const int gate_up = (has(t, "gate") && m.mlp == MlpKind::kGated) + has(t, "up");
  if (gate_up > 0) bytes += sb * h * path.copies * (shared + per_module * gate_up);
  if (has(t, "down")) bytes += sb * path.width * path.copies * (shared + per_module);
  return bytes;
}

}  // namespace vramfit

namespace vramfit::training {

// Bytes per element a norm saves: eager RMSNorm upcasts its input and keeps the fp32 copy (transformers
// LlamaRMSNorm `hidden_states.to(torch.float32)`; LitGPT RMSNorm `x = x.float()` since commit 6178c7c of
// 2023-10-24; torchtune RMSNorm `x.float()`); LayerNorm (fused native op) and LitGPT's RMSNorm before that
// commit keep the 16-bit input.
double norm_input_bytes(const TrainingRequest& r) {
  return r.model.norm == NormKind::kRms && r.rmsnorm_fp32_input ? 4 : 2;
}

double frozen_head_activation_bytes(const TrainingRequest& r, double b, double s) {
  const double sbh = s * b * r.model.hidden_size;
  double bytes = norm_input_bytes(r) * sbh;
  if (std::find(r.lora_targets.begin(), r.lora_targets.end(), "head") != r.lora_targets.end())
    bytes += (r.lora_dropout ? 3 : 2) * sbh;  // lm_head's adapter: mask + dropped input, or the input
  return bytes;
}

double qlora_dequant_bytes(const TrainingRequest& r) {
  // bitsandbytes MatMul4Bit (0.41-0.45) runs `F.dequantize_4bit(B, quant_state).to(A.dtype)` in forward and
  // backward: the whole matrix in quant_state.dtype, then a copy in the compute dtype when they differ.
  // Lightning quantizes from fp16 (`weight.contiguous().to(device=device, dtype=torch.half)`,
  // fabric/plugins/precision/bitsandbytes.py) under bf16 compute: two copies; transformers quantizes the
  // checkpoint's bf16 tensor and torchao's NF4 dequantizes straight to the input's dtype: one copy.
  const ModelArch& m = r.model;
  const double h = m.hidden_size, q = q_width(m), kv = static_cast<double>(k_width(m));
  double largest = h * std::max(m.intermediate_size, m.moe.expert_intermediate_size);
  largest = std::max(largest, h * (r.fused_qkv ? q + 2 * kv : q));
  if (r.qlora_quantizer == QloraQuantizer::kLightning) largest = std::max(largest, h * static_cast<double>(m.vocab_size));
  const double copies = r.qlora_quantizer == QloraQuantizer::kLightning ? 2 : 1;
  return largest * 2 * copies / std::max(1, r.tensor_parallel);
}

double logits_bytes_per_entry(const TrainingRequest& r) {
  // Chunked cross-entropy (LitGPT lit_gpt/utils.py chunked_cross_entropy, 2023-2024): the bf16 logits stay
  // referenced by the loop and torch cross_entropy on each bf16 chunk keeps its bf16 log-softmax: 2 + 2 B.
  // Otherwise transformers' causal-LM loss upcasts first (logits.float()): bf16 logits, fp32 copy and fp32
  // log-softmax, 2 + 4 + 4 B.
  return r.chunked_loss ? 4 : 10;
}

}  // namespace vramfit::training
