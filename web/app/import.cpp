// Files the user brings, as the import readers read them (ImportOutcome), taken into AppState::imported. No
// drawing here (shell/files.js, loaded by platform/browser_import.cpp, reads the bytes and runs the import module;
// ui_inputs.cpp shows the result).
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>

#include "../platform/browser.h"
#include "app_state.h"
#include "vramfit/presets.h"
#include "vramfit/share_link.h"

namespace vramfit::web {
namespace {

void take_model(AppState& st, ModelArch model, std::string json, const std::string& file, const char* kind) {
  Imported& im = st.imported;
  if (im.model_kind == "gguf" && std::string_view(kind) != "gguf") im.gguf_weights.reset();
  im.model = std::move(model);
  im.model_json = std::move(json);
  im.model_file = file;
  im.model_kind = kind;
  st.page.use_imported = true;
  st.scenario.gpu_layers = -1;
  leave_custom_arch(st);
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
  st.scenario.hub.clear();  // the link no longer names a Hub model
  st.dirty = true;
}

void request_hub_read(AppState& st) {
  HubReader& h = st.hub;
  std::string repo;
  h.bad_id = !hub_repo_id(std::string(h.input.data()), repo).empty();
  h.ask = false;
  if (h.bad_id || h.busy) return;
  h.repo = repo;
  h.busy = true;
  h.status = 0;
  h.files.clear();
  h.file.clear();
  browser::hub_read(repo, std::string(h.token.data()));
}

void request_hub_file(AppState& st, std::size_t index) {
  HubReader& h = st.hub;
  if (h.busy || index >= h.files.size()) return;
  h.file = h.files[index].name;
  h.busy = true;
  h.status = 0;
  browser::hub_read(h.repo, std::string(h.token.data()), h.file, h.files[index].file_bytes);
}

void hub_begin(AppState& st) {
  clear_import(st);
}

void hub_files(AppState& st, std::string_view list) { st.hub.files = parse_hub_files(list); }

void hub_done(AppState& st, int status, double bytes, double hub_params) {
  HubReader& h = st.hub;
  h.busy = false;
  h.status = status == 300 && h.files.empty() ? 415 : status;
  h.bytes = std::isfinite(bytes) && bytes > 0 ? bytes : 0;
  if (h.file.empty()) h.hub_params = std::isfinite(hub_params) && hub_params > 0 ? hub_params : 0;
  // The token serves this read only: wiped when it ends, unless the user is still to choose a GGUF file.
  if (h.status != 300) std::fill(h.token.begin(), h.token.end(), '\0');
  h.show_token = status == 401 || status == 403;
  if (h.status == 200 && st.imported.model) {
    st.imported.model->name = h.repo;
    st.page.use_imported = true;
    st.scenario.hub = h.repo;
  }
  st.dirty = true;
}

bool holds_hub_model(const AppState& st, const std::string& repo) {
  return !repo.empty() && st.imported.model && st.imported.model->name == repo && st.hub.repo == repo && st.hub.status == 200;
}

void hub_from_link(AppState& st) {
  HubReader& h = st.hub;
  const std::string& repo = st.scenario.hub;
  if (repo.empty() || (st.page.use_imported && holds_hub_model(st, repo))) return;
  std::fill(h.input.begin(), h.input.end(), '\0');
  std::copy_n(repo.begin(), std::min(repo.size(), h.input.size() - 1), h.input.begin());
  h.ask = true;
  h.open = true;
}

double apply_import(AppState& st, ImportOutcome o) {
  Imported& im = st.imported;
  im.busy = o.bytes_needed > 0;
  if (im.busy) return o.bytes_needed;
  im.diagnostics = std::move(o.diagnostics);
  im.summary.insert(im.summary.end(), std::make_move_iterator(o.summary.begin()), std::make_move_iterator(o.summary.end()));
  switch (o.kind) {
    case ImportOutcome::Kind::kNone:
      return 0;
    case ImportOutcome::Kind::kGguf:
      if (!o.model || !o.gguf_weights) return 0;
      im.gguf_weights = std::move(o.gguf_weights);
      im.gguf_file_type = o.gguf_file_type;
      take_model(st, std::move(*o.model), std::move(o.config_json), o.file, "gguf");
      st.page.llama_from_file = true;
      if (st.scenario.engine != EngineChoice::kOllama) st.scenario.engine = EngineChoice::kLlamaCpp;
      break;
    case ImportOutcome::Kind::kSafetensors:
      // Shards dropped together add up; a new single file replaces an index's total.
      im.checkpoint_bytes = (im.checkpoint_file.rfind(".safetensors") != std::string::npos ? im.checkpoint_bytes : 0) +
                            o.checkpoint_bytes;
      im.checkpoint_file = o.file;
      st.page.hf_from_file = true;
      break;
    case ImportOutcome::Kind::kConfig:
      if (!o.model) return 0;
      im.checkpoint_format = o.checkpoint_format;
      take_model(st, std::move(*o.model), std::move(o.config_json), o.file, "config");
      st.show_paste = false;
      // Kept only when the field accepts it, so the link stays valid.
      if (!st.page.hf_from_file) set_field(st.scenario, *field_by_key("hw"), o.checkpoint_format);
      break;
    case ImportOutcome::Kind::kIndex:
      im.checkpoint_bytes = o.checkpoint_bytes;
      im.checkpoint_file = o.file;
      st.page.hf_from_file = true;
      break;
    case ImportOutcome::Kind::kLog:
      // The log's settings go on top of the page's, as a link's do, each through its field's own check (a value a
      // field refuses is left as it was); what the log does not state stays.
      st.scenario = decode_share_query(o.log_query, st.scenario).config;
      im.log_engine = o.file;
      im.log_measured = std::move(o.log_measured);
      st.show_paste = false;
      break;
  }
  st.dirty = true;
  return 0;
}

double apply_import_blob(AppState& st, std::span<const unsigned char> bytes) {
  std::optional<ImportOutcome> o = decode_import(bytes);
  if (!o) {  // only a stale import module from another build can send such bytes
    st.imported.busy = false;
    st.imported.diagnostics = {{"import.module_mismatch", Severity::kError, "",
                                "The file reader does not match this page; reload the page and try again."}};
    return 0;
  }
  return apply_import(st, std::move(*o));
}

void request_config_import(AppState& st, const std::string& text) {
  st.imported.summary.clear();
#ifdef __EMSCRIPTEN__
  st.imported.busy = true;
  browser::read_config_text(text);  // the import module reads it; its outcome comes back through vf_import_result
#else
  import_config_text(st, text);
#endif
}

#ifndef __EMSCRIPTEN__
void import_config_text(AppState& st, const std::string& text) { apply_import(st, read_config_outcome(text)); }

double import_file_bytes(AppState& st, std::span<const unsigned char> prefix, double file_bytes, const std::string& name) {
  return apply_import(st, read_file_outcome(prefix, file_bytes, name));
}
#endif

}  // namespace vramfit::web
