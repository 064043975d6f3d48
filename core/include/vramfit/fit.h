// Fit mode: for the hardware a Scenario names, search the engine's settings for the best configuration towards a
// goal, and say why each runner-up lost. The settings searched are the ones that change memory: the weight
// format, the KV cache type, and for llama.cpp where the model lives (the routed experts kept in host RAM with
// --n-cpu-moe for MoE models, the layers on the GPU with -ngl for dense ones); the goal's own quantity (context,
// concurrent sequences) is pushed to its exact limit: the chosen value fits and one more does not.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/scenario.h"

namespace vramfit {

struct ModelSource;

enum class FitGoal : std::uint8_t {
  kQuality,    // the largest weight format (then KV type) that fits at the asked context and sequences
  kContext,    // the longest context per sequence, in the asked format
  kSequences,  // the most concurrent sequences at the asked context, in the asked format
  kSpeed,      // the fastest decode among the configurations that fit at the asked context and sequences
};
inline constexpr std::array<std::string_view, 4> kFitGoalNames = {"quality", "context", "sequences", "speed"};

// Why a runner-up lost to the best (kNone for the best itself).
enum class FitLoss : std::uint8_t { kNone, kDoesNotFit, kQuality, kOffload, kContext, kSequences, kSpeed };
inline constexpr std::array<std::string_view, 7> kFitLossNames = {"", "does_not_fit", "quality", "offload",
                                                                  "context", "sequences", "speed"};

struct FitCandidate {
  Scenario scenario;                // the asked Scenario with the searched settings changed
  bool fits = false;                // every device, host RAM included, within capacity
  double gpu_bytes = 0;             // the busiest GPU (host RAM for CPU-only runs)
  double capacity_bytes = 0;
  double host_bytes = 0;            // host RAM used
  double decode_tokens_per_s = 0;
  FitLoss lost = FitLoss::kNone;
};

struct FitResult {
  FitGoal goal = FitGoal::kQuality;
  bool found = false;               // best fits
  FitCandidate best;                // found: the best configuration; else the nearest miss (least over capacity)
  std::vector<FitCandidate> runners_up;  // the next best (up to 3), each with why it lost
  int candidates = 0;               // configurations estimated
  Diagnostics notes;                // fit.* (nothing fits; a job or engine fit mode does not search)
};

FitResult fit(const Scenario& scenario, FitGoal goal, const ModelSource* source = nullptr);

}  // namespace vramfit
