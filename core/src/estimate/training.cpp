// Training memory. Model states after ZeRO (Rajbhandari et al. 2020, sec. 3 and Figure 1: 2 + 2 + K bytes per
// parameter, K = 12 for mixed-precision Adam), with FSDP's no_sync() gradients; activations in
// training_activations.cpp (Korthikanti et al. 2022, eager PyTorch, a frozen base); LoRA after Hu et al. 2021
// (r x (d_in + d_out) per adapted matrix); QLoRA after Dettmers et al. 2023, with what bitsandbytes and the
// training loop keep alive besides (4-bit matmul inputs, the previous micro-step, dequantised copies).
#include "vramfit/training.h"

#include <algorithm>
#include <cmath>

#include "estimate/engine_common.h"
#include "estimate/training_internal.h"
#include "vramfit/weight_format.h"

namespace vramfit {
namespace {

using engine::component;
using engine::whole;

constexpr const char* kZero = "Rajbhandari et al. 2020 (ZeRO), sec. 3, Fig. 1: model states 2 + 2 + K bytes/param";
constexpr const char* kKorthikanti = "Korthikanti et al. 2022, Eq. 1 (34sbh + 5as^2b), generalised per tensor saved";
constexpr const char* kFrozenBase = "frozen base: a frozen linear saves no input (PyTorch MmBackward0); norms, attention core, MLP operands, adapters";

bool has(const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Bytes of optimizer state per trainable parameter (before sharding).
double optimizer_bytes_per_param(const TrainingRequest& r) {
  const double s = r.optimizer_state_bytes;
  switch (r.optimizer) {
    case Optimizer::kAdamW: return 2 * s;                // exp_avg, exp_avg_sq
    case Optimizer::kAdamW8bit: return 2 + 2 * 4.0 / 2048;  // bitsandbytes: 2 x int8 + fp32 absmax per 2048-block
    case Optimizer::kAdafactor: return 4.0 * 2 / std::max(1, r.model.hidden_size);  // factored 2nd moment: (rows + cols) x 4 B
    case Optimizer::kSgd: return 0;
    case Optimizer::kSgdMomentum: return s;
    case Optimizer::kLion: return s;                      // one momentum
  }
  return 2 * s;
}

// Bytes per trainable parameter the optimizer step allocates on top of its states. torch's foreach AdamW
// (the default on CUDA) builds one list of temporaries, exp_avg_sq_sqrt = torch._foreach_sqrt(exp_avg_sqs),
// in the states' dtype (torch/optim/adamw.py _multi_tensor_adamw, 2.1-2.5); bitsandbytes' 8-bit optimizers
// update in one fused kernel and plain SGD updates in place.
double optimizer_step_temp_bytes_per_param(const TrainingRequest& r) {
  switch (r.optimizer) {
    case Optimizer::kAdamW8bit:
    case Optimizer::kSgd: return 0;
    default: return r.optimizer_state_bytes;
  }
}

const char* optimizer_name(Optimizer o) {
  switch (o) {
    case Optimizer::kAdamW: return "AdamW";
    case Optimizer::kAdamW8bit: return "8-bit AdamW";
    case Optimizer::kAdafactor: return "Adafactor";
    case Optimizer::kSgd: return "SGD";
    case Optimizer::kSgdMomentum: return "SGD with momentum";
    case Optimizer::kLion: return "Lion";
  }
  return "";
}

}  // namespace

namespace {

// Sums `per_matrix(d_in, d_out)` over every matrix the targets adapt, layer by layer (MoE experts each count).
template <typename PerMatrix>
double sum_adapted(const ModelArch& m, const std::vector<std::string>& t, PerMatrix per_matrix) {
  const double h = m.hidden_size, vocab = m.vocab_size;
  double total = 0;
  for (const auto& L : m.layers) {
    if (is_attention(L.mixer)) {
      const double q = m.mla.enabled() ? q_width(m) : static_cast<double>(layer_heads(m, L)) * layer_head_dim(m, L);
      const double kv = L.kv_source >= 0 ? 0 : m.mla.enabled() ? k_width(m) : static_cast<double>(layer_k_width(m, L));
      total += (has(t, "q") ? per_matrix(h, q) : 0) + (kv > 0 && has(t, "k") ? per_matrix(h, kv) : 0) +
               (kv > 0 && has(t, "v") ? per_matrix(h, kv) : 0) + (has(t, "o") ? per_matrix(q, h) : 0);
    }
    if (!L.has_mlp || L.ffn_linear) continue;
    const double f = L.moe ? m.moe.expert_intermediate_size : L.ffn_width > 0 ? L.ffn_width : m.intermediate_size;
    const double copies = L.moe ? m.moe.num_experts : 1;
    const double mlp = (has(t, "gate") && m.mlp == MlpKind::kGated ? per_matrix(h, f) : 0) +
                       (has(t, "up") ? per_matrix(h, f) : 0) + (has(t, "down") ? per_matrix(f, h) : 0);
    total += mlp * copies;
  }
  if (has(t, "embed")) total += per_matrix(vocab, h);
  if (has(t, "head")) total += per_matrix(h, vocab);
  return total;
}

}  // namespace

// LoRA: A (r x d_in) and B (d_out x r) per adapted matrix (Hu et al. 2021).
double lora_params(const ModelArch& m, int rank, const std::vector<std::string>& t) {
  return sum_adapted(m, t, [rank](double d_in, double d_out) { return rank * (d_in + d_out); });
}

double dora_magnitude_params(const ModelArch& m, const std::vector<std::string>& t) {
  return sum_adapted(m, t, [](double, double d_out) { return d_out; });
}

namespace {

// DoRA's extra memory in PEFT (v0.13, tuners/lora/dora.py, DoraLinearLayer.forward): the magnitude scales the
// frozen layer's output, so that output (b x s x d_out, 16-bit) is kept for backward in every adapted linear;
// and the norm of W + s * BA is taken over a composed weight (two d_out x d_in matrices, one layer at a time;
// the norm itself is detached, Liu et al. 2024 sec. 4.3).
struct DoraExtra {
  double saved = 0, composed = 0;
};

DoraExtra dora_extra(const TrainingRequest& r) {
  DoraExtra x;
  if (!r.dora || r.method == TrainMethod::kFull) return x;
  const ModelArch& m = r.model;
  const double tokens = static_cast<double>(r.micro_batch) * r.seq_len;
  x.saved = dora_magnitude_params(m, r.lora_targets) * tokens * 2 / std::max(1, r.tensor_parallel) /
            std::max(1, r.pipeline_parallel);
  const double h = m.hidden_size, f = std::max<double>(m.intermediate_size, m.moe.expert_intermediate_size);
  const bool mlp = has(r.lora_targets, "gate") || has(r.lora_targets, "up") || has(r.lora_targets, "down");
  x.composed = 2 * (mlp ? h * f : h * q_width(m)) * r.weight_bytes / std::max(1, r.tensor_parallel);
  return x;
}

// GPUs the states are sharded over: all data-parallel ranks, or one shard group under HYBRID_SHARD (PyTorch FSDP
// ShardingStrategy.HYBRID_SHARD: "apply FULL_SHARD within a node, and replicate parameters across nodes").
double shard_count(const TrainingRequest& r) {
  const int n = std::max(1, r.data_parallel);
  return r.hybrid_shard ? std::min(n, std::max(1, r.shard_group)) : n;
}

// Model states of one GPU before offload: the weights, the adapters, the gradients, the fp32 master copy
// and the optimizer states, sharded as ZeRO / FSDP shard them (Rajbhandari et al. 2020, sec. 5).
struct ModelStates {
  double weights = 0, adapters = 0, grads = 0, master = 0, optimizer = 0, comm = 0;
  std::string weights_formula, grads_formula;
};

// QLoRA base: transformers' loader quantises the blocks' linears (engine::hf_weights); Lightning's
// BitsandbytesPrecision swaps every torch.nn.Linear, lm_head included, for a 4-bit one
// (fabric/plugins/precision/bitsandbytes.py `_convert_layers` / module_init_context, Lightning 2.1-2.4).
double qlora_weight_bytes(const TrainingRequest& r, const ParamCounts& pc, std::string& formula) {
  const auto hf = engine::hf_weights(r.model, r.qlora_format, 2);
  double linear = hf.linear_params, other = hf.other_params;
  const auto format = weight_format_by_id(r.qlora_format);
  if (!format || hf.linear_params <= 0) {
    formula = "frozen base: " + hf.formula;
    return hf.bytes;
  }
  if (r.qlora_quantizer == QloraQuantizer::kLightning) {
    linear += pc.output_head;
    other -= pc.output_head;
  }
  const double bits = bits_per_weight(*format, r.model.hidden_size);
  formula = "frozen base: " + format_params(linear) + " quantised x " + format_fixed(bits, 3) + " bits / 8 + " +
            format_params(other) + " unquantised x 2 B";
  return linear * bits / 8 + other * 2;
}

// Parameters FSDP keeps unsharded gradients for inside no_sync(): no_sync "will accumulate the full model
// gradients (instead of gradient shards) until the eventual sync" (torch FullyShardedDataParallel.no_sync,
// v2.1), and with use_orig_params=True (Lightning Fabric's FSDPStrategy default since 2.1) a FlatParameter
// needs a gradient when any parameter flattened into it does ("logical OR over each tensor's value",
// torch/distributed/fsdp/flat_param.py _validate_tensors_to_flatten): every block holding an adapter gets a
// gradient as large as all its frozen weights. The root unit (embeddings, head) only with adapters there.
double no_sync_gradient_params(const TrainingRequest& r, const ParamCounts& pc, double trainable) {
  if (r.method == TrainMethod::kFull) return pc.total();
  const bool root_trainable = has(r.lora_targets, "embed") || has(r.lora_targets, "head");
  return pc.total() + trainable - (root_trainable ? 0 : pc.embedding + pc.output_head);
}

ModelStates model_states(const TrainingRequest& r, const ParamCounts& pc, double T) {
  ModelStates st;
  const bool full = r.method == TrainMethod::kFull;
  const double P = pc.total(), n = shard_count(r), model_split = static_cast<double>(r.tensor_parallel) * r.pipeline_parallel;
  const int z = static_cast<int>(r.sharding);
  const double shard_opt = z >= 1 ? n : 1, shard_grad = z >= 2 ? n : 1, shard_param = z >= 3 ? n : 1;
  if (r.method == TrainMethod::kQlora) {
    st.weights = qlora_weight_bytes(r, pc, st.weights_formula);
  } else {
    st.weights = P * r.weight_bytes;
    st.weights_formula = format_params(P) + " x " + whole(r.weight_bytes) + " B";
  }
  st.weights /= model_split * shard_param;
  if (model_split * shard_param > 1) st.weights_formula += " / " + whole(model_split * shard_param) + " shards";
  st.adapters = full ? 0 : T * r.adapter_bytes / (model_split * shard_param);
  const double grad_bytes = full ? r.weight_bytes : r.adapter_bytes;
  st.grads = T * grad_bytes / (model_split * shard_grad);
  st.grads_formula = format_params(T) + " x " + whole(grad_bytes) + " B" + (shard_grad > 1 ? " / " + whole(shard_grad) : "");
  if (r.fsdp_no_sync && z >= 2 && n > 1) {
    const double params = no_sync_gradient_params(r, pc, T);
    // FSDP's flat gradients take the flat parameter's dtype: the weights' dtype.
    st.grads = params * r.weight_bytes / model_split;
    st.grads_formula = format_params(params) + " x " + whole(r.weight_bytes) + " B (FSDP no_sync)";
  }
  st.master = full && r.master_weights ? T * 4 / (model_split * shard_opt) : 0;
  st.optimizer = T * optimizer_bytes_per_param(r) / (model_split * shard_opt);
  // Communication buffers: DDP keeps gradient buckets as large as the gradients (gradient_as_bucket_view
  // off, PyTorch's default); ZeRO-3/FSDP gathers about two layers' parameters ahead.
  if (n > 1 && z == 0) st.comm = T * grad_bytes / model_split;
  if (z >= 3) st.comm = 2 * (P / std::max(1, r.model.num_layers)) * r.weight_bytes / r.tensor_parallel;
  return st;
}

// What the step keeps for backward: the layers' activations, the 4-bit inputs QLoRA keeps, the loss.
struct StepActivations {
  double saved = 0;        // layers and head
  double kept_inputs = 0;  // bitsandbytes < 0.43.2: 4-bit linears' inputs of this micro-step
  double logits = 0, logits_grad = 0;
  std::string formula;
};

StepActivations step_activations(const TrainingRequest& r) {
  StepActivations a;
  const ModelArch& m = r.model;
  const bool frozen = r.method != TrainMethod::kFull;
  const double b = r.micro_batch, s = r.seq_len, h = m.hidden_size, V = m.vocab_size;
  const double tp = r.tensor_parallel, pp = r.pipeline_parallel;
  const double layers_gpu = std::ceil(static_cast<double>(m.num_layers) / pp);
  const bool flash = r.flash_attention || r.checkpointing == Checkpointing::kSelective;
  // Full fine-tuning: Megatron-style fused kernels when the model is split (TP/PP, Korthikanti's setting),
  // eager PyTorch otherwise; a frozen base saves only what its adapters and elementwise ops need.
  const bool megatron = tp > 1 || pp > 1;
  double per_layer = frozen     ? frozen_layer_activation_bytes(r, b, s) + lora_branch_layer_bytes(r, b, s)
                     : megatron ? layer_activation_bytes(m, b, s, flash, r.dropout)
                                : eager_layer_activation_bytes(r, b, s);
  const bool keeps = r.method == TrainMethod::kQlora && r.bnb_keeps_matmul_inputs && r.qlora_quantizer != QloraQuantizer::kTorchao;
  double kept_layer = keeps ? qlora_kept_input_layer_bytes(m, b, s) : 0;
  // Tensor parallel: without sequence parallelism the norms and dropout (about 10sbh) stay replicated
  // (Korthikanti Eq. 2); with it everything is split (Eq. 4).
  if (tp > 1) {
    const double replicated = r.sequence_parallel ? 0 : std::min(per_layer, 10 * s * b * h);
    per_layer = replicated + (per_layer - replicated) / tp;
    kept_layer /= tp;
  }
  // 1F1B: the first stage holds `pp` micro-batches in flight (Korthikanti sec. 4.2.3).
  const double in_flight = pp;
  if (r.checkpointing == Checkpointing::kFull) {
    // Only the recomputed layer's graph exists at a time, with its kept inputs.
    a.saved = layers_gpu * in_flight * 2 * s * b * h / (r.sequence_parallel ? tp : 1) + per_layer;
    a.kept_inputs = kept_layer;
    a.formula = whole(layers_gpu) + " layer inputs x 2sbh + one layer recomputed (" + engine::mib(per_layer) + ")";
  } else {
    a.saved = layers_gpu * in_flight * per_layer;
    a.kept_inputs = layers_gpu * in_flight * kept_layer;
    a.formula = whole(layers_gpu) + " layers x " + engine::mib(per_layer) + " (b " + whole(b) + ", s " + whole(s) + ")";
  }
  // Outside the layers: the embedding output / final norm input; with a frozen base the final norm's saved
  // input and lm_head's adapter; Lightning's 4-bit lm_head keeps its input too.
  a.saved += frozen ? training::frozen_head_activation_bytes(r, b, s) : 2 * s * b * h;
  if (keeps && r.qlora_quantizer == QloraQuantizer::kLightning) a.kept_inputs += 2 * s * b * h;
  // Logits and loss: only the last pipeline stage has them.
  a.logits = s * b * V * training::logits_bytes_per_entry(r) / tp;
  a.logits_grad = r.chunked_loss ? 0 : s * b * V * 4 / tp;
  return a;
}

}  // namespace

TrainingEstimate estimate_training(const TrainingRequest& r) {
  TrainingEstimate est;
  const ModelArch& m = r.model;
  auto range = [&](const char* field, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi))
      est.diagnostics.push_back({"request.out_of_range", Severity::kError, field,
                                 std::string(field) + " must be between " + whole(lo) + " and " + whole(hi) + "."});
  };
  range("micro_batch", r.micro_batch, 1, 65536);
  range("seq_len", r.seq_len, 1, 16'777'216);
  range("grad_accum", r.grad_accum, 1, 1 << 20);
  range("lora_rank", r.lora_rank, 1, 65536);
  range("data_parallel", r.data_parallel, 1, 100000);
  range("tensor_parallel", r.tensor_parallel, 1, 1024);
  range("pipeline_parallel", r.pipeline_parallel, 1, 1024);
  range("gpu.memory_bytes", r.gpu.memory_bytes, 1e6, 1e14);
  range("mfu", r.mfu, 0.01, 1);
  if (m.num_layers <= 0 || m.layers.size() != static_cast<std::size_t>(m.num_layers))
    est.diagnostics.push_back({"request.bad_model", Severity::kError, "model", "The model description is incomplete."});
  if (has_errors(est.diagnostics)) return est;

