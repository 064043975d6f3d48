// vramfit's file glue, fetched from the page's own origin on the first import, fit, JSON export or Hugging Face
// read (web/platform/browser_import.cpp loads it; the first visit carries none of it). It hands files, pasted text
// and fit questions to the readers' module (import/vramfit-import.*, web/platform/import_module.cpp) and their
// outcomes to the page, and loads the Hugging Face reader (import/hub.js) on its first use.
//
// page: the page's module (Module, whose vf_* functions take the outcomes) and its runtime: heap() (its HEAPU8),
// malloc, free, lengthBytesUTF8, stringToUTF8. Returns the functions the page calls.
"use strict";
self.vramfitFiles = function (page) {
  // A script of the page's own origin, loaded once (again after a failure); `take` returns what it defines.
  function once(src, take) {
    let loaded = null;
    return () => {
      if (!loaded) {
        loaded = new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = src;
          script.onload = () => Promise.resolve().then(take).then(resolve, reject);
          script.onerror = () => reject(new Error(src + " could not be loaded"));
          document.head.appendChild(script);
        });
        loaded.catch(() => { loaded = null; });
      }
      return loaded;
    };
  }
  // The readers: a second wasm module (web/platform/import_module.cpp); each call leaves an ImportOutcome in blob
  // form, given to the page.
  const importModule = once("import/vramfit-import.js", () => createVramfitImport());
  function give(m, size) {  // the module's outcome (at m's result pointer) to the page; returns bytes needed
    const bytes = m.HEAPU8.slice(m._vf_result(), m._vf_result() + size);
    const p = page.malloc(Math.max(1, bytes.length));
    page.heap().set(bytes, p);
    const need = page.Module._vf_import_result(p, bytes.length);
    page.free(p);
    page.Module._vf_wake();
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
    page.Module._vf_import_failed();
    page.Module._vf_wake();
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
    const q = page.malloc(Math.max(1, bytes.length));
    page.heap().set(bytes, q);
    page.Module._vf_fit_result(q, bytes.length);
    page.free(q);
    page.Module._vf_wake();
  }
  const fitOrSay = question => fit(question).catch(e => {
    console.warn("vramfit: fit mode could not run", e);
    page.Module._vf_fit_result(0, 0);
    page.Module._vf_wake();
  });
  // "Copy as JSON" is written in the same module (import_module.cpp vf_export_json); the page copies the text.
  async function exportJson(question) {
    const bytes = await ask("_vf_export_json", question);
    if (!bytes.length) throw new Error("the question could not be read");
    const text = new TextDecoder().decode(bytes);
    const n = page.lengthBytesUTF8(text) + 1, q = page.malloc(n);
    page.stringToUTF8(text, q, n);
    page.Module._vf_export_done(q);
    page.free(q);
    page.Module._vf_wake();
  }
  const exportOrSay = question => exportJson(question).catch(e => {
    console.warn("vramfit: the JSON export could not be written", e);
    page.Module._vf_export_done(0);
    page.Module._vf_wake();
  });
  // The Hugging Face reader (shell/hub.js, README: privacy) is fetched from the page's own origin on the first
  // read, as the file readers are: the first visit carries none of it. It reads through these functions.
  const hubReader = once("import/hub.js", () => {
    if (!self.vramfitHubRead) throw new Error("import/hub.js defines no reader");
    return self.vramfitHubRead;
  });
  const hubPage = {
    importSource: importSource,
    importParts: importParts,
    importText: importText,
    begin: () => page.Module._vf_hub_begin(),
    files: list => {
      const n = page.lengthBytesUTF8(list) + 1, p = page.malloc(n);
      page.stringToUTF8(list, p, n);
      page.Module._vf_hub_files(p);
      page.free(p);
    },
    done: (status, received, params) => { page.Module._vf_hub_done(status, received, params); page.Module._vf_wake(); },
  };
  async function hubRead(repo, token, file, size) {
    let read = null;
    try { read = await hubReader(); } catch (e) {
      console.warn("vramfit: the Hugging Face reader could not be loaded", e);
      return hubPage.done(-1, 0, 0);
    }
    return read(hubPage, repo, token, file, size);
  }
  return {
    importFiles: importFiles,
    importText: (text) => importText(text).catch((e) => failed("the pasted text", e)),
    fit: fitOrSay,
    exportJson: exportOrSay,
    hubRead: hubRead,
  };
};
