// The page's string tables: every key in both languages, the same placeholders in both, and a Chinese wording
// for every diagnostic code the core can return (found by reading the core's sources, so a new code without a
// translation fails here).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "../../web/app/strings.h"  // by path: the name would shadow the C library's <strings.h> on an include path

namespace vramfit::web {
namespace {

std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  static const std::regex kPlaceholder(R"(\{[0-9]\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kPlaceholder); it != std::sregex_iterator(); ++it) out.insert(it->str());
  return out;
}

bool has_cjk(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xE3 && c <= 0xE9) return true;  // lead bytes of U+3000..U+9FFF (CJK symbols and ideographs)
  return false;
}

TEST(Strings, EveryKeyInBothLanguagesWithTheSamePlaceholders) {
  // Keys left as the English word on purpose: names and API terms Chinese practitioners say in English.
  const std::set<int> kSameInBoth = {static_cast<int>(T::kUtilization), static_cast<int>(T::kFlashAttention),
                                     static_cast<int>(T::kColGpu), static_cast<int>(T::kNotEvenEight),
                                     static_cast<int>(T::kZero3Mark)};
  for (int i = 0; i < static_cast<int>(T::kCount); ++i) {
    const T key = static_cast<T>(i);
    const std::string en = tr_in(Lang::kEnglish, key), zh = tr_in(Lang::kChinese, key);
    EXPECT_FALSE(en.empty()) << "English key " << i;
    EXPECT_FALSE(zh.empty()) << "Chinese key " << i;
    EXPECT_EQ(placeholders(en), placeholders(zh)) << "key " << i << ": " << en << " / " << zh;
    if (!kSameInBoth.count(i) && key != T::kListSep && key != T::kLanguageSwitch)
      EXPECT_TRUE(has_cjk(zh)) << "key " << i << " is not translated: " << zh;
  }
}

TEST(Strings, LanguageSwitchesEveryLookup) {
  set_language(Lang::kChinese);
  EXPECT_STREQ(tr(T::kVerdictFits), "放得下");
  EXPECT_STREQ(component_label("kv_cache"), "KV 缓存");
  EXPECT_EQ(fmt(T::kVerdictFitsLine, {"1 x RTX 4090", "6.28 GB", "19.5 GB"}), "1 x RTX 4090：已用 6.28 GB，空闲 19.5 GB");
  EXPECT_EQ(diagnostic_text({"link.bad_value", Severity::kWarning, "ctx", "the link's ctx=x could not be read"}),
            "链接中的 ctx 无法读取，已使用默认值。");
  EXPECT_EQ(diagnostic_text({"config.out_of_range", Severity::kError, "num_hidden_layers", "must be 1 to 1024"}),
            "config.json 中 num_hidden_layers 的值超出范围（must be 1 to 1024）");
  set_language(Lang::kEnglish);
  EXPECT_STREQ(tr(T::kVerdictFits), "Fits");
  EXPECT_STREQ(component_label("kv_cache"), "KV cache");
  EXPECT_EQ(diagnostic_text({"link.bad_value", Severity::kWarning, "ctx", "the link's ctx=x could not be read"}),
            "the link's ctx=x could not be read");
  EXPECT_EQ(lang_from_code("zh-Hans"), Lang::kChinese);
  EXPECT_EQ(lang_from_code("en-GB"), Lang::kEnglish);
  EXPECT_STREQ(lang_code(Lang::kChinese), "zh-CN");
}

TEST(Strings, EveryDiagnosticCodeOfTheCoreHasAChineseWording) {
  // Codes look like "family.name" in a diagnostic's first field: {"gguf.truncated", Severity::...} or error("...", ...).
  static const std::regex kCode(
      R"re("((?:catalog|config|device|draft|fit|gguf|import|json|launch|link|llamacpp|log|presets|reference|request|safetensors|sglang|vllm|training)\.[a-z_]+)"\s*,\s*(?:Severity|")?)re");
  std::set<std::string> codes;
  for (const auto& dir : {std::string(VRAMFIT_SOURCE_DIR) + "/core/src", std::string(VRAMFIT_SOURCE_DIR) + "/core/tools/src", std::string(VRAMFIT_SOURCE_DIR) + "/web"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".cpp") continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      for (auto it = std::sregex_iterator(s.begin(), s.end(), kCode); it != std::sregex_iterator(); ++it)
        if ((*it)[1] != "config.json") codes.insert((*it)[1]);  // a file name, not a code
    }
  }
  ASSERT_GT(codes.size(), 40u) << "the scan found too few codes: has the diagnostic syntax changed?";
  for (const char* known : {"gguf.bad_magic", "link.bad_value", "config.missing_field", "import.unknown_kind", "launch.gguf_file"})
    EXPECT_TRUE(codes.count(known)) << "the scan missed " << known;
  for (const auto& code : codes) EXPECT_TRUE(diagnostic_template_zh(code) != nullptr) << code << " has no Chinese wording";
}

}  // namespace
}  // namespace vramfit::web
