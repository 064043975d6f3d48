// Results: the verdict first, then the component table, speed, notes and assumptions.
#include <algorithm>
#include <string>
#include <vector>

#include "imgui.h"
#include "palette.h"
#include "../app/strings.h"
#include "ui.h"
#include "vramfit/format.h"
#include "vramfit/gpu_catalog.h"

namespace vramfit::web {
namespace {

const DeviceUsage* first_gpu(const InferenceEstimate& e) {
  for (const auto& d : e.devices)
    if (!d.host) return &d;
  return nullptr;
}

std::string count_name(int count, const std::string& name) { return (count > 1 ? std::to_string(count) + " x " : "") + name; }

// A bulleted line that wraps at the column's edge (ImGui's BulletText does not wrap).
void bullet(const std::string& text) {
  ImGui::Bullet();
  ImGui::TextWrapped("%s", text.c_str());
}

void verdict_title(const char* text, ImU32 color, const Fonts& fonts) {
  ImGui::PushFont(fonts.verdict);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace

// "Any GPU": how many catalog GPUs hold it, on one card or several, and the ones worth naming.
void draw_any_answer(const AppState& st, const Fonts& fonts) {
  const AnyGpuAnswer& a = st.analysis.any;
  const auto& gpus = gpu_catalog();
  auto name = [&](int i) { return gpus[static_cast<std::size_t>(i)].name; };
  if (a.on_one > 0) verdict_title(tr(T::kVerdictFits), accent(), fonts);
  else if (a.on_several > 0) verdict_title(tr(T::kVerdictMulti), ink(), fonts);
  else verdict_title(tr(T::kVerdictNoFit), over_capacity_text(), fonts);
  ImGui::PushTextWrapPos(0);
  if (a.on_one > 0) ImGui::TextWrapped("%s", fmt(T::kAnyOnOne, {std::to_string(a.on_one), std::to_string(a.total)}).c_str());
  else if (a.on_several > 0) ImGui::TextWrapped("%s", fmt(T::kAnyOnSeveral, {std::to_string(a.on_several), std::to_string(a.total)}).c_str());
  else ImGui::TextWrapped("%s", tr(T::kAnyNone));
  if (a.smallest >= 0) {
    bullet(fmt(T::kAnySmallest, {count_name(a.smallest_count, name(a.smallest))}));
    mark_last_item("any_smallest", st.pixel_ratio);
  }
  if (a.fastest >= 0 && st.scenario.training()) {
    const double hours = 1 / a.fastest_value;
    bullet(fmt(T::kAnyFastestTrain, {count_name(a.smallest_count, name(a.fastest)), format_fixed(hours, hours < 10 ? 1 : 0)}));
  } else if (a.fastest >= 0) {
    bullet(fmt(T::kAnyFastest, {name(a.fastest), format_fixed(a.fastest_value, a.fastest_value < 10 ? 1 : 0)}));
  }
  if (a.cheapest >= 0)
    bullet(fmt(st.scenario.training() ? T::kAnyCheapestTrain : T::kAnyCheapest,
               {count_name(a.smallest_count, name(a.cheapest)), format_fixed(a.cheapest_value, a.cheapest_value < 100 ? 2 : 0)}));
  if (a.smallest >= 0) ImGui::TextDisabled("%s", fmt(T::kAnyShownFor, {count_name(a.smallest_count, name(a.smallest))}).c_str());
  ImGui::PopTextWrapPos();
}

void draw_verdict(const AppState& st, const Fonts& fonts) {
  const Analysis& d = st.analysis;
  const InferenceEstimate& e = d.estimate;
  ImGui::Spacing();
  const bool any = gpu_index(st.scenario) == kAnyGpu && !d.request.cpu_only;
  if (any) {
    draw_any_answer(st, fonts);
    if (d.any.smallest < 0) return;
  }
  if (e.devices.empty()) {
    verdict_title(tr(T::kVerdictNoFit), over_capacity_text(), fonts);
    for (const auto& diag : e.diagnostics) ImGui::TextWrapped("%s", diagnostic_text(diag).c_str());
    return;
  }
  const DeviceUsage* gpu = d.request.cpu_only ? nullptr : first_gpu(e);
  const DeviceUsage& main = gpu != nullptr ? *gpu : e.devices.back();
  const std::string where = gpu != nullptr ? std::to_string(d.request.gpu_count) + " x " + d.request.gpu.name + " (" +
                                                 gb(main.capacity_bytes) + ")"
                                           : std::string(tr(T::kHost)) + " (" + gb(main.capacity_bytes) + ")";
  if (!any) verdict_title(e.fits ? tr(T::kVerdictFits) : tr(T::kVerdictNoFit), e.fits ? accent() : over_capacity_text(), fonts);
  ImGui::PushTextWrapPos(0);
  if (e.fits) {
    ImGui::TextWrapped("%s", fmt(T::kVerdictFitsLine, {where, gb(main.total_bytes), gb(main.headroom_bytes)}).c_str());
  } else {
    double worst = 0;
    for (const auto& dev : e.devices) worst = std::min(worst, dev.headroom_bytes);
    ImGui::TextWrapped("%s", fmt(T::kVerdictShortLine, {where, gb(main.total_bytes), gb(-worst)}).c_str());
    std::vector<std::string> options;
    if (d.largest_fitting_context >= 256) options.push_back(std::string(tr(T::kSuggestContext)) + " (" + std::to_string(d.largest_fitting_context) + ")");
    if (d.gpus_needed > 0) options.push_back(std::string(tr(T::kSuggestGpus)) + " (" + std::to_string(d.gpus_needed) + ")");
    options.push_back(tr(T::kSuggestQuant));
    if (d.request.engine == Engine::kLlamaCpp) options.push_back(tr(T::kSuggestOffload));
    std::string s = tr(T::kSuggest);
    for (std::size_t i = 0; i < options.size(); ++i) s += (i == 0 ? std::string(language() == Lang::kChinese ? "" : " ") : std::string(tr(T::kListSep))) + options[i];
    ImGui::TextDisabled("%s", s.c_str());
  }
  const auto& t = e.throughput;
  if (t.decode_tokens_per_s > 0)
    ImGui::TextWrapped("%s", fmt(T::kSpeedLine, {format_fixed(t.decode_tokens_per_s, t.decode_tokens_per_s < 10 ? 1 : 0),
                                                 format_fixed(t.time_to_first_token_s, 2)}).c_str());
  help_tooltip(formula_text(t.assumptions).c_str());
  ImGui::PopTextWrapPos();
}

void draw_details(const AppState& st, const Fonts& fonts) {
  const std::vector<DeviceUsage>& devices = shown_devices(st);
  if (devices.empty()) return;
  ImGui::Spacing();
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("components", 3, kFlags)) {
    ImGui::TableSetupColumn(tr(T::kComponent), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr(T::kSize), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr(T::kFormula), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableHeadersRow();
    for (const auto& dev : devices) {
      for (const auto& c : dev.components) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 0.6f, p.y + h * 0.8f),
                                                  component_color(c.id.c_str()), 2);
        ImGui::Dummy(ImVec2(h * 0.8f, h));
        ImGui::SameLine();
        ImGui::Text("%s%s", component_label(c.id.c_str()), dev.host ? tr(T::kRamSuffix) : "");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_bytes(c.bytes, ByteUnit::kGB, 2).c_str());
        help_tooltip((format_bytes(c.bytes, ByteUnit::kGiB, 3) + " = " + format_bytes(c.bytes, ByteUnit::kMiB, 2)).c_str());
        ImGui::TableNextColumn();
        ImGui::PushFont(fonts.caption);
        ImGui::TextWrapped("%s", formula_text(c.formula).c_str());
        help_tooltip((std::string(tr(T::kSource)) + ": " + c.source).c_str());
        ImGui::PopFont();
      }
    }
    ImGui::EndTable();
  }
  const Diagnostics& notes = shown_diagnostics(st);
  if (!notes.empty()) {
    section_title(tr(T::kDiagnostics), fonts);
    for (const auto& d : notes) ImGui::TextWrapped("%s", diagnostic_text(d).c_str());
  }
  section_title(tr(T::kAssumptions), fonts);
  ImGui::PushFont(fonts.caption);
  const Scenario& t = st.scenario;
  const std::string assumptions = st.scenario.training()
      ? fmt(T::kTrainAssumptions, {format_fixed(t.mfu * 100.0, 0), format_fixed(st.analysis.train.price_per_gpu_hour, 2)})
      : formula_text(st.analysis.estimate.throughput.assumptions);
  ImGui::TextWrapped("%s%s%s", assumptions.c_str(), language() == Lang::kChinese ? "。" : ". ", tr(T::kUnitsNote));
  ImGui::PopFont();
}

}  // namespace vramfit::web
