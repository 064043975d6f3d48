// Two views across choices: which GPUs of the catalog fit (a sortable table; for inference or for the
// fine-tuning step), and every weight format side by side (bars against the chosen hardware's capacity). All
// from Analysis, computed when an input changes.
#include <algorithm>
#include <string>
#include <vector>

#include "imgui.h"
#include "palette.h"
#include "../app/strings.h"
#include "ui.h"
#include "vramfit/format.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/what_fits.h"

namespace vramfit::web {
namespace {

enum Column { kGpuCol, kMemoryCol, kNeededCol, kContextCol, kBatchCol, kSpeedCol, kColumns };

std::string tokens_text(int tokens) {
  if (tokens <= 0) return "-";
  return tokens_k(tokens);
}

// Puts the rows in order: by name when the table sorts its GPU column, else by `keys` (one per row); ties keep
// catalog order. One sort serves both tables.
void order_rows(FitsView& v, bool by_name, const std::vector<const std::string*>& names, const std::vector<double>& keys) {
  v.order.resize(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) v.order[i] = static_cast<int>(i);
  std::stable_sort(v.order.begin(), v.order.end(), [&](int a, int b) {
    const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
    if (by_name) return v.descending ? *names[j] < *names[i] : *names[i] < *names[j];
    return v.descending ? keys[i] > keys[j] : keys[i] < keys[j];
  });
  v.stale = false;
}

// The rows' GPU names, for order_rows.
template <class Fit>
std::vector<const std::string*> names_of(const std::vector<Fit>& fits) {
  std::vector<const std::string*> names;
  for (const Fit& f : fits) names.push_back(&gpu_catalog()[static_cast<std::size_t>(f.gpu_index)].name);
  return names;
}

// Sorts the rows by the table's current column.
void sort_rows(AppState& st) {
  FitsView& v = st.fits_view;
  const auto& gpus = gpu_catalog();
  std::vector<double> keys;
  for (const GpuFit& f : st.analysis.fits) {
    switch (v.sort_column) {
      case kMemoryCol: keys.push_back(gpus[static_cast<std::size_t>(f.gpu_index)].memory_bytes); break;
      case kNeededCol: keys.push_back(f.gpus_needed == 0 ? 1e9 : f.gpus_needed); break;
      case kContextCol: keys.push_back(f.largest_context); break;
      case kBatchCol: keys.push_back(f.largest_batch); break;
      case kSpeedCol: keys.push_back(f.decode_tokens_per_s); break;
      default: keys.push_back(static_cast<double>(keys.size()));
    }
  }
  order_rows(v, v.sort_column == kGpuCol, names_of(st.analysis.fits), keys);
}

// --- fine-tuning: GPU, memory, GPUs needed (ZeRO-3 when the table shards plain DDP), peak per GPU, largest
// micro-batch, largest sequence length, time, cost --------------------------------------------------------------
enum TrainColumn { kTrainGpuCol, kTrainMemoryCol, kTrainNeededCol, kTrainPeakCol, kTrainMicroBatchCol, kTrainSeqLenCol,
                   kTrainTimeCol, kTrainCostCol, kTrainColumns };

void sort_training_rows(AppState& st) {
  FitsView& v = st.train_fits_view;
  const auto& gpus = gpu_catalog();
  const double unknown = v.descending ? -1 : 1e300;  // no time or cost: last either way
  std::vector<double> keys;
  for (const TrainingGpuFit& f : st.analysis.train_fits) {
    switch (v.sort_column) {
      case kTrainMemoryCol: keys.push_back(gpus[static_cast<std::size_t>(f.gpu_index)].memory_bytes); break;
      case kTrainNeededCol: keys.push_back(f.gpus_needed == 0 ? 1e9 : f.gpus_needed); break;
      case kTrainPeakCol: keys.push_back(f.peak_bytes); break;
      case kTrainMicroBatchCol: keys.push_back(f.largest_micro_batch); break;
      case kTrainSeqLenCol: keys.push_back(f.largest_seq_len); break;
      case kTrainTimeCol: keys.push_back(f.time_hours > 0 ? f.time_hours : unknown); break;
      case kTrainCostCol: keys.push_back(f.cost_usd > 0 ? f.cost_usd : unknown); break;
      default: keys.push_back(static_cast<double>(keys.size()));
    }
  }
  order_rows(v, v.sort_column == kTrainGpuCol, names_of(st.analysis.train_fits), keys);
}

// A new row of a what-fits table and its first cell: the GPU's name, selectable across the row (the chosen GPU
// highlighted). True when clicked.
bool gpu_row(const GpuEntry& g, int gpu_index, int chosen) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(gpu_index);
  const bool clicked = ImGui::Selectable(g.name.c_str(), gpu_index == chosen, ImGuiSelectableFlags_SpanAllColumns);
  ImGui::PopID();
  return clicked;
}

// Takes the table's sort specs into `v` (re-sorting when they changed).
void take_sort_specs(FitsView& v) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (specs == nullptr || specs->SpecsCount == 0) return;
  const ImGuiTableColumnSortSpecs& c = specs->Specs[0];
  if (specs->SpecsDirty || v.sort_column != static_cast<int>(c.ColumnUserID)) {
    v.sort_column = static_cast<int>(c.ColumnUserID);
    v.descending = c.SortDirection == ImGuiSortDirection_Descending;
    v.stale = true;
    specs->SpecsDirty = false;
  }
}

