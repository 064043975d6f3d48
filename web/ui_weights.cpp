// The weights calculator: parameters x format -> bytes, with the formula and its source.
#include <algorithm>

#include "imgui.h"
#include "ui.h"
#include "vramfit/format.h"
#include "vramfit/weight_format.h"

namespace vramfit::web {

void draw_ui(AppState& state, const Fonts& fonts) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("vramfit", nullptr, kFlags);

  const float scale = state.pixel_ratio;
  const float content_width = std::min(ImGui::GetContentRegionAvail().x, 720.0f * scale);

  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted("vramfit");
  ImGui::PopFont();
  ImGui::PushFont(fonts.caption);
  ImGui::TextDisabled("How much GPU memory does this model need?");
  ImGui::PopFont();
  ImGui::Spacing();

  const auto formats = weight_formats();

  // Labels above their fields, fields as wide as the column: fits a 360 px phone as well as a desktop.
  const float field_width = std::min(content_width, 360.0f * scale);
  ImGui::TextUnformatted("Parameters (billions)");
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputDouble("##params", &state.params_billions, 0.5, 10.0, "%.3f");
  state.params_billions = std::clamp(state.params_billions, 0.001, 100000.0);
  const WeightFormatInfo current = weight_format_by_id(state.format_id).value_or(formats.front());
  ImGui::TextUnformatted("Weight format");
  ImGui::SetNextItemWidth(field_width);
  if (ImGui::BeginCombo("##format", std::string(current.label).c_str())) {
    for (const WeightFormatInfo& format : formats) {
      const bool selected = format.id == current.id;
      if (ImGui::Selectable(std::string(format.label).c_str(), selected)) state.format_id = format.id;
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }

  const double params = state.params_billions * 1e9;
  const double bits = bits_per_weight(current, 4096);
  const double bytes = weights_bytes(params, current, 4096);
  ImGui::Spacing();
  ImGui::PushFont(fonts.caption);
  ImGui::TextDisabled("WEIGHTS");
  ImGui::PopFont();
  ImGui::PushFont(fonts.verdict);
  ImGui::TextUnformatted((format_bytes(bytes, ByteUnit::kGB) + "  (" + format_bytes(bytes, ByteUnit::kGiB) + ")").c_str());
  ImGui::PopFont();
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted("1 GB = 10^9 bytes; 1 GiB = 2^30 bytes.");
    ImGui::EndTooltip();
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + content_width);
  ImGui::Text("= %s parameters x %s bits / 8", format_params(params).c_str(), format_fixed(bits, 3).c_str());
  ImGui::PushFont(fonts.caption);
  ImGui::TextDisabled("Source: %s", std::string(current.source).c_str());
  ImGui::PopFont();
  ImGui::PopTextWrapPos();

  ImGui::End();
}

}  // namespace vramfit::web
