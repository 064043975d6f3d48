// Model presets: assets/models.json, embedded at build time, each with its source and official count.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/model.h"

namespace vramfit {

struct ModelPreset {
  std::string id;                 // Hugging Face repo id
  std::string name;               // display name
  std::string family;
  std::string config_source;      // URL of the config.json the architecture was read from
  double official_params = 0;     // the publisher's count
  bool official_params_exact = false;
  bool official_params_size_class = false;  // only a size class is published ("56B"): a coarse check
  double official_params_not_resident = 0;  // in the official count but not in the text model (vision tower,
                                            // a duplicate of a tied lm_head); see the preset's notes
  std::string official_params_source;
  std::string checkpoint_format;  // "bf16", "mxfp4", "fp8-block", ...
  ModelArch arch;
  bool operator==(const ModelPreset&) const = default;
};

struct PresetTable {
  std::vector<ModelPreset> presets;
  Diagnostics diagnostics;
  bool operator==(const PresetTable&) const = default;
};
// The catalog as loaded: from assets/models.json in the core (presets_json.cpp). The page links its own
// definition, which reads the binary form made at build time (web/app/catalog_blob.cpp), so it carries no JSON
// parser. model_presets() and the rest read this.
const PresetTable& preset_table();

// All presets that parse; a preset whose config fails to parse is reported in preset_diagnostics().
const std::vector<ModelPreset>& model_presets();
const Diagnostics& preset_diagnostics();
const ModelPreset* find_preset(std::string_view id);

}  // namespace vramfit
