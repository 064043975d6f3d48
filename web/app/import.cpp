// Files the user brings: read through the core's parsers into AppState::imported. No drawing, no browser
// calls here (browser.cpp reads the bytes; ui_inputs.cpp shows the result).
#include <algorithm>
#include <string_view>

#include "app_state.h"
#include "strings.h"
#include "vramfit/format.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/hf_config.h"
#include "vramfit/import.h"
#include "vramfit/presets.h"
#include "vramfit/safetensors.h"

namespace vramfit::web {
namespace {

std::string params_text(const ModelArch& m) { return format_params(count_params(m).total()); }

void take_model(AppState& st, ModelArch model, const std::string& file, const char* kind) {
  Imported& im = st.imported;
  if (im.model_kind == "gguf" && std::string_view(kind) != "gguf") im.gguf_weights.reset();
  im.model = std::move(model);
  im.model_file = file;
  im.model_kind = kind;
  st.page.use_imported = true;
  st.scenario.gpu_layers = -1;
  leave_custom_arch(st);
}

// A config.json read: the model, and its checkpoint format as the weights of vLLM and transformers.
void take_config(AppState& st, ParsedConfig parsed) {
  Imported& im = st.imported;
  im.diagnostics = parsed.diagnostics;
  if (!parsed.model) return;
  im.checkpoint_format = parsed.checkpoint_format;
  im.summary.push_back({static_cast<int>(T::kSummaryConfig), {parsed.model->name, params_text(*parsed.model), parsed.checkpoint_format}});
  take_model(st, std::move(*parsed.model), "config.json", "config");
  // Kept only when the field accepts it, so the link stays valid.
  if (!st.page.hf_from_file) set_field(st.scenario, *field_by_key("hw"), parsed.checkpoint_format);
  st.dirty = true;
}

}  // namespace

const ModelArch& current_model(const AppState& st) {
  if (!st.scenario.arch.empty() && st.custom.model) return *st.custom.model;
  if (st.page.use_imported && st.imported.model) return *st.imported.model;
  const auto& presets = model_presets();
  static const ModelArch kNone{};
  if (presets.empty()) return kNone;
  const int i = std::clamp(model_index(st.scenario), 0, static_cast<int>(presets.size()) - 1);
  return presets[static_cast<std::size_t>(i)].arch;
}

void set_custom_arch(AppState& st, const CustomArch& arch) {
  CustomEditor& ed = st.custom;
  ed.fields = arch;
  ParsedConfig built = custom_model(arch);
  ed.diagnostics = std::move(built.diagnostics);
  if (!built.model) return;
  ed.model = std::move(built.model);
  st.scenario.arch = encode_custom_arch(arch);
  st.page = PageInputs{};  // the imported file's own weights no longer describe the model
  st.dirty = true;
}

void leave_custom_arch(AppState& st) {
  st.scenario.arch.clear();
  st.custom.open = false;
  st.custom.model.reset();
  st.dirty = true;
}

void toggle_custom_editor(AppState& st) {
  CustomEditor& ed = st.custom;
  ed.open = !ed.open;
  if (!ed.open || !st.scenario.arch.empty()) return;
  const ModelArch& m = current_model(st);
  ed.fields = custom_arch_from_model(m);
  ed.diagnostics.clear();
  const auto& presets = model_presets();
  const bool imported = st.page.use_imported && st.imported.model;
  const int i = std::clamp(model_index(st.scenario), 0, std::max(0, static_cast<int>(presets.size()) - 1));
  ed.approximates.clear();
  if (custom_arch_approximates(m)) ed.approximates = imported || presets.empty() ? m.name : presets[static_cast<std::size_t>(i)].name;
}

void clear_import(AppState& st) {
  st.imported = Imported{};
  st.page = PageInputs{};
  st.dirty = true;
}

void import_config_text(AppState& st, const std::string& text) { take_config(st, parse_hf_config(text)); }

double import_file_bytes(AppState& st, std::span<const unsigned char> prefix, double file_bytes, const std::string& name) {
  Imported& im = st.imported;
  im.busy = false;
  ImportRead r = read_import(prefix, file_bytes);
  if (r.status == ReadStatus::kNeedMoreBytes) {
    im.busy = true;
    return r.bytes_needed;
  }
  if (r.gguf) {
    GgufFile& f = *r.gguf;
    im.diagnostics = f.diagnostics;
    if (!f.model || !f.weights) return 0;
    im.gguf_weights = f.weights;
    im.gguf_file_type = f.file_type_name;
    im.summary.push_back({static_cast<int>(T::kSummaryGguf),
                          {name, f.architecture, f.file_type_name.empty() ? "?" : f.file_type_name, std::to_string(f.tensors.size()),
                           format_params(f.elements), format_bytes(f.data_bytes, ByteUnit::kGB)}});
    take_model(st, std::move(*f.model), name, "gguf");
    st.page.llama_from_file = true;
    if (st.scenario.engine != EngineChoice::kOllama) st.scenario.engine = EngineChoice::kLlamaCpp;
  } else if (r.safetensors) {
    const SafetensorsFile& f = *r.safetensors;
    im.diagnostics = f.diagnostics;
    if (f.status != ReadStatus::kOk) return 0;
    // Shards dropped together add up; a new single file replaces an index's total.
    im.checkpoint_bytes = (im.checkpoint_file.rfind(".safetensors") != std::string::npos ? im.checkpoint_bytes : 0) + f.data_bytes;
    im.checkpoint_file = name;
    std::string dtypes;
    for (const auto& d : f.by_dtype) dtypes += (dtypes.empty() ? "" : ", ") + d.dtype + " " + format_params(d.elements);
    im.summary.push_back({static_cast<int>(T::kSummarySafetensors),
                          {name, std::to_string(static_cast<long long>(f.tensors)), dtypes, format_bytes(f.data_bytes, ByteUnit::kGB)}});
    st.page.hf_from_file = true;
  } else if (r.config) {
    take_config(st, std::move(*r.config));
  } else if (r.index) {
    const SafetensorsIndex& x = *r.index;
    im.diagnostics = x.diagnostics;
    if (!x.ok) return 0;
    im.checkpoint_bytes = x.total_size;
    im.checkpoint_file = name;
    im.summary.push_back({static_cast<int>(T::kSummaryIndex),
                          {name, std::to_string(static_cast<long long>(x.tensors)), std::to_string(static_cast<long long>(x.shards)),
                           format_bytes(x.total_size, ByteUnit::kGB)}});
    st.page.hf_from_file = true;
  } else {
    im.diagnostics = r.diagnostics;
    return 0;
  }
  st.dirty = true;
  return 0;
}

}  // namespace vramfit::web
