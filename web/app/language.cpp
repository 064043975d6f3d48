// The reader's display preferences. Which language the page speaks, and what changes with it: the string tables,
// the document's title and lang, and the Chinese font (fetched from our own origin the first time Chinese is
// shown). And the theme: light or dark, following the system unless the reader chose.
#include "app_state.h"
#include "../platform/browser.h"
#include "strings.h"

namespace vramfit::web {
namespace {

constexpr const char* kStorageKey = "vramfit.lang";
constexpr const char* kThemeKey = "vramfit.theme";
constexpr const char* kCjkFontUrl = "fonts/noto-sans-sc-vramfit.otf";
constexpr const char* kChineseStringsUrl = "lang/zh-CN.bin";  // web/strings_zh.h

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
  const Lang wanted = !st.scenario.lang.empty() ? lang_from_code(st.scenario.lang)
                      : !stored.empty()     ? lang_from_code(stored)
                                            : from_browser(browser::browser_languages());
  if (wanted == Lang::kChinese && !st.mode.chinese_requested) {
    st.mode.chinese_requested = true;
    browser::fetch_asset(kCjkFontUrl, browser::Asset::kCjkFont);
    if (!chinese_strings_loaded()) browser::fetch_asset(kChineseStringsUrl, browser::Asset::kChineseStrings);
  }
  // Until the font and the strings are both here the page speaks English: no '?' for missing glyphs, no frame
  // half in one language. If either cannot be had, it stays English.
  const Lang lang = wanted == Lang::kChinese && chinese_ready(st) ? Lang::kChinese : Lang::kEnglish;
  set_language(lang);
  browser::set_document_language(lang_code(lang), tr(T::kPageTitle), tr(T::kPageDescription));
  st.dirty = true;
}

void switch_language(AppState& st) {
  const Lang next = language() == Lang::kChinese ? Lang::kEnglish : Lang::kChinese;
  st.scenario.lang = lang_code(next);
  browser::storage_set(kStorageKey, st.scenario.lang);
  apply_language(st);
}

bool chinese_ready(const AppState& st) { return chinese_strings_loaded() && !st.mode.cjk_font.empty(); }

namespace {
// Both halves here: rebuild the fonts with the Chinese glyphs and show Chinese (if it is still wanted).
void chinese_arrived(AppState& st) {
  if (!chinese_ready(st)) return;
  st.mode.fonts_stale = true;
  apply_language(st);
}
}  // namespace

void take_cjk_font(AppState& st, const unsigned char* bytes, int length) {
  if (bytes == nullptr || length <= 0) return;  // not available: the page stays English
  st.mode.cjk_font.assign(bytes, bytes + length);
  chinese_arrived(st);
}

void chinese_strings_arrived(AppState& st) { chinese_arrived(st); }

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
