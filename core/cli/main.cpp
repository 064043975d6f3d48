// vramfit command line.
//   vramfit [FILE|-] [--format F]
//                             reads a JSON request (file or stdin), prints the result: JSON (the default, the same
//                             bytes as the JS API), or a table: --format table | markdown | csv
//   vramfit --model ID [--engine E --weights W --kv T --context N --sequences N --gpu ID --gpus N ...] [--format F]
//   vramfit --link URL [--format F]
//                             the configuration from flags, or from a page link: the numbers the page shows for it
//   vramfit gguf MODEL FTYPE OUT.gguf
//                             writes a sparse GGUF file (real header and tensor index, data left as a hole)
//                             for a preset id or a config.json path, in a llama.cpp file type (Q4_K_M, F16, ...)
//   vramfit inspect FILE      reads the start of a GGUF, safetensors, model.safetensors.index.json or config.json
//                             file and prints what it holds (JSON, as the JS API's inspectFile)
//   vramfit report FILE       evaluates reference measurements (tests/data/inference_cases.json) and prints
//                             measured vs estimated per case and the error per engine
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <filesystem>

#include "vramfit/api_json.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/gguf_writer.h"
#include "vramfit/hf_config.h"
#include "vramfit/presets.h"
#include "vramfit/format.h"
#include "vramfit/reference.h"
#include "vramfit/export.h"
#include "vramfit/share_link.h"

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
    const auto more = result.find("\"bytes_needed\":");
    if (result.find("\"need_more_bytes\"") == std::string::npos || more == std::string::npos) break;
    want = std::strtod(result.c_str() + more + 15, nullptr);
  }
  std::cout << result << "\n";
  return result.find("\"ok\":true") != std::string::npos ? 0 : 1;
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

// Long flags for the share-link keys (share_link.h): the command line and the page read one configuration.
struct Flag {
  const char* name;
  const char* key;
  bool takes_value;
};
constexpr Flag kFlags[] = {
    {"--model", "m", true},        {"--engine", "e", true},       {"--weights", "w", true},
    {"--hf-weights", "hw", true},  {"--kv", "kv", true},          {"--context", "ctx", true},
    {"--sequences", "seq", true},  {"--gpu", "gpu", true},        {"--gpu-memory-gb", "mem", true},
    {"--gpus", "n", true},         {"--ngl", "ngl", true},        {"--no-flash-attention", "fa=0", false},
    {"--cpu-only", "cpu=1", false}, {"--utilization", "util", true}, {"--attention", "attn", true},
    {"--prompt-tokens", "pt", true}, {"--new-tokens", "nt", true},
};

constexpr const char* kUsage =
    "usage: vramfit [FILE|-] [--format json|table|markdown|csv]\n"
    "       vramfit --model ID [--engine llama.cpp|ollama|vllm|transformers|rule-of-thumb] [--weights Q4_K_M]\n"
    "               [--hf-weights bf16] [--kv f16] [--context 8192] [--sequences 1] [--gpu rtx-4090] [--gpus 1]\n"
    "               [--gpu-memory-gb 24] [--ngl -1] [--no-flash-attention] [--cpu-only] [--utilization 0.9]\n"
    "               [--attention sdpa] [--prompt-tokens 1024] [--new-tokens 256] [--format F]\n"
    "       vramfit --link URL [--format F]\n"
    "       vramfit report FILE | inspect FILE | gguf MODEL FTYPE OUT.gguf\n";

// A configuration from a page link and/or flags (flags win): the page's numbers, as JSON or a table. What a
// link cannot carry is a warning, as on the page; a flag the user mistyped is an error.
int estimate_config(const std::string& link, const std::string& flags, const std::string& format) {
  const vramfit::ShareDecoded from_link = vramfit::decode_share_query(link);
  for (const auto& x : from_link.diagnostics) std::cerr << "vramfit: warning: " << x.detail << "\n";
  std::string query = vramfit::encode_share_query(from_link.config);
  if (!flags.empty()) query += (query.empty() ? "" : "&") + flags;
  const vramfit::ShareDecoded d = vramfit::decode_share_query(query);
  if (!flags.empty() && !d.diagnostics.empty()) {
    for (const auto& x : d.diagnostics) std::cerr << "vramfit: " << x.detail << "\n";
    return 2;
  }
  const vramfit::InferenceRequest request = vramfit::request_from_share(d.config);
  const vramfit::InferenceEstimate e = vramfit::estimate_inference(request);
  if (format == "json") {
    const std::string result = vramfit::estimate_result_json(request, e);
    std::cout << result << "\n";
    return result.find("\"ok\":true") != std::string::npos ? 0 : 1;
  }
  const auto f = vramfit::export_format_by_name(format);
  if (!f) {
    std::cerr << "vramfit: --format must be json, table, markdown or csv\n";
    return 2;
  }
  std::cout << vramfit::export_estimate(e, *f, vramfit::request_summary(request));
  return vramfit::has_errors(e.diagnostics) ? 1 : 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (argc > 2 && std::string(argv[1]) == "report") return report(argv[2]);
  if (argc > 2 && std::string(argv[1]) == "inspect") return inspect(argv[2]);
  if (argc > 4 && std::string(argv[1]) == "gguf") return write_gguf(argv[2], argv[3], argv[4]);
  std::string format = "json", query, link, file;
  bool have_link = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_next = i + 1 < argc;
    if (arg == "--format" && has_next) {
      format = argv[++i];
    } else if (arg == "--link" && has_next) {
      link = argv[++i];
      have_link = true;
    } else if (arg.rfind("--", 0) == 0) {
      const Flag* flag = nullptr;
      for (const Flag& f : kFlags)
        if (arg == f.name) flag = &f;
      if (flag == nullptr || (flag->takes_value && !has_next)) {
        std::cerr << "vramfit: unknown or incomplete option " << arg << "\n" << kUsage;
        return 2;
      }
      if (!query.empty()) query += '&';
      query += flag->takes_value ? std::string(flag->key) + "=" + vramfit::percent_encode(argv[++i]) : std::string(flag->key);
    } else if (file.empty()) {
      file = arg;
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (have_link || !query.empty()) return estimate_config(link, query, format);
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
