// vramfit report and vramfit log: the accuracy report over the reference measurements (reference_report.h) and
// the engine start-up logs (engine_log.h, engine_log_report.h) on the command line.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "vramfit/api_json.h"
#include "vramfit/engine_log.h"
#include "vramfit/engine_log_report.h"
#include "vramfit/format.h"
#include "vramfit/reference.h"
#include "vramfit/reference_report.h"

namespace vramfit::cli {
namespace {

std::string value_text(const vramfit::ReferenceRow& r, double v) {
  return r.is_bytes ? vramfit::format_bytes(v, vramfit::ByteUnit::kMiB) : vramfit::format_fixed(v, 2);
}

}  // namespace

int report(const char* path) {
  std::string text;
  if (!read_file(path, text)) {
    std::cerr << "vramfit: cannot open " << path << "\n";
    return 2;
  }
  const vramfit::ReferenceReport rep = vramfit::evaluate_reference_cases(text);
  std::printf("%-48s %-13s %-22s %16s %16s %8s %6s\n", "case", "engine", "metric", "measured", "estimated", "error", "ok");
  int bad = 0;
  for (const auto& r : rep.rows) {
    std::printf("%-48s %-13s %-22s %16s %16s %7s%% %6s\n", r.case_id.c_str(), r.engine.c_str(), r.metric.c_str(),
                value_text(r, r.measured).c_str(), value_text(r, r.estimated).c_str(),
                vramfit::format_fixed(r.error_pct, 1).c_str(), r.known_miss ? "miss" : r.within() ? "yes" : "NO");
    bad += !r.within();
  }
  std::printf("\n%-14s %6s %12s %12s %12s   (absolute error of each case's total)\n", "engine", "cases", "median", "p90", "max");
  for (const char* engine : {"llama.cpp", "ollama", "vllm", "transformers", "training", ""}) {
    const auto s = vramfit::summarize(rep, engine);
    if (s.cases == 0) continue;
    std::printf("%-14s %6d %11s%% %11s%% %11s%%\n", *engine ? engine : "all", s.cases,
                vramfit::format_fixed(s.median_abs_pct, 2).c_str(), vramfit::format_fixed(s.p90_abs_pct, 2).c_str(),
                vramfit::format_fixed(s.max_abs_pct, 2).c_str());
  }
  int misses = 0;
  for (const auto& r : rep.rows) misses += r.known_miss && r.metric == "total";
  if (misses > 0) std::printf("(%d known misses are listed above as \"miss\" and left out of the summary; each case says why)\n", misses);
  for (const auto& d : rep.diagnostics) std::fprintf(stderr, "%s\n", d.detail.c_str());
  return bad == 0 && rep.diagnostics.empty() ? 0 : 1;
}

namespace {

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

// The inputs of the accuracy report: files as given, directories as their *.json files.
bool read_reference_files(const std::vector<std::string>& paths, std::vector<vramfit::ReferenceFile>& files) {
  for (const std::string& path : paths) {
    std::vector<std::filesystem::path> found;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& entry : std::filesystem::directory_iterator(path, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path());
      std::sort(found.begin(), found.end());
    } else {
      found.emplace_back(path);
    }
    for (const auto& f : found) {
      vramfit::ReferenceFile file{f.filename().string(), ""};
      if (!read_file(f.string().c_str(), file.text)) {
        std::cerr << "vramfit: cannot open " << f.string() << "\n";
        return false;
      }
      files.push_back(std::move(file));
    }
  }
  return true;
}

// --check: 0 when the file holds `expected`, else 1 with the first difference.
int check_file(const std::string& path, const std::string& expected, const std::string& regenerate) {
  std::string actual;
  if (!read_file(path.c_str(), actual)) {
    std::cerr << "vramfit: " << path << " is missing; write it with: " << regenerate << "\n";
    return 1;
  }
  if (const auto diff = vramfit::first_difference(expected, actual)) {
    std::cerr << "vramfit: " << path << " is stale (" << *diff << "); regenerate it with: " << regenerate << "\n";
    return 1;
  }
  std::cout << path << " is up to date\n";
  return 0;
}

}  // namespace

