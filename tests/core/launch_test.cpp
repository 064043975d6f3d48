// The launch line (launch.h): every flag it writes is one of the pinned engine version's flags
// (tests/data/engine_flags/engine_flags.json, read from the engines' argument parsers), and the command carries every setting
// the estimate read: reading the command back gives the same estimate, byte for byte.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "vramfit/analysis.h"
#include "vramfit/launch.h"
#include "vramfit/presets.h"
#include "vramfit/resolve.h"

namespace vramfit {
namespace {

// The Scenarios tried: every preset on each engine, and the settings a command must carry varied one at a time.
std::vector<Scenario> scenarios() {
  std::vector<Scenario> out;
  for (const ModelPreset& p : model_presets()) {
    for (EngineChoice e : {EngineChoice::kLlamaCpp, EngineChoice::kOllama, EngineChoice::kVllm, EngineChoice::kSglang, EngineChoice::kTransformers}) {
      Scenario s;
      s.model = p.id;
      s.engine = e;
      out.push_back(s);
    }
  }
  Scenario base;
  base.model = "Qwen/Qwen3-8B";
  auto vary = [&](EngineChoice e, auto&& change) {
    Scenario s = base;
    s.engine = e;
    change(s);
    out.push_back(s);
  };
  for (EngineChoice e : {EngineChoice::kLlamaCpp, EngineChoice::kOllama, EngineChoice::kVllm, EngineChoice::kSglang, EngineChoice::kTransformers}) {
    vary(e, [](Scenario& s) { s.context = 32768; s.sequences = 4; });
    vary(e, [](Scenario& s) { s.gpu_count = 2; });
    vary(e, [](Scenario& s) { s.gpu_count = 4; s.sequences = 3; s.context = 4000; });
    vary(e, [](Scenario& s) { s.flash_attention = false; });
    vary(e, [](Scenario& s) { s.kv_type = "q8_0"; });
    vary(e, [](Scenario& s) { s.kv_type = "q4_0"; s.flash_attention = true; });
    vary(e, [](Scenario& s) { s.kv_type = "bf16"; });
    vary(e, [](Scenario& s) { s.kv_type = "fp8"; });
    vary(e, [](Scenario& s) { s.gpu_layers = 20; });
    vary(e, [](Scenario& s) { s.cpu_only = true; });
    vary(e, [](Scenario& s) { s.n_batch = 1024; s.n_ubatch = 256; });
    vary(e, [](Scenario& s) { s.kv_unified = true; s.sequences = 2; });
    vary(e, [](Scenario& s) { s.swa_full = true; s.model = "google/gemma-3-12b-it"; });
    vary(e, [](Scenario& s) { s.gpu_memory_utilization = 0.85; s.max_num_seqs = 64; s.max_num_batched_tokens = 4096; });
    vary(e, [](Scenario& s) { s.cuda_graphs = false; });
    vary(e, [](Scenario& s) { s.mem_fraction_static = 0.8; s.gpu_count = 2; s.pipeline_parallel = 2; s.tensor_parallel = 1; });
    vary(e, [](Scenario& s) { s.draft_model = "Qwen/Qwen3-0.6B"; s.draft_weights = "Q8_0"; s.sequences = 2; });
    vary(e, [](Scenario& s) { s.attention = AttentionChoice::kFlashAttention2; s.prompt_tokens = 3000; s.new_tokens = 99; });
    vary(e, [](Scenario& s) { s.attention = AttentionChoice::kEager; s.sequences = 8; });
    for (const char* w : {"bf16", "fp16", "fp8", "nf4", "nf4-dq", "int8", "awq-4b-g128", "gptq-4b-g128", "fp8-block"})
      vary(e, [&](Scenario& s) { s.hf_weights = w; });
    for (const char* w : {"Q2_K", "Q8_0", "F16", "IQ4_XS"}) vary(e, [&](Scenario& s) { s.llama_weights = w; });
    for (int n : {10, 48, 1000})
      vary(e, [&](Scenario& s) { s.model = "Qwen/Qwen3-30B-A3B"; s.n_cpu_moe = n; s.gpu = "rtx-4060"; });
    vary(e, [](Scenario& s) { s.model = "openai/gpt-oss-20b"; s.llama_weights = "MXFP4_MOE"; s.n_cpu_moe = 12; s.gpu_count = 2; });
  }
  return out;
}

nlohmann::json engine_flags() {
  std::ifstream f(std::string(VRAMFIT_SOURCE_DIR) + "/tests/data/engine_flags/engine_flags.json");
  std::stringstream text;
  text << f.rdbuf();
  return nlohmann::json::parse(text.str(), nullptr, false);
}

// Every spelling of every option of one engine, with the values its parser restricts it to (empty: any).
std::map<std::string, std::set<std::string>> options_of(const nlohmann::json& engine, const std::string& example = "") {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& o : engine.value("options", nlohmann::json::array())) {
    if (o.value("positional", false) || o.value("removed", false)) continue;
    if (!example.empty() && o.contains("examples")) {
      bool ok = false;
      for (const auto& e : o["examples"]) ok = ok || e == "all" || e == example;
      if (!ok) continue;
    }
    std::set<std::string> values;
    for (const auto& v : o.value("values", nlohmann::json::array())) values.insert(v.get<std::string>());
    if (o.value("values_or_integer", false)) values.insert("<integer>");
    for (const auto& f : o["flags"]) out[f.get<std::string>()] = values;
  }
  return out;
}

TEST(Launch, EveryEmittedFlagIsOneOfThePinnedEnginesFlags) {
#ifdef __EMSCRIPTEN__
  GTEST_SKIP() << "reads tests/data from disk; run natively";
#endif
  const nlohmann::json flags = engine_flags();
  ASSERT_TRUE(flags.is_object()) << "tests/data/engine_flags/engine_flags.json does not parse";
  const auto server = options_of(flags["llama.cpp"], "server");
  const auto cli = options_of(flags["llama.cpp"], "cli");
  const auto vllm = options_of(flags["vllm"]);
  const auto sglang = options_of(flags["sglang"]);
  ASSERT_GT(server.size(), 100u);
  ASSERT_GT(vllm.size(), 50u);
  std::set<std::string> ollama_env, ollama_parameters;
  for (const auto& e : flags["ollama"]["env"]) ollama_env.insert(e["name"].get<std::string>());
  // The llama-server Ollama starts reads llama.cpp's own variables from the environment it inherits.
  for (const auto& o : flags["llama.cpp"]["options"])
    if (o.contains("env")) ollama_env.insert(o["env"].get<std::string>());
  for (const auto& p : flags["ollama"]["modelfile_parameters"]) ollama_parameters.insert(p.get<std::string>());
  std::map<std::string, std::set<std::string>> ollama_values;
  for (const auto& e : flags["ollama"]["env"])
    for (const auto& v : e.value("values", nlohmann::json::array())) ollama_values[e["name"]].insert(v.get<std::string>());

  int checked = 0, refused = 0;
  for (const Scenario& s : scenarios()) {
    for (int t = 0; t < static_cast<int>(kLaunchTargetNames.size()); ++t) {
      const LaunchLine line = launch_line(s, static_cast<LaunchTarget>(t));
      const std::string where = std::string(kLaunchTargetNames[static_cast<std::size_t>(t)]) + " for " + s.model;
      if (has_errors(line.notes)) {  // refused by the estimate too: no command
        EXPECT_TRUE(line.text.empty()) << where;
        ++refused;
        continue;
      }
      ASSERT_FALSE(line.text.empty()) << where;
      for (const LaunchArg& a : line.args) {
        ++checked;
        const std::map<std::string, std::set<std::string>>* known = nullptr;
        switch (line.target) {
          case LaunchTarget::kLlamaServer: known = &server; break;
          case LaunchTarget::kLlamaCli: known = &cli; break;
          case LaunchTarget::kVllm: known = &vllm; break;
          case LaunchTarget::kSglang: known = &sglang; break;
          case LaunchTarget::kOllama:
            if (a.kind == LaunchArgKind::kEnv) {
              EXPECT_TRUE(ollama_env.count(a.name)) << a.name << " is not an Ollama variable (" << where << ")";
              if (ollama_values.count(a.name)) EXPECT_TRUE(ollama_values[a.name].count(a.value)) << a.name << "=" << a.value;
            } else {
              EXPECT_EQ(a.kind, LaunchArgKind::kParameter);
              EXPECT_TRUE(ollama_parameters.count(a.name)) << a.name << " is not a Modelfile parameter (" << where << ")";
            }
            break;
          case LaunchTarget::kTransformers: break;  // Python keywords: see TransformersScriptIsPython
        }
        if (known == nullptr) continue;
        ASSERT_EQ(a.kind, LaunchArgKind::kFlag) << where;
        const auto it = known->find(a.name);
        ASSERT_NE(it, known->end()) << a.name << " is not a flag of " << line.version << " (" << where << ")";
        const bool integer = !a.value.empty() && a.value.find_first_not_of("0123456789") == std::string::npos;
        if (!it->second.empty())
          EXPECT_TRUE(it->second.count(a.value) || (integer && it->second.count("<integer>")))
              << a.name << " " << a.value << " (" << where << ")";
        // The flag is in the text as written.
        EXPECT_NE(line.text.find(" " + a.name + (a.value.empty() ? "" : " ")), std::string::npos) << a.name;
      }
    }
  }
  EXPECT_GT(checked, 5000);
  EXPECT_GT(refused, 0);  // fp8 KV in llama.cpp, for one
}

// Reads a command's flags back into a Scenario, as the engine would take them.
Scenario read_back(const Scenario& asked, const LaunchLine& line) {
  Scenario s;
  s.model = asked.model;  // the file or id the command names
  s.gpu = asked.gpu;
  s.llama_weights = asked.llama_weights;
  s.hf_weights = asked.hf_weights;  // vLLM: overwritten by --dtype / --quantization below where they say it
  s.host_ram_gb = asked.host_ram_gb;
  std::map<std::string, std::string> a;
  for (const LaunchArg& x : line.args) a[x.name] = x.value.empty() ? "1" : x.value;
  auto num = [&](const char* k) { return std::atoi(a.at(k).c_str()); };
  switch (line.target) {
    case LaunchTarget::kLlamaServer:
    case LaunchTarget::kLlamaCli:
      s.engine = EngineChoice::kLlamaCpp;
      s.sequences = line.target == LaunchTarget::kLlamaServer ? num("-np") : 1;
      s.context = num("-c") / s.sequences;
      s.cpu_only = a.count("--device") && a["--device"] == "none";
      if (!s.cpu_only) s.gpu_layers = a.at("-ngl") == "all" ? -1 : num("-ngl");
      s.flash_attention = a.at("-fa") == "on";
      s.kv_type = a.at("-ctk");
      EXPECT_EQ(a.at("-ctk"), a.at("-ctv"));
      s.n_batch = num("-b");
      s.n_ubatch = num("-ub");
      s.kv_unified = a.count("--kv-unified") > 0;
      s.swa_full = a.count("--swa-full") > 0;
      s.n_cpu_moe = a.count("--cpu-moe") ? 1000 : a.count("--n-cpu-moe") ? num("--n-cpu-moe") : 0;
      if (a.count("-md")) {  // "Qwen3-0.6B-Q8_0.gguf": the draft preset by its name, the file type after the last '-'
        const std::string f = a["-md"];
        const std::size_t dash = f.rfind('-');
        s.draft_weights = f.substr(dash + 1, f.size() - dash - 1 - 5);
        for (const ModelPreset& p : model_presets())
          if (p.id.substr(p.id.find('/') + 1) == f.substr(0, dash)) s.draft_model = p.id;
        EXPECT_EQ(a.at("-ngld"), "all");
      }
      s.gpu_count = a.count("-ts") ? static_cast<int>(std::count(a["-ts"].begin(), a["-ts"].end(), ',')) + 1 : 1;
      break;
    case LaunchTarget::kOllama:
      s.engine = EngineChoice::kOllama;
      s.context = num("num_ctx");
      s.sequences = num("OLLAMA_NUM_PARALLEL");
      s.n_ubatch = num("num_batch");  // Ollama's num_batch is both -b and -ub
      // No Ollama setting for these: the line must say so, and the estimate keeps what was asked.
      s.n_batch = asked.n_batch;
      s.swa_full = asked.swa_full;
      for (const auto& need : {std::pair{asked.n_ubatch != asked.n_batch, "launch.ollama_batch"},
                               std::pair{asked.swa_full, "launch.ollama_swa_full"}}) {
        const std::string code = need.second;
        if (need.first)
          EXPECT_TRUE(std::any_of(line.notes.begin(), line.notes.end(), [&](const Diagnostic& n) { return n.code == code; }))
              << code;
      }
      if (a.count("num_gpu")) {
        s.gpu_layers = num("num_gpu");
        s.cpu_only = s.gpu_layers == 0 && asked.cpu_only;
      }
      s.flash_attention = a.at("OLLAMA_FLASH_ATTENTION") == "1";
      s.kv_type = a.count("OLLAMA_KV_CACHE_TYPE") ? a["OLLAMA_KV_CACHE_TYPE"] : asked.kv_type;  // else a warning
      s.gpu_count = a.count("OLLAMA_SCHED_SPREAD") ? asked.gpu_count : 1;
      s.n_cpu_moe = a.count("LLAMA_ARG_N_CPU_MOE") ? num("LLAMA_ARG_N_CPU_MOE") : 0;
      break;
    case LaunchTarget::kVllm: {
      s.engine = EngineChoice::kVllm;
      s.context = num("--max-model-len");
      s.sequences = asked.sequences;  // the workload, not a vLLM setting
      s.gpu_memory_utilization = std::atof(a.at("--gpu-memory-utilization").c_str());
      s.max_num_seqs = num("--max-num-seqs");
      s.max_num_batched_tokens = num("--max-num-batched-tokens");
      const std::string dtype = a.at("--dtype");
      s.torch_dtype = dtype == "float16" ? TorchDtypeChoice::kFloat16 : dtype == "float32" ? TorchDtypeChoice::kFloat32 : TorchDtypeChoice::kBfloat16;
      if (!a.count("--quantization") && (asked.hf_weights == "bf16" || asked.hf_weights == "fp16"))
        s.hf_weights = dtype == "float16" ? "fp16" : "bf16";
      if (a.count("--quantization") && a["--quantization"] == "fp8") s.hf_weights = "fp8";
      s.kv_type = a.at("--kv-cache-dtype") == "fp8" ? "fp8" : "f16";
      s.gpu_count = (a.count("--tensor-parallel-size") ? num("--tensor-parallel-size") : 1) *
                    (a.count("--pipeline-parallel-size") ? num("--pipeline-parallel-size") : 1);
      s.pipeline_parallel = a.count("--pipeline-parallel-size") ? num("--pipeline-parallel-size") : 1;
      if (s.pipeline_parallel > 1) s.tensor_parallel = a.count("--tensor-parallel-size") ? num("--tensor-parallel-size") : 1;
      s.cuda_graphs = a.count("--enforce-eager") == 0;
      s.vllm_release = asked.vllm_release;
      if (a.count("--speculative-config")) {  // {"model": "Qwen/Qwen3-0.6B", ...}
        const std::string j = a["--speculative-config"];
        const std::size_t at = j.find("\"model\": \"") + 10;
        s.draft_model = j.substr(at, j.find('"', at) - at);
      }
      break;
    }
    case LaunchTarget::kSglang: {
      s.engine = EngineChoice::kSglang;
      s.context = num("--context-length");
      s.sequences = asked.sequences;
      s.mem_fraction_static = a.count("--mem-fraction-static") ? std::atof(a["--mem-fraction-static"].c_str()) : 0;
      const std::string dtype = a.at("--dtype");
      s.torch_dtype = dtype == "float16" ? TorchDtypeChoice::kFloat16 : dtype == "float32" ? TorchDtypeChoice::kFloat32 : TorchDtypeChoice::kBfloat16;
      if (!a.count("--quantization") && (asked.hf_weights == "bf16" || asked.hf_weights == "fp16"))
        s.hf_weights = dtype == "float16" ? "fp16" : "bf16";
      if (a.count("--quantization") && a["--quantization"] == "fp8") s.hf_weights = "fp8";
      s.kv_type = a.at("--kv-cache-dtype") == "fp8_e4m3" ? "fp8" : "f16";
      s.pipeline_parallel = a.count("--pp-size") ? num("--pp-size") : 1;
      s.tensor_parallel = a.count("--tp-size") ? num("--tp-size") : 1;
      s.gpu_count = s.tensor_parallel * s.pipeline_parallel;
      s.cuda_graphs = a.count("--disable-decode-cuda-graph") == 0;
      break;
    }
    case LaunchTarget::kTransformers:
      s.engine = EngineChoice::kTransformers;
      s.sequences = asked.sequences;
      s.prompt_tokens = asked.prompt_tokens;
      s.new_tokens = num("max_new_tokens");
      s.attention = a.at("attn_implementation") == "\"eager\""               ? AttentionChoice::kEager
                    : a.at("attn_implementation") == "\"flash_attention_2\"" ? AttentionChoice::kFlashAttention2
                                                                            : AttentionChoice::kSdpa;
      s.kv_type = asked.kv_type == "fp8" ? "fp8" : "f16";
      s.torch_dtype = asked.torch_dtype;
      s.context = asked.context;
      s.gpu_count = a.count("--nproc-per-node") ? num("--nproc-per-node") : 1;
      break;
  }
  return s;
}

std::vector<double> device_bytes(const Scenario& s) {
  std::vector<double> out;
  for (const DeviceUsage& d : estimate_inference(resolve_inference(s)).devices) out.push_back(d.total_bytes);
  return out;
}

TEST(Launch, ReadingTheCommandBackGivesTheSameEstimate) {
  int compared = 0;
  for (const Scenario& asked : scenarios()) {
    for (const LaunchTarget t : launch_targets(asked)) {
      const LaunchLine line = launch_line(asked, t);
      if (t == LaunchTarget::kLlamaCli && asked.sequences > 1) continue;  // a warning says llama-cli runs one
      if (has_errors(line.notes)) continue;
      const Scenario back = read_back(asked, line);
      EXPECT_EQ(device_bytes(back), device_bytes(asked))
          << kLaunchTargetNames[static_cast<std::size_t>(t)] << " for " << asked.model << "\n" << line.text;
      ++compared;
    }
  }
  EXPECT_GT(compared, 300);
}

TEST(Launch, WhatTheCommandCannotSayIsANote) {
  Scenario s;
  s.model = "Qwen/Qwen3-8B";
  s.engine = EngineChoice::kOllama;
  s.kv_type = "bf16";
  auto codes = [](const LaunchLine& l) {
    std::set<std::string> out;
    for (const auto& n : l.notes) out.insert(n.code);
    return out;
  };
  const LaunchLine ollama = launch_line(s, LaunchTarget::kOllama);
  EXPECT_TRUE(codes(ollama).count("launch.ollama_kv_type"));
  EXPECT_EQ(ollama.text.find("OLLAMA_KV_CACHE_TYPE"), std::string::npos);
  EXPECT_TRUE(codes(ollama).count("launch.gguf_file"));
  s.sequences = 4;
  EXPECT_TRUE(codes(launch_line(s, LaunchTarget::kLlamaCli)).count("launch.one_sequence"));
  EXPECT_FALSE(codes(launch_line(s, LaunchTarget::kLlamaServer)).count("launch.one_sequence"));
  s.hf_weights = "awq-4b-g128";
  EXPECT_TRUE(codes(launch_line(s, LaunchTarget::kVllm)).count("launch.prequantized"));
  s.sequences = 512;
  EXPECT_TRUE(codes(launch_line(s, LaunchTarget::kVllm)).count("launch.more_sequences_than_max"));
  s.job = Job::kTraining;
  EXPECT_TRUE(launch_targets(s).empty());
  const LaunchLine training = launch_line(s, LaunchTarget::kVllm);
  EXPECT_TRUE(training.text.empty());
  EXPECT_TRUE(codes(training).count("launch.training"));
  // A custom architecture has no Hub id: the command names a placeholder and says so.
  Scenario custom;
  custom.arch = "1.L32.h4096.a32.k8.d128.f14336.v128256.c8192";
  custom.engine = EngineChoice::kVllm;
  const LaunchLine placeholder = launch_line(custom, LaunchTarget::kVllm);
  EXPECT_EQ(placeholder.text.rfind("vllm serve path/to/model", 0), 0u) << placeholder.text;
  // The page passes the model it shows as a source: the preset's own model still names the preset; another
  // (an imported config.json) does not.
  Scenario preset;
  preset.model = "Qwen/Qwen3-8B";
  preset.engine = EngineChoice::kVllm;
  ModelSource same;
  same.model = scenario_model(preset);
  EXPECT_EQ(launch_line(preset, LaunchTarget::kVllm, &same).text.rfind("vllm serve Qwen/Qwen3-8B", 0), 0u);
  ModelSource other;
  other.model = scenario_model(custom);
  EXPECT_EQ(launch_line(preset, LaunchTarget::kVllm, &other).text.rfind("vllm serve path/to/model", 0), 0u);
}

TEST(Launch, TheAnalysisCarriesTheEnginesCommandsForTheGpusShown) {
  Scenario s;
  s.model = "meta-llama/Llama-3.3-70B-Instruct";
  s.engine = EngineChoice::kVllm;
  s.gpu = "any";
  const Analysis a = analyze(s);
  ASSERT_EQ(a.launch.size(), 1u);
  ASSERT_GT(a.any.smallest_count, 0);
  if (a.any.smallest_count > 1)
    EXPECT_NE(a.launch[0].text.find("--tensor-parallel-size " + std::to_string(a.any.smallest_count)), std::string::npos)
        << a.launch[0].text;
  else
    EXPECT_EQ(a.launch[0].text.find("--tensor-parallel-size"), std::string::npos);
  s.engine = EngineChoice::kLlamaCpp;
  s.gpu = "";
  ASSERT_EQ(analyze(s).launch.size(), 2u);  // llama-server, llama-cli
  s.engine = EngineChoice::kRuleOfThumb;
  EXPECT_TRUE(analyze(s).launch.empty());
}

// analyze() reuses its own estimate for the lines: the same lines launch_line() writes by estimating again.
TEST(Launch, TheAnalysisLinesAreLaunchLinesOwn) {
  int compared = 0;
  const std::vector<Scenario> all = scenarios();
  for (std::size_t k = 0; k < all.size(); k += 4) {  // a quarter of them: analyze() runs every sweep and table
    const Scenario& s = all[k];
    const Analysis a = analyze(s);
    const std::vector<LaunchTarget> targets = launch_targets(s);
    ASSERT_EQ(a.launch.size(), targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const LaunchLine fresh = launch_line(s, targets[i]);
      EXPECT_EQ(a.launch[i].text, fresh.text) << s.model;
      EXPECT_EQ(a.launch[i].args, fresh.args) << s.model;
      EXPECT_EQ(a.launch[i].notes, fresh.notes) << s.model;
      ++compared;
    }
  }
  EXPECT_GT(compared, 60);
}

// A model the page read from Hugging Face (hf=) is named by its repository; an imported file without one stays a
// placeholder.
TEST(Launch, AHubModelIsNamedByItsRepository) {
  Scenario s;
  s.engine = EngineChoice::kVllm;
  ModelSource source;
  source.model = find_preset("Qwen/Qwen3-8B")->arch;  // not the default preset's model
  s.hub = "someone/Qwen3-8B-finetune";
  const LaunchLine vllm = launch_line(s, LaunchTarget::kVllm, &source);
  EXPECT_EQ(vllm.text.rfind("vllm serve someone/Qwen3-8B-finetune", 0), 0u) << vllm.text << (vllm.notes.empty() ? "" : vllm.notes[0].detail);
  EXPECT_NE(launch_line(s, LaunchTarget::kLlamaServer, &source).text.find("-m Qwen3-8B-finetune-Q4_K_M.gguf"), std::string::npos);
  s.hub.clear();
  EXPECT_EQ(launch_line(s, LaunchTarget::kVllm, &source).text.rfind("vllm serve path/to/model", 0), 0u);
}

TEST(Launch, TransformersScriptIsPython) {
  Scenario s;
  s.model = "Qwen/Qwen3-8B";
  s.engine = EngineChoice::kTransformers;
  s.hf_weights = "nf4-dq";
  const LaunchLine l = launch_line(s, LaunchTarget::kTransformers);
  // Brackets balance and every keyword set appears as key=value.
  EXPECT_EQ(std::count(l.text.begin(), l.text.end(), '('), std::count(l.text.begin(), l.text.end(), ')'));
  for (const LaunchArg& a : l.args)
    if (a.kind == LaunchArgKind::kKeyword && a.name != "quantization_config")
      EXPECT_NE(l.text.find(a.name + "=" + a.value), std::string::npos) << a.name;
  EXPECT_NE(l.text.find("bnb_4bit_use_double_quant=True"), std::string::npos);
}

}  // namespace
}  // namespace vramfit
