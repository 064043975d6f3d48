// Colours for memory components, the same in every view. Okabe-Ito (distinguishable with the common forms
// of colour blindness); one red for "over capacity".
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
  };
  for (const auto& e : kColors)
    if (std::strcmp(e.id, id) == 0) return e.color;
  return IM_COL32(150, 150, 150, 255);  // engine and CUDA overheads
}

inline constexpr ImU32 kOverCapacity = IM_COL32(213, 94, 0, 255);
inline constexpr ImU32 kFreeSpace = IM_COL32(0, 0, 0, 18);
inline constexpr ImU32 kAccent = IM_COL32(0, 114, 178, 255);

}  // namespace vramfit::web