// The "Which GPUs fit" section: a collapsible header (published as `mark_id`), its hint, and a sortable,
// scrolling table of `columns`. False when folded away.
bool begin_fits_table(const AppState& st, const Fonts& fonts, const char* mark_id, T hint, const char* table_id, int columns) {
  if (!ImGui::CollapsingHeader(tr(T::kWhatFits), ImGuiTreeNodeFlags_DefaultOpen)) return false;
  mark_last_item(mark_id, st.pixel_ratio);
  ImGui::PushFont(fonts.caption);
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", tr(hint));
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  const float height = std::min(ImGui::GetTextLineHeightWithSpacing() * 14, 420 * st.pixel_ratio);
  return ImGui::BeginTable(table_id, columns, kFlags, ImVec2(0, height));
}

void draw_training_fits(AppState& st, const Fonts& fonts) {
  if (st.analysis.train_fits.empty()) return;
  const float s = st.pixel_ratio;
  if (!begin_fits_table(st, fonts, "train_fits", T::kTrainFitsHint, "train_fits", kTrainColumns)) return;
  const bool narrow = st.css_width < 700;  // phones: GPU, needed, cost
  const ImGuiTableColumnFlags hide = narrow ? ImGuiTableColumnFlags_Disabled : 0;
  // Phones: the numbers take the width of their headers, the GPU's name the rest.
  const ImGuiTableColumnFlags num = narrow ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
  const ImGuiTableColumnFlags more_first = num | ImGuiTableColumnFlags_PreferSortDescending;
  auto weight = [&](float w) { return narrow ? 0.0f : w; };
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(T::kColGpu), ImGuiTableColumnFlags_WidthStretch, 1.8f, kTrainGpuCol);
  ImGui::TableSetupColumn(tr(T::kColMemory), num | hide, weight(0.7f), kTrainMemoryCol);
  ImGui::TableSetupColumn(tr(T::kColNeeded), num | ImGuiTableColumnFlags_DefaultSort, weight(1.1f), kTrainNeededCol);
  ImGui::TableSetupColumn(tr(T::kColPeakPerGpu), num | hide, weight(0.9f), kTrainPeakCol);
  ImGui::TableSetupColumn(tr(T::kColMaxMicroBatch), more_first | hide, weight(1.3f), kTrainMicroBatchCol);
  ImGui::TableSetupColumn(tr(T::kColMaxSeqLen), more_first | hide, weight(1.1f), kTrainSeqLenCol);
  ImGui::TableSetupColumn(tr(T::kColTrainTime), num | hide, weight(0.9f), kTrainTimeCol);
  ImGui::TableSetupColumn(tr(T::kColTrainCost), num, weight(0.9f), kTrainCostCol);
  ImGui::TableHeadersRow();
  take_sort_specs(st.train_fits_view);
  if (st.train_fits_view.stale) sort_training_rows(st);
  const auto& gpus = gpu_catalog();
  const int chosen = gpu_index(st.scenario);
  Scenario& t = st.scenario;
  bool first = true;
  for (int row : st.train_fits_view.order) {
    const TrainingGpuFit& f = st.analysis.train_fits[static_cast<std::size_t>(row)];
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    // A row takes the GPU, and as many as it needs: the data-parallel degree, sharded as the row says.
    if (gpu_row(g, f.gpu_index, chosen)) {
      set_gpu_index(st.scenario, f.gpu_index);
      if (f.gpus_needed > 0) {
        t.data_parallel = std::max(1, f.gpus_needed / std::max(1, t.tensor_parallel * t.pipeline_parallel));
        if (f.zero3_added) t.sharding = ShardingChoice::kZero3;
      }
      st.dirty = true;
    }
    if (first) mark_last_item("train_fits_first_row", s);
    first = false;
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_bytes(g.memory_bytes, ByteUnit::kGB, 0).c_str());
    ImGui::TableNextColumn();
    if (f.gpus_needed > 0) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(accent()), "%d", f.gpus_needed);
    } else {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(over_capacity_text()), "%s", tr(T::kNotEvenEight));
    }
    help_tooltip((gb(f.peak_bytes) + " / " + gb(f.capacity_bytes)).c_str());
    if (f.zero3_added && f.gpus_needed > 0) {
      ImGui::SameLine();
      ImGui::PushFont(fonts.caption);
      ImGui::TextDisabled("%s", tr(T::kZero3Mark));
      ImGui::PopFont();
      help_tooltip(tr(T::kZero3Tip));
    }
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(f.gpus_needed > 0 ? ImGui::GetColorU32(ImGuiCol_Text) : over_capacity_text()),
                       "%s", gb(f.peak_bytes).c_str());
    const std::string count = std::to_string(std::max(1, f.gpus_needed));
    const std::string time_tip = fmt(T::kTipFitsTime, {format_fixed(g.dense_fp16_tflops, 0), format_fixed(t.mfu * 100.0, 0), count,
                                                       format_fixed(rent_per_gpu_hour(t.price_per_gpu_hour, g), 2)});
    ImGui::TableNextColumn();
    if (f.largest_micro_batch > 0) ImGui::Text("%d", f.largest_micro_batch);
    else ImGui::TextDisabled("-");
    if (f.largest_micro_batch > 0)
      help_tooltip(fmt(T::kTipFitsMicroBatch, {std::to_string(f.largest_micro_batch), std::to_string(t.seq_len), count, g.name,
                                               std::to_string(f.largest_micro_batch + 1)}).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tokens_text(f.largest_seq_len).c_str());
    if (f.largest_seq_len > 0)
      help_tooltip(fmt(T::kTipFitsSeqLen, {std::to_string(t.micro_batch), std::to_string(f.largest_seq_len), count, g.name}).c_str());
    ImGui::TableNextColumn();
    if (f.time_hours > 0) ImGui::TextUnformatted(format_fixed(f.time_hours, f.time_hours < 10 ? 1 : 0).c_str());
    else ImGui::TextDisabled("%s", f.gpus_needed > 0 ? tr(T::kUnknown) : "-");
    if (f.time_hours > 0) help_tooltip(time_tip.c_str());
    ImGui::TableNextColumn();
    if (f.cost_usd > 0) ImGui::TextUnformatted(format_fixed(f.cost_usd, f.cost_usd < 100 ? 2 : 0).c_str());
    else ImGui::TextDisabled("%s", f.gpus_needed > 0 ? tr(T::kUnknown) : "-");
    if (f.cost_usd > 0) help_tooltip(time_tip.c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void draw_what_fits(AppState& st, const Fonts& fonts) {
  if (st.scenario.training()) {
    draw_training_fits(st, fonts);
    return;
  }
  if (st.analysis.fits.empty()) return;
  if (!begin_fits_table(st, fonts, "what_fits", T::kWhatFitsHint, "fits", kColumns)) return;
  const bool narrow = st.css_width < 700;  // phones: GPU, needed, context, speed
  const ImGuiTableColumnFlags hide = narrow ? ImGuiTableColumnFlags_Disabled : 0;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(T::kColGpu), ImGuiTableColumnFlags_WidthStretch, 2.4f, kGpuCol);
  ImGui::TableSetupColumn(tr(T::kColMemory), ImGuiTableColumnFlags_WidthStretch | hide, 0.9f, kMemoryCol);
  ImGui::TableSetupColumn(tr(T::kColNeeded), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort, 1.0f, kNeededCol);
  ImGui::TableSetupColumn(tr(T::kColMaxContext), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending, 1.1f, kContextCol);
  ImGui::TableSetupColumn(tr(T::kColMaxBatch), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending | hide, 1.0f, kBatchCol);
  ImGui::TableSetupColumn(tr(T::kColSpeed), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending, 1.0f, kSpeedCol);
  ImGui::TableHeadersRow();
  take_sort_specs(st.fits_view);
  if (st.fits_view.stale) sort_rows(st);
  const auto& gpus = gpu_catalog();
  const int chosen = gpu_index(st.scenario);
  for (int row : st.fits_view.order) {
    const GpuFit& f = st.analysis.fits[static_cast<std::size_t>(row)];
    const GpuEntry& g = gpus[static_cast<std::size_t>(f.gpu_index)];
    if (gpu_row(g, f.gpu_index, chosen)) {
      set_gpu_index(st.scenario, f.gpu_index);
      st.scenario.gpu_count = std::max(1, f.gpus_needed);
      st.dirty = true;
    }
    const std::string count = std::to_string(std::max(1, f.gpus_needed));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_bytes(g.memory_bytes, ByteUnit::kGB, 0).c_str());
    help_tooltip(fmt(T::kTipFitsMemory, {gb(g.memory_bytes), gb(f.capacity_bytes)}).c_str());
    ImGui::TableNextColumn();
    if (f.gpus_needed > 0) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(accent()), "%d", f.gpus_needed);
    } else {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(over_capacity_text()), "%s", tr(T::kNotEvenEight));
    }
    help_tooltip((gb(f.used_bytes) + " / " + gb(f.capacity_bytes)).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tokens_text(f.largest_context).c_str());
    help_tooltip(fmt(T::kTipFitsContext, {std::to_string(f.largest_context), count, g.name, std::to_string(st.analysis.request.sequences)}).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", f.largest_batch);
    help_tooltip(fmt(T::kTipFitsBatch, {std::to_string(f.largest_batch), std::to_string(st.analysis.request.context_tokens), count, g.name}).c_str());
    ImGui::TableNextColumn();
    if (f.decode_tokens_per_s > 0) ImGui::TextUnformatted(format_fixed(f.decode_tokens_per_s, f.decode_tokens_per_s < 10 ? 1 : 0).c_str());
    else ImGui::TextDisabled("%s", f.gpus_needed > 0 ? tr(T::kUnknown) : "-");
    if (g.bandwidth_gb_s > 0) help_tooltip(fmt(T::kTipFitsSpeed, {format_fixed(g.bandwidth_gb_s, 0)}).c_str());
  }
  ImGui::EndTable();
}

