#include "vramfit/format.h"

#include <cmath>
#include <cstdio>

#include "vramfit/units.h"

namespace vramfit {

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  // Avoid "-0.00".
  std::string s = buf;
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
  return s;
}

std::string format_bytes(double bytes, ByteUnit unit, int decimals) {
  if (!std::isfinite(bytes)) return "n/a";
  switch (unit) {
    case ByteUnit::kGB: return format_fixed(bytes / kGB, decimals) + " GB";
    case ByteUnit::kGiB: return format_fixed(bytes / kGiB, decimals) + " GiB";
    case ByteUnit::kMiB: return format_fixed(bytes / kMiB, decimals) + " MiB";
  }
  return "n/a";
}

std::string format_params(double params) {
  if (!std::isfinite(params)) return "n/a";
  const double a = std::fabs(params);
  if (a >= 1e12) return format_fixed(params / 1e12, 2) + "T";
  if (a >= 1e9) return format_fixed(params / 1e9, 2) + "B";
  if (a >= 1e6) return format_fixed(params / 1e6, 0) + "M";
  if (a >= 1e3) return format_fixed(params / 1e3, 0) + "K";
  return format_fixed(params, 0);
}

}  // namespace vramfit
