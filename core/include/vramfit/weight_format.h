// Weight storage formats: how many bits one weight costs on the device, scales and zero-points included.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace vramfit {

enum class WeightFormatKind { kFloat, kInteger, kBitsAndBytes, kGptq, kAwq, kMx, kGgml };

struct WeightFormatInfo {
  std::string_view id;             // stable key used in requests and share links: "bf16", "nf4-dq", "q4_K"
  std::string_view label;          // short display label
  WeightFormatKind kind;
  double data_bits;                // bits of the quantised value itself
  int group_size;                  // weights sharing one scale (0: none)
  double group_overhead_bits;      // scale/zero-point bits per group
  double row_overhead_bits;        // bits per output row (per-row scales), amortised over the row length
  std::string_view source;         // where the layout is defined
};

std::span<const WeightFormatInfo> weight_formats();
std::optional<WeightFormatInfo> weight_format_by_id(std::string_view id);

// Effective bits per weight for a matrix whose rows hold `row_elements` weights.
double bits_per_weight(const WeightFormatInfo& format, double row_elements);

// Bytes of `params` weights stored in `format`, for matrices with rows of `row_elements` weights
// (the hidden size is a good stand-in when only a parameter count is known).
double weights_bytes(double params, const WeightFormatInfo& format, double row_elements);

}  // namespace vramfit
