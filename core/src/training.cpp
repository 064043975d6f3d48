// Training memory. Model states after ZeRO (Rajbhandari et al. 2020, sec. 3 and Figure 1: 2 + 2 + K bytes per
// parameter, K = 12 for mixed-precision Adam); activations after Korthikanti et al. 2022 (Eq. 1-2 and the
// parallel variants of sec. 4), generalised to GQA, gated MLPs, MoE top-k and fused attention; LoRA after
// Hu et al. 2021 (r x (d_in + d_out) per adapted matrix); QLoRA after Dettmers et al. 2023.
#include "vramfit/training.h"

#include <algorithm>
#include <cmath>

#include "engine_common.h"
#include "vramfit/weight_format.h"

namespace vramfit {
namespace {

using engine::component;
using engine::whole;

constexpr const char* kZero = "Rajbhandari et al. 2020 (ZeRO), sec. 3, Fig. 1: model states 2 + 2 + K bytes/param";
constexpr const char* kKorthikanti = "Korthikanti et al. 2022, Eq. 1 (34sbh + 5as^2b), generalised per tensor saved";

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

double lora_params(const ModelArch& m, int rank, const std::vector<std::string>& t) {
  const double h = m.hidden_size, q = q_width(m), kv = static_cast<double>(m.num_kv_heads) * m.head_dim;
  double per_attention = 0;
  if (has(t, "q")) per_attention += rank * (h + q);
  if (has(t, "k")) per_attention += rank * (h + kv);
  if (has(t, "v")) per_attention += rank * (h + kv);
  if (has(t, "o")) per_attention += rank * (q + h);
  double total = 0;
  for (const auto& L : m.layers) {
    if (L.mixer == MixerKind::kFullAttention || L.mixer == MixerKind::kSlidingAttention) total += per_attention;
    if (!L.has_mlp) continue;
    const double f = L.moe ? m.moe.expert_intermediate_size : m.intermediate_size;
    const double copies = L.moe ? m.moe.num_experts : 1;
    double mlp = 0;
    if (has(t, "gate") && m.mlp == MlpKind::kGated) mlp += rank * (h + f);
    if (has(t, "up")) mlp += rank * (h + f);
    if (has(t, "down")) mlp += rank * (f + h);
    total += mlp * copies;
  }
  if (has(t, "embed")) total += rank * (static_cast<double>(m.vocab_size) + h);
  if (has(t, "head")) total += rank * (h + static_cast<double>(m.vocab_size));
  return total;
}

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
  double f = m.intermediate_size, k = 1;
  const bool moe = std::any_of(m.layers.begin(), m.layers.end(), [](const LayerSpec& l) { return l.moe; });
  if (moe) {
    f = m.moe.expert_intermediate_size;
    k = m.moe.experts_per_token + m.moe.num_shared_experts * (static_cast<double>(m.moe.shared_intermediate_size) / std::max(1.0, f));
  }
  double mlp = 2 * sb * h + (m.mlp == MlpKind::kGated ? 8 : 4) * sb * f * k;
  if (dropout) mlp += sb * h;
  const double norms = 2 * 2 * sb * h;
  return attn + mlp + norms;
}

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
  const double P = pc.total();
  est.params = P;
  const bool full = r.method == TrainMethod::kFull;
  const double T = full ? P : lora_params(m, r.lora_rank, r.lora_targets);
  est.trainable_params = T;
  const double n = std::max(1, r.data_parallel), tp = r.tensor_parallel, pp = r.pipeline_parallel;
  const double model_split = tp * pp;  // matrices over TP ranks, layers over PP stages
  const int z = static_cast<int>(r.sharding);
  const double shard_opt = z >= 1 ? n : 1, shard_grad = z >= 2 ? n : 1, shard_param = z >= 3 ? n : 1;

