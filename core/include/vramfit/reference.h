// Reference measurements: published or measured engine figures, each turned into a vramfit request, and
// the comparison of estimate against measurement (used by the tests and by `vramfit report`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/format.h"

namespace vramfit {

struct ReferenceRow {
  std::string case_id;
  std::string engine;
  std::string metric;       // "gpu_weights", "kv", "total", "vllm_kv_tokens", ...
  bool is_bytes = true;     // false for counts (tokens, blocks, concurrency)
  double measured = 0;      // bytes, or the count
  double estimated = 0;
  double error_pct = 0;     // (estimated - measured) / measured x 100
  double tolerance_pct = 0;
  bool known_miss = false;  // a case vramfit does not yet explain: reported, not pinned (the case says why)
  ByteUnit unit = ByteUnit::kMiB;  // bytes rows: the unit the source printed (the key's _mib, _gib, _gb, _mb)
  bool within() const;
};

// What a case says about itself, for reports.
struct ReferenceCase {
  std::string case_id;
  std::string engine;
  std::string ref;          // id of its entry in a source file (inference_reference.json), "" when none
  std::string source;       // its own source text, "" when none
  bool known_miss = false;
  std::string miss_reason;  // known misses: the case's "KNOWN MISS:" sentence (or its miss_reason field)
};

struct ReferenceReport {
  std::vector<ReferenceRow> rows;
  std::vector<ReferenceCase> cases;  // in file order
  Diagnostics diagnostics;  // cases that could not be evaluated
};

// Evaluates every case of a reference file (tests/data/inference_cases.json).
ReferenceReport evaluate_reference_cases(std::string_view json_text);

// The component a metric measures: "weights" (GPU and host weights, CPU repack), "kv" (KV cache), "overhead"
// (compute and output buffers, vLLM activations), "peak" (a whole-process peak); "total" stays "total";
// counts (vllm_blocks, ...) and refusals ("diagnostic:...") keep their own name.
std::string metric_component(std::string_view metric);

// The same inference cases through the rule-of-thumb profile (weights = parameters x bits / 8, KV of full
// multi-head attention in fp16, 20% of the weights on top): one "total" row per case with byte metrics, its
// estimate the rule's figures for the components the case measures (all three for a whole peak), per GPU
// for tensor-parallel cases. GGUF file types count at their nominal bits. Training cases give no row.
ReferenceReport evaluate_rule_of_thumb_cases(std::string_view json_text);

// Median and 90th percentile of |error| over the "total" rows of one engine ("" = all engines).
// Known misses are left out. The 90th percentile is the nearest rank: the ceil(0.9 n)-th smallest.
struct ErrorSummary {
  int cases = 0;
  double median_abs_pct = 0;
  double p90_abs_pct = 0;
  double max_abs_pct = 0;
};
ErrorSummary summarize(const ReferenceReport& report, std::string_view engine, std::string_view metric = "total");

}  // namespace vramfit
