// Browser tests: the built page in headless Chromium, served from 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, settle, clickItem, clickPlus } from "./chromium.mjs";
import { decodePng, inkFraction, differingPixels } from "./png.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = resolve(here, "artifacts");
mkdirSync(artifacts, { recursive: true });
const cli = process.env.VRAMFIT_CLI ?? resolve(here, "../../build/native-release/core/vramfit");

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test("page loads, draws, and logs no errors", async () => {
  const { page, context, errors } = await openPage(env.browser, env.origin);
  await settle(page);
  const shot = await page.screenshot({ path: resolve(artifacts, "desktop-1000x700.png") });
  const ink = inkFraction(decodePng(shot));
  assert.ok(ink > 0.01, `canvas looks blank: ${(ink * 100).toFixed(2)}% ink`);
  assert.equal(await page.locator("#loading").count(), 0, "loading indicator still shown");
  assert.equal(await page.title(), "vramfit: how much GPU memory does this LLM need?");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the JS API returns exactly what the native command line returns", async () => {
  const { page, context } = await openPage(env.browser, env.origin);
  const requests = [
    '{"params": 8030261248, "format": "bf16"}',
    '{"params": 70553706496, "format": "q4_K"}',
    '{"params": 7e9, "format": "nf4-dq", "row_elements": 11008}',
    '{"params": "seven"}',
    '{"params": 7e9, "format": ',
    '{"model": "meta-llama/Meta-Llama-3-8B", "engine": "llama.cpp", "weights": "Q4_K_M", "context": 8192}',
    '{"model": "Qwen/Qwen3-30B-A3B", "engine": "vllm", "weights": "bf16", "context": 32768, "gpu": {"memory_gb": 80}}',
    '{"model": "google/gemma-2-9b", "engine": "transformers", "weights": "nf4-dq", "context": 4096}',
    '{"model": "no/such-model"}',
  ];
  // The wasm the page's JS API loads (api/vramfit-core.mjs), called raw: the exact bytes of its JSON.
  await page.evaluate(async () => { window.core = await (await import("./api/vramfit-core.mjs")).default(); });
  for (const request of requests) {
    const fromPage = await page.evaluate((r) => window.core.estimateJson(r), request);
    const fromCli = spawnSync(cli, ["-"], { input: request }).stdout.toString().replace(/\n$/, "");
    assert.equal(fromPage, fromCli, request);
  }
  const viaWrapper = await page.evaluate(() => window.vramfit.estimate({ params: 8030261248, format: "bf16" }));
  assert.equal(viaWrapper.weights_bytes, 16060522496);
  // A split GGUF's parts through the page's wrapper (Uint8Arrays here; Files from a drop work the same way): the
  // command line's answer for the same files.
  const dir = mkdtempSync(join(tmpdir(), "vramfit-parts-"));
  writeFileSync(join(dir, "tiny.json"), JSON.stringify({ model_type: "llama", hidden_size: 64, num_hidden_layers: 2,
    num_attention_heads: 4, num_key_value_heads: 2, intermediate_size: 128, vocab_size: 32, max_position_embeddings: 256 }));
  assert.equal(spawnSync(cli, ["gguf", join(dir, "tiny.json"), "Q8_0", join(dir, "t.gguf"), "--parts", "2"]).status, 0);
  const paths = [1, 2].map((k) => join(dir, `t-0000${k}-of-00002.gguf`));
  const parts = await page.evaluate((files) => window.vramfit.inspectParts(files.map((f) => Uint8Array.from(f))),
                                    paths.map((p) => Array.from(readFileSync(p))));
  assert.equal(parts.ok, true);
  assert.deepEqual(parts, JSON.parse(spawnSync(cli, ["inspect", ...paths]).stdout.toString()));
  const one = await page.evaluate((f) => window.vramfit.inspectFile(Uint8Array.from(f)), Array.from(readFileSync(paths[0])));
  assert.deepEqual(one, JSON.parse(spawnSync(cli, ["inspect", paths[0]]).stdout.toString()));
  await context.close();
});

test("a simulated input changes what is drawn", async () => {
  const { page, context } = await openPage(env.browser, env.origin);
  await settle(page);
  const before = decodePng(await page.screenshot());
  // "+" beside "Concurrent sequences" in the inputs column: one more sequence grows the KV cache.
  await clickPlus(page, "sequences");
  await settle(page);
  const afterShot = await page.screenshot({ path: resolve(artifacts, "desktop-after-input.png") });
  const changed = differingPixels(before, decodePng(afterShot));
  assert.ok(changed > 200, `only ${changed} pixels changed after adding a sequence`);
  await context.close();
});

