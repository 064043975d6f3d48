#include "vramfit/gpu_catalog.h"

#include <string>

namespace vramfit {

const std::vector<GpuEntry>& gpu_catalog() { return gpu_table().gpus; }
const Diagnostics& gpu_catalog_diagnostics() { return gpu_table().diagnostics; }

const GpuEntry* find_gpu(const std::string& id) {
  for (const auto& g : gpu_catalog())
    if (g.id == id) return &g;
  return nullptr;
}

}  // namespace vramfit
