// Types for vramfit.mjs. Byte counts are plain numbers (doubles, exact to 2^53); GB = 1e9 bytes.

export type Engine = "llama.cpp" | "ollama" | "vllm" | "sglang" | "transformers" | "rule-of-thumb";

export interface Diagnostic {
  code: string;                      // stable, e.g. "request.unknown_model", "link.bad_value"
  severity?: "error" | "warning" | "note";
  field: string;                     // the input it is about
  message: string;                   // English sentence with the values filled in
}

export interface GpuSpec {
  id?: string;                       // a catalog id ("rtx-4090"): its figures, overridable by the fields below
  name?: string;
  memory_gb?: number;
  memory_gib?: number;
  bandwidth_gb_s?: number;
  fp16_tflops?: number;
  unified_memory?: boolean;
}

export interface InferenceRequest {
  job?: "inference";
  model?: string | Record<string, unknown>;  // a preset id (default: the page's), or a Hugging Face config.json object
  engine?: Engine;
  weights?: string;                  // llama.cpp: Q4_K_M, Q8_0, F16...; others: bf16, fp8, nf4, awq-4b-g128...
  kv_type?: string;                  // f16, q8_0, q4_0 (llama.cpp), fp8 (vLLM)
  context?: number;
  sequences?: number;
  gpu_count?: number;
  host_ram_gb?: number;
  gpu?: string | GpuSpec;
  llama_cpp?: { gpu_layers?: number; n_batch?: number; n_ubatch?: number; flash_attention?: boolean; swa_full?: boolean;
                kv_unified?: boolean; cpu_only?: boolean; release?: "v0.5.0" | "b2459" };
  vllm?: { gpu_memory_utilization?: number; max_num_batched_tokens?: number; max_num_seqs?: number; cuda_graphs?: boolean };
  transformers?: { prompt_tokens?: number; new_tokens?: number; attention?: "eager" | "sdpa" | "flash_attention_2";
                   dtype?: "bfloat16" | "float16" | "float32" };
  parallel?: { tensor?: number; pipeline?: number };
  checkpoint_bytes?: number;
}

export interface TrainingRequest {
  job: "training";
  model: string | Record<string, unknown>;
  method?: "full" | "lora" | "qlora" | "dora" | "qdora";
  precision?: "bf16-true" | "mixed" | "fp32";
  optimizer?: "adamw" | "adamw8bit" | "paged_adamw_8bit" | "paged_adamw_32bit" | "adafactor" | "sgd" | "sgd_momentum" | "lion";
  micro_batch?: number;
  seq_len?: number;
  grad_accum?: number;
  checkpointing?: "none" | "selective" | "full";
  flash_attention?: boolean;
  chunked_loss?: boolean;
  dropout?: boolean;
  lora?: { rank?: number; targets?: string[]; dropout?: number; dtype_bytes?: number };
  parallel?: { data?: number; tensor?: number; pipeline?: number; sequence_parallel?: boolean;
               sharding?: "zero1" | "zero2" | "zero3" | "fsdp_full_shard" | "fsdp_shard_grad_op" | "fsdp_hybrid_shard";
               shard_group?: number; no_sync?: boolean };
  offload?: { optimizer?: boolean; params?: boolean };
  qlora_format?: string;             // nf4-dq (default), nf4, fp4-dq, fp4
  qlora_quantizer?: "transformers" | "lightning" | "torchao";
  bitsandbytes_version?: string;     // "0.42.0": before 0.43.2 the 4-bit matmul keeps its input
  holds_previous_step?: boolean;
  fused_qkv?: boolean;
  rmsnorm_fp32_input?: boolean;
  host_ram_gb?: number;
  gpu?: string | GpuSpec;
  train_tokens?: number;
  mfu?: number;
  price_per_gpu_hour?: number;
}

export interface WeightsOnlyRequest { params: number; format?: string; row_elements?: number }

export interface Component {
  id: string;                        // "weights", "kv_cache", "compute", "cuda_context", ...
  bytes: number;
  transient: boolean;                // transients combine with max, not +
  formula: string;                   // with the values filled in
  source: string;
}

export interface DeviceUsage {
  device: string;                    // "gpu0", "gpu0-7", "host"
  count: number;
  capacity_bytes: number;
  total_bytes: number;
  headroom_bytes: number;            // negative: short by that much
  components: Component[];
}

export interface Failure { api_version: number; ok: false; errors: Diagnostic[] }

