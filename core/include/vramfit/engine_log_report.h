// Published vLLM start-ups (tests/data/engine_logs/vllm/*.log) against vramfit's vLLM estimate: what each log
// measured, what vramfit says for the same settings, and the error, as the Markdown of docs/engine_logs.md.
//
// A reference file is the engine's lines under a header of "# key: value" lines (source, engine, model, gpu,
// command, outcome, note). A "# vramfit: <link query>" line, where present, gives the settings vramfit
// estimates with, as a share link's query (engine, model, GPU, utilization, context, tensor parallel size,
// checkpoint format, KV type): read by the link decoder, so it is a question anyone can open on the page. Files
// without one are listed with what was read, not estimated.
#pragma once

#include <string>
#include <vector>

#include "vramfit/engine_log.h"

namespace vramfit {

struct EngineLogCase {
  std::string file;                  // file name
  std::string source, engine, model, gpu, outcome;  // the header's
  std::string query;                 // the "# vramfit:" line ("" when the case is not estimated)
  std::string release;               // the vLLM release range of the query (vr), e.g. "v0.21"
  bool fit = false;                  // "# role: fit ...": vramfit's constants were fitted on this start-up
  std::string miss;                  // "# miss: ...": why vramfit misses this start-up
  bool unified = false;              // the GPU shares memory with the CPU (DGX Spark, Jetson)
  EngineLogRead read;
  bool estimated = false;
  bool fits = false;                 // vramfit's verdict: starts
  bool refused_start = false;        // vramfit's verdict is a refusal on this hardware (no figures; problem says why)
  double weights_gib = 0, activation_gib = 0, non_torch_gib = 0, kv_gib = 0;  // vramfit, per GPU
  std::string problem;               // why the case could not be estimated
};

EngineLogCase engine_log_case(const std::string& file, const std::string& text);
std::string engine_log_markdown(const std::vector<EngineLogCase>& cases);

}  // namespace vramfit
