// blob.h's binary form: every catalog entry and every test config read back equal to the original (so a member
// missing from blob_fields.h fails here), hostile bytes refused without a crash, and the custom architecture
// built without JSON exactly as the config.json reader builds it.
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <fstream>
#include <random>
#include <sstream>

#include "vramfit/blob_fields.h"
#include "vramfit/catalog_blob.h"
#include "vramfit/custom_arch.h"
#include "vramfit/hf_config.h"

namespace vramfit {
namespace {

// Every scalar of a value in fields() order, one per line: a failure message shows where two values differ.
struct Dump {
  std::ostringstream out;
  template <class... T> void operator()(T&... v) { (put(v), ...); }
  template <class T> void put(T& v) {
    if constexpr (std::is_arithmetic_v<T>) out << +v << "\n";
    else if constexpr (std::is_enum_v<T>) out << static_cast<long long>(v) << "\n";
    else if constexpr (std::is_same_v<T, std::string>) out << v << "\n";
    else if constexpr (blob::is_vector<T>::value) { out << "[" << v.size() << "]\n"; for (auto& e : v) put(e); }
    else fields(*this, v);
  }
};
std::string differences(ModelArch a, ModelArch b) {
  Dump x, y;
  x(a);
  y(b);
  std::istringstream sx(x.out.str()), sy(y.out.str());
  std::string lx, ly, out;
  for (int i = 0; std::getline(sx, lx) && std::getline(sy, ly); ++i)
    if (lx != ly) out += "scalar " + std::to_string(i) + ": " + lx + " vs " + ly + "; ";
  return out;
}

template <class T> T round_trip(const T& v, bool* ok) {
  blob::Writer w;
  w(v);
  blob::Reader r(w.bytes());
  T back{};
  r(back);
  *ok = r.done();
  return back;
}

TEST(Blob, CatalogsReadBackEqual) {
  ASSERT_FALSE(preset_table().presets.empty());
  ASSERT_FALSE(gpu_table().gpus.empty());
  ASSERT_FALSE(accuracy_table().empty());
  const std::string bytes = write_catalog_blob(preset_table(), gpu_table(), accuracy_table());
  const auto back = read_catalog_blob(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(back->presets == preset_table());
  EXPECT_TRUE(back->gpus == gpu_table());
  EXPECT_TRUE(back->accuracy == accuracy_table());
  for (std::size_t i = 0; i < preset_table().presets.size(); ++i)
    EXPECT_TRUE(back->presets.presets[i] == preset_table().presets[i]) << preset_table().presets[i].id;
}

// Every member of every struct is set by some test config: a member left out of blob_fields.h reads back as its
// default and the comparison fails.
TEST(Blob, EveryTestConfigReadsBackEqual) {
#ifdef __EMSCRIPTEN__
  GTEST_SKIP() << "reads tests/data from disk; run natively";
#endif
  int models = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(VRAMFIT_SOURCE_DIR) + "/tests/data/hf_configs")) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "manifest.json") continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    const ParsedConfig p = parse_hf_config(s.str());
    if (!p.model) continue;
    bool ok = false;
    const ModelArch back = round_trip(*p.model, &ok);
    EXPECT_TRUE(ok) << entry.path();
    EXPECT_TRUE(back == *p.model) << entry.path() << ": " << differences(back, *p.model);
    ++models;
  }
  EXPECT_GE(models, 60);
}

TEST(Blob, ShortOrDamagedBytesAreRefusedWithoutACrash) {
  const std::string bytes = write_catalog_blob(preset_table(), gpu_table(), accuracy_table());
  // Every prefix (a stride keeps it quick) is refused; so is any trailing byte.
  for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 64) EXPECT_FALSE(read_catalog_blob(bytes.substr(0, n))) << n;
  EXPECT_FALSE(read_catalog_blob(bytes + "x"));
  // Random damage: refused or read, never a crash or a huge allocation (lengths are checked against what is left).
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string damaged = bytes;
    for (int k = 0; k < 4; ++k) damaged[rng() % damaged.size()] = static_cast<char>(rng());
    (void)read_catalog_blob(damaged);
  }
  blob::Reader r(std::string_view("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", 10));  // a count of 2^62
  std::vector<ModelArch> v;
  r(v);
  EXPECT_FALSE(r.ok());
}

TEST(Blob, IntegersTakeOneSpellingEach) {
  for (const std::int64_t x : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{63}, std::int64_t{64},
                               std::int64_t{-64}, std::int64_t{-65}, std::int64_t{1} << 40,
                               std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
    bool ok = false;
    EXPECT_EQ(round_trip(x, &ok), x);
    EXPECT_TRUE(ok) << x;
  }
  blob::Writer w;
  w(std::int64_t{63}, std::int64_t{64}, std::int64_t{-1});
  EXPECT_EQ(w.bytes(), std::string("\x7e\x80\x01\x01", 4));  // zigzag LEB128: 63 -> 126, 64 -> 128, -1 -> 1
  auto refused = [](std::string_view bytes) {
    blob::Reader r(bytes);
    std::int64_t x = 0;
    r(x);
    return !r.done();
  };
  EXPECT_TRUE(refused(std::string_view("\x81\x00", 2)));  // 0 with a trailing zero byte: an overlong spelling
  EXPECT_TRUE(refused(std::string_view("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 10)));  // past 64 bits
  EXPECT_TRUE(refused(std::string_view("\x80", 1)));  // cut short
  blob::Reader small(std::string_view("\x80\x04", 2));  // 256 does not fit a uint8_t
  std::uint8_t b = 0;
  small(b);
  EXPECT_FALSE(small.ok());
}

// custom_model builds the model directly; it must be what the config.json reader makes of the same text.
TEST(CustomArch, BuiltAsTheConfigReaderReadsIt) {
  std::mt19937 rng(11);
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  int checked = 0;
  for (int i = 0; i < 300; ++i) {
    CustomArch a;
    a.layers = pick(1, 120);
    a.heads = 1 << pick(0, 7);
    a.kv_heads = a.heads >> pick(0, 3);
    if (a.kv_heads < 1) a.kv_heads = 1;
    a.head_dim = 32 * pick(1, 8);
    a.hidden_size = a.heads * a.head_dim * (rng() % 2 ? 1 : 2);
    a.ffn_size = 256 * pick(1, 200);
    a.vocab_size = pick(1000, 300000);
    a.max_context = 1024 * pick(1, 256);
    a.sliding_window = rng() % 3 == 0 ? 512 * pick(1, 16) : 0;
    a.tied_embeddings = rng() % 2 == 0;
    if (rng() % 2 == 0) {
      a.experts = pick(2, 256);
      a.experts_per_token = pick(1, std::min(8, a.experts));
      a.expert_ffn_size = 128 * pick(1, 32);
      a.shared_experts = rng() % 2 ? pick(1, 2) : 0;
    }
    const ParsedConfig direct = custom_model(a);
    if (!direct.model) continue;
    const ParsedConfig read = parse_hf_config(custom_config_json(a));
    ASSERT_TRUE(read.model.has_value()) << encode_custom_arch(a);
    EXPECT_TRUE(*direct.model == *read.model) << encode_custom_arch(a) << ": " << differences(*direct.model, *read.model);
    EXPECT_EQ(direct.checkpoint_format, read.checkpoint_format) << encode_custom_arch(a);
    EXPECT_EQ(direct.diagnostics.size(), read.diagnostics.size()) << encode_custom_arch(a);
    ++checked;
  }
  EXPECT_GE(checked, 200);
}

}  // namespace
}  // namespace vramfit
