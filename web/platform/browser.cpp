#include "browser.h"

#include <cstdlib>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// clang-format off
EM_JS(int, js_css_width, (), { return Math.max(1, Math.floor(window.innerWidth)); });
EM_JS(int, js_css_height, (), { return Math.max(1, Math.floor(window.innerHeight)); });
EM_JS(double, js_pixel_ratio, (), { return window.devicePixelRatio || 1; });

// Resizes the canvas backing store through Emscripten's Browser helper, which also tells GLFW. (GLFW's
// glfwSetWindowSize would request fullscreen whenever the size equals the screen's.)
EM_JS(void, js_set_canvas_size, (int width, int height), { Browser.setCanvasSize(width, height); });

EM_JS(char*, js_storage_get, (const char* key), {
  let v = null;
  try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) { v = null; }
  if (v === null) return 0;
  const n = lengthBytesUTF8(v) + 1;
  const p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(void, js_storage_set, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(void, js_install_wake_listeners, (), {
  const wake = () => Module._vf_wake();
  const opts = {capture: true, passive: true};
  ["pointerdown", "pointermove", "pointerup", "mousedown", "mousemove", "mouseup", "wheel", "keydown", "keyup",
   "touchstart", "touchmove", "touchend", "resize", "focus", "blur", "visibilitychange", "paste"]
      .forEach(type => window.addEventListener(type, wake, opts));
  if (window.matchMedia) {
    const mq = window.matchMedia("(resolution: " + (window.devicePixelRatio || 1) + "dppx)");
    if (mq.addEventListener) mq.addEventListener("change", wake);
  }
});

EM_JS(void, js_on_frame_drawn, (double index, double cpu_ms), {
  Module.vfFrames = index + 1;
  // The CPU time of the last frames (the page benchmark reads them while it drags a slider).
  const times = Module.vfFrameMs = Module.vfFrameMs || [];
  times.push(cpu_ms);
  if (times.length > 600) times.shift();
  if (index === 0) {
    Module.vfFirstFrameMs = performance.now();
    if (performance.mark) performance.mark("vramfit-first-frame");
    const loading = document.getElementById("loading");
    if (loading) loading.remove();
  }
});

EM_JS(char*, js_location_query, (), {
  const q = window.location.search && window.location.search.length > 1 ? window.location.search : window.location.hash;
  return (s => { const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p; })(q || "");
});
EM_JS(void, js_set_location_query, (const char* query, int push), {
  const q = UTF8ToString(query);
  const url = window.location.pathname + (q ? "?" + q : "");
  try {
    if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
  } catch (e) {}
});
EM_JS(void, js_install_history_listener, (), {
  window.addEventListener("popstate", () => { Module._vf_popstate(); Module._vf_wake(); });
});
EM_JS(char*, js_page_url, (), { return (s => { const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p; })(window.location.origin + window.location.pathname); });
EM_JS(void, js_copy_text, (const char* text), {
  const t = UTF8ToString(text);
  const fallback = () => {
    const area = document.createElement("textarea");
    area.value = t;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) {}
    area.remove();
  };
  Module.vfLastCopied = t;
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(fallback);
  else fallback();
});
EM_JS(void, js_open_url, (const char* url), { window.open(UTF8ToString(url), "_blank", "noopener"); });
// Called right after the frame is drawn, in the same task, while the WebGL drawing buffer still holds it.
EM_JS(void, js_save_canvas_png, (float x, float y, float w, float h, const char* name), {
  const src = Module.canvas;
  const out = document.createElement("canvas");
  out.width = Math.max(1, Math.round(w));
  out.height = Math.max(1, Math.round(h));
  out.getContext("2d").drawImage(src, x, y, w, h, 0, 0, out.width, out.height);
  const fileName = UTF8ToString(name);
  out.toBlob(blob => {
    if (!blob) return;
    Module.vfLastPng = blob;
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }, "image/png");
});
EM_JS(void, js_post_height, (int height), {
  if (window.parent && window.parent !== window) window.parent.postMessage({type: "vramfit:height", height: height}, "*");
  Module.vfContentHeight = height;
});
EM_JS(void, js_mark_item, (const char* id, float x, float y, float w, float h), {
  (Module.vfItems = Module.vfItems || {})[UTF8ToString(id)] = [x, y, w, h];
});
EM_JS(void, js_install_touch_keyboard, (), {
  const input = document.createElement("input");
  input.type = "text";
  input.id = "vf-keyboard";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("autocorrect", "off");
  input.setAttribute("autocapitalize", "off");
  input.setAttribute("aria-hidden", "true");
  input.tabIndex = -1;
  // 16 px: iOS zooms into smaller focused inputs. CSSOM styles, which the page's CSP allows.
  Object.assign(input.style, {position: "fixed", left: "0", top: "0", width: "1px", height: "1px", opacity: "0",
                              fontSize: "16px", border: "0", padding: "0", margin: "0", pointerEvents: "none"});
  document.body.appendChild(input);
  // One character stays in the field so that a backspace has something to delete (and so raises an event).
  const reset = () => { input.value = " "; try { input.setSelectionRange(1, 1); } catch (e) {} };
  let keypress = false;  // GLFW already took this character from a keypress event (desktop keyboards, iOS)
  window.addEventListener("keypress", () => { keypress = true; }, true);
  input.addEventListener("input", e => {
    const type = e.inputType || "";
    const back = type.startsWith("delete") ? 1 : 0;
    const text = back || keypress ? "" : input.value.replace(/^ /, "");
    keypress = false;
    reset();
    if (!text && !back) return;
    const n = lengthBytesUTF8(text) + 1;
    const p = _malloc(n);
    stringToUTF8(text, p, n);
    Module._vf_text_input(p, back);
    _free(p);
  });
  Module.vfTextFields = [];
  Module.vfBlurKeyboard = () => { if (document.activeElement === input) input.blur(); };
  // A tap ends with the mouse events the browser makes up for it (which ImGui takes as the click, and whose
  // mousedown moves the focus to the page); its click, a user gesture as iOS requires, focuses the input.
  let tapped = null;
  const fieldAt = (clientX, clientY) => {
    const r = Module.canvas.getBoundingClientRect();
    const x = clientX - r.left, y = clientY - r.top;
    const f = Module.vfTextFields.find(f => x >= f[0] && x < f[0] + f[2] && y >= f[1] && y < f[1] + f[3]);
    return f ? [f, r] : null;
  };
  Module.canvas.addEventListener("touchend", e => {
    const t = e.changedTouches && e.changedTouches[0];
    tapped = t ? fieldAt(t.clientX, t.clientY) : null;
    if (!tapped) Module.vfBlurKeyboard();
  }, {capture: true, passive: true});
  Module.canvas.addEventListener("click", e => {
    const hit = tapped && fieldAt(e.clientX, e.clientY);
    tapped = null;
    if (!hit) return;
    const f = hit[0], r = hit[1];
    input.inputMode = f[4] ? "decimal" : "text";
    Object.assign(input.style, {left: (r.left + f[0]) + "px", top: (r.top + f[1]) + "px"});
    reset();
    input.focus({preventScroll: true});
  }, true);
});
EM_JS(void, js_mark_text_field, (float x, float y, float w, float h, int numeric), {
  (Module.vfTextFieldsNext = Module.vfTextFieldsNext || []).push([x, y, w, h, numeric]);
});
EM_JS(void, js_end_text_fields, (int blur), {
  Module.vfTextFields = Module.vfTextFieldsNext || [];
  Module.vfTextFieldsNext = [];
  if (blur && Module.vfBlurKeyboard) Module.vfBlurKeyboard();
});
EM_JS(char*, js_browser_languages, (), {
  const list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
  return (s => { const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p; })(list.join(","));
});
EM_JS(void, js_fetch_asset, (const char* url, int what), {
  const name = UTF8ToString(url);
  fetch(name).then(r => { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); }).then(buf => {
    const bytes = new Uint8Array(buf);
    const p = _malloc(Math.max(1, bytes.length));
    HEAPU8.set(bytes, p);
    Module._vf_asset_loaded(what, p, bytes.length);
    _free(p);
    Module._vf_wake();
  }).catch(e => { console.info("vramfit: " + name + " is not available:", e && e.message); Module._vf_asset_loaded(what, 0, 0); });
});
EM_JS(void, js_set_document_language, (const char* lang, const char* title, const char* description), {
  document.documentElement.lang = UTF8ToString(lang);
  document.title = UTF8ToString(title);
  const meta = document.querySelector('meta[name="description"]');
  if (meta) meta.setAttribute("content", UTF8ToString(description));
});
EM_JS(int, js_prefers_dark, (), {
  if (!window.matchMedia) return 0;
  if (!Module.vfDarkQuery) {
    Module.vfDarkQuery = window.matchMedia("(prefers-color-scheme: dark)");
    if (Module.vfDarkQuery.addEventListener) Module.vfDarkQuery.addEventListener("change", () => Module._vf_wake());
  }
  return Module.vfDarkQuery.matches ? 1 : 0;
});
EM_JS(void, js_report_missing_glyphs, (int count), { Module.vfMissingGlyphs = count; });
// clang-format on

