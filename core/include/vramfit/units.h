// Byte units. Bytes are doubles everywhere in vramfit (exact up to 2^53, safe across the JS boundary);
// these constants appear only where bytes are formatted or where a source states a size in a unit.
#pragma once

namespace vramfit {

inline constexpr double kKiB = 1024.0;
inline constexpr double kMiB = 1024.0 * 1024.0;
inline constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
inline constexpr double kGB = 1e9;  // vendors sell GB (10^9 bytes); engines print MiB/GiB (2^20, 2^30)
inline constexpr double kMB = 1e6;

}  // namespace vramfit