void draw_formats(AppState& st, const Fonts& fonts) {
  const auto& rows = st.analysis.formats;
  if (rows.empty()) return;
  const float s = st.pixel_ratio;
  section_title(tr(T::kFormats), fonts);
  mark_last_item("formats", s);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double top = 0;
  for (const auto& r : rows) top = std::max({top, r.gpu_bytes, r.capacity_bytes});
  top *= 1.05;
  if (top <= 0) return;
  const bool llama = st.analysis.request.engine == Engine::kLlamaCpp;
  const std::string& current = llama ? st.scenario.llama_weights : st.scenario.hf_weights;
  const float label_w = 100 * s, value_w = 70 * s;
  const float width = ImGui::GetContentRegionAvail().x;
  const float bar_w = std::max(40 * s, width - label_w - value_w);
  const float row_h = ImGui::GetTextLineHeight() + 6 * s;
  ImGui::PushFont(fonts.caption);
  for (const FormatRow& r : rows) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(r.format.c_str());
    if (ImGui::InvisibleButton("##row", ImVec2(width, row_h)) && (r.valid || r.refused)) {
      (llama ? st.scenario.llama_weights : st.scenario.hf_weights) = r.format;
      st.dirty = true;
    }
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (hovered || r.format == current) dl->AddRectFilled(p, ImVec2(p.x + width, p.y + row_h), ImGui::GetColorU32(ImGuiCol_Header), 3 * s);
    const float ty = p.y + (row_h - ImGui::GetTextLineHeight()) * 0.5f;
    dl->AddText(ImVec2(p.x + 4 * s, ty), ImGui::GetColorU32(r.format == current ? ImGuiCol_Text : ImGuiCol_TextDisabled), r.format.c_str());
    const float x0 = p.x + label_w;
    if (!r.valid) {  // vLLM refusing to start here does not fit; any other refusal is the format's
      dl->AddText(ImVec2(x0, ty), r.refused ? over_capacity_text() : ImGui::GetColorU32(ImGuiCol_TextDisabled),
                  tr(r.refused ? T::kFitLostNoFit : T::kNotForModel));
      continue;
    }
    const float bx = x0 + static_cast<float>(r.gpu_bytes / top) * bar_w;
    const float cap_x = x0 + static_cast<float>(r.capacity_bytes / top) * bar_w;
    dl->AddRectFilled(ImVec2(x0, p.y + 3 * s), ImVec2(std::max(x0 + 1, std::min(bx, cap_x)), p.y + row_h - 3 * s), component_color("weights"));
    if (bx > cap_x) dl->AddRectFilled(ImVec2(cap_x, p.y + 3 * s), ImVec2(bx, p.y + row_h - 3 * s), over_capacity());
    dl->AddLine(ImVec2(cap_x, p.y), ImVec2(cap_x, p.y + row_h), ink(), 1.5f * s);
    const std::string value = gb(r.gpu_bytes);
    dl->AddText(ImVec2(x0 + bar_w + 6 * s, ty), r.fits ? ImGui::GetColorU32(ImGuiCol_Text) : over_capacity_text(), value.c_str());
  }
  ImGui::PopFont();
  ImGui::PushFont(fonts.caption);
  ImGui::TextDisabled("%s", tr(T::kFormatsHint));
  ImGui::PopFont();
}

}  // namespace vramfit::web
