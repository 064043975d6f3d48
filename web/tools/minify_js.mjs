// Minifies the linked vramfit.js in place with terser (run by CMake after each link of vramfit_web). Emscripten's
// own minifier (--closure) fails with Debian's closure-compiler; terser takes the loader from ~22 KB to ~16 KB
// gzip. Top-level names are mangled except Module, the one global the page shares (shell/boot.js sets
// window.Module; EM_JS code and the tests reach everything through it). Properties are never renamed.
// Without terser (scripts/deps.sh not run) the file is left as linked and the build goes on, with a warning.
// A second argument names a top-level global to keep (the import module's factory, createVramfitImport).
// Usage: node minify_js.mjs FILE.js [GLOBAL]
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const keep = process.argv[3] ? [process.argv[3]] : [];
let minify;
try {
  ({ minify } = await import("terser"));
} catch {
  console.warn(`warning: terser is not installed (run scripts/deps.sh build): ${file} is left unminified, ~6 KB gzip larger`);
  process.exit(0);
}
const source = readFileSync(file, "utf8");
const result = await minify(source, {
  toplevel: true,
  mangle: { reserved: ["Module", ...keep] },
  compress: { passes: 2, top_retain: keep },
});
writeFileSync(file, result.code);
console.log(`minify_js: ${file} ${source.length} -> ${result.code.length} bytes`);
