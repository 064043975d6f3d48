// Hugging Face config.json -> ModelArch.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vramfit/diagnostics.h"
#include "vramfit/model.h"

namespace vramfit {

struct ParsedConfig {
  std::optional<ModelArch> model;  // absent when the config cannot describe a model
  std::string checkpoint_format;   // weight format of the published checkpoint: "bf16", "fp8-block", "mxfp4", ...
  Diagnostics diagnostics;
};

// Reads a config.json text (nested text_config of multimodal models included). Never throws; bounded work
// on hostile input (the JSON parser refuses nesting deeper than kMaxJsonDepth).
ParsedConfig parse_hf_config(std::string_view json_text);

inline constexpr int kMaxJsonDepth = 64;

}  // namespace vramfit
