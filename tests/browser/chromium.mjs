// Launches Debian's Chromium headless with software WebGL, and serves the built page on 127.0.0.1.
import { chromium } from "playwright-core";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/static_server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const siteDir = process.env.VRAMFIT_SITE ?? resolve(here, "../../build/web/site");

export const kChromiumArgs = [
  "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
  "--disable-quic", "--disable-features=Translate,MediaRouter,OptimizationHints",
];

export async function launch() {
  const server = await startServer(siteDir, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: kChromiumArgs });
  return { server, origin, browser, async close() { await browser.close(); server.close(); } };
}

// Opens the page and waits for its first drawn frame. Records console errors and every request.
// `prepare(context)` runs before the page opens (request routes for a fake remote host, say).
export async function openPage(browser, origin, { width = 1000, height = 700, deviceScaleFactor = 1, query = "", prepare } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, serviceWorkers: prepare ? "block" : "allow" });
  if (prepare) await prepare(context);
  const page = await context.newPage();
  const errors = [], requests = [];
  page.on("console", (m) => {
    // Chromium's own software-GL notes (e.g. "GPU stall due to ReadPixels" while taking screenshots) are not the page's.
    if ((m.type() === "error" || m.type() === "warning") && !/GL Driver Message/.test(m.text())) errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${origin}/${query}`);
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  return { page, context, errors, requests };
}

// Waiting and clicking by what the page drew. Each frame publishes the rect of named widgets (CSS px) for tests
// (web/browser.h mark_item), so no test clicks a fixed pixel.
export const settle = (page, ms = 300) => page.waitForTimeout(ms);

export async function itemRect(page, id) {
  const r = await page.evaluate((k) => window.Module.vfItems?.[k] ?? null, id);
  if (!r) throw new Error(`the page did not draw "${id}"`);
  return r;
}

export async function clickItem(page, id) {
  const [x, y, w, h] = await itemRect(page, id);
  await page.mouse.click(x + w / 2, y + h / 2);
  await settle(page);
}

// The "+" step button at the right end of an ImGui InputInt.
export async function clickPlus(page, id) {
  const [x, y, w, h] = await itemRect(page, id);
  await page.mouse.click(x + w - h / 2, y + h / 2);
  await settle(page);
}
