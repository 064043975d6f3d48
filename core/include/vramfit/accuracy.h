// How far the estimates have been from measurements: assets/accuracy.json (written by `vramfit report --all`,
// checked in CI), embedded so the page can show an honest "+-x%" beside a number instead of false precision.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vramfit {

struct AccuracySummary {
  int cases = 0;               // reference measurements behind the figures; 0: none for this engine
  double median_abs_pct = 0;   // median |error| of the case totals
  double p90_abs_pct = 0;      // 90th percentile |error|
  bool operator==(const AccuracySummary&) const = default;
};

// Every engine's summary as loaded: from assets/accuracy.json in the core (accuracy_json.cpp); the page links its
// own definition reading the build-time binary form (web/app/catalog_blob.cpp).
using AccuracyTable = std::vector<std::pair<std::string, AccuracySummary>>;
const AccuracyTable& accuracy_table();

// "llama.cpp", "ollama", "vllm", "transformers", "rule-of-thumb", "training".
AccuracySummary accuracy_for(std::string_view engine);

}  // namespace vramfit
