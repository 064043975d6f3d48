// The page's inputs <-> a share-link configuration (core/share_link.h does the encoding).
#include <algorithm>
#include <array>
#include <cmath>

#include "app_state.h"
#include "browser.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"

namespace vramfit::web {
namespace {

constexpr std::array<const char*, 5> kEngineIds = {"llama.cpp", "ollama", "vllm", "transformers", "rule-of-thumb"};
constexpr std::array<const char*, 3> kAttentionIds = {"eager", "sdpa", "flash_attention_2"};

// Sliders hold floats; links hold the value the slider shows (0.9, not 0.899999976): n / per_unit is the double
// nearest the decimal, as a link reads it back.
double rounded(float v, double per_unit) { return std::round(static_cast<double>(v) * per_unit) / per_unit; }

}  // namespace

ShareConfig share_config(const AppState& st) {
  const Inputs& in = st.inputs;
  ShareConfig c;
  c.lang = st.mode.lang;
  const auto& presets = model_presets();
  if (in.model_index >= 0 && in.model_index < static_cast<int>(presets.size())) {
    const std::string& id = presets[static_cast<std::size_t>(in.model_index)].id;
    if (id != kDefaultModelId) c.model = id;
  }
  c.arch = in.custom_arch;
  c.engine = kEngineIds[static_cast<std::size_t>(std::clamp(static_cast<int>(in.engine), 0, 4))];
  if (in.llama_weights != kFromFile) c.llama_weights = in.llama_weights;
  if (in.hf_weights != kFromFile) c.hf_weights = in.hf_weights;
  c.kv_type = in.kv_type;
  c.context = in.context;
  c.sequences = in.sequences;
  const auto& gpus = gpu_catalog();
  if (in.gpu_index >= 0 && in.gpu_index < static_cast<int>(gpus.size())) {
    const std::string& id = gpus[static_cast<std::size_t>(in.gpu_index)].id;
    if (id != kDefaultGpuId) c.gpu = id;
  } else if (in.gpu_index == -1) {
    c.gpu = "custom";
  } else if (in.gpu_index == kAnyGpu) {
    c.gpu = kAnyGpuId;
  }
  c.custom_gpu_gb = rounded(in.custom_gpu_gb, 2);
  c.gpu_count = in.gpu_count;
  c.gpu_layers = in.gpu_layers;
  c.flash_attention = in.flash_attention;
  c.cpu_only = in.cpu_only;
  c.gpu_memory_utilization = rounded(in.gpu_memory_utilization, 100);
  c.attention = kAttentionIds[static_cast<std::size_t>(std::clamp(in.attention, 0, 2))];
  c.prompt_tokens = in.prompt_tokens;
  c.new_tokens = in.new_tokens;
  const TrainingInputs& t = in.train;
  c.job = in.training ? "training" : "inference";
  c.method = t.method;
  c.precision = t.precision;
  c.optimizer = t.optimizer;
  c.micro_batch = t.micro_batch;
  c.seq_len = t.seq_len;
  c.grad_accum = t.grad_accum;
  c.checkpointing = t.checkpointing;
  c.chunked_loss = t.chunked_loss;
  c.lora_rank = t.lora_rank;
  c.lora_targets = t.lora_targets;
  c.data_parallel = t.data_parallel;
  c.tensor_parallel = t.tensor_parallel;
  c.pipeline_parallel = t.pipeline_parallel;
  c.sharding = t.sharding;
  c.sequence_parallel = t.sequence_parallel;
  c.offload_optimizer = t.offload_optimizer;
  c.offload_params = t.offload_params;
  c.train_tokens = rounded(t.train_tokens_billions, 1000) * 1e9;  // in millions of tokens
  c.mfu = rounded(t.mfu, 100);
  c.price_per_gpu_hour = rounded(t.price_per_gpu_hour, 100);
  c.qlora_format = t.qlora_format;
  c.qlora_quantizer = t.qlora_quantizer;
  c.old_bitsandbytes = t.old_bitsandbytes;
  c.holds_previous_step = t.holds_previous_step;
  c.fsdp_no_sync = t.fsdp_no_sync;
  c.shard_group = t.shard_group;
  c.dropout = t.dropout;
  c.lora_dropout = t.lora_dropout;
  c.adapter_bytes = t.adapter_bytes;
  c.fused_qkv = t.fused_qkv;
  c.rmsnorm_fp32_input = t.rmsnorm_fp32_input;
  c.host_ram_gb = rounded(t.host_ram_gb, 2);
  c.embed = st.mode.embed;
  c.locked = st.mode.locked;
  return c;
}

void apply_share(AppState& st, const ShareConfig& c) {
  Inputs& in = st.inputs;
  const Inputs defaults;
  in.model_index = -1;
  const auto& presets = model_presets();
  for (std::size_t i = 0; i < presets.size(); ++i)
    if (presets[i].id == c.model) in.model_index = static_cast<int>(i);
  in.use_imported = false;  // a link names a preset; an imported file stays available in the picker
  const CustomArchDecoded custom = decode_custom_arch(c.arch);
  if (custom.arch) set_custom_arch(st, *custom.arch);
  else if (!in.custom_arch.empty()) leave_custom_arch(st);
  for (std::size_t i = 0; i < kEngineIds.size(); ++i)
    if (c.engine == kEngineIds[i]) in.engine = static_cast<EngineChoice>(i);
  in.llama_weights = c.llama_weights;
  in.hf_weights = c.hf_weights;
  in.kv_type = c.kv_type;
  in.context = c.context;
  in.sequences = c.sequences;
  in.gpu_index = c.gpu == "custom" ? -1 : c.gpu == kAnyGpuId ? kAnyGpu : defaults.gpu_index;
  const auto& gpus = gpu_catalog();
  for (std::size_t i = 0; i < gpus.size(); ++i)
    if (gpus[i].id == c.gpu) in.gpu_index = static_cast<int>(i);
  in.custom_gpu_gb = static_cast<float>(c.custom_gpu_gb);
  in.gpu_count = c.gpu_count;
  in.gpu_layers = c.gpu_layers;
  in.flash_attention = c.flash_attention;
  in.cpu_only = c.cpu_only;
  in.gpu_memory_utilization = static_cast<float>(c.gpu_memory_utilization);
  in.attention = 1;
  for (std::size_t i = 0; i < kAttentionIds.size(); ++i)
    if (c.attention == kAttentionIds[i]) in.attention = static_cast<int>(i);
  in.prompt_tokens = c.prompt_tokens;
  in.new_tokens = c.new_tokens;
  TrainingInputs& t = in.train;
  in.training = c.job == "training";
  t.method = c.method;
  t.precision = c.precision;
  t.optimizer = c.optimizer;
  t.micro_batch = c.micro_batch;
  t.seq_len = c.seq_len;
  t.grad_accum = c.grad_accum;
  t.checkpointing = c.checkpointing;
  t.chunked_loss = c.chunked_loss;
  t.lora_rank = c.lora_rank;
  t.lora_targets = c.lora_targets;
  t.data_parallel = c.data_parallel;
  t.tensor_parallel = c.tensor_parallel;
  t.pipeline_parallel = c.pipeline_parallel;
  t.sharding = c.sharding;
  t.sequence_parallel = c.sequence_parallel;
  t.offload_optimizer = c.offload_optimizer;
  t.offload_params = c.offload_params;
  t.train_tokens_billions = static_cast<float>(c.train_tokens / 1e9);
  t.mfu = static_cast<float>(c.mfu);
  t.price_per_gpu_hour = static_cast<float>(c.price_per_gpu_hour);
  t.qlora_format = c.qlora_format;
  t.qlora_quantizer = c.qlora_quantizer;
  t.old_bitsandbytes = c.old_bitsandbytes;
  t.holds_previous_step = c.holds_previous_step;
  t.fsdp_no_sync = c.fsdp_no_sync;
  t.shard_group = c.shard_group;
  t.dropout = c.dropout;
  t.lora_dropout = c.lora_dropout;
  t.adapter_bytes = c.adapter_bytes;
  t.fused_qkv = c.fused_qkv;
  t.rmsnorm_fp32_input = c.rmsnorm_fp32_input;
  t.host_ram_gb = static_cast<float>(c.host_ram_gb);
  st.mode.lang = c.lang;
  st.mode.embed = c.embed;
  st.mode.locked = c.locked;
  st.dirty = true;
}

}  // namespace vramfit::web

namespace vramfit::web {

void open_link(AppState& st, const std::string& query) {
  ShareDecoded d = decode_share_query(query);
  apply_share(st, d.config);
  apply_language(st);
  st.mode.link_diagnostics = std::move(d.diagnostics);
  st.mode.written_query = encode_share_query(share_config(st));
}

void sync_address_bar(AppState& st, bool editing) {
  if (editing) return;  // one history entry per edit: a slider drag or a typed number lands when released
  const std::string query = encode_share_query(share_config(st));
  if (query == st.mode.written_query) return;
  browser::set_location_query(query, true);
  st.mode.written_query = query;
}

std::string share_url(const AppState& st, bool embed) {
  ShareConfig c = share_config(st);
  c.embed = embed;
  if (!embed) c.locked = false;
  const std::string query = encode_share_query(c);
  return browser::page_url() + (query.empty() ? "" : "?" + query);
}

}  // namespace vramfit::web
