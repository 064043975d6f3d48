#include "vramfit/reference.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "codec/json_codec.h"
#include "base/json_util.h"
#include "vramfit/units.h"

namespace vramfit {
namespace {

using json_util::json;

double component_sum(const InferenceEstimate& e, bool gpu, const char* id) {
  double s = 0;
  for (const auto& d : e.devices) {
    if (d.host == gpu) continue;
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
  if (metric == "vllm_kv_tokens" || metric == "kv_pool_tokens") return e.kv_pool_tokens;
  if (metric == "vllm_blocks") return e.kv_pool_tokens / 16;
  if (metric == "kv_pool_concurrency") return e.kv_pool_concurrency;
  if (metric == "torch_peak_allocated") {
    for (const auto& d : e.devices)
      if (!d.host) return d.total_bytes - component_sum(e, true, "cuda_context");
  }
  return std::nullopt;
}

// "kv_mib" -> metric "kv", 2^20 bytes per unit, printed in MiB. Keys without a unit suffix are counts (scale 0).
struct MetricKey {
  std::string metric;
  double scale = 0;
  ByteUnit unit = ByteUnit::kMiB;
};
MetricKey split_unit(const std::string& key) {
  struct Unit { const char* suffix; double scale; ByteUnit unit; };
  static constexpr Unit kUnits[] = {
      {"_mib", kMiB, ByteUnit::kMiB}, {"_gib", kGiB, ByteUnit::kGiB}, {"_gb", kGB, ByteUnit::kGB}, {"_mb", kMB, ByteUnit::kGB}};
  for (const auto& u : kUnits) {
    const std::string s = u.suffix;
    if (key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0)
      return {key.substr(0, key.size() - s.size()), u.scale, u.unit};
  }
  return {key, 0, ByteUnit::kMiB};
}

// A known miss's reason: its "miss_reason" field, else the sentence after "KNOWN MISS:" in its notes.
std::string miss_reason(const json& c) {
  if (auto reason = json_util::string(c, "miss_reason")) return *reason;
  const std::string notes = json_util::string(c, "notes").value_or("");
  std::string upper = notes;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const std::string marker = "KNOWN MISS:";
  const auto at = upper.find(marker);
  if (at == std::string::npos) return "";
  auto begin = notes.find_first_not_of(' ', at + marker.size());
  if (begin == std::string::npos) return "";
  const auto end = notes.find(". ", begin);
  return notes.substr(begin, end == std::string::npos ? std::string::npos : end + 1 - begin);
}

// The engine a case runs: its request's engine, "training" for training jobs.
std::string case_engine(const json& request) {
  if (json_util::string(request, "job").value_or("") == "training") return "training";
  return json_util::string(request, "engine").value_or("llama.cpp");
}

ReferenceCase describe_case(const json& c) {
  ReferenceCase rc;
  rc.case_id = json_util::string(c, "id").value_or("?");
  const json* request = json_util::find(c, "request");
  rc.engine = request != nullptr ? case_engine(*request) : json_util::string(c, "engine").value_or("?");
  rc.ref = json_util::string(c, "ref").value_or("");
  rc.source = json_util::string(c, "source").value_or("");
  rc.known_miss = json_util::string(c, "status").value_or("") == "known_miss";
  if (rc.known_miss) rc.miss_reason = miss_reason(c);
  return rc;
}

// One case's request, parsed and estimated: an inference estimate, or for training jobs the GPU peak of the
// training estimate (without the CUDA context, as max_memory_allocated reports it) in `estimate.devices`.
struct CaseEstimate {
  bool ok = false;
  InferenceEstimate estimate;
  Diagnostics diagnostics;
};
CaseEstimate estimate_case(const json& request) {
  CaseEstimate out;
  Diagnostics& d = out.diagnostics;
  if (json_util::string(request, "job").value_or("") == "training") {
    const auto treq = api::parse_training_request(request, d);
    if (treq) {
      const TrainingEstimate te = estimate_training(*treq);
      for (const auto& x : te.diagnostics) d.push_back(x);
      out.estimate.devices = te.devices;
      out.ok = true;
    }
  } else if (const auto req = api::parse_inference_request(request, d)) {
    out.estimate = estimate_inference(*req);
    for (const auto& x : out.estimate.diagnostics) d.push_back(x);
    out.ok = true;
  }
  out.ok = out.ok && !has_errors(d);
  return out;
}

const json* cases_array(const json& root, ReferenceReport& report) {
  const json* cases = json_util::find(root, "cases");
  if (cases == nullptr || !cases->is_array()) {
    report.diagnostics.push_back({"reference.bad_file", Severity::kError, "", "The reference file has no \"cases\" array."});
    return nullptr;
  }
  return cases;
}

double error_pct(double measured, double estimated) {
  return measured != 0 ? (estimated - measured) / std::fabs(measured) * 100 : 0;
}

}  // namespace

bool ReferenceRow::within() const { return known_miss || std::fabs(error_pct) <= tolerance_pct + 1e-9; }

std::string metric_component(std::string_view metric) {
  if (metric == "gpu_weights" || metric == "host_weights" || metric == "host_repack") return "weights";
  if (metric == "kv" || metric == "vllm_kv_cache") return "kv";
  if (metric == "output" || metric == "gpu_compute" || metric == "host_compute" || metric == "vllm_activations")
    return "overhead";
  if (metric == "torch_peak_allocated") return "peak";
  return std::string(metric);
}

ReferenceReport evaluate_reference_cases(std::string_view text) {
  ReferenceReport report;
  const json root = json_util::parse(text);
  const json* cases = cases_array(root, report);
  if (cases == nullptr) return report;
  for (const json& c : *cases) {
    const ReferenceCase about = describe_case(c);
    const std::string& id = about.case_id;
    const json* request = json_util::find(c, "request");
    const json* measured = json_util::find(c, "measured");
    const double tolerance = json_util::number(c, "tolerance_pct").value_or(3);
    const double total_tolerance = json_util::number(c, "total_tolerance_pct").value_or(tolerance);
    if (request == nullptr || (json_util::find(c, "expect_diagnostic") == nullptr && (measured == nullptr || !measured->is_object()))) {
      report.diagnostics.push_back({"reference.bad_case", Severity::kError, id, id + ": needs request and measured."});
      continue;
    }
    report.cases.push_back(about);
    CaseEstimate ce = estimate_case(*request);
    const InferenceEstimate& e = ce.estimate;
    if (const auto expected = json_util::string(c, "expect_diagnostic")) {
      // A published failure: the estimate must refuse the configuration with the same reason.
      ReferenceRow row{id, about.engine, "diagnostic:" + *expected, false, 1, 0, 0, 0};
      for (const auto& x : ce.diagnostics)
        if (x.code == *expected) row.estimated = 1;
      row.error_pct = row.estimated == 1 ? 0 : -100;
      report.rows.push_back(row);
      continue;
    }
    if (!ce.ok) {
      for (auto& x : ce.diagnostics) {
        x.detail = id + ": " + x.detail;
        report.diagnostics.push_back(x);
      }
      continue;
    }
    ReferenceRow total{id, about.engine, "total", true, 0, 0, 0, total_tolerance, about.known_miss};
    int byte_metrics = 0;
    for (const auto& [key, value] : measured->items()) {
      if (!value.is_number()) continue;
      const MetricKey k = split_unit(key);
      const auto est = estimated_metric(k.metric, e);
      if (!est) {
        report.diagnostics.push_back({"reference.unknown_metric", Severity::kError, id, id + ": unknown metric " + key});
        continue;
      }
      ReferenceRow row{id, about.engine, k.metric, k.scale > 0, 0, *est, 0, tolerance, about.known_miss, k.unit};
      row.measured = value.get<double>() * (k.scale > 0 ? k.scale : 1);
      row.error_pct = error_pct(row.measured, row.estimated);
      if (const json* per = json_util::find(c, "tolerances"))
        row.tolerance_pct = json_util::number(*per, k.metric.c_str()).value_or(tolerance);
      if (row.is_bytes) {
        total.measured += row.measured;
        total.estimated += row.estimated;
        total.unit = byte_metrics == 0 || total.unit == row.unit ? row.unit : ByteUnit::kMiB;
        ++byte_metrics;
      }
      report.rows.push_back(row);
    }
    if (byte_metrics > 0) {
      total.error_pct = error_pct(total.measured, total.estimated);
      report.rows.push_back(total);
    }
  }
  return report;
}

ReferenceReport evaluate_rule_of_thumb_cases(std::string_view text) {
  ReferenceReport report;
  const json root = json_util::parse(text);
  const json* cases = cases_array(root, report);
  if (cases == nullptr) return report;
  for (const json& c : *cases) {
    const json* request = json_util::find(c, "request");
    const json* measured = json_util::find(c, "measured");
    if (request == nullptr || measured == nullptr || !measured->is_object() || case_engine(*request) == "training")
      continue;
    const ReferenceCase about = describe_case(c);
    Diagnostics d;
    auto req = api::parse_inference_request(*request, d);
    if (!req) continue;  // the detailed evaluation reports it
    req->engine = Engine::kRuleOfThumb;
    const InferenceEstimate e = estimate_inference(*req);
    if (has_errors(e.diagnostics)) {
      for (const auto& x : e.diagnostics)
        report.diagnostics.push_back({x.code, x.severity, about.case_id, about.case_id + " (rule of thumb): " + x.detail});
      continue;
    }
    // What the case measures, by component; the rule's weights, KV and 20% overhead stand for the same.
    ReferenceRow row{about.case_id, about.engine, "total", true, 0, 0, 0, 0, about.known_miss};
    bool weights = false, kv = false, overhead = false, peak = false, first = true;
    for (const auto& [key, value] : measured->items()) {
      const MetricKey k = split_unit(key);
      if (!value.is_number() || k.scale <= 0) continue;
      row.measured += value.get<double>() * k.scale;
      row.unit = first || row.unit == k.unit ? k.unit : ByteUnit::kMiB;
      first = false;
      const std::string component = metric_component(k.metric);
      weights |= component == "weights";
      kv |= component == "kv";
      peak |= component == "peak";
      overhead |= component != "weights" && component != "kv" && component != "peak";
    }
    if (first) continue;  // counts only: nothing the rule states
    const double rule_weights = component_sum(e, true, "weights"), rule_overhead = component_sum(e, true, "overhead");
    row.estimated = (weights || peak ? rule_weights : 0) + (kv || peak ? e.kv_bytes : 0) + (overhead || peak ? rule_overhead : 0);
    row.estimated /= std::max(1, req->tensor_parallel * req->pipeline_parallel);  // the case's figures are per GPU
    row.error_pct = error_pct(row.measured, row.estimated);
    report.rows.push_back(row);
    report.cases.push_back(about);
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
