// Colours for memory components, the same in every view. Okabe-Ito (distinguishable with the common forms
// of colour blindness); one red for "over capacity", which no component uses (LoRA adapters take a dark
// violet, set apart from the optimizer's reddish purple by lightness). Light and dark variants, each with text contrast of at
// least 4.5:1 on its background (WCAG relative luminance; checked by hand for the values below).
#pragma once

#include <cstring>

#include "imgui.h"

namespace vramfit::web {

inline ImU32 component_color(const char* id) {
  struct Entry { const char* id; ImU32 color; };
  static constexpr Entry kColors[] = {
      {"weights", IM_COL32(0, 114, 178, 255)},          {"weights_repacked", IM_COL32(86, 180, 233, 255)},
      {"kv_cache", IM_COL32(230, 159, 0, 255)},         {"compute", IM_COL32(0, 158, 115, 255)},
      {"activations", IM_COL32(0, 158, 115, 255)},      {"attention_scores", IM_COL32(0, 158, 115, 255)},
      {"logits", IM_COL32(240, 228, 66, 255)},          {"output", IM_COL32(240, 228, 66, 255)},
      {"optimizer", IM_COL32(204, 121, 167, 255)},      {"gradients", IM_COL32(86, 180, 233, 255)},
      {"master_weights", IM_COL32(0, 90, 140, 255)},    {"adapters", IM_COL32(110, 60, 150, 255)},
  };
  for (const auto& e : kColors)
    if (std::strcmp(e.id, id) == 0) return e.color;
  return IM_COL32(150, 150, 150, 255);  // engine and CUDA overheads
}

// The theme in force, read from the style (theme.cpp sets both together).
inline bool dark_theme() { return ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x < 0.5f; }

// Light: #0072B2 on #FAFAFC is 5.0:1. Dark: Okabe-Ito sky blue on #16181D is 7.7:1.
inline ImU32 accent() { return dark_theme() ? IM_COL32(86, 180, 233, 255) : IM_COL32(0, 114, 178, 255); }
// Over capacity: vermillion bars; as text (labels, the verdict) a shade with 4.5:1 or more (5.3:1 light, 6.9:1 dark).
inline ImU32 over_capacity() { return dark_theme() ? IM_COL32(239, 134, 54, 255) : IM_COL32(213, 94, 0, 255); }
inline ImU32 over_capacity_text() { return dark_theme() ? IM_COL32(239, 134, 54, 255) : IM_COL32(180, 70, 0, 255); }
inline ImU32 free_space() { return dark_theme() ? IM_COL32(255, 255, 255, 24) : IM_COL32(0, 0, 0, 18); }
inline ImU32 grid_line() { return dark_theme() ? IM_COL32(255, 255, 255, 34) : IM_COL32(0, 0, 0, 30); }
inline ImU32 ink(int alpha = 255) { return dark_theme() ? IM_COL32(230, 232, 238, alpha) : IM_COL32(40, 40, 40, alpha); }

}  // namespace vramfit::web
