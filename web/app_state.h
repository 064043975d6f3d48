// Everything the page remembers between frames, in one place (no function-static UI state).
#pragma once

#include <string>

namespace vramfit::web {

struct AppState {
  // Inputs of the weights calculator.
  double params_billions = 8.03;   // parameters, in billions
  std::string format_id = "bf16";  // a vramfit::weight_formats() id; bf16 is how checkpoints ship

  // Display.
  float pixel_ratio = 1.0f;        // devicePixelRatio the fonts and style are built for
  int css_width = 0;               // CSS pixels, for layout breakpoints
  int css_height = 0;
};

}  // namespace vramfit::web
