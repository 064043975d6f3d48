#include "vramfit/gguf_reader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "vramfit/ggml_types.h"
#include "vramfit/hf_config.h"
#include "model/gguf_metadata.h"

namespace vramfit {
namespace {

using nlohmann::json;
using gguf::config_of;
using gguf::meta_at;
using gguf::meta_int;
using gguf::meta_number;
using gguf::model_type_of;

// gguf.h enum gguf_type and the size of each scalar.
enum GgufValueType : std::uint32_t {
  kU8 = 0, kI8 = 1, kU16 = 2, kI16 = 3, kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7, kString = 8, kArray = 9,
  kU64 = 10, kI64 = 11, kF64 = 12, kTypeCount = 13
};
constexpr int kScalarBytes[kTypeCount] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};

constexpr std::uint64_t kMaxTensors = 1u << 20;   // DeepSeek-V3 has ~1,800; anything near this is hostile
constexpr std::uint64_t kMaxKv = 1u << 16;
constexpr std::uint64_t kMaxKeptArray = 1u << 16;  // per-layer arrays are kept; vocabularies are only counted
constexpr std::uint64_t kMaxKeptString = 4096;
constexpr std::uint32_t kMaxNameBytes = 64;        // GGML_MAX_NAME
constexpr std::uint32_t kDefaultAlignment = 32;    // GGUF_DEFAULT_ALIGNMENT

// Reads little-endian values from the prefix. The first read past its end records how many bytes would
// have been needed; every later read fails, so callers check `ok()` once per step.
class Cursor {
 public:
  explicit Cursor(std::span<const unsigned char> bytes) : b_(bytes) {}
  bool ok() const { return need_ == 0; }
  double need() const { return need_; }
  std::size_t pos() const { return pos_; }

  bool skip(std::uint64_t n) {
    if (!ok()) return false;
    if (n > b_.size() - pos_) {
      need_ = static_cast<double>(pos_) + static_cast<double>(n);
      return false;
    }
    pos_ += static_cast<std::size_t>(n);
    return true;
  }
  template <typename T>
  bool read(T& v) {
    const std::size_t at = pos_;
    if (!skip(sizeof(T))) return false;
    std::memcpy(&v, b_.data() + at, sizeof(T));
    return true;
  }
  bool string(std::string& s, std::uint64_t keep_limit) {
    std::uint64_t n = 0;
    if (!read(n)) return false;
    const std::size_t at = pos_;
    if (!skip(n)) return false;
    if (n <= keep_limit) s.assign(reinterpret_cast<const char*>(b_.data() + at), static_cast<std::size_t>(n));
    else s.clear();
    return true;
  }