  // --- model states ------------------------------------------------------------------------------------
  double weights = 0;
  std::string weights_formula;
  if (r.method == TrainMethod::kQlora) {
    const auto hf = engine::hf_weights(m, r.qlora_format, 2);
    weights = hf.bytes;
    weights_formula = "frozen base: " + hf.formula;
  } else {
    weights = P * r.weight_bytes;
    weights_formula = format_params(P) + " x " + whole(r.weight_bytes) + " B";
  }
  weights /= model_split * shard_param;
  const double adapters = full ? 0 : T * r.adapter_bytes / (model_split * shard_param);
  const double grad_bytes = full ? r.weight_bytes : r.adapter_bytes;
  const double grads = T * grad_bytes / (model_split * shard_grad);
  const double master = full && r.master_weights ? T * 4 / (model_split * shard_opt) : 0;
  const double opt = T * optimizer_bytes_per_param(r) / (model_split * shard_opt);

  // --- activations ---------------------------------------------------------------------------------------
  const double b = r.micro_batch, s = r.seq_len, h = m.hidden_size, V = m.vocab_size;
  const double layers_gpu = std::ceil(static_cast<double>(m.num_layers) / pp);
  const bool flash = r.flash_attention || r.checkpointing == Checkpointing::kSelective;
  double per_layer = layer_activation_bytes(m, b, s, flash, r.dropout);
  // Tensor parallel: without sequence parallelism the norms and dropout (about 10sbh) stay replicated
  // (Korthikanti Eq. 2); with it everything is split (Eq. 4).
  if (tp > 1) {
    const double replicated = r.sequence_parallel ? 0 : std::min(per_layer, 10 * s * b * h);
    per_layer = replicated + (per_layer - replicated) / tp;
  }
  // 1F1B: the first stage holds `pp` micro-batches in flight (Korthikanti sec. 4.2.3).
  const double in_flight = pp;
  double activations = 0;
  std::string act_formula;
  if (r.checkpointing == Checkpointing::kFull) {
    const double inputs = layers_gpu * in_flight * 2 * s * b * h / (r.sequence_parallel ? tp : 1);
    activations = inputs + per_layer;
    act_formula = whole(layers_gpu) + " layer inputs x 2sbh + one layer recomputed (" + engine::mib(per_layer) + ")";
  } else {
    activations = layers_gpu * in_flight * per_layer;
    act_formula = whole(layers_gpu) + " layers x " + engine::mib(per_layer) + " (b " + whole(b) + ", s " + whole(s) + ")";
  }
  activations += 2 * s * b * h;  // embedding output / final norm input
  // Logits and loss: bf16 logits, their fp32 copy and log-softmax (Hugging Face upcasts before the loss);
  // chunked cross-entropy keeps only the bf16 logits. Only the last pipeline stage has them.
  const double logits = s * b * V * (r.chunked_loss ? 2 : 10) / tp;
  const double logits_grad = r.chunked_loss ? 0 : s * b * V * 4 / tp;
  const double step_temp = (r.optimizer == Optimizer::kSgd ? 0 : T * 4 / (model_split * shard_opt));
  const double qlora_dequant = r.method == TrainMethod::kQlora ? 2.0 * h * std::max(m.intermediate_size, m.moe.expert_intermediate_size) : 0;

  // Communication buffers: DDP keeps gradient buckets as large as the gradients (gradient_as_bucket_view
  // off, PyTorch's default); ZeRO-3/FSDP gathers about two layers' parameters ahead.
  double comm = 0;
  if (n > 1 && z == 0) comm = T * grad_bytes / model_split;
  if (z >= 3) comm = 2 * (P / std::max(1, m.num_layers)) * r.weight_bytes / tp;

  // Offload moves optimizer states (with master weights) and/or parameters to host RAM.
  double host_opt = 0, host_params = 0;
  double gpu_opt = opt, gpu_master = master, gpu_weights = weights;
  if (r.offload_optimizer) {
    host_opt = opt + master;
    gpu_opt = gpu_master = 0;
  }
  if (r.offload_params) {
    host_params = weights;
    gpu_weights = 0;
  }

