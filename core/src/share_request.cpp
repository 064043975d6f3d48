// A page configuration (share link) -> the core's estimate request. One mapping for the page, the command
// line and the JS API, so a link shows the same numbers everywhere.
#include <algorithm>

#include "vramfit/custom_arch.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit {

// The catalog id a configuration's estimate uses: the default GPU when none is named, or for gpu=any (the
// page answers "which GPUs fit?" beside it).
std::string catalog_id(const ShareConfig& c) {
  return c.gpu.empty() || c.gpu == kAnyGpuId ? std::string(kDefaultGpuId) : c.gpu;
}

namespace {

// The link's custom architecture as config.json reads it, when it has one that builds.
ParsedConfig custom_of(const ShareConfig& c) {
  if (c.arch.empty()) return {};
  const CustomArchDecoded a = decode_custom_arch(c.arch);
  return a.arch ? custom_model(*a.arch) : ParsedConfig{};
}

}  // namespace

InferenceRequest request_from_share(const ShareConfig& c, const ModelArch* model) {
  InferenceRequest r;
  ParsedConfig custom = model == nullptr ? custom_of(c) : ParsedConfig{};
  if (model != nullptr) {
    r.model = *model;
  } else if (custom.model) {
    r.model = std::move(*custom.model);
  } else {
    const ModelPreset* p = find_preset(c.model.empty() ? kDefaultModelId : c.model);
    if (p == nullptr && !model_presets().empty()) p = &model_presets().front();
    if (p != nullptr) r.model = p->arch;
  }
  if (c.engine == "vllm") r.engine = Engine::kVllm;
  else if (c.engine == "transformers") r.engine = Engine::kTransformers;
  else if (c.engine == "rule-of-thumb") r.engine = Engine::kRuleOfThumb;
  else r.engine = Engine::kLlamaCpp;
  r.kv_unified = c.engine == "ollama";
  const bool llama = r.engine == Engine::kLlamaCpp;
  r.weight_format = llama ? c.llama_weights : c.hf_weights;
  // The PyTorch engines keep K and V in the model's 16-bit dtype unless told fp8 (vLLM --kv-cache-dtype).
  r.kv_type = llama ? c.kv_type : (c.kv_type == "fp8" ? "fp8" : "f16");
  r.context_tokens = c.context;
  r.sequences = c.sequences;
  r.prompt_tokens = std::min(c.prompt_tokens, c.context);
  r.new_tokens = c.new_tokens;
  r.gpu_layers = c.gpu_layers;
  r.flash_attention = c.flash_attention;
  r.cpu_only = c.cpu_only && llama;
  r.gpu_memory_utilization = c.gpu_memory_utilization;
  r.attention = c.attention == "eager" ? AttentionImpl::kEager
                : c.attention == "flash_attention_2" ? AttentionImpl::kFlash : AttentionImpl::kSdpa;
  r.gpu_count = c.gpu_count;
  if (!llama) r.tensor_parallel = c.gpu_count;
  const GpuEntry* g = c.gpu == "custom" ? nullptr : find_gpu(catalog_id(c));
  if (g != nullptr) {
    use_catalog_gpu(*g, c.custom_gpu_gb, r);
  } else {
    r.gpu.name = "GPU";
    r.gpu.memory_bytes = c.custom_gpu_gb * 1e9;
  }
  return r;
}

void use_catalog_gpu(const GpuEntry& g, double typed_memory_gb, InferenceRequest& r) {
  r.gpu.name = g.name;
  r.gpu.memory_bytes = g.capacity_bytes() > 0 ? g.capacity_bytes() : typed_memory_gb * 1e9;
  if (g.bandwidth_gb_s > 0) r.gpu.bandwidth_gb_s = g.bandwidth_gb_s;
  if (g.dense_fp16_tflops > 0) r.gpu.dense_fp16_tflops = g.dense_fp16_tflops;
  r.gpu.unified_memory = g.unified_memory;
  if (g.segment == "cpu") {
    r.cpu_only = r.engine == Engine::kLlamaCpp;
    r.host_ram_bytes = typed_memory_gb * 1e9;
    r.host_bandwidth_gb_s = g.bandwidth_gb_s;
  }
}

}  // namespace vramfit

// --- fine-tuning -------------------------------------------------------------------------------------------
#include <nlohmann/json.hpp>


