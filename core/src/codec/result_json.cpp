// JSON <-> InferenceRequest / InferenceEstimate, for the JS API and the command line.
#include <array>
#include <cctype>
#include <cmath>
#include <optional>

#include "codec/json_codec.h"
#include "base/json_util.h"
#include "vramfit/hf_config.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit::api {

using json_util::json;

namespace {

// The per-device breakdown, as both inference and training results carry it.
json devices_json(const std::vector<DeviceUsage>& list) {
  json devices = json::array();
  for (const auto& dev : list) {
    json comps = json::array();
    for (const auto& x : dev.components)
      comps.push_back({{"id", x.id}, {"bytes", x.bytes}, {"transient", x.transient}, {"formula", x.formula}, {"source", x.source}});
    devices.push_back({{"device", dev.device}, {"count", dev.count}, {"capacity_bytes", dev.capacity_bytes},
                       {"total_bytes", dev.total_bytes}, {"headroom_bytes", dev.headroom_bytes}, {"components", comps}});
  }
  return devices;
}

}  // namespace

json training_to_json(const TrainingEstimate& e) {
  const json devices = devices_json(e.devices);
  return json{{"job", "training"}, {"params", e.params}, {"trainable_params", e.trainable_params}, {"peak_moment", peak_moment_name(e.peak)},
              {"fits", e.fits}, {"devices", devices}, {"step_flops", e.step_flops}, {"time_hours", e.time_hours},
              {"cost_usd", e.cost_usd}, {"price_per_gpu_hour", e.price_per_gpu_hour}};
}

json estimate_to_json(const InferenceRequest& req, const InferenceEstimate& e) {
  const ParamCounts c = count_params(req.model);
  const json devices = devices_json(e.devices);
  json out{{"model", {{"name", req.model.name}, {"params_total", c.total()}, {"params_active", c.active()}}},
           {"weights", req.weight_format},
           {"weights_bytes", e.weights_bytes},
           {"kv_bytes", e.kv_bytes},
           {"fits", e.fits},
           {"devices", devices},
           {"throughput",
            {{"decode_tokens_per_s", e.throughput.decode_tokens_per_s},
             {"decode_tokens_per_s_per_seq", e.throughput.decode_tokens_per_s_per_seq},
             {"time_to_first_token_s", e.throughput.time_to_first_token_s},
             {"assumptions", e.throughput.assumptions}}}};
  if (req.engine == Engine::kSglang)
    out["sglang"] = {{"kv_cache_tokens", e.kv_pool_tokens}, {"max_concurrency", e.kv_pool_concurrency}};
  if (req.engine == Engine::kVllm)
    out["vllm"] = {{"kv_cache_tokens", e.kv_pool_tokens}, {"max_concurrency", e.kv_pool_concurrency}};
  return out;
}

}  // namespace vramfit::api
