// The page's Scenario <-> the address bar and share links (core/share_link.h does the encoding).

#include "app_state.h"
#include "../platform/browser.h"

namespace vramfit::web {

void apply_share(AppState& st, const Scenario& c) {
  // A link names a preset (an imported file stays available in the picker), or the Hub model the page read, which
  // it keeps using (back and forward between links that name it ask nothing again).
  const bool hub_model = holds_hub_model(st, c.hub);
  st.page.use_imported = hub_model;
  st.page.llama_from_file = hub_model && st.imported.model_kind == "gguf";
  st.page.hf_from_file = hub_model && st.imported.checkpoint_bytes > 0;
  const bool had_arch = !st.scenario.arch.empty();
  st.scenario = c;
  const CustomArchDecoded custom = decode_custom_arch(c.arch);
  if (custom.arch) set_custom_arch(st, *custom.arch);
  else if (had_arch) leave_custom_arch(st);
  st.dirty = true;
}

}  // namespace vramfit::web

namespace vramfit::web {

void open_link(AppState& st, const std::string& query) {
  ShareDecoded d = decode_share_query(query);
  apply_share(st, d.config);
  apply_language(st);
  st.mode.link_diagnostics = std::move(d.diagnostics);
  st.mode.written_query = encode_share_query(st.scenario);
  hub_from_link(st);  // a Hugging Face model named by the link is read only when the user says so
}

void sync_address_bar(AppState& st, bool editing) {
  if (editing) return;  // one history entry per edit: a slider drag or a typed number lands when released
  const std::string query = encode_share_query(st.scenario);
  if (query == st.mode.written_query) return;
  browser::set_location_query(query, true);
  st.mode.written_query = query;
}

std::string share_url(const AppState& st, bool embed) {
  Scenario c = st.scenario;
  c.embed = embed;
  if (!embed) c.locked = false;
  const std::string query = encode_share_query(c);
  return browser::page_url() + (query.empty() ? "" : "?" + query);
}

}  // namespace vramfit::web
