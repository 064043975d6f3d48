// The choices the inputs offer, shared by the inputs panel and the side-by-side views that walk the same lists.
#pragma once

namespace vramfit::web {

inline constexpr const char* kLlamaWeights[] = {"Q2_K", "Q3_K_M", "Q4_0", "Q4_K_S", "Q4_K_M", "Q5_K_M", "Q6_K",
                                                "Q8_0", "IQ4_XS", "F16", "BF16", "MXFP4_MOE"};
inline constexpr const char* kHfWeights[] = {"bf16", "fp16", "fp8", "fp8-block", "int8", "nf4", "nf4-dq",
                                             "gptq-4b-g128", "awq-4b-g128", "mxfp4"};
inline constexpr const char* kLlamaKv[] = {"f16", "q8_0", "q4_0", "bf16", "f32"};
inline constexpr const char* kHfKv[] = {"f16", "fp8"};

}  // namespace vramfit::web
