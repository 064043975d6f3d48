// Everything the page remembers between frames, in one place (no function-static UI state).
#pragma once

#include <string>
#include <vector>

#include "vramfit/inference.h"

namespace vramfit::web {

enum class EngineChoice : int { kLlamaCpp, kOllama, kVllm, kTransformers, kRuleOfThumb };

// The user's inputs. Everything shown is derived from these by the core.
struct Inputs {
  int model_index = -1;                  // into vramfit::model_presets(); -1 = the default model
  EngineChoice engine = EngineChoice::kLlamaCpp;
  std::string llama_weights = "Q4_K_M";  // llama.cpp file type
  std::string hf_weights = "bf16";       // vLLM / transformers checkpoint format
  std::string kv_type = "f16";
  int context = 8192;                    // tokens per sequence; never the model's maximum by default
  int sequences = 1;
  int gpu_index = -2;                    // into vramfit::gpu_catalog(); -1 = custom; -2 = the default GPU
  float custom_gpu_gb = 24.0f;
  int gpu_count = 1;
  int gpu_layers = -1;                   // llama.cpp -ngl; -1 = all
  bool flash_attention = true;
  bool cpu_only = false;
  float gpu_memory_utilization = 0.9f;
  int attention = 1;                     // 0 eager, 1 sdpa, 2 flash_attention_2
  int prompt_tokens = 1024;
  int new_tokens = 256;
};

struct SweepPoint {
  double context = 0;
  double gpu_bytes = 0;   // the busiest GPU (or host RAM for CPU-only runs)
};

// Results derived from Inputs; recomputed only when an input changes.
struct Derived {
  InferenceRequest request;
  InferenceEstimate estimate;
  std::vector<SweepPoint> sweep;
  int largest_fitting_context = 0;  // 0: none fits
  int gpus_needed = 0;              // 0: unknown / not applicable
};

struct AppState {
  Inputs inputs;
  Derived derived;
  bool dirty = true;            // inputs changed since `derived` was computed
  char model_filter[64] = {};   // text typed into the model picker

  // Display.
  float pixel_ratio = 1.0f;     // devicePixelRatio the fonts and style are built for
  int css_width = 0;            // CSS pixels, for layout breakpoints
  int css_height = 0;
};

// Builds the core request from the inputs and recomputes everything derived.
void recompute(AppState& state);

}  // namespace vramfit::web
