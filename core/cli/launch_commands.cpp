// vramfit --fit GOAL and --emit TARGET: fit mode (fit.h) and the launch line (launch.h) on the command line.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>

#include "commands.h"
#include "vramfit/api_json.h"
#include "vramfit/export.h"
#include "vramfit/fit.h"
#include "vramfit/format.h"
#include "vramfit/launch.h"
#include "vramfit/share_link.h"

namespace vramfit::cli {

// --fit GOAL: fit mode (fit.h) as JSON, or as a table of the best and the runners-up followed by the command.
int fit_settings(const Scenario& s, const std::string& goal, const std::string& format) {
  const std::string json_text = vramfit::fit_link_json(vramfit::encode_share_query(s), goal);
  if (format == "json") return print_result(json_text);
  const auto& goals = vramfit::kFitGoalNames;
  const auto g = std::find(goals.begin(), goals.end(), goal);
  if (g == goals.end()) return print_result(json_text);
  const vramfit::FitResult r = vramfit::fit(s, static_cast<vramfit::FitGoal>(g - goals.begin()));
  vramfit::TextTable t;
  t.head = {"", "weights", "KV", "context", "seqs", "GPU layers", "experts in RAM", "busiest GB", "capacity GB", "host GB", "tok/s", "lost on"};
  t.right = {false, false, false, true, true, true, true, true, true, true, true, false};
  auto row = [&](const vramfit::FitCandidate& c, const std::string& rank) {
    const vramfit::Scenario& x = c.scenario;
    // vLLM refuses to start when the KV cache has no room: no device figures then.
    const bool figures = c.fits || c.gpu_bytes > 0;
    auto gb = [&](double bytes) { return figures ? vramfit::format_bytes(bytes, vramfit::ByteUnit::kGB, 2) : std::string("-"); };
    t.rows.push_back({rank, x.llama_engine() ? x.llama_weights : x.hf_weights, x.kv_type, std::to_string(x.context),
                      std::to_string(x.sequences), x.llama_engine() ? (x.gpu_layers < 0 ? "all" : std::to_string(x.gpu_layers)) : "",
                      x.llama_engine() ? std::to_string(x.n_cpu_moe) : "", gb(c.gpu_bytes),
                      vramfit::format_bytes(c.capacity_bytes, vramfit::ByteUnit::kGB, 2), gb(c.host_bytes),
                      c.decode_tokens_per_s > 0 ? std::to_string(static_cast<int>(std::lround(c.decode_tokens_per_s))) : "",
                      c.fits ? std::string(vramfit::kFitLossNames[static_cast<std::size_t>(c.lost)]) : "does not fit"});
  };
  if (r.found || r.best.capacity_bytes > 0) {
    row(r.best, r.found ? "best" : "nearest");
    for (const auto& c : r.runners_up) row(c, "");
  }
  const auto f = vramfit::export_format_by_name(format);
  if (!f) {
    std::cerr << "vramfit: --format must be json, table, markdown or csv\n";
    return 2;
  }
  std::cout << vramfit::export_table(t, *f, "Fit for " + goal + " (" + std::to_string(r.candidates) + " configurations estimated)");
  for (const auto& n : r.notes) std::cerr << "vramfit: " << n.detail << "\n";
  if (r.found) {
    const auto targets = vramfit::launch_targets(r.best.scenario);
    if (!targets.empty()) std::cout << "\n" << vramfit::launch_line(r.best.scenario, targets.front()).text;
  }
  return r.found ? 0 : 1;
}

// --emit TARGET: the launch line (launch.h) on stdout, its notes on stderr.
int emit_launch(const Scenario& s, const std::string& target) {
  const auto& names = vramfit::kLaunchTargetNames;
  const auto it = std::find(names.begin(), names.end(), target);
  if (it == names.end()) {
    std::cerr << "vramfit: --emit must be one of llama-server, llama-cli, ollama, vllm, transformers\n";
    return 2;
  }
  const vramfit::LaunchLine line =
      vramfit::launch_line(s, static_cast<vramfit::LaunchTarget>(it - names.begin()));
  std::cout << line.text;
  for (const auto& n : line.notes)
    std::cerr << "vramfit: " << (n.severity == vramfit::Severity::kWarning ? "warning" : "note") << ": " << n.detail << "\n";
  if (!line.version.empty()) std::cerr << "vramfit: flags of " << line.version << "\n";
  return line.text.empty() ? 1 : 0;
}

}  // namespace vramfit::cli
