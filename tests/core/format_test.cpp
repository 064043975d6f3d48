#include "vramfit/format.h"

#include <gtest/gtest.h>

#include <limits>

namespace vramfit {
namespace {

TEST(Format, BytesInEachUnit) {
  EXPECT_EQ(format_bytes(16060522496.0, ByteUnit::kGB), "16.06 GB");
  EXPECT_EQ(format_bytes(16060522496.0, ByteUnit::kGiB), "14.96 GiB");
  // llama.cpp prints "3891.24 MiB"-style figures.
  EXPECT_EQ(format_bytes(3891.24 * 1048576.0, ByteUnit::kMiB), "3891.24 MiB");
}

TEST(Format, NeverPrintsNanOrNegativeZero) {
  EXPECT_EQ(format_bytes(std::numeric_limits<double>::quiet_NaN(), ByteUnit::kGB), "n/a");
  EXPECT_EQ(format_fixed(std::numeric_limits<double>::infinity(), 2), "n/a");
  EXPECT_EQ(format_fixed(-0.001, 2), "0.00");
}

TEST(Format, Params) {
  EXPECT_EQ(format_params(8030261248.0), "8.03B");
  EXPECT_EQ(format_params(494032768.0), "494M");
  EXPECT_EQ(format_params(1.54e12), "1.54T");
}

}  // namespace
}  // namespace vramfit
