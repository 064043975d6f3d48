// vramfit page: sets up GLFW + WebGL2 + Dear ImGui, then runs the frame. The frame loop draws on demand:
// input wakes it (browser.cpp listeners -> vf_wake), and it pauses itself shortly after the last input.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "../app/app_state.h"
#include "../app/fit_outcome.h"
#include "browser.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "../app/strings_zh.h"
#include "../ui/theme.h"
#include "../ui/ui.h"

namespace {

constexpr double kAwakeSeconds = 0.75;  // keep drawing this long after input (tooltip delays, settling)
constexpr int kMinFramesAfterWake = 3;  // ImGui needs a couple of frames to settle after any event
constexpr const char* kIniKey = "vramfit.imgui";

struct Runtime {
  GLFWwindow* window = nullptr;
  vramfit::web::AppState state;
  vramfit::web::Fonts fonts;
  int framebuffer_width = 0;
  int framebuffer_height = 0;
  double awake_until = 0;
  int frames_since_wake = 0;
  long frames_drawn = 0;
  bool paused = false;
  int posted_height = 0;  // embeds: the content height last posted to the parent page
  bool was_editing = false;  // a text field was being edited last frame (the on-screen keyboard follows it)
  bool submit_gl = true;     // hand the frame to WebGL (vf_bench_frames may build frames without drawing them)
};

// The frame callback gets the runtime as its argument; vf_wake (called from JS) reaches it here.
Runtime* g_runtime = nullptr;

// Follows window resizes and devicePixelRatio changes: the canvas backing store is CSS size x ratio, and
// fonts and style are rebuilt at the new ratio so text stays crisp.
void sync_viewport(Runtime& rt) {
  const browser::Viewport vp = browser::viewport();
  const int fb_w = static_cast<int>(std::lround(vp.css_width * vp.pixel_ratio));
  const int fb_h = static_cast<int>(std::lround(vp.css_height * vp.pixel_ratio));
  if (fb_w != rt.framebuffer_width || fb_h != rt.framebuffer_height) {
    browser::set_canvas_size(fb_w, fb_h);
    rt.framebuffer_width = fb_w;
    rt.framebuffer_height = fb_h;
  }
  rt.state.css_width = vp.css_width;
  rt.state.css_height = vp.css_height;
  const bool dark = vramfit::web::wants_dark(rt.state);
  if (vp.pixel_ratio != rt.state.pixel_ratio || rt.fonts.body == nullptr || dark != rt.state.mode.dark) {
    vramfit::web::apply_style(vp.pixel_ratio, dark);
    rt.state.mode.dark = dark;
  }
  if (vp.pixel_ratio != rt.state.pixel_ratio || rt.fonts.body == nullptr || rt.state.mode.fonts_stale) {
    rt.state.pixel_ratio = vp.pixel_ratio;
    rt.state.mode.fonts_stale = false;
    rt.fonts = vramfit::web::build_theme(vp.pixel_ratio, rt.state.mode.cjk_font);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    if (vramfit::web::chinese_ready(rt.state)) browser::report_missing_glyphs(vramfit::web::missing_chinese_glyphs(rt.fonts.body));
  }
}

// Not inlined: the frame loop and vf_bench_frames share one copy.
__attribute__((noinline)) void frame(void* arg) {
  Runtime& rt = *static_cast<Runtime*>(arg);
  if (browser::now_seconds() > rt.awake_until && rt.frames_since_wake >= kMinFramesAfterWake) {
    rt.paused = true;
    emscripten_pause_main_loop();
    return;
  }
  ++rt.frames_since_wake;
  const double started = browser::now_seconds();

  // Poll, new frame.
  sync_viewport(rt);
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();

  // UI, then the address bar (once an edit is done) and, in embeds, the height the parent page should give us.
  vramfit::web::draw_ui(rt.state, rt.fonts);
  vramfit::web::sync_address_bar(rt.state, ImGui::IsAnyItemActive());
  if (rt.state.scenario.embed && rt.state.mode.content_height_css != rt.posted_height) {
    rt.posted_height = rt.state.mode.content_height_css;
    browser::post_height(rt.posted_height);
  }
  if (rt.state.mode.toast_until > rt.awake_until) rt.awake_until = rt.state.mode.toast_until + 0.1;  // to clear it

  // Render.
  ImGui::Render();
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  if (rt.submit_gl) {
    glViewport(0, 0, rt.framebuffer_width, rt.framebuffer_height);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }
  // The chart as a PNG: read back now, while the drawing buffer still holds this frame.
  if (rt.state.mode.export_png_in_frames > 0 && --rt.state.mode.export_png_in_frames == 0) {
    const float* r = rt.state.mode.chart_rect;
    browser::save_canvas_png(r[0], r[1], r[2], r[3], vramfit::web::export_file_name(rt.state));
  }

  ImGuiIO& io = ImGui::GetIO();
  browser::end_text_fields(rt.was_editing && !io.WantTextInput);  // touch screens: the keyboard goes with the edit
  rt.was_editing = io.WantTextInput;
  if (io.WantSaveIniSettings) {
    browser::storage_set(kIniKey, ImGui::SaveIniSettingsToMemory());
    io.WantSaveIniSettings = false;
  }
  browser::on_frame_drawn(rt.frames_drawn++, (browser::now_seconds() - started) * 1000.0);
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void vf_wake() {
  if (g_runtime == nullptr) return;
  g_runtime->awake_until = browser::now_seconds() + kAwakeSeconds;
  g_runtime->frames_since_wake = 0;
  if (g_runtime->paused) {
    g_runtime->paused = false;
    emscripten_resume_main_loop();
  }
}

// For the page benchmark: draws `count` frames now, one after another (as the frame loop would, without waiting
// for the display), and returns the wasm heap's size after them, to show that memory does not grow per frame.
// With `submit` 0 the frames build ImGui's draw lists but do not hand them to WebGL: the wasm heap sees the same
// work, and the benchmark does not spend minutes in the headless browser's software rasteriser (about 20 ms a
// frame at 1440 x 900 on the CI machine).
extern "C" EMSCRIPTEN_KEEPALIVE double vf_bench_frames(int count, int submit) {
  if (g_runtime == nullptr) return 0;
  g_runtime->submit_gl = submit != 0;
  for (int i = 0; i < count; ++i) {
    g_runtime->awake_until = browser::now_seconds() + 1;
    g_runtime->frames_since_wake = 0;
    frame(g_runtime);
  }
  g_runtime->submit_gl = true;
  return static_cast<double>(browser::wasm_memory_bytes());
}

// Back / forward: the configuration of that history entry.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_popstate() {
  if (g_runtime == nullptr) return;
  vramfit::web::open_link(g_runtime->state, browser::location_query());
}

// The on-screen keyboard (browser::install_touch_keyboard): text typed into the hidden field, and a backspace
// when it deleted (virtual keyboards send key events without usable keys).
extern "C" EMSCRIPTEN_KEEPALIVE void vf_text_input(const char* utf8, int backspace) {
  ImGuiIO& io = ImGui::GetIO();
  if (backspace != 0) {
    io.AddKeyEvent(ImGuiKey_Backspace, true);
    io.AddKeyEvent(ImGuiKey_Backspace, false);
  }
  if (utf8 != nullptr && *utf8 != '\0') io.AddInputCharactersUTF8(utf8);
  vf_wake();
}

// A file the page asked for (browser::fetch_asset): the Chinese font or strings, or nothing when it could not be
// fetched.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_asset_loaded(int what, const unsigned char* bytes, int length) {
  if (g_runtime == nullptr) return;
  if (what == static_cast<int>(browser::Asset::kCjkFont)) vramfit::web::take_cjk_font(g_runtime->state, bytes, length);
  // A file that is not this page's strings (stale, cut short) is refused: the page stays English.
  if (what == static_cast<int>(browser::Asset::kChineseStrings) &&
      vramfit::web::load_chinese_tables({bytes, static_cast<std::size_t>(length > 0 ? length : 0)}))
    vramfit::web::chinese_strings_arrived(g_runtime->state);
}

