// Page benchmark: prints figures, never fails on timing.
//   - size of every file the page loads at first visit: raw, gzip -9, brotli (q11), and the total
//   - navigation to first drawn frame in headless Chromium, median of 5 cold loads
//   - frames drawn during 3 idle seconds
//   - time to interactive: navigation until a click on an input has changed the configuration
//   - CPU time per frame while dragging the context slider (median, 95th percentile, max)
//   - wasm memory before and after 10,000 frames (built, not handed to WebGL)
//   - bytes the server sent twice during a first visit and the service worker's install (target 0)
// The last line is a row for docs/benchmarks.md, where the trend is kept.
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

  // A first visit in a fresh profile, until the service worker has installed: what did the server send twice?
  env.server.sent.clear();
  const visit = await openPage(env.browser, env.origin);
  await visit.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await visit.page.waitForTimeout(500);
  let twice = 0;
  const repeated = [];
  for (const [path, [count, bytes]] of env.server.sent)
    if (count > 1) { twice += bytes - bytes / count; repeated.push(`${path} x${count}`); }
  console.log(`Bytes sent twice by the server on a first visit (service worker install included): ${kb(twice).trim()}` +
              `${repeated.length ? " (" + repeated.join(", ") + ")" : ""} (target: 0)`);
  await visit.context.close();

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

  // Time to interactive: click "+" beside the sequences as soon as it is drawn; done when the link changed.
  const interactive = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await env.browser.newContext({ viewport: { width: 1000, height: 700 } });
    const p = await ctx.newPage();
    await p.goto(`${env.origin}/`);
    await p.waitForFunction(() => window.Module?.vfItems?.sequences, null, { timeout: 30000 });
    const [x, y, w, h] = await p.evaluate(() => window.Module.vfItems.sequences);
    await p.mouse.click(x + w - h / 2, y + h / 2);
    await p.waitForFunction(() => window.location.search.includes("seq=2"), null, { timeout: 10000 });
    interactive.push(await p.evaluate(() => performance.now()));
    await ctx.close();
  }
  console.log(`Time to interactive: median ${median(interactive).toFixed(0)} ms over 5 cold loads (${interactive.map((x) => x.toFixed(0)).join(", ")})`);

  // Dragging the context slider: every frame recomputes the estimate, the sweep, the formats and what fits.
  const drag = await openPage(env.browser, env.origin, { width: 1440, height: 900 });
  await drag.page.waitForTimeout(500);
  const [sx, sy, sw, sh] = await drag.page.evaluate(() => window.Module.vfItems.context);
  await drag.page.evaluate(() => { window.Module.vfFrameMs = []; });
  await drag.page.mouse.move(sx + sw * 0.5, sy + sh / 2);
  await drag.page.mouse.down();
  for (let i = 0; i <= 60; i++) {
    await drag.page.mouse.move(sx + sw * (0.5 + 0.45 * Math.sin(i / 6)), sy + sh / 2);
    await drag.page.waitForTimeout(16);
  }
  await drag.page.mouse.up();
  const frames = (await drag.page.evaluate(() => window.Module.vfFrameMs)).slice().sort((p, q) => p - q);
  const pct = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  console.log(`CPU per frame while dragging the context slider: median ${pct(0.5).toFixed(2)} ms, p95 ${pct(0.95).toFixed(2)} ms, ` +
              `max ${frames[frames.length - 1].toFixed(2)} ms over ${frames.length} frames (target: <= 8 ms)`);
  // Memory: 10,000 frames drawn back to back must not grow the heap.
  // The frames build ImGui's draw lists without handing them to WebGL (vf_bench_frames' second argument): the same
  // work for the wasm heap, without minutes in the headless browser's software rasteriser.
  const before = await drag.page.evaluate(() => window.Module._vf_bench_frames(0, 0));
  let after = before;
  for (let i = 0; i < 10; i++) after = await drag.page.evaluate(() => window.Module._vf_bench_frames(1000, 0));
  console.log(`Wasm memory: ${(before / 1048576).toFixed(1)} MiB before, ${(after / 1048576).toFixed(1)} MiB after 10,000 frames (built, not drawn)`);
  await drag.context.close();
  const day = new Date().toISOString().slice(0, 10);
  console.log(`Row for docs/benchmarks.md: | ${day} | ${(gz / 1000).toFixed(1)} KB | ${(br / 1000).toFixed(1)} KB | ` +
              `${median(firstFrame).toFixed(0)} ms | ${median(interactive).toFixed(0)} ms | ${b - a} | ` +
              `${pct(0.5).toFixed(2)} / ${pct(0.95).toFixed(2)} ms | ${(after / 1048576).toFixed(1)} MiB |`);
} finally {
  await env.close();
}
