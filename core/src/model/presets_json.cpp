// The model presets read from assets/models.json (embedded at build time) through the config.json reader: the
// core's definition of preset_table(). The page links web/app/catalog_blob.cpp instead.
#include "vramfit/presets.h"

#include <cstddef>
#include <cstdint>

#include "base/json_util.h"
#include "vramfit/hf_config.h"

extern const std::uint8_t kModelsJson[];
extern const std::size_t kModelsJson_size;

namespace vramfit {
namespace {

PresetTable load() {
  PresetTable table;
  const std::string_view text(reinterpret_cast<const char*>(kModelsJson), kModelsJson_size);
  const auto root = json_util::parse(text);
  if (!root.is_array()) {
    table.diagnostics.push_back({"presets.bad_file", Severity::kError, "", "assets/models.json is not a JSON array."});
    return table;
  }
  for (const auto& entry : root) {
    ModelPreset p;
    p.id = json_util::string(entry, "id").value_or("");
    p.name = json_util::string(entry, "name").value_or(p.id);
    p.family = json_util::string(entry, "family").value_or("");
    p.config_source = json_util::string(entry, "config_source").value_or("");
    p.official_params = json_util::number(entry, "official_params").value_or(0);
    p.official_params_exact = json_util::boolean(entry, "official_params_exact").value_or(false);
    p.official_params_size_class = json_util::string(entry, "official_params_precision").value_or("") == "size_class";
    p.official_params_not_resident = json_util::number(entry, "official_params_not_resident").value_or(0);
    p.official_params_source = json_util::string(entry, "official_params_source").value_or("");
    const auto* config = json_util::find(entry, "config");
    if (config == nullptr) continue;
    ParsedConfig parsed = parse_hf_config(config->dump());
    if (!parsed.model) {
      for (auto d : parsed.diagnostics) {
        d.detail = p.id + ": " + d.detail;
        table.diagnostics.push_back(std::move(d));
      }
      continue;
    }
    p.arch = std::move(*parsed.model);
    p.arch.name = p.name;
    p.checkpoint_format = parsed.checkpoint_format;
    table.presets.push_back(std::move(p));
  }
  return table;
}

}  // namespace

const PresetTable& preset_table() {
  static const PresetTable t = load();
  return t;
}

}  // namespace vramfit
