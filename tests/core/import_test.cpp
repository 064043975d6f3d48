// GGUF and safetensors header readers, file-kind detection and the inspect API.
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "vramfit/api_json.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/gguf_writer.h"
#include "vramfit/import.h"
#include "vramfit/inference.h"
#include "vramfit/presets.h"
#include "vramfit/safetensors.h"

namespace vramfit {
namespace {

using nlohmann::json;

std::span<const unsigned char> bytes(const std::string& s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

GgufImage image_of(const char* preset, const char* ftype) {
  Diagnostics d;
  auto image = write_gguf_header(find_preset(preset)->arch, ftype, d);
  EXPECT_TRUE(image.has_value()) << preset;
  return image.value_or(GgufImage{});
}

// Every architecture the writer knows reads back to the same model and the same per-layer bytes, and the
// llama.cpp estimate from the file equals the estimate from the preset.
TEST(GgufReader, RoundTripsEveryWriterArchitecture) {
  const std::pair<const char*, const char*> cases[] = {
      {"meta-llama/Meta-Llama-3.1-8B", "Q4_K_M"}, {"Qwen/Qwen2.5-7B", "Q5_K_M"},     {"Qwen/Qwen3-8B", "Q8_0"},
      {"Qwen/Qwen3-30B-A3B", "Q4_K_M"},          {"google/gemma-3-4b-it", "Q4_0"}, {"openai/gpt-oss-20b", "MXFP4_MOE"},
      {"deepseek-ai/DeepSeek-V2-Lite", "Q6_K"}};
  for (const auto& [preset, ftype] : cases) {
    const ModelArch& m = find_preset(preset)->arch;
    const GgufImage image = image_of(preset, ftype);
    const GgufFile f = read_gguf(bytes(image.header), image.file_bytes);
    ASSERT_EQ(f.status, ReadStatus::kOk) << preset;
    ASSERT_TRUE(f.model.has_value()) << preset << ": " << (f.diagnostics.empty() ? "" : f.diagnostics[0].detail);
    EXPECT_EQ(f.architecture, image.arch);
    EXPECT_EQ(f.file_type_name, ftype);
    EXPECT_EQ(f.header_bytes + f.data_bytes, image.file_bytes) << preset;
    const ModelArch& r = *f.model;
    EXPECT_EQ(r.hidden_size, m.hidden_size) << preset;
    EXPECT_EQ(r.num_layers, m.num_layers) << preset;
    EXPECT_EQ(r.num_heads, m.num_heads) << preset;
    EXPECT_EQ(r.vocab_size, m.vocab_size) << preset;
    EXPECT_EQ(r.tie_embeddings, m.tie_embeddings) << preset;
    EXPECT_EQ(r.moe.num_experts, m.moe.num_experts) << preset;
    EXPECT_EQ(r.mla.kv_lora_rank, m.mla.kv_lora_rank) << preset;
    EXPECT_EQ(r.sliding_window, m.sliding_window) << preset;
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
      EXPECT_EQ(r.layers[i].mixer, m.layers[i].mixer) << preset << " layer " << i;
      EXPECT_EQ(r.layers[i].moe, m.layers[i].moe) << preset << " layer " << i;
    }
    if (!m.mla.enabled()) {
      EXPECT_EQ(r.num_kv_heads, m.num_kv_heads) << preset;
      EXPECT_EQ(r.head_dim, m.head_dim) << preset;
    }
    // Parameters: the file stores every one of them.
    EXPECT_EQ(f.elements, count_params(m).total()) << preset;
    const LlamaWeights expected = llama_weight_bytes(m, *llama_ftype_by_name(ftype));
    ASSERT_TRUE(f.weights.has_value());
    EXPECT_EQ(f.weights->layer_bytes, expected.layer_bytes) << preset;
    EXPECT_EQ(f.weights->layer_repack, expected.layer_repack) << preset;
    EXPECT_EQ(f.weights->token_embd, expected.token_embd) << preset;
    EXPECT_EQ(f.weights->output, expected.output) << preset;

    InferenceRequest a;
    a.model = m;
    a.weight_format = ftype;
    a.context_tokens = 8192;
    InferenceRequest b = a;
    b.model = r;
    b.weight_format = "GGUF";
    b.gguf_weights = f.weights;
    const InferenceEstimate ea = estimate_inference(a), eb = estimate_inference(b);
    ASSERT_EQ(ea.devices.size(), eb.devices.size());
    for (std::size_t i = 0; i < ea.devices.size(); ++i)
      EXPECT_EQ(ea.devices[i].total_bytes, eb.devices[i].total_bytes) << preset << " " << ea.devices[i].device;
  }
}

// A 40 GB file is read from its start only: every cut of the header asks for more, never fails or crashes,
// and the doubling reads finish in a few steps.
TEST(GgufReader, AsksForMoreBytesAtEveryCut) {
  const GgufImage image = image_of("Qwen/Qwen3-0.6B", "Q4_K_M");
  const std::string& h = image.header;
  for (std::size_t cut = 0; cut < h.size(); cut += (cut < 4096 ? 1 : 997)) {
    const GgufFile f = read_gguf(bytes(h.substr(0, cut)), image.file_bytes);
    ASSERT_EQ(f.status, ReadStatus::kNeedMoreBytes) << cut;
    ASSERT_GT(f.bytes_needed, static_cast<double>(cut)) << cut;
  }
  double have = 4096;
  int reads = 0;
  for (; reads < 20; ++reads) {
    const GgufFile f = read_gguf(bytes(h.substr(0, static_cast<std::size_t>(have))), image.file_bytes);
    if (f.status != ReadStatus::kNeedMoreBytes) {
      EXPECT_EQ(f.status, ReadStatus::kOk);
      break;
    }
    have = f.bytes_needed;
  }
  EXPECT_LE(reads, 12);
}

std::string with_u64_at(std::string s, std::size_t at, std::uint64_t v) {
  std::memcpy(s.data() + at, &v, 8);
  return s;
}

TEST(GgufReader, RefusesHostileHeaders) {
  const GgufImage image = image_of("Qwen/Qwen3-0.6B", "Q8_0");
  const std::string& h = image.header;
  auto first_error = [](const GgufFile& f) { return f.diagnostics.empty() ? std::string() : f.diagnostics[0].code; };

  GgufFile f = read_gguf(bytes("GGML" + h.substr(4)), image.file_bytes);
  EXPECT_EQ(f.status, ReadStatus::kError);
  EXPECT_EQ(first_error(f), "gguf.bad_magic");

  std::string v1 = h;
  v1[4] = 1;
  EXPECT_EQ(first_error(read_gguf(bytes(v1), image.file_bytes)), "gguf.bad_version");

  f = read_gguf(bytes(with_u64_at(h, 8, 1ull << 40)), image.file_bytes);  // tensor count
  EXPECT_EQ(first_error(f), "gguf.absurd_counts");

  // The first key's length claims 2^62 bytes: past the end of the file.
  f = read_gguf(bytes(with_u64_at(h, 24, 1ull << 62)), image.file_bytes);
  EXPECT_EQ(f.status, ReadStatus::kError);
  EXPECT_EQ(first_error(f), "gguf.truncated");

  // A header cut short in a file that really is that short: truncated, not "read more".
  f = read_gguf(bytes(h.substr(0, 5000)), 5000);
  EXPECT_EQ(f.status, ReadStatus::kError);

  // The data region is missing: the index still reads, with a warning.
  f = read_gguf(bytes(h), static_cast<double>(h.size()));
  EXPECT_EQ(f.status, ReadStatus::kOk);
  EXPECT_EQ(first_error(f), "gguf.data_truncated");

  // Every byte flipped in turn: never a crash, always a clear status.
  for (std::size_t i = 0; i < 2048 && i < h.size(); ++i) {
    std::string x = h;
    x[i] = static_cast<char>(x[i] ^ 0xA5);
    const GgufFile g = read_gguf(bytes(x), image.file_bytes);
    if (g.status == ReadStatus::kError) {
      EXPECT_FALSE(g.diagnostics.empty()) << i;
    }
  }
}

// GGUF v3 metadata entries: key, value type (4 u32, 6 f32, 8 string), value.
template <typename T>
std::string raw_bytes(T v) {
  std::string s(sizeof v, '\0');
  std::memcpy(s.data(), &v, sizeof v);
  return s;
}
std::string gguf_str(const std::string& v) { return raw_bytes<std::uint64_t>(v.size()) + v; }
std::string gguf_kv(const std::string& key, std::uint32_t type, const std::string& value) {
  return gguf_str(key) + raw_bytes(type) + value;
}

// `image` with metadata entries added in front of its own; a padding entry keeps the data offset aligned, so the
// tensor index stays valid and the file grows by what was added.
GgufFile read_with_metadata(const GgufImage& image, std::vector<std::string> entries) {
  std::string block;
  for (const auto& e : entries) block += e;
  const std::size_t pad_overhead = gguf_kv("test.pad", 8, gguf_str("")).size();
  block += gguf_kv("test.pad", 8, gguf_str(std::string((32 - (block.size() + pad_overhead) % 32) % 32, 'x')));
  std::uint64_t n_kv = 0;
  std::memcpy(&n_kv, image.header.data() + 16, 8);
  const std::string header = with_u64_at(image.header.substr(0, 24), 16, n_kv + entries.size() + 1) + block +
                             image.header.substr(24);
  return read_gguf(bytes(header), image.file_bytes + static_cast<double>(block.size()));
}

// <arch>.rope.scaling.* (llama.cpp src/llama-arch.cpp LLM_KV_ROPE_SCALING_*) extend the supported context as
// config.json's rope_scaling does: yarn from the original context, linear (also the older rope.scale_linear)
// from context_length; "none", a factor of 1 and longrope (whose context_length is already the long one) do not.
TEST(GgufReader, RopeScalingExtendsTheContextAsConfigJsonDoes) {
  const GgufImage image = image_of("Qwen/Qwen3-8B", "Q4_K_M");
  const GgufFile plain = read_gguf(bytes(image.header), image.file_bytes);
  ASSERT_TRUE(plain.model.has_value());
  const int base = plain.model->max_context;
  ASSERT_GT(base, 0);
  const std::string a = image.arch + ".";
  auto context_with = [&](std::vector<std::string> entries) {
    const GgufFile f = read_with_metadata(image, std::move(entries));
    EXPECT_EQ(f.status, ReadStatus::kOk);
    EXPECT_TRUE(f.model.has_value()) << (f.diagnostics.empty() ? "" : f.diagnostics[0].detail);
    return f.model ? f.model->max_context : -1;
  };
  // Qwen3's long-context recipe (model card): YaRN x4 over 32768 tokens, past the 40960 of context_length.
  ASSERT_EQ(base, 40960);
  const GgufFile yarn = read_with_metadata(image, {gguf_kv(a + "rope.scaling.type", 8, gguf_str("yarn")),
                                                   gguf_kv(a + "rope.scaling.factor", 6, raw_bytes(4.0f)),
                                                   gguf_kv(a + "rope.scaling.original_context_length", 4, raw_bytes(32768U))});
  ASSERT_TRUE(yarn.model.has_value());
  EXPECT_EQ(yarn.model->max_context, 131072);
  EXPECT_EQ(yarn.model->rope.type, "yarn");
  EXPECT_EQ(yarn.model->rope.factor, 4);
  EXPECT_EQ(yarn.model->rope.original_context, 32768);
  EXPECT_EQ(context_with({gguf_kv(a + "rope.scaling.type", 8, gguf_str("linear")),
                          gguf_kv(a + "rope.scaling.factor", 6, raw_bytes(2.0f))}), 2 * base);
  EXPECT_EQ(context_with({gguf_kv(a + "rope.scale_linear", 6, raw_bytes(2.0f))}), 2 * base);
  EXPECT_EQ(context_with({gguf_kv(a + "rope.scaling.type", 8, gguf_str("none")),
                          gguf_kv(a + "rope.scaling.factor", 6, raw_bytes(4.0f))}), base);
  EXPECT_EQ(context_with({gguf_kv(a + "rope.scaling.type", 8, gguf_str("yarn")),
                          gguf_kv(a + "rope.scaling.factor", 6, raw_bytes(1.0f))}), base);
  EXPECT_EQ(context_with({gguf_kv(a + "rope.scaling.type", 8, gguf_str("longrope")),
                          gguf_kv(a + "rope.scaling.factor", 6, raw_bytes(4.0f))}), base);
  EXPECT_EQ(context_with({gguf_kv("test.unrelated", 4, raw_bytes(7U))}), base) << "the padding helper changes nothing";
}

// A part of a split GGUF (llama.cpp gguf-split writes split.no and split.count as u16, split.tensors.count as i32)
// lists only its own tensors: the reader says so instead of counting one part as the model.
TEST(GgufReader, SaysWhenAFileIsOnePartOfASplitModel) {
  const GgufImage image = image_of("Qwen/Qwen3-8B", "Q4_K_M");
  const GgufFile whole = read_gguf(bytes(image.header), image.file_bytes);
  auto has_split_warning = [](const GgufFile& f) {
    return std::any_of(f.diagnostics.begin(), f.diagnostics.end(), [](const Diagnostic& d) { return d.code == "gguf.split_part"; });
  };
  EXPECT_FALSE(has_split_warning(whole));
  const GgufFile part = read_with_metadata(image, {gguf_kv("split.no", 2, raw_bytes<std::uint16_t>(0)),
                                                   gguf_kv("split.count", 2, raw_bytes<std::uint16_t>(3)),
                                                   gguf_kv("split.tensors.count", 5, raw_bytes<std::int32_t>(1200))});
  ASSERT_TRUE(has_split_warning(part));
  const auto d = std::find_if(part.diagnostics.begin(), part.diagnostics.end(), [](const Diagnostic& x) { return x.code == "gguf.split_part"; });
  EXPECT_NE(d->detail.find("part 1 of 3"), std::string::npos) << d->detail;
  EXPECT_NE(d->detail.find("of 1200"), std::string::npos) << d->detail;
  EXPECT_EQ(d->severity, Severity::kWarning);
  const GgufFile single = read_with_metadata(image, {gguf_kv("split.count", 2, raw_bytes<std::uint16_t>(1))});
  EXPECT_FALSE(has_split_warning(single));
}

// A model split as llama.cpp's gguf-split writes it reads, all parts together, as the whole file does: the same
// model, the same per-layer bytes, the same tensors. Parts that are not one model's, all of them, in order, are
// refused; a part cut short says which part needs more bytes.
TEST(GgufReader, SplitPartsTogetherReadAsTheWholeModel) {
  auto code_of = [](const GgufFile& f, const std::string& code) {
    return std::any_of(f.diagnostics.begin(), f.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
  };
  for (const auto& [preset, ftype] : {std::pair{"Qwen/Qwen3-8B", "Q4_K_M"}, std::pair{"Qwen/Qwen3-30B-A3B", "Q8_0"}}) {
    const ModelArch& m = find_preset(preset)->arch;
    Diagnostics d;
    const auto whole = write_gguf_header(m, ftype, d);
    const auto split = write_gguf_split(m, ftype, 3, d);
    ASSERT_TRUE(whole && split) << preset;
    ASSERT_EQ(split->size(), 3u);
    const GgufFile one = read_gguf(bytes(whole->header), whole->file_bytes);
    std::vector<GgufPart> parts;
    for (const GgufImage& p : *split) parts.push_back({bytes(p.header), p.file_bytes});
    const GgufFile all = read_gguf_parts(parts);
    ASSERT_EQ(all.status, ReadStatus::kOk) << (all.diagnostics.empty() ? "" : all.diagnostics[0].detail);
    ASSERT_TRUE(all.model && one.model && all.weights && one.weights);
    EXPECT_EQ(all.parts, 3);
    EXPECT_EQ(all.tensors.size(), one.tensors.size());
    EXPECT_EQ(all.elements, one.elements);
    EXPECT_EQ(*all.weights, *one.weights) << preset;
    EXPECT_EQ(all.model->num_layers, one.model->num_layers);
    EXPECT_EQ(count_params(*all.model).total(), count_params(*one.model).total());
    EXPECT_FALSE(code_of(all, "gguf.split_part"));
    // One part alone says it is one part; the later parts have no architecture of their own.
    EXPECT_TRUE(code_of(read_gguf(parts[0].prefix, parts[0].file_bytes), "gguf.split_part"));
    // Out of order, one missing, one twice: refused.
    std::vector<GgufPart> swapped = {parts[0], parts[2], parts[1]}, missing = {parts[0], parts[1]},
                          twice = {parts[0], parts[1], parts[1]};
    for (const auto& bad : {swapped, missing, twice}) {
      const GgufFile f = read_gguf_parts(bad);
      EXPECT_EQ(f.status, ReadStatus::kError);
      EXPECT_TRUE(code_of(f, "gguf.split_mismatch"));
      EXPECT_FALSE(f.model.has_value());
    }
    // The second part cut short: more bytes, for that part.
    std::vector<GgufPart> cut = parts;
    cut[1].prefix = cut[1].prefix.subspan(0, 40);
    const GgufFile more = read_gguf_parts(cut);
    EXPECT_EQ(more.status, ReadStatus::kNeedMoreBytes);
    EXPECT_EQ(more.part, 1);
    EXPECT_GT(more.bytes_needed, 40);
  }
}

std::string safetensors(const std::string& header_json, std::size_t data_bytes) {
  std::string s(8, '\0');
  const std::uint64_t n = header_json.size();
  std::memcpy(s.data(), &n, 8);
  return s + header_json + std::string(data_bytes, '\0');
}

TEST(Safetensors, CountsTensorsPerDtype) {
  const std::string h = R"({"__metadata__":{"format":"pt"},
    "a.weight":{"dtype":"BF16","shape":[4096,4096],"data_offsets":[0,33554432]},
    "b.weight":{"dtype":"F32","shape":[4096],"data_offsets":[33554432,33570816]},
    "c.qweight":{"dtype":"I32","shape":[512,4096],"data_offsets":[33570816,41959424]}})";
  const std::string file = safetensors(h, 41959424);
  const SafetensorsFile f = read_safetensors(bytes(file.substr(0, 4096)), static_cast<double>(file.size()));
  ASSERT_EQ(f.status, ReadStatus::kOk);
  EXPECT_EQ(f.tensors, 3);
  EXPECT_EQ(f.elements, 4096.0 * 4096 + 4096 + 512.0 * 4096);
  EXPECT_EQ(f.data_bytes, 41959424);
  ASSERT_EQ(f.by_dtype.size(), 3u);
  EXPECT_EQ(f.by_dtype[0].dtype, "BF16");
  EXPECT_EQ(f.by_dtype[0].bytes, 33554432);
  EXPECT_TRUE(f.diagnostics.empty());

