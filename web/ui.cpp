// Page layout: header, then inputs beside results on wide screens, one column on phones.
#include <algorithm>

#include "imgui.h"
#include "strings.h"
#include "ui.h"
#include "vramfit/format.h"

namespace vramfit::web {

std::string gb(double bytes) { return format_bytes(bytes, ByteUnit::kGB, bytes < 10e9 ? 2 : 1); }

void section_title(const char* text, const Fonts& fonts) {
  ImGui::Spacing();
  ImGui::PushFont(fonts.caption);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void help_tooltip(const char* text) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void draw_ui(AppState& state, const Fonts& fonts) {
  if (state.dirty) recompute(state);
  const float s = state.pixel_ratio;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("vramfit", nullptr, kFlags);

  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted("vramfit");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushFont(fonts.caption);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 5 * s);
  ImGui::TextDisabled("%s", tr(T::kAppTagline));
  ImGui::PopFont();

  const bool wide = state.css_width >= 900;
  if (wide) {
    const float inputs_width = 340 * s;
    ImGui::BeginChild("inputs", ImVec2(inputs_width, 0), false);
    draw_inputs(state, fonts);
    ImGui::EndChild();
    ImGui::SameLine(0, 24 * s);
    ImGui::BeginChild("results", ImVec2(0, 0), false);
    draw_verdict(state, fonts);
    draw_breakdown(state, fonts);
    draw_context_chart(state, fonts);
    draw_details(state, fonts);
    ImGui::EndChild();
  } else {
    draw_verdict(state, fonts);
    draw_breakdown(state, fonts);
    if (ImGui::CollapsingHeader(tr(T::kSettings), ImGuiTreeNodeFlags_DefaultOpen)) draw_inputs(state, fonts);
    draw_context_chart(state, fonts);
    draw_details(state, fonts);
  }
  // Drag to scroll (touch screens): a drag that starts on no widget scrolls the page.
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !ImGui::IsAnyItemActive() &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
  }
  ImGui::End();
}

}  // namespace vramfit::web
