// The accuracy report over every reference file (tests/data): the detailed model and the rule-of-thumb
// profile against each measurement, as one Markdown document (docs/accuracy.md) and a small JSON summary for
// the page (assets/accuracy.json). Pure functions of the files' texts: the CLI reads, writes and compares.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vramfit/reference.h"

namespace vramfit {

// The engines in report order; others follow in name order.
inline constexpr std::string_view kReportEngines[] = {"llama.cpp", "ollama", "vllm", "sglang", "transformers", "training"};
inline constexpr std::string_view kRuleOfThumbEngine = "rule-of-thumb";

struct ReferenceFile {
  std::string name;  // as the document prints it: "inference_cases.json"
  std::string text;  // its JSON
};

// A case file (its cases carry requests), evaluated by the detailed model and by the rule of thumb.
struct EvaluatedFile {
  std::string name;
  ReferenceReport detailed;
  ReferenceReport rule_of_thumb;
};

// An entry of a source file (inference_reference.json): what a case's "ref" points to.
struct ReferenceSource {
  std::string id;
  std::string file;
  std::string source;  // a URL or a description
};

struct AccuracyReport {
  std::vector<EvaluatedFile> case_files;  // sorted by name
  std::vector<std::string> source_files;  // files without requests, sorted by name
  std::vector<ReferenceSource> sources;
  ReferenceReport detailed;               // every case file's rows together (diagnostics name their file)
  ReferenceReport rule_of_thumb;
};

// Files whose cases carry a "request" are evaluated; the others are read as sources (id -> "source").
AccuracyReport build_accuracy_report(std::vector<ReferenceFile> files);

// One row per case and component ("weights", "kv", "overhead", "peak"; counts keep their metric; "total"
// stays): the sum of the case's byte rows of that component, so summarize() counts each case once.
ReferenceReport component_rows(const ReferenceReport& report);

// Rows outside their tolerance (known misses never are) plus cases that could not be evaluated.
int accuracy_failures(const AccuracyReport& report);

// The document: intro, summary per engine and component, detailed model vs rule of thumb, every case with its
// source, known misses with their reasons, sources. Deterministic: no dates, fixed decimals, sorted rows.
std::string accuracy_markdown(const AccuracyReport& report);

// Its "detailed model vs rule of thumb" table alone (Markdown), for the command line.
std::string accuracy_comparison_markdown(const AccuracyReport& report);

// {"engines": {"llama.cpp": {"cases", "median_abs_pct", "p90_abs_pct", "max_abs_pct"}, ..., "rule-of-thumb", "training"}}
std::string accuracy_summary_json(const AccuracyReport& report);

// nullopt when `actual` equals `expected`; otherwise where they first differ ("line 12: expected \"...\",
// found \"...\"").
std::optional<std::string> first_difference(std::string_view expected, std::string_view actual);

}  // namespace vramfit
