// The catalogs (model presets, GPUs, accuracy summaries) in blob.h's binary form. A build step writes them from
// the core's JSON-read tables (web/tools/dump_catalog.cpp); the page reads them back (web/app/catalog_blob.cpp)
// and so carries neither the JSON parser nor the config.json reader on its first visit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vramfit/accuracy.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"

namespace vramfit {

struct CatalogBlob {
  PresetTable presets;
  GpuTable gpus;
  AccuracyTable accuracy;
};

// "VFCB", the format version, then the three tables.
std::string write_catalog_blob(const PresetTable& presets, const GpuTable& gpus, const AccuracyTable& accuracy);
// Absent when the bytes are not a whole catalog of this version.
std::optional<CatalogBlob> read_catalog_blob(std::string_view bytes);

}  // namespace vramfit
