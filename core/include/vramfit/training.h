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
  std::vector<std::string> lora_targets{"q", "k", "v", "o", "gate", "up", "down"};
  int adapter_bytes = 4;                 // dtype of LoRA adapters and their gradients
  int data_parallel = 1;                 // GPUs holding replicas (or shards, with ZeRO)
  Sharding sharding = Sharding::kNone;
  int tensor_parallel = 1;
  int pipeline_parallel = 1;
  bool sequence_parallel = false;
  bool offload_optimizer = false;        // ZeRO-Offload / FSDP CPU offload of optimizer states (+ master weights)
  bool offload_params = false;           // ZeRO-3 parameter offload
  Gpu gpu;
  double host_ram_bytes = 256e9;
  double train_tokens = 1e9;             // for time and cost
  double mfu = 0.4;                      // model FLOPs utilisation assumed for time
  double price_per_gpu_hour = 2.0;       // USD
};

struct TrainingEstimate {
  std::vector<DeviceUsage> devices;      // one GPU entry (all ranks alike) and host RAM
  double trainable_params = 0;
  double params = 0;
  std::string peak_moment;               // "forward end", "backward", "optimizer step"
  double step_flops = 0;                 // per optimizer step
  double time_hours = 0;                 // for train_tokens
  double cost_usd = 0;
  bool fits = false;
  Diagnostics diagnostics;
};

TrainingEstimate estimate_training(const TrainingRequest& request);

// Korthikanti et al. 2022, Eq. 1 generalised: bytes of activations one transformer layer saves for backward
// (16-bit activations), for micro-batch b and sequence s, before checkpointing and parallelism.
double layer_activation_bytes(const ModelArch& model, double b, double s, bool flash_attention, bool dropout);

// Trainable LoRA parameters for rank r on the named projections (q, k, v, o, gate, up, down).
double lora_params(const ModelArch& model, int rank, const std::vector<std::string>& targets);

}  // namespace vramfit
