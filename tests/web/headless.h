// The headless page for the UI tests: Dear ImGui without a backend, frames of draw_ui at a given size, the mouse
// where a test puts it (ui_headless_test.cpp, ui_import_test.cpp).
#pragma once

#include <set>
#include <string>

#include "../../web/app/app_state.h"
#include "../../web/platform/browser.h"
#include "../../web/ui/theme.h"
#include "../../web/ui/ui.h"
#include "imgui.h"

namespace vramfit::web {

struct Headless {
  Fonts fonts;
  Headless() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImFont* f = io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; no texture is uploaded anywhere
    fonts = {f, f, f, f};
  }
  ~Headless() { ImGui::DestroyContext(); }

  // One frame of the page at `css_width` x `css_height`, the mouse at `mouse` (clicked when `click`).
  void frame(AppState& st, float css_width, float css_height, ImVec2 mouse = ImVec2(-1, -1), bool click = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(css_width, css_height);
    io.DeltaTime = 1.0f / 60;
    io.AddMousePosEvent(mouse.x, mouse.y);
    if (click) io.AddMouseButtonEvent(0, true);
    st.css_width = static_cast<int>(css_width);
    st.css_height = static_cast<int>(css_height);
    ImGui::NewFrame();
    draw_ui(st, fonts);
    ImGui::Render();
    if (click) {  // release in a frame of its own, as a real click does
      io.AddMouseButtonEvent(0, false);
      ImGui::NewFrame();
      draw_ui(st, fonts);
      ImGui::Render();
    }
  }
};

// Runs a few frames of a configuration and returns the widgets drawn (browser::mark_item's native record).
inline std::set<std::string> run(Headless& h, AppState& st, float width, float height) {
  browser::clear_marked_items();
  for (int i = 0; i < 3; ++i) h.frame(st, width, height);
  return browser::marked_items();
}

}  // namespace vramfit::web
