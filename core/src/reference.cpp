#include "vramfit/reference.h"

#include <algorithm>
#include <cmath>

#include "api_internal.h"
#include "json_util.h"
#include "vramfit/units.h"

namespace vramfit {
namespace {

using json_util::json;

double component_sum(const InferenceEstimate& e, bool gpu, const char* id) {
  double s = 0;
  for (const auto& d : e.devices) {
    if ((d.device != "host") != gpu) continue;
    for (const auto& c : d.components)
      if (c.id == id) s += c.bytes;
  }
  return s;
}

// The estimate's counterpart of a measured metric; nullopt when vramfit has no such figure.
std::optional<double> estimated_metric(const std::string& metric, const InferenceEstimate& e) {
  if (metric == "gpu_weights") return component_sum(e, true, "weights");
  if (metric == "host_weights") return component_sum(e, false, "weights");
  if (metric == "host_repack") return component_sum(e, false, "weights_repacked");
  if (metric == "kv") return e.kv_bytes;
  if (metric == "output") return component_sum(e, false, "output");
  if (metric == "gpu_compute") return component_sum(e, true, "compute");
  if (metric == "host_compute") return component_sum(e, false, "compute");
  if (metric == "vllm_kv_cache") return component_sum(e, true, "kv_cache");
  if (metric == "vllm_activations") return component_sum(e, true, "activations");
  if (metric == "vllm_kv_tokens") return e.vllm_kv_cache_tokens;
  if (metric == "vllm_blocks") return e.vllm_kv_cache_tokens / 16;
  if (metric == "vllm_max_concurrency") return e.vllm_max_concurrency;
  if (metric == "torch_peak_allocated") {
    for (const auto& d : e.devices)
      if (d.device != "host") return d.total_bytes - component_sum(e, true, "cuda_context");
  }
  return std::nullopt;
}

// "kv_mib" -> ("kv", bytes per unit 2^20). Keys without a unit suffix are counts.
std::pair<std::string, double> split_unit(const std::string& key) {
  struct Unit { const char* suffix; double scale; };
  static constexpr Unit kUnits[] = {{"_mib", kMiB}, {"_gib", kGiB}, {"_gb", kGB}, {"_mb", kMB}};
  for (const auto& u : kUnits) {
    const std::string s = u.suffix;
    if (key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0)
      return {key.substr(0, key.size() - s.size()), u.scale};
  }
  return {key, 0};
}

}  // namespace

bool ReferenceRow::within() const { return known_miss || std::fabs(error_pct) <= tolerance_pct + 1e-9; }

ReferenceReport evaluate_reference_cases(std::string_view text) {
  ReferenceReport report;
  const json root = json_util::parse(text);
  const json* cases = json_util::find(root, "cases");
  if (cases == nullptr || !cases->is_array()) {
    report.diagnostics.push_back({"reference.bad_file", Severity::kError, "", "The reference file has no \"cases\" array."});
    return report;
  }
  for (const json& c : *cases) {
    const std::string id = json_util::string(c, "id").value_or("?");
    const json* request = json_util::find(c, "request");
    const json* measured = json_util::find(c, "measured");
    const double tolerance = json_util::number(c, "tolerance_pct").value_or(3);
    const bool known_miss = json_util::string(c, "status").value_or("") == "known_miss";
    const double total_tolerance = json_util::number(c, "total_tolerance_pct").value_or(tolerance);
    if (request == nullptr || (json_util::find(c, "expect_diagnostic") == nullptr && (measured == nullptr || !measured->is_object()))) {
      report.diagnostics.push_back({"reference.bad_case", Severity::kError, id, id + ": needs request and measured."});
      continue;
    }
    Diagnostics d;
    const bool training = json_util::string(*request, "job").value_or("") == "training";
    std::optional<InferenceRequest> req;
    InferenceEstimate e;
    if (training) {
      // Training cases: the estimate's GPU peak (without the CUDA context, as max_memory_allocated reports).
      const auto treq = api::parse_training_request(*request, d);
      if (treq) {
        const TrainingEstimate te = estimate_training(*treq);
        for (const auto& x : te.diagnostics) d.push_back(x);
        e.devices = te.devices;
        req = InferenceRequest{};
      }
    } else {
      req = api::parse_inference_request(*request, d);
      if (req) e = estimate_inference(*req);
    }
    for (const auto& x : e.diagnostics) d.push_back(x);
    const std::string engine = training ? "training" : json_util::string(*request, "engine").value_or("llama.cpp");
    if (const auto expected = json_util::string(c, "expect_diagnostic")) {
      // A published failure: the estimate must refuse the configuration with the same reason.
      ReferenceRow row{id, engine, "diagnostic:" + *expected, false, 1, 0, 0, 0};
      for (const auto& x : d)
        if (x.code == *expected) row.estimated = 1;
      row.error_pct = row.estimated == 1 ? 0 : -100;
      report.rows.push_back(row);
      continue;
    }
    if (!req || has_errors(d)) {
      for (auto& x : d) {
        x.detail = id + ": " + x.detail;
        report.diagnostics.push_back(x);
      }
      continue;
    }
    double measured_total = 0, estimated_total = 0;
    int byte_metrics = 0;
    for (const auto& [key, value] : measured->items()) {
      if (!value.is_number()) continue;
      const auto [metric, scale] = split_unit(key);
      const auto est = estimated_metric(metric, e);
      if (!est) {
        report.diagnostics.push_back({"reference.unknown_metric", Severity::kError, id, id + ": unknown metric " + key});
        continue;
      }
      ReferenceRow row;
      row.case_id = id;
      row.engine = engine;
      row.metric = metric;
      row.is_bytes = scale > 0;
      row.measured = value.get<double>() * (scale > 0 ? scale : 1);
      row.estimated = *est;
      row.error_pct = row.measured != 0 ? (row.estimated - row.measured) / std::fabs(row.measured) * 100 : 0;
      row.tolerance_pct = tolerance;
      row.known_miss = known_miss;
      if (const json* per = json_util::find(c, "tolerances"))
        row.tolerance_pct = json_util::number(*per, metric.c_str()).value_or(tolerance);
      if (row.is_bytes) {
        measured_total += row.measured;
        estimated_total += row.estimated;
        ++byte_metrics;
      }
      report.rows.push_back(row);
    }
    if (byte_metrics > 0) {
      ReferenceRow total;
      total.case_id = id;
      total.engine = engine;
      total.metric = "total";
      total.measured = measured_total;
      total.estimated = estimated_total;
      total.error_pct = (estimated_total - measured_total) / measured_total * 100;
      total.tolerance_pct = total_tolerance;
      total.known_miss = known_miss;
      report.rows.push_back(total);
    }
  }
  return report;
}

ErrorSummary summarize(const ReferenceReport& report, std::string_view engine, std::string_view metric) {
  std::vector<double> errs;
  for (const auto& r : report.rows)
    if (r.metric == metric && !r.known_miss && (engine.empty() || r.engine == engine)) errs.push_back(std::fabs(r.error_pct));
  ErrorSummary s;
  s.cases = static_cast<int>(errs.size());
  if (errs.empty()) return s;
  std::sort(errs.begin(), errs.end());
  const std::size_t n = errs.size();
  s.median_abs_pct = n % 2 ? errs[n / 2] : (errs[n / 2 - 1] + errs[n / 2]) / 2;
  s.p90_abs_pct = errs[std::min(n - 1, static_cast<std::size_t>(std::ceil(0.9 * n)) - 1)];
  s.max_abs_pct = errs.back();
  return s;
}

}  // namespace vramfit
