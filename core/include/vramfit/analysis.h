// analyze(): everything the page shows for a Scenario, computed once in the core so the page, the command line
// and the JS API print the same numbers: the estimate, memory-versus-length and -batch sweeps with their limits,
// the largest context that fits, GPUs needed, every weight format side by side, which catalog GPUs fit, and for
// gpu=any the catalog's answer (the estimate then shown for the smallest GPU that holds it).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vramfit/inference.h"
#include "vramfit/launch.h"
#include "vramfit/resolve.h"
#include "vramfit/scenario.h"
#include "vramfit/training.h"
#include "vramfit/what_fits.h"

namespace vramfit {

// The weight formats an engine offers, in the order the page lists them (and compares them side by side).
std::span<const char* const> llama_weight_choices();  // llama.cpp file types
std::span<const char* const> hf_weight_choices();     // checkpoint formats (vLLM, transformers)
std::span<const char* const> llama_kv_choices();
std::span<const char* const> hf_kv_choices();

struct SweepPoint {
  double x = 0;           // tokens per sequence, or sequences (micro-batch)
  double gpu_bytes = 0;   // the busiest GPU (or host RAM for CPU-only runs)
};

// The busiest device's memory as one input varies, the others fixed. Inference sweeps the context length and
// the concurrent sequences; fine-tuning the sequence length and the micro-batch.
struct Sweep {
  std::vector<SweepPoint> points;   // x ascending
  double chosen = 0;                // the input's value now
  double capacity_bytes = 0;        // what the busiest device holds
  double limit = 0;                 // the largest whole x that fits (0: none; the last point: all fit)
};

// One weight format of the side-by-side view: the request as it is, in another format.
struct FormatRow {
  std::string format;
  double gpu_bytes = 0;     // the busiest GPU (host RAM for CPU-only runs)
  double capacity_bytes = 0;
  bool fits = false;
  bool valid = false;       // the engine takes this format for this model
  bool refused = false;     // not valid because vLLM would not start here: no room for the KV cache (no figures)
};

// gpu=any: the catalog's answer (indexes into gpu_catalog(); -1: none), among the GPUs that need the fewest cards.
struct AnyGpuAnswer {
  int on_one = 0;           // GPUs of the catalog that hold the request on one card
  int on_several = 0;       // ... only on 2, 4 or 8
  int total = 0;            // GPUs tried
  int smallest = -1;        // the least memory that holds it, on the fewest cards: the one shown
  int smallest_count = 0;   // cards of it needed
  int fastest = -1;         // inference: the highest decode speed; fine-tuning: the shortest run
  double fastest_value = 0; // tokens/s, or 1 / hours
  int cheapest = -1;        // inference: the lowest launch price (on one card); fine-tuning: the cheapest run
  double cheapest_value = 0;// USD
};

struct Analysis {
  bool training = false;
  InferenceRequest request;         // inference: as estimated (gpu=any: on the smallest GPU that holds it)
  InferenceEstimate estimate;
  Sweep length_sweep;               // memory vs context (inference) or sequence length (fine-tuning)
  Sweep batch_sweep;                // memory vs concurrent sequences (inference) or micro-batch (fine-tuning)
  int largest_fitting_context = 0;  // 0: none fits (or it fits as asked)
  int gpus_needed = 0;              // more GPUs that would hold it (of kGpuCountsTried); 0: none or not needed
  std::vector<FormatRow> formats;   // every weight format the engine offers, the request otherwise unchanged
  std::vector<GpuFit> fits;         // every catalog GPU (what_fits.h), inference
  AnyGpuAnswer any;                 // gpu=any
  std::optional<TrainingRequest> train_request;  // fine-tuning: the step as estimated
  TrainingEstimate train;
  std::vector<TrainingGpuFit> train_fits;  // every catalog GPU for this step (what_fits.h)
  std::vector<LaunchLine> launch;   // inference: the command for each of the engine's targets (launch.h)
};

Analysis analyze(const Scenario& scenario, const ModelSource* source = nullptr);

// Memory of the busiest GPU (or of the host when nothing runs on a GPU).
double busiest_device_bytes(const InferenceEstimate& estimate);

}  // namespace vramfit
