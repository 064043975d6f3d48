// The reader's display preferences. Which language the page speaks, and what changes with it: the string tables,
// the document's title and lang, and the Chinese font (fetched from our own origin the first time Chinese is
// shown). And the theme: light or dark, following the system unless the reader chose.
#include "app_state.h"
#include "browser.h"
#include "strings.h"

namespace vramfit::web {
namespace {

constexpr const char* kStorageKey = "vramfit.lang";
constexpr const char* kThemeKey = "vramfit.theme";
constexpr const char* kCjkFontUrl = "fonts/noto-sans-sc-vramfit.otf";

// navigator.languages in order of preference: the first English or Chinese one decides.
Lang from_browser(const std::string& languages) {
  std::size_t start = 0;
  while (start <= languages.size()) {
    const auto comma = languages.find(',', start);
    const std::string tag = languages.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (tag.size() >= 2 && (tag.compare(0, 2, "zh") == 0 || tag.compare(0, 2, "ZH") == 0)) return Lang::kChinese;
    if (tag.size() >= 2 && (tag.compare(0, 2, "en") == 0 || tag.compare(0, 2, "EN") == 0)) return Lang::kEnglish;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Lang::kEnglish;
}

}  // namespace

void apply_language(AppState& st) {
  const std::string stored = browser::storage_get(kStorageKey);
  const Lang lang = !st.mode.lang.empty() ? lang_from_code(st.mode.lang)
                    : !stored.empty()     ? lang_from_code(stored)
                                          : from_browser(browser::browser_languages());
  set_language(lang);
  browser::set_document_language(lang_code(lang), tr(T::kPageTitle), tr(T::kPageDescription));
  if (lang == Lang::kChinese && !st.mode.cjk_font_requested) {
    st.mode.cjk_font_requested = true;
    browser::fetch_font(kCjkFontUrl);
  }
  st.dirty = true;
}

void switch_language(AppState& st) {
  const Lang next = language() == Lang::kChinese ? Lang::kEnglish : Lang::kChinese;
  st.mode.lang = lang_code(next);
  browser::storage_set(kStorageKey, st.mode.lang);
  apply_language(st);
}

void take_cjk_font(AppState& st, const unsigned char* bytes, int length) {
  if (bytes == nullptr || length <= 0) return;  // not available: Chinese shows with '?' until it is
  st.mode.cjk_font.assign(bytes, bytes + length);
  st.mode.fonts_stale = true;
}

bool wants_dark(AppState& st) {
  if (st.mode.theme.empty()) st.mode.theme = browser::storage_get(kThemeKey);
  if (st.mode.theme == "dark") return true;
  if (st.mode.theme == "light") return false;
  return browser::prefers_dark();
}

void switch_theme(AppState& st) {
  st.mode.theme = st.mode.dark ? "light" : "dark";
  browser::storage_set(kThemeKey, st.mode.theme);
}

}  // namespace vramfit::web
