// "Run it": the command for the estimate's settings in the chosen engine (launch.h), a way to copy it, the engine
// version its flags are of, and what the command cannot say (the core's notes, in the page's language).
#include <algorithm>
#include <cmath>
#include <string>

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

std::string fit_summary(const FitCandidate& c) {
  const Scenario& s = c.scenario;
  std::string line = fmt(T::kFitLine, {s.llama_engine() ? s.llama_weights : s.hf_weights, s.kv_type,
                                       std::to_string(s.context), std::to_string(s.sequences)});
  if (s.llama_engine() && !s.cpu_only) {
    if (s.n_cpu_moe > 0) line += tr(T::kListSep) + fmt(T::kFitExperts, {std::to_string(s.n_cpu_moe)});
    if (s.gpu_layers >= 0) line += tr(T::kListSep) + fmt(T::kFitGpuLayers, {std::to_string(s.gpu_layers)});
  }
  return line;
}

const char* loss_text(FitLoss l) {
  switch (l) {
    case FitLoss::kDoesNotFit: return tr(T::kFitLostNoFit);
    case FitLoss::kQuality: return tr(T::kFitLostQuality);
    case FitLoss::kOffload: return tr(T::kFitLostOffload);
    case FitLoss::kContext: return tr(T::kFitLostContext);
    case FitLoss::kSequences: return tr(T::kFitLostSequences);
    case FitLoss::kSpeed: return tr(T::kFitLostSpeed);
    case FitLoss::kNone: break;
  }
  return "";
}

// "Fit to my hardware": a goal, a button, then the best configuration and the runners-up, each one click away.
void draw_fit(AppState& st, const Fonts& fonts) {
  ImGui::PushFont(fonts.caption);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr(T::kFitTitle));
  ImGui::PopFont();
  ImGui::SameLine();
  const char* goals[] = {tr(T::kFitGoalQuality), tr(T::kFitGoalContext), tr(T::kFitGoalSequences), tr(T::kFitGoalSpeed)};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::Combo("##fit_goal", &st.mode.fit_goal, goals, IM_ARRAYSIZE(goals));
  mark_last_item("fit_goal", st.pixel_ratio);
  ImGui::SameLine();
  ImGui::BeginDisabled(st.mode.fit_busy);
  const std::string run = std::string(tr(T::kFitRun)) + (st.mode.fit_busy ? "..." : "");
  if (ImGui::Button(run.c_str())) run_fit(st, static_cast<FitGoal>(std::clamp(st.mode.fit_goal, 0, 3)));
  ImGui::EndDisabled();
  mark_last_item("fit_run", st.pixel_ratio);
  if (!st.mode.fit) return;
  const FitResult& r = *st.mode.fit;
  // Shown while the page shows the question it answered, or one of the configurations it offered.
  bool current = st.scenario == st.mode.fit_for || (r.candidates > 0 && st.scenario == r.best.scenario);
  for (const FitCandidate& c : r.runners_up) current = current || st.scenario == c.scenario;
  if (!current) return;
  ImGui::PushFont(fonts.caption);
  for (const Diagnostic& n : r.notes) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(over_capacity_text()));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(diagnostic_text(n).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  if (r.candidates > 0 && (r.found || r.best.capacity_bytes > 0)) {
    int row = 0;
    auto line = [&](const FitCandidate& c, const char* label) {
      ImGui::PushID(row++);
      const bool shown = st.scenario == c.scenario;
      ImGui::BeginDisabled(shown);
      if (ImGui::SmallButton(tr(T::kFitUse))) {
        st.scenario = c.scenario;
        st.dirty = true;
      }
      ImGui::EndDisabled();
      mark_last_item(row == 1 ? "fit_use_best" : "fit_use", st.pixel_ratio);
      ImGui::SameLine();
      // vLLM refuses to start when the KV cache has no room: no figures then, only that it does not fit.
      const std::string figures =
          c.fits || c.gpu_bytes > 0
              ? fmt(T::kFitFigures, {gb(c.gpu_bytes), gb(c.capacity_bytes),
                                     std::to_string(static_cast<int>(std::lround(c.decode_tokens_per_s)))})
              : std::string(tr(T::kFitLostNoFit));
      ImGui::PushTextWrapPos(0);
      ImGui::TextWrapped("%s%s%s; %s", label, *label ? ": " : "", fit_summary(c).c_str(), figures.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopID();
    };
    line(r.best, tr(r.found ? T::kFitBest : T::kFitNearest));
    for (const FitCandidate& c : r.runners_up) line(c, loss_text(c.lost));
    ImGui::TextDisabled("%s", fmt(T::kFitSearched, {std::to_string(r.candidates)}).c_str());
  }
  ImGui::PopFont();
}

}  // namespace

void draw_launch(AppState& st, const Fonts& fonts) {
  const std::vector<LaunchLine>& lines = st.analysis.launch;
  if (lines.empty() || st.scenario.training()) return;
  section_title(tr(T::kRunIt), fonts);
  draw_fit(st, fonts);
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
