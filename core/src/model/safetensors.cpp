#include "vramfit/safetensors.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>

#include "base/json_util.h"

namespace vramfit {
namespace {

using json_util::json;

// Bits per element of each safetensors dtype (safetensors/src/tensor.rs Dtype::bitsize).
int dtype_bits(const std::string& d) {
  static const std::map<std::string, int> kBits = {
      {"BOOL", 8}, {"U8", 8}, {"I8", 8}, {"F8_E5M2", 8}, {"F8_E4M3", 8}, {"F8_E8M0", 8}, {"I16", 16},
      {"U16", 16}, {"F16", 16}, {"BF16", 16}, {"I32", 32}, {"U32", 32}, {"F32", 32}, {"F64", 64},
      {"I64", 64}, {"U64", 64}, {"F4", 4}, {"F6_E2M3", 6}, {"F6_E3M2", 6}, {"C64", 64}};
  auto it = kBits.find(d);
  return it == kBits.end() ? 0 : it->second;
}

std::string whole(double v) { return std::to_string(static_cast<long long>(std::clamp(v, -9e18, 9e18))); }

}  // namespace

SafetensorsFile read_safetensors(std::span<const unsigned char> prefix, double file_bytes) {
  SafetensorsFile f;
  f.file_bytes = std::max(file_bytes, static_cast<double>(prefix.size()));
  auto fail = [&f](std::string message) {
    f.diagnostics.push_back({"safetensors.bad_header", Severity::kError, "", std::move(message)});
    f.status = ReadStatus::kError;
    return std::move(f);
  };
  if (f.file_bytes < 8) return fail("The file is shorter than a safetensors header (8 bytes).");
  if (prefix.size() < 8) {
    f.status = ReadStatus::kNeedMoreBytes;
    f.bytes_needed = std::min(f.file_bytes, kGgufFirstRead);
    return f;
  }
  std::uint64_t n = 0;
  std::memcpy(&n, prefix.data(), 8);
  const double header_end = 8.0 + static_cast<double>(n);
  if (static_cast<double>(n) > kMaxSafetensorsHeaderBytes)
    return fail("The header declares " + whole(static_cast<double>(n)) +
                " bytes of JSON; that is not a safetensors file (or its header is over 32 MiB).");
  if (header_end > f.file_bytes) return fail("The header runs past the end of the file: truncated, or not a safetensors file.");
  if (static_cast<double>(prefix.size()) < header_end) {
    f.status = ReadStatus::kNeedMoreBytes;
    f.bytes_needed = header_end;
    return f;
  }
  f.header_bytes = header_end;
  const std::string_view text(reinterpret_cast<const char*>(prefix.data()) + 8, static_cast<std::size_t>(n));
  if (text.empty() || text.front() != '{') return fail("The header is not a JSON object: this is not a safetensors file.");
  if (auto bad = json_util::check_shape(text, static_cast<std::size_t>(kMaxSafetensorsHeaderBytes), 8)) {
    bad->code = "safetensors.bad_header";
    f.diagnostics.push_back(*bad);
    return f;
  }
  const json root = json_util::parse(text);
  if (root.is_discarded() || !root.is_object()) return fail("The header is not valid JSON.");

  std::map<std::string, SafetensorsDtype> acc;
  const double data_capacity = f.file_bytes - header_end;
  for (const auto& [name, t] : root.items()) {
    if (name == "__metadata__") continue;
    const auto dtype = json_util::string(t, "dtype");
    const json* shape = json_util::find(t, "shape");
    const json* offsets = json_util::find(t, "data_offsets");
    if (!dtype || shape == nullptr || !shape->is_array() || shape->size() > 8 || offsets == nullptr ||
        !offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned())
      return fail("Tensor \"" + name.substr(0, 80) + "\" lacks a dtype, a shape or two data offsets.");
    const int bits = dtype_bits(*dtype);
    if (bits == 0) return fail("Tensor \"" + name.substr(0, 80) + "\" has an unknown dtype \"" + dtype->substr(0, 20) + "\".");
    double elements = 1;
    for (const json& d : *shape) {
      if (!d.is_number_unsigned()) return fail("Tensor \"" + name.substr(0, 80) + "\" has a dimension that is not a whole number.");
      elements *= d.get<double>();
    }
    const double begin = (*offsets)[0].get<double>(), end = (*offsets)[1].get<double>();
    const double bytes = std::ceil(elements * bits / 8);
    if (elements > 9e15 || end < begin || end - begin != bytes)
      return fail("Tensor \"" + name.substr(0, 80) + "\" declares " + whole(end - begin) + " bytes but its shape and dtype need " +
                  whole(bytes) + ".");
    SafetensorsDtype& e = acc[*dtype];
    e.dtype = *dtype;
    e.tensors += 1;
    e.elements += elements;
    e.bytes += bytes;
    f.tensors += 1;
    f.elements += elements;
    f.data_bytes = std::max(f.data_bytes, end);
  }
  for (auto& [k, e] : acc) f.by_dtype.push_back(std::move(e));
  std::sort(f.by_dtype.begin(), f.by_dtype.end(), [](const auto& x, const auto& y) { return x.bytes > y.bytes; });
  f.status = ReadStatus::kOk;
  if (f.data_bytes > data_capacity)
    f.diagnostics.push_back({"safetensors.data_truncated", Severity::kWarning, "",
                             "The tensors end at byte " + whole(header_end + f.data_bytes) + " but the file has " +
                                 whole(f.file_bytes) + " bytes: an incomplete download?"});
  if (f.tensors == 0)
    f.diagnostics.push_back({"safetensors.empty", Severity::kWarning, "", "The header lists no tensors."});
  return f;
}

SafetensorsIndex read_safetensors_index(std::string_view text) {
  SafetensorsIndex x;
  if (auto bad = json_util::check_shape(text, 64u << 20, 16)) {
    x.diagnostics.push_back(*bad);
    return x;
  }
  const json root = json_util::parse(text);
  const json* meta = root.is_object() ? json_util::find(root, "metadata") : nullptr;
  const json* map = root.is_object() ? json_util::find(root, "weight_map") : nullptr;
  if (map == nullptr || !map->is_object()) {
    x.diagnostics.push_back({"safetensors.bad_index", Severity::kError, "",
                             "This is not a model.safetensors.index.json (no \"weight_map\" object)."});
    return x;
  }
  std::set<std::string> shards;
  for (const auto& [name, file] : map->items())
    if (file.is_string()) shards.insert(file.get<std::string>());
  x.tensors = static_cast<double>(map->size());
  x.shards = static_cast<double>(shards.size());
  x.total_size = meta != nullptr ? json_util::number(*meta, "total_size").value_or(0) : 0;
  x.total_parameters = meta != nullptr ? json_util::number(*meta, "total_parameters").value_or(0) : 0;
  if (x.total_size <= 0) {
    x.diagnostics.push_back({"safetensors.no_total_size", Severity::kError, "metadata.total_size",
                             "The index has no metadata.total_size, so it does not say how large the checkpoint is."});
    return x;
  }
  x.ok = true;
  return x;
}

}  // namespace vramfit
