// vramfit's service worker: after one visit the page works offline. It caches the page's own files under a
// version that is the hash of their contents (written at build time), so a new build replaces the whole set;
// other same-origin files (the Chinese font and strings, fetched only when Chinese is shown; the version
// covers them too) are kept once fetched.
// It never touches requests to other origins (the page makes none).
const VERSION = "@VERSION@";
const FILES = @FILES@;
const CACHE = "vramfit-" + VERSION;

// The first visit has just loaded these files: they are taken from the browser's HTTP cache ("force-cache": no
// second download when the host let the browser keep them; a host that forbids it gets them fetched again).
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(FILES.map(async (file) => {
    const response = await fetch(file, { cache: "force-cache" });
    if (!response.ok) throw new Error(file + ": " + response.status);
    await cache.put(file, response);
  }))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("vramfit-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Share links carry the configuration in the query: every query of the page is the same cached page.
    const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" || url.search === "" });
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.ok && response.type === "basic") cache.put(request, response.clone());
      return response;
    } catch (error) {
      if (request.mode === "navigate") return (await cache.match("./")) ?? Response.error();
      throw error;
    }
  })());
});
