// The page's UI, drawn each frame from AppState. One file per panel.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace vramfit::web {

void draw_ui(AppState& state, const Fonts& fonts);

}  // namespace vramfit::web
