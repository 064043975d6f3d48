// Training and fine-tuning memory: per-GPU (and host RAM) bytes of one training step, component by
// component, and the moment of the step that sets the peak.
#pragma once

#include <string>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/inference.h"
#include "vramfit/model.h"

namespace vramfit {

enum class TrainMethod { kFull, kLora, kQlora };
enum class Optimizer { kAdamW, kAdamW8bit, kAdafactor, kSgd, kSgdMomentum, kLion };
enum class Checkpointing { kNone, kSelective, kFull };
enum class Sharding { kNone, kZero1, kZero2, kZero3 };  // FSDP: full shard = ZeRO-3, shard-grad-op = ZeRO-2
// Who turns the QLoRA base into 4-bit linears (it decides which linears, the dequantised copies and what the
// 4-bit matmul saves for backward).
enum class QloraQuantizer {
  kTransformers,  // transformers' bitsandbytes loader: lm_head stays 16-bit, quant state in the weights' dtype
  kLightning,     // Lightning Fabric BitsandbytesPrecision: every nn.Linear incl. lm_head, quantised from fp16
  kTorchao,       // torchao NF4Tensor (torchtune): the 4-bit linear saves only its weight for backward
};

struct TrainingRequest {
  ModelArch model;
  TrainMethod method = TrainMethod::kLora;
  int weight_bytes = 2;                  // dtype of the model's weights: 2 (bf16/fp16) or 4 (fp32)
  bool master_weights = false;           // an fp32 master copy beside 16-bit weights (AMP/DeepSpeed mixed precision)
  int optimizer_state_bytes = 4;         // per moment: 4 (fp32, torch default with fp32 params) or 2 (pure bf16)
  std::string qlora_format = "nf4-dq";   // base weights of QLoRA
  Optimizer optimizer = Optimizer::kAdamW;
  int micro_batch = 1;
  int seq_len = 2048;
  int grad_accum = 1;
  Checkpointing checkpointing = Checkpointing::kNone;
  bool flash_attention = true;           // fused attention: no s x s scores saved
  bool dropout = false;                  // dropout masks saved (pre-training style)
  bool chunked_loss = false;             // cross-entropy over chunks of the sequence (no full fp32 logits)
  int lora_rank = 16;
  bool dora = false;                     // DoRA (Liu et al. 2024): LoRA plus a trainable magnitude per output row
  std::vector<std::string> lora_targets{"q", "k", "v", "o", "gate", "up", "down"};
  int adapter_bytes = 4;                 // dtype of LoRA adapters and their gradients
  bool lora_dropout = false;             // LoRA dropout p > 0: each adapter keeps a mask and its dropped input
  // How the framework runs a frozen base (LoRA, QLoRA); defaults are current transformers + PEFT.
  bool rmsnorm_fp32_input = true;        // eager RMSNorm upcasts its input and saves the fp32 copy
  bool fused_qkv = false;                // one q/k/v projection (LitGPT): one adapter dropout for q, k and v;
                                         // with MHA the value is a view that keeps the whole q/k/v output
  QloraQuantizer qlora_quantizer = QloraQuantizer::kTransformers;
  bool bnb_keeps_matmul_inputs = false;  // bitsandbytes < 0.43.2: the 4-bit matmul keeps its input until the
                                         // autograd graph is freed, not just until its backward
  bool loop_holds_previous_step = false; // the loop still holds the previous micro-step's outputs (and so its
                                         // graph) while the next forward runs (LitGPT's finetune scripts)
  int data_parallel = 1;                 // GPUs holding replicas (or shards, with ZeRO)
  Sharding sharding = Sharding::kNone;
  bool hybrid_shard = false;             // FSDP HYBRID_SHARD: shard within groups of `shard_group` GPUs, replicate across
  int shard_group = 8;                   // GPUs per shard group (one node)
  bool fsdp_no_sync = false;             // FSDP gradient accumulation inside no_sync(): unsharded gradients of
                                         // every wrapped unit that holds a trainable parameter
  int tensor_parallel = 1;
  int pipeline_parallel = 1;
  bool sequence_parallel = false;
  bool offload_optimizer = false;        // ZeRO-Offload / FSDP CPU offload of optimizer states (+ master weights)
  bool offload_params = false;           // ZeRO-3 parameter offload
  Gpu gpu;
  double host_ram_bytes = 256e9;
  double train_tokens = 1e9;             // for time and cost
  double mfu = 0.4;                      // model FLOPs utilisation assumed for time
  double price_per_gpu_hour = 0;         // USD; 0: the GPU's cloud price (gpu.rent_usd_per_hour), else
                                         // kFallbackGpuHourUsd (gpu_hour_price)
};

// A GPU-hour's price when the request gives none and the catalog knows no cloud price for the GPU.
inline constexpr double kFallbackGpuHourUsd = 2.0;
// The price an estimate uses: the one asked for (> 0), else the GPU's cloud price, else kFallbackGpuHourUsd.
inline double gpu_hour_price(double asked, const Gpu& gpu) {
  return asked > 0 ? asked : gpu.rent_usd_per_hour > 0 ? gpu.rent_usd_per_hour : kFallbackGpuHourUsd;
}

// The moment of the step whose memory is the peak.
enum class PeakMoment { kNone, kForwardEnd, kBackwardStart, kOptimizerStep };
const char* peak_moment_name(PeakMoment moment);  // "forward end", "backward start", "optimizer step"; "" for none

struct TrainingEstimate {
  std::vector<DeviceUsage> devices;      // one GPU entry (all ranks alike) and host RAM
  double trainable_params = 0;
  double params = 0;
  PeakMoment peak = PeakMoment::kNone;
  double step_flops = 0;                 // per optimizer step
  double time_hours = 0;                 // for train_tokens
  double cost_usd = 0;
  double price_per_gpu_hour = 0;         // the price cost_usd used (gpu_hour_price)
  bool fits = false;
  Diagnostics diagnostics;
};

TrainingEstimate estimate_training(const TrainingRequest& request);

// Korthikanti et al. 2022, Eq. 1 generalised: bytes of activations one transformer layer saves for backward
// (16-bit activations), for micro-batch b and sequence s, before checkpointing and parallelism.
double layer_activation_bytes(const ModelArch& model, double b, double s, bool flash_attention, bool dropout);

// layer_activation_bytes for eager PyTorch full fine-tuning (transformers, LitGPT, torchtune): RMSNorm keeps its
// (fp32) input and its normalised output, SDPA saves k and v expanded to every query head and its output
// besides the output projection's input.
double eager_layer_activation_bytes(const TrainingRequest& request, double b, double s);

// Bytes one transformer layer saves for backward when the base weights are frozen (LoRA, QLoRA): a frozen
// linear keeps only its weight, so what stays is the norms' inputs, the attention core (q, k, v, output), the
// MLP's elementwise operands. The adapters' own tensors are in lora_branch_layer_bytes, the inputs QLoRA's
// 4-bit linears keep with bitsandbytes < 0.43.2 in qlora_kept_input_layer_bytes.
double frozen_layer_activation_bytes(const TrainingRequest& request, double b, double s);

// Bytes the LoRA adapters of one layer save for backward: per adapted projection its dropout mask and dropped
// input (dropout on), or its input once per distinct input tensor (dropout off).
double lora_branch_layer_bytes(const TrainingRequest& request, double b, double s);

// Bytes of the 4-bit linears' inputs one layer keeps with bitsandbytes < 0.43.2 (MatMul4Bit ctx.tensors).
double qlora_kept_input_layer_bytes(const ModelArch& model, double b, double s);

// Trainable LoRA parameters for rank r on the named projections (q, k, v, o, gate, up, down, embed, head).
double lora_params(const ModelArch& model, int rank, const std::vector<std::string>& targets);
// DoRA's magnitude vectors: one value per output row of every adapted matrix (Liu et al. 2024, Eq. 5).
double dora_magnitude_params(const ModelArch& model, const std::vector<std::string>& targets);

}  // namespace vramfit
