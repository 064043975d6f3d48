// Every reference measurement (tests/data/inference_cases.json; sources in inference_reference.json) is
// pinned within its stated tolerance, and the median error per engine within the accuracy target.
#include "vramfit/reference.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern const std::uint8_t kInferenceCases[];
extern const std::size_t kInferenceCases_size;
extern const std::uint8_t kTrainingCases[];
extern const std::size_t kTrainingCases_size;
extern const std::uint8_t kLlamaCppCases[];
extern const std::size_t kLlamaCppCases_size;

namespace vramfit {
namespace {

// Published measurements plus the llama.cpp buffers recorded by tests/engine/conformance.mjs --record.
const ReferenceReport& report() {
  static const ReferenceReport r = [] {
    ReferenceReport all = evaluate_reference_cases(
        std::string_view(reinterpret_cast<const char*>(kInferenceCases), kInferenceCases_size));
    ReferenceReport measured = evaluate_reference_cases(
        std::string_view(reinterpret_cast<const char*>(kLlamaCppCases), kLlamaCppCases_size));
    all.rows.insert(all.rows.end(), measured.rows.begin(), measured.rows.end());
    all.diagnostics.insert(all.diagnostics.end(), measured.diagnostics.begin(), measured.diagnostics.end());
    return all;
  }();
  return r;
}

TEST(Reference, EveryCaseEvaluates) {
  for (const auto& d : report().diagnostics) ADD_FAILURE() << d.detail;
  EXPECT_GE(report().rows.size(), 30u);
}

TEST(Reference, EveryMetricWithinItsTolerance) {
  for (const auto& r : report().rows)
    EXPECT_TRUE(r.within()) << r.case_id << " " << r.metric << ": measured " << r.measured << ", estimated "
                            << r.estimated << " (" << r.error_pct << "% vs +-" << r.tolerance_pct << "%)";
}

// Published fine-tuning peaks (tests/data/training_cases.json): each pinned case within its tolerance (in
// EveryMetricWithinItsTolerance style) and the median within the target of 10%. Known misses are reported by
// `vramfit report`, not pinned; each says why.
TEST(Reference, TrainingCases) {
  const ReferenceReport r = evaluate_reference_cases(
      std::string_view(reinterpret_cast<const char*>(kTrainingCases), kTrainingCases_size));
  for (const auto& d : r.diagnostics) ADD_FAILURE() << d.detail;
  for (const auto& row : r.rows)
    EXPECT_TRUE(row.within()) << row.case_id << ": " << row.error_pct << "%";
  const ErrorSummary s = summarize(r, "training");
  EXPECT_GE(s.cases, 15);  // the reference set: at least 15 published measured peaks
  EXPECT_LE(s.median_abs_pct, 10.0);
  EXPECT_LE(s.max_abs_pct, 25.0);
}

// Target (issue 3): median absolute error of the total <= 3% per engine profile, no case beyond 10%.
TEST(Reference, MedianErrorPerEngine) {
  for (const char* engine : {"llama.cpp", "ollama", "vllm", "transformers"}) {
    const ErrorSummary s = summarize(report(), engine);
    if (s.cases == 0) continue;
    EXPECT_LE(s.median_abs_pct, 3.0) << engine;
    EXPECT_LE(s.max_abs_pct, 10.0) << engine;
  }
}

}  // namespace
}  // namespace vramfit
