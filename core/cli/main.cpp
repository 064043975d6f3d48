// vramfit command line.
//   vramfit [FILE|-] [--format F]
//                             reads a JSON request (file or stdin), prints the result: JSON (the default, the same
//                             bytes as the JS API), or a table: --format table | markdown | csv
//   vramfit [--link URL] [--model ID --engine E --weights W --context N --gpu ID --gpus N ...] [--format F]
//                             the question from a page link and/or options (one per Scenario field, from the
//                             field table; --help lists them): the numbers the page shows for it
//   ... --fits (or --gpu any)  which GPUs of the catalog hold that configuration, on how many, how far they stretch
//   vramfit gguf MODEL FTYPE OUT.gguf
//                             writes a sparse GGUF file (real header and tensor index, data left as a hole)
//                             for a preset id or a config.json path, in a llama.cpp file type (Q4_K_M, F16, ...)
//   vramfit inspect FILE      reads the start of a GGUF, safetensors, model.safetensors.index.json or config.json
//                             file and prints what it holds (JSON, as the JS API's inspectFile)
//   vramfit log FILE...       reads a vLLM start-up log: the settings and what vLLM measured (JSON per file)
//   vramfit log --report DIR [--write MD] [--check MD]
//                             published vLLM start-ups (tests/data/engine_logs/vllm) against vramfit's estimate
//   vramfit report FILE       evaluates reference measurements (tests/data/inference_cases.json) and prints
//                             measured vs estimated per case and the error per engine
//   vramfit report --all DIR [--write MD] [--write-summary JSON] [--check MD] [--check-summary JSON]
//                             the accuracy report over every reference file in DIR (or FILE...): the Markdown
//                             document (stdout, or --write), the page's JSON summary (--write-summary); --check
//                             and --check-summary compare files with what would be written. Exits non-zero when
//                             a file is stale or a case leaves its tolerance
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <filesystem>

#include "vramfit/api_json.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/gguf_writer.h"
#include "vramfit/hf_config.h"
#include "vramfit/presets.h"
#include "vramfit/format.h"
#include "vramfit/fit.h"
#include "vramfit/launch.h"
#include "vramfit/reference.h"
#include "vramfit/reference_report.h"
#include "vramfit/engine_log.h"
#include "vramfit/engine_log_report.h"
#include "vramfit/export.h"
#include "vramfit/analysis.h"
#include "vramfit/resolve.h"
#include "vramfit/scenario.h"
#include "vramfit/share_link.h"
#include "vramfit/training.h"

namespace {

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

std::string value_text(const vramfit::ReferenceRow& r, double v) {
  return r.is_bytes ? vramfit::format_bytes(v, vramfit::ByteUnit::kMiB) : vramfit::format_fixed(v, 2);
}

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

// Prints an API result; the exit status says whether it was ok.
int print_result(const std::string& result) {
  std::cout << result << "\n";
  return vramfit::result_ok(result) ? 0 : 1;
}

// Reads only as much of the file as the header needs, as the page does with File.slice.
int inspect(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!in || ec) {
    std::cerr << "vramfit: cannot open " << path << "\n";
    return 2;
  }
  std::string prefix;
  double want = vramfit::kGgufFirstRead;
  std::string result;
  for (int step = 0; step < 16; ++step) {
    prefix.resize(static_cast<std::size_t>(std::min<double>(want, static_cast<double>(size))));
    in.seekg(0);
    in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
    result = vramfit::inspect_file_json({reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size()},
                                        static_cast<double>(size));
    const auto more = vramfit::inspect_bytes_needed(result);
    if (!more) break;
    want = *more;
  }
  return print_result(result);
}

int write_gguf(const std::string& model_arg, const std::string& ftype, const char* out_path) {
  vramfit::ModelArch model;
  if (const vramfit::ModelPreset* p = vramfit::find_preset(model_arg)) {
    model = p->arch;
  } else {
    std::string text;
    if (!read_file(model_arg.c_str(), text)) {
      std::cerr << "vramfit: no preset or file named " << model_arg << "\n";
      return 2;
    }
    auto parsed = vramfit::parse_hf_config(text);
    if (!parsed.model) {
      for (const auto& d : parsed.diagnostics) std::cerr << "vramfit: " << d.detail << "\n";
      return 2;
    }
    model = *parsed.model;
  }
  vramfit::Diagnostics diags;
  const auto image = vramfit::write_gguf_header(model, ftype, diags);
  if (!image) {
    for (const auto& d : diags) std::cerr << "vramfit: " << d.detail << "\n";
    return 2;
  }
  {
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    out.write(image->header.data(), static_cast<std::streamsize>(image->header.size()));
    if (!out) {
      std::cerr << "vramfit: cannot write " << out_path << "\n";
      return 2;
    }
  }
  std::error_code ec;
  std::filesystem::resize_file(out_path, static_cast<std::uintmax_t>(image->file_bytes), ec);  // sparse data region
  if (ec) {
    std::cerr << "vramfit: cannot size " << out_path << ": " << ec.message() << "\n";
    return 2;
  }
  std::printf("%s %s %s: %.0f bytes (header %zu)\n", out_path, image->arch.c_str(), ftype.c_str(), image->file_bytes,
              image->header.size());
  return 0;
}

}  // namespace

