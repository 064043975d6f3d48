// vLLM start-up logs: the lines of each version as published logs print them, read into figures and settings;
// every reference start-up in tests/data/engine_logs/vllm gives its KV figure or its refusal; hostile text is
// refused or read without a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vramfit/engine_log.h"
#include "vramfit/engine_log_report.h"

namespace vramfit {
namespace {

TEST(EngineLog, ReadsTheV0MemoryProfilingLines) {
  const EngineLogRead r = read_engine_log(
      "INFO 04-02 10:20:45 model_runner.py:1116] Loading model weights took 30.7098 GB\n"
      "INFO 04-02 10:20:55 worker.py:266] the current vLLM instance can use total_gpu_memory (44.42GiB) x "
      "gpu_memory_utilization (0.90) = 39.98GiB\n"
      "INFO 04-02 10:20:55 worker.py:266] model weights take 30.71GiB; non_torch_memory takes 0.30GiB; PyTorch "
      "activation peak memory takes 1.26GiB; the rest of the memory reserved for KV Cache is 7.71GiB.\n"
      "INFO 04-02 10:20:55 executor_base.py:108] # CUDA blocks: 3947, # CPU blocks: 2048\n"
      "INFO 04-02 10:20:55 executor_base.py:113] Maximum concurrency for 10000 tokens per request: 6.32x\n");
  EXPECT_EQ(r.engine, "vllm");
  EXPECT_FALSE(r.v1);
  EXPECT_DOUBLE_EQ(r.total_gpu_memory_gib, 44.42);
  EXPECT_DOUBLE_EQ(r.gpu_memory_utilization, 0.90);
  EXPECT_DOUBLE_EQ(r.weights_gib, 30.71);
  EXPECT_DOUBLE_EQ(r.non_torch_gib, 0.30);
  EXPECT_DOUBLE_EQ(r.activation_gib, 1.26);
  EXPECT_DOUBLE_EQ(r.kv_available_gib, 7.71);
  EXPECT_DOUBLE_EQ(r.gpu_blocks, 3947);
  EXPECT_EQ(r.max_model_len, 10000);
  EXPECT_DOUBLE_EQ(r.max_concurrency, 6.32);
  EXPECT_EQ(r.lines, 5);
  EXPECT_EQ(r.lines_read, 5);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(EngineLog, ReadsTheV1LinesTheConfigAndARefusal) {
  const EngineLogRead r = read_engine_log(
      "(APIServer pid=5710) INFO 08-20 18:03:40 [api_server.py:1805] vLLM API server version 0.10.1\n"
      "(APIServer pid=5710) INFO [utils.py:326] non-default args: {'model_tag': 'openai/gpt-oss-120b', 'model': "
      "'openai/gpt-oss-120b', 'max_model_len': 32768, 'tensor_parallel_size': 2, 'gpu_memory_utilization': 0.95}\n"
      "INFO [scheduler.py:222] Chunked prefill is enabled with max_num_batched_tokens=8192.\n"
      "(EngineCore_0 pid=5839) INFO [gpu_model_runner.py:2007] Model loading took 65.9651 GiB and 12.79 seconds\n"
      "(EngineCore_0 pid=5839) INFO [gpu_worker.py:276] Available KV cache memory: -2.14 GiB\n"
      "(EngineCore_0 pid=5839) ValueError: No available memory for the cache blocks. Try increasing "
      "`gpu_memory_utilization` when initializing the engine.\n");
  EXPECT_TRUE(r.v1);
  EXPECT_EQ(r.version, "0.10.1");
  EXPECT_EQ(r.model, "openai/gpt-oss-120b");
  EXPECT_EQ(r.max_model_len, 32768);
  EXPECT_EQ(r.tensor_parallel, 2);
  EXPECT_DOUBLE_EQ(r.gpu_memory_utilization, 0.95);
  EXPECT_EQ(r.max_num_batched_tokens, 8192);
  EXPECT_DOUBLE_EQ(r.weights_gib, 65.9651);
  EXPECT_DOUBLE_EQ(r.kv_available_gib, -2.14);
  EXPECT_EQ(r.refusal.rfind("No available memory for the cache blocks", 0), 0u) << r.refusal;
}

TEST(EngineLog, ReadsTheEngineConfigLineAndTokenCounts) {
  const EngineLogRead r = read_engine_log(
      "INFO 07-01 [core.py:69] Initializing a V1 LLM engine (v0.9.1) with config: model='Qwen/Qwen3-8B', "
      "speculative_config=None, dtype=torch.bfloat16, max_seq_len=40960, tensor_parallel_size=1, "
      "pipeline_parallel_size=1, quantization=None, enforce_eager=False, kv_cache_dtype=fp8, device_config=cuda\n"
      "INFO [kv_cache_utils.py:716] GPU KV cache size: 1,234,567 tokens\n"
      "INFO [gpu_model_runner.py:2048] Graph capturing finished in 13 secs, took 0.51 GiB\n");
  EXPECT_EQ(r.version, "0.9.1");
  EXPECT_EQ(r.model, "Qwen/Qwen3-8B");
  EXPECT_EQ(r.dtype, "bfloat16");
  EXPECT_EQ(r.max_model_len, 40960);
  EXPECT_EQ(r.tensor_parallel, 1);
  EXPECT_EQ(r.pipeline_parallel, 1);
  EXPECT_EQ(r.quantization, "");
  EXPECT_EQ(r.kv_cache_dtype, "fp8");
  EXPECT_EQ(r.enforce_eager, 0);
  EXPECT_DOUBLE_EQ(r.kv_tokens, 1234567);
  EXPECT_DOUBLE_EQ(r.cuda_graph_gib, 0.51);
}

TEST(EngineLog, SaysWhenNothingWasRecognised) {
  EXPECT_EQ(read_engine_log("hello\nworld").diagnostics.at(0).code, "log.not_recognised");
  EXPECT_EQ(read_engine_log("").diagnostics.at(0).code, "log.not_recognised");
  const EngineLogRead settings_only = read_engine_log("vLLM API server version 0.11.0\n");
  EXPECT_EQ(settings_only.diagnostics.at(0).code, "log.no_memory_figures");
  // Numbers that are not numbers, and a huge line: read as absent, no crash.
  const EngineLogRead odd = read_engine_log("Available KV cache memory: .e GiB\nGPU KV cache size: " +
                                            std::string(100000, '9') + " tokens\n");
  EXPECT_EQ(odd.kv_available_gib, 0);
  EXPECT_EQ(odd.kv_tokens, 0);
  EXPECT_EQ(read_engine_log(std::string(kMaxLogBytes + 1, 'x')).diagnostics.at(0).code, "log.too_large");
}

// Every published start-up kept as reference data gives what it was kept for: its KV figure, its memory breakdown
// ("Actual usage is ..."), or its refusal.
TEST(EngineLog, EveryReferenceStartUpGivesItsKvFigureOrRefusal) {
#ifdef __EMSCRIPTEN__
  GTEST_SKIP() << "reads tests/data from disk; run natively";
#endif
  int files = 0, estimated = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(VRAMFIT_SOURCE_DIR) + "/tests/data/engine_logs/vllm")) {
    if (entry.path().extension() != ".log") continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    const EngineLogCase c = engine_log_case(entry.path().filename().string(), s.str());
    ++files;
    const EngineLogRead& r = c.read;
    EXPECT_EQ(r.engine, "vllm") << c.file;
    EXPECT_TRUE(r.kv_available_gib != 0 || r.kv_tokens > 0 || r.gpu_blocks > 0 || r.max_concurrency > 0 || !r.refusal.empty() ||
                (r.activation_gib > 0 && (r.weights_gib > 0 || r.consumed_gib > 0)) || c.outcome.rfind("refused", 0) == 0 ||
                c.outcome.rfind("oom", 0) == 0)
        << c.file << " gives no KV figure and no refusal";
    EXPECT_FALSE(c.source.empty()) << c.file << " has no source";
    if (!c.query.empty()) {
      EXPECT_TRUE(c.estimated) << c.file << ": " << c.problem;
      estimated += c.estimated;
    }
  }
  EXPECT_GE(files, 70);
  EXPECT_GE(estimated, 34);
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

// llama.cpp's own lines (a CUDA start-up of 2024-05, tests/data/engine_logs/llamacpp/l033.log, and a 2026 build):
// every buffer with its device and kind, the settings llama_context printed, the KV types.
TEST(EngineLog, ReadsLlamaCppBuffersAndSettings) {
  const EngineLogRead r = read_engine_log(
      "build: 5908 (538cc77f) with cc (GCC) 14.2.1 for x86_64-pc-linux-gnu\n"
      "print_info: arch             = qwen3\n"
      "print_info: file type        = Q4_K - Medium\n"
      "llama_model_loader: - kv   2:                               general.name str              = Qwen3 8B\n"
      "load_tensors: offloaded 37/37 layers to GPU\n"
      "load_tensors:        CUDA0 model buffer size =  4455.35 MiB\n"
      "load_tensors:   CPU_Mapped model buffer size =   333.84 MiB\n"
      "llama_context: n_ctx         = 8192\n"
      "llama_context: n_ctx_seq     = 8192\n"
      "llama_context: n_batch       = 2048\n"
      "llama_context: n_ubatch      = 512\n"
      "llama_context: flash_attn    = enabled\n"
      "llama_context:  CUDA_Host  output buffer size =     0.58 MiB\n"
      "llama_kv_cache:      CUDA0 KV buffer size =   576.00 MiB\n"
      "llama_kv_cache: size =  576.00 MiB (  8192 cells,  36 layers,  1/1 seqs), K (q8_0):  288.00 MiB, V (q8_0):  288.00 MiB\n"
      "llama_context:      CUDA0 compute buffer size =   304.75 MiB\n"
      "llama_context:  CUDA_Host compute buffer size =    24.01 MiB\n"
      "llm_load_tensors:      CUDA1 buffer size =  5434.38 MiB\n"
      "Python version: 3.12.3 (main, Apr 10 2024)\n");
  EXPECT_EQ(r.engine, "llama.cpp");
  EXPECT_EQ(r.version, "b5908");
  EXPECT_EQ(r.arch, "qwen3");
  EXPECT_EQ(r.file_type, "Q4_K - Medium");
  EXPECT_EQ(r.model, "Qwen3 8B");
  EXPECT_EQ(r.layers_offloaded, 37);
  EXPECT_EQ(r.layers_total, 37);
  EXPECT_EQ(r.n_ctx, 8192);
  EXPECT_EQ(r.n_batch, 2048);
  EXPECT_EQ(r.n_ubatch, 512);
  EXPECT_EQ(r.flash_attn, 1);
  EXPECT_EQ(r.type_k, "q8_0");
  EXPECT_EQ(r.type_v, "q8_0");
  const std::vector<LogBuffer> want = {{"CUDA0", "model", 4455.35}, {"CPU_Mapped", "model", 333.84},
                                       {"CUDA_Host", "output", 0.58}, {"CUDA0", "kv", 576},
                                       {"CUDA0", "compute", 304.75},  {"CUDA_Host", "compute", 24.01},
                                       {"CUDA1", "model", 5434.38}};
  EXPECT_EQ(r.buffers, want);
  EXPECT_DOUBLE_EQ(r.buffer_mib("compute", "CUDA0"), 304.75);
  EXPECT_DOUBLE_EQ(r.buffer_mib("model"), 4455.35 + 333.84 + 5434.38);
  EXPECT_EQ(r.lines_read, 17);  // not n_ctx_seq (not kept), nor the Python line
}

TEST(EngineLog, ReadsOllamaAndSglang) {
  const EngineLogRead o = read_engine_log(
      "time=2026-02-13T09:28:23.487Z level=DEBUG source=device.go:240 msg=\"model weights\" device=CUDA0 size=\"7.0 GiB\"\n"
      "time=2026-02-13T09:28:23.487Z level=DEBUG source=device.go:251 msg=\"kv cache\" device=CUDA0 size=\"912.2 MiB\"\n"
      "time=2026-02-13T09:28:23.487Z level=DEBUG source=device.go:262 msg=\"compute graph\" device=CUDA0 size=\"2.9 GiB\"\n"
      "time=2026-02-13T09:28:23.487Z level=INFO source=routes.go:1 msg=\"Listening on [::]:11434 (version 0.9.5)\"\n"
      "load_tensors:        CUDA0 model buffer size =  4168.09 MiB\n");
  EXPECT_EQ(o.engine, "ollama");  // its runner's llama.cpp lines too
  EXPECT_EQ(o.version, "0.9.5");
  EXPECT_DOUBLE_EQ(o.buffer_mib("model", "CUDA0"), 7.0 * 1024 + 4168.09);
  EXPECT_DOUBLE_EQ(o.buffer_mib("kv"), 912.2);
  EXPECT_NEAR(o.buffer_mib("compute"), 2.9 * 1024, 1e-9);

  const EngineLogRead s = read_engine_log(
      "[2025-05-14 09:28:52] server_args=ServerArgs(model_path='/data/models/Qwen3-8B', mem_fraction_static=0.9, tp_size=1, context_length=8096)\n"
      "[2025-05-14 09:29:03] Load weight end. type=Qwen3ForCausalLM, dtype=torch.bfloat16, avail mem=63.49 GB, mem usage=15.35 GB.\n"
      "[2025-05-14 09:29:03] KV Cache is allocated. #tokens: 404890, K size: 27.80 GB, V size: 27.80 GB\n"
      "[2025-05-14 09:29:10] Capture cuda graph end. Time elapsed: 5.92 s. mem usage=1.39 GB. avail mem=5.63 GB.\n"
      "[2025-05-14 09:29:10] max_total_num_tokens=404890, chunked_prefill_size=8192, max_prefill_tokens=16384, max_running_requests=4097, context_len=8096\n");
  EXPECT_EQ(s.engine, "sglang");
  EXPECT_EQ(s.model, "/data/models/Qwen3-8B");
  EXPECT_DOUBLE_EQ(s.mem_fraction_static, 0.9);
  EXPECT_EQ(s.tensor_parallel, 1);
  EXPECT_DOUBLE_EQ(s.weights_gib, 15.35);
  EXPECT_DOUBLE_EQ(s.kv_available_gib, 55.6);
  EXPECT_DOUBLE_EQ(s.kv_tokens, 404890);
  EXPECT_DOUBLE_EQ(s.cuda_graph_gib, 1.39);
  EXPECT_EQ(s.chunked_prefill_size, 8192);
  EXPECT_EQ(s.max_running_requests, 4097);
  EXPECT_EQ(s.context_len, 8096);
}

// Every published start-up of the other engines is read as its engine. An Ollama excerpt with only its runner's
// llama.cpp lines (o006) reads as llama.cpp: nothing in it says Ollama.
TEST(EngineLog, EveryOtherEnginesStartUpIsReadAsThatEngine) {
#ifdef __EMSCRIPTEN__
  GTEST_SKIP() << "reads tests/data from disk; run natively";
#endif
  int files = 0, ollama = 0;
  for (const char* dir : {"sglang", "llamacpp", "ollama"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(VRAMFIT_SOURCE_DIR) + "/tests/data/engine_logs/" + dir)) {
      std::ifstream f(entry.path(), std::ios::binary);
      std::stringstream s;
      s << f.rdbuf();
      const EngineLogRead r = read_engine_log(s.str());
      const std::string want = std::string(dir) == "llamacpp" ? "llama.cpp" : dir;
      const std::string body = s.str().substr(s.str().find("\n", s.str().rfind("\n# ") + 1) + 1);  // after the header
      if (want == "ollama" && r.engine == "llama.cpp")
        EXPECT_TRUE(body.find("msg=") == std::string::npos && body.find("ollama") == std::string::npos) << entry.path().filename();
      else EXPECT_EQ(r.engine, want) << entry.path().filename();
      ollama += r.engine == "ollama";
      EXPECT_GT(r.lines_read, 0) << entry.path().filename();
      ++files;
    }
  }
  EXPECT_GE(files, 70);
  EXPECT_GE(ollama, 18);
}

}  // namespace
}  // namespace vramfit
