#include "vramfit/accuracy.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "base/json_util.h"

extern const std::uint8_t kAccuracyJson[];
extern const std::size_t kAccuracyJson_size;

namespace vramfit {
namespace {

const std::map<std::string, AccuracySummary, std::less<>>& table() {
  static const std::map<std::string, AccuracySummary, std::less<>> kTable = [] {
    std::map<std::string, AccuracySummary, std::less<>> t;
    const auto j = json_util::parse(std::string_view(reinterpret_cast<const char*>(kAccuracyJson), kAccuracyJson_size));
    if (!j.is_object()) return t;
    for (auto it = j.begin(); it != j.end(); ++it) {
      AccuracySummary s;
      s.cases = static_cast<int>(json_util::number(it.value(), "cases").value_or(0));
      s.median_abs_pct = json_util::number(it.value(), "median_abs_pct").value_or(0);
      s.p90_abs_pct = json_util::number(it.value(), "p90_abs_pct").value_or(0);
      t[it.key()] = s;
    }
    return t;
  }();
  return kTable;
}

}  // namespace

AccuracySummary accuracy_for(std::string_view engine) {
  const auto& t = table();
  const auto it = t.find(engine);
  return it == t.end() ? AccuracySummary{} : it->second;
}

}  // namespace vramfit
