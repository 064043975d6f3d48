// The launch line: for a Scenario, what to type to run it in the engine it names, with the settings the estimate
// assumed (context, sequences, batch sizes, KV type, flash attention, layers on the GPU, utilization, tensor
// parallelism ...). Flags are those of a pinned engine version (kLaunchVersions); tests/data/engine_flags/engine_flags.json
// lists every flag of those versions' argument parsers, with its source, and a test checks each emitted flag
// against it. What a line cannot say exactly (a file name vramfit does not know, a setting the engine lacks) is
// a note beside it, never left out silently.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/scenario.h"

namespace vramfit {

struct ModelSource;

enum class LaunchTarget : std::uint8_t { kLlamaServer, kLlamaCli, kOllama, kVllm, kSglang, kTransformers };
inline constexpr std::array<std::string_view, 6> kLaunchTargetNames = {"llama-server", "llama-cli", "ollama", "vllm",
                                                                       "sglang", "transformers"};
// The engine versions whose flags are emitted (tests/data/engine_flags/engine_flags.json has their full flag lists).
struct LaunchVersions {
  std::string_view llama_cpp, ollama, vllm, sglang, transformers;
};
extern const LaunchVersions kLaunchVersions;

enum class LaunchArgKind : std::uint8_t {
  kFlag,       // a command-line flag ("-c", "--max-model-len")
  kEnv,        // an environment variable (OLLAMA_KV_CACHE_TYPE)
  kParameter,  // an Ollama Modelfile PARAMETER
  kKeyword,    // a Python keyword argument (transformers)
};

struct LaunchArg {
  LaunchArgKind kind = LaunchArgKind::kFlag;
  std::string name;   // as written: "-c", "OLLAMA_NUM_PARALLEL", "num_ctx", "attn_implementation"
  std::string value;  // "" for a switch
  bool operator==(const LaunchArg&) const = default;
};

struct LaunchLine {
  LaunchTarget target = LaunchTarget::kLlamaServer;
  std::string version;              // the engine version the flags are of
  std::string text;                 // ready to paste: a command, a Modelfile and its commands, or a Python script
  std::vector<LaunchArg> args;      // every flag, variable, parameter or keyword the text sets, in order
  Diagnostics notes;                // what the text cannot say exactly (codes launch.*; severity note or warning)
};

// The targets for the Scenario's engine, the first being the page's default: llama.cpp -> llama-server,
// llama-cli; Ollama -> ollama; vLLM -> vllm; SGLang -> sglang; transformers -> transformers; the rule of thumb and fine-tuning
// jobs -> none.
std::vector<LaunchTarget> launch_targets(const Scenario& scenario);
// The line for one target (any target of any inference scenario: the engine's settings are read from the
// Scenario as the estimate reads them). A fine-tuning scenario gives an empty text and a launch.training note; a
// configuration the estimate refuses gives an empty text and the estimate's errors.
LaunchLine launch_line(const Scenario& scenario, LaunchTarget target, const ModelSource* source = nullptr);
// The same for a Scenario already resolved and estimated for the target's engine (analyze() has both: a target of
// launch_targets(scenario) runs the Scenario's own engine), without estimating again.
struct InferenceRequest;
LaunchLine launch_line(const Scenario& scenario, LaunchTarget target, const InferenceRequest& resolved,
                       const Diagnostics& estimate_diagnostics, const ModelSource* source = nullptr);

}  // namespace vramfit
