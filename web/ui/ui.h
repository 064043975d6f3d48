// The page's UI, drawn each frame from AppState. One file per panel.
#pragma once

#include <string>
#include <vector>

#include "../app/app_state.h"
#include "theme.h"

namespace vramfit::web {

void draw_ui(AppState& state, const Fonts& fonts);

// Panels (ui_inputs.cpp, ui_results.cpp, ui_charts.cpp).
void draw_inputs(AppState& state, const Fonts& fonts);
// Under the model picker: the import panel, the custom architecture and the Hugging Face reader (ui_import.cpp).
bool draw_import_panel(AppState& state);
// A fraction dragged over the range worth dragging ([lo, hi]); what the reader sets is kept to the two decimals
// shown, while a link's value (anywhere in its field's limits) is left as it is until dragged.
bool fraction_slider(const char* id, double& value, double lo, double hi);
void draw_verdict(const AppState& state, const Fonts& fonts);
void draw_breakdown(const AppState& state, const Fonts& fonts);
// Memory vs context (or sequence length) and vs batch (or micro-batch), with tabs to switch.
void draw_sweep_chart(AppState& state, const Fonts& fonts);
void draw_details(const AppState& state, const Fonts& fonts);
// ui_fits.cpp
void draw_what_fits(AppState& state, const Fonts& fonts);
void draw_formats(AppState& state, const Fonts& fonts);
// ui_launch.cpp: "Run it", the command for the estimate's settings
void draw_launch(AppState& state, const Fonts& fonts);
// ui_share.cpp
void draw_share_bar(AppState& state, const Fonts& fonts);
void draw_link_notice(AppState& state);
void draw_embed_footer(AppState& state, const Fonts& fonts);
std::string export_file_name(const AppState& state);  // "vramfit-Llama-3.1-8B-Q4_K_M.png"

// What the result views show: the inference estimate's devices, or the fine-tuning step's (ui_training.cpp).
const std::vector<DeviceUsage>& shown_devices(const AppState& state);
const Diagnostics& shown_diagnostics(const AppState& state);
const std::string& shown_gpu_name(const AppState& state);
void draw_training_inputs(AppState& state, const Fonts& fonts);
void draw_training_verdict(const AppState& state, const Fonts& fonts);
// "Any GPU" (Inputs::gpu_index == kAnyGpu): how many catalog GPUs hold the job and the ones worth naming
// (ui_results.cpp); the verdict's usual lines follow for the smallest.
void draw_any_answer(const AppState& state, const Fonts& fonts);
// The measured error behind the chosen engine's estimates, with a way to the report (assets/accuracy.json).
void draw_accuracy_note(const AppState& state, const Fonts& fonts);

// Small shared helpers.
std::string gb(double bytes);  // "6.28 GB", two decimals below 10 GB, one above
std::string tokens_k(double tokens);  // "63.8K" (K = 1024), "512"; as the tables and the chart write tokens
void section_title(const char* text, const Fonts& fonts);
void help_tooltip(const char* text);
// Publishes the last item's rect under `id` for browser tests (browser::mark_item), in CSS pixels.
void mark_last_item(const char* id, float pixel_ratio);
// Call after each text field (InputText, InputInt, InputFloat): where a tap calls up the on-screen keyboard
// (browser::mark_text_field), a number pad when `numeric`. `step_buttons`: the field has ImGui's - and + beside
// it, which stay buttons.
void text_field(float pixel_ratio, bool numeric, bool step_buttons = true);

}  // namespace vramfit::web