// The options that describe the question come from the field table (scenario.h): each field's flag, with
// --no-NAME for switches that are on by default.
std::string usage() {
  std::string out =
      "usage: vramfit [FILE|-] [--format json|table|markdown|csv]      a JSON request (file or stdin)\n"
      "       vramfit [--link URL] [OPTIONS] [--fits] [--format F]    the question from a page link and/or options\n"
      "       vramfit report FILE | inspect FILE | gguf MODEL FTYPE OUT.gguf | log FILE...\n"
      "       vramfit log --report DIR [--write MD | --check MD]   vLLM start-up logs against vramfit\n"
      "       vramfit report --all DIR [--write MD] [--write-summary JSON] [--check MD] [--check-summary JSON]\n"
      "--fits (or --gpu any): which GPUs of the catalog hold it, on 1, 2, 4 or 8 of them\n"
      "--analysis: everything the page shows for it (JSON: the JS API's analyzeLink; or a table of the breakdown,\n"
      "            the limits and every format side by side)\n"
      "--fit GOAL: the best settings for this hardware towards quality, context, sequences or speed, the\n"
      "            runners-up and why they lost (JSON, or --format table), then the command\n"
      "--emit TARGET: the command that runs it (llama-server, llama-cli, ollama, vllm, transformers); notes on\n"
      "            what the command cannot say go to stderr\n\n"
      "OPTIONS (defaults as the page's; link key in brackets):\n";
  const vramfit::Scenario defaults;
  for (const vramfit::FieldSpec& f : vramfit::scenario_fields()) {
    if (f.flag.empty()) continue;
    std::string left = "  --" + std::string(f.flag);
    if (f.kind == vramfit::FieldKind::kBool) {
      if (vramfit::field_number(f, defaults) != 0) left = "  --no-" + std::string(f.flag);
    } else {
      left += " X";
    }
    left.resize(std::max<std::size_t>(left.size() + 1, 30), ' ');
    std::string right = std::string(f.help) + " [" + std::string(f.key) + "]";
    if (f.kind != vramfit::FieldKind::kBool) {
      const std::string def = vramfit::field_text(f, defaults);
      right += ": " + vramfit::field_expected(f) + (def.empty() ? "" : "; default " + def);
    }
    out += left + right + "\n";
  }
  return out;
}

// Reads one option of the field table into the scenario; false (and a message) when it is not one or its value
// is refused.
bool read_option(const std::string& arg, int& i, int argc, char** argv, vramfit::Scenario& s) {
  const std::string name = arg.substr(2);
  const vramfit::FieldSpec* f = vramfit::field_by_flag(name);
  std::string value;
  if (f != nullptr && f->kind == vramfit::FieldKind::kBool) {
    value = "1";
  } else if (f == nullptr && name.rfind("no-", 0) == 0) {
    f = vramfit::field_by_flag(name.substr(3));
    if (f == nullptr || f->kind != vramfit::FieldKind::kBool) f = nullptr;
    value = "0";
  } else if (f != nullptr) {
    if (i + 1 >= argc) {
      std::cerr << "vramfit: " << arg << " needs a value: " << vramfit::field_expected(*f) << "\n";
      return false;
    }
    value = argv[++i];
  }
  if (f == nullptr) {
    std::cerr << "vramfit: unknown option " << arg << " (vramfit --help lists them)\n";
    return false;
  }
  if (const std::string why = vramfit::set_field(s, *f, value); !why.empty()) {
    std::cerr << "vramfit: " << arg << " " << value << ": expected " << why << "\n";
    return false;
  }
  return true;
}

