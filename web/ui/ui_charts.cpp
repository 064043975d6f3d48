// Charts drawn with ImDrawList: a stacked bar per device with its capacity, and memory vs context length or batch.
// Layout first (running totals), then drawing, as ImPlot's bar code does.
#include <algorithm>
#include <cmath>
#include <string>

#include "imgui.h"
#include "palette.h"
#include "../app/strings.h"
#include "ui.h"
#include "vramfit/format.h"

namespace vramfit::web {
namespace {

void component_tooltip(const Component& c) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::Text("%s: %s (%s)", component_label(c.id.c_str()), gb(c.bytes).c_str(), format_bytes(c.bytes, ByteUnit::kGiB).c_str());
  ImGui::TextDisabled("%s", formula_text(c.formula).c_str());
  ImGui::TextDisabled("%s: %s", tr(T::kSource), c.source.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

void draw_breakdown(const AppState& st, const Fonts& fonts) {
  const std::vector<DeviceUsage>& devices = shown_devices(st);
  if (devices.empty()) return;
  section_title(tr(T::kBreakdown), fonts);
  const float s = st.pixel_ratio;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  const float bar_h = 22 * s;
  for (const auto& dev : devices) {
    const std::string name = dev.host ? std::string(tr(T::kHost)) : shown_gpu_name(st) + " (" + dev.device + ")";
    ImGui::Text("%s", name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s / %s", gb(dev.total_bytes).c_str(), gb(dev.capacity_bytes).c_str());
    // Layout: persistent components stack; transients share one slot of the largest.
    const Component* transient = nullptr;
    for (const auto& c : dev.components)
      if (c.transient && (transient == nullptr || c.bytes > transient->bytes)) transient = &c;
    const double scale_max = std::max(dev.capacity_bytes, dev.total_bytes) * 1.02;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + bar_h), free_space(), 4 * s);
    double x = 0;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const Component* hovered = nullptr;
    for (const auto& c : dev.components) {
      if (c.transient && &c != transient) continue;
      const float x0 = origin.x + static_cast<float>(x / scale_max) * width;
      x += c.bytes;
      const float x1 = origin.x + static_cast<float>(x / scale_max) * width;
      // The part of a component below the capacity line keeps its colour; the part beyond it is the one red.
      const float cap = origin.x + static_cast<float>(dev.capacity_bytes / scale_max) * width;
      const float split = std::clamp(cap, x0, std::max(x1, x0 + 1));
      if (split > x0) dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(split, origin.y + bar_h), component_color(c.id.c_str()));
      if (split < std::max(x1, x0 + 1)) dl->AddRectFilled(ImVec2(split, origin.y), ImVec2(std::max(x1, x0 + 1), origin.y + bar_h), over_capacity());
      if (mouse.x >= x0 && mouse.x < x1 && mouse.y >= origin.y && mouse.y < origin.y + bar_h) hovered = &c;
    }
    const float cap_x = origin.x + static_cast<float>(dev.capacity_bytes / scale_max) * width;
    dl->AddLine(ImVec2(cap_x, origin.y - 3 * s), ImVec2(cap_x, origin.y + bar_h + 3 * s), ink(), 2 * s);
    ImGui::Dummy(ImVec2(width, bar_h + 6 * s));
    if (hovered != nullptr) component_tooltip(*hovered);
  }
  // Legend: the components of the first device, named next to their colours.
  for (const auto& c : devices.front().components) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.25f), ImVec2(p.x + h * 0.5f, p.y + h * 0.75f), component_color(c.id.c_str()), 2);
    ImGui::Dummy(ImVec2(h * 0.6f, h));
    ImGui::SameLine();
    ImGui::PushFont(fonts.caption);
    ImGui::TextUnformatted(component_label(c.id.c_str()));
    ImGui::PopFont();
    ImGui::SameLine(0, 14 * s);
    if (ImGui::GetContentRegionAvail().x < 120 * s) ImGui::NewLine();
  }
  ImGui::NewLine();
}

namespace {

// An x-axis label: 512, 4K, 1M (powers of two in binary units, as context lengths are written).
std::string x_label(double x) {
  if (x >= 1048576 && std::fmod(x, 1048576) == 0) return format_fixed(x / 1048576, 0) + "M";
  if (x >= 1024 && std::fmod(x, 1024) == 0) return format_fixed(x / 1024, 0) + "K";
  return format_fixed(x, 0);
}

// The chart's two views as small tabs beside its title; returns the axis to show.
void axis_tabs(AppState& st, const Fonts& fonts) {
  const bool training = st.scenario.training();
  const T labels[2] = {training ? T::kAxisSeqLen : T::kAxisContext, training ? T::kAxisMicroBatch : T::kAxisSequences};
  const char* ids[2] = {"chart_length", "chart_batch"};
  ImGui::PushFont(fonts.caption);
  for (int i = 0; i < 2; ++i) {
    const bool on = static_cast<int>(st.chart_axis) == i;
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(on ? ImGuiCol_ButtonActive : ImGuiCol_FrameBg));
    ImGui::PushStyleColor(ImGuiCol_Text, on ? ImGui::ColorConvertU32ToFloat4(ink()) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (i > 0) ImGui::SameLine(0, 4 * st.pixel_ratio);
    ImGui::PushID(i);
    if (ImGui::SmallButton(tr(labels[i]))) st.chart_axis = static_cast<SweepAxis>(i);
    ImGui::PopID();
    mark_last_item(ids[i], st.pixel_ratio);
    ImGui::PopStyleColor(2);
  }
  ImGui::PopFont();
}

}  // namespace

