// Page benchmark: prints figures, never fails on timing.
//   - size of every file the page loads at first visit: raw, gzip -9, brotli (q11), and the total
//   - navigation to first drawn frame in headless Chromium, median of 5 cold loads
//   - frames drawn during 3 idle seconds
// Usage: node tests/bench/page_bench.mjs   (after the web build; uses tests/browser's playwright-core)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { basename, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const { launch, openPage, siteDir } = await import(resolve(here, "../browser/chromium.mjs"));

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + " KB";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const env = await launch();
try {
  // Which files does a first visit load? Ask the browser, then measure them on disk.
  const first = await openPage(env.browser, env.origin);
  await first.page.waitForTimeout(500);
  const files = [...new Set(first.requests.filter((u) => u.startsWith(env.origin)).map((u) => new URL(u).pathname))];
  await first.context.close();
  console.log("Files loaded at first visit (raw / gzip -9 / brotli q11):");
  let raw = 0, gz = 0, br = 0;
  for (const path of files) {
    const body = readFileSync(resolve(siteDir, "." + (path.endsWith("/") ? path + "index.html" : path)));
    const g = gzipSync(body, { level: 9 }).length;
    const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    raw += body.length; gz += g; br += b;
    console.log(`  ${(basename(path) || "index.html").padEnd(16)} ${kb(body.length)} ${kb(g)} ${kb(b)}`);
  }
  console.log(`  ${"total".padEnd(16)} ${kb(raw)} ${kb(gz)} ${kb(br)}   (target: <= 300 KB gzip)`);

  const firstFrame = [];
  for (let i = 0; i < 5; i++) {
    const { page, context } = await openPage(env.browser, env.origin);
    firstFrame.push(await page.evaluate(() => window.Module.vfFirstFrameMs));
    await context.close();
  }
  console.log(`First frame after navigation: median ${median(firstFrame).toFixed(0)} ms over 5 cold loads ` +
              `(${firstFrame.map((x) => x.toFixed(0)).join(", ")}; target <= 300 ms)`);

  const { page, context } = await openPage(env.browser, env.origin);
  await page.waitForTimeout(1000);
  const a = await page.evaluate(() => window.Module.vfFrames);
  await page.waitForTimeout(3000);
  const b = await page.evaluate(() => window.Module.vfFrames);
  console.log(`Frames drawn during 3 idle seconds (after 1 s): ${b - a} (target: 0)`);
  await context.close();
} finally {
  await env.close();
}
