#include "vramfit/accuracy.h"

namespace vramfit {

AccuracySummary accuracy_for(std::string_view engine) {
  for (const auto& [name, summary] : accuracy_table())
    if (name == engine) return summary;
  return AccuracySummary{};
}

}  // namespace vramfit
