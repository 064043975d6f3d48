// The page's widget limits are the field table's (core scenario.h): what a link may carry, a widget may hold,
// so opening a valid link never changes it.
#pragma once

#include <algorithm>
#include <cmath>

#include "vramfit/scenario.h"

namespace vramfit::web {

inline const FieldSpec& field(std::string_view key) { return *field_by_key(key); }
inline int clamp_field(int value, std::string_view key) {
  const FieldSpec& f = field(key);
  return std::clamp(value, static_cast<int>(f.lo), static_cast<int>(f.hi));
}
inline double clamp_field(double value, std::string_view key) {
  const FieldSpec& f = field(key);
  return std::clamp(value, f.lo, f.hi);
}
// A value the reader dragged or typed, kept to the decimals its widget shows (a link's value is kept as it is).
inline double shown_decimals(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace vramfit::web
