// A small static file server for the built page, bound to 127.0.0.1 only.
// Usage: node scripts/static_server.mjs DIR [PORT]    (PORT 0 picks a free one; the URL is printed)
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const kTypes = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css", ".png": "image/png",
  ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json", ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

// As static hosts do, each file carries an ETag, so a browser revalidates what it keeps (304, no body). The server
// counts the bodies it sent per path (server.sent: path -> [count, bytes]) for the page benchmark.
export function startServer(dir, port = 0) {
  const root = resolve(dir);
  const sent = new Map();
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const etag = '"' + createHash("sha1").update(body).digest("hex").slice(0, 16) + '"';
      const headers = { "Content-Type": kTypes[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-cache", ETag: etag };
      if (req.headers["if-none-match"] === etag) { res.writeHead(304, headers).end(); return; }
      res.writeHead(200, headers);
      res.end(body);
      const [count, bytes] = sent.get(path) ?? [0, 0];
      sent.set(path, [count + 1, bytes + body.length]);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  server.sent = sent;
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? ".";
  const server = await startServer(dir, Number(process.argv[3] ?? 8080));
  console.log(`vramfit is served at http://127.0.0.1:${server.address().port}/  (press Ctrl+C to stop)`);
}
