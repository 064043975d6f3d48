// The accuracy report as Markdown (docs/accuracy.md): intro, summary per engine and component, detailed model
// vs rule of thumb, every case with its source, known misses, sources. Deterministic: no dates, fixed
// decimals, rows sorted by engine, file, case and component.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "vramfit/format.h"
#include "vramfit/reference_report.h"

namespace vramfit {
namespace {

constexpr int kDecimals = 2;

// A table cell: no line breaks, '|' escaped.
std::string cell(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c == '|') s += "\\|";
    else if (c == '\n' || c == '\r') s += ' ';
    else s += c;
  }
  return s;
}

std::string abs_pct_text(double pct) { return format_fixed(pct, kDecimals) + "%"; }

std::string error_text(double pct) {
  const std::string s = format_fixed(pct, kDecimals);
  return (pct > 0 && s.find_first_not_of("0.") != std::string::npos ? "+" : "") + s + "%";
}

std::string value_text(const ReferenceRow& r, double v) {
  if (r.is_bytes) return format_bytes(v, r.unit, kDecimals);
  return format_fixed(v, v == std::round(v) ? 0 : kDecimals);
}

bool is_refusal(const ReferenceRow& r) { return r.metric.rfind("diagnostic:", 0) == 0; }

// Weights, KV, overhead, peak, counts (by name), refusals, total.
int component_rank(const std::string& component) {
  static const std::string_view kOrder[] = {"weights", "kv", "overhead", "peak"};
  for (int i = 0; i < 4; ++i)
    if (component == kOrder[i]) return i;
  if (component == "total") return 7;
  return component.rfind("diagnostic:", 0) == 0 ? 6 : 5;
}

bool row_order(const ReferenceRow& a, const ReferenceRow& b) {
  const int ra = component_rank(metric_component(a.metric)), rb = component_rank(metric_component(b.metric));
  return std::tie(a.case_id, ra, a.metric) < std::tie(b.case_id, rb, b.metric);
}

std::string component_label(const std::string& component) {
  if (component == "kv") return "KV cache";
  if (component == "weights" || component == "overhead" || component == "peak" || component == "total") return component;
  return component + " (count)";
}

// The engines of the report: kReportEngines first, then the others by name.
std::vector<std::string> engines_in_order(const ReferenceReport& report) {
  std::set<std::string> present;
  for (const auto& r : report.rows) present.insert(r.engine);
  std::vector<std::string> out;
  for (std::string_view e : kReportEngines)
    if (present.erase(std::string(e))) out.emplace_back(e);
  out.insert(out.end(), present.begin(), present.end());
  return out;
}

std::string summary_cells(const ErrorSummary& s) {
  return std::to_string(s.cases) + " | " + abs_pct_text(s.median_abs_pct) + " | " + abs_pct_text(s.p90_abs_pct) + " | " +
         abs_pct_text(s.max_abs_pct);
}

// Rows of `report` for the cases that also have a row in `other`, known misses left out.
ReferenceReport shared_cases(const ReferenceReport& report, const ReferenceReport& other) {
  std::set<std::pair<std::string, std::string>> in_other;
  for (const auto& r : other.rows)
    if (r.metric == "total" && !r.known_miss) in_other.insert({r.engine, r.case_id});
  ReferenceReport out;
  for (const auto& r : report.rows)
    if (r.metric == "total" && in_other.count({r.engine, r.case_id})) out.rows.push_back(r);
  return out;
}

// Source keys S1, S2, ... in order of first use.
class SourceKeys {
 public:
  explicit SourceKeys(const AccuracyReport& report) : report_(report) {}

  std::string key_for(const ReferenceCase& c) {
    const std::string text = describe(c);
    const auto it = keys_.find(text);
    if (it != keys_.end()) return it->second;
    std::string key(1, 'S');
    key += std::to_string(list_.size() + 1);
    keys_[text] = key;
    list_.push_back({key, text});
    return key;
  }
  const std::vector<std::pair<std::string, std::string>>& list() const { return list_; }

