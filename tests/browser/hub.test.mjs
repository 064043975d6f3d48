// The Hugging Face reader against a fake Hub (requests to huggingface.co answered by the test; nothing reaches the
// network): a model read by name on request, gated models and their token, a link that names a model asks first,
// errors that change nothing. Every request the page makes to another origin is recorded and checked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, statSync, openSync, readSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { resolve, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, settle, clickItem } from "./chromium.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const configText = readFileSync(resolve(here, "../data/hf_configs/Qwen__Qwen3-8B.json"), "utf8");
const index = JSON.stringify({ metadata: { total_size: 16381470720 },
  weight_map: { "model.embed_tokens.weight": "model-00001-of-00005.safetensors", "lm_head.weight": "model-00005-of-00005.safetensors" } });

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

// A fake huggingface.co: `repos` maps "org/name" to its files (or to an HTTP status for every file); the log gets
// each request's path, Authorization and Range headers. A file given as {bytes(start, end), size} is served only by
// range (206 with Content-Range, as the Hub's file hosts answer); a request for it without a range gets 416.
function fakeHub(repos, log, { offline = false } = {}) {
  return (context) => context.route(/^https:\/\/[^/]*(huggingface\.co|hf\.co)\//, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const entry = { host: url.host, path: url.pathname, auth: request.headers()["authorization"] ?? null, method: request.method(),
                    range: request.headers()["range"] ?? null, served: 0 };
    log.push(entry);
    if (offline) return route.abort("internetdisconnected");
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "authorization, range",
                   "access-control-expose-headers": "content-range" };
    if (request.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    const m = url.pathname.match(/^\/(?:api\/models\/)?([^/]+\/[^/]+)(?:\/resolve\/main\/(.+))?$/);
    const repo = m && repos[m[1]];
    const answer = typeof repo === "function" ? repo(request) : repo;
    if (answer === undefined) return route.fulfill({ status: 404, headers: cors, body: "Entry not found" });
    if (typeof answer === "number") return route.fulfill({ status: answer, headers: cors, body: "no" });
    const file = url.pathname.startsWith("/api/models/") ? "api" : m[2];
    if (!(file in answer)) return route.fulfill({ status: 404, headers: cors, body: "Entry not found" });
    const served = answer[file];
    if (typeof served === "object") {
      const r = /^bytes=(\d+)-(\d+)$/.exec(request.headers()["range"] ?? "");
      if (!r || Number(r[1]) > Number(r[2]) || Number(r[1]) >= served.size) return route.fulfill({ status: 416, headers: cors, body: "" });
      const start = Number(r[1]), end = Math.min(Number(r[2]), served.size - 1);
      const body = served.bytes(start, end);
      entry.served = body.length;
      return route.fulfill({ status: 206, headers: { ...cors, "content-range": `bytes ${start}-${end}/${served.size}` }, body });
    }
    return route.fulfill({ status: 200, headers: { ...cors, "content-type": "application/json" }, body: served });
  });
}

const qwen = { "config.json": configText, "model.safetensors.index.json": index,
               api: JSON.stringify({ id: "Qwen/Qwen3-8B", safetensors: { total: 8190735360 },
                                     siblings: [{ rfilename: "config.json", size: configText.length }, { rfilename: "README.md", size: 9 },
                                                { rfilename: "model.safetensors.index.json", size: index.length },
                                                { rfilename: "model-00001-of-00005.safetensors", size: 3996250744 }] }) };
// A file on disk served by range.
function onDisk(path) {
  const size = statSync(path).size;
  return { size, bytes: (start, end) => {
    const fd = openSync(path, "r"), buf = Buffer.alloc(end - start + 1);
    try { readSync(fd, buf, 0, buf.length, start); } finally { closeSync(fd); }
    return buf;
  } };
}
// The service worker is blocked in these pages (Playwright's routes do not see a worker's requests); its warning
// is the test's doing, not the page's.
const pageErrors = (errors) => errors.filter((e) => !/Service Worker registration blocked/.test(e));
const hubRequests = (requests) => requests.filter((u) => /huggingface\.co|hf\.co/.test(new URL(u).host));
const otherOrigins = (requests, origin) => requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"));

