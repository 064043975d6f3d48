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

}  // namespace
}  // namespace vramfit
