// The hardware catalog: assets/gpus.json, embedded at build time. Figures without a source are absent
// (NaN here, "unknown" on screen), never guessed.
#pragma once

#include <cstdint>
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
  double cloud_usd_per_hour = 0;    // on-demand rent per GPU-hour, the median over providers (0 unknown)
  double cloud_low = 0, cloud_high = 0;  // the range of the providers' figures
  int cloud_providers = 0;
  std::string cloud_date;           // "2026-11": the latest figure's month
  int launch_year = 0;
  bool unified_memory = false;
  std::string source;               // the memory/bandwidth sources, joined

  // What an estimate should assume the device can hold. NVIDIA cards: the total CUDA reports (what torch, vLLM
  // and llama.cpp see), nvidia-smi's total less kCudaHiddenBytes, or the nominal size less kCudaHiddenNominalBytes
  // where no printout was found. Others: the driver-reported size when known, else the nominal one.
  double capacity_bytes() const;
  bool operator==(const GpuEntry&) const = default;
};

// How much of a shared-memory machine's RAM its GPU may hold by default (docs/research_usable_memory.md has the
// data points and sources). Chosen by the catalog entry's vendor; a custom GPU marked unified is read as a Mac.
enum class SharedMemoryRule : std::uint8_t {
  kAppleMetal,     // Metal's recommendedMaxWorkingSetSize (macOS 13-15): 2/3 of RAM up to 32 GiB, then
                   // max(3/4 of RAM, RAM - 48 GiB); 18 logged Macs from 8 to 512 GB, exact
  kNvidiaUnified,  // DGX Spark (GB10), Jetson: what CUDA reports as total, 0.951 of the RAM (GB10 121.69 GiB)
  kAmdApu,         // Strix Halo on Linux without kernel parameters: the GTT pool, half of RAM
  kAppleMetal26,   // macOS 26 (Tahoe): 74% of RAM below 32 GiB, then 78% + 3% per doubling above 32 GiB (2/3 at 8 GiB)
};
// The rule on the macOS the user runs: macOS 26 raised Metal's default working set (rule B).
inline SharedMemoryRule rule_on_macos(SharedMemoryRule rule, bool macos_26) {
  return rule == SharedMemoryRule::kAppleMetal && macos_26 ? SharedMemoryRule::kAppleMetal26 : rule;
}
SharedMemoryRule shared_memory_rule(const GpuEntry& g);
struct SharedMemoryLimit {
  double gpu_bytes = 0;  // what the GPU may hold
  Diagnostic note;       // the rule, its source and how users raise it (code device.unified_memory)
};
SharedMemoryLimit shared_memory_limit(SharedMemoryRule rule, double ram_bytes);
// The bytes alone (no note), for the searches that ask it many times (what_fits).
double shared_gpu_bytes(SharedMemoryRule rule, double ram_bytes);

// CUDA's total (cudaMemGetInfo, torch's total_memory, vLLM's total_gpu_memory) is smaller than nvidia-smi's on
// recent drivers: 451-698 MiB over 12 paired printouts (H100 81559 MiB in nvidia-smi, 81082 MiB in torch; A100
// 80GB 696 MiB; RTX 5090 484-494 MiB; RTX 3090 451 MiB; L4 455 MiB; H200 606-698 MiB), median 550 MiB; against the
// nominal size, nominal - 0.6 GiB fits 11 GPUs within 0.21 GiB (docs/research_usable_memory.md, section 2.2).
inline constexpr double kCudaHiddenBytes = 550.0 * 1024 * 1024;
inline constexpr double kCudaHiddenNominalBytes = 0.6 * 1024 * 1024 * 1024;

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
