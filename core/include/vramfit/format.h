// The one formatting module: the page, the CLI, the JS API and the tests print numbers through it.
#pragma once

#include <string>

namespace vramfit {

enum class ByteUnit { kGB, kGiB, kMiB };

// "14.96 GiB", "16.06 GB", "3891.24 MiB". Non-finite input prints "n/a", never "nan".
std::string format_bytes(double bytes, ByteUnit unit, int decimals = 2);

// Fixed decimals with no locale: "8.03".
std::string format_fixed(double value, int decimals);

// Parameter counts: "8.03B", "494M", "1.54T".
std::string format_params(double params);

}  // namespace vramfit
