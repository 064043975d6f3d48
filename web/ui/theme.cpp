#include "theme.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "imgui.h"
#include "../app/strings.h"

extern const std::uint8_t kFontInter_regular[];
extern const std::size_t kFontInter_regular_size;
extern const std::uint8_t kFontCjkSwitch[];
extern const std::size_t kFontCjkSwitch_size;

namespace vramfit::web {
namespace {

ImFont* add_font(const std::uint8_t* data, std::size_t size, float px) {
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes live in the wasm's data section
  cfg.OversampleH = 1;               // rendered at the real pixel density: no oversampling needed
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x2193, 0x2248, 0x2265,
                                    0x25B2, 0x25BC, 0x2713, 0x2717, 0x221E, 0x221E, 0x20AC, 0x20AC, 0};
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<std::uint8_t*>(data), static_cast<int>(size), px,
                                                   &cfg, kRanges);
}

// The characters a CJK font must provide: every Chinese string (body and caption fonts) and the language
// switch's "中文", and only the verdict words for the large verdict font (keeps the atlas small at high pixel
// ratios). Built again once the page's Chinese strings have arrived (strings_zh.h).
const ImWchar* cjk_ranges(bool verdict_only) {
  static ImVector<ImWchar> all, verdict;
  static bool built_with_chinese = false;
  if (built_with_chinese != chinese_strings_loaded()) {
    all.clear();
    verdict.clear();
    built_with_chinese = chinese_strings_loaded();
  }
  ImVector<ImWchar>& ranges = verdict_only ? verdict : all;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    if (verdict_only) {
      builder.AddText(tr_in(Lang::kChinese, T::kVerdictFits));
      builder.AddText(tr_in(Lang::kChinese, T::kVerdictNoFit));
    } else {
      builder.AddText(tr_in(Lang::kEnglish, T::kLanguageSwitch));
      builder.AddText(chinese_text().c_str());
    }
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}

// Noto Sans CJK's ideographs fill less of the em than Inter's Latin looks at the same size: drawn 10% larger
// (and nudged down to keep the baseline) they read at the same weight as the Latin beside them.
constexpr float kCjkScale = 1.1f;

void merge_cjk(std::span<const unsigned char> font, float px, bool verdict_only) {
  if (font.empty()) return;
  ImFontConfig cfg;
  cfg.GlyphOffset.y = px * (kCjkScale - 1.0f) * 0.35f;
  px *= kCjkScale;
  cfg.MergeMode = true;
  cfg.FontDataOwnedByAtlas = false;  // AppState keeps the bytes
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(font.data()), static_cast<int>(font.size()), px,
                                             &cfg, cjk_ranges(verdict_only));
}

void light_colors(ImVec4* c) {
  ImGuiStyle base;
  ImGui::StyleColorsLight(&base);
  for (int i = 0; i < ImGuiCol_COUNT; ++i) c[i] = base.Colors[i];
  c[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.99f, 1.0f);
  c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
  c[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.14f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.40f, 0.45f, 1.0f);  // 6.5:1 on the background
  c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.80f, 0.82f, 0.86f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.0f, 0.45f, 0.70f, 0.20f);  // Okabe-Ito blue as the one accent
  c[ImGuiCol_ButtonActive] = ImVec4(0.0f, 0.45f, 0.70f, 0.35f);
  c[ImGuiCol_Header] = ImVec4(0.0f, 0.45f, 0.70f, 0.15f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.0f, 0.45f, 0.70f, 0.25f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.92f, 0.93f, 0.95f, 1.0f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.025f);
  c[ImGuiCol_TableBorderLight] = ImVec4(0.0f, 0.0f, 0.0f, 0.06f);
}

