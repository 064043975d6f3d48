// Sharing and export: copy link, embed code, Markdown/CSV/JSON, chart PNG; the notice for a link the page
// could not fully read; the footer of an embed.
#include <string>

#include "../platform/browser.h"
#include "imgui.h"
#include "palette.h"
#include "../app/strings.h"
#include "ui.h"
#include "vramfit/export.h"
#include "vramfit/format.h"

namespace vramfit::web {
namespace {

constexpr double kToastSeconds = 2.0;
constexpr int kEmbedDefaultHeight = 460;  // CSS px; the script in the snippet then fits the frame to its content

void toast(AppState& st, T message) {
  st.mode.toast = tr(message);
  st.mode.toast_until = browser::now_seconds() + kToastSeconds;
}

ExportWords export_words() {
  ExportWords w;
  w.title = tr(T::kExportTitle);
  w.device = tr(T::kDevice);
  w.component = tr(T::kComponent);
  w.formula = tr(T::kFormula);
  w.source = tr(T::kSource);
  w.total = tr(T::kTotal);
  w.capacity = tr(T::kCapacity);
  w.fits = tr(T::kFitsLower);
  w.does_not_fit = tr(T::kNoFitLower);
  w.host = tr(T::kHost);
  w.made_with = tr(T::kMadeWith);
  w.component_name = [](const std::string& id) { return std::string(component_label(id.c_str())); };
  w.formula_text = [](const std::string& f) { return formula_text(f); };
  return w;
}

std::string export_text(const AppState& st, ExportFormat format) {
  return export_estimate(st.analysis.estimate, format, request_summary(st.analysis.request), share_url(st, false),
                         export_words());
}

std::string embed_code(const AppState& st) {
  const std::string url = share_url(st, true);
  const std::string origin = browser::page_url();
  return "<iframe src=\"" + url + "\" title=\"" + tr(T::kEmbedTitle) + "\" width=\"100%\" height=\"" +
         std::to_string(kEmbedDefaultHeight) +
         "\" style=\"border:0;max-width:800px\" loading=\"lazy\"></iframe>\n"
         "<script>addEventListener(\"message\",function(e){if(!e.data||e.data.type!==\"vramfit:height\")return;"
         "document.querySelectorAll(\"iframe\").forEach(function(f){if(f.contentWindow===e.source)"
         "f.style.height=e.data.height+\"px\"})})</script>";
}

}  // namespace

std::string export_file_name(const AppState& st) {
  std::string name = "vramfit-" + st.analysis.request.model.name + "-" + st.analysis.request.weight_format;
  for (char& c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) c = '-';
  return name + ".png";
}

void draw_share_bar(AppState& st, const Fonts& fonts) {
  if (ImGui::Button(tr(T::kCopyLink))) {
    browser::copy_text(share_url(st, false));
    toast(st, T::kCopied);
  }
  mark_last_item("copy_link", st.pixel_ratio);
  if (st.page.use_imported && st.scenario.hub.empty()) help_tooltip(tr(T::kImportNotInLink));  // a Hub model is linked (hf=)
  ImGui::SameLine();
  if (ImGui::Button(tr(T::kEmbed))) ImGui::OpenPopup("embed");
  mark_last_item("embed", st.pixel_ratio);
  ImGui::SameLine();
  if (ImGui::Button(tr(T::kExport))) ImGui::OpenPopup("export");
  mark_last_item("export", st.pixel_ratio);
  if (browser::now_seconds() < st.mode.toast_until) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", st.mode.toast.c_str());
  }
  if (ImGui::BeginPopup("export")) {
    if (ImGui::Selectable(tr(T::kCopyMarkdown))) {
      browser::copy_text(export_text(st, ExportFormat::kMarkdown));
      toast(st, T::kCopied);
    }
    mark_last_item("export_markdown", st.pixel_ratio);
    if (ImGui::Selectable(tr(T::kCopyCsv))) {
      browser::copy_text(export_text(st, ExportFormat::kCsv));
      toast(st, T::kCopied);
    }
    mark_last_item("export_csv", st.pixel_ratio);
    if (ImGui::Selectable(tr(T::kCopyJson))) {
      copy_export_json(st);  // the toast comes with the text
    }
    mark_last_item("export_json", st.pixel_ratio);
    if (ImGui::Selectable(tr(T::kSavePng))) {
      st.mode.export_png_in_frames = 2;
      toast(st, T::kPngSaved);
    }
    mark_last_item("export_png", st.pixel_ratio);
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopup("embed")) {
    const float wrap = ImGui::GetFontSize() * 26;
    ImGui::Checkbox(tr(T::kLockInputs), &st.scenario.locked);
    const std::string code = embed_code(st);
    ImGui::PushFont(fonts.caption);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextDisabled("%s", tr(T::kEmbedHint));
    ImGui::TextUnformatted(code.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (ImGui::Button(tr(T::kCopyEmbedCode))) {
      browser::copy_text(code);
      toast(st, T::kCopied);
    }
    mark_last_item("copy_embed", st.pixel_ratio);
    ImGui::EndPopup();
  }
}

void draw_link_notice(AppState& st) {
  if (st.mode.link_diagnostics.empty()) return;
  ImGui::PushTextWrapPos(0);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(over_capacity_text()));
  ImGui::TextUnformatted(tr(T::kLinkProblems));
  ImGui::PopStyleColor();
  mark_last_item("link_notice", st.pixel_ratio);
  for (const Diagnostic& d : st.mode.link_diagnostics) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", diagnostic_text(d).c_str());
  }
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton(tr(T::kDismiss))) st.mode.link_diagnostics.clear();
}

void draw_embed_footer(AppState& st, const Fonts& fonts) {
  ImGui::PushFont(fonts.caption);
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", request_summary(st.analysis.request).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  if (ImGui::Button(tr(T::kOpenFull))) browser::open_url(share_url(st, false));
  mark_last_item("open_full", st.pixel_ratio);
  if (!st.scenario.locked && ImGui::CollapsingHeader(tr(T::kChangeInputs))) draw_inputs(st, fonts);
}

}  // namespace vramfit::web
