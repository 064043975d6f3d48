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
//   vramfit inspect PART...   the parts of a split GGUF (name-00001-of-00003.gguf ...), in order, as one model
//   vramfit gguf MODEL FTYPE OUT.gguf --parts N
//                             the same model split as gguf-split writes it: OUT-00001-of-0000N.gguf ...
//   vramfit log FILE...       reads a vLLM start-up log: the settings and what vLLM measured (JSON per file)
//   vramfit log --report DIR [--write MD] [--check MD]
//   vramfit compare LINK LINK [LINK [LINK]] [--format F]
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

#include "commands.h"
#include "vramfit/api_json.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/gguf_writer.h"
#include "vramfit/hf_config.h"
#include "vramfit/presets.h"
#include "vramfit/format.h"
#include "vramfit/export.h"
#include "vramfit/analysis.h"
#include "vramfit/resolve.h"
#include "vramfit/scenario.h"
#include "vramfit/share_link.h"
#include "vramfit/training.h"

// Prints an API result; the exit status says whether it was ok.
int vramfit::cli::print_result(const std::string& result) {
  std::cout << result << "\n";
  return vramfit::result_ok(result) ? 0 : 1;
}

bool vramfit::cli::read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

namespace {

using vramfit::cli::print_result;
using vramfit::cli::read_file;

// Reads only as much of the file as the header needs, as the page does with File.slice: the start of the file in
// `prefix`, its size in `size`, what it holds in `result`. False when the file cannot be opened.
bool read_header(const char* path, std::string& prefix, double& size, std::string& result) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (!in || ec) {
    std::cerr << "vramfit: cannot open " << path << "\n";
    return false;
  }
  size = static_cast<double>(bytes);
  double want = vramfit::kGgufFirstRead;
  for (int step = 0; step < 16; ++step) {
    prefix.resize(static_cast<std::size_t>(std::min<double>(want, size)));
    in.seekg(0);
    in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
    result = vramfit::inspect_file_json({reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size()}, size);
    const auto more = vramfit::inspect_bytes_needed(result);
    if (!more) break;
    want = *more;
  }
  return true;
}

// One file, or the parts of a split GGUF (name-00001-of-00003.gguf ...) in order, read as one model.
int inspect(std::span<char* const> paths) {
  std::vector<std::string> prefixes(paths.size());
  std::vector<vramfit::GgufPart> parts;
  std::string result;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    double size = 0;
    if (!read_header(paths[i], prefixes[i], size, result)) return 2;
    parts.push_back({{reinterpret_cast<const unsigned char*>(prefixes[i].data()), prefixes[i].size()}, size});
  }
  if (paths.size() > 1) result = vramfit::inspect_gguf_parts_json(parts);
  return print_result(result);
}

// One file: the header, then a hole up to the file's size.
int write_sparse(const char* out_path, const vramfit::GgufImage& image, const std::string& ftype) {
  {
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    out.write(image.header.data(), static_cast<std::streamsize>(image.header.size()));
    if (!out) {
      std::cerr << "vramfit: cannot write " << out_path << "\n";
      return 2;
    }
  }
  std::error_code ec;
  std::filesystem::resize_file(out_path, static_cast<std::uintmax_t>(image.file_bytes), ec);  // sparse data region
  if (ec) {
    std::cerr << "vramfit: cannot size " << out_path << ": " << ec.message() << "\n";
    return 2;
  }
  std::printf("%s %s %s: %.0f bytes (header %zu)\n", out_path, image.arch.c_str(), ftype.c_str(), image.file_bytes,
              image.header.size());
  return 0;
}

int write_gguf(const std::string& model_arg, const std::string& ftype, const std::string& out_arg, int n_parts) {
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
  const auto images = vramfit::write_gguf_split(model, ftype, n_parts, diags);
  if (!images) {
    for (const auto& d : diags) std::cerr << "vramfit: " << d.detail << "\n";
    return 2;
  }
  // Parts are named as gguf-split names them: OUT-00001-of-00003.gguf (OUT without its .gguf).
  const std::string stem = out_arg.size() > 5 && out_arg.substr(out_arg.size() - 5) == ".gguf" ? out_arg.substr(0, out_arg.size() - 5) : out_arg;
  for (std::size_t i = 0; i < images->size(); ++i) {
    char part[32];
    std::snprintf(part, sizeof part, "-%05zu-of-%05d.gguf", i + 1, n_parts);
    const std::string path = n_parts == 1 ? out_arg : stem + part;
    if (write_sparse(path.c_str(), (*images)[i], ftype) != 0) return 2;
  }
  return 0;
}

}  // namespace

// The options that describe the question come from the field table (scenario.h): each field's flag, with
// --no-NAME for switches that are on by default.
std::string usage() {
  std::string out =
      "usage: vramfit [FILE|-] [--format json|table|markdown|csv]      a JSON request (file or stdin)\n"
      "       vramfit [--link URL] [OPTIONS] [--fits] [--format F]    the question from a page link and/or options\n"
      "       vramfit report FILE | inspect FILE... | gguf MODEL FTYPE OUT.gguf [--parts N] | log FILE...\n"
      "       vramfit log --report DIR [--write MD | --check MD]   vLLM start-up logs against vramfit\n"
      "       vramfit compare LINK LINK [LINK [LINK]] [--format json|table|markdown|csv]   questions side by side\n"
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

int main(int argc, char** argv) {
  if (argc > 1 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << usage();
    return 0;
  }
  if (argc == 3 && std::string(argv[1]) == "report" && std::string(argv[2]).rfind("--", 0) != 0 &&
      !std::filesystem::is_directory(argv[2]))
    return vramfit::cli::report(argv[2]);
  if (argc > 2 && std::string(argv[1]) == "report") return vramfit::cli::accuracy_report({argv + 2, argv + argc});
  if (argc > 2 && std::string(argv[1]) == "inspect") return inspect({argv + 2, argv + argc});
  if (argc > 2 && std::string(argv[1]) == "log") return vramfit::cli::engine_log({argv + 2, argv + argc});
  if (argc > 1 && std::string(argv[1]) == "compare") return vramfit::cli::compare({argv + 2, argv + argc});
  if (argc > 4 && std::string(argv[1]) == "gguf") {
    int parts = 1;
    if (argc == 7 && std::string(argv[5]) == "--parts") parts = std::atoi(argv[6]);
    else if (argc != 5) return std::cerr << usage(), 2;
    return write_gguf(argv[2], argv[3], argv[4], parts);
  }
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
  if (!emit.empty()) return vramfit::cli::emit_launch(scenario, emit);
  if (!fit_goal.empty()) return vramfit::cli::fit_settings(scenario, fit_goal, format);
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
