// The accuracy report's data: every reference file evaluated, rows per component, the page's JSON summary and
// the staleness comparison. The Markdown document is written by accuracy_markdown.cpp.
#include "vramfit/reference_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "base/json_util.h"
#include "vramfit/format.h"

namespace vramfit {
namespace {

using json_util::json;

bool has_requests(const json& cases) {
  return std::any_of(cases.begin(), cases.end(), [](const json& c) { return json_util::find(c, "request") != nullptr; });
}

void append(ReferenceReport& to, const ReferenceReport& from, const std::string& file) {
  to.rows.insert(to.rows.end(), from.rows.begin(), from.rows.end());
  to.cases.insert(to.cases.end(), from.cases.begin(), from.cases.end());
  for (Diagnostic d : from.diagnostics) {
    d.detail = file + ": " + d.detail;
    to.diagnostics.push_back(std::move(d));
  }
}

// One line quoted, shortened to the part around character `from` (where two lines first differ).
std::string quoted_line(std::string_view line, std::size_t from) {
  constexpr std::size_t kBefore = 40, kMaxChars = 100;
  const auto continuation = [&](std::size_t i) { return i < line.size() && (line[i] & 0xC0) == 0x80; };
  std::size_t start = std::min(line.size(), from > kBefore ? from - kBefore : 0);
  while (start > 0 && continuation(start)) --start;  // never cut a UTF-8 character
  std::size_t end = std::min(line.size(), start + kMaxChars);
  while (end > start && continuation(end)) --end;
  std::string s = "\"";
  s += start > 0 ? "..." : "";
  s += line.substr(start, end - start);
  s += end < line.size() ? "...\"" : "\"";
  return s;
}

std::string summary_entry(std::string_view name, const ErrorSummary& s) {
  const auto number = [&](double v) { return s.cases > 0 ? format_fixed(v, 2) : std::string("null"); };
  return "    \"" + std::string(name) + "\": {\"cases\": " + std::to_string(s.cases) +
         ", \"median_abs_pct\": " + number(s.median_abs_pct) + ", \"p90_abs_pct\": " + number(s.p90_abs_pct) +
         ", \"max_abs_pct\": " + number(s.max_abs_pct) + "}";
}

}  // namespace

AccuracyReport build_accuracy_report(std::vector<ReferenceFile> files) {
  std::sort(files.begin(), files.end(), [](const ReferenceFile& a, const ReferenceFile& b) { return a.name < b.name; });
  AccuracyReport out;
  for (const ReferenceFile& f : files) {
    const json root = json_util::parse(f.text);
    const json* cases = json_util::find(root, "cases");
    if (cases == nullptr || !cases->is_array()) {
      out.detailed.diagnostics.push_back(
          {"reference.bad_file", Severity::kError, f.name, f.name + ": not a reference file (no \"cases\" array)."});
      continue;
    }
    if (!has_requests(*cases)) {
      out.source_files.push_back(f.name);
      for (const json& c : *cases) {
        const auto id = json_util::string(c, "id");
        const auto source = json_util::string(c, "source");
        if (id && source) out.sources.push_back({*id, f.name, *source});
      }
      continue;
    }
    EvaluatedFile e{f.name, evaluate_reference_cases(f.text), evaluate_rule_of_thumb_cases(f.text)};
    append(out.detailed, e.detailed, f.name);
    append(out.rule_of_thumb, e.rule_of_thumb, f.name);
    out.case_files.push_back(std::move(e));
  }
  return out;
}

ReferenceReport component_rows(const ReferenceReport& report) {
  ReferenceReport out;
  out.cases = report.cases;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index;  // engine, case, component
  for (const ReferenceRow& r : report.rows) {
    const std::string component = metric_component(r.metric);
    if (component.rfind("diagnostic:", 0) == 0) continue;  // a refusal: checked, not measured
    const auto key = std::make_tuple(r.engine, r.case_id, component);
    const auto it = index.find(key);
    if (it == index.end() || component == "total") {
      index[key] = out.rows.size();
      out.rows.push_back(r);
      out.rows.back().metric = component;
      continue;
    }
    ReferenceRow& sum = out.rows[it->second];
    sum.measured += r.measured;
    sum.estimated += r.estimated;
  }
  for (ReferenceRow& r : out.rows)
    r.error_pct = r.measured != 0 ? (r.estimated - r.measured) / std::fabs(r.measured) * 100 : r.error_pct;
  return out;
}

int accuracy_failures(const AccuracyReport& report) {
  int failures = static_cast<int>(report.detailed.diagnostics.size());
  for (const ReferenceRow& r : report.detailed.rows) failures += !r.within();
  return failures;
}

std::string accuracy_summary_json(const AccuracyReport& report) {
  std::string s =
      "{\n"
      "  \"about\": \"Absolute error of each reference case's total memory, in percent, per engine profile; known "
      "misses left out; rule-of-thumb: the articles' rule on the same inference cases. Written by vramfit report "
      "--all tests/data; the cases are in docs/accuracy.md.\",\n"
      "  \"engines\": {\n";
  const std::string_view order[] = {"llama.cpp", "ollama", "vllm", "transformers", kRuleOfThumbEngine, "training"};
  bool first = true;
  for (std::string_view engine : order) {
    const ErrorSummary summary = engine == kRuleOfThumbEngine ? summarize(report.rule_of_thumb, "")
                                                              : summarize(report.detailed, engine);
    s += (first ? "" : ",\n") + summary_entry(engine, summary);
    first = false;
  }
  return s + "\n  }\n}\n";
}

std::optional<std::string> first_difference(std::string_view expected, std::string_view actual) {
  if (expected == actual) return std::nullopt;
  // Lines split at '\n'; a text ending in '\n' has an empty last line. A position past the end: no more lines.
  const auto next_line = [](std::string_view text, std::size_t& at) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    return line;
  };
  std::size_t e = 0, a = 0;
  for (std::size_t line = 1; e <= expected.size() || a <= actual.size(); ++line) {
    const bool e_done = e > expected.size(), a_done = a > actual.size();
    const std::string_view el = e_done ? std::string_view() : next_line(expected, e);
    const std::string_view al = a_done ? std::string_view() : next_line(actual, a);
    if (e_done == a_done && el == al) continue;
    std::size_t at = 0;
    while (at < el.size() && at < al.size() && el[at] == al[at]) ++at;
    return "line " + std::to_string(line) + ": expected " + (e_done ? "the end of the file" : quoted_line(el, at)) +
           ", found " + (a_done ? "the end of the file" : quoted_line(al, at));
  }
  return "the texts differ";
}

}  // namespace vramfit
