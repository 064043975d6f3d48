#include "vramfit/weight_format.h"

#include <string>
#include <vector>

#include "vramfit/ggml_types.h"

namespace vramfit {
namespace {

using K = WeightFormatKind;

// Formats other than ggml's. Each layout is read from the format's definition (cited per row).
constexpr WeightFormatInfo kFormats[] = {
    {"fp32", "FP32", K::kFloat, 32, 0, 0, 0, "IEEE 754 binary32"},
    {"fp16", "FP16", K::kFloat, 16, 0, 0, 0, "IEEE 754 binary16"},
    {"bf16", "BF16", K::kFloat, 16, 0, 0, 0, "bfloat16 (1 sign, 8 exponent, 7 mantissa bits)"},
    // One fp32 scale per tensor: negligible per weight.
    {"fp8", "FP8 (E4M3)", K::kFloat, 8, 0, 0, 0, "OCP FP8 E4M3, per-tensor scale (vLLM/compressed-tensors)"},
    // DeepSeek-V3 checkpoints: one fp32 scale per 128x128 block (weight_scale_inv).
    {"fp8-block", "FP8 (128x128 blocks)", K::kFloat, 8, 128 * 128, 32, 0,
     "DeepSeek-V3 config.json quantization_config weight_block_size [128, 128]"},
    // bitsandbytes Int8Params: int8 weights plus one fp32 scale (SCB) per output row.
    {"int8", "INT8 (LLM.int8)", K::kBitsAndBytes, 8, 0, 0, 32,
     "Dettmers et al. 2022, LLM.int8(); bitsandbytes Int8Params.SCB (fp32 per row)"},
    // bitsandbytes 4-bit: blocksize 64 with an fp32 absmax per block (QLoRA section 3).
    {"nf4", "NF4", K::kBitsAndBytes, 4, 64, 32, 0, "Dettmers et al. 2023 (QLoRA) sec. 3: 32/64 = 0.5 bits/param of constants"},
    {"fp4", "FP4 (bnb)", K::kBitsAndBytes, 4, 64, 32, 0, "bitsandbytes quant_type='fp4', blocksize 64, fp32 absmax"},
    // Double quantisation: 8-bit absmax per 64 weights plus one fp32 per 256 absmax blocks:
    // 8/64 + 32/(64*256) = 0.127 bits/param (QLoRA sec. 3, "Double Quantization").
    {"nf4-dq", "NF4 + double quant", K::kBitsAndBytes, 4, 64, 8.0 + 32.0 / 256.0, 0,
     "Dettmers et al. 2023 (QLoRA) sec. 3: 8/64 + 32/(64*256) = 0.127 bits/param"},
    {"fp4-dq", "FP4 + double quant", K::kBitsAndBytes, 4, 64, 8.0 + 32.0 / 256.0, 0,
     "bitsandbytes quant_type='fp4' with compress_statistics=True"},
    // GPTQ (AutoGPTQ/Optimum packing): 4-bit qweight, per group an fp16 scale and a 4-bit packed zero,
    // and g_idx: one int32 per input channel, amortised over the output rows.
    {"gptq-4b-g128", "GPTQ 4-bit g128", K::kGptq, 4, 128, 16 + 4, 32,
     "Frantar et al. 2023; AutoGPTQ QuantLinear buffers qweight, qzeros, scales (fp16), g_idx (int32)"},
    {"gptq-8b-g128", "GPTQ 8-bit g128", K::kGptq, 8, 128, 16 + 8, 32, "AutoGPTQ QuantLinear, bits=8"},
    // AWQ (AutoAWQ GEMM): 4-bit qweight, per group an fp16 scale and a 4-bit packed zero.
    {"awq-4b-g128", "AWQ 4-bit g128", K::kAwq, 4, 128, 16 + 4, 0, "Lin et al. 2024; AutoAWQ WQLinear_GEMM qweight, qzeros, scales"},
    // OCP Microscaling: blocks of 32 fp4 (e2m1) values sharing one e8m0 scale (gpt-oss experts).
    {"mxfp4", "MXFP4", K::kMx, 4, 32, 8, 0, "OCP Microscaling Formats (MX) v1.0: 32 x E2M1 + E8M0 scale"},
    // compressed-tensors (llm-compressor, RedHatAI/neuralmagic checkpoints), vllm-project/compressed-tensors
    // 0.18.0. Scales take the dtype of the weight they quantise (bf16 for these checkpoints: 16 bits) unless
    // scale_dtype says otherwise (quantization/lifecycle/initialize.py, initialize_qparams); a zero point is
    // stored only for asymmetric schemes, packed to num_bits (compressors/pack_quantized/base.py).
    // Per-tensor constants (weight_shape, a global scale) are negligible per weight.
    // FP8_DYNAMIC preset (quantization/quant_scheme.py): fp8 e4m3 weights, one scale per output row.
    {"fp8-channel", "FP8 (per-channel)", K::kFloat, 8, 0, 0, 16,
     "compressed-tensors 0.18.0 quant_scheme.py FP8_DYNAMIC; initialize.py CHANNEL scale (rows, 1) in bf16"},
    // W8A8 / INT8 preset: int8 weights (int-quantized), one scale per output row.
    {"int8-channel", "INT8 (per-channel)", K::kInteger, 8, 0, 0, 16,
     "compressed-tensors 0.18.0 quant_scheme.py INT8_W8A8 (CHANNEL, symmetric); int8 weight + (rows, 1) bf16 scale"},
    // W4A16 preset (_int_wnam(4)): 4-bit values packed 8 per int32 (weight_packed), one bf16 scale per group
    // of 128, no zero point: 4 + 16/128 = 4.125 bits.
    {"int4-g128", "INT4 g128 (symmetric)", K::kInteger, 4, 128, 16, 0,
     "compressed-tensors 0.18.0 quant_scheme.py W4A16; pack_quantized/base.py weight_packed + weight_scale"},
    // W4A16_ASYM preset: as W4A16 plus a 4-bit zero point per group, packed into int32: 4 + 20/128 bits.
    {"int4-asym-g128", "INT4 g128 (asymmetric)", K::kInteger, 4, 128, 16 + 4, 0,
     "compressed-tensors 0.18.0 quant_scheme.py W4A16_ASYM; pack_quantized/base.py packed weight_zero_point"},
    // Group 32 W4A16 (moonshotai/Kimi-K2-Thinking's routed experts): 4 + 16/32 = 4.5 bits.
    {"int4-g32", "INT4 g32 (symmetric)", K::kInteger, 4, 32, 16, 0,
     "compressed-tensors 0.18.0 pack_quantized/base.py, group_size 32, bf16 scale per group"},
    // W8A16 preset (_int_wnam(8)): 8-bit values packed 4 per int32, one bf16 scale per group of 128.
    {"int8-g128", "INT8 g128 (symmetric)", K::kInteger, 8, 128, 16, 0,
     "compressed-tensors 0.18.0 quant_scheme.py W8A16; pack_quantized/base.py weight_packed + weight_scale"},
    // NVFP4 / NVFP4A16 presets: fp4 e2m1 values two per byte, one fp8 e4m3 scale per 16 values
    // (TENSOR_GROUP, group_size 16, scale_dtype float8_e4m3fn) plus one fp32 global scale per tensor:
    // 4 + 8/16 = 4.5 bits.
    {"nvfp4", "NVFP4", K::kFloat, 4, 16, 8, 0,
     "compressed-tensors 0.18.0 quant_scheme.py NVFP4; nvfp4/base.py weight_packed (uint8), weight_scale (fp8)"},
};

// ggml types usable as a uniform weight format, described from the ggml table.
std::vector<WeightFormatInfo> build_all() {
  std::vector<WeightFormatInfo> all(std::begin(kFormats), std::end(kFormats));
  for (const auto& t : ggml_types()) {
    if (!t.quantized) continue;
    if (t.name == "q8_1" || t.name == "q8_K" || t.name == "mxfp4") continue;  // never used for stored weights
    all.push_back({t.name, t.name, K::kGgml, 8.0 * t.block_bytes / t.block_elements, 0, 0, 0,
                   "llama.cpp ggml/src/ggml.c type_traits (block size, bytes per block)"});
  }
  return all;
}

const std::vector<WeightFormatInfo>& all_formats() {
  static const std::vector<WeightFormatInfo> all = build_all();
  return all;
}

}  // namespace

std::span<const WeightFormatInfo> weight_formats() { return all_formats(); }

std::optional<WeightFormatInfo> weight_format_by_id(std::string_view id) {
  for (const auto& f : all_formats()) {
    if (f.id == id) return f;
  }
  return std::nullopt;
}

double bits_per_weight(const WeightFormatInfo& format, double row_elements) {
  double bits = format.data_bits;
  if (format.group_size > 0) bits += format.group_overhead_bits / format.group_size;
  if (format.row_overhead_bits > 0 && row_elements >= 1) bits += format.row_overhead_bits / row_elements;
  return bits;
}

double weights_bytes(double params, const WeightFormatInfo& format, double row_elements) {
  return params * bits_per_weight(format, row_elements) / 8.0;
}

}  // namespace vramfit