  const ParamCounts pc = count_params(m);
  const bool full = r.method == TrainMethod::kFull;
  const double T = full ? pc.total()
                        : lora_params(m, r.lora_rank, r.lora_targets) + (r.dora ? dora_magnitude_params(m, r.lora_targets) : 0);
  est.params = pc.total();
  est.trainable_params = T;
  const double n = shard_count(r), model_split = static_cast<double>(r.tensor_parallel) * r.pipeline_parallel;
  const int z = static_cast<int>(r.sharding);
  const double shard_opt = z >= 1 ? n : 1;

  const ModelStates st = model_states(r, pc, T);
  const DoraExtra dora = dora_extra(r);
  const StepActivations act = step_activations(r);
  const double b = r.micro_batch, s = r.seq_len, V = m.vocab_size;
  const double step_temp = T * optimizer_step_temp_bytes_per_param(r) / (model_split * shard_opt);
  const double dequant = r.method == TrainMethod::kQlora ? training::qlora_dequant_bytes(r) : 0;
  // The loop holding the previous micro-step's outputs keeps its logits (2 B, bf16) and, through the autograd
  // graph they hang on, every input bitsandbytes < 0.43.2 parked in ctx.tensors: backward frees only
  // save_for_backward tensors (torch.autograd.Function docs), so those wait for the graph itself. LitGPT's
  // finetune loops rebind `logits` (and `loss`) only after the next forward returns (finetune/lora.py).
  const double previous = r.loop_holds_previous_step ? act.kept_inputs + s * b * V * 2 / r.tensor_parallel : 0;