test("text is rendered at the device pixel ratio (crisp on HiDPI)", async () => {
  for (const dpr of [1, 2, 3]) {
    const { page, context, errors } = await openPage(env.browser, env.origin, { width: 390, height: 844, deviceScaleFactor: dpr });
    await settle(page);
    const size = await page.evaluate(() => [document.getElementById("canvas").width, window.devicePixelRatio]);
    assert.deepEqual(size, [390 * dpr, dpr]);
    await page.screenshot({ path: resolve(artifacts, `phone-390x844@${dpr}x.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the page follows window resizes", async () => {
  const { page, context } = await openPage(env.browser, env.origin);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForFunction(() => document.getElementById("canvas").width === 1440, null, { timeout: 5000 });
  await settle(page);
  await page.screenshot({ path: resolve(artifacts, "desktop-1440x900.png") });
  await context.close();
});

test("the page stops drawing when idle", async () => {
  const { page, context } = await openPage(env.browser, env.origin);
  await page.waitForTimeout(1500);
  const a = await page.evaluate(() => window.Module.vfFrames);
  await page.waitForTimeout(1500);
  const b = await page.evaluate(() => window.Module.vfFrames);
  assert.equal(b, a, `drew ${b - a} frames while idle`);
  await page.mouse.move(200, 200);
  await page.waitForTimeout(200);
  const c = await page.evaluate(() => window.Module.vfFrames);
  assert.ok(c > b, "input did not wake the frame loop");
  await context.close();
});

test("settings persist in localStorage, not a file system", async () => {
  const { page, context } = await openPage(env.browser, env.origin);
  await page.mouse.move(300, 300);
  await page.waitForTimeout(1000);
  const keys = await page.evaluate(() => Object.keys(window.localStorage));
  assert.ok(keys.includes("vramfit.imgui"), `localStorage keys: ${keys}`);
  await context.close();
});

test("the page makes no request to any other origin", async () => {
  const { page, context, requests } = await openPage(env.browser, env.origin);
  await settle(page);
  const foreign = requests.filter((u) => !u.startsWith(env.origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  await context.close();
});

test("without WebGL2 the page says so instead of failing silently", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === "webgl2" ? null : orig.call(this, type, ...rest); };
  });
  const page = await context.newPage();
  await page.goto(`${env.origin}/`);
  await page.waitForSelector("[role=alert]");
  assert.match(await page.textContent("[role=alert]"), /WebGL2/);
  await context.close();
});

test("dark and light themes: the system's by default, switchable and remembered; screenshots of both", async () => {
  for (const scheme of ["light", "dark"]) {
    for (const [width, height] of [[390, 844], [1440, 900]]) {
      const context = await env.browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${env.origin}/?m=meta-llama/Meta-Llama-3.1-70B&ctx=32768`);
      await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
      await settle(page);
      const png = decodePng(await page.screenshot({ path: resolve(artifacts, `${scheme}-${width}x${height}.png`) }));
      const corner = png.pixels[(4 * png.width + 4) * 4];  // red channel of the background near the top-left
      if (scheme === "dark") assert.ok(corner < 60, `dark theme background is ${corner}`);
      else assert.ok(corner > 200, `light theme background is ${corner}`);
      await context.close();
    }
  }
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, colorScheme: "light" });
  const page = await context.newPage();
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  await settle(page);
  await clickItem(page, "theme");
  await settle(page);
  const dark = decodePng(await page.screenshot());
  assert.ok(dark.pixels[(4 * dark.width + 4) * 4] < 60, "the switch did not turn the page dark");
  await page.reload();
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  await settle(page);
  const again = decodePng(await page.screenshot());
  assert.ok(again.pixels[(4 * again.width + 4) * 4] < 60, "the chosen theme was not remembered");
  await context.close();
});