void dark_colors(ImVec4* c) {
  ImGuiStyle base;
  ImGui::StyleColorsDark(&base);
  for (int i = 0; i < ImGuiCol_COUNT; ++i) c[i] = base.Colors[i];
  c[ImGuiCol_WindowBg] = ImVec4(0.086f, 0.094f, 0.114f, 1.0f);     // #16181D, as the shell's dark background
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = ImVec4(0.12f, 0.13f, 0.16f, 0.98f);
  c[ImGuiCol_Text] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);            // 15:1 on the background
  c[ImGuiCol_TextDisabled] = ImVec4(0.62f, 0.65f, 0.70f, 1.0f);    // 7.3:1
  c[ImGuiCol_FrameBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.34f, 0.71f, 0.91f, 0.18f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.34f, 0.71f, 0.91f, 0.28f);
  c[ImGuiCol_Border] = ImVec4(0.25f, 0.27f, 0.32f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.17f, 0.18f, 0.22f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.34f, 0.71f, 0.91f, 0.25f);  // Okabe-Ito sky blue: the dark accent
  c[ImGuiCol_ButtonActive] = ImVec4(0.34f, 0.71f, 0.91f, 0.40f);
  c[ImGuiCol_Header] = ImVec4(0.34f, 0.71f, 0.91f, 0.16f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.34f, 0.71f, 0.91f, 0.26f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.34f, 0.71f, 0.91f, 0.36f);
  c[ImGuiCol_CheckMark] = ImVec4(0.34f, 0.71f, 0.91f, 1.0f);
  c[ImGuiCol_SliderGrab] = ImVec4(0.34f, 0.71f, 0.91f, 0.85f);
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.34f, 0.71f, 0.91f, 1.0f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.14f, 0.15f, 0.18f, 1.0f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1.0f, 1.0f, 1.0f, 0.03f);
  c[ImGuiCol_TableBorderLight] = ImVec4(1.0f, 1.0f, 1.0f, 0.07f);
  c[ImGuiCol_TableBorderStrong] = ImVec4(1.0f, 1.0f, 1.0f, 0.12f);
}

}  // namespace

void apply_style(float pixel_ratio, bool dark) {
  ImGuiStyle style;
  style.WindowPadding = ImVec2(16, 16);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.WindowRounding = 0;
  style.FrameRounding = 5;
  style.GrabRounding = 5;
  style.PopupRounding = 6;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;
  if (dark) dark_colors(style.Colors); else light_colors(style.Colors);
  style.ScaleAllSizes(pixel_ratio);
  ImGui::GetStyle() = style;
}

Fonts build_theme(float pixel_ratio, std::span<const unsigned char> cjk_font) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  fonts.body = add_font(kFontInter_regular, kFontInter_regular_size, 15.0f * pixel_ratio);
  merge_cjk(cjk_font, 15.0f * pixel_ratio, false);
  merge_cjk({kFontCjkSwitch, kFontCjkSwitch_size}, 15.0f * pixel_ratio, false);  // "中文" before the font arrives
  fonts.caption = add_font(kFontInter_regular, kFontInter_regular_size, 13.0f * pixel_ratio);
  merge_cjk(cjk_font, 13.0f * pixel_ratio, false);
  fonts.title = add_font(kFontInter_regular, kFontInter_regular_size, 21.0f * pixel_ratio);
  fonts.verdict = add_font(kFontInter_regular, kFontInter_regular_size, 30.0f * pixel_ratio);
  merge_cjk(cjk_font, 28.0f * pixel_ratio, true);
  io.Fonts->Build();
  io.FontDefault = fonts.body;
  return fonts;
}

int missing_chinese_glyphs(const ImFont* font) {
  const std::string text = chinese_text();
  int missing = 0;
  for (std::size_t i = 0; i < text.size();) {  // UTF-8: the Chinese table holds 1- to 3-byte sequences
    const auto b = static_cast<unsigned char>(text[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    unsigned int c = n == 1 ? b : b & (0x3F >> (n - 1));
    for (int k = 1; k < n && i + k < text.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += static_cast<std::size_t>(n);
    if (c >= 0x80 && c <= 0xFFFF && font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) ++missing;
  }
  return missing;
}

}  // namespace vramfit::web