namespace browser {

namespace {
std::string take(char* p) {
  if (p == nullptr) return {};
  std::string s(p);
  std::free(p);
  return s;
}
}  // namespace

std::string location_query() { return take(js_location_query()); }
void set_location_query(const std::string& query, bool push) { js_set_location_query(query.c_str(), push ? 1 : 0); }
void install_history_listener() { js_install_history_listener(); }
std::string page_url() { return take(js_page_url()); }
void copy_text(const std::string& text) { js_copy_text(text.c_str()); }
void open_url(const std::string& url) { js_open_url(url.c_str()); }
void save_canvas_png(float x, float y, float width, float height, const std::string& file_name) {
  js_save_canvas_png(x, y, width, height, file_name.c_str());
}
void post_height(int css_height) { js_post_height(css_height); }
void mark_item(const char* id, float x, float y, float width, float height) { js_mark_item(id, x, y, width, height); }
void install_touch_keyboard() { js_install_touch_keyboard(); }
void mark_text_field(float x, float y, float width, float height, bool numeric) {
  js_mark_text_field(x, y, width, height, numeric ? 1 : 0);
}
void end_text_fields(bool edit_ended) { js_end_text_fields(edit_ended ? 1 : 0); }
std::string browser_languages() { return take(js_browser_languages()); }
void fetch_asset(const char* url, Asset what) { js_fetch_asset(url, static_cast<int>(what)); }
void set_document_language(const char* lang_code, const std::string& title, const std::string& description) {
  js_set_document_language(lang_code, title.c_str(), description.c_str());
}
void report_missing_glyphs(int count) { js_report_missing_glyphs(count); }
bool prefers_dark() { return js_prefers_dark() != 0; }

Viewport viewport() {
  Viewport v;
  v.css_width = js_css_width();
  v.css_height = js_css_height();
  double r = js_pixel_ratio();
  if (!(r >= 1.0)) r = 1.0;
  if (r > 4.0) r = 4.0;
  v.pixel_ratio = static_cast<float>(r);
  return v;
}

void set_canvas_size(int width, int height) { js_set_canvas_size(width, height); }

std::string storage_get(const char* key) { return take(js_storage_get(key)); }

void storage_set(const char* key, const std::string& value) { js_storage_set(key, value.c_str()); }
void install_wake_listeners() { js_install_wake_listeners(); }
void on_frame_drawn(long frame_index, double cpu_ms) { js_on_frame_drawn(static_cast<double>(frame_index), cpu_ms); }
std::size_t wasm_memory_bytes() { return static_cast<std::size_t>(EM_ASM_DOUBLE({ return HEAP8.length; })); }
double now_seconds() { return emscripten_get_now() / 1000.0; }

}  // namespace browser

