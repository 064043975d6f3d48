#include "vramfit/engine_log_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "vramfit/inference.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"
#include "vramfit/units.h"

namespace vramfit {
namespace {

// The value of the first "# key: value" line.
std::string header_value(const std::string& text, const std::string& key) {
  const std::string tag = "# " + key + ":";
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (text.compare(start, tag.size(), tag) == 0) {
      const std::size_t value = text.find_first_not_of(' ', start + tag.size());
      return value == std::string::npos || value >= end ? "" : text.substr(value, end - value);
    }
    start = end + 1;
  }
  return {};
}

double component_gib(const DeviceUsage& d, const char* id) {
  for (const auto& c : d.components)
    if (c.id == id) return c.bytes / kGiB;
  return 0;
}

std::string fixed(double v, int digits = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}
std::string measured(double v) { return v == 0 ? "-" : fixed(v); }
std::string cell(std::string s) {
  std::replace(s.begin(), s.end(), '|', '/');
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

}  // namespace

EngineLogCase engine_log_case(const std::string& file, const std::string& text) {
  EngineLogCase c;
  c.file = file;
  c.source = header_value(text, "source");
  c.engine = header_value(text, "engine");
  c.model = header_value(text, "model");
  c.gpu = header_value(text, "gpu");
  c.outcome = header_value(text, "outcome");
  c.query = header_value(text, "vramfit");
  c.fit = header_value(text, "role").rfind("fit", 0) == 0;
  c.miss = header_value(text, "miss");
  c.read = read_engine_log(text);
  if (c.query.empty()) return c;
  const ShareDecoded link = decode_share_query(c.query);
  if (!link.diagnostics.empty()) {
    c.problem = "the vramfit line is not a valid link: " + link.diagnostics.front().detail;
    return c;
  }
  c.release = std::string(choice_names<VllmReleaseChoice>()[static_cast<std::size_t>(link.config.vllm_release)]);
  const InferenceRequest request = resolve_inference(link.config);
  c.unified = request.gpu.unified_memory;
  const InferenceEstimate e = estimate_inference(request);
  if (e.devices.empty() || e.devices.front().host) {
    c.problem = e.diagnostics.empty() ? "no estimate" : e.diagnostics.front().detail;
    // vramfit's verdict is that vLLM refuses to start on this hardware: a verdict, without figures.
    bool refused = !e.diagnostics.empty();
    for (const Diagnostic& d : e.diagnostics)
      if (d.severity == Severity::kError && !refused_by_hardware(d)) refused = false;
    c.estimated = c.refused_start = refused;
    return c;
  }
  const DeviceUsage& gpu = e.devices.front();
  c.estimated = true;
  c.fits = e.fits;
  c.weights_gib = component_gib(gpu, "weights");
  c.activation_gib = component_gib(gpu, "activations");
  c.non_torch_gib = component_gib(gpu, "non_torch");
  c.kv_gib = component_gib(gpu, "kv_cache");
  return c;
}

namespace {

struct Stats {
  std::vector<double> errors;  // |vramfit - measured| KV GiB
  int verdicts = 0, right = 0;
  std::string line(const std::string& name) const {
    std::vector<double> e = errors;
    std::sort(e.begin(), e.end());
    const std::string median = e.empty() ? "-" : fixed(e.size() % 2 ? e[e.size() / 2] : (e[e.size() / 2 - 1] + e[e.size() / 2]) / 2);
    return "| " + name + " | " + std::to_string(e.size()) + " | " + median + " | " + (e.empty() ? "-" : fixed(e.back())) + " | " +
           std::to_string(right) + " of " + std::to_string(verdicts) + " |\n";
  }
};

}  // namespace

std::string engine_log_markdown(const std::vector<EngineLogCase>& cases) {
  Stats all, check, discrete, fitted;
  std::vector<std::pair<std::string, Stats>> releases;
  auto release_stats = [&](const std::string& name) -> Stats& {
    for (auto& [n, s] : releases)
      if (n == name) return s;
    return releases.emplace_back(name, Stats{}).second;
  };

  int estimated = 0;
  std::string rows, misses;
  for (const auto& c : cases) {
    const EngineLogRead& r = c.read;
    const bool refused = !r.refusal.empty() || r.kv_available_gib < 0 || c.outcome.rfind("refused", 0) == 0 ||
                         c.outcome.rfind("oom", 0) == 0;
    std::string error = "-", verdict = "-";
    if (c.estimated) {
      ++estimated;
      const bool right = c.fits == !refused;
      verdict = std::string(c.fits ? "starts" : "refused") + (right ? "" : " (wrong)");
      double err = NAN;
      if (r.kv_available_gib > 0 && !refused && !c.refused_start) {
        err = c.kv_gib - r.kv_available_gib;
        error = (err >= 0 ? "+" : "") + fixed(err);
      }
      // Fit cases count apart; the check statistics are every other start-up, by release and on discrete GPUs.
      std::vector<Stats*> into = {&all, c.fit ? &fitted : &check};
      if (!c.fit) into.push_back(&release_stats(c.release));
      if (!c.fit && !c.unified) into.push_back(&discrete);
      for (Stats* s : into) {
        ++s->verdicts;
        s->right += right;
        if (!std::isnan(err)) s->errors.push_back(std::fabs(err));
      }
    }
    if (!c.miss.empty()) misses += "- " + c.file + ": " + c.miss + "\n";
    rows += "| " + c.file + (c.fit ? " (fit)" : "") + " | " + cell(c.model) + " | " + cell(c.gpu) + " | " + cell(r.version.empty() ? c.engine : r.version) +
            " | " + (r.tensor_parallel > 0 ? std::to_string(r.tensor_parallel) : "-") + " | " + (refused ? "refused" : "started") +
            " | " + measured(r.weights_gib) + " / " + measured(r.activation_gib) + " / " + measured(r.non_torch_gib) + " / " +
            (r.kv_available_gib != 0 ? fixed(r.kv_available_gib) : "-") + " | " +
            (c.estimated && !c.refused_start
                 ? fixed(c.weights_gib) + " / " + fixed(c.activation_gib) + " / " + fixed(c.non_torch_gib) + " / " + fixed(c.kv_gib)
                 : cell(c.problem.empty() ? "not estimated" : c.problem)) +
            " | " + error + " | " + verdict + " |\n";
  }
  std::string out =
      "# vLLM start-ups from public logs against vramfit\n\n"
      "Generated by `vramfit log --report tests/data/engine_logs/vllm --write docs/engine_logs.md`; CI checks it is\n"
      "current. Each row is one published start-up (the file holds the engine's lines and the source URL). Measured\n"
      "figures are what vLLM printed, GiB per GPU: model weights / profile-run activation peak / non-torch memory /\n"
      "memory left for the KV cache (\"Available KV cache memory\", or V0's \"the rest of the memory reserved for KV\n"
      "Cache\"). vramfit's are its vLLM estimate for the settings in the file's `# vramfit:` line (a link query:\n"
      "the model, the GPU as torch reports it, utilization, max_model_len, tensor parallel size, checkpoint format,\n"
      "the vLLM release range `vr` set from the version the log or thread states). Error = vramfit - measured KV\n"
      "memory, for start-ups that printed it. Start-ups marked (fit) are those vramfit's vLLM constants were fitted\n"
      "on (core/src/estimate/engine_vllm.cpp says which constant from which file); the check rows are all others.\n\n";
  out += "Estimated: " + std::to_string(estimated) + " of " + std::to_string(cases.size()) + " start-ups.\n\n";
  out += "| start-ups | n (KV printed) | KV \\|error\\| median GiB | worst GiB | start / refuse verdict right |\n|---|---:|---:|---:|---|\n";
  out += check.line("check set (not fitted on)");
  out += discrete.line("check set, discrete GPUs");
  for (const auto& [name, s] : releases) out += s.line("check set, vr=" + name);
  out += fitted.line("fit set");
  out += all.line("all");
  out += "\n";
  if (!misses.empty()) out += "Misses, and why (each file's `# miss:` line):\n\n" + misses + "\n";
  out += "| file | model | GPU | vLLM | TP | outcome | measured GiB (weights / act. / non-torch / KV) | vramfit GiB | KV error GiB | vramfit verdict |\n";
  out += "|---|---|---|---|---|---|---|---|---|---|\n";
  return out + rows;
}

}  // namespace vramfit
