// Browser tests for issue 7: share links and history, copy buttons, exports, embeds, offline, CSP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { launch, openPage, kChromiumArgs, settle, itemRect, clickItem, clickPlus } from "./chromium.mjs";
import { startServer } from "../../scripts/static_server.mjs";
import { decodePng, inkFraction } from "./png.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = resolve(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
const cli = process.env.VRAMFIT_CLI ?? resolve(here, "../../build/native-release/core/vramfit");

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const search = (page) => page.evaluate(() => window.location.search);
const lastCopied = (page) => page.evaluate(() => window.Module.vfLastCopied ?? null);

test("a valid link stays exactly as written in the address bar (the page's limits are the link's)", async () => {
  for (const query of ["?v=1&n=100", "?v=1&gpu=custom&mem=0.5", "?v=1&e=transformers&pt=2000000&nt=0",
                       "?v=1&e=vllm&util=0.855", "?v=1&job=training&sl=64&tok=5000&mfu=0.99&ram=0.5"]) {
    const { page, context, errors } = await openPage(env.browser, env.origin, { query });
    await settle(page);
    // ram=0.5 is below the field's limit: refused and named, the rest kept.
    const expected = query.replace("&ram=0.5", "");
    assert.equal(await search(page), expected, query);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("one question, one answer: the page's JS API, the command line and a JSON request agree byte for byte", async () => {
  const { page, context } = await openPage(env.browser, env.origin);
  const request = { model: "meta-llama/Meta-Llama-3.1-8B" };
  const fromApi = await page.evaluate((r) => window.vramfit.estimate(r), request);
  const fromFlags = JSON.parse(spawnSync(cli, ["--model", "meta-llama/Meta-Llama-3.1-8B"]).stdout.toString());
  const fromPage = await page.evaluate(() => window.vramfit.estimateLink(window.location.search));
  assert.deepEqual(fromApi, fromFlags);
  assert.deepEqual(fromPage, fromFlags);
  await context.close();
});

test("a link opens its configuration, edits update the address bar, back and forward step through them", async () => {
  const { page, context, errors } = await openPage(env.browser, env.origin, { query: "?m=Qwen/Qwen3-8B&ctx=32768&gpu=h100-sxm" });
  await settle(page);
  assert.equal(await search(page), "?v=1&m=Qwen/Qwen3-8B&ctx=32768&gpu=h100-sxm");
  // The page's estimate for the link is the command line's for the same link.
  const shown = await page.evaluate(() => window.vramfit.estimateLink(window.location.search));
  const fromCli = JSON.parse(spawnSync(cli, ["--link", `${env.origin}/?m=Qwen/Qwen3-8B&ctx=32768&gpu=h100-sxm`]).stdout.toString());
  assert.deepEqual(shown, fromCli);
  await clickPlus(page, "sequences");
  assert.equal(await search(page), "?v=1&m=Qwen/Qwen3-8B&ctx=32768&seq=2&gpu=h100-sxm");
  await clickPlus(page, "sequences");
  assert.equal(await search(page), "?v=1&m=Qwen/Qwen3-8B&ctx=32768&seq=3&gpu=h100-sxm");
  await page.goBack();
  await settle(page);
  assert.equal(await search(page), "?v=1&m=Qwen/Qwen3-8B&ctx=32768&seq=2&gpu=h100-sxm");
  // The page state followed the address bar: one more sequence from 2 is 3, not 4.
  await clickPlus(page, "sequences");
  assert.equal(await search(page), "?v=1&m=Qwen/Qwen3-8B&ctx=32768&seq=3&gpu=h100-sxm");
  await page.goBack();
  await page.goBack();
  await settle(page);
  assert.equal(await search(page), "?v=1&m=Qwen/Qwen3-8B&ctx=32768&gpu=h100-sxm");
  await page.goForward();
  await settle(page);
  assert.equal(await search(page), "?v=1&m=Qwen/Qwen3-8B&ctx=32768&seq=2&gpu=h100-sxm");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a mangled link opens with defaults for what it cannot read, and says so", async () => {
  const hostile = "?v=1&ctx=lots&m=no%2Fsuch&seq=%zz&gpu=" + "x".repeat(6000) + "&kv=q8_0";
  const { page, context, errors } = await openPage(env.browser, env.origin, { query: hostile });
  await settle(page);
  await itemRect(page, "link_notice");
  assert.equal(await search(page), "", "nothing readable survived but the cut-off part; the address bar shows the defaults");
  await page.screenshot({ path: resolve(artifacts, "desktop-bad-link.png") });
  assert.deepEqual(errors, []);
  await context.close();
  const ok = await openPage(env.browser, env.origin, { query: "?ctx=lots&kv=q8_0" });
  await settle(ok.page);
  assert.equal(await search(ok.page), "?v=1&kv=q8_0", "good fields beside bad ones are kept");
  await ok.context.close();
});

test("copy link, Markdown, CSV and JSON exports go to the clipboard", async () => {
  const { page, context, errors } = await openPage(env.browser, env.origin, { query: "?ctx=16384" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.origin });
  await settle(page);
  await clickItem(page, "copy_link");
  assert.equal(await lastCopied(page), `${env.origin}/?v=1&ctx=16384`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${env.origin}/?v=1&ctx=16384`);
  await clickItem(page, "export");
  await clickItem(page, "export_markdown");
  const md = await lastCopied(page);
  assert.match(md, /^\*\*Memory estimate:\*\* Llama 3\.1 8B, Q4_K_M, KV f16, 16384 tokens x 1, llama\.cpp, 1 x GeForce RTX 4090/);
  assert.match(md, /\| gpu0 \| KV cache \| 2\.15 \| 2\.00 \|/);
  // The JSON export is the API's result for the same configuration.
  await clickItem(page, "export");
  await clickItem(page, "export_csv");
  const csv = (await lastCopied(page)).split("\r\n");
  assert.equal(csv[0], "Device,Component,bytes,GB,GiB,Formula,Source");
  assert.match(csv[2], /^gpu0,KV cache,2147483648,2\.147,2\.000,/);
  await clickItem(page, "export");
  await clickItem(page, "export_json");
  const json = JSON.parse(await lastCopied(page));
  assert.deepEqual(json, await page.evaluate(() => window.vramfit.estimateLink("?ctx=16384")));
  assert.deepEqual(errors, []);
  await context.close();
});

test("the breakdown chart saves as a PNG", async () => {
  const { page, context } = await openPage(env.browser, env.origin, { width: 1440, height: 900 });
  await settle(page);
  await clickItem(page, "export");
  const download = page.waitForEvent("download");
  await clickItem(page, "export_png");
  const file = await download;
  assert.match(file.suggestedFilename(), /^vramfit-Llama-3\.1-8B-Q4_K_M\.png$/);
  const path = resolve(artifacts, "export-chart.png");
  await file.saveAs(path);
  const png = decodePng(readFileSync(path));
  assert.ok(png.width > 600 && png.height > 150 && png.height < 500, `chart PNG is ${png.width}x${png.height}`);
  assert.ok(inkFraction(png) > 0.05, "the exported chart is not blank");
  await context.close();
});

test("an embed tells its parent page its height, and the copied embed code works as pasted", async () => {
  const { page, context } = await openPage(env.browser, env.origin, { query: "?m=meta-llama/Meta-Llama-3.1-70B&ctx=32768" });
  await settle(page);
  await clickItem(page, "embed");
  await clickItem(page, "copy_embed");
  const snippet = await lastCopied(page);
  assert.match(snippet, new RegExp(`^<iframe src="${env.origin}/\\?v=1&m=meta-llama/Meta-Llama-3\\.1-70B&ctx=32768&embed=1"`));
  // A blog post: a page on another origin (another port) with the snippet pasted in.
  const blogDir = mkdtempSync(join(tmpdir(), "vramfit-blog-"));
  writeFileSync(join(blogDir, "index.html"), `<!doctype html><body style="margin:0;width:700px"><p>Article text.</p>${snippet}</body>`);
  const blogServer = await startServer(blogDir, 0);
  const blog = await context.newPage();
  await blog.goto(`http://127.0.0.1:${blogServer.address().port}/`);
  await blog.waitForFunction(() => parseInt(document.querySelector("iframe").style.height, 10) > 0, null, { timeout: 30000 });
  const height = await blog.evaluate(() => parseInt(document.querySelector("iframe").style.height, 10));
  assert.ok(height > 250 && height < 700, `embed asked for ${height} px`);
  const frame = blog.frames().find((f) => f.url().includes("embed=1"));
  assert.equal(await frame.evaluate(() => window.Module.vfContentHeight), height);
  await blog.setViewportSize({ width: 700, height: height + 40 });
  await blog.screenshot({ path: resolve(artifacts, "embed-700.png") });
  await context.close();
  blogServer.close();
  // Locked: inputs are not offered; the open-in-vramfit link drops embed and lock.
  const locked = await openPage(env.browser, env.origin, { width: 400, height: 600, query: "?embed=1&lock=1&ctx=4096" });
  await settle(locked.page);
  await locked.page.screenshot({ path: resolve(artifacts, "embed-locked-400.png") });
  const popup = locked.page.waitForEvent("popup");
  await clickItem(locked.page, "open_full");
  assert.equal((await popup).url(), `${env.origin}/?v=1&ctx=4096`);
  await locked.context.close();
});

test("after one visit the page works offline, from its own origin only, under its CSP", async () => {
  const { page, context, errors, requests } = await openPage(env.browser, env.origin);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 10000 });
  await context.setOffline(true);
  await page.goto(`${env.origin}/?m=Qwen/Qwen3-8B&ctx=4096`);
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  await settle(page);
  assert.equal(await page.evaluate(() => window.location.search), "?v=1&m=Qwen/Qwen3-8B&ctx=4096");
  const ink = inkFraction(decodePng(await page.screenshot({ path: resolve(artifacts, "offline.png") })));
  assert.ok(ink > 0.01, "offline page is blank");
  await context.setOffline(false);
  const manifest = await page.evaluate(async () => (await fetch("manifest.webmanifest")).json());
  assert.equal(manifest.short_name, "vramfit");
  assert.ok(manifest.icons.some((i) => i.sizes === "512x512"));
  const foreign = requests.filter((u) => !u.startsWith(env.origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page is installable (Chromium's own check: manifest, icons, service worker)", async () => {
  // Installability is never granted in incognito contexts, which newContext() makes: use a real profile.
  const profile = mkdtempSync(join(tmpdir(), "vramfit-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: kChromiumArgs, viewport: { width: 1000, height: 700 } });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  const { url, errors } = await cdp.send("Page.getAppManifest");
  assert.equal(url, `${env.origin}/manifest.webmanifest`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a fine-tuning job: the toggle, its link, and the same numbers as the command line", async () => {
  const { page, context, errors } = await openPage(env.browser, env.origin, { width: 1440, height: 900 });
  await settle(page);
  await clickItem(page, "job_training");
  assert.equal(await search(page), "?v=1&job=training");
  await clickPlus(page, "micro_batch");
  assert.equal(await search(page), "?v=1&job=training&mb=2");
  await page.screenshot({ path: resolve(artifacts, "training-1440x900.png") });
  const shown = await page.evaluate(() => window.vramfit.estimateLink(window.location.search));
  assert.equal(shown.job, "training");
  const fromCli = JSON.parse(spawnSync(cli, ["--link", `${env.origin}/?v=1&job=training&mb=2`]).stdout.toString());
  assert.deepEqual(shown, fromCli);
  // The measured error behind the estimate links to the report, served beside the page.
  await itemRect(page, "accuracy_report");
  const report = await page.evaluate(async () => (await fetch("accuracy.md")).text());
  assert.match(report, /^# /);
  assert.deepEqual(errors, []);
  await context.close();
});
