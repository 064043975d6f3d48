// The hardware catalog: assets/gpus.json, embedded at build time. Figures without a source are absent
// (NaN here, "unknown" on screen), never guessed.
#pragma once

#include <string>
#include <vector>

#include "vramfit/diagnostics.h"

namespace vramfit {

struct GpuEntry {
  std::string id;
  std::string name;
  std::string vendor;
  std::string segment;              // consumer | workstation | datacenter | apple | cpu
  double memory_bytes = 0;          // as the vendor states it
  double usable_memory_bytes = 0;   // as the driver reports it, when known (else 0)
  std::string memory_type;
  double bandwidth_gb_s = 0;
  double dense_fp16_tflops = 0;     // dense (no sparsity); 0 = unknown
  double dense_fp8_tflops = 0;
  double tdp_w = 0;
  double price_usd = 0;
  std::string price_kind;           // "launch MSRP", "cloud $/h", ...
  std::string price_date;
  int launch_year = 0;
  bool unified_memory = false;
  std::string source;               // the memory/bandwidth sources, joined

  // What an estimate should assume the device can hold: the driver-reported size when known.
  double capacity_bytes() const { return usable_memory_bytes > 0 ? usable_memory_bytes : memory_bytes; }
  bool operator==(const GpuEntry&) const = default;
};

struct GpuTable {
  std::vector<GpuEntry> gpus;
  Diagnostics diagnostics;
  bool operator==(const GpuTable&) const = default;
};
// The catalog as loaded: from assets/gpus.json in the core (gpu_catalog_json.cpp). The page links its own
// definition, which reads the binary form made at build time (web/app/catalog_blob.cpp), so it carries no JSON
// parser. gpu_catalog() and the rest read this.
const GpuTable& gpu_table();

const std::vector<GpuEntry>& gpu_catalog();
const Diagnostics& gpu_catalog_diagnostics();
const GpuEntry* find_gpu(const std::string& id);

}  // namespace vramfit