  // --- the step's moments ---------------------------------------------------------------------------------
  const double states = gpu_weights + adapters + gpu_master + gpu_opt + comm;
  const double grads_in_forward = r.grad_accum > 1 ? grads : 0;  // accumulated gradients persist
  const double forward_end = states + grads_in_forward + activations + logits + qlora_dequant;
  const double backward = states + grads_in_forward + activations + logits + logits_grad;
  const double step = states + grads + step_temp;
  double peak = forward_end;
  est.peak_moment = "forward end";
  if (backward > peak) { peak = backward; est.peak_moment = "backward start"; }
  if (step > peak) { peak = step; est.peak_moment = "optimizer step"; }

  std::vector<Component> g;
  g.push_back(component("weights", gpu_weights, weights_formula + (model_split * shard_param > 1 ? " / " + whole(model_split * shard_param) + " shards" : ""),
                        r.method == TrainMethod::kQlora ? "Dettmers et al. 2023 (QLoRA): 4-bit NF4 base, 16-bit adapters" : kZero));
  if (adapters > 0)
    g.push_back(component("adapters", adapters, format_params(T) + " LoRA parameters (rank " + whole(r.lora_rank) + ") x " + whole(r.adapter_bytes) + " B",
                          "Hu et al. 2021 (LoRA): r x (d_in + d_out) per adapted matrix"));
  if (gpu_master > 0) g.push_back(component("master_weights", gpu_master, "fp32 master copy: " + format_params(T) + " x 4 B", kZero));
  if (gpu_opt > 0)
    g.push_back(component("optimizer", gpu_opt, std::string(optimizer_name(r.optimizer)) + ": " + format_params(T) + " x " +
                                                    format_fixed(optimizer_bytes_per_param(r), 2) + " B" +
                                                    (shard_opt > 1 ? " / " + whole(shard_opt) + " (ZeRO)" : ""),
                          kZero));
  const bool grads_live = est.peak_moment == "optimizer step" || r.grad_accum > 1;
  if (grads_live)
    g.push_back(component("gradients", grads, format_params(T) + " x " + whole(grad_bytes) + " B" + (shard_grad > 1 ? " / " + whole(shard_grad) : ""), kZero));
  if (est.peak_moment != "optimizer step") {
    g.push_back(component("activations", activations, act_formula, kKorthikanti));
    g.push_back(component("logits", logits + (est.peak_moment == "backward start" ? logits_grad : 0),
                          whole(s * b) + " tokens x " + whole(V) + " vocab x " + (r.chunked_loss ? "2 B (chunked loss)" : "10 B (bf16 logits, fp32 copy, log-softmax)") +
                              (est.peak_moment == "backward start" ? " + fp32 gradient" : ""),
                          "Hugging Face causal-LM loss: logits.float() then cross_entropy"));
    if (qlora_dequant > 0 && est.peak_moment == "forward end")
      g.push_back(component("dequant", qlora_dequant, "one dequantised 16-bit weight matrix", "bitsandbytes 4-bit matmul"));
  } else if (step_temp > 0) {
    g.push_back(component("optimizer_temp", step_temp, "foreach optimizer temporaries: " + format_params(T) + " x 4 B", "torch.optim foreach implementation"));
  }
  if (comm > 0) g.push_back(component("comm_buffers", comm, z >= 3 ? "two layers' parameters prefetched (all-gather)" : "DDP gradient buckets",
                                      z >= 3 ? "DeepSpeed ZeRO-3 / FSDP prefetch" : "PyTorch DDP (gradient_as_bucket_view=False)"));
  g.push_back(component("cuda_context", engine::kCudaContextBytes, "CUDA context (not in max_memory_allocated)", engine::kCudaContextSource));

  DeviceUsage gpu;
  const int gpus = static_cast<int>(n * model_split);
  gpu.device = gpus > 1 ? "gpu0-" + std::to_string(gpus - 1) : "gpu0";
  gpu.count = gpus;
  gpu.capacity_bytes = r.gpu.memory_bytes;
  gpu.components = std::move(g);
  gpu.total_bytes = device_total(gpu.components);
  gpu.headroom_bytes = gpu.capacity_bytes - gpu.total_bytes;
  est.devices.push_back(std::move(gpu));
  DeviceUsage host;
  host.device = "host";
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
  est.cost_usd = est.time_hours * gpus * r.price_per_gpu_hour;
  return est;
}

}  // namespace vramfit