  // Offload moves optimizer states (with master weights) and/or parameters to host RAM.
  double host_opt = 0, host_params = 0;
  double gpu_opt = st.optimizer, gpu_master = st.master, gpu_weights = st.weights;
  if (r.offload_optimizer) {
    host_opt = st.optimizer + st.master;
    gpu_opt = gpu_master = 0;
  }
  if (r.offload_params) {
    host_params = st.weights;
    gpu_weights = 0;
  }

  // --- the step's moments ---------------------------------------------------------------------------------
  const double states = gpu_weights + st.adapters + gpu_master + gpu_opt + st.comm;
  const double grads_in_forward = r.grad_accum > 1 ? st.grads : 0;  // accumulated gradients persist
  const double held = states + grads_in_forward + act.saved + act.kept_inputs + previous + act.logits + dequant +
                      dora.saved + dora.composed;
  const double forward_end = held;
  const double backward = held + act.logits_grad;
  const double step = states + st.grads + step_temp;
  double peak = forward_end;
  est.peak = PeakMoment::kForwardEnd;
  if (backward > peak) { peak = backward; est.peak = PeakMoment::kBackwardStart; }
  if (step > peak) { peak = step; est.peak = PeakMoment::kOptimizerStep; }

  std::vector<Component> g;
  g.push_back(component("weights", gpu_weights, st.weights_formula,
                        r.method == TrainMethod::kQlora ? "Dettmers et al. 2023 (QLoRA): 4-bit NF4 base, 16-bit adapters" : kZero));
  if (st.adapters > 0)
    g.push_back(component("adapters", st.adapters, format_params(T) + " LoRA parameters (rank " + whole(r.lora_rank) + ") x " + whole(r.adapter_bytes) + " B",
                          "Hu et al. 2021 (LoRA): r x (d_in + d_out) per adapted matrix"));
  if (gpu_master > 0) g.push_back(component("master_weights", gpu_master, "fp32 master copy: " + format_params(T) + " x 4 B", kZero));
  if (gpu_opt > 0)
    g.push_back(component("optimizer", gpu_opt, std::string(optimizer_name(r.optimizer)) + ": " + format_params(T) + " x " +
                                                    format_fixed(optimizer_bytes_per_param(r), 2) + " B" +
                                                    (shard_opt > 1 ? " / " + whole(shard_opt) + " (ZeRO)" : ""),
                          kZero));
  const bool grads_live = est.peak == PeakMoment::kOptimizerStep || r.grad_accum > 1;
  if (grads_live)
    g.push_back(component("gradients", st.grads, st.grads_formula,
                          r.fsdp_no_sync ? "torch FullyShardedDataParallel.no_sync (v2.1): full gradients until the sync" : kZero));
  if (est.peak != PeakMoment::kOptimizerStep) {
    g.push_back(component("activations", act.saved, act.formula, full ? kKorthikanti : kFrozenBase));
    if (act.kept_inputs > 0)
      g.push_back(component("qlora_inputs", act.kept_inputs, "inputs of the 4-bit linears, 2 B each",
                            "bitsandbytes 0.41-0.43.1 MatMul4Bit: ctx.tensors = (A, B); fixed in 0.43.2 (PR #1270)"));
    if (previous > 0)
      g.push_back(component("previous_step", previous, "previous micro-step: bf16 logits" + std::string(act.kept_inputs > 0 ? " + 4-bit linears' inputs" : ""),
                            "LitGPT finetune loop: logits/loss rebound after the next forward"));
    g.push_back(component("logits", act.logits + (est.peak == PeakMoment::kBackwardStart ? act.logits_grad : 0),
                          whole(s * b) + " tokens x " + whole(V) + " vocab x " + (r.chunked_loss ? "4 B (chunked loss)" : "10 B (bf16 logits, fp32 copy, log-softmax)") +
                              (est.peak == PeakMoment::kBackwardStart ? " + fp32 gradient" : ""),
                          r.chunked_loss ? "LitGPT chunked_cross_entropy: bf16 logits + bf16 log-softmax per chunk" : "Hugging Face causal-LM loss: logits.float() then cross_entropy"));
    if (dequant > 0)
      g.push_back(component("dequant", dequant,
                            r.qlora_quantizer == QloraQuantizer::kLightning ? "one dequantised weight matrix, fp16 + bf16 copies" : "one dequantised 16-bit weight matrix",
                            "bitsandbytes 4-bit matmul", true));
    if (dora.saved + dora.composed > 0)
      g.push_back(component("dora", dora.saved + dora.composed,
                            format_params(dora_magnitude_params(m, r.lora_targets)) + " adapted rows x " + whole(s * b) +
                                " tokens x 2 B (outputs the magnitude scales) + composed weight W + sBA, 2 x " +
                                engine::mib(dora.composed / 2),
                            "PEFT v0.13 tuners/lora/dora.py DoraLinearLayer.forward; Liu et al. 2024 (DoRA) sec. 4.3"));
  } else if (step_temp > 0) {
    g.push_back(component("optimizer_temp", step_temp, "foreach optimizer temporaries: " + format_params(T) + " x " + whole(optimizer_step_temp_bytes_per_param(r)) + " B",
                          "torch/optim/adamw.py _multi_tensor_adamw: exp_avg_sq_sqrt = torch._foreach_sqrt(exp_avg_sqs)"));
  }
  if (st.comm > 0) g.push_back(component("comm_buffers", st.comm, z >= 3 ? "two layers' parameters prefetched (all-gather)" : "DDP gradient buckets",
                                         z >= 3 ? "DeepSpeed ZeRO-3 / FSDP prefetch" : "PyTorch DDP (gradient_as_bucket_view=False)"));
  g.push_back(component("cuda_context", engine::kCudaContextBytes, "CUDA context (not in max_memory_allocated)", engine::kCudaContextSource));

