// vramfit's JS API as an ES module, for browsers and Node (>= 18). Plain objects in and out; nothing to free.
//
//   import { estimate } from "./vramfit.mjs";
//   const r = await estimate({ model: "meta-llama/Meta-Llama-3.1-8B", weights: "Q4_K_M", context: 8192, gpu: "rtx-4090" });
//
// Every function returns a promise (the module compiles the wasm on first use) and never throws for bad input:
// a bad request gives { ok: false, errors: [{ code, severity, field, message }] }. Types: vramfit.d.ts.
import createVramfitCore from "./vramfit-core.mjs";

let core = null;
const load = () => (core ??= createVramfitCore());
const call = async (name, ...args) => JSON.parse((await load())[name](...args));

/** The estimate for a request (README: "Request"). */
export const estimate = (request) => call("estimateJson", JSON.stringify(request));
/** The result as text: "markdown", "csv", "table" or "json"; { ok, format, text }. */
export const exportResult = (request, format = "markdown") => call("exportJson", JSON.stringify(request), format);
/** What a page link holds: { config, diagnostics }. Takes a URL, "?query" or "#fragment". */
export const decodeLink = (link) => call("shareDecodeJson", String(link));
/** A page configuration (fields as decodeLink gives them; missing ones default) as a query: { query, diagnostics }. */
export const encodeLink = (config) => call("shareEncodeJson", JSON.stringify(config ?? {}));
/** The estimate the page shows for a link. */
export const estimateLink = (link) => call("estimateLinkJson", String(link));
/** Which GPUs of the catalog hold a link's configuration (inference or fine-tuning), on 1, 2, 4 or 8 of them:
 *  { job, gpus: [{ id, name, gpus_needed, ... }], diagnostics }, fewest GPUs first, then least memory. */
export const whatFits = (link) => call("whatFitsLinkJson", String(link));
/** Everything the page shows for a link: the estimate plus formats side by side, largest context, GPUs needed,
 *  both sweeps with their limits, every catalog GPU's fit and (gpu=any) the catalog's answer. */
export const analyzeLink = (link) => call("analyzeLinkJson", String(link));
/** Fit mode: the best settings for a link's hardware towards a goal ("quality", "context", "sequences", "speed"),
 *  the runners-up with why they lost, each with the link that opens it, and the best one's command. */
export const fitLink = (link, goal = "quality") => call("fitLinkJson", String(link), String(goal));
/** What an engine's start-up log says (vLLM today): engine, version, model, settings, what it measured, the lines
 *  read, and diagnostics for what could not be read. Nothing leaves the machine. */
export const readLog = (text) => call("readLogJson", String(text));
/** The GPU catalog: { items: [{ id, name, memory_bytes, bandwidth_gb_s, ... }] }. */
export const gpus = () => call("catalogJson", "gpus");
/** The model presets: { items: [{ id, name, params_total, ... }] }. */
export const models = () => call("catalogJson", "models");
/** What the start of a GGUF / safetensors / index / config.json file holds (Uint8Array of its first bytes). */
export const inspectFile = async (bytes, fileBytes = bytes.length) => JSON.parse((await load()).inspectFileJson(bytes, fileBytes));
/** The parts of a split GGUF (name-00001-of-00003.gguf ...), in order, as one model: [{ bytes, fileBytes }]. While
 *  the result says need_more_bytes, give `part` (0-based) its first `bytes_needed` bytes and call again. */
export const inspectParts = async (parts) =>
  JSON.parse((await load()).inspectPartsJson(parts.map((p) => p.bytes), parts.map((p) => p.fileBytes ?? p.bytes.length)));
/** The request/result schema version. */
export const apiVersion = async () => (await load()).apiVersion;

// A File, Blob or Uint8Array as a Blob; its first n bytes.
const asBlob = (f) => (f instanceof Uint8Array ? new Blob([f]) : f);
const head = async (blob, n) => new Uint8Array(await blob.slice(0, Math.min(blob.size, n)).arrayBuffer());
/** What a GGUF, safetensors, index or config.json file holds (a File, Blob or Uint8Array), reading only as much
 *  of it as the header needs (Blob.slice). The page's window.vramfit.inspectFile. */
export async function inspectBlob(file) {
  const blob = asBlob(file);
  let n = 1048576, result = null;
  for (let step = 0; step < 24; ++step) {
    result = await inspectFile(await head(blob, n), blob.size);
    if (result.status !== "need_more_bytes" || !(result.bytes_needed > n)) break;
    n = result.bytes_needed;
  }
  return result;
}
/** A split GGUF's parts (Files, Blobs or Uint8Arrays, in order) as one model, each part's header only. The page's
 *  window.vramfit.inspectParts. */
export async function inspectBlobs(files) {
  const blobs = Array.from(files, asBlob);
  const parts = await Promise.all(blobs.map(async (b) => ({ bytes: await head(b, 1048576), fileBytes: b.size })));
  let result = null;
  for (let step = 0; step < 64; ++step) {
    result = await inspectParts(parts);
    const b = blobs[result.part];
    if (result.status !== "need_more_bytes" || !b || !(result.bytes_needed > parts[result.part].bytes.length)) break;
    parts[result.part].bytes = await head(b, result.bytes_needed);
  }
  return result;
}
