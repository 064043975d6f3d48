// The page's state: its defaults, the model source its imports make, and recompute(), which hands the
// Scenario to the core's analyze(). No drawing here.
#include <algorithm>

#include "app_state.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"

namespace vramfit::web {

// Defaults a first-time visitor sees: a popular 8B model on the most common 24 GB card (share_link.h).
void apply_defaults(Inputs& in) {
  if (in.model_index < 0) {
    const auto& presets = model_presets();
    in.model_index = 0;
    for (std::size_t i = 0; i < presets.size(); ++i)
      if (presets[i].id == kDefaultModelId) in.model_index = static_cast<int>(i);
  }
  if (in.gpu_index == -2) {
    in.gpu_index = -1;
    const auto& gpus = gpu_catalog();
    for (std::size_t i = 0; i < gpus.size(); ++i)
      if (gpus[i].id == kDefaultGpuId) in.gpu_index = static_cast<int>(i);
  }
}

// The model the page's inputs name (custom, imported or preset) and, when the reader chose the imported file's
// own weights ("file"), what that file says exactly: a GGUF's tensor bytes, a safetensors checkpoint's format and
// bytes.
ModelSource page_model_source(const AppState& st) {
  const Inputs& in = st.inputs;
  const Imported& im = st.imported;
  ModelSource source;
  source.model = current_model(st);
  const bool llama = in.engine == EngineChoice::kLlamaCpp || in.engine == EngineChoice::kOllama;
  if (llama && in.llama_weights == kFromFile) {
    if (in.use_imported && im.model_kind == "gguf" && im.gguf_weights) {
      source.gguf_weights = im.gguf_weights;
      source.gguf_file_type = im.gguf_file_type;
      source.weights_as_stored = true;
    }
  } else if (!llama && in.hf_weights == kFromFile) {
    source.checkpoint_format = im.checkpoint_format;
    source.checkpoint_bytes = im.checkpoint_bytes;
    source.weights_as_stored = true;
  }
  return source;
}

void recompute(AppState& state) {
  apply_defaults(state.inputs);
  const ModelSource source = page_model_source(state);
  state.analysis = analyze(share_config(state), &source);
  state.fits_view.stale = true;
  state.train_fits_view.stale = true;
  state.dirty = false;
}

}  // namespace vramfit::web
