#include "vramfit/weight_format.h"

#include <gtest/gtest.h>

namespace vramfit {
namespace {

// Llama-3-8B: 8,030,261,248 parameters; its bf16 safetensors index states total_size 16,060,522,496 bytes.
TEST(WeightFormat, Bf16BytesEqualPublishedCheckpointSize) {
  const auto bf16 = *weight_format_by_id("bf16");
  EXPECT_EQ(weights_bytes(8030261248.0, bf16, 4096), 16060522496.0);
}

// QLoRA (Dettmers et al. 2023) sec. 3: constants cost 32/64 = 0.5 bits/param without double quantisation
// and 8/64 + 32/(64*256) = 0.127 bits/param with it.
TEST(WeightFormat, BitsAndBytesConstantsMatchQloraPaper) {
  EXPECT_DOUBLE_EQ(bits_per_weight(*weight_format_by_id("nf4"), 4096), 4.5);
  EXPECT_NEAR(bits_per_weight(*weight_format_by_id("nf4-dq"), 4096) - 4.0, 0.127, 0.0005);
}

// Article 2 (SEEDS.md): 7B weights are 28 GB in fp32, 14 GB in fp16, 7 GB in int8 (GB = 1e9 bytes).
TEST(WeightFormat, SeedArticleSevenBillionExamples) {
  EXPECT_DOUBLE_EQ(weights_bytes(7e9, *weight_format_by_id("fp32"), 4096), 28e9);
  EXPECT_DOUBLE_EQ(weights_bytes(7e9, *weight_format_by_id("fp16"), 4096), 14e9);
  // LLM.int8 adds one fp32 scale per output row: 7 GB plus 32/4096 bits per weight.
  EXPECT_NEAR(weights_bytes(7e9, *weight_format_by_id("int8"), 4096), 7e9 * (1 + 4.0 / 4096), 1.0);
}

TEST(WeightFormat, GgmlTypesAreFormatsToo) {
  const auto q4k = weight_format_by_id("q4_K");
  ASSERT_TRUE(q4k.has_value());
  EXPECT_DOUBLE_EQ(bits_per_weight(*q4k, 4096), 4.5);
  EXPECT_FALSE(weight_format_by_id("q8_K").has_value());  // an intermediate type, never stored
  EXPECT_FALSE(weight_format_by_id("nope").has_value());
}

TEST(WeightFormat, EveryFormatHasPositiveBitsAndASource) {
  for (const auto& f : weight_formats()) {
    EXPECT_GT(bits_per_weight(f, 4096), 1.0) << f.id;
    EXPECT_LE(bits_per_weight(f, 4096), 32.0) << f.id;
    EXPECT_FALSE(f.source.empty()) << f.id;
  }
}

}  // namespace
}  // namespace vramfit
