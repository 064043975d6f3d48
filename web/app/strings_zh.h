// The Chinese tables behind strings.h's lookups. Native builds and the tests compile them in (strings_zh.cpp and
// strings_zh_core.cpp, the one source of the Chinese text). The page does not: a build step writes them to lang/zh-CN.bin
// (tools/dump_strings_zh.cpp), fetched with the Chinese font the first time Chinese is shown, and
// strings_zh_blob.cpp fills the tables from it. Until then they are empty and every Chinese lookup gives English.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace vramfit::web {

struct ComponentLabel { const char* id; const char* text; };
struct DiagnosticTemplate { const char* code; const char* text; };  // {field}, {detail}: see diagnostic_text()
struct FormulaPhrase { const char* en; const char* zh; };

struct ChineseTables {
  std::span<const char* const> keys;               // one per T (strings.h), in order; empty when not loaded
  std::span<const ComponentLabel> components;
  std::span<const DiagnosticTemplate> diagnostics;
  std::span<const FormulaPhrase> formula_phrases;  // the core's English phrases and their Chinese
};
const ChineseTables& chinese_tables();
// The core's diagnostics and formula phrases in Chinese (strings_zh_core.cpp; compiled with strings_zh.cpp).
std::span<const DiagnosticTemplate> diagnostic_templates_zh();
std::span<const FormulaPhrase> formula_phrases_zh();

// lang/zh-CN.bin: "VFZH" 1, the English table's fingerprint (u32), then four sections (keys, components,
// diagnostics, formula phrases), each a u32 count followed by that many strings (two per entry but for keys),
// every string UTF-8 ending in NUL. Integers little-endian. The fingerprint ties the file to the English table
// it was written against (same keys, same order): a stale or foreign file is refused.
inline constexpr char kChineseBlobMagic[4] = {'V', 'F', 'Z', 'H'};
inline constexpr std::uint32_t kChineseBlobVersion = 1;
std::uint32_t english_fingerprint();  // FNV-1a over every English string, NUL-separated

// The page (strings_zh_blob.cpp): fills the tables from the file's bytes. False, tables left empty (English),
// when the bytes are not a whole, matching file.
bool load_chinese_tables(std::span<const unsigned char> blob);

}  // namespace vramfit::web