// What the import module made of a dropped, picked or pasted file or text (ImportOutcome in blob form; shell/files.js
// runs the module). Returns how many bytes of the file the reader needs next, 0 when done.
extern "C" EMSCRIPTEN_KEEPALIVE double vf_import_result(const unsigned char* bytes, int length) {
  if (g_runtime == nullptr || length < 0) return 0;
  return vramfit::web::apply_import_blob(g_runtime->state, {bytes, static_cast<std::size_t>(length)});
}

// The Hugging Face reader (browser_import.cpp hubRead): its first file has arrived and replaces the import; a GGUF
// repository's models, "name\tfile bytes\tmodel bytes\tparts" per line.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_hub_begin() {
  if (g_runtime != nullptr) vramfit::web::hub_begin(g_runtime->state);
}
extern "C" EMSCRIPTEN_KEEPALIVE void vf_hub_files(const char* list) {
  if (g_runtime != nullptr && list != nullptr) vramfit::web::hub_files(g_runtime->state, list);
}

// The Hugging Face reader has ended: 200, 300 (a GGUF file to choose), an HTTP status, or -1 when unreachable.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_hub_done(int status, double bytes, double hub_params) {
  if (g_runtime == nullptr) return;
  vramfit::web::hub_done(g_runtime->state, status, bytes, hub_params);
}

