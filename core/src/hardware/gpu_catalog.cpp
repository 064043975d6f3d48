#include "vramfit/gpu_catalog.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace vramfit {

const std::vector<GpuEntry>& gpu_catalog() { return gpu_table().gpus; }
const Diagnostics& gpu_catalog_diagnostics() { return gpu_table().diagnostics; }

const GpuEntry* find_gpu(const std::string& id) {
  for (const auto& g : gpu_catalog())
    if (g.id == id) return &g;
  return nullptr;
}

double GpuEntry::capacity_bytes() const {
  if (vendor == "NVIDIA" && !unified_memory && segment != "cpu") {
    if (usable_memory_bytes > 0) return std::max(0.0, usable_memory_bytes - kCudaHiddenBytes);
    if (memory_bytes > 0) return std::max(0.0, memory_bytes - kCudaHiddenNominalBytes);
    return 0;
  }
  return usable_memory_bytes > 0 ? usable_memory_bytes : memory_bytes;
}

SharedMemoryRule shared_memory_rule(const GpuEntry& g) {
  if (g.vendor == "NVIDIA") return SharedMemoryRule::kNvidiaUnified;
  if (g.vendor == "AMD") return SharedMemoryRule::kAmdApu;
  return SharedMemoryRule::kAppleMetal;
}

namespace {

// What each rule tells the user (diagnostic code and text), in SharedMemoryRule's order.
struct SharedMemoryText {
  const char* code;
  const char* detail;
};
constexpr SharedMemoryText kSharedMemoryText[] = {
    {"device.unified_memory",
     "Unified memory: Metal lets the GPU use 2/3 of RAM up to 32 GiB and 3/4 above (RAM - 48 GiB above 192 GiB), as "
     "macOS 13-15 report recommendedMaxWorkingSetSize; macOS 26 allows more (74% below 32 GiB, 78-87% above); "
     "`sudo sysctl iogpu.wired_limit_mb=N` sets it to N MiB."},
    {"device.unified_memory_nvidia",
     "Unified memory: CUDA reports about 95% of the RAM as the GPU's total (121.69 GiB on a DGX Spark); its free "
     "memory is Linux's MemFree, so the page cache and other processes count against it (vLLM users run a GB10 at "
     "about 0.83-0.85 utilization)."},
    {"device.unified_memory_amd",
     "Unified memory (AMD APU): on Linux the GPU's GTT pool is half of RAM unless raised with the kernel parameter "
     "ttm.pages_limit (and amdgpu.gttsize before kernel 7), e.g. to 124 GiB of 128; on Windows, Vulkan offers about "
     "85% of RAM whatever the BIOS carve-out."},
    {"device.unified_memory_macos26",
     "Unified memory (macOS 26): Metal lets the GPU use 74% of RAM below 32 GiB and 78% from 32 GiB, 3 points more "
     "per doubling (81% at 64 GiB, 84% at 128, 87% at 256), as llama.cpp and MLX print recommendedMaxWorkingSetSize "
     "on macOS 26 (14 Macs exact; 96, 192 and 512 GiB unverified; 8 GiB taken as 2/3); `sudo sysctl "
     "iogpu.wired_limit_mb=N` sets it to N MiB."},
};

}  // namespace

double shared_gpu_bytes(SharedMemoryRule rule, double ram_bytes) {
  constexpr double kGiB = 1024.0 * 1024 * 1024;
  const double ram = std::max(0.0, ram_bytes);
  switch (rule) {
    case SharedMemoryRule::kAppleMetal:
      // Metal's default working set as llama.cpp and MLX print it (recommendedMaxWorkingSetSize): 10922.67 MiB on
      // 16 GiB, 21845.34 MiB on 32 GiB, 27 GiB on 36 GiB, 48 GiB on 64 GiB, 208 GiB on 256 GiB, 464 GiB on 512 GiB
      // (docs/research_usable_memory.md, rule A, macOS 13-15).
      return ram <= 32 * kGiB ? ram * 2.0 / 3.0 : std::max(ram * 0.75, ram - 48 * kGiB);
    case SharedMemoryRule::kNvidiaUnified:
      // CUDA's total on a DGX Spark (GB10, 128 GB): 121.69 GiB = 0.951 of the RAM; Jetson AGX Thor 0.953, AGX
      // Orin 64 GB 0.959 (docs/research_usable_memory.md section 4): the lowest of the three.
      return ram * 0.951;
    case SharedMemoryRule::kAppleMetal26: {
      // Rule B of docs/research_usable_memory.md (15 Macs on macOS 26, 14 exact to the printed precision).
      if (ram <= 8 * kGiB) return ram * 2.0 / 3.0;  // no macOS 26 point at 8 GiB: macOS 13-15's 2/3
      if (ram < 32 * kGiB) return ram * 0.74;
      return ram * (0.78 + 0.03 * std::floor(std::log2(ram / (32 * kGiB)) + 1e-9));
    }
    case SharedMemoryRule::kAmdApu:
      // Linux's TTM limit defaults to half of RAM without kernel parameters: dmesg "63968M of GTT memory ready" on
      // 128 GB (docs/research_usable_memory.md section 3).
      return ram * 0.5;
  }
  return 0;
}

SharedMemoryLimit shared_memory_limit(SharedMemoryRule rule, double ram_bytes) {
  const SharedMemoryText& text = kSharedMemoryText[static_cast<std::size_t>(rule)];
  return {shared_gpu_bytes(rule, ram_bytes), {text.code, Severity::kNote, "gpu", text.detail}};
}

}  // namespace vramfit