 private:
  std::string describe(const ReferenceCase& c) const {
    if (!c.ref.empty()) {
      for (const auto& s : report_.sources) {
        if (s.id != c.ref) continue;
        const bool url = s.source.rfind("http://", 0) == 0 || s.source.rfind("https://", 0) == 0;
        return (url ? "[" + s.id + "](" + s.source + ")" : s.id + ": " + s.source) + " (log or table quoted in " +
               s.file + ")";
      }
      return "`" + c.ref + "` (no entry of that id in the source files)";
    }
    return c.source.empty() ? "not stated" : c.source;
  }

  const AccuracyReport& report_;
  std::map<std::string, std::string> keys_;
  std::vector<std::pair<std::string, std::string>> list_;
};

const ReferenceCase* find_case(const ReferenceReport& report, const std::string& id) {
  for (const auto& c : report.cases)
    if (c.case_id == id) return &c;
  return nullptr;
}

int known_misses(const ReferenceReport& report) {
  int n = 0;
  for (const auto& r : report.rows) n += r.known_miss && r.metric == "total";
  return n;
}

std::string intro(const AccuracyReport& report) {
  std::string files;
  for (const auto& f : report.case_files)
    files += (files.empty() ? "" : ", ") + f.name + " (" + std::to_string(f.detailed.cases.size()) + " cases)";
  std::string sources;
  for (const auto& f : report.source_files) sources += (sources.empty() ? "" : ", ") + f;
  return "# vramfit accuracy\n\n"
         "<!-- Written by `vramfit report --all tests/data --write docs/accuracy.md --write-summary "
         "assets/accuracy.json`; CI runs the same with `--check` and fails when this file or assets/accuracy.json "
         "is stale or a case leaves its tolerance. Do not edit by hand. -->\n\n"
         "Every reference measurement in tests/data is run through vramfit as a request, and each measured figure "
         "(an engine's own log line, `torch.cuda.max_memory_allocated`, a published table) is compared with "
         "vramfit's estimate of the same thing. Cases: " + files + ". Read as sources (the quoted logs and tables "
         "that the cases' `ref` ids point to, and raw records): " + (sources.empty() ? "none" : sources) + ".\n\n"
         "- **Units.** MiB = 2^20 bytes, GiB = 2^30 bytes, GB = 10^9 bytes. Each figure is printed in the unit of "
         "its source: llama.cpp logs print MiB; vLLM prints \"GB\" but divides by 2^30, so its figures are GiB here; "
         "the training tables print decimal GB. Errors are computed on bytes, so units never change them.\n"
         "- **Error** = (estimated - measured) / measured x 100. A case's **total** is the sum of its measured byte "
         "figures and the estimate of the same set; a case with one figure has that figure as its total (shown "
         "once).\n"
         "- **Tolerance** is the case's own (per figure where it says so): **ok** within it, **OUT** beyond it "
         "(CI fails).\n"
         "- **Known miss**: a case vramfit does not explain yet. The case says why (listed below); it is shown but "
         "not pinned, and left out of every median and percentile.\n"
         "- **Statistics**: median and 90th percentile of |error| over cases (the 90th percentile is the nearest "
         "rank, the ceil(0.9 n)-th smallest). Per component, a case's figures of that component are summed first: "
         "**weights** (GPU and host weights, CPU repack), **KV cache**, **overhead** (compute and output buffers, "
         "vLLM activations), **peak** (a whole-process peak as PyTorch reports it); counts such as vLLM's KV blocks "
         "are their own component.\n\n";
}

std::string summary_section(const AccuracyReport& report) {
  const ReferenceReport components = component_rows(report.detailed);
  std::string s = "## Summary\n\nAbsolute error per engine and component";
  const int misses = known_misses(report.detailed);
  if (misses == 0) s += ".\n\n";
  else if (misses == 1) s += "; the known miss (listed below) is left out.\n\n";
  else s += "; the " + std::to_string(misses) + " known misses (listed below) are left out.\n\n";
  s += "| Engine | Component | Cases | Median | p90 | Max |\n|---|---|---:|---:|---:|---:|\n";
  for (const std::string& engine : engines_in_order(report.detailed)) {
    std::set<std::pair<int, std::string>> present;
    for (const auto& r : components.rows)
      if (r.engine == engine) present.insert({component_rank(r.metric), r.metric});
    for (const auto& [rank, component] : present) {
      const ErrorSummary sum = summarize(components, engine, component);
      if (sum.cases > 0) s += "| " + engine + " | " + component_label(component) + " | " + summary_cells(sum) + " |\n";
    }
  }
  // An engine measured in several files: the total of each file as well.
  for (const std::string& engine : engines_in_order(report.detailed)) {
    std::vector<const EvaluatedFile*> files;
    for (const auto& f : report.case_files)
      if (summarize(f.detailed, engine).cases > 0) files.push_back(&f);
    if (files.size() < 2) continue;
    for (const EvaluatedFile* f : files)
      s += "| " + engine + " (" + f->name + ") | total | " + summary_cells(summarize(f->detailed, engine)) + " |\n";
  }
  return s + "\n";
}

