// Share links: the page's whole configuration as a URL query ("?m=...&w=Q4_K_M&ctx=32768"), short readable
// keys, versioned so old links keep working. Only values that differ from the defaults are written.
//
// Keys, values and limits come from the field table (scenario.h). Decoding never fails: a value is kept exactly
// or refused; what it refuses (a mangled value, an unknown model, an absurd number, a link cut short or far too
// long) keeps that field's default and is named in a diagnostic. Unknown keys are ignored so links from newer
// versions (and tracking parameters) still open.
#pragma once

#include <string>
#include <string_view>

#include "vramfit/diagnostics.h"
#include "vramfit/scenario.h"

namespace vramfit {

inline constexpr int kShareLinkVersion = 1;
inline constexpr std::size_t kShareLinkMaxBytes = 4096;  // longer links are read up to here, and said to be cut

struct ShareDecoded {
  Scenario config;
  Diagnostics diagnostics;  // codes link.bad_value, link.too_long, link.newer_version, link.bad_escape
};

// "v=1&m=...". Starts without '?'; empty when everything is at its default.
std::string encode_share_query(const Scenario& config);

// Takes a query ("?a=b&c=d" or "a=b&c=d"), a fragment ("#a=b"), or a whole URL, whose query is read, on top of
// `base` (the defaults unless given: a pasted log's settings go on top of the page's).
ShareDecoded decode_share_query(std::string_view link, const Scenario& base = Scenario{});

// "%2F" -> "/", "+" -> " ". Invalid escapes are kept as written; `ok` (when given) turns false.
std::string percent_decode(std::string_view text, bool* ok = nullptr);
// Escapes everything but unreserved characters and '/', ':' (which ids use and a query allows).
std::string percent_encode(std::string_view text);

}  // namespace vramfit
