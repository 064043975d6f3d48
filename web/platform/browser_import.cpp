// Browser glue for what users bring: files dropped, pasted or picked, the Hugging Face reader, and the second
// module (import/vramfit-import.js) that reads them, answers fit mode and writes the JSON export. Native builds get
// inert fallbacks.
#include "browser.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// clang-format off
EM_JS(void, js_install_file_import, (), {
  // The readers live in a second module, fetched on the first import (web/platform/import_module.cpp): the page's
  // first visit carries no JSON parser. Each call hands back an ImportOutcome in blob form, given to the page.
  let reader = null;
  function importModule() {
    if (!reader) {
      reader = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "import/vramfit-import.js";
        script.onload = () => createVramfitImport().then(resolve, reject);
        script.onerror = () => reject(new Error("import/vramfit-import.js could not be loaded"));
        document.head.appendChild(script);
      });
      reader.catch(() => { reader = null; });
    }
    return reader;
  }
  function give(m, size) {  // the module's outcome (at m's result pointer) to the page; returns bytes needed
    const bytes = m.HEAPU8.slice(m._vf_result(), m._vf_result() + size);
    const p = _malloc(Math.max(1, bytes.length));
    HEAPU8.set(bytes, p);
    const need = Module._vf_import_result(p, bytes.length);
    _free(p);
    Module._vf_wake();
    return need;
  }
  function put(m, text) {
    const n = m.lengthBytesUTF8(text) + 1, p = m._malloc(n);
    m.stringToUTF8(text, p, n);
    return p;
  }
  // The start of a file or of bytes in memory, as much as the reader asks for.
  async function importSource(total, fileName, slice) {
    const m = await importModule();
    let n = Math.min(total, 1048576);
    for (let step = 0; step < 24; ++step) {
      const bytes = await slice(n);
      const p = m._malloc(Math.max(1, bytes.length));
      m.HEAPU8.set(bytes, p);
      const name = put(m, fileName);
      const size = m._vf_read_file(p, bytes.length, total, name);
      m._free(p);
      m._free(name);
      const need = give(m, size);
      if (!(need > n)) break;
      n = Math.min(total, need);
    }
  }
  const importFile = file => importSource(file.size, file.name, async n => new Uint8Array(await file.slice(0, n).arrayBuffer()));
  // A split GGUF's parts ({total, slice} each, in order): each part's header read whole, then all read together.
  async function importParts(parts, fileName) {
    const m = await importModule();
    for (let i = 0; i < parts.length; ++i) {
      const part = parts[i];
      let n = Math.min(part.total, 1048576), bytes = await part.slice(n);
      for (let step = 0; step < 24; ++step) {
        const p = m._malloc(Math.max(1, bytes.length));
        m.HEAPU8.set(bytes, p);
        const need = m._vf_gguf_need(p, bytes.length, part.total);
        m._free(p);
        if (!(need > n)) break;
        n = Math.min(part.total, need);
        bytes = await part.slice(n);
      }
      const p = m._malloc(Math.max(1, bytes.length));
      m.HEAPU8.set(bytes, p);
      m._vf_parts_add(p, bytes.length, part.total, i === 0 ? 1 : 0);
      m._free(p);
    }
    const name = put(m, fileName);
    const size = m._vf_parts_read(name);
    m._free(name);
    give(m, size);
  }
  // Dropped or picked files: the parts of a split GGUF (name-00001-of-00003.gguf ...) that are all there are read as
  // one model; every other file on its own.
  function splitSets(files) {
    const sets = new Map(), single = [];
    for (const file of files) {
      const m = file.name.match(/^(.*)-([0-9]{5})-of-([0-9]{5})[.]gguf$/i);
      if (!m) { single.push(file); continue; }
      const set = sets.get(m[1] + "/" + m[3]) || {count: Number(m[3]), parts: []};
      set.parts[Number(m[2]) - 1] = file;
      sets.set(m[1] + "/" + m[3], set);
    }
    const whole = [];
    sets.forEach(set => {
      const complete = set.count > 1 && set.parts.length === set.count && set.parts.every(Boolean);
      if (complete) whole.push(set.parts); else set.parts.forEach(f => { if (f) single.push(f); });
    });
    return {whole: whole, single: single};
  }
  async function importText(text) {
    const m = await importModule();
    const p = put(m, text);
    const size = m._vf_read_config(p);
    m._free(p);
    give(m, size);
  }
  function failed(what, e) {
    console.warn("vramfit: could not read " + what, e);
    Module._vf_import_failed();
    Module._vf_wake();
  }
  async function importFiles(list) {
    const sets = splitSets(Array.from(list || []));
    for (const parts of sets.whole) {
      const slices = parts.map(file => ({total: file.size, slice: async n => new Uint8Array(await file.slice(0, n).arrayBuffer())}));
      try { await importParts(slices, parts[0].name); } catch (e) { failed(parts[0].name, e); }
    }
    for (const file of sets.single) {
      try { await importFile(file); } catch (e) { failed(file.name, e); }
    }
  }
  // A question's bytes (fit_outcome.h) to the module's function `name`; the answer's bytes back.
  async function ask(name, question) {
    const m = await importModule();
    const p = m._malloc(Math.max(1, question.length));
    m.HEAPU8.set(question, p);
    const size = m[name](p, question.length);
    m._free(p);
    return m.HEAPU8.slice(m._vf_result(), m._vf_result() + size);
  }
  // Fit mode runs in the same module: the answer's bytes go to the page.
  async function fit(question) {
    const bytes = await ask("_vf_fit", question);
    const q = _malloc(Math.max(1, bytes.length));
    HEAPU8.set(bytes, q);
    Module._vf_fit_result(q, bytes.length);
    _free(q);
    Module._vf_wake();
  }
  Module.vfFit = question => fit(question).catch(e => {
    console.warn("vramfit: fit mode could not run", e);
    Module._vf_fit_result(0, 0);
    Module._vf_wake();
  });
  // "Copy as JSON" is written in the same module (import_module.cpp vf_export_json); the page copies the text.
  async function exportJson(question) {
    const bytes = await ask("_vf_export_json", question);
    if (!bytes.length) throw new Error("the question could not be read");
    const text = new TextDecoder().decode(bytes);
    const n = lengthBytesUTF8(text) + 1, q = _malloc(n);
    stringToUTF8(text, q, n);
    Module._vf_export_done(q);
    _free(q);
    Module._vf_wake();
  }
  Module.vfExportJson = question => exportJson(question).catch(e => {
    console.warn("vramfit: the JSON export could not be written", e);
    Module._vf_export_done(0);
    Module._vf_wake();
  });
  // The Hugging Face reader (shell/hub.js, README: privacy) is fetched from the page's own origin on the first
  // read, as the file readers are: the first visit carries none of it. It reads through these functions.
  let hubScript = null;
  function hubReader() {
    if (!hubScript) {
      hubScript = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "import/hub.js";
        script.onload = () => window.vramfitHubRead ? resolve(window.vramfitHubRead) : reject(new Error("import/hub.js defines no reader"));
        script.onerror = () => reject(new Error("import/hub.js could not be loaded"));
        document.head.appendChild(script);
      });
      hubScript.catch(() => { hubScript = null; });
    }
    return hubScript;
  }
  const hubPage = {
    importSource: importSource,
    importParts: importParts,
    importText: importText,
    begin: () => Module._vf_hub_begin(),
    files: list => {
      const n = lengthBytesUTF8(list) + 1, p = _malloc(n);
      stringToUTF8(list, p, n);
      Module._vf_hub_files(p);
      _free(p);
    },
    done: (status, received, params) => { Module._vf_hub_done(status, received, params); Module._vf_wake(); },
  };
  async function hubRead(repo, token, file, size) {
    let read = null;
    try { read = await hubReader(); } catch (e) {
      console.warn("vramfit: the Hugging Face reader could not be loaded", e);
      return hubPage.done(-1, 0, 0);
    }
    return read(hubPage, repo, token, file, size);
  }
  Module.vfHubRead = hubRead;
  Module.vfImportFiles = importFiles;
  Module.vfImportText = text => importText(text).catch(e => failed("the pasted text", e));
  window.addEventListener("dragover", e => e.preventDefault());
  window.addEventListener("drop", e => {
    e.preventDefault();
    if (e.dataTransfer) importFiles(e.dataTransfer.files);
  });
  window.addEventListener("paste", e => {
    const data = e.clipboardData;
    if (!data) return;
    if (data.files && data.files.length) {
      e.preventDefault();
      importFiles(data.files);
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
