// Importing files on the page: the readers live in a second module (import/vramfit-import.*) that the first
// visit does not fetch; the first import fetches it once, and what it reads reaches the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, settle } from "./chromium.mjs";
import { decodePng, differingPixels } from "./png.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const cli = process.env.VRAMFIT_CLI ?? resolve(here, "../../build/native-release/core/vramfit");
const configText = readFileSync(resolve(here, "../data/hf_configs/Qwen__Qwen3-8B.json"), "utf8");

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

// Hands files to the page as its drop and file picker do (Module.vfImportFiles), by path, so a large sparse GGUF
// is not read into the test. The files are set on a file input directly (no file chooser: Chromium may refuse a
// chooser that opens soon after another, which made this test flaky on a slow machine).
async function importPaths(page, paths) {
  const input = await page.evaluateHandle(() => {
    const el = document.createElement("input");
    el.type = "file";
    el.multiple = true;
    el.style.display = "none";
    el.onchange = () => { window.Module.vfImportFiles(el.files); el.remove(); };
    document.body.appendChild(el);
    return el;
  });
  await input.setInputFiles(paths);
  await input.dispose();
}

const importRequests = (requests) => requests.filter((u) => u.includes("/import/vramfit-import"));
const waitForItem = (page, id) => page.waitForFunction((k) => !!window.Module.vfItems?.[k], id, { timeout: 20000 });

test("the first visit fetches no file reader; the first import fetches it once and the page takes the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vramfit-import-"));
  const gguf = join(dir, "qwen3-0.6b-q4_k_m.gguf");
  const made = spawnSync(cli, ["gguf", "Qwen/Qwen3-0.6B", "Q4_K_M", gguf]);
  assert.equal(made.status, 0, made.stderr.toString());
  const config = join(dir, "config.json");
  writeFileSync(config, configText);

  const { page, context, errors, requests } = await openPage(env.browser, env.origin);
  await settle(page);
  assert.deepEqual(importRequests(requests), [], "the first visit fetched the import module");
  assert.deepEqual(requests.filter((u) => u.includes("/import/")), [], "the first visit fetched the file glue");
  const before = decodePng(await page.screenshot());

  await importPaths(page, [config]);
  await waitForItem(page, "clear_import");
  await settle(page);
  const afterConfig = decodePng(await page.screenshot());
  assert.ok(differingPixels(before, afterConfig) > 200, "importing config.json changed nothing on the page");
  const fetched = importRequests(requests).length;
  assert.equal(fetched, 2, `expected the module's .js and .wasm once each: ${importRequests(requests)}`);
  assert.equal(requests.filter((u) => u.endsWith("/import/files.js")).length, 1, "the file glue (import/files.js) once");

  // A GGUF (its header; the file is sparse) switches the engine to llama.cpp with the file's own weights; the
  // module is not fetched again.
  await importPaths(page, [gguf]);
  await settle(page, 800);
  assert.equal(importRequests(requests).length, fetched, "the import module was fetched twice");
  assert.ok(differingPixels(afterConfig, decodePng(await page.screenshot())) > 200, "importing the GGUF changed nothing");

  // Not a model file: said under the picker, no error in the console, the page keeps drawing.
  const junk = join(dir, "notes.txt");
  writeFileSync(junk, "hello");
  await importPaths(page, [junk]);
  await settle(page, 500);
  // Config text pasted anywhere on the page goes through the same module (the page's paste listener): the junk
  // file's diagnostic gives way to the config's summary.
  const afterJunk = decodePng(await page.screenshot());
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    window.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
  }, configText);
  await settle(page, 800);
  assert.ok(differingPixels(afterJunk, decodePng(await page.screenshot())) > 200, "pasting config.json changed nothing");
  assert.equal(importRequests(requests).length, fetched, "the import module was fetched again for pasted text");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a split GGUF's parts dropped together read as the whole file; one part alone says it is one part", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vramfit-split-"));
  const whole = join(dir, "qwen3-0.6b-q8_0.gguf");
  for (const args of [[whole], [join(dir, "qwen3-0.6b-q8_0.gguf"), "--parts", "3"]]) {
    const made = spawnSync(cli, ["gguf", "Qwen/Qwen3-0.6B", "Q8_0", ...args]);
    assert.equal(made.status, 0, made.stderr.toString());
  }
  const parts = [1, 2, 3].map((k) => join(dir, `qwen3-0.6b-q8_0-0000${k}-of-00003.gguf`));
  // The estimate at the top of the results: what the model and its weights give (file names are shown elsewhere).
  const results = async (paths) => {
    const { page, context, errors } = await openPage(env.browser, env.origin);
    await settle(page);
    await importPaths(page, paths);
    await waitForItem(page, "clear_import");
    await settle(page, 800);
    const shot = decodePng(await page.screenshot({ clip: { x: 380, y: 60, width: 600, height: 260 } }));
    await context.close();
    return { shot, errors };
  };
  const a = await results([whole]);
  const b = await results([parts[2], parts[0], parts[1]]);  // in any order, as a drop gives them
  const c = await results([parts[0]]);
  assert.equal(differingPixels(a.shot, b.shot), 0, "the parts read together differ from the whole file");
  assert.ok(differingPixels(a.shot, c.shot) > 200, "one part alone read as the whole model");
  assert.deepEqual([...a.errors, ...b.errors, ...c.errors], []);
});

test("a start-up log pasted on the page sets its settings and is shown beside the estimate", async () => {
  const log = readFileSync(resolve(here, "../data/engine_logs/vllm/c006.log"), "utf8");
  const { page, context, errors } = await openPage(env.browser, env.origin, { width: 1440, height: 900, query: "?gpu=h100-sxm" });
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    window.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
  }, log);
  await settle(page, 1200);
  const url = new URL(page.url());
  // vLLM 0.19.1 serving Qwen3-8B at max_model_len 40960: the engine, its release range, the model and context.
  assert.equal(url.searchParams.get("e"), "vllm", page.url());
  assert.equal(url.searchParams.get("vr"), "v0.20", page.url());
  assert.equal(url.searchParams.get("m"), "Qwen/Qwen3-8B", page.url());
  assert.equal(url.searchParams.get("ctx"), "40960", page.url());
  assert.equal(url.searchParams.get("gpu"), "h100-sxm", "what the log does not state stays");
  const items = await page.evaluate(() => window.Module.vfItems);
  assert.ok(items.copy_log_report, "no report button beside the measured figures");
  assert.deepEqual(errors, []);
  await context.close();
});
