#include "vramfit/ggml_types.h"

#include <gtest/gtest.h>

namespace vramfit {
namespace {

// Bytes per block are the sizeof() of ggml's block structs (ggml-common.h); bits per weight as llama.cpp
// prints them in its quantize tool ("Q4_K_M ... 4.5 bpw" for the q4_K type itself).
TEST(GgmlTypes, BlockGeometryOfCommonTypes) {
  struct Case { const char* name; int id; int block; int bytes; double bpw; };
  const Case cases[] = {
      {"f32", 0, 1, 4, 32.0},     {"f16", 1, 1, 2, 16.0},     {"q4_0", 2, 32, 18, 4.5},
      {"q8_0", 8, 32, 34, 8.5},   {"q2_K", 10, 256, 84, 2.625}, {"q3_K", 11, 256, 110, 3.4375},
      {"q4_K", 12, 256, 144, 4.5}, {"q5_K", 13, 256, 176, 5.5}, {"q6_K", 14, 256, 210, 6.5625},
      {"iq4_xs", 23, 256, 136, 4.25}, {"bf16", 30, 1, 2, 16.0}, {"mxfp4", 39, 32, 17, 4.25},
  };
  for (const auto& c : cases) {
    const auto t = ggml_type_by_name(c.name);
    ASSERT_TRUE(t.has_value()) << c.name;
    EXPECT_EQ(t->id, c.id) << c.name;
    EXPECT_EQ(t->block_elements, c.block) << c.name;
    EXPECT_EQ(t->block_bytes, c.bytes) << c.name;
    EXPECT_DOUBLE_EQ(ggml_bits_per_weight(*t), c.bpw) << c.name;
  }
}

TEST(GgmlTypes, LookupIsCaseInsensitiveAndRejectsUnknown) {
  EXPECT_EQ(ggml_type_by_name("Q4_K")->id, 12);
  EXPECT_FALSE(ggml_type_by_name("q4_2").has_value());
  EXPECT_FALSE(ggml_type_by_id(4).has_value());  // removed Q4_2
  EXPECT_EQ(ggml_type_by_id(20)->name, "iq4_nl");
}

TEST(GgmlTypes, RowBytesRequireWholeBlocks) {
  const auto q4k = *ggml_type_by_name("q4_K");
  EXPECT_EQ(*ggml_row_bytes(q4k, 4096), 16.0 * 144);
  EXPECT_FALSE(ggml_row_bytes(q4k, 4000).has_value());
  EXPECT_FALSE(ggml_row_bytes(q4k, -256).has_value());
}

}  // namespace
}  // namespace vramfit
