// The JSON side of share links and catalogs, for the JS API and the command line.
#include <limits>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "codec/json_codec.h"
#include "base/json_util.h"
#include "vramfit/api_json.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/model.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

using nlohmann::json;

}  // namespace

std::string share_decode_json(std::string_view link) {
  const ShareDecoded d = decode_share_query(link);
  return json{{"api_version", kApiVersion}, {"ok", true}, {"config", api::scenario_to_json(d.config)},
              {"diagnostics", api::diagnostics_json(d.diagnostics)}}.dump();
}

std::string share_encode_json(std::string_view config_text) {
  if (auto bad = json_util::check_shape(config_text, 1 << 16, 8))
    return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", api::diagnostics_json({*bad})}}.dump();
  const json j = json::parse(config_text.begin(), config_text.end(), nullptr, false);
  if (!j.is_object())
    return json{{"api_version", kApiVersion}, {"ok", false},
                {"errors", api::diagnostics_json({{"request.bad_request", Severity::kError, "", "The configuration must be a JSON object."}})}}.dump();
  Scenario c;
  Diagnostics d;
  api::read_scenario_json(j, c, d);
  if (has_errors(d)) return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", api::diagnostics_json(d)}}.dump();
  // Encode what was given, then read it back: values a link cannot carry are named, as a pasted link would be.
  const std::string query = encode_share_query(c);
  const ShareDecoded back = decode_share_query(query);
  return json{{"api_version", kApiVersion}, {"ok", true}, {"query", encode_share_query(back.config)},
              {"diagnostics", api::diagnostics_json(back.diagnostics)}}.dump();
}

std::string estimate_link_json(std::string_view link) {
  const ShareDecoded d = decode_share_query(link);
  if (d.config.training()) {
    const TrainingRequest request = resolve_training(d.config);
    return api::training_result_json(estimate_training(request), d.diagnostics);
  }
  const InferenceRequest request = resolve_inference(d.config);
  InferenceEstimate e = estimate_inference(request);
  e.diagnostics.insert(e.diagnostics.begin(), d.diagnostics.begin(), d.diagnostics.end());
  return estimate_result_json(request, e);
}

std::string catalog_json(std::string_view which) {
  json out = json::array();
  if (which == "gpus") {
    for (const GpuEntry& g : gpu_catalog()) {
      auto known = [](double v) { return v > 0 ? json(v) : json(nullptr); };
      out.push_back({{"id", g.id}, {"name", g.name}, {"vendor", g.vendor}, {"segment", g.segment},
                     {"memory_bytes", known(g.memory_bytes)}, {"usable_memory_bytes", known(g.usable_memory_bytes)},
                     {"capacity_bytes", known(g.capacity_bytes())},
                     {"memory_type", g.memory_type}, {"bandwidth_gb_s", known(g.bandwidth_gb_s)},
                     {"dense_fp16_tflops", known(g.dense_fp16_tflops)}, {"dense_fp8_tflops", known(g.dense_fp8_tflops)},
                     {"tdp_w", known(g.tdp_w)}, {"price_usd", known(g.price_usd)}, {"price_kind", g.price_kind},
                     {"price_date", g.price_date}, {"cloud_usd_per_hour", known(g.cloud_usd_per_hour)},
                     {"cloud_usd_per_hour_range", g.cloud_usd_per_hour > 0 ? json::array({g.cloud_low, g.cloud_high}) : json(nullptr)},
                     {"cloud_providers", g.cloud_providers}, {"cloud_price_date", g.cloud_date},
                     {"launch_year", g.launch_year > 0 ? json(g.launch_year) : json(nullptr)},
                     {"unified_memory", g.unified_memory}, {"source", g.source}});
    }
  } else if (which == "models") {
    for (const ModelPreset& p : model_presets()) {
      const ParamCounts c = count_params(p.arch);
      out.push_back({{"id", p.id}, {"name", p.name}, {"family", p.family}, {"params_total", c.total()},
                     {"params_active", c.active()}, {"official_params", p.official_params},
                     {"checkpoint_format", p.checkpoint_format}, {"max_context", p.arch.max_context},
                     {"config_source", p.config_source}});
    }
  } else {
    return json{{"api_version", kApiVersion}, {"ok", false},
                {"errors", api::diagnostics_json({{"request.unknown_catalog", Severity::kError, "", "The catalog is \"gpus\" or \"models\"."}})}}.dump();
  }
  return json{{"api_version", kApiVersion}, {"ok", true}, {"items", out}}.dump();
}

}  // namespace vramfit
