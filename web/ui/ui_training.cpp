// Fine-tuning: the job's inputs (method, optimizer, batch, checkpointing, parallelism, cost) and its verdict.
// The breakdown and the component table are the shared ones (shown_devices()).
#include <algorithm>
#include <span>
#include <string>

#include "../platform/browser.h"
#include "../app/field_limits.h"
#include "imgui.h"
#include "palette.h"
#include "../app/strings.h"
#include "ui.h"
#include "vramfit/accuracy.h"
#include "vramfit/format.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/training.h"

namespace vramfit::web {
namespace {

constexpr const char* kTargets[] = {"q", "k", "v", "o", "gate", "up", "down", "embed", "head"};

// Labels by a choice's index: the method and checkpointing are worded; the rest show the names links use.
const char* method_label(int m) {
  switch (static_cast<MethodChoice>(m)) {
    case MethodChoice::kFull: return tr(T::kMethodFull);
    case MethodChoice::kQlora: return "QLoRA";
    case MethodChoice::kDora: return "DoRA";
    case MethodChoice::kQdora: return "QDoRA";
    case MethodChoice::kLora: break;
  }
  return "LoRA";
}
const char* checkpointing_label(int c) {
  const auto ck = static_cast<CheckpointingChoice>(c);
  return ck == CheckpointingChoice::kFull ? tr(T::kCkFull) : ck == CheckpointingChoice::kSelective ? tr(T::kCkSelective) : tr(T::kCkNone);
}

// A combo over a choice's names (scenario.h) by index; `label` words an index (nullptr: the name itself, a
// null-terminated literal).
bool index_combo(const char* id, int& value, std::span<const std::string_view> names, const char* (*label)(int) = nullptr) {
  auto text = [&](int i) { return label != nullptr ? label(i) : names[static_cast<std::size_t>(i)].data(); };
  bool changed = false;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo(id, text(value))) {
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
      if (ImGui::Selectable(text(i), value == i)) {
        value = i;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

template <typename E>
bool choice_combo(const char* id, E& value, const char* (*label)(int) = nullptr) {
  int i = static_cast<int>(value);
  if (!index_combo(id, i, choice_names<E>(), label)) return false;
  value = static_cast<E>(i);
  return true;
}

bool int_input(float pixel_ratio, const char* label, const char* id, int& value, std::string_view key) {
  ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(-1);
  const bool changed = ImGui::InputInt(id, &value, 1, 8);
  text_field(pixel_ratio, true);
  value = clamp_field(value, key);
  return changed;
}

// The LoRA targets as checkboxes over the comma list the link carries; at least one stays on.
bool targets_input(std::string& list) {
  bool changed = false;
  std::string next;
  for (std::size_t i = 0; i < std::size(kTargets); ++i) {
    const std::string t = kTargets[i];
    bool on = ("," + list + ",").find("," + t + ",") != std::string::npos;
    if (i % 5 != 0) ImGui::SameLine();
    changed |= ImGui::Checkbox(t.c_str(), &on);
    if (on) next += (next.empty() ? "" : ",") + t;
  }
  if (changed && !next.empty()) list = next;
  return changed && !next.empty();
}

// A detail's tooltip: what it models and its source; shown on a greyed-out item too, where it says when the
// detail applies.
void detail_tooltip(T key) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort | ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
  ImGui::TextUnformatted(tr(key));
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

bool detail_checkbox(T label, T tip, bool& value, bool applies) {
  ImGui::BeginDisabled(!applies);
  const bool changed = ImGui::Checkbox(tr(label), &value);
  ImGui::EndDisabled();
  detail_tooltip(tip);
  return changed;
}

// How the framework runs the step (share-link keys qf qq bnb hps ns sg do ld ab fq rn ram): folded by default,
// every detail shown, greyed out where the method or sharding makes it moot.
bool draw_loop_details(AppState& st) {
  Scenario& t = st.scenario;
  ImGui::SetNextItemOpen(st.show_loop_details, ImGuiCond_Always);
  st.show_loop_details = ImGui::CollapsingHeader((std::string(tr(T::kLoopDetails)) + "###loop_details").c_str());
  mark_last_item("loop_details", st.pixel_ratio);
  if (!st.show_loop_details) return false;
  const bool qlora = t.method == MethodChoice::kQlora || t.method == MethodChoice::kQdora;
  const bool adapters = t.method != MethodChoice::kFull;
  bool changed = false;

  ImGui::BeginDisabled(!qlora);
  ImGui::TextUnformatted(tr(T::kQloraFormat));
  changed |= choice_combo("##qf", t.qlora_format);
  ImGui::EndDisabled();
  detail_tooltip(T::kQloraFormatTip);
  ImGui::BeginDisabled(!qlora);
  ImGui::TextUnformatted(tr(T::kQloraQuantizer));
  changed |= choice_combo("##qq", t.qlora_quantizer);
  ImGui::EndDisabled();
  detail_tooltip(T::kQloraQuantizerTip);
  changed |= detail_checkbox(T::kOldBitsandbytes, T::kOldBitsandbytesTip, t.old_bitsandbytes, qlora && t.qlora_quantizer != QloraQuantizerChoice::kTorchao);
  mark_last_item("old_bitsandbytes", st.pixel_ratio);

  ImGui::BeginDisabled(!adapters);
  ImGui::TextUnformatted(tr(T::kAdapterDtype));
  ImGui::SetNextItemWidth(-1);
  const char* dtype = t.adapter_bytes == 2 ? "bf16" : t.adapter_bytes == 4 ? "fp32" : tr(T::kAdapterAsPrecision);
  if (ImGui::BeginCombo("##ab", dtype)) {
    for (const int bytes : {0, 2, 4}) {
      if (ImGui::Selectable(bytes == 2 ? "bf16" : bytes == 4 ? "fp32" : tr(T::kAdapterAsPrecision), t.adapter_bytes == bytes)) {
        t.adapter_bytes = bytes;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  detail_tooltip(T::kAdapterDtypeTip);
  changed |= detail_checkbox(T::kLoraDropout, T::kLoraDropoutTip, t.lora_dropout, adapters);
  changed |= detail_checkbox(T::kModelDropout, T::kModelDropoutTip, t.dropout, !adapters);
  changed |= detail_checkbox(T::kFusedQkv, T::kFusedQkvTip, t.fused_qkv, true);
  changed |= detail_checkbox(T::kRmsnormFp32, T::kRmsnormFp32Tip, t.rmsnorm_fp32_input, true);
  changed |= detail_checkbox(T::kHoldsPreviousStep, T::kHoldsPreviousStepTip, t.holds_previous_step, true);

  const bool sharded = t.sharding != ShardingChoice::kNone && t.sharding != ShardingChoice::kZero1;
  changed |= detail_checkbox(T::kFsdpNoSync, T::kFsdpNoSyncTip, t.fsdp_no_sync, sharded);
  ImGui::BeginDisabled(t.sharding != ShardingChoice::kFsdpHybridShard);
  changed |= int_input(st.pixel_ratio, tr(T::kShardGroup), "##sg", t.shard_group, "sg");
  ImGui::EndDisabled();
  detail_tooltip(T::kShardGroupTip);
  ImGui::TextUnformatted(tr(T::kHostRam));
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputDouble("##ram", &t.host_ram_gb, 16.0, 128.0, "%.1f");
  text_field(st.pixel_ratio, true);
  t.host_ram_gb = clamp_field(t.host_ram_gb, "ram");
  detail_tooltip(T::kHostRamTip);
  mark_last_item("host_ram", st.pixel_ratio);
  return changed;
}

}  // namespace

void draw_training_inputs(AppState& st, const Fonts& fonts) {
  Scenario& t = st.scenario;
  bool changed = false;
  section_title(tr(T::kMethod), fonts);
  changed |= choice_combo("##method", t.method, method_label);
  section_title(tr(T::kPrecision), fonts);
  changed |= choice_combo("##precision", t.precision);
  section_title(tr(T::kOptimizer), fonts);
  changed |= choice_combo("##optimizer", t.optimizer);
  if (t.method != MethodChoice::kFull) {
    changed |= int_input(st.pixel_ratio, tr(T::kLoraRank), "##rank", t.lora_rank, "lr");
    ImGui::TextUnformatted(tr(T::kLoraTargets));
    changed |= targets_input(t.lora_targets);
  }
  section_title(tr(T::kMicroBatch), fonts);
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputInt("##mb", &t.micro_batch, 1, 4);
  text_field(st.pixel_ratio, true);
  t.micro_batch = clamp_field(t.micro_batch, "mb");
  mark_last_item("micro_batch", st.pixel_ratio);
  section_title(tr(T::kSeqLen), fonts);
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::SliderInt("##sl", &t.seq_len, static_cast<int>(field("sl").lo), static_cast<int>(field("sl").hi), "%d", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  changed |= int_input(st.pixel_ratio, tr(T::kGradAccum), "##ga", t.grad_accum, "ga");
  section_title(tr(T::kCheckpointing), fonts);
  changed |= choice_combo("##ck", t.checkpointing, checkpointing_label);
  changed |= ImGui::Checkbox(tr(T::kFlashAttention), &st.scenario.flash_attention);
  changed |= ImGui::Checkbox(tr(T::kChunkedLoss), &t.chunked_loss);

  section_title(tr(T::kParallelism), fonts);
  changed |= int_input(st.pixel_ratio, tr(T::kDataParallel), "##dp", t.data_parallel, "dp");
  changed |= int_input(st.pixel_ratio, tr(T::kTensorParallel), "##tp", t.tensor_parallel, "tp");
  changed |= int_input(st.pixel_ratio, tr(T::kPipelineParallel), "##pp", t.pipeline_parallel, "pp");
  ImGui::TextUnformatted(tr(T::kSharding));
  changed |= choice_combo("##sh", t.sharding);
  changed |= ImGui::Checkbox(tr(T::kSequenceParallel), &t.sequence_parallel);
  changed |= ImGui::Checkbox(tr(T::kOffloadOptimizer), &t.offload_optimizer);
  changed |= ImGui::Checkbox(tr(T::kOffloadParams), &t.offload_params);

  section_title(tr(T::kCost), fonts);
  ImGui::TextUnformatted(tr(T::kTrainTokens));
  ImGui::SetNextItemWidth(-1);
  double billions = t.train_tokens / 1e9;  // shown in billions; kept in tokens, as the link holds it
  if (ImGui::InputDouble("##tok", &billions, 0.1, 1.0, "%.3f")) {
    t.train_tokens = clamp_field(shown_decimals(billions, 3) * 1e9, "tok");
    changed = true;
  }
  text_field(st.pixel_ratio, true);
  ImGui::TextUnformatted(tr(T::kMfu));
  ImGui::SetNextItemWidth(-1);
  changed |= fraction_slider("##mfu", t.mfu, 0.05, 0.8);
  ImGui::TextUnformatted(tr(T::kPrice));
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputDouble("##usd", &t.price_per_gpu_hour, 0.1, 1.0, "%.2f");
  text_field(st.pixel_ratio, true);
  t.price_per_gpu_hour = clamp_field(t.price_per_gpu_hour, "usd");
  if (!(t.price_per_gpu_hour > 0) && t.gpu != kAnyGpuId) {  // 0: the GPU's cloud price, said with where it comes from
    // (with "any GPU" the table prices each GPU at its own)
    const GpuEntry* g = find_gpu(t.gpu);
    ImGui::PushFont(fonts.caption);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (g != nullptr && g->cloud_usd_per_hour > 0)
      ImGui::TextWrapped("%s", fmt(T::kPriceCloud, {g->name, format_fixed(g->cloud_usd_per_hour, 2), std::to_string(g->cloud_providers),
                                                    format_fixed(g->cloud_low, 2), format_fixed(g->cloud_high, 2), g->cloud_date}).c_str());
    else
      ImGui::TextWrapped("%s", fmt(T::kPriceFallback, {g != nullptr ? g->name : t.gpu, format_fixed(kFallbackGpuHourUsd, 2)}).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  changed |= draw_loop_details(st);
  if (changed) st.dirty = true;
}

void draw_training_verdict(const AppState& st, const Fonts& fonts) {
  const Analysis& d = st.analysis;
  const TrainingEstimate& e = d.train;
  ImGui::Spacing();
  const DeviceUsage* gpu = nullptr;
  for (const auto& dev : e.devices)
    if (!dev.host && gpu == nullptr) gpu = &dev;
  if (gpu_index(st.scenario) == kAnyGpu && d.train_request) {
    draw_any_answer(st, fonts);
    if (d.any.smallest < 0) return;
  } else {
    ImGui::PushFont(fonts.verdict);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(e.fits && gpu != nullptr ? accent() : over_capacity_text()));
    ImGui::TextUnformatted(e.fits && gpu != nullptr ? tr(T::kVerdictFits) : tr(T::kVerdictNoFit));
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  ImGui::PushTextWrapPos(0);
  if (gpu == nullptr || !d.train_request) {
    for (const auto& diag : e.diagnostics) ImGui::TextWrapped("%s", diagnostic_text(diag).c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  const TrainingRequest& r = *d.train_request;
  const int gpus = std::max(1, r.data_parallel) * std::max(1, r.tensor_parallel) * std::max(1, r.pipeline_parallel);
  const std::string where = std::to_string(gpus) + " x " + r.gpu.name + " (" + gb(gpu->capacity_bytes) + ")";
  double worst = 0;
  for (const auto& dev : e.devices) worst = std::min(worst, dev.headroom_bytes);
  ImGui::TextWrapped("%s", fmt(e.fits ? T::kTrainFitsLine : T::kTrainShortLine,
                               {where, gb(gpu->total_bytes), formula_text(peak_moment_name(e.peak)), gb(e.fits ? gpu->headroom_bytes : -worst)}).c_str());
  if (!e.fits) ImGui::TextDisabled("%s", tr(T::kSuggestTrain));
  ImGui::TextWrapped("%s", fmt(T::kTrainableLine, {format_params(e.trainable_params), format_params(e.params)}).c_str());
  if (e.time_hours > 0)
    ImGui::TextWrapped("%s", fmt(T::kTrainTimeLine, {format_fixed(e.time_hours, e.time_hours < 10 ? 1 : 0), std::to_string(gpus),
                                                     format_fixed(e.cost_usd, e.cost_usd < 100 ? 2 : 0)}).c_str());
  ImGui::PopTextWrapPos();
}

void draw_accuracy_note(const AppState& st, const Fonts& fonts) {
  const char* engine = st.scenario.training() ? "training" : choice_name(st.scenario.engine).data();
  const AccuracySummary a = accuracy_for(engine);
  ImGui::PushFont(fonts.caption);
  ImGui::PushTextWrapPos(0);
  if (a.cases == 0) {
    ImGui::TextDisabled("%s", tr(T::kAccuracyNone));
  } else {
    ImGui::TextDisabled("%s", fmt(T::kAccuracyLine, {format_fixed(a.p90_abs_pct, a.p90_abs_pct < 10 ? 1 : 0),
                                                     std::to_string(a.cases), format_fixed(a.median_abs_pct, 1)}).c_str());
  }
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton(tr(T::kAccuracyReport))) browser::open_url("accuracy.md");
  mark_last_item("accuracy_report", st.pixel_ratio);
  ImGui::PopFont();
}

const std::vector<DeviceUsage>& shown_devices(const AppState& st) {
  return st.scenario.training() ? st.analysis.train.devices : st.analysis.estimate.devices;
}
const Diagnostics& shown_diagnostics(const AppState& st) {
  return st.scenario.training() ? st.analysis.train.diagnostics : st.analysis.estimate.diagnostics;
}
const std::string& shown_gpu_name(const AppState& st) {
  return st.scenario.training() && st.analysis.train_request ? st.analysis.train_request->gpu.name : st.analysis.request.gpu.name;
}

}  // namespace vramfit::web
