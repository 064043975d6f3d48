// Browser tests for the Chinese interface (issue 10): language from the link, the browser or the reader's
// choice; the CJK font fetched only when needed and covering every string; screenshots at phone and desktop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, settle, clickItem, siteDir } from "./chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = resolve(here, "artifacts");
mkdirSync(artifacts, { recursive: true });

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const fontRequested = (requests) => requests.some((u) => u.includes("/fonts/noto-sans-sc-vramfit.otf"));
// The Chinese strings are not in the wasm either: they come with the font (web/strings_zh.h).
const stringsRequested = (requests) => requests.some((u) => u.includes("/lang/zh-CN.bin"));
const waitForChinese = (page) => page.waitForFunction(() => window.Module.vfMissingGlyphs !== undefined, null, { timeout: 15000 });

test("a link with lang=zh-CN opens in Chinese, with every glyph of the Chinese table in its font", async () => {
  for (const [width, height] of [[390, 844], [1440, 900]]) {
    const { page, context, errors, requests } = await openPage(env.browser, env.origin,
      { width, height, query: "?lang=zh-CN&m=meta-llama/Meta-Llama-3.1-70B&ctx=32768" });
    await waitForChinese(page);
    await settle(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    assert.equal(await page.title(), "vramfit：这个大模型需要多少显存？");
    assert.equal(await page.evaluate(() => window.Module.vfMissingGlyphs), 0, "a Chinese string has a character the font lacks ('?')");
    assert.ok(fontRequested(requests));
    assert.ok(stringsRequested(requests));
    assert.match(await page.evaluate(() => window.location.search), /lang=zh-CN/);
    await page.screenshot({ path: resolve(artifacts, `zh-${width}x${height}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("English stays within its bytes: the Chinese font is not fetched for an English reader", async () => {
  const { page, context, requests } = await openPage(env.browser, env.origin);
  await settle(page, 800);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.ok(!fontRequested(requests), "fetched the CJK font for an English page");
  assert.ok(!stringsRequested(requests), "fetched the Chinese strings for an English page");
  await context.close();
});

test("a Chinese strings file that is cut short or stale leaves the page in English, working", async () => {
  const whole = readFileSync(resolve(siteDir, "lang/zh-CN.bin"));
  const stale = Buffer.from(whole);
  stale[8] ^= 0xff;  // the English table's fingerprint: written against other keys
  for (const body of [whole.subarray(0, whole.length >> 1), stale, Buffer.from("not strings")]) {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, serviceWorkers: "block" });
    await context.route("**/lang/zh-CN.bin", (route) => route.fulfill({ status: 200, body }));
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.origin}/?lang=zh-CN`);
    await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
    await settle(page, 1500);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.evaluate(() => window.Module.vfMissingGlyphs), undefined, "Chinese fonts were built");
    await clickItem(page, "copy_link");  // still answers input
    assert.match(await page.evaluate(() => window.Module.vfLastCopied), /lang=zh-CN/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a Chinese browser gets Chinese; the switch is remembered and travels in links and embeds", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  await waitForChinese(page);
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
  assert.equal(await page.evaluate(() => window.location.search), "", "following the browser puts nothing in the link");
  await clickItem(page, "language");  // -> English, chosen by the reader
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.evaluate(() => window.location.search), "?v=1&lang=en");
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en", "the choice was not remembered");
  await clickItem(page, "language");  // -> Chinese again; the embed snippet says so
  await clickItem(page, "embed");
  await clickItem(page, "copy_embed");
  const snippet = await page.evaluate(() => window.Module.vfLastCopied);
  assert.match(snippet, /\?v=1&lang=zh-CN&embed=1"/);
  assert.match(snippet, /title="vramfit：显存估算"/);
  await context.close();
});