// The question as the page would answer it: its estimate (JSON, or the breakdown as a table), or which GPUs fit.
int estimate_scenario(const vramfit::Scenario& s, const std::string& format, bool fits, bool analysis) {
  const std::string query = vramfit::encode_share_query(s);  // every field has a link key and reads back exactly
  if (analysis && format == "json") return print_result(vramfit::analyze_link_json(query));
  if (analysis) {
    const auto f = vramfit::export_format_by_name(format);
    if (!f) {
      std::cerr << "vramfit: --format must be json, table, markdown or csv\n";
      return 2;
    }
    const vramfit::Analysis a = vramfit::analyze(s);
    std::cout << vramfit::export_analysis(a, *f);
    return a.training ? (a.train.devices.empty() ? 1 : 0) : (a.estimate.devices.empty() ? 1 : 0);
  }
  if (fits || s.gpu == vramfit::kAnyGpuId) {
    if (format == "json") return print_result(vramfit::what_fits_link_json(query));
    const vramfit::ExportedText out = vramfit::what_fits_link_text(query, format);
    std::cout << out.text << (out.ok ? "" : "\n");
    return out.ok ? 0 : 1;
  }
  if (format == "json") return print_result(vramfit::estimate_link_json(query));
  const auto f = vramfit::export_format_by_name(format);
  if (!f) {
    std::cerr << "vramfit: --format must be json, table, markdown or csv\n";
    return 2;
  }
  if (s.training()) {
    const vramfit::TrainingRequest request = vramfit::resolve_training(s);
    const vramfit::TrainingEstimate e = vramfit::estimate_training(request);
    std::cout << vramfit::export_devices(e.devices, *f, vramfit::training_summary(request, e));
    return vramfit::has_errors(e.diagnostics) ? 1 : 0;
  }
  const vramfit::InferenceRequest request = vramfit::resolve_inference(s);
  const vramfit::InferenceEstimate e = vramfit::estimate_inference(request);
  std::cout << vramfit::export_estimate(e, *f, vramfit::request_summary(request));
  return vramfit::has_errors(e.diagnostics) ? 1 : 0;
}

// --fit GOAL: fit mode (fit.h) as JSON, or as a table of the best and the runners-up followed by the command.
int fit_settings(const vramfit::Scenario& s, const std::string& goal, const std::string& format) {
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
int emit_launch(const vramfit::Scenario& s, const std::string& target) {
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

int main(int argc, char** argv) {
  if (argc > 1 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << usage();
    return 0;
  }
  if (argc == 3 && std::string(argv[1]) == "report" && std::string(argv[2]).rfind("--", 0) != 0 &&
      !std::filesystem::is_directory(argv[2]))
    return report(argv[2]);
  if (argc > 2 && std::string(argv[1]) == "report") return accuracy_report({argv + 2, argv + argc});
  if (argc > 2 && std::string(argv[1]) == "inspect") return inspect(argv[2]);
  if (argc > 2 && std::string(argv[1]) == "log") return engine_log({argv + 2, argv + argc});
  if (argc > 4 && std::string(argv[1]) == "gguf") return write_gguf(argv[2], argv[3], argv[4]);
  std::string format = "json", file, emit, fit_goal;
  bool have_options = false, fits = false, analysis = false;
  vramfit::Scenario scenario;
  // A link first (its values, warnings as the page shows them), then the options on top of it.
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) != "--link") continue;
    const vramfit::ShareDecoded d = vramfit::decode_share_query(argv[i + 1]);
    for (const auto& x : d.diagnostics) std::cerr << "vramfit: warning: " << x.detail << "\n";
    scenario = d.config;
    have_options = true;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--format" && i + 1 < argc) {
      format = argv[++i];
    } else if (arg == "--fits") {
      fits = true;
    } else if (arg == "--analysis") {
      analysis = true;
    } else if (arg == "--emit" && i + 1 < argc) {
      emit = argv[++i];
    } else if (arg == "--fit" && i + 1 < argc) {
      fit_goal = argv[++i];
    } else if (arg == "--link" && i + 1 < argc) {
      ++i;
    } else if (arg.rfind("--", 0) == 0) {
      if (!read_option(arg, i, argc, argv, scenario)) return 2;
      have_options = true;
    } else if (file.empty()) {
      file = arg;
    } else {
      std::cerr << usage();
      return 2;
    }
  }
  if (!emit.empty()) return emit_launch(scenario, emit);
  if (!fit_goal.empty()) return fit_settings(scenario, fit_goal, format);
  if (have_options || fits || analysis) return estimate_scenario(scenario, format, fits, analysis);
  std::string request;
  if (!file.empty() && file != "-") {
    if (!read_file(file.c_str(), request)) {
      std::cerr << "vramfit: cannot open " << file << "\n";
      return 2;
    }
  } else {
    request.assign(std::istreambuf_iterator<char>(std::cin), {});
  }
  const vramfit::ExportedText out = vramfit::export_text(request, format);
  std::cout << out.text << (format == "json" || !out.ok ? "\n" : "");
  return out.ok ? 0 : 1;
}