 private:
  std::span<const unsigned char> b_;
  std::size_t pos_ = 0;
  double need_ = 0;
};

json scalar(Cursor& c, std::uint32_t type) {
  switch (type) {
    case kU8: { std::uint8_t v = 0; c.read(v); return v; }
    case kI8: { std::int8_t v = 0; c.read(v); return v; }
    case kU16: { std::uint16_t v = 0; c.read(v); return v; }
    case kI16: { std::int16_t v = 0; c.read(v); return v; }
    case kU32: { std::uint32_t v = 0; c.read(v); return v; }
    case kI32: { std::int32_t v = 0; c.read(v); return v; }
    case kU64: { std::uint64_t v = 0; c.read(v); return v; }
    case kI64: { std::int64_t v = 0; c.read(v); return v; }
    case kF32: { float v = 0; c.read(v); return std::isfinite(v) ? json(v) : json(); }
    case kF64: { double v = 0; c.read(v); return std::isfinite(v) ? json(v) : json(); }
    case kBool: { std::uint8_t v = 0; c.read(v); return v != 0; }
    default: return json();
  }
}

// One metadata value. Arrays of numbers up to kMaxKeptArray are kept (per-layer head counts); longer arrays
// and string arrays are skipped and only their length is kept, under "<key>#len".
bool read_value(Cursor& c, std::uint32_t type, const std::string& key, json& meta, Diagnostics& d) {
  if (type == kString) {
    std::string s;
    if (!c.string(s, kMaxKeptString)) return false;
    meta[key] = s;
    return true;
  }
  if (type == kArray) {
    std::uint32_t elem = 0;
    std::uint64_t n = 0;
    if (!c.read(elem) || !c.read(n)) return false;
    if (elem >= kTypeCount || elem == kArray) {
      d.push_back({"gguf.bad_type", Severity::kError, key, "Metadata array \"" + key + "\" has an unknown element type " +
                                                              std::to_string(elem) + "."});
      return false;
    }
    meta[key + "#len"] = n;
    if (elem == kString) {
      std::string ignored;
      for (std::uint64_t i = 0; i < n; ++i)
        if (!c.string(ignored, 0)) return false;
      return true;
    }
    const auto size = static_cast<std::uint64_t>(kScalarBytes[elem]);
    if (n > std::numeric_limits<std::uint64_t>::max() / size) {
      c.skip(std::numeric_limits<std::uint64_t>::max());
      return false;
    }
    if (n > kMaxKeptArray) return c.skip(n * size);
    json values = json::array();
    for (std::uint64_t i = 0; i < n && c.ok(); ++i) values.push_back(scalar(c, elem));
    if (!c.ok()) return false;
    meta[key] = std::move(values);
    return true;
  }
  if (type >= kTypeCount) {
    d.push_back({"gguf.bad_type", Severity::kError, key,
                 "Metadata key \"" + key + "\" has an unknown value type " + std::to_string(type) + "."});
    return false;
  }
  json v = scalar(c, type);
  if (!c.ok()) return false;
  meta[key] = std::move(v);
  return true;
}

// "blk.12.attn_q.weight" -> 12; -1 for global tensors.
int layer_of(const std::string& name) {
  if (name.rfind("blk.", 0) != 0) return -1;
  int il = 0;
  std::size_t i = 4;
  for (; i < name.size() && i < 12 && name[i] >= '0' && name[i] <= '9'; ++i) il = il * 10 + (name[i] - '0');
  return i > 4 && i < name.size() && name[i] == '.' ? il : -1;
}

void by_type(GgufFile& f) {
  std::map<int, GgufTypeBytes> acc;
  for (const GgufTensorInfo& t : f.tensors) {
    GgufTypeBytes& e = acc[t.type];
    const GgmlTypeInfo* info = ggml_type_ptr(t.type);
    e.type = info != nullptr ? std::string(info->name) : std::to_string(t.type);
    e.tensors += 1;
    e.elements += static_cast<double>(t.ne[0]) * t.ne[1] * t.ne[2] * t.ne[3];
    e.bytes += t.bytes;
  }
  for (auto& [id, e] : acc) f.by_type.push_back(std::move(e));
  std::sort(f.by_type.begin(), f.by_type.end(), [](const auto& x, const auto& y) { return x.bytes > y.bytes; });
}

// A byte count as whole-number text, whatever a hostile header declares.
std::string whole(double v) { return std::to_string(static_cast<long long>(std::clamp(v, 0.0, 9e18))); }

// Bounds the read: past the end of what was given, ask for more unless the file or the limit says no.
bool needs_more(GgufFile& f, const Cursor& c) {
  if (c.ok()) return false;
  const double need = c.need();
  if (need > f.file_bytes) {
    f.diagnostics.push_back({"gguf.truncated", Severity::kError, "",
                             "The GGUF header runs past the end of the file (it needs " + whole(need) +
                                 " bytes; the file has " + whole(f.file_bytes) +
                                 "): the file is truncated or not a GGUF file."});
    f.status = ReadStatus::kError;
  } else if (need > kMaxGgufHeaderBytes) {
    f.diagnostics.push_back({"gguf.header_too_large", Severity::kError, "",
                             "The GGUF header is larger than 64 MiB; vramfit does not read headers that large."});
    f.status = ReadStatus::kError;
  } else {
    f.status = ReadStatus::kNeedMoreBytes;
    f.bytes_needed = std::min({f.file_bytes, kMaxGgufHeaderBytes, std::max(need, 2.0 * static_cast<double>(c.pos()))});
  }
  return true;
}

void model_from_metadata(GgufFile& f, const json& meta) {
  const std::string model_type = model_type_of(f.architecture);
  if (model_type.empty())
    f.diagnostics.push_back({"gguf.unknown_arch", Severity::kWarning, "architecture",
                             "vramfit does not know llama.cpp's \"" + f.architecture +
                                 "\" layout; the KV cache and compute buffers assume a Llama-like block. Weights "
                                 "are exact (read from the tensor index)."});
  std::set<std::string> names;
  double vocab_rows = 0;
  for (const GgufTensorInfo& t : f.tensors) {
    names.insert(t.name);
    if (t.name == "token_embd.weight") vocab_rows = static_cast<double>(t.ne[1]);
  }
  json config = config_of(f.architecture, meta, names, vocab_rows);
  if (model_type.empty()) config["model_type"] = "llama";
  f.config_json = config.dump(-1, ' ', false, json::error_handler_t::replace);  // names may not be UTF-8
  ParsedConfig parsed = parse_hf_config(f.config_json);
  for (Diagnostic& d : parsed.diagnostics) {
    d.detail = "From the GGUF metadata: " + d.detail;
    f.diagnostics.push_back(std::move(d));
  }
  if (!parsed.model) return;
  ModelArch m = std::move(*parsed.model);
  m.name = f.name.empty() ? f.architecture : f.name;
  std::vector<GgufTensor> grouped;
  grouped.reserve(f.tensors.size());
  for (const GgufTensorInfo& t : f.tensors) {
    GgufTensor g;
    g.ne = t.ne;
    g.n_dims = t.n_dims;
    g.type = t.type;
    g.layer = layer_of(t.name);
    g.suffix = t.name.c_str();  // the whole name: the expert tensors are found in it (llama_gguf.cpp)
    g.role = t.name == "token_embd.weight" ? TensorRole::kTokenEmbd : TensorRole::kBias;
    grouped.push_back(g);
  }
  f.weights = llama_weight_bytes(grouped, m.num_layers);
  const double counted = count_params(m).total();
  if (f.elements > 0 && std::fabs(counted / f.elements - 1.0) > 0.02)
    f.diagnostics.push_back({"gguf.params_mismatch", Severity::kNote, "",
                             "The architecture read from the metadata accounts for " +
                                 whole(counted) + " parameters; the file stores " +
                                 whole(f.elements) +
                                 ". Weights use the file's own tensor sizes."});
  f.model = std::move(m);
}


// The header and tensor index of one file, with its metadata in `meta`; the model is not built yet (finish_gguf).
GgufFile parse_gguf(std::span<const unsigned char> prefix, double file_bytes, json& meta) {
  GgufFile f;
  f.file_bytes = std::max(file_bytes, static_cast<double>(prefix.size()));
  Cursor c(prefix);
  auto error = [&f](const char* code, std::string message) {
    f.diagnostics.push_back({code, Severity::kError, "", std::move(message)});
    f.status = ReadStatus::kError;
    return std::move(f);
  };

  char magic[4] = {};
  std::uint32_t version = 0;
  c.read(magic);
  c.read(version);
  if (needs_more(f, c)) return f;
  if (std::memcmp(magic, "GGUF", 4) != 0) return error("gguf.bad_magic", "This is not a GGUF file (it does not start with \"GGUF\").");
  if (version < 2 || version > 3)
    return error("gguf.bad_version", "GGUF version " + std::to_string(version) + " is not supported (llama.cpp reads 2 and 3).");
  f.version = static_cast<int>(version);
  std::uint64_t n_tensors = 0, n_kv = 0;
  c.read(n_tensors);
  c.read(n_kv);
  if (needs_more(f, c)) return f;
  if (n_tensors > kMaxTensors || n_kv > kMaxKv)
    return error("gguf.absurd_counts", "The header declares " + std::to_string(n_tensors) + " tensors and " +
                                           std::to_string(n_kv) + " metadata keys; that is not a real model.");

  meta = json::object();
  for (std::uint64_t i = 0; i < n_kv; ++i) {
    std::string key;
    std::uint32_t type = 0;
    c.string(key, kMaxKeptString);
    c.read(type);
    if (needs_more(f, c)) return f;
    const std::size_t errors_before = f.diagnostics.size();
    if (!read_value(c, type, key, meta, f.diagnostics)) {
      if (needs_more(f, c)) return f;
      if (f.diagnostics.size() > errors_before) {
        f.status = ReadStatus::kError;
        return f;
      }
    }
  }
  if (const json* a = meta_at(meta, "general.architecture"); a != nullptr && a->is_string()) f.architecture = a->get<std::string>();
  if (const json* n = meta_at(meta, "general.name"); n != nullptr && n->is_string()) f.name = n->get<std::string>();
  if (meta_number(meta, "general.file_type")) {
    f.file_type = meta_int(meta, "general.file_type", -1);
    for (const LlamaFtype& t : llama_ftypes())
      if (t.id == f.file_type) f.file_type_name = std::string(t.name);
  }
  std::uint32_t alignment = kDefaultAlignment;
  if (auto al = meta_number(meta, "general.alignment")) {
    const auto v = static_cast<std::uint64_t>(std::max(*al, 0.0));
    if (v == 0 || v > (1u << 20) || (v & (v - 1)) != 0)
      return error("gguf.bad_alignment", "general.alignment must be a power of two; this file says " + std::to_string(v) + ".");
    alignment = static_cast<std::uint32_t>(v);
  }

  std::set<std::string> seen;
  f.tensors.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(n_tensors, 4096)));
  for (std::uint64_t i = 0; i < n_tensors; ++i) {
    GgufTensorInfo t;
    std::uint32_t n_dims = 0, type = 0;
    std::uint64_t offset = 0;
    c.string(t.name, kMaxNameBytes);
    c.read(n_dims);
    if (needs_more(f, c)) return f;
    if (t.name.empty()) return error("gguf.bad_tensor", "Tensor " + std::to_string(i) + " has an empty or over-long name.");
    if (n_dims == 0 || n_dims > 4)
      return error("gguf.bad_tensor", "Tensor " + t.name + " has " + std::to_string(n_dims) + " dimensions (ggml allows 1 to 4).");
    t.n_dims = static_cast<int>(n_dims);
    for (std::uint32_t k = 0; k < n_dims; ++k) c.read(t.ne[k]);
    c.read(type);
    c.read(offset);
    if (needs_more(f, c)) return f;
    const GgmlTypeInfo* info = ggml_type_ptr(static_cast<int>(type));
    if (info == nullptr) return error("gguf.bad_tensor", "Tensor " + t.name + " has an unknown ggml type " + std::to_string(type) + ".");
    t.type = static_cast<int>(type);
    double elements = 1;
    for (std::int64_t ne : t.ne) {
      if (ne < 0) return error("gguf.bad_tensor", "Tensor " + t.name + " has a negative dimension.");
      elements *= static_cast<double>(ne);
    }
    if (elements > 9e15 || t.ne[0] % info->block_elements != 0)
      return error("gguf.bad_tensor", "Tensor " + t.name + " has a shape its type " + std::string(info->name) + " cannot hold.");
    if (!seen.insert(t.name).second) return error("gguf.bad_tensor", "Tensor " + t.name + " appears twice.");
    if (offset % alignment != 0)
      return error("gguf.bad_tensor", "Tensor " + t.name + "'s data offset is not aligned to " + std::to_string(alignment) + " bytes.");
    t.offset = static_cast<double>(offset);
    t.bytes = static_cast<double>(t.ne[0] / info->block_elements) * info->block_bytes * static_cast<double>(t.ne[1]) *
              static_cast<double>(t.ne[2]) * static_cast<double>(t.ne[3]);
    f.elements += elements;
    f.data_bytes = std::max(f.data_bytes, t.offset + t.bytes);
    f.tensors.push_back(std::move(t));
  }
  f.header_bytes = std::ceil(static_cast<double>(c.pos()) / alignment) * alignment;
  f.status = ReadStatus::kOk;
  if (f.header_bytes + f.data_bytes > f.file_bytes)
    f.diagnostics.push_back({"gguf.data_truncated", Severity::kWarning, "",
                             "The tensor data ends at byte " + whole(f.header_bytes + f.data_bytes) +
                                 " but the file has " + whole(f.file_bytes) +
                                 " bytes: an incomplete download? llama.cpp would refuse to load it."});
  return f;
}