#else  // Native fallbacks (headless UI tests).

#include <chrono>
#include <map>

namespace browser {
Viewport viewport() { return {}; }
void set_canvas_size(int, int) {}
std::string storage_get(const char*) { return {}; }
void storage_set(const char*, const std::string&) {}
void install_wake_listeners() {}
void on_frame_drawn(long, double) {}
std::size_t wasm_memory_bytes() { return 0; }
std::string location_query() { return {}; }
void set_location_query(const std::string&, bool) {}
void install_history_listener() {}
std::string page_url() { return "https://vramfit.example/"; }
void copy_text(const std::string&) {}
void open_url(const std::string&) {}
void save_canvas_png(float, float, float, float, const std::string&) {}
void post_height(int) {}
namespace {
std::map<std::string, std::array<float, 4>>& items() {
  static std::map<std::string, std::array<float, 4>> m;
  return m;
}
}  // namespace
void mark_item(const char* id, float x, float y, float w, float h) { items()[id] = {x, y, w, h}; }
void install_touch_keyboard() {}
void mark_text_field(float x, float y, float w, float h, bool) { items()["text_field"] = {x, y, w, h}; }
void end_text_fields(bool) {}
void clear_marked_items() { items().clear(); }
std::set<std::string> marked_items() {
  std::set<std::string> out;
  for (const auto& [id, rect] : items()) out.insert(id);
  return out;
}
std::array<float, 4> marked_rect(const std::string& id) {
  const auto it = items().find(id);
  return it == items().end() ? std::array<float, 4>{} : it->second;
}
std::string browser_languages() { return "en"; }
void fetch_asset(const char*, Asset) {}
void set_document_language(const char*, const std::string&, const std::string&) {}
void report_missing_glyphs(int) {}
bool prefers_dark() { return false; }
double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace browser

#endif
