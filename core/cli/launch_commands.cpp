// vramfit --fit GOAL and --emit TARGET: fit mode (fit.h) and the launch line (launch.h) on the command line.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>

#include "commands.h"
#include "vramfit/analysis.h"
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

namespace vramfit::cli {

// vramfit compare LINK LINK [...] [--format json|table|markdown|csv]: two to four questions side by side, each a
// full analysis (JSON: the API's analyzeLink for each), or a table with one column per question and a mark on the
// rows where they differ.
int compare(const std::vector<std::string>& args) {
  std::string format = "table";
  std::vector<std::string> links;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) format = args[++i];
    else links.push_back(args[i]);
  }
  if (links.size() < 2 || links.size() > 4) {
    std::cerr << "usage: vramfit compare LINK LINK [LINK [LINK]] [--format json|table|markdown|csv] (two to four)\n";
    return 2;
  }
  if (format == "json") {
    std::string out = "{\"api_version\":1,\"compared\":[";
    for (std::size_t i = 0; i < links.size(); ++i) out += (i ? "," : "") + vramfit::analyze_link_json(links[i]);
    std::cout << out << "]}\n";
    return 0;
  }
  const std::optional<vramfit::ExportFormat> f = vramfit::export_format_by_name(format);
  if (!f) {
    std::cerr << "vramfit: --format " << format << ": expected json, table, markdown or csv\n";
    return 2;
  }
  vramfit::TextTable t;
  t.head = {"", ""};
  t.right = {false, false};
  std::vector<std::vector<std::string>> columns;
  const char* names[] = {"model", "engine", "weights", "GPU", "context x sequences", "verdict", "busiest GPU",
                         "KV cache", "decode tok/s", "command"};
  for (std::size_t i = 0; i < links.size(); ++i) {
    const vramfit::ShareDecoded d = vramfit::decode_share_query(links[i]);
    for (const auto& x : d.diagnostics) std::cerr << "vramfit: warning (" << i + 1 << "): " << x.detail << "\n";
    const vramfit::Analysis a = vramfit::analyze(d.config);
    const vramfit::InferenceRequest& r = a.request;
    const vramfit::InferenceEstimate& e = a.estimate;
    const bool ok = !e.devices.empty();
    double capacity = 0;
    for (const auto& dev : e.devices)
      if (!dev.host) capacity = std::max(capacity, dev.capacity_bytes);
    const std::string command =
        a.launch.empty() ? "-" : std::string(vramfit::kLaunchTargetNames[static_cast<std::size_t>(a.launch.front().target)]);
    std::string refusal;
    for (const auto& x : e.diagnostics)
      if (x.severity == vramfit::Severity::kError && refusal.empty()) refusal = x.detail.substr(0, 60);
    columns.push_back({
        r.model.name,
        std::string(vramfit::choice_names<vramfit::EngineChoice>()[static_cast<std::size_t>(d.config.engine)]),
        r.weight_format,
        std::to_string(std::max(1, r.gpu_count)) + " x " + r.gpu.name,
        std::to_string(r.context_tokens) + " x " + std::to_string(r.sequences),
        !ok ? "refused: " + refusal : e.fits ? "fits" : "does not fit",
        ok ? vramfit::format_bytes(vramfit::busiest_device_bytes(e), vramfit::ByteUnit::kGB, 2) + " / " +
                 vramfit::format_bytes(capacity, vramfit::ByteUnit::kGB, 2)
           : "-",
        ok ? vramfit::format_bytes(e.kv_bytes, vramfit::ByteUnit::kGB, 2) : "-",
        ok && e.throughput.decode_tokens_per_s > 0 ? std::to_string(static_cast<int>(std::lround(e.throughput.decode_tokens_per_s))) : "-",
        command,
    });
    t.head.push_back(std::to_string(i + 1));
    t.right.push_back(false);
  }
  for (std::size_t row = 0; row < std::size(names); ++row) {
    bool differs = false;
    for (const auto& c : columns) differs = differs || c[row] != columns.front()[row];
    std::vector<std::string> cells = {differs ? "*" : "", names[row]};
    for (const auto& c : columns) cells.push_back(c[row]);
    t.rows.push_back(std::move(cells));
  }
  std::cout << vramfit::export_table(t, *f, "vramfit: " + std::to_string(links.size()) + " questions side by side (* where they differ)");
  return 0;
}

}  // namespace vramfit::cli