// What the tensors add up to, and the model from the metadata (of the first part, for a split model).
void finish_gguf(GgufFile& f, const json& meta) {
  by_type(f);
  if (f.architecture.empty()) {
    f.diagnostics.push_back({"gguf.no_architecture", Severity::kError, "architecture",
                             "The file has no general.architecture key, so it does not describe a llama.cpp model."});
    return;
  }
  model_from_metadata(f, meta);
}

std::string part_prefix(std::size_t i) { return "Part " + std::to_string(i + 1) + ": "; }

}  // namespace

GgufFile read_gguf(std::span<const unsigned char> prefix, double file_bytes) {
  json meta;
  GgufFile f = parse_gguf(prefix, file_bytes, meta);
  if (f.status != ReadStatus::kOk) return f;
  // A split GGUF (llama.cpp's gguf-split: name-00001-of-00003.gguf): each part lists only its own tensors, so
  // what one part holds is not the model's weights (llama.cpp src/llama-model-loader.cpp reads split.count and
  // opens every part). Said, not guessed.
  if (const int parts = meta_int(meta, "split.count", 0); parts > 1)
    f.diagnostics.push_back({"gguf.split_part", Severity::kWarning, "",
                             "This file is part " + std::to_string(meta_int(meta, "split.no", 0) + 1) + " of " +
                                 std::to_string(parts) + " of a split GGUF: it lists only its own " +
                                 std::to_string(f.tensors.size()) + " tensors (of " +
                                 std::to_string(meta_int(meta, "split.tensors.count", 0)) +
                                 "), so the weights counted here are this part's, not the model's. Read all its parts together."});
  finish_gguf(f, meta);
  return f;
}