void draw_sweep_chart(AppState& st, const Fonts& fonts) {
  const Analysis& d = st.analysis;
  const bool training = st.scenario.training();
  const bool batch = st.chart_axis == SweepAxis::kBatch;
  const Sweep& sw = batch ? d.batch_sweep : d.length_sweep;
  if (sw.points.size() < 2 || shown_devices(st).empty()) return;
  const T title = training ? (batch ? T::kMemoryVsMicroBatch : T::kMemoryVsSeqLen) : (batch ? T::kMemoryVsBatch : T::kMemoryVsContext);
  section_title(tr(title), fonts);
  ImGui::SameLine(0, 12 * st.pixel_ratio);
  axis_tabs(st, fonts);
  const float s = st.pixel_ratio;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::min(220 * s, width * 0.5f);
  const float left = 48 * s, bottom = 22 * s;
  ImGui::Dummy(ImVec2(width, 6 * s));
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float top = ImGui::GetFontSize() * 0.6f;  // room for the top label, which is centred on its gridline
  const ImVec2 plot0(o.x + left, o.y + top), plot1(o.x + width - 8 * s, o.y + height - bottom);
  const double capacity = sw.capacity_bytes;
  double y_max = capacity;
  for (const auto& p : sw.points) y_max = std::max(y_max, p.gpu_bytes);
  y_max *= 1.08;
  const double x_lo = sw.points.front().x, x_hi = sw.points.back().x;
  const double lx0 = std::log(x_lo), lx1 = std::log(x_hi);
  auto px = [&](double x) { return plot0.x + static_cast<float>((std::log(x) - lx0) / (lx1 - lx0)) * (plot1.x - plot0.x); };
  auto py = [&](double bytes) { return plot1.y - static_cast<float>(bytes / y_max) * (plot1.y - plot0.y); };
  const ImU32 grid = grid_line(), text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  ImGui::PushFont(fonts.caption);
  // Y axis: 4 gridlines in GB, the unit above the top label.
  for (int i = 0; i <= 4; ++i) {
    const double v = y_max * i / 4;
    const float y = py(v);
    dl->AddLine(ImVec2(plot0.x, y), ImVec2(plot1.x, y), grid);
    const std::string label = format_fixed(v / 1e9, v / 1e9 < 10 ? 1 : 0) + (i == 4 ? " GB" : "");
    dl->AddText(ImVec2(o.x, y - ImGui::GetFontSize() * 0.5f), text, label.c_str());
  }
  // X axis: powers of two between the ends, every second or fourth one so that at most 7 are labelled.
  double step = 2;
  while (std::log(x_hi / x_lo) / std::log(step) > 7) step *= 2;
  for (double x = 1; x <= x_hi; x *= step) {
    if (x < x_lo) continue;
    const float gx = px(x);
    dl->AddLine(ImVec2(gx, plot0.y), ImVec2(gx, plot1.y), grid);
    const std::string label = x_label(x);
    dl->AddText(ImVec2(gx - ImGui::CalcTextSize(label.c_str()).x * 0.5f, plot1.y + 4 * s), text, label.c_str());
  }
  // Capacity line with its label; beyond the largest x that fits, a shaded band and the limit named.
  const float cy = py(capacity);
  if (sw.limit > 0 && sw.limit < x_hi) {
    const float lx = px(std::max(sw.limit, x_lo));
    dl->AddRectFilled(ImVec2(lx, plot0.y), ImVec2(plot1.x, plot1.y), (over_capacity() & 0x00FFFFFFu) | 0x18000000u);
    const std::string lim = fmt(T::kFitsUpTo, {batch ? format_fixed(sw.limit, 0) : tokens_k(sw.limit)});
    const float tw = ImGui::CalcTextSize(lim.c_str()).x;
    dl->AddText(ImVec2(std::max(plot0.x, lx - tw - 4 * s), plot0.y + 2 * s), over_capacity_text(), lim.c_str());
  }
  dl->AddLine(ImVec2(plot0.x, cy), ImVec2(plot1.x, cy), over_capacity(), 1.5f * s);
  const std::string cap_label = std::string(tr(T::kCapacity)) + " " + gb(capacity);
  dl->AddText(ImVec2(plot1.x - ImGui::CalcTextSize(cap_label.c_str()).x, cy - ImGui::GetFontSize() - 2 * s), over_capacity_text(), cap_label.c_str());
  for (std::size_t i = 1; i < sw.points.size(); ++i)
    dl->AddLine(ImVec2(px(sw.points[i - 1].x), py(sw.points[i - 1].gpu_bytes)), ImVec2(px(sw.points[i].x), py(sw.points[i].gpu_bytes)),
                accent(), 2.5f * s);
  // The chosen value.
  const float cx = px(std::clamp(sw.chosen, x_lo, x_hi));
  dl->AddLine(ImVec2(cx, plot0.y), ImVec2(cx, plot1.y), ink(90), 1 * s);
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(width, height));
  mark_last_item("sweep_chart", s);
  // Tooltip: the nearest point, exact.
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (ImGui::IsItemHovered() && m.x >= plot0.x && m.x <= plot1.x) {
    const SweepPoint* best = &sw.points.front();
    for (const auto& p : sw.points)
      if (std::fabs(px(p.x) - m.x) < std::fabs(px(best->x) - m.x)) best = &p;
    dl->AddCircleFilled(ImVec2(px(best->x), py(best->gpu_bytes)), 4 * s, accent());
    const T key = batch ? (training ? T::kMicroBatchAt : T::kSequencesAt) : T::kTokensAt;
    ImGui::SetTooltip("%s", fmt(key, {format_fixed(best->x, 0), gb(best->gpu_bytes)}).c_str());
  }
}

}  // namespace vramfit::web
