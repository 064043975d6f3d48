// Reference measurements: published or measured engine figures, each turned into a vramfit request, and
// the comparison of estimate against measurement (used by the tests and by `vramfit report`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vramfit/diagnostics.h"

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
  bool within() const;
};

struct ReferenceReport {
  std::vector<ReferenceRow> rows;
  Diagnostics diagnostics;  // cases that could not be evaluated
};

// Evaluates every case of a reference file (tests/data/inference_cases.json).
ReferenceReport evaluate_reference_cases(std::string_view json_text);

// Median and 90th percentile of |error| over the "total" rows of one engine ("" = all engines).
struct ErrorSummary {
  int cases = 0;
  double median_abs_pct = 0;
  double p90_abs_pct = 0;
  double max_abs_pct = 0;
};
ErrorSummary summarize(const ReferenceReport& report, std::string_view engine, std::string_view metric = "total");

}  // namespace vramfit
