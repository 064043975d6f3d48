// The page's state: its defaults, the model source its imports make, and recompute(), which hands the
// Scenario to the core's analyze(). No drawing here.
#include <algorithm>

#include "app_state.h"
#include "strings.h"
#include "vramfit/api_json.h"
#include "fit_outcome.h"
#include "../platform/browser.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"

namespace vramfit::web {

int model_index(const Scenario& s) {
  const auto& presets = model_presets();
  const std::string_view id = s.model.empty() ? std::string_view(kDefaultModelId) : std::string_view(s.model);
  for (std::size_t i = 0; i < presets.size(); ++i)
    if (presets[i].id == id) return static_cast<int>(i);
  return 0;
}

int gpu_index(const Scenario& s) {
  if (s.gpu == kCustomGpuId) return kCustomGpu;
  if (s.gpu == kAnyGpuId) return kAnyGpu;
  const auto& gpus = gpu_catalog();
  const std::string id = catalog_id(s);
  for (std::size_t i = 0; i < gpus.size(); ++i)
    if (gpus[i].id == id) return static_cast<int>(i);
  return kCustomGpu;
}

void set_gpu_index(Scenario& s, int index) {
  const auto& gpus = gpu_catalog();
  if (index == kAnyGpu) s.gpu = kAnyGpuId;
  else if (index >= 0 && index < static_cast<int>(gpus.size())) s.gpu = gpus[static_cast<std::size_t>(index)].id == kDefaultGpuId ? "" : gpus[static_cast<std::size_t>(index)].id;
  else s.gpu = kCustomGpuId;
}

// The model the page's inputs name (custom, imported or preset) and, when the reader chose the imported file's
// own weights ("file"), what that file says exactly: a GGUF's tensor bytes, a safetensors checkpoint's format and
// bytes.
ModelSource page_model_source(const AppState& st) {
  const Imported& im = st.imported;
  ModelSource source;
  source.model = current_model(st);
  const bool llama = st.scenario.llama_engine();
  if (llama && st.page.llama_from_file) {
    if (st.page.use_imported && im.model_kind == "gguf" && im.gguf_weights) {
      source.gguf_weights = im.gguf_weights;
      source.gguf_file_type = im.gguf_file_type;
      source.weights_as_stored = true;
    }
  } else if (!llama && st.page.hf_from_file) {
    source.checkpoint_format = im.checkpoint_format;
    source.checkpoint_bytes = im.checkpoint_bytes;
    source.weights_as_stored = true;
  }
  return source;
}

FitModel page_fit_model(const AppState& st) {
  const ModelSource source = page_model_source(st);
  FitModel m;
  m.imported = st.page.use_imported && st.imported.model && st.scenario.arch.empty();
  if (m.imported) m.config_json = st.imported.model_json;
  m.checkpoint_format = source.checkpoint_format;
  m.gguf_weights = source.gguf_weights;
  m.gguf_file_type = source.gguf_file_type;
  m.checkpoint_bytes = source.checkpoint_bytes;
  m.weights_as_stored = source.weights_as_stored;
  return m;
}

void run_fit(AppState& state, FitGoal goal) {
  state.mode.fit_for = state.scenario;
#ifdef __EMSCRIPTEN__
  state.mode.fit_busy = true;
  browser::request_fit(encode_fit_request(state.scenario, goal, page_fit_model(state)));
#else
  const ModelSource source = page_model_source(state);
  take_fit(state, fit(state.scenario, goal, &source));
#endif
}

void copy_export_json(AppState& state) {
#ifdef __EMSCRIPTEN__
  browser::request_export_json(encode_fit_request(state.scenario, FitGoal::kQuality, page_fit_model(state)));
#else
  take_export_json(state, estimate_result_json(state.analysis.request, state.analysis.estimate).c_str());
#endif
}

void take_export_json(AppState& state, const char* text) {
  if (text != nullptr) browser::copy_text(text);
  state.mode.toast = tr(text != nullptr ? T::kCopied : T::kExportFailed);
  state.mode.toast_until = browser::now_seconds() + 2.0;
  state.dirty = true;
}

void take_fit(AppState& state, std::optional<FitResult> answer) {
  state.mode.fit_busy = false;
  if (answer) {
    state.mode.fit = std::move(answer);
  } else {
    FitResult failed;
    failed.notes = {{"fit.module_failed", Severity::kError, "",
                     "Fit mode runs in a second module that could not be loaded; check the connection and try again."}};
    state.mode.fit = std::move(failed);
  }
  state.dirty = true;
}

void recompute(AppState& state) {
  const ModelSource source = page_model_source(state);
  state.analysis = analyze(state.scenario, &source);
  state.fits_view.stale = true;
  state.train_fits_view.stale = true;
  state.dirty = false;
}

}  // namespace vramfit::web
