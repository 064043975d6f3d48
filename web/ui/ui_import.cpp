// Inputs panel, the model's sources: files dropped, pasted or picked (with a pasted engine log set beside the
// estimate), the custom architecture and the Hugging Face reader.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "../app/field_limits.h"
#include "../app/strings.h"
#include "../platform/browser.h"
#include "imgui.h"
#include "ui.h"
#include "vramfit/format.h"
#include "vramfit/model.h"

namespace vramfit::web {
namespace {

// The custom architecture's fields, two columns (label, number), applied as they are edited.
bool custom_arch_editor(AppState& st) {
  CustomEditor& ed = st.custom;
  if (!ed.open) return false;
  CustomArch a = ed.fields;
  struct Row {
    T label;
    int CustomArch::*value;
    int step;
    const char* id;  // ImGui id; without its "##", the id tests find it by (mark_last_item)
  };
  static constexpr Row kRows[] = {
      {T::kArchLayers, &CustomArch::layers, 1, "##arch_layers"},
      {T::kArchHidden, &CustomArch::hidden_size, 256, "##arch_hidden"},
      {T::kArchHeads, &CustomArch::heads, 1, "##arch_heads"},
      {T::kArchKvHeads, &CustomArch::kv_heads, 1, "##arch_kv_heads"},
      {T::kArchHeadDim, &CustomArch::head_dim, 8, "##arch_head_dim"},
      {T::kArchFfn, &CustomArch::ffn_size, 256, "##arch_ffn"},
      {T::kArchVocab, &CustomArch::vocab_size, 1024, "##arch_vocab"},
      {T::kArchContext, &CustomArch::max_context, 1024, "##arch_context"},
      {T::kArchWindow, &CustomArch::sliding_window, 1024, "##arch_window"},
      {T::kArchExperts, &CustomArch::experts, 1, "##arch_experts"},
      {T::kArchExpertsPerToken, &CustomArch::experts_per_token, 1, "##arch_experts_per_token"},  // MoE only
      {T::kArchExpertFfn, &CustomArch::expert_ffn_size, 128, "##arch_expert_ffn"},
      {T::kArchSharedExperts, &CustomArch::shared_experts, 1, "##arch_shared_experts"},
  };
  bool edited = false;
  if (!ImGui::BeginTable("##arch", 2, ImGuiTableFlags_SizingStretchProp)) return false;
  for (const Row& row : kRows) {
    if (row.value == &CustomArch::experts_per_token && a.experts == 0) break;  // the MoE rows: with experts
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(row.label));
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    int& value = a.*row.value;
    edited |= ImGui::InputInt(row.id, &value, row.step, row.step * 16);
    text_field(st.pixel_ratio, true);
    mark_last_item(row.id + 2, st.pixel_ratio);
    value = std::max(value, 0);  // the rest of the range is check_custom_arch's to say
  }
  ImGui::EndTable();
  edited |= ImGui::Checkbox(tr(T::kArchTied), &a.tied_embeddings);
  if (!ed.approximates.empty()) ImGui::TextWrapped("%s", fmt(T::kArchApproximation, {ed.approximates}).c_str());
  for (const Diagnostic& d : ed.diagnostics) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.20f, 0.15f, 1));
    ImGui::TextWrapped("%s", diagnostic_text(d).c_str());
    ImGui::PopStyleColor();
  }
  if (!edited) return false;
  set_custom_arch(st, a);
  return true;
}