  // Too short a read: ask for exactly the header.
  const SafetensorsFile more = read_safetensors(bytes(file.substr(0, 100)), static_cast<double>(file.size()));
  EXPECT_EQ(more.status, ReadStatus::kNeedMoreBytes);
  EXPECT_EQ(more.bytes_needed, 8.0 + h.size());
}

TEST(Safetensors, RefusesLiesAndTruncation) {
  auto code = [](const std::string& file, double size) {
    const SafetensorsFile f = read_safetensors(bytes(file), size);
    return f.diagnostics.empty() ? std::string("none") : f.diagnostics[0].code;
  };
  // Offsets that disagree with shape x dtype.
  EXPECT_EQ(code(safetensors(R"({"a":{"dtype":"F16","shape":[10],"data_offsets":[0,19]}})", 19), 1e6), "safetensors.bad_header");
  EXPECT_EQ(code(safetensors(R"({"a":{"dtype":"Q9","shape":[10],"data_offsets":[0,10]}})", 10), 1e6), "safetensors.bad_header");
  EXPECT_EQ(code(safetensors(R"({"a":{"dtype":"F16","shape":[-10],"data_offsets":[0,20]}})", 20), 1e6), "safetensors.bad_header");
  EXPECT_EQ(code(safetensors(R"([1,2,3])", 0), 1e6), "safetensors.bad_header");
  // A header length of 2^60.
  std::string huge(16, '{');
  const std::uint64_t n = 1ull << 60;
  std::memcpy(huge.data(), &n, 8);
  EXPECT_EQ(code(huge, 1e12), "safetensors.bad_header");
  // Data shorter than the header says: a warning, the header still counts.
  const std::string cut = safetensors(R"({"a":{"dtype":"F16","shape":[1000],"data_offsets":[0,2000]}})", 10);
  EXPECT_EQ(code(cut, static_cast<double>(cut.size())), "safetensors.data_truncated");
  // Deep nesting is refused before parsing.
  const SafetensorsFile deep = read_safetensors(
      bytes(safetensors("{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}", 0)), 1e6);
  ASSERT_EQ(deep.status, ReadStatus::kError);
  EXPECT_NE(deep.diagnostics.at(0).detail.find("nested deeper"), std::string::npos);
}

TEST(Safetensors, ReadsShardIndex) {
  const SafetensorsIndex x = read_safetensors_index(
      R"({"metadata":{"total_size":16060522496},"weight_map":{"a":"model-00001-of-00004.safetensors",
         "b":"model-00002-of-00004.safetensors","c":"model-00002-of-00004.safetensors"}})");
  ASSERT_TRUE(x.ok);
  EXPECT_EQ(x.total_size, 16060522496.0);
  EXPECT_EQ(x.tensors, 3);
  EXPECT_EQ(x.shards, 2);
  EXPECT_FALSE(read_safetensors_index(R"({"weight_map":{}})").ok);
  EXPECT_FALSE(read_safetensors_index("not json").ok);
}

