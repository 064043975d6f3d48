#include "vramfit/catalog_blob.h"

#include "vramfit/blob_fields.h"

namespace vramfit {
namespace {

constexpr std::string_view kMagic = "VFCB";
constexpr int kVersion = 1;

}  // namespace

std::string write_catalog_blob(const PresetTable& presets, const GpuTable& gpus, const AccuracyTable& accuracy) {
  blob::Writer w;
  w(std::string(kMagic), kVersion, presets, gpus, accuracy);
  return w.bytes();
}

std::optional<CatalogBlob> read_catalog_blob(std::string_view bytes) {
  blob::Reader r(bytes);
  std::string magic;
  int version = 0;
  r(magic, version);
  if (!r.ok() || magic != kMagic || version != kVersion) return std::nullopt;
  CatalogBlob c;
  r(c.presets, c.gpus, c.accuracy);
  if (!r.done()) return std::nullopt;
  return c;
}

}  // namespace vramfit
