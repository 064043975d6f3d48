// The Hugging Face reader against a fake Hub (requests to huggingface.co answered by the test; nothing reaches the
// network): a model read by name on request, gated models and their token, a link that names a model asks first,
// errors that change nothing. Every request the page makes to another origin is recorded and checked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve, dirname } from "node:path";
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
// each request's path and Authorization header.
function fakeHub(repos, log, { offline = false } = {}) {
  return (context) => context.route(/^https:\/\/[^/]*(huggingface\.co|hf\.co)\//, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    log.push({ host: url.host, path: url.pathname, auth: request.headers()["authorization"] ?? null, method: request.method() });
    if (offline) return route.abort("internetdisconnected");
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "authorization" };
    if (request.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    const m = url.pathname.match(/^\/(?:api\/models\/)?([^/]+\/[^/]+)(?:\/resolve\/main\/(.+))?$/);
    const repo = m && repos[m[1]];
    const answer = typeof repo === "function" ? repo(request) : repo;
    if (answer === undefined) return route.fulfill({ status: 404, headers: cors, body: "Entry not found" });
    if (typeof answer === "number") return route.fulfill({ status: answer, headers: cors, body: "no" });
    const file = url.pathname.startsWith("/api/models/") ? "api" : m[2];
    if (!(file in answer)) return route.fulfill({ status: 404, headers: cors, body: "Entry not found" });
    return route.fulfill({ status: 200, headers: { ...cors, "content-type": "application/json" }, body: answer[file] });
  });
}

const qwen = { "config.json": configText, "model.safetensors.index.json": index,
               api: JSON.stringify({ id: "Qwen/Qwen3-8B", safetensors: { total: 8190735360 } }) };
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
  await typeRepo(page, "https://huggingface.co/Qwen/Qwen3-8B/tree/main");
  await clickItem(page, "hub_read");
  await waitForUrl(page, /[?&]hf=Qwen\/Qwen3-8B(&|$)/);
  const paths = log.filter((r) => r.method === "GET").map((r) => r.path).sort();
  assert.deepEqual(paths, ["/Qwen/Qwen3-8B/resolve/main/config.json", "/Qwen/Qwen3-8B/resolve/main/model.safetensors.index.json",
                           "/api/models/Qwen/Qwen3-8B"]);
  assert.ok(log.every((r) => r.host === "huggingface.co" && r.auth === null), JSON.stringify(log));
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
