// The page's start-up: checks WebGL2 and WebAssembly, sets up window.vramfit (the JS API) and the Emscripten
// Module, loads vramfit.js, registers the service worker. Kept out of index.html so the CSP can forbid inline scripts.
(function () {
  "use strict";
  var canvas = document.getElementById("canvas");
  // The reader's chosen theme (web/language.cpp keeps it) for the moments before the first frame.
  try {
    var theme = window.localStorage.getItem("vramfit.theme");
    if (theme === "dark" || theme === "light") document.documentElement.className = "theme-" + theme;
  } catch (e) {}
  function fail(title, detail) {
    var loading = document.getElementById("loading");
    if (loading) loading.remove();
    var box = document.createElement("div");
    box.className = "message";
    box.setAttribute("role", "alert");
    var t = document.createElement("strong"); t.textContent = title;
    var d = document.createElement("span"); d.textContent = detail;
    box.appendChild(t); box.appendChild(d);
    document.body.appendChild(box);
  }
  var probe = document.createElement("canvas");
  if (!window.WebAssembly || !probe.getContext("webgl2")) {
    fail("vramfit needs WebGL2 and WebAssembly",
         "Your browser or device has them turned off or does not support them. A current Chrome, Edge, Firefox or Safari will work.");
    return;
  }
  var ready;
  var api = { ready: new Promise(function (resolve) { ready = resolve; }) };
  // The JS API: the ES module (api/vramfit.mjs), loaded the first time a script calls it, so readers of the page
  // never download it. Every function returns a promise.
  var module = null;
  function load() { return module || (module = import("./api/vramfit.mjs")); }
  ["estimate", "exportResult", "decodeLink", "encodeLink", "estimateLink", "whatFits", "analyzeLink", "fitLink", "readLog", "gpus", "models", "apiVersion"].forEach(function (name) {
    api[name] = function () { var args = arguments; return load().then(function (m) { return m[name].apply(null, args); }); };
  });
  // Files (File, Blob or Uint8Array): inspectFile(file) and inspectParts([files]) read only the headers, in the
  // module (api/vramfit.mjs inspectBlob, inspectBlobs).
  api.inspectFile = function (file) { return load().then(function (m) { return m.inspectBlob(file); }); };
  api.inspectParts = function (files) { return load().then(function (m) { return m.inspectBlobs(files); }); };
  window.vramfit = api;
  canvas.addEventListener("webglcontextlost", function (e) {
    e.preventDefault();
    fail("The graphics context was lost", "Reload the page to continue.");
  });
  // Emscripten reads only the fields listed in web/CMakeLists.txt (INCOMING_MODULE_JS_API): add new ones there.
  window.Module = {
    canvas: canvas,
    onRuntimeInitialized: function () { ready(api); },
    printErr: function (text) { console.warn(text); },
    onAbort: function (what) { fail("vramfit stopped", String(what)); }
  };
  // Offline after the first visit: a service worker keeps the page's own files (sw.js). Not on file://.
  if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("sw.js").catch(function (e) { console.info("vramfit: no offline copy:", e && e.message); });
    });
  }
  var script = document.createElement("script");
  script.src = "vramfit.js";
  script.async = true;
  script.onerror = function () { fail("vramfit could not load", "vramfit.js did not arrive. Check your connection and reload."); };
  document.body.appendChild(script);
})();