std::string case_table(const EvaluatedFile& file, const std::string& engine, SourceKeys& keys) {
  std::vector<ReferenceRow> rows;
  std::map<std::string, int> byte_figures;  // per case, besides the total
  for (const auto& r : file.detailed.rows) {
    if (r.engine != engine) continue;
    rows.push_back(r);
    byte_figures[r.case_id] += r.is_bytes && r.metric != "total";
  }
  std::stable_sort(rows.begin(), rows.end(), row_order);
  std::map<std::string, const ReferenceRow*> rule;
  for (const auto& r : file.rule_of_thumb.rows) rule[r.case_id] = &r;
  std::string s = "### " + engine + " (" + file.name + ", " + std::to_string(byte_figures.size()) + " cases)\n\n"
                  "| Case | Metric | Measured | Estimated | Error | Tolerance | Status | Rule of thumb | Source |\n"
                  "|---|---|---:|---:|---:|---:|---|---:|---|\n";
  std::string previous;
  for (const auto& r : rows) {
    const bool one_figure = byte_figures[r.case_id] == 1;
    if (r.metric == "total" && one_figure) continue;
    const bool stands_for_total = r.metric == "total" || (one_figure && r.is_bytes);
    const ReferenceCase* c = find_case(file.detailed, r.case_id);
    const std::string source = r.case_id != previous && c != nullptr ? keys.key_for(*c) : "";
    previous = r.case_id;
    const auto rule_it = rule.find(r.case_id);
    const std::string rule_error =
        stands_for_total && rule_it != rule.end() ? error_text(rule_it->second->error_pct) : "";
    const std::string status = r.known_miss ? "known miss" : r.within() ? "ok" : "**OUT**";
    if (is_refusal(r)) {
      s += "| " + r.case_id + " | refusal " + r.metric.substr(11) + " | refused | " +
           (r.estimated == 1 ? "refused" : "not refused") + " | | | " + status + " | | " + source + " |\n";
      continue;
    }
    s += "| " + r.case_id + " | " + (r.metric == "total" ? std::string("**total**") : r.metric) + " | " +
         value_text(r, r.measured) + " | " + value_text(r, r.estimated) + " | " + error_text(r.error_pct) +
         " | ±" + format_fixed(r.tolerance_pct, r.tolerance_pct == std::round(r.tolerance_pct) ? 0 : 1) + "% | " +
         status + " | " + rule_error + " | " + source + " |\n";
  }
  return s + "\n";
}

std::string cases_section(const AccuracyReport& report, SourceKeys& keys) {
  std::string s = "## Cases\n\nEvery measured figure of every case, by engine and file. **Rule of thumb**: the rule's error "
                  "on the case's total (see above).\n\n";
  for (const std::string& engine : engines_in_order(report.detailed))
    for (const auto& f : report.case_files)
      if (std::any_of(f.detailed.rows.begin(), f.detailed.rows.end(), [&](const auto& r) { return r.engine == engine; }))
        s += case_table(f, engine, keys);
  return s;
}