// The import module could not be loaded or failed on the file: the reading stops, with a diagnostic.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_import_failed() {
  if (g_runtime == nullptr) return;
  vramfit::web::Imported& im = g_runtime->state.imported;
  im.busy = false;
  im.diagnostics = {{"import.module_failed", vramfit::Severity::kError, "",
                     "The file reader could not be loaded or stopped on this file; check the connection and try again."}};
  g_runtime->state.dirty = true;
}

// Fit mode's answer from the second module (fit_outcome.h); no bytes, or bytes not of this build's form: it could
// not run, which the page says.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_fit_result(const unsigned char* bytes, int length) {
  if (g_runtime == nullptr) return;
  vramfit::web::take_fit(g_runtime->state,
                         bytes == nullptr || length <= 0 ? std::optional<vramfit::FitResult>{}
                                                         : vramfit::web::decode_fit({bytes, static_cast<std::size_t>(length)}));
}

// The JSON export written by the second module: copied, or (null) it could not be written, which the page says.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_export_done(const char* text) {
  if (g_runtime == nullptr) return;
  vramfit::web::take_export_json(g_runtime->state, text == nullptr ? nullptr : text);
}

// Text pasted into the page: a config.json goes to the import module (request_config_import); anything else
// becomes ImGui's clipboard, so the Ctrl+V that follows pastes it into the focused field.
extern "C" EMSCRIPTEN_KEEPALIVE void vf_paste_text(const char* text) {
  if (g_runtime == nullptr || text == nullptr) return;
  const std::string s(text);
  const auto first = s.find_first_not_of(" \t\r\n");
  // A config.json, or several lines (an engine's start-up log, the import module reads which), when no text field
  // has the focus; anything else is ImGui's clipboard, for the next paste into a field.
  const bool lines = s.find('\n', first == std::string::npos ? 0 : first) != std::string::npos;
  if (first != std::string::npos && (s[first] == '{' || lines) && !ImGui::GetIO().WantTextInput) {
    vramfit::web::request_config_import(g_runtime->state, s);
    return;
  }
  ImGui::SetClipboardText(text);
}

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "vramfit: GLFW could not start\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  static Runtime runtime;
  const browser::Viewport vp = browser::viewport();
  runtime.window = glfwCreateWindow(static_cast<int>(std::lround(vp.css_width * vp.pixel_ratio)),
                                    static_cast<int>(std::lround(vp.css_height * vp.pixel_ratio)), "vramfit",
                                    nullptr, nullptr);
  if (runtime.window == nullptr) {
    std::fprintf(stderr, "vramfit: WebGL2 context could not be created\n");
    return 1;
  }
  glfwMakeContextCurrent(runtime.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // settings live in localStorage
  io.IniSavingRate = 0.25f;  // save within the frames that follow a change, before the loop pauses
  io.ConfigInputTextCursorBlink = false;  // a blinking cursor would keep the page drawing
  const std::string ini = browser::storage_get(kIniKey);
  if (!ini.empty()) ImGui::LoadIniSettingsFromMemory(ini.c_str(), ini.size());
  ImGui_ImplGlfw_InitForOpenGL(runtime.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  g_runtime = &runtime;
  // The configuration in the link the page was opened with; the address bar then shows it in canonical form.
  vramfit::web::open_link(runtime.state, browser::location_query());
  browser::set_location_query(runtime.state.mode.written_query, false);
  browser::install_history_listener();
  browser::install_wake_listeners();
  browser::install_file_import();
  browser::install_touch_keyboard();
  vf_wake();
  emscripten_set_main_loop_arg(frame, &runtime, 0, true);
  return 0;
}
