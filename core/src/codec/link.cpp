// Share links: a Scenario as a URL query, read and written by the field table (scenario.h).
#include "vramfit/share_link.h"

#include <charconv>
#include <string>

namespace vramfit {
namespace {

constexpr std::size_t kMaxPairs = 96;  // a hostile link with thousands of '&' is read up to here

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The part of a link that holds the key=value pairs.
std::string_view query_part(std::string_view link) {
  const auto q = link.find('?');
  if (q != std::string_view::npos) {
    link = link.substr(q + 1);
    const auto hash = link.find('#');
    return hash == std::string_view::npos ? link : link.substr(0, hash);
  }
  const auto hash = link.find('#');
  if (hash != std::string_view::npos) return link.substr(hash + 1);
  return link;
}

void append(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out += '&';
  out += key;
  out += '=';
  out += percent_encode(value);
}

void bad_value(ShareDecoded& out, std::string_view key, std::string_view value, const std::string& expected) {
  std::string shown(value.substr(0, 40));
  if (value.size() > 40) shown += "...";
  out.diagnostics.push_back({"link.bad_value", Severity::kWarning, std::string(key),
                             "the link's " + std::string(key) + "=" + shown + " could not be read (" + expected +
                                 "); the default is used"});
}

}  // namespace

std::string percent_decode(std::string_view text, bool* ok) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      if (c == '%' && ok != nullptr) *ok = false;
      out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~' || c == '/' || c == ':';
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string encode_share_query(const Scenario& c) {
  std::string q;
  for (const FieldSpec& f : scenario_fields())
    if (!field_at_default(f, c)) append(q, f.key, field_text(f, c));
  if (q.empty()) return q;
  return "v=" + std::to_string(kShareLinkVersion) + "&" + q;
}

ShareDecoded decode_share_query(std::string_view link, const Scenario& base) {
  ShareDecoded out;
  out.config = base;
  Scenario& c = out.config;
  if (link.size() > kShareLinkMaxBytes) {
    link = link.substr(0, kShareLinkMaxBytes);
    out.diagnostics.push_back({"link.too_long", Severity::kWarning, "",
                               "the link is longer than " + std::to_string(kShareLinkMaxBytes) +
                                   " characters; only its start was read"});
  }
  std::string_view query = query_part(link);
  std::size_t pairs = 0;
  bool escapes_ok = true;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    if (++pairs > kMaxPairs) {
      out.diagnostics.push_back({"link.too_long", Severity::kWarning, "",
                                 "the link has more than " + std::to_string(kMaxPairs) + " fields; the rest were ignored"});
      break;
    }
    const auto eq = pair.find('=');
    const std::string key = percent_decode(pair.substr(0, eq), &escapes_ok);
    const std::string value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), &escapes_ok);

    if (key == "v") {
      long long v = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || end != value.data() + value.size() || v < 1 || v > 1000000) {
        bad_value(out, key, value, "a version number");
      } else if (v > kShareLinkVersion) {
        out.diagnostics.push_back({"link.newer_version", Severity::kNote, "v",
                                   "the link was made by a newer vramfit (version " + value +
                                       "); what this version knows was read"});
      }
    } else if (const FieldSpec* f = field_by_key(key)) {
      if (const std::string why = set_field(c, *f, value); !why.empty()) bad_value(out, key, value, why);
    }
    // Unknown keys (from newer versions, or added by whoever shared the link) are ignored.
  }
  if (!escapes_ok)
    out.diagnostics.push_back({"link.bad_escape", Severity::kNote, "", "the link holds a broken %-escape; it was read as written"});
  return out;
}

}  // namespace vramfit
