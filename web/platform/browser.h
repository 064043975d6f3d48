// All browser glue in one place: viewport and devicePixelRatio, localStorage, waking the frame loop,
// page signals for the loading indicator and the tests. Native builds get inert fallbacks.
#pragma once

#include <array>
#include <cstddef>
#include <set>
#include <string>

namespace browser {

struct Viewport {
  int css_width = 1280;     // CSS pixels
  int css_height = 800;
  float pixel_ratio = 1.0f;  // window.devicePixelRatio, clamped to [1, 4]
};

Viewport viewport();
void set_canvas_size(int width, int height);  // backing store in device pixels; CSS keeps it full-window

std::string storage_get(const char* key);  // "" when absent or unavailable
void storage_set(const char* key, const std::string& value);

// Registers input/resize listeners that call vf_wake(), so a paused frame loop restarts on input.
void install_wake_listeners();

// Tells the page a frame was drawn (hides the loading indicator after the first, counts frames, keeps the CPU
// milliseconds each took for the page benchmark).
void on_frame_drawn(long frame_index, double cpu_ms);
std::size_t wasm_memory_bytes();  // the wasm heap as it has grown

double now_seconds();

// Files: drop on the page, paste, or a file picker (browser_import.cpp; the glue, shell/files.js, and the readers
// are fetched on first use). Each file's start goes to the import module through File.slice, as many bytes as the
// reader asks for, and its outcome to vf_import_result (main.cpp); nothing is uploaded anywhere. Text pasted with
// Ctrl+V goes to vf_paste_text (the GLFW port has no access to the system clipboard).
void install_file_import();
// A config.json text for the import module (fetched on first use); its outcome comes back through vf_import_result.
void read_config_text(const std::string& text);
// Reads a Hugging Face repository ("org/name") from huggingface.co (shell/hub.js): its file list and parameter
// total, then config.json (imported as pasted text) with the safetensors index or a single model.safetensors's
// header; a repository of GGUF files hands their list to vf_hub_files instead. With `file` (one of that list, of
// `file_bytes` bytes) it reads that file's header by range requests. Ends with vf_hub_done; vf_hub_begin comes
// just before the first import. `token` ("" none) goes in the Authorization header of these requests only.
void hub_read(const std::string& repo, const std::string& token, const std::string& file = {}, double file_bytes = 0);
// Fit mode's question (fit_outcome.h) to the second module; the answer comes back through vf_fit_result.
void request_fit(const std::string& question);
// "Copy as JSON": the same question to the second module, which writes the API's result; the page copies it when it
// comes back through vf_export_done.
void request_export_json(const std::string& question);
void open_file_picker();

// The address bar: the configuration travels in the query (core/share_link.h). Setting it pushes a history
// entry (push) or replaces the current one; back/forward call vf_popstate (main.cpp).
std::string location_query();                    // "?a=b" or "#a=b" as the page was opened, "" when none
void set_location_query(const std::string& query, bool push);
void install_history_listener();
std::string page_url();                          // origin + path, without query: where links point

// Sharing and export, all local: clipboard (with a fallback for browsers without the async API), a new tab,
// a PNG of part of the canvas saved as a download.
void copy_text(const std::string& text);
void open_url(const std::string& url);
void save_canvas_png(float x, float y, float width, float height, const std::string& file_name);

// Embeds: tells the parent page how tall the content is (postMessage {type: "vramfit:height", height}).
void post_height(int css_height);

// For browser tests: the last drawn rect of a named widget, in CSS pixels (Module.vfItems[id] = [x, y, w, h]).
void mark_item(const char* id, float x, float y, float width, float height);

// Files the page fetches from its own origin when it first needs them (the Chinese font and strings). Their
// bytes arrive at vf_asset_loaded (main.cpp), or an empty call there when they cannot be had (offline before
// they were ever fetched).
enum class Asset : int { kCjkFont = 0, kChineseStrings = 1 };
void fetch_asset(const char* url, Asset what);
// <html lang>, document.title and the meta description, for the page's language.
void set_document_language(const char* lang_code, const std::string& title, const std::string& description);
// Tells tests how many glyphs of the Chinese table the loaded fonts lack (Module.vfMissingGlyphs).
void report_missing_glyphs(int count);

// prefers-color-scheme: dark. A change of the system's theme wakes the frame loop.
bool prefers_dark();

// Touch screens: ImGui's text fields are pixels on a canvas, which calls up no on-screen keyboard. The page
// marks where its text fields are each frame; a tap on one focuses a hidden <input> there, inside the tap's own
// event handler as mobile browsers require, with inputmode "decimal" for numbers (a number pad). What is typed
// there reaches vf_text_input (main.cpp); keys that arrive as key events reach ImGui through GLFW as on a
// desktop. When an edit ends (not before one has begun: the tap is seen a frame before ImGui activates the
// field) the input lets go and the keyboard hides.
void install_touch_keyboard();
void mark_text_field(float x, float y, float width, float height, bool numeric);  // CSS pixels, this frame
void end_text_fields(bool edit_ended);  // publishes this frame's fields (Module.vfTextFields)

// Native builds only (headless UI tests): what mark_item recorded since the last clear, and one rect.
void clear_marked_items();
std::set<std::string> marked_items();
std::array<float, 4> marked_rect(const std::string& id);

// navigator.languages, comma-joined ("zh-CN,en"): what language the reader's browser asks for.
std::string browser_languages();

}  // namespace browser
