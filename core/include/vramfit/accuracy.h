// How far the estimates have been from measurements: assets/accuracy.json (written by `vramfit report --all`,
// checked in CI), embedded so the page can show an honest "+-x%" beside a number instead of false precision.
#pragma once

#include <string_view>

namespace vramfit {

struct AccuracySummary {
  int cases = 0;               // reference measurements behind the figures; 0: none for this engine
  double median_abs_pct = 0;   // median |error| of the case totals
  double p90_abs_pct = 0;      // 90th percentile |error|
};

// "llama.cpp", "ollama", "vllm", "transformers", "rule-of-thumb", "training".
AccuracySummary accuracy_for(std::string_view engine);

}  // namespace vramfit
