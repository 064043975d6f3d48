// Inputs panel: model, engine, precision, workload, hardware, engine options.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>

#include "../platform/browser.h"
#include "../app/field_limits.h"
#include "imgui.h"
#include "../app/strings.h"
#include "ui.h"
#include "vramfit/format.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/model.h"
#include "vramfit/presets.h"

namespace vramfit::web {
namespace {

// How the engine picker shows EngineChoice (in its order); the last is worded by the string table (kRuleOfThumb).
constexpr const char* kEngines[] = {"llama.cpp", "Ollama", "vLLM", "SGLang", "transformers", nullptr};
static_assert(std::size(kEngines) == choice::kEngineNames.size(), "one shown name per engine");
// How the vLLM release picker shows VllmReleaseChoice (in its order): the range of releases each one models.
constexpr const char* kVllmReleases[] = {"v0.21+", "v0.17 - v0.20", "v0.11 - v0.16", "v0.8 - v0.10", "V0"};
static_assert(std::size(kVllmReleases) == choice::kVllmReleaseNames.size(), "one shown name per vLLM release");

bool contains_ci(const std::string& hay, const char* needle) {
  if (*needle == '\0') return true;
  auto it = std::search(hay.begin(), hay.end(), needle, needle + std::char_traits<char>::length(needle),
                        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
  return it != hay.end();
}

// A combo over fixed option strings; `file_label`, when given, adds a first option that stands for the
// imported file (`from_file` on: the file's own weights instead of `value`).
bool string_combo(const char* id, std::string& value, std::span<const char* const> options, const std::string& file_label = "",
                  bool* from_file = nullptr) {
  bool changed = false;
  ImGui::SetNextItemWidth(-1);
  const bool file = from_file != nullptr && *from_file && !file_label.empty();
  if (ImGui::BeginCombo(id, file ? file_label.c_str() : value.c_str())) {
    if (!file_label.empty() && from_file != nullptr && ImGui::Selectable(file_label.c_str(), file)) {
      *from_file = true;
      changed = true;
    }
    for (const char* o : options) {
      if (ImGui::Selectable(o, !file && value == o)) {
        value = o;
        if (from_file != nullptr) *from_file = false;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool model_picker(AppState& st) {
  const auto& presets = model_presets();
  if (presets.empty()) return false;
  Scenario& in = st.scenario;
  const int chosen = model_index(in);
  const ModelPreset& current = presets[static_cast<std::size_t>(chosen)];
  const Imported& im = st.imported;
  const bool custom = !in.arch.empty();
  const bool imported = !custom && st.page.use_imported && im.model.has_value();
  const std::string imported_label = im.model ? std::string(tr(T::kImported)) + ": " + im.model->name : std::string();
  const ParamCounts c = count_params(current_model(st));
  const std::string label = custom ? fmt(T::kCustomModel, {format_params(c.total())}) : imported ? imported_label : current.name;
  bool changed = false;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##model", label.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##filter", tr(T::kSearchModels), st.model_filter, sizeof st.model_filter);
    text_field(st.pixel_ratio, false, false);
    if (im.model && ImGui::Selectable(imported_label.c_str(), imported)) {
      leave_custom_arch(st);
      st.page.use_imported = true;
      if (st.hub.status == 200 && im.model->name == st.hub.repo) in.hub = st.hub.repo;  // read from the Hub: linked
      changed = true;
    }
    for (int i = 0; i < static_cast<int>(presets.size()); ++i) {
      const ModelPreset& p = presets[static_cast<std::size_t>(i)];
      if (!contains_ci(p.name, st.model_filter) && !contains_ci(p.id, st.model_filter)) continue;
      const std::string entry = p.name + "  (" + format_params(count_params(p.arch).total()) + ")";
      if (ImGui::Selectable(entry.c_str(), !custom && !imported && i == chosen)) {
        leave_custom_arch(st);
        in.model = p.id == kDefaultModelId ? "" : p.id;
        in.hub.clear();
        st.page.use_imported = false;
        st.page.llama_from_file = false;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::TextDisabled("%s", fmt(T::kParamsLine, {format_params(c.total()), format_params(c.active())}).c_str());
  if (!imported && !custom) help_tooltip((current.id + "\nconfig.json: https://huggingface.co/" + current.id).c_str());
  return changed;
}

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
  const InferenceEstimate& e = st.analysis.estimate;
  const DeviceUsage* gpu = nullptr;
  for (const DeviceUsage& d : e.devices)
    if (!d.host) {
      gpu = &d;
      break;
    }
  auto estimated = [&](const std::string& id) {
    double s = 0;
    if (gpu != nullptr)
      for (const Component& c : gpu->components)
        if (c.id == id) s += c.bytes;
    return s;
  };
  const char* headers[] = {tr(T::kLogComponent), tr(T::kLogMeasured), tr(T::kLogEstimated)};
  std::string report = std::string("| ") + headers[0] + " | " + headers[1] + " | " + headers[2] + " |\n|---|---:|---:|\n";
  if (ImGui::BeginTable("##log", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    for (const char* h : headers) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const MeasuredComponent& c : im.log_measured) {
      const std::string measured = format_bytes(c.bytes, ByteUnit::kGiB);
      const double v = estimated(c.id);
      const std::string ours = v > 0 ? format_bytes(v, ByteUnit::kGiB) : "-";
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(component_label(c.id.c_str()));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(measured.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ours.c_str());
      report += std::string("| ") + component_label(c.id.c_str()) + " | " + measured + " | " + ours + " |\n";
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton(tr(T::kCopyReport))) browser::copy_text(im.log_engine + "\n\n" + report + "\n" + share_url(st, false) + "\n");
  mark_last_item("copy_log_report", st.pixel_ratio);
  return false;
}

bool import_panel(AppState& st) {
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

bool gpu_picker(AppState& st) {
  Scenario& in = st.scenario;
  const auto& gpus = gpu_catalog();
  bool changed = false;
  const int chosen = gpu_index(in);
  auto pick = [&](int index) {
    set_gpu_index(in, index);
    changed = true;
  };
  const std::string current = chosen >= 0 && chosen < static_cast<int>(gpus.size())
                                  ? gpus[static_cast<std::size_t>(chosen)].name
                                  : std::string(tr(chosen == kAnyGpu ? T::kAnyGpu : T::kCustomGpu));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##gpu", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(tr(T::kAnyGpu), chosen == kAnyGpu)) pick(kAnyGpu);
    mark_last_item("gpu_any", st.pixel_ratio);
    if (ImGui::Selectable(tr(T::kCustomGpu), chosen == kCustomGpu)) pick(kCustomGpu);
    for (int i = 0; i < static_cast<int>(gpus.size()); ++i) {
      const GpuEntry& g = gpus[static_cast<std::size_t>(i)];
      const std::string label = g.name + "  " + format_bytes(g.memory_bytes, ByteUnit::kGB, 0);
      if (ImGui::Selectable(label.c_str(), i == chosen)) pick(i);
    }
    ImGui::EndCombo();
  }
  mark_last_item("gpu", st.pixel_ratio);
  const int now = gpu_index(in);
  if (now == kCustomGpu || (now >= 0 && gpus[static_cast<std::size_t>(now)].memory_bytes <= 0)) {
    ImGui::TextUnformatted(tr(T::kGpuMemory));
    ImGui::SetNextItemWidth(-1);
    changed |= ImGui::InputDouble("##gpumem", &in.custom_gpu_gb, 1, 8, "%.1f");
    text_field(st.pixel_ratio, true);
    in.custom_gpu_gb = clamp_field(in.custom_gpu_gb, "mem");
  }
  return changed;
}

}  // namespace

bool fraction_slider(const char* id, double& value, double lo, double hi) {
  if (!ImGui::SliderScalar(id, ImGuiDataType_Double, &value, &lo, &hi, "%.2f")) return false;
  value = shown_decimals(value, 2);
  return true;
}

// Inference or a fine-tuning step: two buttons, the chosen one filled.
bool job_toggle(AppState& st) {
  bool changed = false;
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  for (const bool training : {false, true}) {
    const bool on = st.scenario.training() == training;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_HeaderActive));
    if (ImGui::Button(tr(training ? T::kJobTraining : T::kJobInference), ImVec2(half, 0)) && !on) {
      st.scenario.job = training ? Job::kTraining : Job::kInference;
      changed = true;
    }
    mark_last_item(training ? "job_training" : "job_inference", st.pixel_ratio);
    if (on) ImGui::PopStyleColor();
    if (!training) ImGui::SameLine();
  }
  return changed;
}

void draw_inputs(AppState& st, const Fonts& fonts) {
  Scenario& in = st.scenario;
  bool changed = job_toggle(st);

  section_title(tr(T::kModel), fonts);
  changed |= model_picker(st);
  changed |= import_panel(st);

  if (in.training()) {
    draw_training_inputs(st, fonts);
    section_title(tr(T::kHardware), fonts);
    changed |= gpu_picker(st);
    if (changed) st.dirty = true;
    return;
  }

  section_title(tr(T::kEngine), fonts);
  int engine = static_cast<int>(in.engine);
  ImGui::SetNextItemWidth(-1);
  const char* engines[] = {kEngines[0], kEngines[1], kEngines[2], kEngines[3], kEngines[4], tr(T::kRuleOfThumb)};
  if (ImGui::Combo("##engine", &engine, engines, IM_ARRAYSIZE(engines))) {
    in.engine = static_cast<EngineChoice>(engine);
    changed = true;
  }
  const bool llama = in.engine == EngineChoice::kLlamaCpp || in.engine == EngineChoice::kOllama;

  section_title(tr(T::kWeights), fonts);
  const Imported& im = st.imported;
  std::string gguf_label, checkpoint_label;
  if (st.page.use_imported && im.gguf_weights)
    gguf_label = std::string(tr(T::kFromFile)) + (im.gguf_file_type.empty() ? "" : " (" + im.gguf_file_type + ")");
  if (im.checkpoint_bytes > 0) checkpoint_label = tr(T::kAsStored);
  if (gguf_label.empty()) st.page.llama_from_file = false;
  if (checkpoint_label.empty()) st.page.hf_from_file = false;
  changed |= llama ? string_combo("##wl", in.llama_weights, llama_weight_choices(), gguf_label, &st.page.llama_from_file)
                   : string_combo("##wh", in.hf_weights, hf_weight_choices(), checkpoint_label, &st.page.hf_from_file);
  if (in.engine != EngineChoice::kRuleOfThumb) {
    section_title(tr(T::kKvCache), fonts);
    changed |= llama ? string_combo("##kvl", in.kv_type, llama_kv_choices()) : string_combo("##kvh", in.kv_type, hf_kv_choices());
  }

  section_title(tr(T::kContext), fonts);
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::SliderInt("##ctx", &in.context, 256, static_cast<int>(field("ctx").hi), "%d", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  mark_last_item("context", st.pixel_ratio);
  section_title(tr(T::kSequences), fonts);
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputInt("##seq", &in.sequences, 1, 8);
  text_field(st.pixel_ratio, true);
  mark_last_item("sequences", st.pixel_ratio);
  in.sequences = clamp_field(in.sequences, "seq");

  section_title(tr(T::kHardware), fonts);
  changed |= gpu_picker(st);
  if (gpu_index(in) != kAnyGpu) {  // "any GPU" tries 1, 2, 4 and 8 of each
    ImGui::TextUnformatted(tr(T::kGpuCount));
    ImGui::SetNextItemWidth(-1);
    changed |= ImGui::InputInt("##gpus", &in.gpu_count, 1, 1);
    text_field(st.pixel_ratio, true);
    in.gpu_count = clamp_field(in.gpu_count, "n");
  }
  // A Mac: the macOS it runs sets how much of the RAM Metal gives the GPU.
  const int shown_gpu = gpu_index(in);
  const auto& catalog = gpu_catalog();
  const bool mac = shown_gpu >= 0 && shown_gpu < static_cast<int>(catalog.size()) &&
                   shared_memory_rule(catalog[static_cast<std::size_t>(shown_gpu)]) == SharedMemoryRule::kAppleMetal &&
                   catalog[static_cast<std::size_t>(shown_gpu)].unified_memory;
  if (mac || (shown_gpu == kCustomGpu && in.custom_gpu_unified)) {
    ImGui::TextUnformatted(tr(T::kMacos));
    ImGui::SetNextItemWidth(-1);
    const char* versions[] = {"macOS 13 - 15", "macOS 26"};
    int v = static_cast<int>(in.macos);
    if (ImGui::Combo("##macos", &v, versions, IM_ARRAYSIZE(versions))) {
      in.macos = static_cast<MacosChoice>(v);
      changed = true;
    }
    mark_last_item("macos", st.pixel_ratio);
  }
  ImGui::TextUnformatted(tr(T::kGpuInUse));
  help_tooltip(tr(T::kGpuInUseTip));
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputDouble("##inuse", &in.gpu_in_use_gb, 0.5, 2, "%.1f");
  text_field(st.pixel_ratio, true);
  mark_last_item("gpu_in_use", st.pixel_ratio);
  in.gpu_in_use_gb = clamp_field(in.gpu_in_use_gb, "inuse");

  section_title(tr(T::kOptions), fonts);
  if (in.engine == EngineChoice::kOllama) {
    // Which Ollama: from v0.30 it runs llama-server (a KV stream per parallel slot), before its own runner (one
    // unified stream).
    ImGui::TextUnformatted(tr(T::kOllamaRelease));
    ImGui::SetNextItemWidth(-1);
    const char* releases[] = {"v0.30+", "v0.29 -"};
    int release = static_cast<int>(in.ollama_release);
    if (ImGui::Combo("##or", &release, releases, IM_ARRAYSIZE(releases))) {
      in.ollama_release = static_cast<OllamaReleaseChoice>(release);
      changed = true;
    }
    mark_last_item("ollama_release", st.pixel_ratio);
  }
  if (llama) {
    changed |= ImGui::Checkbox(tr(T::kFlashAttention), &in.flash_attention);
    changed |= ImGui::Checkbox(tr(T::kCpuOnly), &in.cpu_only);
    if (!in.cpu_only) {
      ImGui::TextUnformatted(tr(T::kGpuLayers));
      ImGui::SetNextItemWidth(-1);
      const int max_layers = current_model(st).num_layers + 1;
      int ngl = in.gpu_layers < 0 ? max_layers : in.gpu_layers;
      if (ImGui::SliderInt("##ngl", &ngl, 0, max_layers, ngl >= max_layers ? tr(T::kGpuLayersAll) : "%d")) {
        in.gpu_layers = ngl >= max_layers ? -1 : ngl;
        changed = true;
      }
      // MoE models: how many layers keep their routed experts in host RAM (llama.cpp --n-cpu-moe).
      const ModelArch& model = current_model(st);
      if (model.moe.num_experts > 0) {
        ImGui::TextUnformatted(tr(T::kCpuMoe));
        help_tooltip(tr(T::kCpuMoeTip));
        ImGui::SetNextItemWidth(-1);
        int n = std::min(in.n_cpu_moe, model.num_layers);
        const char* shown = n == 0 ? tr(T::kCpuMoeNone) : n >= model.num_layers ? tr(T::kGpuLayersAll) : "%d";
        if (ImGui::SliderInt("##ncmoe", &n, 0, model.num_layers, shown)) {
          in.n_cpu_moe = n;
          changed = true;
        }
        mark_last_item("n_cpu_moe", st.pixel_ratio);
      }
    }
  }
  // Speculative decoding's draft model, where the estimate models one (llama.cpp's llama-server, vLLM).
  if (in.engine == EngineChoice::kLlamaCpp || in.engine == EngineChoice::kVllm) {
    ImGui::TextUnformatted(tr(T::kDraftModel));
    ImGui::SetNextItemWidth(-1);
    const ModelPreset* draft = in.draft_model.empty() ? nullptr : find_preset(in.draft_model);
    if (ImGui::BeginCombo("##draft", draft != nullptr ? draft->name.c_str() : tr(T::kDraftNone), ImGuiComboFlags_HeightLarge)) {
      if (ImGui::Selectable(tr(T::kDraftNone), draft == nullptr)) {
        in.draft_model.clear();
        changed = true;
      }
      for (const ModelPreset& p : model_presets())
        if (ImGui::Selectable(p.name.c_str(), draft == &p)) {
          in.draft_model = p.id;
          changed = true;
        }
      ImGui::EndCombo();
    }
    mark_last_item("draft_model", st.pixel_ratio);
  }
  if (in.engine == EngineChoice::kVllm) {
    ImGui::TextUnformatted(tr(T::kUtilization));
    ImGui::SetNextItemWidth(-1);
    changed |= fraction_slider("##util", in.gpu_memory_utilization, 0.3, 0.98);
    ImGui::TextUnformatted(tr(T::kVllmRelease));
    ImGui::SetNextItemWidth(-1);
    int release = static_cast<int>(in.vllm_release);
    if (ImGui::Combo("##vr", &release, kVllmReleases, IM_ARRAYSIZE(kVllmReleases))) {
      in.vllm_release = static_cast<VllmReleaseChoice>(release);
      changed = true;
    }
    mark_last_item("vllm_release", st.pixel_ratio);
  } else if (in.engine == EngineChoice::kSglang) {
    // 0 is SGLang's own rule for this GPU and TP; the slider shows the value that rule gives.
    ImGui::TextUnformatted(tr(T::kMemFraction));
    ImGui::SetNextItemWidth(-1);
    const double used = sglang_mem_fraction(st.analysis.request);
    double shown = used;
    const char* format = in.mem_fraction_static > 0 ? "%.3f" : tr(T::kMemFractionDefault);
    const double lo = 0.3, hi = 0.98;
    if (ImGui::SliderScalar("##mfs", ImGuiDataType_Double, &shown, &lo, &hi, format)) {
      in.mem_fraction_static = shown_decimals(shown, 3);
      changed = true;
    }
    mark_last_item("mem_fraction_static", st.pixel_ratio);
  } else if (in.engine == EngineChoice::kTransformers) {
    ImGui::TextUnformatted(tr(T::kAttention));
    ImGui::SetNextItemWidth(-1);
    const auto names = choice_names<AttentionChoice>();
    const char* attentions[] = {names[0].data(), names[1].data(), names[2].data()};  // literals: null-terminated
    int attention = static_cast<int>(in.attention);
    if (ImGui::Combo("##attn", &attention, attentions, IM_ARRAYSIZE(attentions))) {
      in.attention = static_cast<AttentionChoice>(attention);
      changed = true;
    }
    ImGui::TextUnformatted(tr(T::kPromptTokens));
    ImGui::SetNextItemWidth(-1);
    changed |= ImGui::InputInt("##prompt", &in.prompt_tokens, 64, 1024);
    text_field(st.pixel_ratio, true);
    in.prompt_tokens = clamp_field(in.prompt_tokens, "pt");
    ImGui::TextUnformatted(tr(T::kNewTokens));
    ImGui::SetNextItemWidth(-1);
    changed |= ImGui::InputInt("##new", &in.new_tokens, 16, 256);
    text_field(st.pixel_ratio, true);
    in.new_tokens = clamp_field(in.new_tokens, "nt");
  }
  if (changed) st.dirty = true;
}

}  // namespace vramfit::web
