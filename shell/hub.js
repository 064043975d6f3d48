// vramfit's Hugging Face reader, fetched from the page's own origin on the user's first read (web/platform/
// browser_import.cpp loads it; the first visit carries none of it). It runs on the user's request only (README:
// privacy). First the repository's public file list with sizes and the Hub's parameter total (api/models); then
// its config.json with model.safetensors.index.json, or a single model.safetensors's header; or, for a repository
// of GGUF files, their list for the user to choose from and then the chosen file's header. Weight files are only
// ever read by HTTP range requests, as far as their header goes. A token goes in the Authorization header of these
// requests and nowhere else; no cookies are sent.
//
// page: importSource(total, name, slice), importParts([{total, slice}], name) (a split GGUF's parts) and
// importText(text) hand bytes to the file readers; begin() is called
// once the first file has arrived (the import is replaced only then, so a failed read changes nothing); files(list)
// takes the GGUF models, "name\tfile bytes\tmodel bytes\tparts" per line; done(status, received, params) ends the
// read: 200, 300 (a GGUF file to choose), 415 (neither a config.json nor a GGUF model), another HTTP status, -1.
"use strict";
let listing = null;  // the last repository's files, name -> bytes: where a split model's other parts are found
self.vramfitHubRead = async function (page, repo, token, file, size) {
  const hub = "https://huggingface.co/";
  const auth = token ? { Authorization: "Bearer " + token } : {};
  const options = { credentials: "omit", cache: "no-store", headers: auth };
  const refused = (status) => Object.assign(new Error("huggingface.co answered " + status), { hubStatus: status });
  let received = 0, params = 0;
  const get = async (path) => {
    const r = await fetch(hub + path, options);
    if (!r.ok) throw refused(r.status);
    const bytes = new Uint8Array(await r.arrayBuffer());
    received += bytes.length;
    if (bytes.length > 16777216) throw refused(413);
    return bytes;
  };
  // A weight file's first n bytes, fetched as ranges that continue what was already read. An answer that is not
  // that range (a server sending the whole file) is cut off and refused. Content-Range is checked where the
  // server lets the page see it (Access-Control-Expose-Headers).
  const head = (path) => {
    let have = new Uint8Array(0);
    return async (n) => {
      if (n <= have.length) return have.subarray(0, n);
      const range = Object.assign({ Range: "bytes=" + have.length + "-" + (n - 1) }, auth);
      const r = await fetch(hub + path, Object.assign({}, options, { headers: range }));
      const shown = r.headers.get("content-range");
      if (r.status !== 206 || (shown !== null && !shown.startsWith("bytes " + have.length + "-"))) {
        try { if (r.body) await r.body.cancel(); } catch (e) { /* already closed */ }
        throw refused(r.ok ? 416 : r.status);
      }
      const part = new Uint8Array(await r.arrayBuffer());
      received += part.length;
      if (part.length > n - have.length) throw refused(416);
      const joined = new Uint8Array(have.length + part.length);
      joined.set(have);
      joined.set(part, have.length);
      have = joined;
      return have;
    };
  };
  const text = (bytes) => new TextDecoder().decode(bytes);
  const at = (name) => repo + "/resolve/main/" + name.split("/").map(encodeURIComponent).join("/");
  const done = (status) => page.done(status, received, params);
  try {
    const split = file ? file.match(/^(.*)-(\d{5})-of-(\d{5})(\.gguf)$/i) : null;
    if (split && Number(split[3]) > 1) {  // a split model: every part's header, read as one model
      const known = listing && listing.repo === repo ? listing.files : new Map();
      const reads = [];
      for (let k = 1; k <= Number(split[3]); ++k) {
        const name = split[1] + "-" + String(k).padStart(5, "0") + "-of-" + split[3] + split[4];
        if (!(known.get(name) > 0)) return done(404);
        reads.push({ total: known.get(name), slice: head(at(name)) });
      }
      await reads[0].slice(Math.min(reads[0].total, 1048576));
      page.begin();
      await page.importParts(reads, file.split("/").pop());
      return done(200);
    }
    if (file) {  // the GGUF file the user chose from the list
      const read = head(at(file));
      await read(Math.min(size, 1048576));
      page.begin();
      await page.importSource(size, file.split("/").pop(), read);
      return done(200);
    }
    const info = JSON.parse(text(await get("api/models/" + repo + "?blobs=true")));
    const total = Number(((info && info.safetensors) || {}).total);
    if (Number.isFinite(total) && total > 0) params = total;
    const siblings = Array.isArray(info && info.siblings) ? info.siblings : [{ rfilename: "config.json" }];
    const files = new Map(siblings.filter((s) => s && typeof s.rfilename === "string")
      .map((s) => [s.rfilename, Number.isFinite(Number(s.size)) ? Number(s.size) : 0]));
    listing = { repo, files };
    if (files.has("config.json")) {
      const config = await get(at("config.json"));
      page.begin();
      await page.importText(text(config));
      if (files.has("model.safetensors.index.json")) {
        const index = await get(at("model.safetensors.index.json"));
        await page.importSource(index.length, "model.safetensors.index.json", async (n) => index.subarray(0, n));
      } else if (files.get("model.safetensors") > 0) {
        await page.importSource(files.get("model.safetensors"), "model.safetensors", head(at("model.safetensors")));
      }
      return done(200);
    }
    // GGUF models (vision projectors, mmproj-*, are not models): name, bytes of the file, bytes of the whole model
    // and its number of files; a split model (name-00001-of-00003.gguf) is listed by its first part.
    const models = new Map();
    for (const [name, bytes] of files) {
      const base = name.split("/").pop();
      if (!/\.gguf$/i.test(base) || /^mmproj/i.test(base)) continue;
      const split = name.match(/^(.*)-(\d{5})-of-(\d{5})\.gguf$/i);
      const key = split ? split[1] : name;
      const m = models.get(key) || { first: "", firstBytes: 0, bytes: 0, parts: 0 };
      m.bytes += bytes;
      m.parts += 1;
      if (!split || Number(split[2]) === 1) { m.first = name; m.firstBytes = bytes; }
      models.set(key, m);
    }
    const list = [...models.values()].filter((m) => m.first && m.firstBytes > 0)
      .sort((a, b) => a.bytes - b.bytes)
      .map((m) => [m.first, m.firstBytes, m.bytes, m.parts].join("\t")).join("\n");
    if (!list) return done(415);
    page.files(list);
    return done(300);
  } catch (e) {
    if (!e.hubStatus) console.warn("vramfit: huggingface.co could not be read", e);
    return done(e.hubStatus || -1);
  }
};
