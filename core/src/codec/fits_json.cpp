// "Which GPUs fit?" for the JS API and the command line: a page link's configuration on every catalog GPU
// (what_fits.h), as JSON rows or as a table. The page draws the same rows (web/ui_fits.cpp).
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "codec/json_codec.h"
#include "vramfit/api_json.h"
#include "vramfit/export.h"
#include "vramfit/format.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"
#include "vramfit/what_fits.h"

namespace vramfit {
namespace {

using nlohmann::json;

json known(double v) { return v > 0 ? json(v) : json(nullptr); }

// Rows that fit on fewer GPUs first, then less memory; those that do not fit even on 8 last.
template <class Fit>
void sort_fits(std::vector<Fit>& fits, const std::vector<GpuEntry>& gpus) {
  auto key = [&](const Fit& f) {
    return std::make_tuple(f.gpus_needed == 0 ? 1000 : f.gpus_needed, gpus[static_cast<std::size_t>(f.gpu_index)].memory_bytes,
                           f.gpu_index);
  };
  std::sort(fits.begin(), fits.end(), [&](const Fit& a, const Fit& b) { return key(a) < key(b); });
}

struct Fits {
  bool ok = true;
  bool training = false;
  std::vector<GpuFit> inference;
  std::vector<TrainingGpuFit> train;
  Diagnostics diagnostics;  // the link's, then the request's
  std::string summary;      // what was tried, for the text forms
};

Fits fits_of_link(std::string_view link) {
  const ShareDecoded d = decode_share_query(link);
  Fits out;
  out.diagnostics = d.diagnostics;
  const auto& gpus = gpu_catalog();
  if (d.config.training()) {
    out.training = true;
    const TrainingRequest request = resolve_training(d.config);
    out.train = what_fits_training(request, gpus);
    sort_fits(out.train, gpus);
    TrainingRequest shown = request;
    shown.gpu.name = "each GPU";
    out.summary = training_summary(shown, TrainingEstimate{});
  } else {
    InferenceRequest r = resolve_inference(d.config);
    const InferenceEstimate e = estimate_inference(r);
    if (has_errors(e.diagnostics)) {
      out.diagnostics.insert(out.diagnostics.end(), e.diagnostics.begin(), e.diagnostics.end());
      out.ok = false;
      return out;
    }
    out.inference = what_fits(r, gpus);
    sort_fits(out.inference, gpus);
    r.gpu_count = 1;
    r.gpu.name = "each GPU";
    out.summary = request_summary(r);
  }
  return out;
}

json error_json(const Diagnostics& diagnostics) {
  return {{"api_version", kApiVersion}, {"ok", false}, {"errors", api::diagnostics_json(diagnostics)}};
}

}  // namespace

std::string what_fits_link_json(std::string_view link) {
  const Fits f = fits_of_link(link);
  if (!f.ok) return error_json(f.diagnostics).dump();
  const auto& gpus = gpu_catalog();
  json rows = json::array();
  auto head = [&](int index) {
    const GpuEntry& g = gpus[static_cast<std::size_t>(index)];
    return json{{"id", g.id}, {"name", g.name}, {"memory_bytes", g.memory_bytes}};
  };
  for (const GpuFit& x : f.inference) {
    json row = head(x.gpu_index);
    row.update({{"gpus_needed", x.gpus_needed}, {"capacity_bytes", x.capacity_bytes}, {"used_bytes", x.used_bytes},
                {"largest_context", x.largest_context}, {"largest_batch", x.largest_batch},
                {"decode_tokens_per_s", known(x.decode_tokens_per_s)}});
    rows.push_back(row);
  }
  for (const TrainingGpuFit& x : f.train) {
    json row = head(x.gpu_index);
    row.update({{"gpus_needed", x.gpus_needed}, {"zero3_added", x.zero3_added}, {"capacity_bytes", x.capacity_bytes},
                {"peak_bytes", x.peak_bytes}, {"largest_micro_batch", x.largest_micro_batch},
                {"largest_seq_len", x.largest_seq_len}, {"time_hours", known(x.time_hours)}, {"cost_usd", known(x.cost_usd)}});
    rows.push_back(row);
  }
  return json{{"api_version", kApiVersion}, {"ok", true}, {"job", f.training ? "training" : "inference"},
              {"gpus", rows}, {"diagnostics", api::diagnostics_json(f.diagnostics)}}
      .dump();
}

ExportedText what_fits_link_text(std::string_view link, std::string_view format_name) {
  const Fits f = fits_of_link(link);
  if (!f.ok) return {false, error_json(f.diagnostics).dump()};
  const auto format = export_format_by_name(format_name);
  if (!format) return {false, error_json({{"fits.bad_format", Severity::kError, "format", "format must be table, markdown or csv"}}).dump()};
  const auto& gpus = gpu_catalog();
  const bool csv = *format == ExportFormat::kCsv;
  // Sizes in GB (CSV: bytes, exact); counts as they are; unknowns as "unknown" (CSV: empty).
  auto size = [&](double bytes) { return csv ? format_fixed(bytes, 0) : format_fixed(bytes / 1e9, 1); };
  auto needed = [&](int n, bool zero3) {
    if (n == 0) return std::string(csv ? "" : "> 8");
    return std::to_string(n) + (zero3 && !csv ? " (ZeRO-3)" : "");
  };
  auto or_unknown = [&](double v, int decimals) { return v > 0 ? format_fixed(v, decimals) : std::string(csv ? "" : "unknown"); };
  TextTable t;
  const std::string bytes_unit = csv ? " (bytes)" : " (GB)";
  if (!f.training) {
    t.head = {"GPU", "memory" + bytes_unit, "GPUs needed", "used per GPU" + bytes_unit, "largest context", "largest batch", "decode tokens/s"};
    t.right = {false, true, true, true, true, true, true};
    for (const GpuFit& x : f.inference) {
      const GpuEntry& g = gpus[static_cast<std::size_t>(x.gpu_index)];
      t.rows.push_back({g.name, size(g.memory_bytes), needed(x.gpus_needed, false), size(x.used_bytes),
                        std::to_string(x.largest_context), std::to_string(x.largest_batch), or_unknown(x.decode_tokens_per_s, 0)});
    }
  } else {
    t.head = {"GPU", "memory" + bytes_unit, "GPUs needed", "peak per GPU" + bytes_unit, "largest micro-batch",
              "largest sequence", "hours", "cost (USD)"};
    if (csv) t.head.insert(t.head.begin() + 3, "ZeRO-3 added");
    t.right = {false, true, true, true, true, true, true, true, true};
    if (csv) t.right.insert(t.right.begin() + 3, false);
    for (const TrainingGpuFit& x : f.train) {
      const GpuEntry& g = gpus[static_cast<std::size_t>(x.gpu_index)];
      std::vector<std::string> row = {g.name, size(g.memory_bytes), needed(x.gpus_needed, x.zero3_added), size(x.peak_bytes),
                                      std::to_string(x.largest_micro_batch), std::to_string(x.largest_seq_len),
                                      or_unknown(x.time_hours, 1), or_unknown(x.cost_usd, 0)};
      if (csv) row.insert(row.begin() + 3, x.zero3_added ? "1" : "0");
      t.rows.push_back(row);
    }
  }
  std::string text = export_table(t, *format, "Which GPUs fit: " + f.summary,
                                  "Estimated with vramfit (GB = 10^9 B). GPUs needed: 1, 2, 4 or 8 of that GPU.");
  return {true, text};
}

}  // namespace vramfit