GgufFile read_gguf_parts(std::span<const GgufPart> parts) {
  if (parts.size() == 1) return read_gguf(parts[0].prefix, parts[0].file_bytes);
  GgufFile f;
  auto refuse = [&f](std::string message) {
    f.diagnostics.push_back({"gguf.split_mismatch", Severity::kError, "", std::move(message)});
    f.status = ReadStatus::kError;
    return std::move(f);
  };
  if (parts.empty() || parts.size() > kMaxGgufParts) return refuse("A split GGUF has 2 to " + std::to_string(kMaxGgufParts) + " parts; " + std::to_string(parts.size()) + " were given.");
  json first;
  std::set<std::string> names;  // every tensor so far: a name in two parts is refused
  for (std::size_t i = 0; i < parts.size(); ++i) {
    json meta;
    GgufFile p = parse_gguf(parts[i].prefix, parts[i].file_bytes, i == 0 ? first : meta);
    for (Diagnostic& d : p.diagnostics) d.detail = part_prefix(i) + d.detail;
    if (p.status != ReadStatus::kOk) {
      p.part = static_cast<int>(i);
      return p;
    }
    const json& m = i == 0 ? first : meta;
    // Every part carries split.no (0-based, u16) and split.count (u16); the first split.tensors.count (i32) (llama.cpp
    // src/llama-arch.cpp LLM_KV_SPLIT_*; src/llama-model-loader.cpp opens the parts and sums their tensors).
    const int no = meta_int(m, "split.no", -1), count = meta_int(m, "split.count", 0);
    if (count != static_cast<int>(parts.size()) || no != static_cast<int>(i))
      return refuse("File " + std::to_string(i + 1) + " of the " + std::to_string(parts.size()) + " given says it is part " +
                    std::to_string(no + 1) + " of " + std::to_string(count) +
                    ": a split model is read from all its parts, in order.");
    if (i == 0) {
      f = std::move(p);
      for (const GgufTensorInfo& t : f.tensors) names.insert(t.name);
      continue;
    }
    for (GgufTensorInfo& t : p.tensors) {
      if (!names.insert(t.name).second) return refuse(part_prefix(i) + "tensor " + t.name + " is also in an earlier part.");
      f.tensors.push_back(std::move(t));
    }
    f.elements += p.elements;
    f.header_bytes += p.header_bytes;
    f.data_bytes += p.data_bytes;
    f.file_bytes += p.file_bytes;
    f.diagnostics.insert(f.diagnostics.end(), p.diagnostics.begin(), p.diagnostics.end());
  }
  const int declared = meta_int(first, "split.tensors.count", -1);
  if (declared >= 0 && declared != static_cast<int>(f.tensors.size()))
    return refuse("The parts list " + std::to_string(f.tensors.size()) + " tensors; the first part says the model has " +
                  std::to_string(declared) + ".");
  f.parts = static_cast<int>(parts.size());
  finish_gguf(f, first);
  return f;
}

}  // namespace vramfit