async function typeRepo(page, text) {
  if (!(await page.evaluate(() => !!window.Module.vfItems?.hub_input))) await clickItem(page, "hub_open");
  await clickItem(page, "hub_input");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
  await settle(page, 100);
}
async function until(condition, ms = 20000) {
  for (const end = Date.now() + ms; !condition(); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > end) throw new Error("timed out");
}
const waitForUrl = (page, pattern) => page.waitForFunction((p) => new RegExp(p).test(location.href), pattern.source, { timeout: 20000 });

test("a model read by name from the Hub on request: three files asked for, the link names it", async () => {
  const log = [];
  const { page, context, errors, requests } = await openPage(env.browser, env.origin, { prepare: fakeHub({ "Qwen/Qwen3-8B": qwen }, log) });
  await settle(page);
  assert.deepEqual(hubRequests(requests), [], "the page asked the Hub for something before the user did");
  const readerScript = () => requests.filter((u) => u.endsWith("/import/hub.js")).length;
  assert.equal(readerScript(), 0, "the first visit fetched the Hub reader");
  await typeRepo(page, "https://huggingface.co/Qwen/Qwen3-8B/tree/main");
  await clickItem(page, "hub_read");
  await waitForUrl(page, /[?&]hf=Qwen\/Qwen3-8B(&|$)/);
  const paths = log.filter((r) => r.method === "GET").map((r) => r.path).sort();
  assert.deepEqual(paths, ["/Qwen/Qwen3-8B/resolve/main/config.json", "/Qwen/Qwen3-8B/resolve/main/model.safetensors.index.json",
                           "/api/models/Qwen/Qwen3-8B"]);
  assert.ok(log.every((r) => r.host === "huggingface.co" && r.auth === null), JSON.stringify(log));
  assert.equal(readerScript(), 1, "the Hub reader (import/hub.js, the page's own origin) is fetched on the first read");
  // Nothing else left the page: the module it fetched is its own.
  assert.deepEqual(otherOrigins(requests, env.origin).filter((u) => !/huggingface\.co/.test(u)), []);
  assert.deepEqual(pageErrors(errors), []);
  await context.close();
});

test("a gated model asks for a token, sends it with the next read only, and then forgets it", async () => {
  const log = [];
  const gated = (request) => request.headers()["authorization"] === "Bearer hf_test_token" ? qwen : 401;
  const { page, context, errors } = await openPage(env.browser, env.origin, { prepare: fakeHub({ "meta-llama/Gated-8B": gated }, log) });
  await typeRepo(page, "meta-llama/Gated-8B");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !!window.Module.vfItems?.hub_token, null, { timeout: 20000 });
  assert.ok(!/hf=/.test(page.url()), "a refused read changed the link");
  await clickItem(page, "hub_token");
  await page.keyboard.type("hf_test_token");
  await clickItem(page, "hub_read");
  await waitForUrl(page, /[?&]hf=meta-llama\/Gated-8B(&|$)/);
  const authorised = log.filter((r) => r.auth !== null);
  assert.ok(authorised.length >= 2 && authorised.every((r) => r.auth === "Bearer hf_test_token" && r.host === "huggingface.co"));
  // The token is gone: reading again sends none (and is refused again).
  const before = log.length;
  await typeRepo(page, "meta-llama/Gated-8B");
  await clickItem(page, "hub_read");
  await page.waitForFunction(() => !!window.Module.vfItems?.hub_token, null, { timeout: 20000 });
  assert.ok(log.slice(before).every((r) => r.auth === null), JSON.stringify(log.slice(before)));
  assert.ok(!page.url().includes("hf_test_token"));
  assert.deepEqual(pageErrors(errors).filter((e) => !/401|Failed to load resource/.test(e)), []);
  await context.close();
});

