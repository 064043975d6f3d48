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

// The page's training inputs name their choices as links do; a name the page holds is always one of the enum's.
template <typename E>
E named(const std::string& name, E fallback) {
  return choice_by_name<E>(name).value_or(fallback);
}

}  // namespace

Scenario share_config(const AppState& st) {
  const Inputs& in = st.inputs;
  Scenario c;
  c.lang = st.mode.lang;
  const auto& presets = model_presets();
  if (in.model_index >= 0 && in.model_index < static_cast<int>(presets.size())) {
    const std::string& id = presets[static_cast<std::size_t>(in.model_index)].id;
    if (id != kDefaultModelId) c.model = id;
  }
  c.arch = in.custom_arch;
  c.engine = in.engine;
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
  c.custom_gpu_gb = in.custom_gpu_gb;
  c.gpu_count = in.gpu_count;
  c.gpu_layers = in.gpu_layers;
  c.flash_attention = in.flash_attention;
  c.cpu_only = in.cpu_only;
  c.gpu_memory_utilization = in.gpu_memory_utilization;
  c.attention = static_cast<AttentionChoice>(std::clamp(in.attention, 0, 2));
  c.prompt_tokens = in.prompt_tokens;
  c.new_tokens = in.new_tokens;
  const TrainingInputs& t = in.train;
  c.job = in.training ? Job::kTraining : Job::kInference;
  c.method = named(t.method, c.method);
  c.precision = named(t.precision, c.precision);
  c.optimizer = named(t.optimizer, c.optimizer);
  c.micro_batch = t.micro_batch;
  c.seq_len = t.seq_len;
  c.grad_accum = t.grad_accum;
  c.checkpointing = named(t.checkpointing, c.checkpointing);
  c.chunked_loss = t.chunked_loss;
  c.lora_rank = t.lora_rank;
  c.lora_targets = t.lora_targets;
  c.data_parallel = t.data_parallel;
  c.tensor_parallel = t.tensor_parallel;
  c.pipeline_parallel = t.pipeline_parallel;
  c.sharding = named(t.sharding, c.sharding);
  c.sequence_parallel = t.sequence_parallel;
  c.offload_optimizer = t.offload_optimizer;
  c.offload_params = t.offload_params;
  c.train_tokens = t.train_tokens;
  c.mfu = t.mfu;
  c.price_per_gpu_hour = t.price_per_gpu_hour;
  c.qlora_format = named(t.qlora_format, c.qlora_format);
  c.qlora_quantizer = named(t.qlora_quantizer, c.qlora_quantizer);
  c.old_bitsandbytes = t.old_bitsandbytes;
  c.holds_previous_step = t.holds_previous_step;
  c.fsdp_no_sync = t.fsdp_no_sync;
  c.shard_group = t.shard_group;
  c.dropout = t.dropout;
  c.lora_dropout = t.lora_dropout;
  c.adapter_bytes = t.adapter_bytes;
  c.fused_qkv = t.fused_qkv;
  c.rmsnorm_fp32_input = t.rmsnorm_fp32_input;
  c.host_ram_gb = t.host_ram_gb;
  c.embed = st.mode.embed;
  c.locked = st.mode.locked;
  return c;
}

void apply_share(AppState& st, const Scenario& c) {
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
  in.engine = c.engine;
  in.llama_weights = c.llama_weights;
  in.hf_weights = c.hf_weights;
  in.kv_type = c.kv_type;
  in.context = c.context;
  in.sequences = c.sequences;
  in.gpu_index = c.gpu == kCustomGpuId ? -1 : c.gpu == kAnyGpuId ? kAnyGpu : defaults.gpu_index;
  const auto& gpus = gpu_catalog();
  for (std::size_t i = 0; i < gpus.size(); ++i)
    if (gpus[i].id == c.gpu) in.gpu_index = static_cast<int>(i);
  in.custom_gpu_gb = c.custom_gpu_gb;
  in.gpu_count = c.gpu_count;
  in.gpu_layers = c.gpu_layers;
  in.flash_attention = c.flash_attention;
  in.cpu_only = c.cpu_only;
  in.gpu_memory_utilization = c.gpu_memory_utilization;
  in.attention = static_cast<int>(c.attention);
  in.prompt_tokens = c.prompt_tokens;
  in.new_tokens = c.new_tokens;
  TrainingInputs& t = in.train;
  in.training = c.training();
  t.method = choice_name(c.method);
  t.precision = choice_name(c.precision);
  t.optimizer = choice_name(c.optimizer);
  t.micro_batch = c.micro_batch;
  t.seq_len = c.seq_len;
  t.grad_accum = c.grad_accum;
  t.checkpointing = choice_name(c.checkpointing);
  t.chunked_loss = c.chunked_loss;
  t.lora_rank = c.lora_rank;
  t.lora_targets = c.lora_targets;
  t.data_parallel = c.data_parallel;
  t.tensor_parallel = c.tensor_parallel;
  t.pipeline_parallel = c.pipeline_parallel;
  t.sharding = choice_name(c.sharding);
  t.sequence_parallel = c.sequence_parallel;
  t.offload_optimizer = c.offload_optimizer;
  t.offload_params = c.offload_params;
  t.train_tokens = c.train_tokens;
  t.mfu = c.mfu;
  t.price_per_gpu_hour = c.price_per_gpu_hour;
  t.qlora_format = choice_name(c.qlora_format);
  t.qlora_quantizer = choice_name(c.qlora_quantizer);
  t.old_bitsandbytes = c.old_bitsandbytes;
  t.holds_previous_step = c.holds_previous_step;
  t.fsdp_no_sync = c.fsdp_no_sync;
  t.shard_group = c.shard_group;
  t.dropout = c.dropout;
  t.lora_dropout = c.lora_dropout;
  t.adapter_bytes = c.adapter_bytes;
  t.fused_qkv = c.fused_qkv;
  t.rmsnorm_fp32_input = c.rmsnorm_fp32_input;
  t.host_ram_gb = c.host_ram_gb;
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
  Scenario c = share_config(st);
  c.embed = embed;
  if (!embed) c.locked = false;
  const std::string query = encode_share_query(c);
  return browser::page_url() + (query.empty() ? "" : "?" + query);
}

}  // namespace vramfit::web
