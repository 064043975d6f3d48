// The real llama.cpp runs what vramfit emits (issue 20): for each question below, take the llama-server command
// vramfit writes (`vramfit --link Q --analysis`: launch[0].args), map its flags onto node-llama-cpp's options
// (../shared/ENGINE_LAB.md: contextSize is per sequence, batchSize sets -b and -ub, sequences is -np), load the
// model on the CPU with them, and compare what llama.cpp allocates with vramfit's estimate for the same question:
// the context llama.cpp sets up (n_ctx, n_ctx_seq, n_batch, n_ubatch, flash attention) is the command's, and the
// model, KV and output buffers equal the estimate (two-decimal MiB), the compute buffer within 3%.
//
// Usage: node tests/engine/launch_conformance.mjs
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cli = process.env.VRAMFIT_CLI ?? join(root, "build/native-release/core/vramfit");
const work = join(tmpdir(), `vramfit-launch-${process.pid}`);
mkdirSync(work, { recursive: true });
const MiB = 1048576;

// Questions as share-link queries, CPU only (no GPU here). -b equals -ub in each: node-llama-cpp sets both from
// batchSize, so a command with -b != -ub could not be expressed through it. A sliding-window model appears only
// with --swa-full: otherwise node-llama-cpp raises batchSize by one (512 becomes 513, which it logs), so the
// command's -ub would not reach llama.cpp as written.
const questions = [
  "m=Qwen/Qwen2.5-0.5B&w=Q4_K_M&ctx=1000&seq=3&cpu=1&nb=512&nub=512",
  "m=Qwen/Qwen3-0.6B&w=Q8_0&ctx=4096&seq=1&cpu=1&nb=256&nub=256&kv=q8_0",
  "m=Qwen/Qwen3-0.6B&w=Q4_0&ctx=2048&seq=2&cpu=1&nb=512&nub=512&fa=0",
  "m=Qwen/Qwen2.5-0.5B&w=Q8_0&ctx=3000&seq=4&cpu=1&nb=128&nub=128&kv=q4_0",
  "m=google/gemma-3-270m-it&w=Q8_0&ctx=4096&seq=1&cpu=1&nb=1024&nub=1024&swa=1&kv=q4_0",
];

const lines = [];
const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.debug, logger: (_l, msg) => lines.push(msg) });
async function logged(re) {
  for (let waited = 0; waited < 10000 && !lines.some((l) => re.test(l)); waited += 20) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 20));
}
const num = (log, re) => { const x = log.match(re); return x ? Number(x[1]) : undefined; };

let failures = 0;
console.log("question".padEnd(72), "n_ctx", "model", "KV", "output", "compute (measured/estimated)");
for (const q of questions) {
  const out = spawnSync(cli, ["--link", `?${q}`, "--analysis"]);
  const analysis = JSON.parse(out.stdout.toString());
  if (!analysis.ok) throw new Error(`${q}: ${out.stdout}`);
  const line = analysis.launch.find((l) => l.target === "llama-server");
  const flag = (name) => line.args.find((a) => a.name === name)?.value;
  const has = (name) => line.args.some((a) => a.name === name);
  if (flag("--device") !== "none" || flag("-ngl") !== "0") throw new Error(`${q}: not a CPU-only command`);
  if (flag("-b") !== flag("-ub")) throw new Error(`${q}: -b ${flag("-b")} and -ub ${flag("-ub")} differ`);
  if (flag("-ctk") !== flag("-ctv")) throw new Error(`${q}: -ctk and -ctv differ`);
  const sequences = Number(flag("-np"));
  const options = { contextSize: Number(flag("-c")) / sequences, sequences, batchSize: Number(flag("-b")),
                    flashAttention: flag("-fa") === "on", swaFullCache: has("--swa-full"), ignoreMemorySafetyChecks: true };
  if (flag("-ctk") !== "f16") {
    options.experimentalKvCacheKeyType = flag("-ctk").toUpperCase();
    options.experimentalKvCacheValueType = flag("-ctv").toUpperCase();
  }
  // The sparse GGUF of the command's model and weights (vramfit gguf writes real headers, holes for data).
  const params = new URLSearchParams(q);
  const file = join(work, "model.gguf");
  const w = spawnSync(cli, ["gguf", params.get("m"), params.get("w"), file]);
  if (w.status !== 0) throw new Error(`gguf ${q}: ${w.stderr}`);
  lines.length = 0;
  const model = await llama.loadModel({ modelPath: file, gpuLayers: 0 });
  await logged(/model buffer size/);
  const ctx = await model.createContext(options);
  await logged(/compute buffer size/);
  const log = lines.join("\n");
  await ctx.dispose();
  await model.dispose();
  rmSync(file, { force: true });

  const measured = {
    n_ctx: num(log, /llama_context: n_ctx\s+= (\d+)/), n_batch: num(log, /llama_context: n_batch\s+= (\d+)/),
    n_ubatch: num(log, /llama_context: n_ubatch\s+= (\d+)/), flash: /llama_context: flash_attn\s+= enabled/.test(log),
    model: num(log, /CPU_Mapped model buffer size =\s+([\d.]+) MiB/),
    kv_buffers: [...log.matchAll(/llama_kv_cache:\s+CPU KV buffer size =\s+([\d.]+) MiB/g)].map((x) => Number(x[1])),
    output: num(log, /output buffer size =\s+([\d.]+) MiB/), compute: num(log, /CPU compute buffer size =\s+([\d.]+) MiB/),
  };
  measured.kv = measured.kv_buffers.reduce((a, b) => a + b, 0);
  const host = analysis.devices.find((d) => d.device === "host").components;
  const est = (id) => (host.find((x) => x.id === id)?.bytes ?? 0) / MiB;
  const pad = (x, to) => Math.ceil(x / to) * to;
  const exact = (a, b) => Math.abs(a - b) <= 0.0051;
  const checks = {
    // llama.cpp pads -c to 256, then each sequence's share to 256 (llama-context.cpp), and logs the product.
    n_ctx: measured.n_ctx === pad(pad(Number(flag("-c")), 256) / sequences, 256) * sequences,
    batch: measured.n_batch === Number(flag("-b")) && measured.n_ubatch === Number(flag("-ub")),
    flash: measured.flash === (flag("-fa") === "on"),
    model: exact(measured.model, est("weights")),
    // Each KV buffer is printed to two decimals: the sum may be off by that much per buffer.
    kv: Math.abs(measured.kv - est("kv_cache")) <= 0.0051 * measured.kv_buffers.length,
    output: exact(measured.output, est("output")),
    compute: Math.abs(est("compute") - measured.compute) / measured.compute <= 0.03,
  };
  if (process.env.VRAMFIT_DEBUG)
    console.log(measured, line.text, log.split("\n").filter((l) => /KV buffer|n_ctx|n_batch|n_ubatch|swa|cells/.test(l)).join("\n"));
  const bad = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
  failures += bad.length > 0;
  console.log(q.padEnd(72), measured.n_ctx, checks.model ? "=" : `${measured.model}/${est("weights").toFixed(2)}`,
              checks.kv ? "=" : `${measured.kv}/${est("kv_cache").toFixed(2)}`,
              checks.output ? "=" : `${measured.output}/${est("output").toFixed(2)}`,
              `${measured.compute}/${est("compute").toFixed(2)}`, bad.length ? `FAIL ${bad}` : "ok");
}
rmSync(work, { recursive: true, force: true });
console.log(`\n${questions.length} emitted llama-server commands loaded by the real llama.cpp; ${questions.length - failures} as estimated`);
process.exit(failures ? 1 : 0);