// "Hugging Face model": a repository read from huggingface.co when the user asks (a link naming one asks first),
// and what the read gave.
bool hub_panel(AppState& st) {
  HubReader& h = st.hub;
  bool changed = false;
  const std::string repo = h.repo.empty() ? std::string(h.input.data()) : h.repo;
  if (h.ask) {
    ImGui::TextWrapped("%s", fmt(T::kHubAsk, {st.scenario.hub}).c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr(T::kHubPrivacy));
    ImGui::PopStyleColor();
    if (ImGui::Button(tr(T::kHubRead))) {
      request_hub_read(st);
      changed = true;
    }
    mark_last_item("hub_read", st.pixel_ratio);
    ImGui::SameLine();
    if (ImGui::Button(tr(T::kHubNotNow))) h.ask = false;
    mark_last_item("hub_not_now", st.pixel_ratio);
    return changed;
  }
  if (!h.open) return changed;
  ImGui::SetNextItemWidth(-1);
  const bool entered = ImGui::InputTextWithHint("##hub", tr(T::kHubHint), h.input.data(), h.input.size(),
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  text_field(st.pixel_ratio, false, false);
  mark_last_item("hub_input", st.pixel_ratio);
  if (h.show_token) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##hub_token", tr(T::kHubToken), h.token.data(), h.token.size(), ImGuiInputTextFlags_Password);
    text_field(st.pixel_ratio, false, false);
    mark_last_item("hub_token", st.pixel_ratio);
  }
  ImGui::BeginDisabled(h.busy);
  if ((ImGui::Button(tr(T::kHubRead)) || entered) && !h.busy) {
    request_hub_read(st);
    changed = true;
  }
  ImGui::EndDisabled();
  mark_last_item("hub_read", st.pixel_ratio);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(T::kHubPrivacy));
  auto line = [](const std::string& text, bool error) {
    ImGui::PushStyleColor(ImGuiCol_Text, error ? ImVec4(0.80f, 0.20f, 0.15f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
  };
  // Received bytes as people read them: KB below a megabyte, MB above.
  auto amount = [](double bytes) {
    return bytes < 1e6 ? format_fixed(bytes / 1e3, 1) + " KB" : format_fixed(bytes / 1e6, 1) + " MB";
  };
  if (!h.files.empty() && !h.bad_id) {  // a GGUF repository: the user picks the file whose header is read
    line(fmt(T::kHubGgufIntro, {h.repo, std::to_string(h.files.size())}), false);
    auto entry = [](const HubFile& f) {  // "19.76 GB  Qwen3-32B-Q4_K_M.gguf": the size first (phones clip the end)
      std::string s = format_bytes(f.model_bytes, ByteUnit::kGB, 2) + "  " + f.label;
      if (f.parts > 1) s += "  (" + fmt(T::kHubGgufParts, {std::to_string(f.parts)}) + ")";
      return s;
    };
    const HubFile* chosen = find_hub_file(h.files, h.file);
    ImGui::SetNextItemWidth(-1);
    ImGui::BeginDisabled(h.busy);
    if (ImGui::BeginCombo("##hub_files", chosen != nullptr ? entry(*chosen).c_str() : tr(T::kHubGgufPick),
                          ImGuiComboFlags_HeightLarge)) {
      for (std::size_t i = 0; i < h.files.size(); ++i) {
        if (ImGui::Selectable(entry(h.files[i]).c_str(), &h.files[i] == chosen)) {
          request_hub_file(st, i);
          changed = true;
        }
        mark_last_item(("hub_file_" + std::to_string(i)).c_str(), st.pixel_ratio);
      }
      ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    mark_last_item("hub_files", st.pixel_ratio);
  }
  if (h.bad_id) line(tr(T::kHubBadId), true);
  else if (h.busy) line(fmt(T::kHubReading, {h.file.empty() ? repo : h.file}), false);
  else if (h.status == 200 && !h.file.empty() && st.imported.model && st.imported.model->name == h.repo) {
    const HubFile* read = find_hub_file(h.files, h.file);  // all parts of a split model
    line(fmt(T::kHubDoneFile, {h.file, amount(h.bytes), format_bytes(read != nullptr ? read->model_bytes : 0, ByteUnit::kGB, 2)}), false);
  } else if (h.status == 200 && st.imported.model && st.imported.model->name == h.repo) {
    line(fmt(T::kHubDone, {h.repo, amount(h.bytes)}), false);
    if (h.hub_params > 0) {
      const double ours = count_params(*st.imported.model).total();
      const double off = ours / h.hub_params - 1;
      if (std::abs(off) <= 0.005) line(fmt(T::kHubCountAgrees, {format_params(h.hub_params)}), false);
      else line(fmt(T::kHubCountDiffers, {format_params(h.hub_params), format_params(ours),
                                           (off > 0 ? "+" : "") + format_fixed(off * 100, 1) + "%"}), false);
    }
  } else if (h.status == 401 || h.status == 403) line(fmt(T::kHubGated, {h.repo}), true);
  else if (h.status == 404) line(fmt(T::kHubNotFound, {h.repo}), true);
  else if (h.status == 429) line(tr(T::kHubRateLimited), true);
  else if (h.status == 415) line(fmt(T::kHubNotModel, {h.repo}), true);
  else if (h.status == -1) line(tr(T::kHubOffline), true);
  else if (h.status != 0 && h.status != 200 && h.status != 300) line(fmt(T::kHubOtherError, {std::to_string(h.status)}), true);
  return changed;
}

// Open / paste / drop a model file, and what was imported.
// A pasted start-up log beside vramfit's estimate for the settings it stated: one GPU's figures, component by
// component, and a Markdown report to paste into an issue.
bool log_comparison(AppState& st) {
  const Imported& im = st.imported;
  const DeviceUsage* gpu = nullptr;
  for (const DeviceUsage& d : st.analysis.estimate.devices)
    if (!d.host) {
      gpu = &d;
      break;
    }
  auto estimated = [&](const std::string& id) {
    double s = 0;
    if (gpu != nullptr)
      for (const Component& c : gpu->components)
        if (c.id == id) s += c.bytes;
    return s > 0 ? format_bytes(s, ByteUnit::kGiB) : std::string("-");
  };
  const char* headers[] = {tr(T::kLogComponent), tr(T::kLogMeasured), tr(T::kLogEstimated)};
  if (ImGui::BeginTable("##log", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    for (const char* h : headers) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const MeasuredComponent& c : im.log_measured) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(component_label(c.id.c_str()));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_bytes(c.bytes, ByteUnit::kGiB).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(estimated(c.id).c_str());
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton(tr(T::kCopyReport))) {  // the same rows as Markdown, with the page's link
    std::string report = std::string("| ") + headers[0] + " | " + headers[1] + " | " + headers[2] + " |\n|---|---:|---:|\n";
    for (const MeasuredComponent& c : im.log_measured)
      report += std::string("| ") + component_label(c.id.c_str()) + " | " + format_bytes(c.bytes, ByteUnit::kGiB) + " | " +
                estimated(c.id) + " |\n";
    browser::copy_text(im.log_engine + "\n\n" + report + "\n" + share_url(st, false) + "\n");
  }
  mark_last_item("copy_log_report", st.pixel_ratio);
  return false;
}

}  // namespace

bool draw_import_panel(AppState& st) {
  Imported& im = st.imported;
  bool changed = false;
  if (ImGui::Button(tr(T::kOpenFile))) browser::open_file_picker();
  ImGui::SameLine();
  if (ImGui::Button(tr(T::kPasteConfig))) st.show_paste = !st.show_paste;
  if (ImGui::Button(tr(T::kCustomArchButton))) toggle_custom_editor(st);
  mark_last_item("custom_arch", st.pixel_ratio);
  ImGui::SameLine();
  if (ImGui::Button(tr(T::kHubLabel))) st.hub.open = !st.hub.open;  // the Hugging Face reader, opened on request
  mark_last_item("hub_open", st.pixel_ratio);
  changed |= hub_panel(st);
  changed |= custom_arch_editor(st);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr(T::kDropHint));
  ImGui::PopStyleColor();
  if (st.show_paste) {
    ImGui::InputTextMultiline("##paste", st.paste_text.data(), st.paste_text.size(),
                              ImVec2(-1, ImGui::GetTextLineHeight() * 6));
    text_field(st.pixel_ratio, false, false);
    if (ImGui::Button(tr(T::kUseConfig))) {
      request_config_import(st, std::string(st.paste_text.data()));  // closes the box when a model is read
      changed = true;
    }
  }
  if (im.busy) ImGui::TextDisabled("%s", tr(T::kReading));
  for (const Imported::Line& line : im.summary) ImGui::TextWrapped("%s", fmt(static_cast<T>(line.key), line.args).c_str());
  for (const Diagnostic& d : im.diagnostics) {
    const ImVec4 color = d.severity == Severity::kError ? ImVec4(0.80f, 0.20f, 0.15f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", diagnostic_text(d).c_str());
    ImGui::PopStyleColor();
  }
  if (!im.log_measured.empty()) changed |= log_comparison(st);
  if (!im.summary.empty()) {
    if (ImGui::SmallButton(tr(T::kClearImport))) {
      clear_import(st);
      changed = true;
    }
    mark_last_item("clear_import", st.pixel_ratio);
  }
  return changed;
}

}  // namespace vramfit::web