export interface InferenceResult {
  api_version: number;
  ok: true;
  model: { name: string; params_total: number; params_active: number };
  weights: string;
  weights_bytes: number;
  kv_bytes: number;
  fits: boolean;
  devices: DeviceUsage[];
  throughput: { decode_tokens_per_s: number; decode_tokens_per_s_per_seq: number; time_to_first_token_s: number;
                assumptions: string };
  vllm?: { kv_cache_tokens: number; max_concurrency: number };
  diagnostics: Diagnostic[];
}

export interface TrainingResult {
  api_version: number;
  ok: true;
  job: "training";
  params: number;
  trainable_params: number;
  peak_moment: string;
  fits: boolean;
  devices: DeviceUsage[];
  step_flops: number;
  time_hours: number;
  cost_usd: number;
  diagnostics: Diagnostic[];
}

export interface WeightsOnlyResult {
  api_version: number; ok: true; format: string; bits_per_weight: number; weights_bytes: number;
  weights_text: string; formula: string; source: string;
}

/** The page's configuration (the Scenario), as share links carry it (README: "Share links"). Every field is
 *  also a request field of the same name: estimate(config) answers what the page shows for it. */
export interface PageConfig {
  lang: "" | "en" | "zh-CN";
  model: string;                     // "" = the default model
  arch: string;                      // a custom architecture ("1.L32.h4096.a32.kv8.ff14336.v128256.ctx131072",
                                     // README: "Custom architecture"), used instead of the model; "" = none
  hub_model: string;                 // a Hugging Face repository ("org/name") the page reads on request; the API
                                     // and the command line estimate `model`; "" = none
  engine: Engine;
  llama_weights: string;
  hf_weights: string;
  kv_type: string;
  context: number;
  sequences: number;
  gpu: string;                       // catalog id, "custom", "" = the default GPU
  custom_gpu_gb: number;
  gpu_count: number;
  gpu_in_use_gb: number;             // GB each GPU already holds (the desktop, other processes); 0 = an idle GPU
  gpu_layers: number;                // -1 = all
  flash_attention: boolean;
  cpu_only: boolean;
  gpu_memory_utilization: number;
  attention: "eager" | "sdpa" | "flash_attention_2";
  prompt_tokens: number;
  new_tokens: number;                // 0 = prefill only
  // Engine details (InferenceRequest's llama_cpp / vllm / transformers objects).
  n_batch: number;
  n_ubatch: number;
  swa_full: boolean;
  n_cpu_moe: number;                 // llama.cpp --n-cpu-moe: routed experts of the first N layers in host RAM
  kv_unified: boolean;
  llama_release: "v0.5.0" | "b2459";
  ollama_release: "v0.30" | "v0.29";
  macos: "15" | "26";                // an Apple GPU's macOS: 13-15, or 26 (Metal gives the GPU more of the RAM)
  draft_model: string;               // speculative decoding's draft model (a preset id), "" = none
  draft_weights: string;             // its llama.cpp file type, "" = the main model's
  max_num_batched_tokens: number;    // 0 = `vllm serve`'s default for the GPU and release
  max_num_seqs: number;              // 0 = `vllm serve`'s default for the GPU
  mem_fraction_static: number;       // SGLang --mem-fraction-static; 0 = its default rule for the GPU and TP
  cuda_graphs: boolean;
  vllm_release: "v0.21" | "v0.20" | "v0.16" | "v0.10" | "v0";
  torch_dtype: "bfloat16" | "float16" | "float32";
  // A custom GPU's figures (gpu "custom"); 0 = vramfit's generic GPU.
  custom_gpu_name: string;
  custom_gpu_bandwidth_gb_s: number;
  custom_gpu_tflops: number;
  custom_gpu_unified: boolean;
  // Fine-tuning (job "training"): the TrainingRequest fields of the same meaning.
  job: "inference" | "training";
  method: "full" | "lora" | "qlora" | "dora" | "qdora";
  precision: "bf16-true" | "mixed" | "fp32";
  optimizer: string;
  micro_batch: number;
  seq_len: number;
  grad_accum: number;
  checkpointing: "none" | "selective" | "full";
  chunked_loss: boolean;
  lora_rank: number;
  lora_targets: string;              // "q,k,v,o,gate,up,down"
  data_parallel: number;
  tensor_parallel: number;
  pipeline_parallel: number;
  sharding: "none" | "zero1" | "zero2" | "zero3" | "fsdp_full_shard" | "fsdp_shard_grad_op" | "fsdp_hybrid_shard";
  sequence_parallel: boolean;
  offload_optimizer: boolean;
  offload_params: boolean;
  train_tokens: number;
  mfu: number;
  price_per_gpu_hour: number;
  // Training loop details.
  qlora_format: "nf4-dq" | "nf4" | "fp4-dq" | "fp4";
  qlora_quantizer: "transformers" | "lightning" | "torchao";
  old_bitsandbytes: boolean;         // bitsandbytes < 0.43.2
  holds_previous_step: boolean;
  fsdp_no_sync: boolean;
  shard_group: number;               // GPUs per HYBRID_SHARD group
  dropout: boolean;
  lora_dropout: boolean;
  adapter_bytes: 0 | 2 | 4;          // 0 = as the precision sets
  fused_qkv: boolean;
  rmsnorm_fp32_input: boolean;
  host_ram_gb: number;
  embed: boolean;
  locked: boolean;
}

