// Fonts and style, built for the screen's real pixel density (crisp text at any devicePixelRatio).
#pragma once

struct ImFont;

namespace vramfit::web {

struct Fonts {
  ImFont* body = nullptr;     // 15 px
  ImFont* caption = nullptr;  // 13 px
  ImFont* title = nullptr;    // 20 px semibold
  ImFont* verdict = nullptr;  // 28 px semibold
};

// (Re)builds the font atlas and the style for `pixel_ratio`. The caller re-uploads the font texture.
Fonts build_theme(float pixel_ratio);

}  // namespace vramfit::web