test("a link that names a Hub model asks before reading it; errors leave the page as it was", async () => {
  const log = [];
  const { page, context } = await openPage(env.browser, env.origin,
    { query: "?v=1&hf=Qwen/Qwen3-8B&ctx=16384", prepare: fakeHub({ "Qwen/Qwen3-8B": qwen }, log) });
  await page.waitForFunction(() => !!window.Module.vfItems?.hub_not_now, null, { timeout: 20000 });
  await settle(page, 500);
  assert.deepEqual(log, [], "the link was read without asking");
  await clickItem(page, "hub_read");
  await until(() => log.filter((r) => r.method === "GET").length >= 3);
  await settle(page, 500);
  assert.equal(log.filter((r) => r.method === "GET").length, 3);
  assert.match(page.url(), /[?&]hf=Qwen\/Qwen3-8B(&|$)/);
  assert.match(page.url(), /[?&]ctx=16384(&|$)/);
  await context.close();

  // Not found, rate-limited and offline: the link and the model stay as they were.
  for (const [repos, options] of [[{}, {}], [{ "Qwen/Qwen3-8B": 429 }, {}], [{ "Qwen/Qwen3-8B": qwen }, { offline: true }]]) {
    const log2 = [];
    const { page: p, context: c, errors } = await openPage(env.browser, env.origin, { query: "?v=1&ctx=16384", prepare: fakeHub(repos, log2, options) });
    await typeRepo(p, "Qwen/Qwen3-8B");
    const url = p.url();
    await clickItem(p, "hub_read");
    await settle(p, 1500);
    assert.ok(log2.length >= 1, "no request was made");
    assert.equal(p.url(), url, JSON.stringify(repos));
    assert.deepEqual(pageErrors(errors).filter((e) => !/429|404|Failed to load resource|huggingface.co could not be read|ERR_INTERNET_DISCONNECTED/.test(e)), []);
    await c.close();
  }
});

test("a typed text that is not a repository asks nothing of the Hub", async () => {
  const log = [];
  const { page, context } = await openPage(env.browser, env.origin, { prepare: fakeHub({}, log) });
  for (const text of ["not a repo", "https://evil.example/Qwen/Qwen3-8B", "../../etc/passwd"]) {
    await typeRepo(page, text);
    await clickItem(page, "hub_read");
  }
  await settle(page, 500);
  assert.deepEqual(log, []);
  await context.close();
});

test("a GGUF repository lists its models; the chosen file's header is read by range requests, never the weights", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vramfit-hub-"));
  const gguf = join(dir, "Qwen3-0.6B-Q4_K_M.gguf");
  for (const [ftype, out, more] of [["Q4_K_M", gguf, []], ["Q8_0", join(dir, "Qwen3-0.6B-Q8_0.gguf"), ["--parts", "2"]]]) {
    const made = spawnSync(process.env.VRAMFIT_CLI, ["gguf", "Qwen/Qwen3-0.6B", ftype, out, ...more]);
    assert.equal(made.status, 0, made.stderr.toString());
  }
  const file = onDisk(gguf);
  const split = [1, 2].map((k) => onDisk(join(dir, `Qwen3-0.6B-Q8_0-0000${k}-of-00002.gguf`)));
  const repo = { api: JSON.stringify({ id: "unsloth/Qwen3-0.6B-GGUF", siblings: [
      { rfilename: "README.md", size: 100 }, { rfilename: "Qwen3-0.6B-BF16.gguf", size: 10 * file.size },
      { rfilename: "Qwen3-0.6B-Q4_K_M.gguf", size: file.size }, { rfilename: "mmproj-F16.gguf", size: 1000 },
      { rfilename: "Q8_0/Qwen3-0.6B-Q8_0-00002-of-00002.gguf", size: split[1].size },
      { rfilename: "Q8_0/Qwen3-0.6B-Q8_0-00001-of-00002.gguf", size: split[0].size }] }),
    "Qwen3-0.6B-Q4_K_M.gguf": file,
    "Q8_0/Qwen3-0.6B-Q8_0-00001-of-00002.gguf": split[0], "Q8_0/Qwen3-0.6B-Q8_0-00002-of-00002.gguf": split[1] };
  const log = [];
  const { page, context, errors } = await openPage(env.browser, env.origin, { prepare: fakeHub({ "unsloth/Qwen3-0.6B-GGUF": repo }, log) });
  await typeRepo(page, "unsloth/Qwen3-0.6B-GGUF");
  await clickItem(page, "hub_read");
  await page.waitForFunction(() => !!window.Module.vfItems?.hub_files, null, { timeout: 20000 });
  // Only the file list so far; the link does not name the repository until a model is read.
  assert.deepEqual(log.filter((r) => r.method === "GET").map((r) => r.path), ["/api/models/unsloth/Qwen3-0.6B-GGUF"]);
  assert.ok(!/hf=/.test(page.url()));
  await clickItem(page, "hub_files");
  await page.waitForFunction(() => !!window.Module.vfItems?.hub_file_2, null, { timeout: 20000 });
  // Three models, smallest first: the projector is left out and the split model counts once.
  assert.equal(await page.evaluate(() => !!window.Module.vfItems?.hub_file_3), false);
  await clickItem(page, "hub_file_0");
  await waitForUrl(page, /[?&]hf=unsloth\/Qwen3-0.6B-GGUF(&|$)/);
  // Each file's ranges continue each other from byte 0; what was read is the header, a sliver of the file.
  const rangesOf = (path) => {
    const reads = log.filter((r) => r.method === "GET" && r.path === path);
    assert.ok(reads.length >= 1 && reads.every((r) => r.range !== null), JSON.stringify(reads));
    let next = 0;
    for (const r of reads) {
      assert.equal(Number(/^bytes=(\d+)-/.exec(r.range)[1]), next, JSON.stringify(reads));
      next += r.served;
    }
    return next;
  };
  const base = "/unsloth/Qwen3-0.6B-GGUF/resolve/main/";
  const read = rangesOf(base + "Qwen3-0.6B-Q4_K_M.gguf");
  assert.ok(read > 0 && read < 16 * 1048576 && read < file.size / 10, `read ${read} of ${file.size} bytes`);
  assert.ok(log.every((r) => !r.path.endsWith(".gguf") || r.path.endsWith("Q4_K_M.gguf")), "another file was read");
  // The GGUF is the page's model now (llama.cpp, the default engine, with the file's own weights).
  assert.ok(await page.evaluate(() => !!window.Module.vfItems?.clear_import));
  assert.ok(!/[?&]e=/.test(page.url()), page.url());

  // The split model: both parts' headers, read as one model.
  await clickItem(page, "hub_files");
  await page.waitForFunction(() => !!window.Module.vfItems?.hub_file_1, null, { timeout: 20000 });
  await clickItem(page, "hub_file_1");
  await until(() => log.some((r) => r.path.endsWith("00002-of-00002.gguf") && r.method === "GET"));
  await settle(page, 1500);
  const first = rangesOf(base + "Q8_0/Qwen3-0.6B-Q8_0-00001-of-00002.gguf");
  const second = rangesOf(base + "Q8_0/Qwen3-0.6B-Q8_0-00002-of-00002.gguf");
  assert.ok(first + second < (split[0].size + split[1].size) / 10);
  assert.match(page.url(), /[?&]hf=unsloth\/Qwen3-0.6B-GGUF(&|$)/);
  assert.deepEqual(pageErrors(errors), []);
  await context.close();
});