export interface GpuEntry {
  id: string; name: string; vendor: string; segment: string;
  memory_bytes: number | null; usable_memory_bytes: number | null;  // nominal; nvidia-smi's total when printed
  capacity_bytes: number | null;     // what estimates assume the card holds (NVIDIA: CUDA's total, README "Hardware catalog")
  memory_type: string;
  bandwidth_gb_s: number | null; dense_fp16_tflops: number | null; dense_fp8_tflops: number | null;
  tdp_w: number | null; price_usd: number | null; price_kind: string; price_date: string;
  launch_year: number | null; unified_memory: boolean; source: string;
}

export interface ModelEntry {
  id: string; name: string; family: string; params_total: number; params_active: number;
  official_params: number; checkpoint_format: string; max_context: number; config_source: string;
}

export function estimate(request: InferenceRequest): Promise<InferenceResult | Failure>;
export function estimate(request: TrainingRequest): Promise<TrainingResult | Failure>;
export function estimate(request: WeightsOnlyRequest): Promise<WeightsOnlyResult | Failure>;
export function exportResult(request: InferenceRequest, format?: "markdown" | "csv" | "table" | "json"):
  Promise<{ api_version: number; ok: true; format: string; text: string } | Failure>;
export function decodeLink(link: string): Promise<{ api_version: number; ok: true; config: PageConfig; diagnostics: Diagnostic[] }>;
export function encodeLink(config: Partial<PageConfig>): Promise<{ api_version: number; ok: true; query: string; diagnostics: Diagnostic[] } | Failure>;
export function estimateLink(link: string): Promise<InferenceResult | Failure>;
/** One catalog GPU in "which GPUs fit": gpus_needed is 1, 2, 4 or 8 (0: not even 8); the other fields are on that
 *  many GPUs (on 8 when none fits). Inference rows carry used_bytes, largest_context, largest_batch and
 *  decode_tokens_per_s; fine-tuning rows peak_bytes, zero3_added, largest_micro_batch, largest_seq_len,
 *  time_hours and cost_usd. null: the catalog lacks the figure it needs. */
export interface GpuFitRow {
  id: string;
  name: string;
  memory_bytes: number;
  capacity_bytes: number;
  gpus_needed: number;
  used_bytes?: number;
  largest_context?: number;
  largest_batch?: number;
  decode_tokens_per_s?: number | null;
  peak_bytes?: number;
  zero3_added?: boolean;
  largest_micro_batch?: number;
  largest_seq_len?: number;
  time_hours?: number | null;
  cost_usd?: number | null;
}
export function whatFits(link: string): Promise<{ api_version: number; ok: true; job: "inference" | "training"; gpus: GpuFitRow[]; diagnostics: Diagnostic[] } | Failure>;
/** Everything the page shows for a link (the same bytes as `vramfit --link URL --analysis`). */
export function analyzeLink(link: string): Promise<(InferenceResult | TrainingResult) & {
  job: "inference" | "training"; length_sweep: Sweep; batch_sweep: Sweep; fits: Record<string, unknown>[];
  formats?: { format: string; valid: boolean; refused: boolean; fits: boolean; gpu_bytes: number; capacity_bytes: number }[];
  largest_fitting_context?: number; gpus_needed?: number; any_gpu?: Record<string, unknown>;
  launch?: LaunchLine[] } | Failure>;
