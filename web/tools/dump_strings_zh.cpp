// Writes lang/zh-CN.bin (format: web/strings_zh.h) from the compiled-in Chinese tables (web/strings_zh.cpp), so
// the page's file says exactly what the native tests check. Built with em++ and run by Node at build time.
// Usage: node dump_strings_zh.js OUT.bin
#include <cstdint>
#include <cstdio>
#include <string>

#include "../app/strings_zh.h"

namespace {

void put_u32(std::string& out, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) out += static_cast<char>((v >> (8 * k)) & 0xFF);
}
void put_str(std::string& out, const char* s) {
  out += s;
  out += '\0';
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vramfit::web;
  if (argc != 2) {
    std::fprintf(stderr, "usage: dump_strings_zh OUT.bin\n");
    return 2;
  }
  const ChineseTables& zh = chinese_tables();
  std::string out(kChineseBlobMagic, sizeof kChineseBlobMagic);
  put_u32(out, kChineseBlobVersion);
  put_u32(out, english_fingerprint());
  put_u32(out, static_cast<std::uint32_t>(zh.keys.size()));
  for (const char* s : zh.keys) put_str(out, s);
  put_u32(out, static_cast<std::uint32_t>(zh.components.size()));
  for (const auto& c : zh.components) put_str(out, c.id), put_str(out, c.text);
  put_u32(out, static_cast<std::uint32_t>(zh.diagnostics.size()));
  for (const auto& d : zh.diagnostics) put_str(out, d.code), put_str(out, d.text);
  put_u32(out, static_cast<std::uint32_t>(zh.formula_phrases.size()));
  for (const auto& p : zh.formula_phrases) put_str(out, p.en), put_str(out, p.zh);
  std::FILE* f = std::fopen(argv[1], "wb");
  if (f == nullptr || std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "dump_strings_zh: cannot write %s\n", argv[1]);
    return 1;
  }
  std::printf("dump_strings_zh: %zu keys, %zu bytes -> %s\n", zh.keys.size(), out.size(), argv[1]);
  return 0;
}
