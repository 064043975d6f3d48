// The accuracy summary read from assets/accuracy.json (embedded at build time): the core's definition of
// accuracy_table(). The page links web/app/catalog_blob.cpp instead.
#include <cstddef>
#include <cstdint>

#include "base/json_util.h"
#include "vramfit/accuracy.h"

extern const std::uint8_t kAccuracyJson[];
extern const std::size_t kAccuracyJson_size;

namespace vramfit {

const AccuracyTable& accuracy_table() {
  static const AccuracyTable kTable = [] {
    AccuracyTable t;
    const auto j = json_util::parse(std::string_view(reinterpret_cast<const char*>(kAccuracyJson), kAccuracyJson_size));
    if (!j.is_object()) return t;
    for (auto it = j.begin(); it != j.end(); ++it) {
      AccuracySummary s;
      s.cases = static_cast<int>(json_util::number(it.value(), "cases").value_or(0));
      s.median_abs_pct = json_util::number(it.value(), "median_abs_pct").value_or(0);
      s.p90_abs_pct = json_util::number(it.value(), "p90_abs_pct").value_or(0);
      t.emplace_back(it.key(), s);
    }
    return t;
  }();
  return kTable;
}

}  // namespace vramfit