// vramfit report --all DIR | FILE... [--write MD] [--write-summary JSON] [--check MD] [--check-summary JSON]
int accuracy_report(const std::vector<std::string>& args) {
  std::vector<std::string> inputs;
  std::string write_md, write_json, check_md, check_json;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_next = i + 1 < args.size();
    if (a == "--all" && has_next) inputs.push_back(args[++i]);
    else if (a == "--write" && has_next) write_md = args[++i];
    else if (a == "--write-summary" && has_next) write_json = args[++i];
    else if (a == "--check" && has_next) check_md = args[++i];
    else if (a == "--check-summary" && has_next) check_json = args[++i];
    else if (a.rfind("--", 0) != 0) inputs.push_back(a);
    else {
      std::cerr << "vramfit: unknown or incomplete report option " << a << "\n";
      return 2;
    }
  }
  std::vector<vramfit::ReferenceFile> files;
  if (inputs.empty() || !read_reference_files(inputs, files)) {
    if (inputs.empty()) std::cerr << "vramfit: report needs --all DIR or reference files\n";
    return 2;
  }
  const vramfit::AccuracyReport rep = vramfit::build_accuracy_report(std::move(files));
  const std::string markdown = vramfit::accuracy_markdown(rep);
  const std::string summary = vramfit::accuracy_summary_json(rep);
  if (write_md.empty() && write_json.empty() && check_md.empty() && check_json.empty()) {
    std::cout << markdown;
    return vramfit::accuracy_failures(rep) == 0 ? 0 : 1;
  }
  std::string regenerate = "vramfit report";
  for (const auto& in : inputs) regenerate += (std::filesystem::is_directory(in) ? " --all " : " ") + in;
  if (const std::string& md = check_md.empty() ? write_md : check_md; !md.empty()) regenerate += " --write " + md;
  if (const std::string& js = check_json.empty() ? write_json : check_json; !js.empty())
    regenerate += " --write-summary " + js;
  int status = 0;
  for (const auto& [path, text] : {std::pair{write_md, markdown}, std::pair{write_json, summary}}) {
    if (path.empty()) continue;
    if (!write_file(path, text)) {
      std::cerr << "vramfit: cannot write " << path << "\n";
      return 2;
    }
    std::cout << "wrote " << path << "\n";
  }
  if (!check_md.empty()) status |= check_file(check_md, markdown, regenerate);
  if (!check_json.empty()) status |= check_file(check_json, summary, regenerate);
  std::cout << "\n" << vramfit::accuracy_comparison_markdown(rep);
  for (const auto& r : rep.detailed.rows)
    if (!r.within())
      std::cerr << "vramfit: " << r.case_id << " " << r.metric << " leaves its tolerance: error "
                << vramfit::format_fixed(r.error_pct, 2) << "% beyond +-" << vramfit::format_fixed(r.tolerance_pct, 1) << "%\n";
  for (const auto& d : rep.detailed.diagnostics) std::cerr << "vramfit: " << d.detail << "\n";
  if (const int failures = vramfit::accuracy_failures(rep); failures > 0) {
    std::cerr << "vramfit: " << failures << " reference figure(s) out of tolerance or not evaluated\n";
    status = 1;
  }
  return status;
}

using vramfit::cli::print_result;

// vramfit log FILE...: what each vLLM start-up log was read as (JSON, one object per file).
// vramfit log --report DIR [--write MD | --check MD]: the published start-ups against vramfit (engine_log_report.h).
int engine_log(const std::vector<std::string>& args) {
  std::string dir, write_md, check_md;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_next = i + 1 < args.size();
    if (args[i] == "--report" && has_next) dir = args[++i];
    else if (args[i] == "--write" && has_next) write_md = args[++i];
    else if (args[i] == "--check" && has_next) check_md = args[++i];
    else if (args[i].rfind("--", 0) != 0) files.push_back(args[i]);
    else {
      std::cerr << "vramfit: unknown or incomplete log option " << args[i] << "\n";
      return 2;
    }
  }
  if (dir.empty()) {
    if (files.empty()) {
      std::cerr << "vramfit: log needs a FILE (or --report DIR)\n";
      return 2;
    }
    int status = 0;
    for (const auto& f : files) {
      std::string text;
      if (!read_file(f.c_str(), text)) {
        std::cerr << "vramfit: cannot open " << f << "\n";
        return 2;
      }
      const vramfit::EngineLogRead r = vramfit::read_engine_log(text);
      std::cout << vramfit::engine_log_json(r) << "\n";
      status |= vramfit::has_errors(r.diagnostics) ? 1 : 0;
    }
    return status;
  }
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".log") found.push_back(entry.path());
  if (ec || found.empty()) {
    std::cerr << "vramfit: no .log files in " << dir << "\n";
    return 2;
  }
  std::sort(found.begin(), found.end());
  std::vector<vramfit::EngineLogCase> cases;
  for (const auto& f : found) {
    std::string text;
    if (!read_file(f.string().c_str(), text)) {
      std::cerr << "vramfit: cannot open " << f.string() << "\n";
      return 2;
    }
    cases.push_back(vramfit::engine_log_case(f.filename().string(), text));
  }
  const std::string markdown = vramfit::engine_log_markdown(cases);
  const std::string regenerate = "vramfit log --report " + dir + " --write " + (check_md.empty() ? write_md : check_md);
  if (!check_md.empty()) return check_file(check_md, markdown, regenerate);
  if (!write_md.empty()) {
    if (!write_file(write_md, markdown)) {
      std::cerr << "vramfit: cannot write " << write_md << "\n";
      return 2;
    }
    return 0;
  }
  std::cout << markdown;
  return 0;
}

}  // namespace vramfit::cli
