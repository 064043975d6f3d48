// Writes a .gz (gzip -9) and a .br (brotli, quality 11) sibling of every compressible file of the built site, so a
// static host that serves precompressed files (nginx gzip_static / brotli_static, Caddy's precompressed, most CDNs)
// sends the smaller one without compressing on each request. Images and fonts are compressed already: skipped.
// Usage: node web/tools/precompress.mjs SITE_DIR
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const kCompressible = new Set([".html", ".js", ".mjs", ".wasm", ".json", ".webmanifest", ".md", ".css", ".svg", ".ts", ".txt", ".bin"]);

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (name.endsWith(".gz") || name.endsWith(".br")) {  // a sibling whose file is gone goes too
      const base = path.slice(0, -3);
      try { statSync(base); } catch { unlinkSync(path); }
      continue;
    }
    if (!kCompressible.has(extname(name))) continue;
    const body = readFileSync(path);
    writeFileSync(path + ".gz", gzipSync(body, { level: 9 }));
    writeFileSync(path + ".br", brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  }
}

walk(process.argv[2] ?? ".");
