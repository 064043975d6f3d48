#include "vramfit/ggml_types.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace vramfit {
namespace {

// Block sizes and bytes per block: ggml/src/ggml.c `type_traits[]` (blck_size, type_size), whose
// type_size values are the sizeof() of the block structs in ggml/src/ggml-common.h.
constexpr GgmlTypeInfo kTypes[] = {
    {0, "f32", 1, 4, false},
    {1, "f16", 1, 2, false},
    {2, "q4_0", 32, 18, true},       // fp16 d + 16 bytes of nibbles
    {3, "q4_1", 32, 20, true},       // fp16 d, m + 16
    {6, "q5_0", 32, 22, true},       // fp16 d + 4 qh + 16
    {7, "q5_1", 32, 24, true},       // fp16 d, m + 4 qh + 16
    {8, "q8_0", 32, 34, true},       // fp16 d + 32
    {9, "q8_1", 32, 36, true},       // fp16 d, s + 32
    {10, "q2_K", 256, 84, true},     // 16 scales + 64 qs + fp16 d, dmin
    {11, "q3_K", 256, 110, true},    // 32 hmask + 64 qs + 12 scales + fp16 d
    {12, "q4_K", 256, 144, true},    // fp16 d, dmin + 12 scales + 128 qs
    {13, "q5_K", 256, 176, true},    // fp16 d, dmin + 12 scales + 32 qh + 128 qs
    {14, "q6_K", 256, 210, true},    // 128 ql + 64 qh + 16 scales + fp16 d
    {15, "q8_K", 256, 292, true},    // f32 d + 256 qs + 16 int16 bsums
    {16, "iq2_xxs", 256, 66, true},  // fp16 d + 32 uint16 qs
    {17, "iq2_xs", 256, 74, true},   // fp16 d + 32 uint16 qs + 8 scales
    {18, "iq3_xxs", 256, 98, true},  // fp16 d + 96 qs
    {19, "iq1_s", 256, 50, true},    // fp16 d + 32 qs + 8 uint16 qh
    {20, "iq4_nl", 32, 18, true},    // fp16 d + 16
    {21, "iq3_s", 256, 110, true},   // fp16 d + 64 qs + 8 qh + 32 signs + 4 scales
    {22, "iq2_s", 256, 82, true},    // fp16 d + 64 qs + 8 qh + 8 scales
    {23, "iq4_xs", 256, 136, true},  // fp16 d + uint16 scales_h + 4 scales_l + 128 qs
    {24, "i8", 1, 1, false},
    {25, "i16", 1, 2, false},
    {26, "i32", 1, 4, false},
    {27, "i64", 1, 8, false},
    {28, "f64", 1, 8, false},
    {29, "iq1_m", 256, 56, true},    // 32 qs + 16 qh + 8 scales
    {30, "bf16", 1, 2, false},
    {34, "tq1_0", 256, 54, true},    // 48 qs + 4 qh + fp16 d
    {35, "tq2_0", 256, 66, true},    // 64 qs + fp16 d
    {39, "mxfp4", 32, 17, true},     // e8m0 scale + 16 bytes of fp4 (OCP MX spec)
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

// Index of each id in kTypes (-1: no such type), built at compile time for O(1) look-ups.
constexpr int kMaxId = 64;
constexpr auto kIndex = [] {
  std::array<int, kMaxId> index{};
  index.fill(-1);
  for (std::size_t i = 0; i < std::size(kTypes); ++i) index[static_cast<std::size_t>(kTypes[i].id)] = static_cast<int>(i);
  return index;
}();

std::span<const GgmlTypeInfo> ggml_types() { return kTypes; }

const GgmlTypeInfo* ggml_type_ptr(int id) {
  if (id < 0 || id >= kMaxId || kIndex[static_cast<std::size_t>(id)] < 0) return nullptr;
  return &kTypes[kIndex[static_cast<std::size_t>(id)]];
}

std::optional<GgmlTypeInfo> ggml_type_by_id(int id) {
  if (const GgmlTypeInfo* t = ggml_type_ptr(id)) return *t;
  return std::nullopt;
}

std::optional<GgmlTypeInfo> ggml_type_by_name(std::string_view name) {
  for (const auto& t : ggml_types()) {
    if (iequals(t.name, name)) return t;
  }
  return std::nullopt;
}

std::optional<double> ggml_row_bytes(const GgmlTypeInfo& type, std::int64_t elements) {
  if (elements < 0 || elements % type.block_elements != 0) return std::nullopt;
  return static_cast<double>(elements / type.block_elements) * type.block_bytes;
}

}  // namespace vramfit
