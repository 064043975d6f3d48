// The page's catalogs: the binary form a build step wrote from assets/*.json (web/tools/dump_catalog.cpp),
// compiled in as kCatalogBlob. These definitions of preset_table(), gpu_table() and accuracy_table() take the
// place of the core's JSON-reading ones (presets_json.cpp, gpu_catalog_json.cpp, accuracy_json.cpp), which the
// page therefore never links: its first visit carries no JSON parser and no config.json reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vramfit/catalog_blob.h"

extern const std::uint8_t kCatalogBlob[];
extern const std::size_t kCatalogBlob_size;

namespace vramfit {
namespace {

const CatalogBlob& catalog() {
  static const CatalogBlob c = [] {
    auto read = read_catalog_blob(std::string_view(reinterpret_cast<const char*>(kCatalogBlob), kCatalogBlob_size));
    if (read) return std::move(*read);
    CatalogBlob bad;  // cannot happen with a blob of this build; said, not crashed on
    bad.presets.diagnostics.push_back({"presets.bad_file", Severity::kError, "", "The built-in model catalog could not be read."});
    bad.gpus.diagnostics.push_back({"catalog.bad_file", Severity::kError, "", "The built-in GPU catalog could not be read."});
    return bad;
  }();
  return c;
}

}  // namespace

const PresetTable& preset_table() { return catalog().presets; }
const GpuTable& gpu_table() { return catalog().gpus; }
const AccuracyTable& accuracy_table() { return catalog().accuracy; }

}  // namespace vramfit