  DeviceUsage gpu;
  // Every rank alike: data parallel x tensor x pipeline (n, the shard count, is smaller under HYBRID_SHARD).
  const int gpus = static_cast<int>(std::max(1, r.data_parallel) * model_split);
  gpu.device = gpus > 1 ? "gpu0-" + std::to_string(gpus - 1) : "gpu0";
  gpu.count = gpus;
  gpu.capacity_bytes = r.gpu.memory_bytes;
  gpu.components = std::move(g);
  gpu.total_bytes = device_total(gpu.components);
  gpu.headroom_bytes = gpu.capacity_bytes - gpu.total_bytes;
  est.devices.push_back(std::move(gpu));
  DeviceUsage host;
  host.device = kHostDevice;
  host.host = true;
  host.capacity_bytes = r.host_ram_bytes;
  if (host_opt > 0) host.components.push_back(component("optimizer", host_opt, "offloaded optimizer states and master weights", "DeepSpeed ZeRO-Offload"));
  if (host_params > 0) host.components.push_back(component("weights", host_params, "offloaded parameters", "DeepSpeed ZeRO-3 offload_param"));
  host.components.push_back(component("runtime", 4.0 * 1024 * 1024 * 1024, "Python, PyTorch, data loader", "typical training process"));
  host.total_bytes = device_total(host.components);
  host.headroom_bytes = host.capacity_bytes - host.total_bytes;
  est.devices.push_back(std::move(host));
  est.fits = est.devices[0].headroom_bytes >= 0 && est.devices[1].headroom_bytes >= 0;

  // --- time and cost: 6 x parameters x tokens (+2 with full recomputation); LoRA skips weight gradients of
  // the frozen base (about 4 x parameters x tokens).
  const double per_token = (full ? 6 : 4) * pc.active() + (r.checkpointing == Checkpointing::kFull ? 2 * pc.active() : 0);
  est.step_flops = per_token * b * s * r.grad_accum * n;
  const double flops_per_s = r.gpu.dense_fp16_tflops * 1e12 * r.mfu * gpus;
  est.time_hours = per_token * r.train_tokens / flops_per_s / 3600;
  est.price_per_gpu_hour = gpu_hour_price(r.price_per_gpu_hour, r.gpu);
  est.cost_usd = est.time_hours * gpus * est.price_per_gpu_hour;
  return est;
}

const char* peak_moment_name(PeakMoment moment) {
  switch (moment) {
    case PeakMoment::kForwardEnd: return "forward end";
    case PeakMoment::kBackwardStart: return "backward start";
    case PeakMoment::kOptimizerStep: return "optimizer step";
    case PeakMoment::kNone: break;
  }
  return "";
}

}  // namespace vramfit
