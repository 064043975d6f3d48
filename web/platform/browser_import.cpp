// Browser glue for what users bring: files dropped, pasted or picked, the Hugging Face reader, and the second
// module (import/vramfit-import.js) that reads them, answers fit mode and writes the JSON export. Native builds get
// inert fallbacks.
#include "browser.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// clang-format off
EM_JS(void, js_install_file_import, (), {
  // The glue (shell/files.js) and the readers (import/vramfit-import.*) are fetched on the first import, fit, JSON
  // export or Hub read, from the page's own origin: the first visit carries neither. Until then each entry point
  // loads them and passes its call on; when they cannot be loaded the page is told, as for a failed read.
  let glue = null;
  const runtime = {Module: Module, heap: () => HEAPU8, malloc: n => _malloc(n), free: p => _free(p),
                   lengthBytesUTF8: t => lengthBytesUTF8(t), stringToUTF8: (t, p, n) => stringToUTF8(t, p, n)};
  function files() {
    if (!glue) {
      glue = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "import/files.js";
        script.onload = () => window.vramfitFiles ? resolve(window.vramfitFiles(runtime)) : reject(new Error("import/files.js defines nothing"));
        script.onerror = () => reject(new Error("import/files.js could not be loaded"));
        document.head.appendChild(script);
      });
      glue.catch(() => { glue = null; });
    }
    return glue;
  }
  const later = (name, unavailable) => function () {
    const args = arguments;
    return files().then(f => f[name].apply(null, args), e => {
      console.warn("vramfit: the file reader could not be loaded", e);
      unavailable();
      Module._vf_wake();
    });
  };
  Module.vfImportFiles = later("importFiles", () => Module._vf_import_failed());
  Module.vfImportText = later("importText", () => Module._vf_import_failed());
  Module.vfFit = later("fit", () => Module._vf_fit_result(0, 0));
  Module.vfExportJson = later("exportJson", () => Module._vf_export_done(0));
  Module.vfHubRead = later("hubRead", () => Module._vf_hub_done(-1, 0, 0));
  window.addEventListener("dragover", e => e.preventDefault());
  window.addEventListener("drop", e => {
    e.preventDefault();
    if (e.dataTransfer) Module.vfImportFiles(e.dataTransfer.files);
  });
  window.addEventListener("paste", e => {
    const data = e.clipboardData;
    if (!data) return;
    if (data.files && data.files.length) {
      e.preventDefault();
      Module.vfImportFiles(data.files);
      return;
    }
    const text = data.getData("text/plain");
    if (!text) return;
    const len = lengthBytesUTF8(text) + 1;
    const p = _malloc(len);
    stringToUTF8(text, p, len);
    Module._vf_paste_text(p);
    _free(p);
    Module._vf_wake();
  }, true);
});
EM_JS(void, js_read_config_text, (const char* text), { Module.vfImportText(UTF8ToString(text)); });
EM_JS(void, js_hub_read, (const char* repo, const char* token, const char* file, double size), {
  Module.vfHubRead(UTF8ToString(repo), UTF8ToString(token), UTF8ToString(file), size);
});
EM_JS(void, js_request_fit, (const unsigned char* bytes, int length), { Module.vfFit(HEAPU8.slice(bytes, bytes + length)); });
EM_JS(void, js_request_export_json, (const unsigned char* bytes, int length), { Module.vfExportJson(HEAPU8.slice(bytes, bytes + length)); });

EM_JS(void, js_open_file_picker, (), {
  const input = document.createElement("input");
  input.type = "file";
  input.multiple = true;
  input.accept = ".gguf,.json,.safetensors";
  input.addEventListener("change", () => Module.vfImportFiles(input.files));
  input.click();
});
// clang-format on

namespace browser {

void install_file_import() { js_install_file_import(); }
void read_config_text(const std::string& text) { js_read_config_text(text.c_str()); }
void hub_read(const std::string& repo, const std::string& token, const std::string& file, double file_bytes) {
  js_hub_read(repo.c_str(), token.c_str(), file.c_str(), file_bytes);
}
void request_export_json(const std::string& question) {
  js_request_export_json(reinterpret_cast<const unsigned char*>(question.data()), static_cast<int>(question.size()));
}
void request_fit(const std::string& question) {
  js_request_fit(reinterpret_cast<const unsigned char*>(question.data()), static_cast<int>(question.size()));
}
void open_file_picker() { js_open_file_picker(); }

}  // namespace browser

#else  // Native fallbacks (headless UI tests).

namespace browser {
void install_file_import() {}
void read_config_text(const std::string&) {}
void hub_read(const std::string&, const std::string&, const std::string&, double) {}
void request_fit(const std::string&) {}
void request_export_json(const std::string&) {}
void open_file_picker() {}
}  // namespace browser

#endif
