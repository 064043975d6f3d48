// Analysis -> JSON: what analyze() found, for the JS API and the command line (`vramfit --analysis`). Numbers
// and indexes only; the page words them from its string tables.
#include <nlohmann/json.hpp>

#include "codec/json_codec.h"
#include "vramfit/analysis.h"
#include "vramfit/api_json.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

using nlohmann::json;

json sweep_json(const Sweep& s) {
  json points = json::array();
  for (const SweepPoint& p : s.points) points.push_back({p.x, p.gpu_bytes});
  return {{"points", points}, {"chosen", s.chosen}, {"capacity_bytes", s.capacity_bytes}, {"limit", s.limit}};
}

json gpu_id(int index) {
  const auto& gpus = gpu_catalog();
  return index >= 0 && index < static_cast<int>(gpus.size()) ? json(gpus[static_cast<std::size_t>(index)].id) : json(nullptr);
}

json launch_json(const LaunchLine& l) {
  static constexpr const char* kKinds[] = {"flag", "env", "parameter", "keyword"};
  json args = json::array();
  for (const LaunchArg& a : l.args)
    args.push_back({{"kind", kKinds[static_cast<int>(a.kind)]}, {"name", a.name}, {"value", a.value}});
  return {{"target", kLaunchTargetNames[static_cast<std::size_t>(l.target)]}, {"version", l.version},
          {"text", l.text}, {"args", args}, {"notes", api::diagnostics_json(l.notes)}};
}

}  // namespace

std::string analysis_json(const Analysis& a, const Diagnostics& prior) {
  json out;
  if (a.training) {
    out = json::parse(api::training_result_json(a.train, prior), nullptr, false);
  } else {
    Diagnostics diags = prior;
    diags.insert(diags.end(), a.estimate.diagnostics.begin(), a.estimate.diagnostics.end());
    out = json::parse(estimate_result_json(a.request, a.estimate), nullptr, false);
    out["diagnostics"] = api::diagnostics_json(diags);
    json formats = json::array();
    for (const FormatRow& f : a.formats)
      formats.push_back({{"format", f.format}, {"valid", f.valid}, {"refused", f.refused}, {"fits", f.fits},
                         {"gpu_bytes", f.gpu_bytes}, {"capacity_bytes", f.capacity_bytes}});
    out["formats"] = formats;
    out["largest_fitting_context"] = a.largest_fitting_context;
    out["gpus_needed"] = a.gpus_needed;
    json fits = json::array();
    for (const GpuFit& f : a.fits)
      fits.push_back({{"id", gpu_id(f.gpu_index)}, {"gpus_needed", f.gpus_needed}, {"used_bytes", f.used_bytes},
                      {"capacity_bytes", f.capacity_bytes}, {"largest_context", f.largest_context},
                      {"largest_batch", f.largest_batch}, {"decode_tokens_per_s", f.decode_tokens_per_s}});
    out["fits"] = fits;
    json launch = json::array();
    for (const LaunchLine& l : a.launch) launch.push_back(launch_json(l));
    out["launch"] = launch;
  }
  if (!out.is_object()) out = json::object();
  out["job"] = a.training ? "training" : "inference";
  out["length_sweep"] = sweep_json(a.length_sweep);
  out["batch_sweep"] = sweep_json(a.batch_sweep);
  if (a.training) {
    json fits = json::array();
    for (const TrainingGpuFit& f : a.train_fits)
      fits.push_back({{"id", gpu_id(f.gpu_index)}, {"gpus_needed", f.gpus_needed}, {"zero3_added", f.zero3_added},
                      {"peak_bytes", f.peak_bytes}, {"capacity_bytes", f.capacity_bytes},
                      {"largest_micro_batch", f.largest_micro_batch}, {"largest_seq_len", f.largest_seq_len},
                      {"time_hours", f.time_hours}, {"cost_usd", f.cost_usd}});
    out["fits"] = fits;
  }
  if (a.any.total > 0)
    out["any_gpu"] = {{"on_one", a.any.on_one}, {"on_several", a.any.on_several}, {"total", a.any.total},
                      {"smallest", gpu_id(a.any.smallest)}, {"smallest_count", a.any.smallest_count},
                      {"fastest", gpu_id(a.any.fastest)}, {"fastest_value", a.any.fastest_value},
                      {"cheapest", gpu_id(a.any.cheapest)}, {"cheapest_value", a.any.cheapest_value}};
  return out.dump();
}

std::string analyze_link_json(std::string_view link) {
  const ShareDecoded d = decode_share_query(link);
  return analysis_json(analyze(d.config), d.diagnostics);
}

}  // namespace vramfit
