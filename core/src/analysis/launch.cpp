// The launch line for each engine (launch.h). Each setting is the one the estimate read from the Scenario
// (resolve.cpp), written as the pinned engine version spells it; tests/data/engine_flags/engine_flags.json lists every flag
// of those versions (docs/research_engine_flags.md says where each list was read).
#include "vramfit/launch.h"

#include <algorithm>
#include <cstdint>

#include "vramfit/format.h"
#include "vramfit/inference.h"
#include "vramfit/model.h"
#include "vramfit/presets.h"
#include "vramfit/resolve.h"
#include "vramfit/weight_format.h"

namespace vramfit {

const LaunchVersions kLaunchVersions = {
    "llama.cpp v0.5.0 (as node-llama-cpp 3.22.1 bundles it)",
    "Ollama v0.32.15",
    "vLLM main at 52a31cc (2026-05-27, the v0.21.0 line)",
    "SGLang server_args.py at 001067f (release not identified; docs/research_engine_flags.md)",
    "transformers v4.56 or later (dtype=; earlier releases call it torch_dtype=)",
};

namespace {

// A word the shell takes as it is; anything else goes in single quotes.
std::string sh(std::string_view s) {
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("._/:=,+-@%").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(s);
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A Python string literal.
std::string py(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

std::string whole(std::int64_t v) { return std::to_string(v); }

Diagnostic note(std::string code, std::string field, std::string detail, Severity severity = Severity::kNote) {
  return {std::move(code), severity, std::move(field), std::move(detail)};
}

// The model as the engines name it: its Hugging Face id when it is a preset, else a placeholder path.
struct ModelName {
  std::string id;          // "meta-llama/Meta-Llama-3.1-8B", or "path/to/model"
  std::string base;        // "Meta-Llama-3.1-8B", or "model"
  bool placeholder = false;
};

ModelName model_name(const Scenario& s, const ModelSource* source) {
  const std::string id = s.model.empty() ? kDefaultModelId : s.model;
  const ModelPreset* preset = find_preset(id);
  // A source whose model is the preset's own (the page passes the model it shows) still names the preset.
  const bool other_model = source != nullptr && source->model && (preset == nullptr || !(*source->model == preset->arch));
  // A model the page read from the Hub is named by its repository (the link's hf=).
  if (other_model && s.arch.empty() && !s.hub.empty()) return {s.hub, s.hub.substr(s.hub.rfind('/') + 1), false};
  if (other_model || !s.arch.empty() || preset == nullptr) return {"path/to/model", "model", true};
  const std::size_t slash = id.rfind('/');
  return {id, slash == std::string::npos ? id : id.substr(slash + 1), false};
}

// A command of one line per flag ("cmd \\\n  -c 8192 \\\n  ..."), as engine docs write long commands.
class Command {
 public:
  Command(std::string head, LaunchLine& line) : text_(std::move(head)), line_(line) {}
  void flag(std::string name, std::string value = {}) {
    text_ += " \\\n  " + name + (value.empty() ? "" : " " + sh(value));
    line_.args.push_back({LaunchArgKind::kFlag, std::move(name), std::move(value)});
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  LaunchLine& line_;
};

void llama_line(const Scenario& s, const InferenceRequest& r, const ModelName& name, bool server, LaunchLine& line) {
  const std::string file = name.base + "-" + r.weight_format + ".gguf";
  line.notes.push_back(note("launch.gguf_file", "w", "the GGUF file name is a placeholder: use your " +
                                                         r.weight_format + " file of " + name.id));
  Command c(server ? "llama-server" : "llama-cli", line);
  c.flag("-m", file);
  const std::int64_t seqs = std::max(1, r.sequences);
  // llama.cpp's -c is the whole context, shared by -np sequences (llama-context.cpp: n_ctx_seq = n_ctx / n_seq).
  c.flag("-c", whole(server ? static_cast<std::int64_t>(r.context_tokens) * seqs : r.context_tokens));
  if (server) c.flag("-np", whole(seqs));
  if (!server && seqs > 1)
    line.notes.push_back(note("launch.one_sequence", "seq", "llama-cli runs one sequence; for " + whole(seqs) +
                                                                " concurrent sequences use llama-server (-np)",
                              Severity::kWarning));
  const int n_layer = std::max(0, r.model.num_layers);
  if (r.cpu_only) {
    c.flag("--device", "none");
    c.flag("-ngl", "0");
  } else {
    // -1 in vramfit: every layer and the output layer (llama.cpp's "all"; it counts the output as one more layer).
    c.flag("-ngl", r.gpu_layers < 0 ? std::string("all") : whole(std::min(r.gpu_layers, n_layer + 1)));
  }
  // Routed experts kept in host RAM: --cpu-moe for every layer, --n-cpu-moe N for the first N (arg.cpp v0.5.0).
  if (!r.cpu_only && r.n_cpu_moe > 0 && r.model.moe.num_experts > 0) {
    if (r.n_cpu_moe >= n_layer) c.flag("--cpu-moe");
    else c.flag("--n-cpu-moe", whole(r.n_cpu_moe));
  }
  c.flag("-fa", r.flash_attention ? "on" : "off");
  c.flag("-ctk", r.kv_type);
  c.flag("-ctv", r.kv_type);
  c.flag("-b", whole(r.n_batch));
  c.flag("-ub", whole(r.n_ubatch));
  if (server && r.kv_unified) c.flag("--kv-unified");
  if (r.swa_full) c.flag("--swa-full");
  if (!r.cpu_only && r.gpu_count > 1) {
    std::string split = "1";
    for (int i = 1; i < r.gpu_count; ++i) split += ",1";
    c.flag("-ts", split);  // the estimate splits layers evenly; llama.cpp's default follows free memory
  }
  // Speculative decoding: the draft model's file, all its layers on the GPU (-ngld; its KV types stay f16, -ctkd's
  // default, as the estimate has them).
  if (r.draft && !r.cpu_only) {
    const std::string draft_id = s.draft_model;
    const std::string format = r.draft_weight_format.empty() ? r.weight_format : r.draft_weight_format;
    c.flag("-md", draft_id.substr(draft_id.find('/') + 1) + "-" + format + ".gguf");
    c.flag("-ngld", "all");
  }
  // llama-server's host-RAM prompt cache (--cache-ram, 8192 MiB by default at v0.5.0: common/common.h): empty at
  // start, it grows as prompts are swapped out of slots. Not in the estimate, which is the model's and the context's.
  if (server)
    line.notes.push_back(note("launch.cache_ram", "ram",
                              "llama-server also keeps a prompt cache in host RAM that grows to 8 GiB (--cache-ram 8192, "
                              "its default); the estimate does not count it: add --cache-ram 0 to turn it off, or a "
                              "smaller size"));
  if (s.llama_release == LlamaReleaseChoice::kB2459)
    line.notes.push_back(note("launch.old_release", "rel",
                              "the flags are those of " + std::string(kLaunchVersions.llama_cpp) +
                                  "; b2459 (March 2024) spelled some differently (-fa was a switch)"));
  line.text = c.text() + "\n";
}

void ollama_line(const Scenario& s, const InferenceRequest& r, const ModelName& name, LaunchLine& line) {
  const std::string file = name.base + "-" + r.weight_format + ".gguf";
  line.notes.push_back(note("launch.gguf_file", "w", "the GGUF file name is a placeholder: use your " +
                                                         r.weight_format + " file of " + name.id));
  std::string modelfile = "# Modelfile\nFROM ./" + file + "\n";
  auto parameter = [&](const std::string& key, const std::string& value) {
    modelfile += "PARAMETER " + key + " " + value + "\n";
    line.args.push_back({LaunchArgKind::kParameter, key, value});
  };
  // Ollama's num_ctx is per sequence: the runner gets num_ctx x OLLAMA_NUM_PARALLEL (from v0.30 llama-server's
  // -c num_ctx x np -np np, np streams; before, one unified cache).
  parameter("num_ctx", whole(r.context_tokens));
  // Ollama passes num_batch to llama-server as both -b and -ub (llm/llama_server.go at v0.32.15): the physical
  // batch, which sizes the compute buffers, is the one to carry.
  parameter("num_batch", whole(r.n_ubatch));
  if (r.cpu_only) parameter("num_gpu", "0");
  else if (s.gpu_layers >= 0) parameter("num_gpu", whole(s.gpu_layers));
  else
    line.notes.push_back(note("launch.ollama_layers", "ngl",
                              "Ollama chooses how many layers go to the GPU itself; it places them all when they "
                              "fit, as the estimate assumes"));
  if (s.n_ubatch != s.n_batch)
    line.notes.push_back(note("launch.ollama_batch", "nb",
                              "Ollama sets llama.cpp's -b and -ub both to num_batch, and so does the estimate: "
                              "num_batch is the -ub of " + whole(s.n_ubatch) + "; the -b of " + whole(s.n_batch) +
                                  " does not apply"));
  if (r.swa_full)
    line.notes.push_back(note("launch.ollama_swa_full", "swa",
                              "Ollama has no setting for llama.cpp's --swa-full (a full-size cache for sliding-window "
                              "layers); it chooses its own",
                              Severity::kWarning));
  std::string env;
  auto variable = [&](const std::string& key, const std::string& value) {
    env += key + "=" + value + " ";
    line.args.push_back({LaunchArgKind::kEnv, key, value});
  };
  variable("OLLAMA_FLASH_ATTENTION", r.flash_attention ? "1" : "0");
  const bool ollama_kv = r.kv_type == "f16" || r.kv_type == "q8_0" || r.kv_type == "q4_0";
  if (ollama_kv) variable("OLLAMA_KV_CACHE_TYPE", r.kv_type);
  else
    line.notes.push_back(note("launch.ollama_kv_type", "kv",
                              "Ollama takes f16, q8_0 or q4_0 for the KV cache; it has no setting for " + r.kv_type,
                              Severity::kWarning));
  if (r.kv_type != "f16" && ollama_kv && !r.flash_attention)
    line.notes.push_back(note("launch.ollama_kv_needs_fa", "kv",
                              "Ollama uses f16 for the KV cache when flash attention is off, whatever "
                              "OLLAMA_KV_CACHE_TYPE says (llm/server.go)",
                              Severity::kWarning));
  variable("OLLAMA_NUM_PARALLEL", whole(std::max(1, r.sequences)));
  if (s.ollama_release == OllamaReleaseChoice::kV030)
    line.notes.push_back(note("launch.ollama_cache_ram", "ram",
                              "from v0.30 Ollama runs llama-server without --cache-ram, so its prompt cache may take up "
                              "to 8 GiB of host RAM per loaded model (ollama issue #18264); the estimate does not count it"));
  // Ollama has no setting of its own for expert offload; the llama-server it starts (since v0.30) reads
  // llama.cpp's LLAMA_ARG_N_CPU_MOE from the environment (arg.cpp set_env), for every model the server loads.
  if (!r.cpu_only && r.n_cpu_moe > 0 && r.model.moe.num_experts > 0) {
    variable("LLAMA_ARG_N_CPU_MOE", whole(std::min(r.n_cpu_moe, std::max(0, r.model.num_layers))));
    line.notes.push_back(note("launch.ollama_cpu_moe", "ncmoe",
                              "Ollama has no setting for expert offload: LLAMA_ARG_N_CPU_MOE reaches the llama-server "
                              "it starts, and applies to every model that server loads",
                              Severity::kWarning));
  }
  if (!r.cpu_only && r.gpu_count > 1) variable("OLLAMA_SCHED_SPREAD", "1");
  const std::string tag = name.placeholder ? "my-model" : [&] {
    std::string t;
    for (char c : name.base) t += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return t;
  }();
  line.text = modelfile + "\n# then\n" + env + "ollama serve\nollama create " + tag + " -f Modelfile\nollama run " + tag +
              "\n";
}

// vLLM's --dtype for the unquantized tensors.
const char* torch_dtype_name(const Scenario& s, const InferenceRequest& r) {
  if (r.weight_format == "fp16") return "float16";
  if (r.weight_format == "bf16") return "bfloat16";
  return s.torch_dtype == TorchDtypeChoice::kFloat16 ? "float16"
         : s.torch_dtype == TorchDtypeChoice::kFloat32 ? "float32"
                                                        : "bfloat16";
}

// Formats a checkpoint must already be stored in (the engine reads them from its quantization_config): every
// format below 16 bits except the two that vLLM and transformers quantise while loading, FP8 with one scale per
// tensor (vLLM --quantization fp8) and bitsandbytes 4-bit (NF4/FP4, with or without double quantisation).
bool prequantized(const std::string& format) {
  const std::optional<WeightFormatInfo> f = weight_format_by_id(format);
  if (!f || f->data_bits >= 16) return false;
  const bool on_load = format == "fp8" || (f->kind == WeightFormatKind::kBitsAndBytes && f->data_bits == 4);
  return !on_load;
}

void vllm_line(const Scenario& s, const InferenceRequest& r, const ModelName& name, LaunchLine& line) {
  Command c("vllm serve " + sh(name.id), line);
  c.flag("--max-model-len", whole(r.context_tokens));
  c.flag("--gpu-memory-utilization", number_text(r.gpu_memory_utilization));
  c.flag("--max-num-seqs", whole(r.max_num_seqs));
  c.flag("--max-num-batched-tokens", whole(r.max_num_batched_tokens));
  c.flag("--dtype", torch_dtype_name(s, r));
  if (r.weight_format == "fp8") c.flag("--quantization", "fp8");  // weights quantized to FP8 on load
  if (r.weight_format == "nf4" || r.weight_format == "nf4-dq") c.flag("--quantization", "bitsandbytes");
  c.flag("--kv-cache-dtype", r.kv_type == "fp8" ? "fp8" : "auto");
  if (r.tensor_parallel > 1) c.flag("--tensor-parallel-size", whole(r.tensor_parallel));
  if (r.pipeline_parallel > 1) c.flag("--pipeline-parallel-size", whole(r.pipeline_parallel));
  if (!r.cuda_graphs) c.flag("--enforce-eager");
  // A draft model: vLLM's speculative config takes the drafter's repository and the tokens proposed per step.
  if (r.draft) c.flag("--speculative-config", "{\"model\": \"" + s.draft_model + "\", \"num_speculative_tokens\": 5}");
  if (prequantized(r.weight_format))
    line.notes.push_back(note("launch.prequantized", "hw",
                              "vLLM reads " + r.weight_format +
                                  " from the checkpoint's quantization_config: serve a checkpoint stored in it"));
  if (r.weight_format == "nf4-dq")
    line.notes.push_back(note("launch.bnb_double_quant", "hw",
                              "vLLM's in-flight bitsandbytes quantization has no switch for double quantization; "
                              "a pre-quantized nf4-dq checkpoint carries it"));
  if (r.sequences > r.max_num_seqs)
    line.notes.push_back(note("launch.more_sequences_than_max", "seq",
                              "the estimate holds " + whole(r.sequences) + " sequences, above --max-num-seqs " +
                                  whole(r.max_num_seqs) + ": vLLM runs at most that many at once",
                              Severity::kWarning));
  if (name.placeholder)
    line.notes.push_back(note("launch.model_path", "m", "path/to/model stands for your model's folder or Hub id"));
  line.text = c.text() + "\n";
}

void sglang_line(const Scenario& s, const InferenceRequest& r, const ModelName& name, LaunchLine& line) {
  Command c("python -m sglang.launch_server --model-path " + sh(name.id), line);
  c.flag("--context-length", whole(r.context_tokens));
  // Without --mem-fraction-static SGLang applies its own rule, which the estimate used too.
  if (r.mem_fraction_static > 0) c.flag("--mem-fraction-static", number_text(r.mem_fraction_static));
  c.flag("--dtype", torch_dtype_name(s, r));
  if (r.weight_format == "fp8") c.flag("--quantization", "fp8");
  if (r.weight_format == "nf4" || r.weight_format == "nf4-dq") c.flag("--quantization", "bitsandbytes");
  c.flag("--kv-cache-dtype", r.kv_type == "fp8" ? "fp8_e4m3" : "auto");
  if (r.tensor_parallel > 1) c.flag("--tp-size", whole(r.tensor_parallel));
  if (r.pipeline_parallel > 1) c.flag("--pp-size", whole(r.pipeline_parallel));
  if (!r.cuda_graphs) {
    c.flag("--disable-decode-cuda-graph");
    c.flag("--disable-prefill-cuda-graph");
  }
  if (prequantized(r.weight_format))
    line.notes.push_back(note("launch.prequantized", "hw",
                              "SGLang reads " + r.weight_format +
                                  " from the checkpoint's quantization_config: serve a checkpoint stored in it"));
  if (name.placeholder)
    line.notes.push_back(note("launch.model_path", "m", "path/to/model stands for your model's folder or Hub id"));
  line.text = c.text() + "\n";
}

void transformers_line(const Scenario& s, const InferenceRequest& r, const ModelName& name, LaunchLine& line) {
  auto kw = [&](const std::string& key, const std::string& value) {
    line.args.push_back({LaunchArgKind::kKeyword, key, value});
    return key + "=" + value;
  };
  const std::string dtype = std::string("torch.") + torch_dtype_name(s, r);
  const bool bnb4 = r.weight_format == "nf4" || r.weight_format == "nf4-dq";
  const bool bnb8 = r.weight_format == "int8";  // LLM.int8 (weight_format.cpp)
  const bool tp = r.tensor_parallel > 1;
  std::string t = "import torch\nfrom transformers import AutoModelForCausalLM";
  t += bnb4 || bnb8 ? ", BitsAndBytesConfig\n\n" : "\n\n";
  t += "model = AutoModelForCausalLM.from_pretrained(\n    " + py(name.id) + ",\n";
  t += "    " + kw("dtype", dtype) + ",\n";
  const char* attn = r.attention == AttentionImpl::kEager ? "eager" : r.attention == AttentionImpl::kFlash ? "flash_attention_2" : "sdpa";
  t += "    " + kw("attn_implementation", py(attn)) + ",\n";
  if (bnb4) {
    t += "    quantization_config=BitsAndBytesConfig(\n";
    line.args.push_back({LaunchArgKind::kKeyword, "quantization_config", "BitsAndBytesConfig"});
    t += "        " + kw("load_in_4bit", "True") + ",\n";
    t += "        " + kw("bnb_4bit_quant_type", py("nf4")) + ",\n";
    t += "        " + kw("bnb_4bit_use_double_quant", r.weight_format == "nf4-dq" ? "True" : "False") + ",\n";
    t += "        " + kw("bnb_4bit_compute_dtype", dtype) + "),\n";
  }
  if (bnb8) {
    line.args.push_back({LaunchArgKind::kKeyword, "quantization_config", "BitsAndBytesConfig"});
    t += "    quantization_config=BitsAndBytesConfig(" + kw("load_in_8bit", "True") + "),\n";
  }
  t += "    " + (tp ? kw("tp_plan", py("auto")) : kw("device_map", py("auto"))) + ",\n)\n";
  // Prompts of exactly the estimate's length: random token ids, so no tokenizer or text is needed.
  t += "input_ids = torch.randint(0, model.config.vocab_size, (" + whole(std::max(1, r.sequences)) + ", " +
       whole(r.prompt_tokens) + "), device=model.device)\n";
  t += "out = model.generate(input_ids, " + kw("max_new_tokens", whole(r.new_tokens)) + ", " +
       kw("min_new_tokens", whole(r.new_tokens)) + ", " + kw("do_sample", "False") + ")\n";
  t += "print(torch.cuda.max_memory_allocated() / 2**30, \"GiB\")\n";
  if (tp) {
    t = "# run with: torchrun --nproc-per-node " + whole(r.tensor_parallel) + " generate.py\n" + t;
    line.args.push_back({LaunchArgKind::kFlag, "--nproc-per-node", whole(r.tensor_parallel)});
  }
  if ((prequantized(r.weight_format) && !bnb8) || r.weight_format == "fp8")
    line.notes.push_back(note("launch.prequantized", "hw",
                              "transformers reads " + r.weight_format +
                                  " from the checkpoint's quantization_config: load a checkpoint stored in it"));
  if (name.placeholder)
    line.notes.push_back(note("launch.model_path", "m", "path/to/model stands for your model's folder or Hub id"));
  line.text = t;
}

}  // namespace

std::vector<LaunchTarget> launch_targets(const Scenario& s) {
  if (s.training()) return {};
  switch (s.engine) {
    case EngineChoice::kLlamaCpp: return {LaunchTarget::kLlamaServer, LaunchTarget::kLlamaCli};
    case EngineChoice::kOllama: return {LaunchTarget::kOllama};
    case EngineChoice::kVllm: return {LaunchTarget::kVllm};
    case EngineChoice::kSglang: return {LaunchTarget::kSglang};
    case EngineChoice::kTransformers: return {LaunchTarget::kTransformers};
    case EngineChoice::kRuleOfThumb: return {};
  }
  return {};
}

namespace {

// The Scenario with the engine the target runs (the estimate's engine when the target is one of launch_targets()).
Scenario for_target(const Scenario& s, LaunchTarget target) {
  Scenario as = s;
  switch (target) {
    case LaunchTarget::kLlamaServer:
    case LaunchTarget::kLlamaCli: as.engine = EngineChoice::kLlamaCpp; break;
    case LaunchTarget::kOllama: as.engine = EngineChoice::kOllama; break;
    case LaunchTarget::kVllm: as.engine = EngineChoice::kVllm; break;
    case LaunchTarget::kSglang: as.engine = EngineChoice::kSglang; break;
    case LaunchTarget::kTransformers: as.engine = EngineChoice::kTransformers; break;
  }
  return as;
}

LaunchLine training_line(LaunchTarget target) {
  LaunchLine line;
  line.target = target;
  line.notes.push_back(note("launch.training", "job",
                            "vramfit writes launch lines for inference engines; for a fine-tuning job it gives the "
                            "memory of the step only"));
  return line;
}

}  // namespace

LaunchLine launch_line(const Scenario& s, LaunchTarget target, const ModelSource* source) {
  if (s.training()) return training_line(target);
  // The engine the target runs, with the Scenario's settings, resolved and estimated as the estimate does.
  const InferenceRequest r = resolve_inference(for_target(s, target), source);
  return launch_line(s, target, r, estimate_inference(r).diagnostics, source);
}

LaunchLine launch_line(const Scenario& s, LaunchTarget target, const InferenceRequest& r,
                       const Diagnostics& estimate_diagnostics, const ModelSource* source) {
  if (s.training()) return training_line(target);
  const Scenario as = for_target(s, target);
  LaunchLine line;
  line.target = target;
  // No command for settings the estimate refuses (an unknown KV type for the engine, say): its errors instead.
  // Settings that only this hardware cannot hold (vLLM finds no room for the KV cache) keep their command, with
  // a warning: the verdict says why, and on hardware that holds it the command is right.
  bool wont_start = false;
  for (const Diagnostic& d : estimate_diagnostics) {
    if (d.severity != Severity::kError) continue;
    if (refused_by_hardware(d)) wont_start = true;
    else line.notes.push_back(d);
  }
  if (has_errors(line.notes)) return line;
  if (wont_start)
    line.notes.push_back(note("launch.wont_start_here", "gpu",
                              "on this hardware the engine refuses to start (see the verdict); the command is "
                              "for hardware that holds it",
                              Severity::kWarning));
  const ModelName name = model_name(s, source);
  switch (target) {
    case LaunchTarget::kLlamaServer:
    case LaunchTarget::kLlamaCli:
      line.version = kLaunchVersions.llama_cpp;
      llama_line(as, r, name, target == LaunchTarget::kLlamaServer, line);
      break;
    case LaunchTarget::kOllama:
      line.version = kLaunchVersions.ollama;
      ollama_line(as, r, name, line);
      break;
    case LaunchTarget::kVllm:
      line.version = kLaunchVersions.vllm;
      vllm_line(as, r, name, line);
      break;
    case LaunchTarget::kSglang:
      line.version = kLaunchVersions.sglang;
      sglang_line(as, r, name, line);
      break;
    case LaunchTarget::kTransformers:
      line.version = kLaunchVersions.transformers;
      transformers_line(as, r, name, line);
      break;
  }
  return line;
}

}  // namespace vramfit
