// What fits: for every GPU of the catalog, whether the request fits, on how many of them, the largest context
// and batch that fit there, and the decode speed (inference) or the time and cost (fine-tuning). The page's
// "which GPU?" tables read it.
#pragma once

#include <vector>

#include "vramfit/gpu_catalog.h"
#include "vramfit/inference.h"
#include "vramfit/training.h"

namespace vramfit {

inline constexpr int kMaxGpusTried = 8;  // 1, 2, 4, 8: one node

// The GPU counts tried, for the table and the verdict's "GPUs needed" alike.
inline constexpr int kGpuCountsTried[] = {1, 2, 4, 8};

struct GpuFit {
  int gpu_index = 0;               // into the catalog passed in
  int gpus_needed = 0;             // fewest of this GPU (1, 2, 4 or 8) that hold the request; 0: not even 8
  double used_bytes = 0;           // the busiest device's memory on gpus_needed GPUs (on 1 when none fits)
  double capacity_bytes = 0;       // what one of these GPUs can hold for the engine
  int largest_context = 0;         // tokens per sequence that fit on gpus_needed GPUs (0: none); at most the model's
  int largest_batch = 0;           // concurrent sequences that fit at the request's context (0: none)
  double decode_tokens_per_s = 0;  // all sequences together, on gpus_needed GPUs; 0: the catalog lacks the bandwidth
};

// `request` carries the model, engine, format, context and sequences; its GPU is replaced by each catalog
// entry in turn. CPU hosts (their memory is the reader's to state) are left out.
//
// Memory of llama.cpp, transformers and the rule of thumb depends on the GPU only through its capacity, so one
// estimate per GPU count serves the whole catalog: the context limit comes from a sweep of that estimate over
// context lengths (interpolated, so it is within one sweep step of exact), the batch limit from its slope per
// sequence. vLLM sizes its KV cache from the GPU's memory, so each GPU gets its own estimate, whose KV tokens
// and concurrency give the limits directly.
std::vector<GpuFit> what_fits(const InferenceRequest& request, const std::vector<GpuEntry>& gpus);

// A catalog GPU as the estimators see it: its name, what it holds (capacity_bytes), bandwidth and throughput
// where known, shared memory and its rule, its cloud price. What `gpu` had stays where the catalog knows nothing.
void take_catalog_gpu(const GpuEntry& entry, Gpu& gpu);
// What a GPU-hour of `entry` costs in a comparison: the price asked for (> 0), else its cloud price, else 0
// (unknown; a comparison does not rank GPUs by one flat guess).
inline double rent_per_gpu_hour(double asked, const GpuEntry& entry) { return asked > 0 ? asked : entry.cloud_usd_per_hour; }

inline constexpr int kMaxMicroBatchTried = 4096;  // as the page's input allows
inline constexpr int kSeqLenStep = 256;           // largest_seq_len is a whole number of these (or the request's)

struct TrainingGpuFit {
  int gpu_index = 0;               // into the catalog passed in
  int gpus_needed = 0;             // fewest of this GPU in all (1, 2, 4 or 8; data x tensor x pipeline parallel)
                                   // that hold the step; 0: not even 8
  bool zero3_added = false;        // the request shards nothing (plain DDP, where more GPUs do not lower the
                                   // memory of each), so these GPUs shard the states ZeRO-3 / FSDP full shard
  double peak_bytes = 0;           // one GPU's peak of the step on gpus_needed GPUs (on the most tried when none fits)
  double capacity_bytes = 0;       // what one of these GPUs can hold
  int largest_micro_batch = 0;     // exact: fits at the request's seq_len and one more does not (0: none);
                                   // at most kMaxMicroBatchTried (or the request's micro-batch when larger)
  int largest_seq_len = 0;         // at the request's micro-batch: the largest multiple of kSeqLenStep that fits
                                   // (the next does not), or the request's own when no multiple does but it
                                   // fits; 0: none; at most the model's maximum context (or the request's)
  double time_hours = 0;           // train_tokens on gpus_needed GPUs at the request's MFU; 0: none fits, or
                                   // the catalog lacks the GPU's dense 16-bit throughput
  double cost_usd = 0;             // time_hours x gpus_needed x the request's price per GPU-hour, else the GPU's
                                   // cloud price; 0 as time_hours, or when neither is known
};

// `request` carries the model, the method, the step and its parallelism; its GPU and data-parallel degree are
// replaced by each catalog entry and GPU count in turn. Tensor and pipeline parallel stay as asked, so only
// counts they divide are tried; the request's sharding stays when it shards (ZeRO / FSDP), and plain DDP
// becomes ZeRO-3 beyond one data-parallel rank (zero3_added). Unified-memory hosts are tried alone, CPU hosts
// are left out; an invalid request gives no rows.
//
// The step's memory depends on the GPU only through its capacity, so one estimate per GPU count serves the
// whole catalog; the largest micro-batch and sequence length come from searches over direct estimates at that
// count (interpolation, each guess checked against its neighbour, bisection when a guess does not halve the
// bracket) whose estimates every GPU shares.
std::vector<TrainingGpuFit> what_fits_training(const TrainingRequest& request, const std::vector<GpuEntry>& gpus);

}  // namespace vramfit
