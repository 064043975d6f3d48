// A page configuration (share link) -> the core's estimate request. One mapping for the page, the command
// line and the JS API, so a link shows the same numbers everywhere.
#include <algorithm>

#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit {

InferenceRequest request_from_share(const ShareConfig& c, const ModelArch* model) {
  InferenceRequest r;
  if (model != nullptr) {
    r.model = *model;
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
  const GpuEntry* g = c.gpu == "custom" ? nullptr : find_gpu(c.gpu.empty() ? kDefaultGpuId : c.gpu);
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