test("touch screens: a tap on a number field calls up a number pad, and what is typed there reaches the page", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 1300 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => (window.Module?.vfFrames ?? 0) >= 1, null, { timeout: 30000 });
  await settle(page);
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return e && e.id === "vf-keyboard" ? e.inputMode : null;
  });
  // The text part of "Concurrent sequences" (ImGui's - and + sit at its right), tapped just left of them, where
  // the cursor lands after the value "1".
  const [x, y, w, h] = await page.evaluate(() => window.Module.vfItems.sequences);
  const fields = await page.evaluate(() => window.Module.vfTextFields);
  const field = fields.find((f) => f[1] === y && f[4] === 1);
  assert.ok(field, `no number field published at the sequences' row: ${JSON.stringify(fields)}`);
  assert.ok(field[2] < w - 2 * h, "the step buttons are not part of the field");
  assert.equal(await focused(), null, "no keyboard before a tap");
  await page.touchscreen.tap(field[0] + field[2] - 4, y + h / 2);
  await settle(page);
  assert.equal(await focused(), "decimal", "a tap on a number field focuses the hidden input with a number pad");

  // A virtual keyboard (Android): key events carry no key, the text arrives as input events.
  await page.evaluate(() => {
    const i = document.getElementById("vf-keyboard");
    i.value = "";
    i.dispatchEvent(new InputEvent("input", { inputType: "deleteContentBackward" }));
  });
  await page.keyboard.insertText("12");
  await page.keyboard.press("Enter");
  await settle(page);
  assert.match(page.url(), /[?&]seq=12(&|$)/);
  assert.equal(await focused(), null, "the keyboard goes when the edit ends");

  // A keyboard that sends real key events (iOS, or a hardware keyboard): each character arrives once (ImGui
  // selects a number field's text when it is activated, so what is typed replaces it).
  await page.touchscreen.tap(field[0] + field[2] - 4, y + h / 2);
  await settle(page);
  await page.keyboard.type("34");
  await page.keyboard.press("Enter");
  await settle(page);
  assert.match(page.url(), /[?&]seq=34(&|$)/);

  // A tap elsewhere never calls up the keyboard.
  await page.touchscreen.tap(x + w / 2, 10);
  await settle(page);
  assert.equal(await focused(), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test("any GPU: the page says which GPUs fit before anything else; the chart switches to memory vs sequences", async () => {
  const { page, context, errors } = await openPage(env.browser, env.origin, { width: 1440, height: 2000, query: "?gpu=any&m=meta-llama/Meta-Llama-3.1-70B" });
  await settle(page);
  const items = await page.evaluate(() => window.Module.vfItems);
  assert.ok(items.any_smallest, "the verdict names the smallest GPU that holds the model");
  assert.ok(items.what_fits[1] < items.sweep_chart[1], "which GPUs fit comes before the chart when any GPU will do");
  await page.screenshot({ path: resolve(artifacts, "any-gpu-1440.png") });
  const [x, y, w, h] = items.sweep_chart;
  const clip = { x, y, width: w, height: h };
  const before = decodePng(await page.screenshot({ clip }));
  await clickItem(page, "chart_batch");
  const after = decodePng(await page.screenshot({ clip, path: resolve(artifacts, "chart-vs-sequences.png") }));
  assert.ok(differingPixels(before, after) > 500, "the chart redraws against concurrent sequences");
  assert.match(page.url(), /gpu=any/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("fit to my hardware: the best settings are one click away, the address bar and the command follow them", async () => {
  // Issue 20's first worked example: Qwen3-30B-A3B on an 8 GB GPU with 32 GB of RAM, for the best quality (the
  // goal the page starts with).
  const { page, context, errors } = await openPage(env.browser, env.origin,
    { width: 1440, height: 1400, query: "?m=Qwen/Qwen3-30B-A3B&gpu=rtx-4060&ram=32&ctx=16384" });
  await settle(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.origin });
  const before = page.url();
  await clickItem(page, "fit_run");
  await settle(page);
  const items = await page.evaluate(() => window.Module.vfItems);
  assert.ok(items.fit_use_best, "fit mode shows its best configuration with a button to use it");
  await page.screenshot({ path: resolve(artifacts, "fit-1440.png") });
  await clickItem(page, "fit_use_best");
  await settle(page, 500);
  const link = new URL(page.url());
  assert.notEqual(page.url(), before, "using the best settings changes the link");
  // The page's link now opens the fit: the same answer as fit mode on the command line.
  const expected = JSON.parse(spawnSync(cli, ["--link", before.slice(before.indexOf("?")), "--fit", "quality"]).stdout.toString());
  assert.equal(expected.found, true);
  assert.equal(link.searchParams.get("w"), expected.best.settings.weights);
  assert.equal(Number(link.searchParams.get("ncmoe")), expected.best.settings.n_cpu_moe);
  // The command under "Run it" is the fit's.
  await clickItem(page, "copy_command");
  await settle(page);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, expected.launch.text);
  assert.deepEqual(errors, []);
  await context.close();
});
