// Fit mode as JSON (fit.h): for the JS API (fitLink) and the command line (`vramfit --fit GOAL`). Each
// configuration carries the settings the search changed and the link that opens it.
#include <nlohmann/json.hpp>

#include "codec/json_codec.h"
#include "vramfit/api_json.h"
#include "vramfit/fit.h"
#include "vramfit/launch.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

using nlohmann::json;

json candidate_json(const FitCandidate& c) {
  const Scenario& s = c.scenario;
  json settings = {{"weights", s.llama_engine() ? s.llama_weights : s.hf_weights}, {"kv_type", s.kv_type},
                   {"context", s.context}, {"sequences", s.sequences}};
  if (s.llama_engine()) {
    settings["flash_attention"] = s.flash_attention;
    settings["gpu_layers"] = s.gpu_layers;
    settings["n_cpu_moe"] = s.n_cpu_moe;
  }
  json out = {{"settings", settings}, {"fits", c.fits}, {"gpu_bytes", c.gpu_bytes}, {"capacity_bytes", c.capacity_bytes},
              {"host_bytes", c.host_bytes}, {"decode_tokens_per_s", c.decode_tokens_per_s},
              {"link", encode_share_query(s)}};
  if (c.lost != FitLoss::kNone) out["lost"] = kFitLossNames[static_cast<std::size_t>(c.lost)];
  return out;
}

}  // namespace

std::string fit_json(const FitResult& r, const Diagnostics& prior) {
  Diagnostics notes = prior;
  notes.insert(notes.end(), r.notes.begin(), r.notes.end());
  json out = {{"api_version", kApiVersion}, {"ok", !has_errors(notes) && r.candidates > 0},
              {"goal", kFitGoalNames[static_cast<std::size_t>(r.goal)]}, {"found", r.found},
              {"candidates", r.candidates}, {"diagnostics", api::diagnostics_json(notes)}};
  if (r.candidates > 0) {
    out["best"] = candidate_json(r.best);
    json runners = json::array();
    for (const FitCandidate& c : r.runners_up) runners.push_back(candidate_json(c));
    out["runners_up"] = runners;
    const std::vector<LaunchTarget> targets = launch_targets(r.best.scenario);
    if (!targets.empty()) {
      const LaunchLine l = launch_line(r.best.scenario, targets.front());
      out["launch"] = {{"target", kLaunchTargetNames[static_cast<std::size_t>(l.target)]}, {"text", l.text}};
    }
  }
  return out.dump();
}

std::string fit_link_json(std::string_view link, std::string_view goal) {
  const ShareDecoded d = decode_share_query(link);
  for (std::size_t i = 0; i < kFitGoalNames.size(); ++i)
    if (kFitGoalNames[i] == goal) return fit_json(fit(d.config, static_cast<FitGoal>(i)), d.diagnostics);
  Diagnostics bad = d.diagnostics;
  bad.push_back({"request.bad_goal", Severity::kError, "goal", "The goal must be quality, context, sequences or speed."});
  return json({{"api_version", kApiVersion}, {"ok", false}, {"errors", api::diagnostics_json(bad)}}).dump();
}

}  // namespace vramfit
