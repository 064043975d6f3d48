#include "vramfit/export.h"

#include "vramfit/analysis.h"

#include <algorithm>
#include <string>
#include <vector>

#include "vramfit/format.h"

namespace vramfit {
namespace {

struct Row {
  std::string device, component, gb, gib, formula, source;
};

std::string engine_name(const InferenceRequest& r) {
  switch (r.engine) {
    case Engine::kLlamaCpp: return r.kv_unified ? "Ollama" : "llama.cpp";
    case Engine::kVllm: return "vLLM";
    case Engine::kSglang: return "SGLang";
    case Engine::kTransformers: return "transformers";
    case Engine::kRuleOfThumb: return "rule of thumb";
  }
  return "";
}

std::string device_name(const DeviceUsage& d, const ExportWords& w) {
  if (d.host) return w.host;
  return d.count > 1 ? d.device + " (x" + std::to_string(d.count) + ")" : d.device;
}

std::vector<Row> rows_of(const std::vector<DeviceUsage>& devices, const ExportWords& w) {
  std::vector<Row> rows;
  for (const auto& d : devices) {
    for (const auto& c : d.components) {
      const std::string name = w.component_name ? w.component_name(c.id) : c.id;
      rows.push_back({device_name(d, w), name, format_fixed(c.bytes / 1e9, 2), format_fixed(c.bytes / 1073741824.0, 2),
                      w.formula_text ? w.formula_text(c.formula) : c.formula, c.source});
    }
    rows.push_back({device_name(d, w), w.total + " (" + (d.headroom_bytes >= 0 ? w.fits : w.does_not_fit) + ", " +
                                           w.capacity + " " + format_fixed(d.capacity_bytes / 1e9, 2) + " GB)",
                    format_fixed(d.total_bytes / 1e9, 2), format_fixed(d.total_bytes / 1073741824.0, 2), "", ""});
  }
  return rows;
}

// Markdown cells may not hold '|' or line breaks.
std::string md_cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

// RFC 4180: quote every field that holds a comma, quote or line break; double the quotes inside.
std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Display width in columns: UTF-8 continuation bytes take none; CJK characters (3-byte sequences from
// U+2E80 up) take two, as terminals draw them.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    n += c >= 0xE2 && c <= 0xEF && !(c == 0xE2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xBA) ? 2 : 1;
  }
  return n;
}

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = columns(s);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

std::string request_summary(const InferenceRequest& r) {
  std::string s = r.model.name + ", " + r.weight_format;
  if (r.engine != Engine::kRuleOfThumb) s += ", KV " + r.kv_type;
  s += ", " + std::to_string(r.context_tokens) + " tokens x " + std::to_string(r.sequences) + ", " + engine_name(r);
  if (r.cpu_only) return s + ", CPU only";
  return s + ", " + std::to_string(r.gpu_count) + " x " + r.gpu.name;
}

std::string training_summary(const TrainingRequest& r, const TrainingEstimate& e) {
  const char* method = r.method == TrainMethod::kFull    ? "full fine-tune"
                       : r.method == TrainMethod::kQlora ? (r.dora ? "QDoRA" : "QLoRA")
                                                         : (r.dora ? "DoRA" : "LoRA");
  const int gpus = std::max(1, r.data_parallel) * std::max(1, r.tensor_parallel) * std::max(1, r.pipeline_parallel);
  return r.model.name + ", " + method + ", micro-batch " + std::to_string(r.micro_batch) + " x " +
         std::to_string(r.seq_len) + " tokens, " + std::to_string(gpus) + " x " + r.gpu.name + (e.peak == PeakMoment::kNone ? "" : ", peak at " + std::string(peak_moment_name(e.peak)));
}

std::string export_estimate(const InferenceEstimate& e, ExportFormat format, const std::string& summary,
                            const std::string& link, const ExportWords& w) {
  return export_devices(e.devices, format, summary, link, w);
}

std::string export_devices(const std::vector<DeviceUsage>& devices, ExportFormat format, const std::string& summary,
                           const std::string& link, const ExportWords& w) {
  const std::vector<Row> rows = rows_of(devices, w);
  std::string out;
  switch (format) {
    case ExportFormat::kMarkdown: {
      out += "**" + md_cell(w.title) + ":** " + md_cell(summary) + "\n\n";
      out += "| " + w.device + " | " + w.component + " | " + w.size_gb + " | " + w.size_gib + " | " + w.formula + " |\n";
      out += "|---|---|---:|---:|---|\n";
      for (const Row& r : rows)
        out += "| " + md_cell(r.device) + " | " + md_cell(r.component) + " | " + r.gb + " | " + r.gib + " | " +
               md_cell(r.formula) + " |\n";
      out += "\n" + w.made_with + (link.empty() ? "" : ": " + link) + " (GB = 10^9 B, GiB = 2^30 B)\n";
      break;
    }
    case ExportFormat::kCsv: {
      out += csv_cell(w.device) + "," + csv_cell(w.component) + ",bytes," + csv_cell(w.size_gb) + "," +
             csv_cell(w.size_gib) + "," + csv_cell(w.formula) + "," + csv_cell(w.source) + "\r\n";
      for (const auto& d : devices) {
        for (const auto& c : d.components) {
          const std::string name = w.component_name ? w.component_name(c.id) : c.id;
          out += csv_cell(device_name(d, w)) + "," + csv_cell(name) + "," + format_fixed(c.bytes, 0) + "," +
                 format_fixed(c.bytes / 1e9, 3) + "," + format_fixed(c.bytes / 1073741824.0, 3) + "," +
                 csv_cell(w.formula_text ? w.formula_text(c.formula) : c.formula) + "," + csv_cell(c.source) + "\r\n";
        }
        out += csv_cell(device_name(d, w)) + "," + csv_cell(w.total) + "," + format_fixed(d.total_bytes, 0) + "," +
               format_fixed(d.total_bytes / 1e9, 3) + "," + format_fixed(d.total_bytes / 1073741824.0, 3) + ",,\r\n";
      }
      break;
    }
    case ExportFormat::kTable: {
      std::size_t w0 = columns(w.device), w1 = columns(w.component), w2 = columns(w.size_gb), w3 = columns(w.size_gib);
      for (const Row& r : rows) {
        w0 = std::max(w0, columns(r.device));
        w1 = std::max(w1, columns(r.component));
        w2 = std::max(w2, columns(r.gb));
        w3 = std::max(w3, columns(r.gib));
      }
      out += summary + "\n\n";
      out += pad(w.device, w0, false) + "  " + pad(w.component, w1, false) + "  " + pad(w.size_gb, w2, true) + "  " +
             pad(w.size_gib, w3, true) + "  " + w.formula + "\n";
      for (const Row& r : rows)
        out += pad(r.device, w0, false) + "  " + pad(r.component, w1, false) + "  " + pad(r.gb, w2, true) + "  " +
               pad(r.gib, w3, true) + "  " + r.formula + "\n";
      break;
    }
  }
  return out;
}

std::string export_table(const TextTable& t, ExportFormat format, const std::string& summary, const std::string& made_with) {
  const std::size_t n = t.head.size();
  auto right = [&](std::size_t i) { return i < t.right.size() && t.right[i]; };
  auto cell = [](const std::vector<std::string>& row, std::size_t i) { return i < row.size() ? row[i] : std::string(); };
  std::string out;
  switch (format) {
    case ExportFormat::kMarkdown: {
      if (!summary.empty()) out += md_cell(summary) + "\n\n";
      out += "|";
      for (std::size_t i = 0; i < n; ++i) out += " " + md_cell(t.head[i]) + " |";
      out += "\n|";
      for (std::size_t i = 0; i < n; ++i) out += right(i) ? "---:|" : "---|";
      out += "\n";
      for (const auto& row : t.rows) {
        out += "|";
        for (std::size_t i = 0; i < n; ++i) out += " " + md_cell(cell(row, i)) + " |";
        out += "\n";
      }
      if (!made_with.empty()) out += "\n" + made_with + "\n";
      break;
    }
    case ExportFormat::kCsv: {
      for (std::size_t i = 0; i < n; ++i) out += (i ? "," : "") + csv_cell(t.head[i]);
      out += "\r\n";
      for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < n; ++i) out += (i ? "," : "") + csv_cell(cell(row, i));
        out += "\r\n";
      }
      break;
    }
    case ExportFormat::kTable: {
      std::vector<std::size_t> width(n);
      for (std::size_t i = 0; i < n; ++i) width[i] = columns(t.head[i]);
      for (const auto& row : t.rows)
        for (std::size_t i = 0; i < n; ++i) width[i] = std::max(width[i], columns(cell(row, i)));
      auto line = [&](const std::vector<std::string>& row) {
        std::string l;
        for (std::size_t i = 0; i < n; ++i) l += (i ? "  " : "") + pad(cell(row, i), width[i], right(i));
        while (!l.empty() && l.back() == ' ') l.pop_back();
        return l + "\n";
      };
      if (!summary.empty()) out += summary + "\n\n";
      out += line(t.head);
      for (const auto& row : t.rows) out += line(row);
      break;
    }
  }
  return out;
}

