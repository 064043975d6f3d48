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
// How the release and OS pickers show their choices (in the enum's order): the range each one models.
constexpr const char* kVllmReleases[] = {"v0.21+", "v0.17 - v0.20", "v0.11 - v0.16", "v0.8 - v0.10", "V0"};
constexpr const char* kOllamaReleases[] = {"v0.30+", "v0.29 -"};
constexpr const char* kMacosVersions[] = {"macOS 13 - 15", "macOS 26"};

// A labelled picker over one of the Scenario's choices, its values shown as `shown` names them.
template <class E, std::size_t N>
bool choice_combo(const char* label, const char* id, E& value, const char* const (&shown)[N], const char* mark, float pixel_ratio) {
  static_assert(N > 0);
  ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(-1);
  int v = static_cast<int>(value);
  const bool changed = ImGui::Combo(id, &v, shown, static_cast<int>(N)) && v >= 0 && v < static_cast<int>(choice_names<E>().size());
  if (changed) value = static_cast<E>(v);
  mark_last_item(mark, pixel_ratio);
  return changed;
}
static_assert(std::size(kVllmReleases) == choice::kVllmReleaseNames.size(), "one shown name per vLLM release");
static_assert(std::size(kOllamaReleases) == choice::kOllamaReleaseNames.size(), "one shown name per Ollama release");
static_assert(std::size(kMacosVersions) == choice::kMacosNames.size(), "one shown name per macOS");

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
  changed |= draw_import_panel(st);

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
  if (mac || (shown_gpu == kCustomGpu && in.custom_gpu_unified))
    changed |= choice_combo(tr(T::kMacos), "##macos", in.macos, kMacosVersions, "macos", st.pixel_ratio);
  ImGui::TextUnformatted(tr(T::kGpuInUse));
  help_tooltip(tr(T::kGpuInUseTip));
  ImGui::SetNextItemWidth(-1);
  changed |= ImGui::InputDouble("##inuse", &in.gpu_in_use_gb, 0.5, 2, "%.1f");
  text_field(st.pixel_ratio, true);
  mark_last_item("gpu_in_use", st.pixel_ratio);
  in.gpu_in_use_gb = clamp_field(in.gpu_in_use_gb, "inuse");

  section_title(tr(T::kOptions), fonts);
  // Which Ollama: from v0.30 it runs llama-server (a KV stream per parallel slot), before its own runner (one
  // unified stream).
  if (in.engine == EngineChoice::kOllama)
    changed |= choice_combo(tr(T::kOllamaRelease), "##or", in.ollama_release, kOllamaReleases, "ollama_release", st.pixel_ratio);
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
    changed |= choice_combo(tr(T::kVllmRelease), "##vr", in.vllm_release, kVllmReleases, "vllm_release", st.pixel_ratio);
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
