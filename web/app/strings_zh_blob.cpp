// The page's Chinese tables, filled from lang/zh-CN.bin (format: strings_zh.h) when it arrives with the Chinese
// font. Linked into the page instead of strings_zh.cpp, which keeps ~14 KB of Chinese text out of the wasm that
// every English reader downloads. Anything but a whole, matching file leaves the tables empty: English.
#include <cstring>
#include <utility>
#include <vector>

#include "strings.h"
#include "strings_zh.h"

namespace vramfit::web {
namespace {

struct Loaded {
  std::vector<char> text;  // the file's bytes; the tables point into them (a moved vector keeps its buffer)
  std::vector<const char*> keys;
  std::vector<ComponentLabel> components;
  std::vector<DiagnosticTemplate> diagnostics;
  std::vector<FormulaPhrase> formula_phrases;
  ChineseTables tables;
};

Loaded& loaded() {
  static Loaded l;
  return l;
}

// Reads the file front to back; any read past its end or a string without its NUL fails the whole file.
class Reader {
 public:
  explicit Reader(const std::vector<char>& bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == bytes_.size(); }
  std::uint32_t u32() {
    if (!ok_ || bytes_.size() - at_ < 4) return fail();
    std::uint32_t v = 0;
    for (int k = 3; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(bytes_[at_ + static_cast<std::size_t>(k)]);
    at_ += 4;
    return v;
  }
  const char* str() {
    if (!ok_) return "";
    const char* s = bytes_.data() + at_;
    const void* end = std::memchr(s, '\0', bytes_.size() - at_);
    if (end == nullptr) {
      fail();
      return "";
    }
    at_ = static_cast<std::size_t>(static_cast<const char*>(end) - bytes_.data()) + 1;
    return s;
  }
  // A section's count, refused when it could not fit in what is left (each entry takes at least one byte).
  std::size_t count() {
    const std::uint32_t n = u32();
    if (n > bytes_.size() - at_) return fail();
    return n;
  }

 private:
  std::uint32_t fail() {
    ok_ = false;
    return 0;
  }
  const std::vector<char>& bytes_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

const ChineseTables& chinese_tables() { return loaded().tables; }

bool load_chinese_tables(std::span<const unsigned char> blob) {
  Loaded next;
  next.text.assign(blob.begin(), blob.end());
  if (next.text.size() < 4 || std::memcmp(next.text.data(), kChineseBlobMagic, 4) != 0) return false;
  Reader in(next.text);
  in.u32();  // the magic, checked above
  if (in.u32() != kChineseBlobVersion || in.u32() != english_fingerprint()) return false;
  if (in.count() != static_cast<std::size_t>(T::kCount)) return false;
  for (std::size_t i = 0; in.ok() && i < static_cast<std::size_t>(T::kCount); ++i) next.keys.push_back(in.str());
  for (std::size_t i = 0, n = in.count(); in.ok() && i < n; ++i) next.components.push_back({in.str(), in.str()});
  for (std::size_t i = 0, n = in.count(); in.ok() && i < n; ++i) next.diagnostics.push_back({in.str(), in.str()});
  for (std::size_t i = 0, n = in.count(); in.ok() && i < n; ++i) next.formula_phrases.push_back({in.str(), in.str()});
  if (!in.ok() || !in.at_end()) return false;
  next.tables = {next.keys, next.components, next.diagnostics, next.formula_phrases};
  loaded() = std::move(next);
  return true;
}

}  // namespace vramfit::web
