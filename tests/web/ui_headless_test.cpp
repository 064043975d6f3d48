// The page's UI, run headless natively: Dear ImGui without a backend, scripted frames over every panel, in
// both languages and themes, at phone and desktop widths. An ImGui assertion (a Begin/End mismatch, a pushed
// style not popped, an ID clash) fails the test instead of aborting; every panel must have drawn its widgets.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

#include "../../web/app_state.h"
#include "../../web/browser.h"
#include "../../web/strings.h"  // by path: the name would shadow the C library's <strings.h> on an include path
#include "../../web/theme.h"
#include "../../web/ui.h"
#include "imgui.h"

namespace vramfit::web {
namespace {

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
std::set<std::string> run(Headless& h, AppState& st, float width, float height) {
  browser::clear_marked_items();
  for (int i = 0; i < 3; ++i) h.frame(st, width, height);
  return browser::marked_items();
}

TEST(UiHeadless, EveryPanelDrawsInEveryModeWithoutImGuiErrors) {
  Headless h;
  for (const bool chinese : {false, true}) {
    set_language(chinese ? Lang::kChinese : Lang::kEnglish);
    for (const bool dark : {false, true}) {
      apply_style(1.0f, dark);
      for (const float width : {390.0f, 1440.0f}) {
        SCOPED_TRACE(std::string(chinese ? "zh " : "en ") + (dark ? "dark " : "light ") + std::to_string(static_cast<int>(width)));
        AppState st;
        const auto inference = run(h, st, width, 900);
        for (const char* id : {"copy_link", "embed", "export", "theme", "language", "job_inference", "job_training",
                               "context", "sequences", "formats", "what_fits", "accuracy_report"})
          EXPECT_TRUE(inference.count(id)) << id;
        EXPECT_FALSE(st.derived.estimate.devices.empty());
        EXPECT_FALSE(st.derived.fits.empty());
        EXPECT_FALSE(st.derived.formats.empty());

        st.inputs.training = true;
        st.dirty = true;
        const auto training = run(h, st, width, 900);
        EXPECT_TRUE(training.count("micro_batch"));
        EXPECT_FALSE(training.count("what_fits")) << "inference views rest while fine-tuning";
        EXPECT_FALSE(st.derived.train.devices.empty());

        AppState embed;
        open_link(embed, "?embed=1&m=meta-llama/Meta-Llama-3.1-70B&ctx=32768");
        const auto embedded = run(h, embed, width, 600);
        EXPECT_TRUE(embedded.count("open_full"));
        EXPECT_FALSE(embedded.count("context")) << "an embed folds its inputs";

        AppState bad;
        open_link(bad, "?ctx=lots&m=no%2Fsuch&seq=%zz");
        EXPECT_TRUE(run(h, bad, width, 900).count("link_notice"));
      }
    }
  }
  set_language(Lang::kEnglish);
}

TEST(UiHeadless, ClicksChangeTheConfiguration) {
  Headless h;
  apply_style(1.0f, false);
  AppState st;
  run(h, st, 1440, 900);
  // "+" beside the concurrent sequences, found where the frame drew it.
  const auto r = browser::marked_rect("sequences");
  h.frame(st, 1440, 900, ImVec2(r[0] + r[2] - r[3] / 2, r[1] + r[3] / 2), true);
  run(h, st, 1440, 900);
  EXPECT_EQ(st.inputs.sequences, 2);
  EXPECT_EQ(encode_share_query(share_config(st)), "v=1&seq=2");
  // The fine-tune toggle switches the job and the verdict follows.
  const auto t = browser::marked_rect("job_training");
  h.frame(st, 1440, 900, ImVec2(t[0] + t[2] / 2, t[1] + t[3] / 2), true);
  run(h, st, 1440, 900);
  EXPECT_TRUE(st.inputs.training);
  EXPECT_FALSE(st.derived.train.devices.empty());
}

}  // namespace
}  // namespace vramfit::web

void vramfit_imgui_assert_failed(const char* expression, const char* file, int line) {
  ADD_FAILURE_AT(file, line) << "ImGui assertion: " << expression;
}

// theme.cpp's embedded fonts: the headless tests draw with ImGui's own font and never build the page's atlas.
extern const std::uint8_t kFontInter_regular[] = {0};
extern const std::size_t kFontInter_regular_size = 0;
extern const std::uint8_t kFontCjkSwitch[] = {0};
extern const std::size_t kFontCjkSwitch_size = 0;
