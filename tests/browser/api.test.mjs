// The ES module (build/web/site/api/vramfit.mjs) in Node and in the browser: same answers as the command line.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync, openSync, readSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch, openPage, siteDir } from "./chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const cli = process.env.VRAMFIT_CLI ?? resolve(here, "../../build/native-release/core/vramfit");
const api = await import(pathToFileURL(resolve(siteDir, "api/vramfit.mjs")).href);
const fromCli = (request) => JSON.parse(spawnSync(cli, ["-"], { input: JSON.stringify(request) }).stdout.toString());

const requests = [
  { model: "meta-llama/Meta-Llama-3.1-8B", weights: "Q4_K_M", context: 8192, gpu: "rtx-4090" },
  { model: "Qwen/Qwen3-30B-A3B", engine: "vllm", weights: "bf16", context: 32768, gpu: { id: "h100-sxm" } },
  { job: "training", model: "meta-llama/Meta-Llama-3.1-8B", method: "qlora", micro_batch: 2, seq_len: 2048 },
  { params: 7e9, format: "nf4-dq" },
  { model: "no/such-model" },
  { model: "meta-llama/Meta-Llama-3.1-8B", gpu: "gtx-9999" },
];

test("in Node: estimate() returns plain objects equal to the command line's JSON", async () => {
  for (const r of requests) assert.deepEqual(await api.estimate(r), fromCli(r), JSON.stringify(r));
  const bad = await api.estimate({ model: 42 });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].field, "model");
});

test("in Node: exports, links and catalogs", async () => {
  const r = requests[0];
  const md = await api.exportResult(r, "markdown");
  assert.equal(md.ok, true);
  assert.equal(md.text, spawnSync(cli, ["-", "--format", "markdown"], { input: JSON.stringify(r) }).stdout.toString());
  const link = await api.encodeLink({ model: "Qwen/Qwen3-8B", context: 32768, gpu_count: 2 });
  assert.equal(link.query, "v=1&m=Qwen/Qwen3-8B&ctx=32768&n=2");
  const decoded = await api.decodeLink("https://example.org/?" + link.query);
  assert.equal(decoded.config.model, "Qwen/Qwen3-8B");
  assert.equal(decoded.config.gpu_count, 2);
  assert.deepEqual(await api.estimateLink(link.query),
                   JSON.parse(spawnSync(cli, ["--link", "?" + link.query]).stdout.toString()));
  // "Which GPUs fit", inference and fine-tuning: the command line's --fits gives the same bytes.
  for (const q of ["v=1&m=Qwen/Qwen3-8B&ctx=32768", "v=1&job=training&tm=qlora&m=meta-llama/Meta-Llama-3.1-70B"]) {
    const fits = await api.whatFits("?" + q);
    assert.equal(fits.ok, true, q);
    assert.ok(fits.gpus.length >= 40, q);
    assert.deepEqual(fits, JSON.parse(spawnSync(cli, ["--link", "?" + q, "--fits"]).stdout.toString()), q);
  }
  const gpus = await api.gpus();
  assert.ok(gpus.items.length >= 60);
  assert.ok(gpus.items.find((g) => g.id === "rtx-4090").memory_bytes > 0);
  const models = await api.models();
  assert.ok(models.items.some((m) => m.id === "meta-llama/Meta-Llama-3.1-8B"));
  assert.equal(await api.apiVersion(), 1);
});

test("in Node: a split GGUF's parts read as one model, as the command line reads them", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vramfit-api-"));
  const made = spawnSync(cli, ["gguf", "Qwen/Qwen3-0.6B", "Q4_K_M", join(dir, "q.gguf"), "--parts", "2"]);
  assert.equal(made.status, 0, made.stderr.toString());
  const paths = [1, 2].map((k) => join(dir, `q-0000${k}-of-00002.gguf`));
  // Each part's first MiB, then what the result asks for, as a browser would read File.slice.
  const parts = paths.map((p) => ({ bytes: new Uint8Array(0), fileBytes: statSync(p).size, path: p }));
  const head = (p, n) => {
    const fd = openSync(p.path, "r"), buf = Buffer.alloc(Math.min(n, p.fileBytes));
    try { readSync(fd, buf, 0, buf.length, 0); } finally { closeSync(fd); }
    return new Uint8Array(buf);
  };
  for (const p of parts) p.bytes = head(p, 1048576);
  let r = await api.inspectParts(parts);
  for (let step = 0; r.status === "need_more_bytes" && step < 16; ++step) {
    parts[r.part].bytes = head(parts[r.part], r.bytes_needed);
    r = await api.inspectParts(parts);
  }
  assert.equal(r.ok, true);
  assert.equal(r.parts, 2);
  assert.deepEqual(r, JSON.parse(spawnSync(cli, ["inspect", ...paths]).stdout.toString()));
  const one = await api.inspectParts([parts[1], parts[0]]);
  assert.equal(one.ok, false);
  assert.equal(one.diagnostics[0].code, "gguf.split_mismatch");
});

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test("in the browser: the same module, imported from the page's origin", async () => {
  const { page, context, errors } = await openPage(env.browser, env.origin);
  const results = await page.evaluate(async (rs) => {
    const m = await import("./api/vramfit.mjs");
    return Promise.all(rs.map((r) => m.estimate(r)));
  }, requests);
  results.forEach((res, i) => assert.deepEqual(res, fromCli(requests[i])));
  assert.deepEqual(errors, []);
  await context.close();
});

test("vramfit compare: each column is the JS API's analyzeLink for its link; the table marks the rows that differ", async () => {
  const links = ["?m=Qwen/Qwen3-30B-A3B&gpu=rtx-4090", "?m=Qwen/Qwen3-30B-A3B&e=sglang&hw=awq-4b-g128&gpu=rtx-4090"];
  const out = JSON.parse(spawnSync(cli, ["compare", ...links, "--format", "json"]).stdout.toString());
  assert.equal(out.compared.length, 2);
  for (let i = 0; i < links.length; i++) assert.deepEqual(out.compared[i], await api.analyzeLink(links[i]), links[i]);
  const table = spawnSync(cli, ["compare", ...links]).stdout.toString();
  assert.match(table, /\*\s+engine\s+llama\.cpp\s+sglang/);
  assert.match(table, /^\s+model\s+Qwen3 30B-A3B\s+Qwen3 30B-A3B/m, "the same model is not marked");
  assert.equal(spawnSync(cli, ["compare", links[0]]).status, 2, "one link is not a comparison");
});
