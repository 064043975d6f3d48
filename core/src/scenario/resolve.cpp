// Scenario -> the estimator's requests. The one mapping for the page, the command line, links and the JSON API.
#include "vramfit/resolve.h"

#include <algorithm>

#include "vramfit/custom_arch.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/units.h"
#include "vramfit/what_fits.h"

namespace vramfit {

std::string catalog_id(const Scenario& s) {
  return s.gpu.empty() || s.gpu == kAnyGpuId ? std::string(kDefaultGpuId) : s.gpu;
}

ModelArch scenario_model(const Scenario& s, const ModelSource* source) {
  if (source != nullptr && source->model) return *source->model;
  if (!s.arch.empty()) {
    if (const CustomArchDecoded a = decode_custom_arch(s.arch); a.arch) {
      if (ParsedConfig custom = custom_model(*a.arch); custom.model) return std::move(*custom.model);
    }
  }
  const ModelPreset* p = find_preset(s.model.empty() ? kDefaultModelId : s.model);
  if (p == nullptr && !model_presets().empty()) p = &model_presets().front();
  return p != nullptr ? p->arch : ModelArch{};
}

void use_catalog_gpu(const GpuEntry& g, double typed_memory_gb, InferenceRequest& r) {
  take_catalog_gpu(g, r.gpu);
  if (!(r.gpu.memory_bytes > 0)) r.gpu.memory_bytes = typed_memory_gb * 1e9;  // CPU hosts, some Macs: as typed
  if (g.segment == "cpu") {
    r.cpu_only = r.engine == Engine::kLlamaCpp;
    r.host_ram_bytes = typed_memory_gb * 1e9;
    r.host_bandwidth_gb_s = g.bandwidth_gb_s;
  }
}

InferenceRequest resolve_inference(const Scenario& s, const ModelSource* source) {
  InferenceRequest r;
  r.model = scenario_model(s, source);
  switch (s.engine) {
    case EngineChoice::kVllm: r.engine = Engine::kVllm; break;
    case EngineChoice::kSglang: r.engine = Engine::kSglang; break;
    case EngineChoice::kTransformers: r.engine = Engine::kTransformers; break;
    case EngineChoice::kRuleOfThumb: r.engine = Engine::kRuleOfThumb; break;
    case EngineChoice::kLlamaCpp:
    case EngineChoice::kOllama: r.engine = Engine::kLlamaCpp; break;
  }
  const bool llama = r.engine == Engine::kLlamaCpp;
  // Ollama's own runner (v0.29 and earlier) kept one unified KV stream; from v0.30 it starts llama-server with -np,
  // whose streams are not unified (llm/llama_server.go at v0.32.15).
  r.kv_unified = s.kv_unified || (s.engine == EngineChoice::kOllama && s.ollama_release == OllamaReleaseChoice::kV029);
  r.ollama = s.engine == EngineChoice::kOllama;  // Ollama runs one unified KV stream
  r.weight_format = llama ? s.llama_weights : s.hf_weights;
  // The PyTorch engines keep K and V in the model's 16-bit dtype unless told fp8 (vLLM --kv-cache-dtype).
  r.kv_type = llama ? s.kv_type : (s.kv_type == "fp8" ? "fp8" : "f16");
  if (source != nullptr) {
    // A file's own weights: a GGUF's tensor bytes, a safetensors checkpoint's bytes and format as stored.
    if (llama && source->gguf_weights) r.gguf_weights = source->gguf_weights;
    r.checkpoint_bytes = source->checkpoint_bytes;
    if (source->weights_as_stored) {
      if (llama && source->gguf_weights) r.weight_format = source->gguf_file_type.empty() ? "GGUF" : source->gguf_file_type;
      else if (!llama && !source->checkpoint_format.empty()) r.weight_format = source->checkpoint_format;
    }
  }
  r.context_tokens = s.context;
  r.sequences = s.sequences;
  r.prompt_tokens = std::min(s.prompt_tokens, s.context);
  r.new_tokens = s.new_tokens;
  r.gpu_layers = s.gpu_layers;
  r.n_cpu_moe = llama ? s.n_cpu_moe : 0;
  r.n_batch = s.n_batch;
  r.n_ubatch = s.n_ubatch;
  // Ollama passes one num_batch to llama-server as both -b and -ub (llm/llama_server.go at v0.32.15,
  // docs/research_engine_flags.md); it is the physical batch that sizes the buffers, so that one is kept.
  if (s.engine == EngineChoice::kOllama) r.n_batch = s.n_ubatch;
  r.flash_attention = s.flash_attention;
  r.swa_full = s.swa_full;
  r.llama_legacy = s.llama_release == LlamaReleaseChoice::kB2459;
  r.cpu_only = s.cpu_only && llama;
  r.gpu_memory_utilization = s.gpu_memory_utilization;
  r.cuda_graphs = s.cuda_graphs;
  r.mem_fraction_static = s.mem_fraction_static;
  if (const ModelPreset* d = s.draft_model.empty() ? nullptr : find_preset(s.draft_model); d != nullptr) {
    r.draft = d->arch;
    r.draft_weight_format = s.draft_weights;
  }
  r.vllm_minor = s.vllm_release == VllmReleaseChoice::kV021   ? 21
                 : s.vllm_release == VllmReleaseChoice::kV020 ? 20
                 : s.vllm_release == VllmReleaseChoice::kV016 ? 16
                 : s.vllm_release == VllmReleaseChoice::kV010 ? 10
                                                               : 7;
  r.unquantized_bytes = s.torch_dtype == TorchDtypeChoice::kFloat32 ? 4 : 2;
  r.attention = s.attention == AttentionChoice::kEager             ? AttentionImpl::kEager
                : s.attention == AttentionChoice::kFlashAttention2 ? AttentionImpl::kFlash
                                                                   : AttentionImpl::kSdpa;
  // vLLM and transformers split the model over all GPUs (tensor parallel) unless tp/pp say otherwise.
  r.tensor_parallel = llama || s.tensor_parallel > 1 ? s.tensor_parallel : std::max(1, s.gpu_count / std::max(1, s.pipeline_parallel));
  r.pipeline_parallel = s.pipeline_parallel;
  r.gpu_count = std::max(s.gpu_count, s.tensor_parallel * s.pipeline_parallel);
  r.host_ram_bytes = s.host_ram_gb * 1e9;
  const GpuEntry* g = s.gpu == kCustomGpuId ? nullptr : find_gpu(catalog_id(s));
  if (g != nullptr) {
    use_catalog_gpu(*g, s.custom_gpu_gb, r);
  } else {
    r.gpu.name = s.custom_gpu_name.empty() ? "GPU" : s.custom_gpu_name;
    r.gpu.memory_bytes = s.custom_gpu_gb * 1e9;
    if (s.custom_gpu_bandwidth_gb_s > 0) r.gpu.bandwidth_gb_s = s.custom_gpu_bandwidth_gb_s;
    if (s.custom_gpu_tflops > 0) r.gpu.dense_fp16_tflops = s.custom_gpu_tflops;
    r.gpu.unified_memory = s.custom_gpu_unified;
  }
  r.gpu.in_use_bytes = s.gpu_in_use_gb * 1e9;
  r.macos_26 = s.macos == MacosChoice::kMacos26;
  r.gpu.shared_rule = rule_on_macos(r.gpu.shared_rule, r.macos_26);
  // vLLM's scheduler defaults for `vllm serve` (engine/arg_utils.py, docs/research_vllm_versions.md section 7):
  // on GPUs of at least 70 GiB as torch reports them (not A100s from v0.9.2) 8192 batched tokens and 1024
  // sequences, else 2048 and 256; from v0.21 an unset token budget is at most max_num_seqs x max_model_len.
  const bool large = r.gpu.memory_bytes >= 70 * kGiB && r.gpu.name.find("A100") == std::string::npos;
  r.max_num_seqs = s.max_num_seqs > 0 ? s.max_num_seqs : large ? 1024 : 256;
  r.max_num_batched_tokens = s.max_num_batched_tokens > 0 ? s.max_num_batched_tokens : large ? 8192 : 2048;
  // The V0 engine without chunked prefill (its default up to 32K tokens) batches a whole prompt: max(max_model_len,
  // 2048) tokens (vllm/engine/arg_utils.py of the V0 releases).
  if (s.max_num_batched_tokens == 0 && r.vllm_minor < 8 && r.context_tokens <= 32768)
    r.max_num_batched_tokens = std::max(r.context_tokens, 2048);
  if (s.max_num_batched_tokens == 0 && r.vllm_minor >= 21)
    r.max_num_batched_tokens = static_cast<int>(
        std::min<double>(r.max_num_batched_tokens, static_cast<double>(r.max_num_seqs) * std::max(1, r.context_tokens)));
  return r;
}

namespace {

// What each named training choice implies for the estimator.
void apply_choices(const Scenario& s, TrainingRequest& t) {
  t.method = s.method == MethodChoice::kFull                                            ? TrainMethod::kFull
             : s.method == MethodChoice::kQlora || s.method == MethodChoice::kQdora ? TrainMethod::kQlora
                                                                                        : TrainMethod::kLora;
  t.dora = s.method == MethodChoice::kDora || s.method == MethodChoice::kQdora;
  switch (s.precision) {  // weights, fp32 master copy, optimizer state and adapter bytes
    case PrecisionChoice::kBf16True: t.weight_bytes = 2; t.master_weights = false; t.optimizer_state_bytes = 2; t.adapter_bytes = 2; break;
    case PrecisionChoice::kMixed: t.weight_bytes = 2; t.master_weights = true; t.optimizer_state_bytes = 4; t.adapter_bytes = 4; break;
    case PrecisionChoice::kFp32: t.weight_bytes = 4; t.master_weights = false; t.optimizer_state_bytes = 4; t.adapter_bytes = 4; break;
  }
  switch (s.optimizer) {
    case OptimizerChoice::kAdamW: t.optimizer = Optimizer::kAdamW; break;
    case OptimizerChoice::kPagedAdamW32bit:
      t.optimizer = Optimizer::kAdamW;
      t.optimizer_state_bytes = 4;  // paged 32-bit AdamW keeps fp32 states whatever the weights' dtype
      break;
    case OptimizerChoice::kAdamW8bit:
    case OptimizerChoice::kPagedAdamW8bit: t.optimizer = Optimizer::kAdamW8bit; break;
    case OptimizerChoice::kAdafactor: t.optimizer = Optimizer::kAdafactor; break;
    case OptimizerChoice::kSgd: t.optimizer = Optimizer::kSgd; break;
    case OptimizerChoice::kSgdMomentum: t.optimizer = Optimizer::kSgdMomentum; break;
    case OptimizerChoice::kLion: t.optimizer = Optimizer::kLion; break;
  }
  t.checkpointing = s.checkpointing == CheckpointingChoice::kFull        ? Checkpointing::kFull
                    : s.checkpointing == CheckpointingChoice::kSelective ? Checkpointing::kSelective
                                                                         : Checkpointing::kNone;
  switch (s.sharding) {  // FSDP: full shard = ZeRO-3, shard-grad-op = ZeRO-2
    case ShardingChoice::kNone: t.sharding = Sharding::kNone; break;
    case ShardingChoice::kZero1: t.sharding = Sharding::kZero1; break;
    case ShardingChoice::kZero2:
    case ShardingChoice::kFsdpShardGradOp: t.sharding = Sharding::kZero2; break;
    case ShardingChoice::kZero3:
    case ShardingChoice::kFsdpFullShard:
    case ShardingChoice::kFsdpHybridShard: t.sharding = Sharding::kZero3; break;
  }
  t.hybrid_shard = s.sharding == ShardingChoice::kFsdpHybridShard;
}

}  // namespace

TrainingRequest resolve_training(const Scenario& s, const ModelSource* source) {
  const InferenceRequest base = resolve_inference(s, source);  // model, GPU and host as inference reads them
  TrainingRequest t;
  t.model = base.model;
  t.gpu = base.gpu;
  // The typed host RAM, except on a CPU host, whose RAM is its memory (`mem`).
  const GpuEntry* g = s.gpu == kCustomGpuId ? nullptr : find_gpu(catalog_id(s));
  t.host_ram_bytes = g != nullptr && g->segment == "cpu" ? base.host_ram_bytes : s.host_ram_gb * 1e9;
  apply_choices(s, t);
  t.micro_batch = s.micro_batch;
  t.seq_len = s.seq_len;
  t.grad_accum = s.grad_accum;
  t.flash_attention = s.flash_attention;
  t.chunked_loss = s.chunked_loss;
  t.train_tokens = s.train_tokens;
  t.mfu = s.mfu;
  t.price_per_gpu_hour = s.price_per_gpu_hour;
  t.lora_rank = s.lora_rank;
  t.lora_targets.clear();
  for (std::size_t start = 0; start <= s.lora_targets.size();) {
    const auto comma = s.lora_targets.find(',', start);
    const std::string name = s.lora_targets.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!name.empty()) t.lora_targets.push_back(name);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  t.data_parallel = s.data_parallel;
  t.tensor_parallel = s.tensor_parallel;
  t.pipeline_parallel = s.pipeline_parallel;
  t.sequence_parallel = s.sequence_parallel;
  t.offload_optimizer = s.offload_optimizer;
  t.offload_params = s.offload_params;
  t.dropout = s.dropout;
  t.qlora_format = std::string(choice_name(s.qlora_format));
  t.qlora_quantizer = s.qlora_quantizer == QloraQuantizerChoice::kLightning ? QloraQuantizer::kLightning
                      : s.qlora_quantizer == QloraQuantizerChoice::kTorchao ? QloraQuantizer::kTorchao
                                                                            : QloraQuantizer::kTransformers;
  t.bnb_keeps_matmul_inputs = s.old_bitsandbytes;
  t.loop_holds_previous_step = s.holds_previous_step;
  t.fsdp_no_sync = s.fsdp_no_sync;
  t.shard_group = s.shard_group;
  t.lora_dropout = s.lora_dropout;
  if (s.adapter_bytes != 0) t.adapter_bytes = s.adapter_bytes;
  t.fused_qkv = s.fused_qkv;
  t.rmsnorm_fp32_input = s.rmsnorm_fp32_input;
  return t;
}

}  // namespace vramfit
