// Diagnostics: what the core says about bad or dubious input, instead of throwing. The code is stable (the UI
// looks its words up by code); `field` names the input; `detail` is an English sentence for the API and CLI.
#pragma once

#include <string>
#include <vector>

namespace vramfit {

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  std::string code;     // e.g. "config.missing_field"
  Severity severity = Severity::kError;
  std::string field;    // the input it is about, e.g. "num_hidden_layers"
  std::string detail;   // English sentence with the values filled in
  bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

inline bool has_errors(const Diagnostics& d) {
  for (const auto& x : d)
    if (x.severity == Severity::kError) return true;
  return false;
}

const char* severity_name(Severity s);

}  // namespace vramfit
