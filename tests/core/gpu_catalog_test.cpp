#include "vramfit/gpu_catalog.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace vramfit {
namespace {

TEST(GpuCatalog, LoadsEveryEntryWithUniqueIdsAndSources) {
  for (const auto& d : gpu_catalog_diagnostics()) ADD_FAILURE() << d.detail;
  EXPECT_GE(gpu_catalog().size(), 60u);
  std::set<std::string> ids;
  for (const auto& g : gpu_catalog()) {
    EXPECT_TRUE(ids.insert(g.id).second) << "duplicate id " << g.id;
    if (g.memory_bytes == 0) {  // configurable memory (CPU hosts, some Apple chips): the user gives it
      EXPECT_TRUE(g.segment == "cpu" || g.segment == "apple") << g.id;
      continue;
    }
    EXPECT_GT(g.memory_bytes, 1e9) << g.id;
    EXPECT_LT(g.memory_bytes, 4e12) << g.id;
    EXPECT_FALSE(g.source.empty()) << g.id << " has no source for its figures";
    if (g.usable_memory_bytes > 0) { EXPECT_LE(g.usable_memory_bytes, g.memory_bytes * 1.08) << g.id; }
  }
}

// Datasheet figures that anchor the catalog (NVIDIA H100 SXM5: 80 GB HBM3, 3.35 TB/s, 989.4 dense BF16
// TFLOPS; RTX 4090: 24 GB, 1008 GB/s).
TEST(GpuCatalog, AnchorsMatchDatasheets) {
  for (const auto& g : gpu_catalog()) {
    if (g.name.find("4090") != std::string::npos && g.vendor == "NVIDIA" && g.name.find("D") == std::string::npos) {
      EXPECT_NEAR(g.bandwidth_gb_s, 1008, 1) << g.id;
    }
    if (g.id.find("h100") != std::string::npos && g.id.find("sxm") != std::string::npos && g.dense_fp16_tflops > 0) {
      EXPECT_NEAR(g.dense_fp16_tflops, 989.4, 5) << g.id << " should be the dense (not sparse) figure";
    }
  }
}

// An NVIDIA card holds what CUDA reports as its total (torch's total_memory, vLLM's total_gpu_memory), not what
// nvidia-smi or the box says. Printed CUDA totals (docs/research_usable_memory.md 2.1): H100 80GB 81082 MiB (torch),
// A100 80GB 79.32 GiB, H200 139.81 GiB, L40S 44.31 GiB, L4 22.05 GiB, RTX 5090 31.37 GiB, RTX 3090 23.56 GiB (vLLM).
// The rule (nvidia-smi total - 550 MiB) meets each within 150 MiB.
TEST(GpuCatalog, NvidiaCapacityIsWhatCudaReports) {
  constexpr double MiB = 1024.0 * 1024, GiB = 1024 * MiB;
  const std::pair<const char*, double> printed[] = {{"h100-sxm", 81082 * MiB}, {"a100-80gb-sxm", 79.32 * GiB},
                                                    {"h200", 139.81 * GiB},     {"l40s", 44.31 * GiB},
                                                    {"l4", 22.05 * GiB},        {"rtx-5090", 31.37 * GiB},
                                                    {"rtx-3090", 23.56 * GiB}};
  for (const auto& [id, cuda_total] : printed) {
    const GpuEntry* g = find_gpu(id);
    ASSERT_NE(g, nullptr) << id;
    EXPECT_NEAR(g->capacity_bytes() / MiB, cuda_total / MiB, 150) << id;
  }
  // Without a printout: the nominal size less 0.6 GiB. Other vendors and shared memory keep their own figures.
  const GpuEntry* g4060 = find_gpu("rtx-4060");
  ASSERT_NE(g4060, nullptr);
  ASSERT_EQ(g4060->usable_memory_bytes, 0.0);
  EXPECT_NEAR(g4060->capacity_bytes() / GiB, 8 - 0.6, 1e-9);
  for (const GpuEntry& g : gpu_catalog()) {
    if (g.vendor != "NVIDIA" || g.unified_memory) {
      EXPECT_EQ(g.capacity_bytes(), g.usable_memory_bytes > 0 ? g.usable_memory_bytes : g.memory_bytes) << g.id;
    } else if (g.memory_bytes > 0) {
      EXPECT_LT(g.capacity_bytes(), g.memory_bytes) << g.id;
      EXPECT_GT(g.capacity_bytes(), g.memory_bytes * 0.9) << g.id;
    }
  }
}

}  // namespace
}  // namespace vramfit