test("a single-file checkpoint: config.json, then model.safetensors's header by range", async () => {
  const tensors = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const [name, shape] of [["model.embed_tokens.weight", [151936, 1024]], ["model.norm.weight", [1024]]]) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 2;
    tensors[name] = { dtype: "BF16", shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const header = Buffer.from(JSON.stringify(tensors));
  const head = Buffer.alloc(8 + header.length);
  head.writeBigUInt64LE(BigInt(header.length));
  header.copy(head, 8);
  const size = head.length + offset;
  const weights = { size, bytes: (start, end) => Buffer.concat([head, Buffer.alloc(Math.max(0, end + 1 - head.length))]).subarray(start, end + 1) };
  const small = readFileSync(resolve(here, "../data/hf_configs/Qwen__Qwen3-0.6B.json"), "utf8");
  const repo = { "config.json": small, "model.safetensors": weights,
                 api: JSON.stringify({ id: "Qwen/Qwen3-0.6B", siblings: [{ rfilename: "config.json" }, { rfilename: "model.safetensors", size }] }) };
  const log = [];
  const { page, context, errors } = await openPage(env.browser, env.origin, { prepare: fakeHub({ "Qwen/Qwen3-0.6B": repo }, log) });
  await typeRepo(page, "Qwen/Qwen3-0.6B");
  await clickItem(page, "hub_read");
  await waitForUrl(page, /[?&]hf=Qwen\/Qwen3-0.6B(&|$)/);
  const reads = log.filter((r) => r.method === "GET" && r.path.endsWith("model.safetensors"));
  assert.ok(reads.length >= 1 && reads.every((r) => r.range !== null), JSON.stringify(reads));
  const got = reads.reduce((a, r) => a + r.served, 0);
  assert.ok(got >= head.length && got <= 1048576, `read ${got} bytes of ${size}`);
  assert.deepEqual(pageErrors(errors), []);
  await context.close();
});
