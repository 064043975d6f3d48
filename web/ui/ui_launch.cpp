// "Run it": the command for the estimate's settings in the chosen engine (launch.h), a way to copy it, the engine
// version its flags are of, and what the command cannot say (the core's notes, in the page's language).
#include <algorithm>

#include <imgui.h>

#include "../app/strings.h"
#include "../platform/browser.h"
#include "palette.h"
#include "ui.h"

namespace vramfit::web {
namespace {

// The command as it is pasted: its own line breaks, scrolled sideways on a narrow screen rather than wrapped.
void draw_command(AppState& st, const Fonts& fonts, const LaunchLine& line) {
  std::string_view text = line.text;
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  ImGui::PushFont(fonts.caption);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float height = ImGui::CalcTextSize(text.data(), text.data() + text.size()).y + style.WindowPadding.y * 2 +
                       style.ScrollbarSize;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  ImGui::BeginChild("launch_text", ImVec2(0, height), true, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::EndChild();
  ImGui::PopStyleColor();
  mark_last_item("launch_text", st.pixel_ratio);
  ImGui::PopFont();
  if (ImGui::Button(tr(T::kCopyCommand))) {
    browser::copy_text(line.text);
    st.mode.toast = tr(T::kCopied);
    st.mode.toast_until = browser::now_seconds() + 2.0;
  }
  mark_last_item("copy_command", st.pixel_ratio);
  ImGui::SameLine();
  ImGui::PushFont(fonts.caption);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", fmt(T::kLaunchFlagsOf, {line.version}).c_str());
  ImGui::PopFont();
}

}  // namespace

void draw_launch(AppState& st, const Fonts& fonts) {
  const std::vector<LaunchLine>& lines = st.analysis.launch;
  if (lines.empty() || st.scenario.training()) return;
  section_title(tr(T::kRunIt), fonts);
  int& chosen = st.mode.launch_target;
  chosen = std::clamp(chosen, 0, static_cast<int>(lines.size()) - 1);
  if (lines.size() > 1) {
    for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
      if (i > 0) ImGui::SameLine();
      const std::string label(kLaunchTargetNames[static_cast<std::size_t>(lines[static_cast<std::size_t>(i)].target)]);
      if (ImGui::RadioButton(label.c_str(), chosen == i)) chosen = i;
      mark_last_item(("launch_" + label).c_str(), st.pixel_ratio);
    }
  }
  const LaunchLine& line = lines[static_cast<std::size_t>(chosen)];
  if (!line.text.empty()) draw_command(st, fonts, line);
  // What the command cannot say; warnings in the colour the verdict uses for trouble.
  ImGui::PushFont(fonts.caption);
  for (const Diagnostic& n : line.notes) {
    const bool warning = n.severity != Severity::kNote;
    if (warning) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(over_capacity_text()));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(("- " + diagnostic_text(n)).c_str());
    ImGui::PopTextWrapPos();
    if (warning) ImGui::PopStyleColor();
  }
  ImGui::PopFont();
}

}  // namespace vramfit::web
