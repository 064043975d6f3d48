// Fonts and style, built for the screen's real pixel density (crisp text at any devicePixelRatio).
#pragma once

#include <span>

struct ImFont;

namespace vramfit::web {

struct Fonts {
  ImFont* body = nullptr;     // 15 px
  ImFont* caption = nullptr;  // 13 px
  ImFont* title = nullptr;    // 21 px
  ImFont* verdict = nullptr;  // 30 px
};

// (Re)builds the font atlas for `pixel_ratio`; apply_style() sets the rest. The caller re-uploads the font texture.
// `cjk_font` (may be empty): a CJK font whose glyphs for the Chinese string table are merged into the fonts.
Fonts build_theme(float pixel_ratio, std::span<const unsigned char> cjk_font = {});

// The style (spacing, rounding, colours) for `pixel_ratio` in the light or dark theme.
void apply_style(float pixel_ratio, bool dark);

// How many characters of the Chinese string table `font` cannot draw (each would show as '?').
int missing_chinese_glyphs(const ImFont* font);

}  // namespace vramfit::web
