#include "vramfit/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "vramfit/units.h"

namespace vramfit {

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  // Fast path (the estimator formats dozens of numbers per estimate): scaled integer, then the point.
  static constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  const double scaled = std::fabs(value) * kPow10[decimals];
  if (scaled < 9e15) {
    const long long n = std::llround(scaled);
    char digits[32];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    std::string s(digits, end);
    if (decimals > 0) {
      if (s.size() <= static_cast<std::size_t>(decimals)) s.insert(0, static_cast<std::size_t>(decimals) + 1 - s.size(), '0');
      s.insert(s.size() - static_cast<std::size_t>(decimals), 1, '.');
    }
    if (value < 0 && n != 0) s.insert(0, 1, '-');
    return s;
  }
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