TEST(Import, DetectsKinds) {
  EXPECT_EQ(detect_import_kind(bytes(image_of("Qwen/Qwen3-0.6B", "F16").header)), ImportKind::kGguf);
  EXPECT_EQ(detect_import_kind(bytes(safetensors("{}", 0))), ImportKind::kSafetensors);
  EXPECT_EQ(detect_import_kind(bytes("\xEF\xBB\xBF  {\"metadata\":{},\"weight_map\":{}}")), ImportKind::kSafetensorsIndex);
  EXPECT_EQ(detect_import_kind(bytes("\n{\"model_type\":\"llama\"}")), ImportKind::kConfigJson);
  EXPECT_EQ(detect_import_kind(bytes("PK\x03\x04")), ImportKind::kUnknown);
  EXPECT_EQ(detect_import_kind({}), ImportKind::kUnknown);
}

// The JS API's path: inspect the file, then pass what it returned into a request.
TEST(Import, InspectResultFeedsARequest) {
  const GgufImage image = image_of("meta-llama/Meta-Llama-3.1-8B", "Q4_K_M");
  json r = json::parse(inspect_file_json(bytes(image.header.substr(0, 1000)), image.file_bytes));
  EXPECT_EQ(r["status"], "need_more_bytes");
  r = json::parse(inspect_file_json(bytes(image.header), image.file_bytes));
  ASSERT_EQ(r["status"], "ok") << r.dump();
  EXPECT_EQ(r["summary"]["file_type"], "Q4_K_M");
  json request{{"model", r["model"]}, {"engine", "llama.cpp"}, {"weights", r["weights"]},
               {"gguf_weights", r["gguf_weights"]}, {"context", 8192}};
  const json from_file = json::parse(estimate_json(request.dump()));
  const json from_preset = json::parse(estimate_json(
      R"({"model":"meta-llama/Meta-Llama-3.1-8B","engine":"llama.cpp","weights":"Q4_K_M","context":8192})"));
  ASSERT_EQ(from_file["ok"], true) << from_file.dump();
  EXPECT_EQ(from_file["weights_bytes"], from_preset["weights_bytes"]);
  EXPECT_EQ(from_file["devices"][0]["total_bytes"], from_preset["devices"][0]["total_bytes"]);

  // Wrong layer count in gguf_weights: a clear error.
  request["gguf_weights"]["layers"] = json::array({1, 2, 3});
  const json bad = json::parse(estimate_json(request.dump()));
  EXPECT_EQ(bad["ok"], false);
  EXPECT_EQ(bad["errors"][0]["code"], "request.bad_gguf_weights");

  // A safetensors checkpoint's exact bytes replace parameters x format for vLLM.
  const json st = json::parse(inspect_file_json(
      bytes(safetensors(R"({"a":{"dtype":"BF16","shape":[1000],"data_offsets":[0,2000]}})", 2000)), 2000 + 8 + 61));
  EXPECT_EQ(st["kind"], "safetensors");
  EXPECT_EQ(st["checkpoint_bytes"], 2000);
  const json v = json::parse(estimate_json(
      R"({"model":"Qwen/Qwen3-8B","engine":"vllm","weights":"bf16","checkpoint_bytes":16381470720})"));
  ASSERT_EQ(v["ok"], true) << v.dump();
  EXPECT_EQ(v["weights_bytes"], 16381470720.0);

  const json unknown = json::parse(inspect_file_json(bytes("hello"), 5));
  EXPECT_EQ(unknown["ok"], false);
  EXPECT_EQ(unknown["diagnostics"][0]["code"], "import.unknown_kind");
}

}  // namespace
}  // namespace vramfit
