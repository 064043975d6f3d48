// A result as text people paste elsewhere: a Markdown table (blog posts), CSV (spreadsheets), a plain
// aligned table (the command line). The JSON form is the API's own (api_json.h). The words around the numbers
// (column heads, component names) come from the caller's string table; English is the default.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vramfit/inference.h"
#include "vramfit/training.h"

namespace vramfit {

enum class ExportFormat { kMarkdown, kCsv, kTable };

struct ExportWords {
  std::string title = "Memory estimate";
  std::string device = "Device";
  std::string component = "Component";
  std::string size_gb = "GB";
  std::string size_gib = "GiB";
  std::string formula = "Formula";
  std::string source = "Source";
  std::string total = "Total";
  std::string capacity = "Capacity";
  std::string fits = "fits";
  std::string does_not_fit = "does not fit";
  std::string host = "host RAM";
  std::string made_with = "Estimated with vramfit";
  // The display name of a component id ("kv_cache" -> "KV cache"); the id itself when empty.
  std::function<std::string(const std::string&)> component_name;
  // The formula in the reader's language; as the core wrote it when empty.
  std::function<std::string(const std::string&)> formula_text;
};

// `summary` is one line saying what was estimated ("Llama 3.1 8B, Q4_K_M, 8192 tokens x 1, llama.cpp");
// `link` (may be empty) is where to open it again.
std::string export_estimate(const InferenceEstimate& estimate, ExportFormat format, const std::string& summary,
                            const std::string& link = "", const ExportWords& words = {});
// Any per-device breakdown (a training step's, for one).
std::string export_devices(const std::vector<DeviceUsage>& devices, ExportFormat format, const std::string& summary,
                           const std::string& link = "", const ExportWords& words = {});

struct Analysis;
// Everything analyze() found, as text: the breakdown, then the limits (largest context, GPUs needed, the sweeps'
// limits) and every weight format side by side (inference), or which catalog GPUs hold it (gpu=any).
std::string export_analysis(const Analysis& analysis, ExportFormat format, const std::string& link = "");

// The summary line for a request: model, weights, context x sequences, engine, GPU.
std::string request_summary(const InferenceRequest& request);
// For a fine-tuning step: model, method, optimizer, micro-batch x sequence, GPUs, and where the peak falls
// (left out when the estimate has no peak moment).
std::string training_summary(const TrainingRequest& request, const TrainingEstimate& estimate);

// Any table: a head row and rows of cells. `right` (one per column) aligns numbers right in the plain table and
// in Markdown. Markdown and the plain table start with `summary`; CSV is the cells alone.
struct TextTable {
  std::vector<std::string> head;
  std::vector<bool> right;
  std::vector<std::vector<std::string>> rows;
};
std::string export_table(const TextTable& table, ExportFormat format, const std::string& summary, const std::string& made_with = "");

std::optional<ExportFormat> export_format_by_name(std::string_view name);  // "markdown"|"md", "csv", "table"

}  // namespace vramfit
