// Charts drawn with ImDrawList: a stacked bar per device with its capacity, and memory vs context length.
// Layout first (running totals), then drawing, as ImPlot's bar code does.
#include <algorithm>
#include <cmath>
#include <string>

#include "imgui.h"
#include "palette.h"
#include "strings.h"
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
    const std::string name = dev.device == "host" ? std::string(tr(T::kHost)) : shown_gpu_name(st) + " (" + dev.device + ")";
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

void draw_context_chart(const AppState& st, const Fonts& fonts) {
  const Derived& d = st.derived;
  if (d.sweep.size() < 2 || d.estimate.devices.empty()) return;
  section_title(tr(T::kMemoryVsContext), fonts);
  const float s = st.pixel_ratio;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::min(220 * s, width * 0.5f);
  const float left = 48 * s, bottom = 22 * s;
  ImGui::Dummy(ImVec2(width, 6 * s));
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 plot0(o.x + left, o.y), plot1(o.x + width - 8 * s, o.y + height - bottom);
  double capacity = 0;
  for (const auto& dev : d.estimate.devices)
    if ((dev.device != "host") != d.request.cpu_only) capacity = std::max(capacity, dev.capacity_bytes);
  double y_max = capacity;
  for (const auto& p : d.sweep) y_max = std::max(y_max, p.gpu_bytes);
  y_max *= 1.08;
  const double lx0 = std::log(d.sweep.front().context), lx1 = std::log(d.sweep.back().context);
  auto px = [&](double ctx) { return plot0.x + static_cast<float>((std::log(ctx) - lx0) / (lx1 - lx0)) * (plot1.x - plot0.x); };
  auto py = [&](double bytes) { return plot1.y - static_cast<float>(bytes / y_max) * (plot1.y - plot0.y); };
  const ImU32 grid = grid_line(), text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  ImGui::PushFont(fonts.caption);
  // Y axis: 4 gridlines in GB.
  for (int i = 0; i <= 4; ++i) {
    const double v = y_max * i / 4;
    const float y = py(v);
    dl->AddLine(ImVec2(plot0.x, y), ImVec2(plot1.x, y), grid);
    const std::string label = format_fixed(v / 1e9, v / 1e9 < 10 ? 1 : 0);
    dl->AddText(ImVec2(o.x, y - ImGui::GetFontSize() * 0.5f), text, label.c_str());
  }
  dl->AddText(ImVec2(plot0.x + 4 * s, plot0.y + 2 * s), text, "GB");
  // X axis: powers of two between the ends.
  for (double c = 1024; c <= d.sweep.back().context; c *= 4) {
    if (c < d.sweep.front().context) continue;
    const float x = px(c);
    dl->AddLine(ImVec2(x, plot0.y), ImVec2(x, plot1.y), grid);
    const std::string label = c >= 1048576 ? format_fixed(c / 1048576, 0) + "M" : format_fixed(c / 1024, 0) + "K";
    dl->AddText(ImVec2(x - ImGui::CalcTextSize(label.c_str()).x * 0.5f, plot1.y + 4 * s), text, label.c_str());
  }
  // Capacity line with its label, then the memory curve.
  const float cy = py(capacity);
  dl->AddLine(ImVec2(plot0.x, cy), ImVec2(plot1.x, cy), over_capacity(), 1.5f * s);
  const std::string cap_label = std::string(tr(T::kCapacity)) + " " + gb(capacity);
  dl->AddText(ImVec2(plot1.x - ImGui::CalcTextSize(cap_label.c_str()).x, cy - ImGui::GetFontSize() - 2 * s), over_capacity_text(), cap_label.c_str());
  for (std::size_t i = 1; i < d.sweep.size(); ++i)
    dl->AddLine(ImVec2(px(d.sweep[i - 1].context), py(d.sweep[i - 1].gpu_bytes)), ImVec2(px(d.sweep[i].context), py(d.sweep[i].gpu_bytes)),
                accent(), 2.5f * s);
  // The chosen context.
  const float cx = px(std::clamp(static_cast<double>(d.request.context_tokens), d.sweep.front().context, d.sweep.back().context));
  dl->AddLine(ImVec2(cx, plot0.y), ImVec2(cx, plot1.y), ink(90), 1 * s);
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(width, height));
  // Tooltip: the nearest sweep point.
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (ImGui::IsItemHovered() && m.x >= plot0.x && m.x <= plot1.x) {
    const SweepPoint* best = &d.sweep.front();
    for (const auto& p : d.sweep)
      if (std::fabs(px(p.context) - m.x) < std::fabs(px(best->context) - m.x)) best = &p;
    dl->AddCircleFilled(ImVec2(px(best->context), py(best->gpu_bytes)), 4 * s, accent());
    ImGui::SetTooltip("%s", fmt(T::kTokensAt, {format_fixed(best->context, 0), gb(best->gpu_bytes)}).c_str());
  }
}

}  // namespace vramfit::web
