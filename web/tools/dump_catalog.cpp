// Writes the page's catalogs (model presets, GPUs, accuracy summaries) in blob.h's binary form, from the core's
// tables as read from assets/*.json, so the page reads them without a JSON parser (web/app/catalog_blob.cpp).
// Built with em++ and run by Node at build time. Usage: node dump_catalog.js OUT.bin
#include <cstdio>
#include <string>

#include "vramfit/catalog_blob.h"

int main(int argc, char** argv) {
  using namespace vramfit;
  if (argc != 2) {
    std::fprintf(stderr, "usage: dump_catalog OUT.bin\n");
    return 2;
  }
  for (const Diagnostics* d : {&preset_table().diagnostics, &gpu_table().diagnostics})
    for (const Diagnostic& x : *d)
      if (x.severity == Severity::kError) {
        std::fprintf(stderr, "dump_catalog: %s: %s\n", x.code.c_str(), x.detail.c_str());
        return 1;
      }
  // The page shows no GPU's source text (its tooltips cite the components' formulas): the GPUs' sources stay in
  // assets/gpus.json, the JS API's gpus(), the command line and Python, and cost the first visit nothing (7 KB
  // gzip with 129 entries).
  GpuTable gpus = gpu_table();
  for (GpuEntry& g : gpus.gpus) g.source.clear();
  const std::string out = write_catalog_blob(preset_table(), gpus, accuracy_table());
  std::FILE* f = std::fopen(argv[1], "wb");
  if (f == nullptr || std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "dump_catalog: could not write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
