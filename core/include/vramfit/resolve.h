// resolve(): the one place a Scenario (plus an imported model) becomes the estimator's request. The page, the
// command line, the JSON API and links all go through it, so one question gets one answer.
#pragma once

#include <optional>
#include <string>

#include "vramfit/inference.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/model.h"
#include "vramfit/scenario.h"
#include "vramfit/training.h"

namespace vramfit {

// A model that came from a file (config.json, GGUF, safetensors) rather than a preset or a custom architecture.
struct ModelSource {
  std::optional<ModelArch> model;            // replaces the Scenario's preset and custom architecture
  std::string checkpoint_format;             // the checkpoint as stored ("bf16", "gptq-4b-g128"); "" = unknown
  std::optional<LlamaWeights> gguf_weights;  // per-layer bytes of a GGUF's tensor index
  std::string gguf_file_type;                // "Q4_K_M"; "" = unknown
  double checkpoint_bytes = 0;               // tensor bytes of the safetensors checkpoint (0 = not known)
  bool weights_as_stored = false;            // estimate the file's own weights (its format), not the Scenario's w / hw
};

// The model a Scenario names: the source's, else its custom architecture, else its preset (else the default).
ModelArch scenario_model(const Scenario& scenario, const ModelSource* source = nullptr);

InferenceRequest resolve_inference(const Scenario& scenario, const ModelSource* source = nullptr);
TrainingRequest resolve_training(const Scenario& scenario, const ModelSource* source = nullptr);

// The catalog id whose GPU a Scenario's estimate uses: `gpu`, or the default GPU for "" and "any".
std::string catalog_id(const Scenario& scenario);

struct GpuEntry;
// Puts a catalog GPU in a request: its usable memory, bandwidth and throughput. Entries whose memory is the
// user's to set (CPU hosts, configurable Apple chips) take `typed_memory_gb`; a CPU host runs llama.cpp on the
// CPU with that much RAM.
void use_catalog_gpu(const GpuEntry& gpu, double typed_memory_gb, InferenceRequest& request);

}  // namespace vramfit