/** What to type to run an inference configuration in its engine (llama.cpp: llama-server, then llama-cli). Every
 * flag is one of the pinned engine version's (`version`); `notes` say what the text cannot (a placeholder file
 * name, a setting the engine lacks). A configuration the estimate refuses has an empty text and its errors. */
export interface LaunchLine {
  target: "llama-server" | "llama-cli" | "ollama" | "vllm" | "transformers";
  version: string;
  text: string;
  args: { kind: "flag" | "env" | "parameter" | "keyword"; name: string; value: string }[];
  notes: Diagnostic[];
}
/** One configuration fit mode estimated: the settings it searched, the memory, the speed, the link that opens it. */
export interface FitCandidate {
  settings: { weights: string; kv_type: string; context: number; sequences: number; flash_attention?: boolean;
              gpu_layers?: number; n_cpu_moe?: number };
  fits: boolean; gpu_bytes: number; capacity_bytes: number; host_bytes: number; decode_tokens_per_s: number;
  link: string;
  lost?: "does_not_fit" | "quality" | "offload" | "context" | "sequences" | "speed";
}
/** Fit mode (the same bytes as `vramfit --link URL --fit GOAL`): the best configuration for the link's hardware. */
export function fitLink(link: string, goal?: "quality" | "context" | "sequences" | "speed"): Promise<{
  api_version: number; ok: true; goal: string; found: boolean; candidates: number; best: FitCandidate;
  runners_up: FitCandidate[]; launch?: { target: string; text: string }; diagnostics: Diagnostic[] } | Failure>;
export interface Sweep { points: [number, number][]; chosen: number; capacity_bytes: number; limit: number; }
/** What an engine's start-up log says (vLLM V0 and V1 today): figures in GiB as printed, 0 / "" / null when not printed. */
export interface LogRead {
  ok: boolean; engine: "vllm" | "sglang" | "llama.cpp" | "ollama" | ""; version: string; v1: boolean; model: string; tensor_parallel: number;
  pipeline_parallel: number; max_model_len: number; max_num_batched_tokens: number; dtype: string;
  quantization: string; kv_cache_dtype: string; enforce_eager: boolean | null; gpu_memory_utilization: number;
  measured_gib: { total_gpu_memory: number; weights: number; non_torch: number; consumed: number; activation_peak: number;
                  kv_available: number; cuda_graphs: number; cuda_graphs_estimate: number };
  kv_tokens: number; gpu_blocks: number; max_concurrency: number; refusal: string; lines: number; lines_read: number;
  // llama.cpp / Ollama: settings as llama_context printed them, and every buffer as printed
  llama_cpp: { arch: string; file_type: string; n_ctx: number; n_batch: number; n_ubatch: number; n_seq_max: number;
               flash_attn: boolean | null; type_k: string; type_v: string; layers_offloaded: number; layers_total: number };
  buffers_mib: { device: string; kind: "model" | "kv" | "compute" | "output" | "recurrent"; mib: number }[];
  sglang: { mem_fraction_static: number; context_len: number; max_running_requests: number; chunked_prefill_size: number };
  scenario_query: string;            // the settings the log states, as a share link's query (decodeLink reads it)
  measured_bytes: Record<string, number>;  // one GPU's figures by component id (weights, kv_cache, compute, ...)
  diagnostics: Diagnostic[];
}
export function readLog(text: string): Promise<LogRead>;
export function gpus(): Promise<{ api_version: number; ok: true; items: GpuEntry[] }>;
export function models(): Promise<{ api_version: number; ok: true; items: ModelEntry[] }>;
export function inspectFile(bytes: Uint8Array, fileBytes?: number): Promise<Record<string, unknown>>;
/** The parts of a split GGUF, in order, as one model (need_more_bytes names the `part` that needs them). */
export function inspectParts(parts: { bytes: Uint8Array; fileBytes?: number }[]): Promise<Record<string, unknown>>;
/** A File, Blob or Uint8Array: reads as much as the header needs (window.vramfit.inspectFile on the page). */
export function inspectBlob(file: Blob | Uint8Array): Promise<Record<string, unknown>>;
/** A split GGUF's parts as Files, Blobs or Uint8Arrays, in order (window.vramfit.inspectParts on the page). */
export function inspectBlobs(files: Iterable<Blob | Uint8Array>): Promise<Record<string, unknown>>;
export function apiVersion(): Promise<number>;
