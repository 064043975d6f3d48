#include "vramfit/presets.h"

namespace vramfit {

const std::vector<ModelPreset>& model_presets() { return preset_table().presets; }
const Diagnostics& preset_diagnostics() { return preset_table().diagnostics; }

const ModelPreset* find_preset(std::string_view id) {
  for (const auto& p : model_presets())
    if (p.id == id || p.name == id) return &p;
  return nullptr;
}

}  // namespace vramfit