std::optional<ExportFormat> export_format_by_name(std::string_view name) {
  if (name == "markdown" || name == "md") return ExportFormat::kMarkdown;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "table") return ExportFormat::kTable;
  return std::nullopt;
}

std::string export_analysis(const Analysis& a, ExportFormat format, const std::string& link) {
  const bool csv = format == ExportFormat::kCsv;
  auto gb = [&](double bytes) { return csv ? format_fixed(bytes, 0) : format_fixed(bytes / 1e9, 2); };
  const std::string unit = csv ? " (bytes)" : " (GB)";
  std::string out;
  if (a.training && a.train_request) {
    out = export_devices(a.train.devices, format, training_summary(*a.train_request, a.train), link);
  } else {
    out = export_estimate(a.estimate, format, request_summary(a.request), link);
  }
  // The limits: what the page's verdict says beside the breakdown.
  TextTable limits;
  limits.head = {"limit", "value"};
  limits.right = {false, true};
  const char* length = a.training ? "largest sequence length that fits" : "largest context that fits";
  const char* batch = a.training ? "largest micro-batch that fits" : "most concurrent sequences that fit";
  limits.rows.push_back({length, format_fixed(a.length_sweep.limit, 0)});
  limits.rows.push_back({batch, format_fixed(a.batch_sweep.limit, 0)});
  if (!a.training) {
    if (a.largest_fitting_context > 0) limits.rows.push_back({"largest context that fits (as asked does not)", std::to_string(a.largest_fitting_context)});
    if (a.gpus_needed > 0) limits.rows.push_back({"GPUs needed", std::to_string(a.gpus_needed)});
  }
  out += "\n" + export_table(limits, format, csv ? "" : "Limits");
  if (!a.formats.empty()) {
    TextTable formats;
    formats.head = {"weights", "busiest device" + unit, "capacity" + unit, "fits"};
    formats.right = {false, true, true, false};
    for (const FormatRow& f : a.formats)
      if (f.valid) formats.rows.push_back({f.format, gb(f.gpu_bytes), gb(f.capacity_bytes), f.fits ? "yes" : "no"});
    out += "\n" + export_table(formats, format, csv ? "" : "Every weight format side by side");
  }
  return out;
}

}  // namespace vramfit