namespace vramfit {

std::string training_request_json(const ShareConfig& c) {
  nlohmann::json lora_targets = nlohmann::json::array();
  for (std::size_t start = 0; start <= c.lora_targets.size();) {
    const auto comma = c.lora_targets.find(',', start);
    const std::string t = c.lora_targets.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!t.empty()) lora_targets.push_back(t);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  nlohmann::json r{{"job", "training"},
                   {"model", c.model.empty() ? kDefaultModelId : c.model},
                   {"method", c.method},
                   {"precision", c.precision},
                   {"optimizer", c.optimizer},
                   {"micro_batch", c.micro_batch},
                   {"seq_len", c.seq_len},
                   {"grad_accum", c.grad_accum},
                   {"checkpointing", c.checkpointing},
                   {"flash_attention", c.flash_attention},
                   {"chunked_loss", c.chunked_loss},
                   // Memory depends only on whether p > 0 (a mask per adapter): the link says on or off, any p > 0 reads alike.
                   {"lora", {{"rank", c.lora_rank}, {"targets", lora_targets}, {"dropout", c.lora_dropout ? 0.05 : 0.0}}},
                   {"parallel", {{"data", c.data_parallel}, {"tensor", c.tensor_parallel}, {"pipeline", c.pipeline_parallel},
                                 {"sequence_parallel", c.sequence_parallel}, {"no_sync", c.fsdp_no_sync},
                                 {"shard_group", c.shard_group}}},
                   {"offload", {{"optimizer", c.offload_optimizer}, {"params", c.offload_params}}},
                   {"train_tokens", c.train_tokens},
                   {"mfu", c.mfu},
                   {"price_per_gpu_hour", c.price_per_gpu_hour},
                   {"dropout", c.dropout},
                   {"qlora_format", c.qlora_format},
                   {"qlora_quantizer", c.qlora_quantizer},
                   {"holds_previous_step", c.holds_previous_step},
                   {"fused_qkv", c.fused_qkv},
                   {"rmsnorm_fp32_input", c.rmsnorm_fp32_input},
                   {"host_ram_gb", c.host_ram_gb}};
  if (const auto a = c.arch.empty() ? std::nullopt : decode_custom_arch(c.arch).arch)
    r["model"] = nlohmann::json::parse(custom_config_json(*a));
  if (c.sharding != "none") r["parallel"]["sharding"] = c.sharding;
  if (c.adapter_bytes != 0) r["lora"]["dtype_bytes"] = c.adapter_bytes;
  // The last release before 0.43.2, which stopped MatMul4Bit keeping its input (bitsandbytes PR #1270).
  if (c.old_bitsandbytes) r["bitsandbytes_version"] = "0.43.1";
  if (c.gpu == "custom") r["gpu"] = {{"name", "GPU"}, {"memory_gb", c.custom_gpu_gb}};
  else r["gpu"] = {{"id", catalog_id(c)}, {"memory_gb", c.custom_gpu_gb}};
  return r.dump();
}

// Field by field as parse_training_request reads training_request_json(c) (a test holds the two equal): the
// page builds its request without a JSON round trip.
TrainingFromShare training_from_share(const ShareConfig& c, const ModelArch* model) {
  TrainingFromShare out;
  const InferenceRequest base = request_from_share(c, model);  // model, GPU and host as inference reads them
  TrainingRequest t;
  t.model = base.model;
  t.gpu = base.gpu;
  // The typed host RAM, except on a CPU host, whose RAM is its memory (`mem`), as parse_inference_request reads
  // host_ram_gb before the GPU.
  const GpuEntry* g = c.gpu == "custom" ? nullptr : find_gpu(catalog_id(c));
  t.host_ram_bytes = g != nullptr && g->segment == "cpu" ? base.host_ram_bytes : c.host_ram_gb * 1e9;
  apply_training_choices({c.method, c.precision, c.optimizer, c.checkpointing, c.sharding}, t, out.diagnostics);
  t.micro_batch = c.micro_batch;
  t.seq_len = c.seq_len;
  t.grad_accum = c.grad_accum;
  t.flash_attention = c.flash_attention;
  t.chunked_loss = c.chunked_loss;
  t.train_tokens = c.train_tokens;
  t.mfu = c.mfu;
  t.price_per_gpu_hour = c.price_per_gpu_hour;
  t.lora_rank = c.lora_rank;
  t.lora_targets.clear();
  for (std::size_t start = 0; start <= c.lora_targets.size();) {
    const auto comma = c.lora_targets.find(',', start);
    const std::string name = c.lora_targets.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!name.empty()) t.lora_targets.push_back(name);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  t.data_parallel = c.data_parallel;
  t.tensor_parallel = c.tensor_parallel;
  t.pipeline_parallel = c.pipeline_parallel;
  t.sequence_parallel = c.sequence_parallel;
  t.offload_optimizer = c.offload_optimizer;
  t.offload_params = c.offload_params;
  t.dropout = c.dropout;
  t.qlora_format = c.qlora_format;
  t.qlora_quantizer = c.qlora_quantizer == "lightning" ? QloraQuantizer::kLightning
                      : c.qlora_quantizer == "torchao" ? QloraQuantizer::kTorchao
                                                       : QloraQuantizer::kTransformers;
  t.bnb_keeps_matmul_inputs = c.old_bitsandbytes;
  t.loop_holds_previous_step = c.holds_previous_step;
  t.fsdp_no_sync = c.fsdp_no_sync;
  t.shard_group = c.shard_group;
  t.lora_dropout = c.lora_dropout;
  if (c.adapter_bytes != 0) t.adapter_bytes = c.adapter_bytes;
  t.fused_qkv = c.fused_qkv;
  t.rmsnorm_fp32_input = c.rmsnorm_fp32_input;
  if (!has_errors(out.diagnostics)) out.request = std::move(t);
  return out;
}

}  // namespace vramfit
