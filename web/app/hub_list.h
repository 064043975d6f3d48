// The list of a GGUF repository's models as the Hugging Face reader (shell/hub.js) hands it to the page: one model
// per line, "name\tfile bytes\tmodel bytes\tparts". Text from the network: malformed lines are skipped, names are
// bounded and printable, numbers whole and positive. Header-only, so that the import fuzzer reads it too.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vramfit::web {

struct HubFile {            // one model of a GGUF repository, as the Hub lists it
  std::string name;          // its file (the first part of a split model), a path in the repository
  double file_bytes = 0;     // that file's bytes
  double model_bytes = 0;    // all its parts' bytes
  int parts = 1;
  std::string label;         // what the list shows: the name without its folder, and a split model's without
                             // "-00001-of-0000N.gguf"
};

// The entry named `name`, or null.
inline const HubFile* find_hub_file(const std::vector<HubFile>& files, std::string_view name) {
  for (const HubFile& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

inline constexpr std::size_t kMaxHubFiles = 400;

inline std::vector<HubFile> parse_hub_files(std::string_view list) {
  std::vector<HubFile> files;
  const auto number = [](std::string_view s) {  // a whole decimal number of bytes or parts, else 0
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0.0;
    double v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  };
  while (!list.empty() && files.size() < kMaxHubFiles) {
    const std::size_t eol = list.find('\n');
    std::string_view line = list.substr(0, eol);
    list = eol == std::string_view::npos ? std::string_view() : list.substr(eol + 1);
    std::array<std::string_view, 4> part;
    std::size_t n = 0;
    for (; n < part.size() && !line.empty(); ++n) {
      const std::size_t tab = line.find('\t');
      part[n] = line.substr(0, tab);
      line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    }
    HubFile f;
    f.name = std::string(part[0]);
    f.file_bytes = number(part[1]);
    f.model_bytes = number(part[2]);
    f.parts = static_cast<int>(std::min(number(part[3]), 99999.0));
    const bool printable = std::all_of(f.name.begin(), f.name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x20; });
    if (n == 4 && line.empty() && !f.name.empty() && f.name.size() <= 512 && printable && f.file_bytes > 0 &&
        f.model_bytes >= f.file_bytes && f.parts >= 1) {
      const std::size_t slash = f.name.rfind('/');
      f.label = f.name.substr(slash == std::string::npos ? 0 : slash + 1);
      constexpr std::size_t kSplitSuffix = 20;  // "-00001-of-00003.gguf"
      if (f.parts > 1 && f.label.size() > kSplitSuffix && f.label.compare(f.label.size() - 14, 4, "-of-") == 0)
        f.label.resize(f.label.size() - kSplitSuffix);
      files.push_back(std::move(f));
    }
  }
  return files;
}

}  // namespace vramfit::web