std::string known_misses_section(const AccuracyReport& report) {
  std::vector<ReferenceRow> totals;
  for (const auto& r : report.detailed.rows)
    if (r.known_miss && r.metric == "total") totals.push_back(r);
  if (totals.empty()) return "";
  std::stable_sort(totals.begin(), totals.end(), [](const auto& a, const auto& b) {
    return std::tie(a.engine, a.case_id) < std::tie(b.engine, b.case_id);
  });
  std::string s = "## Known misses\n\nShown in the tables, left out of every statistic. The reason is the case's "
                  "own.\n\n| Case | Engine | Measured | Estimated | Error | Reason |\n|---|---|---:|---:|---:|---|\n";
  for (const auto& r : totals) {
    const ReferenceCase* c = find_case(report.detailed, r.case_id);
    const std::string reason = c != nullptr && !c->miss_reason.empty() ? c->miss_reason : "not stated";
    s += "| " + r.case_id + " | " + r.engine + " | " + value_text(r, r.measured) + " | " + value_text(r, r.estimated) +
         " | " + error_text(r.error_pct) + " | " + cell(reason) + " |\n";
  }
  return s + "\n";
}

std::string problems_section(const AccuracyReport& report) {
  if (report.detailed.diagnostics.empty() && report.rule_of_thumb.diagnostics.empty()) return "";
  std::string s = "## Cases that could not be evaluated\n\n";
  for (const auto& d : report.detailed.diagnostics) s += "- " + cell(d.detail) + "\n";
  for (const auto& d : report.rule_of_thumb.diagnostics) s += "- " + cell(d.detail) + "\n";
  return s + "\n";
}

std::string sources_section(const SourceKeys& keys) {
  std::string s = "## Sources\n\n| Key | Source |\n|---|---|\n";
  for (const auto& [key, text] : keys.list()) s += "| " + key + " | " + cell(text) + " |\n";
  return s;
}

}  // namespace

std::string accuracy_comparison_markdown(const AccuracyReport& report) {
  std::string s = "| Engine | Cases | Detailed median | Detailed p90 | Rule of thumb median | Rule of thumb p90 |\n"
                  "|---|---:|---:|---:|---:|---:|\n";
  const ReferenceReport detailed = shared_cases(report.detailed, report.rule_of_thumb);
  const ReferenceReport rule = shared_cases(report.rule_of_thumb, report.detailed);
  std::vector<std::string> engines = engines_in_order(rule);
  engines.emplace_back("");
  for (const std::string& engine : engines) {
    const ErrorSummary d = summarize(detailed, engine), r = summarize(rule, engine);
    if (d.cases == 0) continue;
    s += "| " + (engine.empty() ? std::string("all inference cases") : engine) + " | " + std::to_string(d.cases) +
         " | " + abs_pct_text(d.median_abs_pct) + " | " + abs_pct_text(d.p90_abs_pct) + " | " +
         abs_pct_text(r.median_abs_pct) + " | " + abs_pct_text(r.p90_abs_pct) + " |\n";
  }
  return s;
}

std::string accuracy_markdown(const AccuracyReport& report) {
  const bool training = std::any_of(report.detailed.rows.begin(), report.detailed.rows.end(),
                                    [](const auto& r) { return r.engine == "training"; });
  std::string s = intro(report) + summary_section(report);
  s += "## Detailed model vs rule of thumb\n\n"
       "The rule of thumb most articles give, as vramfit's rule-of-thumb profile computes it: weights = parameters "
       "x bits / 8 (GGUF file types at their nominal bits: Q4_K_M = 4), KV cache = 2 x 2 B x layers x hidden size "
       "x tokens (full multi-head attention in fp16), and 20% of the weights on top for everything else. Each "
       "inference case's request is run through it and compared with the same measured total: the rule's weights "
       "where the case measures weights, its KV cache where it measures the KV cache, its 20% where it measures "
       "compute, output or activations, all three where it measures a whole peak; divided evenly over the GPUs "
       "of a tensor-parallel case, whose figures are per GPU. Cases that measure only counts or a refusal are not "
       "compared; known misses are left out of both columns.\n\n" +
       accuracy_comparison_markdown(report) + "\n";
  if (training)
    s += "Training cases have no rule-of-thumb counterpart: vramfit's rule-of-thumb profile covers inference "
         "only, so they are not compared.\n\n";
  SourceKeys keys(report);
  s += cases_section(report, keys);
  s += known_misses_section(report);
  s += problems_section(report);
  s += sources_section(keys);
  return s;
}

}  // namespace vramfit
