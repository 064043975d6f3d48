// Page layout: header, then inputs beside results on wide screens, one column on phones.
#include <algorithm>
#include <cmath>

#include "../platform/browser.h"
#include "imgui.h"
#include "../app/strings.h"
#include "ui.h"
#include "vramfit/format.h"

namespace vramfit::web {

std::string gb(double bytes) { return format_bytes(bytes, ByteUnit::kGB, bytes < 10e9 ? 2 : 1); }

std::string tokens_k(double tokens) {
  return tokens >= 1024 ? format_fixed(tokens / 1024, std::fmod(tokens, 1024) == 0 ? 0 : 1) + "K" : format_fixed(tokens, 0);
}

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

void mark_last_item(const char* id, float pixel_ratio) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  browser::mark_item(id, a.x / pixel_ratio, a.y / pixel_ratio, (b.x - a.x) / pixel_ratio, (b.y - a.y) / pixel_ratio);
}

void text_field(float pixel_ratio, bool numeric, bool step_buttons) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  float width = b.x - a.x;
  if (step_buttons) width -= 2 * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
  if (width <= 0) return;
  browser::mark_text_field(a.x / pixel_ratio, a.y / pixel_ratio, width / pixel_ratio, (b.y - a.y) / pixel_ratio, numeric);
}

namespace {

// Title and tagline; the share and export buttons at the right (below the title on narrow screens).
void draw_header(AppState& state, const Fonts& fonts) {
  const float s = state.pixel_ratio;
  const float title_y = ImGui::GetCursorPosY();
  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted("vramfit");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushFont(fonts.caption);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 5 * s);
  ImGui::TextDisabled("%s", tr(T::kAppTagline));
  ImGui::PopFont();
  if (state.css_width >= 900) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float buttons = style.ItemSpacing.x * 2;
    const T theme_key = state.mode.dark ? T::kThemeLight : T::kThemeDark;
    for (T key : {theme_key, T::kLanguageSwitch, T::kCopyLink, T::kEmbed, T::kExport})
      buttons += ImGui::CalcTextSize(tr(key)).x + style.FramePadding.x * 2;
    buttons += style.ItemSpacing.x * 2;
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - buttons - 90 * s, title_y));  // room for "Copied"
  }
  ImGui::BeginGroup();
  if (ImGui::Button(tr(state.mode.dark ? T::kThemeLight : T::kThemeDark))) switch_theme(state);
  mark_last_item("theme", s);
  ImGui::SameLine();
  // Chinese is fetched on first use (font and strings): until both are here the switch says it is loading.
  const bool loading = state.mode.chinese_requested && language() == Lang::kEnglish && !chinese_ready(state) &&
                       lang_from_code(state.scenario.lang) == Lang::kChinese;
  const std::string label = std::string(tr(T::kLanguageSwitch)) + (loading ? "..." : "");
  if (ImGui::Button(label.c_str())) switch_language(state);
  mark_last_item("language", s);
  ImGui::SameLine();
  draw_share_bar(state, fonts);
  ImGui::EndGroup();
}

// The verdict and the stacked bars; their rect is what "Save chart as PNG" takes.
void draw_results(AppState& state, const Fonts& fonts) {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  if (state.scenario.training()) draw_training_verdict(state, fonts);
  else draw_verdict(state, fonts);
  if (!state.scenario.embed) draw_accuracy_note(state, fonts);
  draw_breakdown(state, fonts);
  const ImVec2 bottom = ImGui::GetCursorScreenPos();
  const float pad = 8 * state.pixel_ratio;
  state.mode.chart_rect[0] = top.x - pad;
  state.mode.chart_rect[1] = top.y - pad;
  state.mode.chart_rect[2] = ImGui::GetContentRegionAvail().x + 2 * pad;
  state.mode.chart_rect[3] = bottom.y - top.y + 2 * pad;
}

// Everything under the verdict; "which GPUs fit" comes first when the reader asked for any GPU.
void draw_result_views(AppState& state, const Fonts& fonts, bool with_results = true) {
  if (with_results) draw_results(state, fonts);
  const bool any = gpu_index(state.scenario) == kAnyGpu;
  if (any) draw_what_fits(state, fonts);
  draw_launch(state, fonts);
  draw_sweep_chart(state, fonts);
  draw_formats(state, fonts);
  if (!any) draw_what_fits(state, fonts);
  draw_details(state, fonts);
}

// Embeds (?embed=1): the verdict and the breakdown, the configuration in one line, a way to the full page.
void draw_embed(AppState& state, const Fonts& fonts) {
  draw_link_notice(state);
  draw_results(state, fonts);
  draw_embed_footer(state, fonts);
}

}  // namespace

void draw_ui(AppState& state, const Fonts& fonts) {
  if (state.dirty) recompute(state);
  const float s = state.pixel_ratio;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("vramfit", nullptr, kFlags);

  if (state.scenario.embed) {
    draw_embed(state, fonts);
  } else {
    draw_header(state, fonts);
    draw_link_notice(state);
    if (state.css_width >= 900) {
      const float inputs_width = 340 * s;
      ImGui::BeginChild("inputs", ImVec2(inputs_width, 0), false);
      draw_inputs(state, fonts);
      ImGui::EndChild();
      ImGui::SameLine(0, 24 * s);
      ImGui::BeginChild("results", ImVec2(0, 0), false);
      draw_result_views(state, fonts);
      ImGui::EndChild();
    } else {
      draw_results(state, fonts);
      if (ImGui::CollapsingHeader(tr(T::kSettings), ImGuiTreeNodeFlags_DefaultOpen)) draw_inputs(state, fonts);
      draw_result_views(state, fonts, false);
    }
  }
  // Drag to scroll (touch screens): a drag that starts on no widget scrolls the page.
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !ImGui::IsAnyItemActive() &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
  }
  state.mode.content_height_css =
      static_cast<int>(std::ceil((ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y) / s));
  ImGui::End();
}

}  // namespace vramfit::web
