// Everything the page remembers between frames, in one place (no function-static UI state).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hub_list.h"
#include "import_outcome.h"
#include "vramfit/analysis.h"
#include "vramfit/custom_arch.h"
#include "vramfit/fit.h"
#include "vramfit/inference.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"
#include "vramfit/what_fits.h"

namespace vramfit::web {

inline constexpr int kAnyGpu = -3;  // gpu_index(): no GPU chosen (gpu=any); the page answers which ones fit

// What the user imported (dropped, picked or pasted): a model and, from GGUF or safetensors files, its exact
// weight bytes. Several files may add up (config.json + model.safetensors.index.json).
struct Imported {
  std::optional<ModelArch> model;
  std::string model_json;                    // the config.json it was read from (ImportOutcome::config_json)
  std::string model_file;                    // the file the model came from
  std::string model_kind;                    // "gguf" or "config"
  std::string checkpoint_format;             // "bf16", "gptq-4b-g128", ... from config.json
  std::optional<LlamaWeights> gguf_weights;  // per-layer bytes of the GGUF's tensor index
  std::string gguf_file_type;                // "Q4_K_M", or "" when the file type is unknown
  double checkpoint_bytes = 0;               // safetensors headers or index total_size
  std::string checkpoint_file;
  std::string log_engine;                    // a pasted start-up log: its engine, and what it measured on one GPU
  std::vector<MeasuredComponent> log_measured;
  using Line = SummaryLine;                  // one line per imported file, for the panel (import_outcome.h)
  std::vector<Line> summary;
  Diagnostics diagnostics;                   // of the last import, shown under the picker
  bool busy = false;                         // a file is being read
};

// What the page holds beside the Scenario, about the imported file (which links do not carry).
struct PageInputs {
  bool use_imported = false;     // the model is the imported one (AppState::imported), not the Scenario's preset
  bool llama_from_file = false;  // llama.cpp weights: the imported GGUF's own tensors (instead of Scenario::llama_weights)
  bool hf_from_file = false;     // vLLM / transformers: the imported checkpoint as stored (instead of hf_weights)
};

// Catalog indexes for the pickers: the Scenario's model (its preset, or the default) and GPU (kCustomGpu for
// gpu=custom, kAnyGpu for gpu=any).
inline constexpr int kCustomGpu = -1;
int model_index(const Scenario& scenario);
int gpu_index(const Scenario& scenario);
void set_gpu_index(Scenario& scenario, int index);

// Which sweep the "memory versus ..." chart shows: length (context or sequence length) or batch.
enum class SweepAxis : int { kLength, kBatch };

// How the what-fits table is sorted (ImGui table sort specs, kept between frames).
struct FitsView {
  int sort_column = 2;              // GPUs needed
  bool descending = false;
  std::vector<int> order;           // rows of Analysis::fits in display order
  bool stale = true;                // re-sort: the rows or the sort changed
};

// How the page is shown and shared: what the URL said, what the page last wrote to it. (The embed layout, the
// lock and the language are the Scenario's: embed, locked, lang.)
struct PageMode {
  Diagnostics link_diagnostics;   // what the opening link could not carry; shown until dismissed
  std::string written_query;      // the query the page last put in the address bar
  std::string toast;              // a short confirmation ("Link copied"), shown until toast_until
  double toast_until = 0;
  int content_height_css = 0;     // embeds: the height last told to the parent page
  int export_png_in_frames = 0;   // > 0: save the chart as a PNG that many frames from now (once the menu is gone)
  float chart_rect[4] = {};       // the breakdown chart's last rect, device pixels: x, y, w, h
  // Chinese glyphs and strings: fetched once, when Chinese is first asked for; the glyphs are merged into the fonts.
  std::vector<unsigned char> cjk_font;
  bool chinese_requested = false;
  bool fonts_stale = false;       // rebuild the font atlas (the Chinese font and strings arrived)
  std::string theme;              // "" = follow the system (prefers-color-scheme), "light", "dark"
  bool dark = false;              // the theme in force
  int launch_target = 0;          // "Run it": which of the engine's commands is shown (Analysis::launch)
  int fit_goal = 0;               // "Fit to my hardware": the goal chosen (FitGoal)
  std::optional<FitResult> fit;   // its last answer, for fit_for (shown while the page shows fit_for or one of
  Scenario fit_for;               // the configurations it offered)
  bool fit_busy = false;          // asked of the second module, not yet answered
};

// The custom-architecture editor and the model Scenario::arch builds (set_custom_arch keeps them in step).
struct CustomEditor {
  bool open = false;
  CustomArch fields;                 // as typed; in force once check_custom_arch accepts them
  Diagnostics diagnostics;           // why the fields as typed are not in force
  std::optional<ModelArch> model;    // Scenario::arch, built
  std::string approximates;          // the model the fields were prefilled from, when they drop some of it
};

// The Hugging Face reader (on the user's request only): the repository typed, and what the last read gave.
struct HubReader {
  std::vector<char> input = std::vector<char>(256, '\0');  // "org/name" or an address, as typed
  std::vector<char> token = std::vector<char>(256, '\0');  // an access token for gated models: sent with one read,
                                                            // wiped when it ends, never stored or put in a link
  std::string repo;            // the repository being read or last read ("org/name")
  bool open = false;           // the reader's field is shown (its button was pressed, or a link named a model)
  bool busy = false;
  bool ask = false;            // a link named Scenario::hub: ask before reading it
  bool show_token = false;     // the last read was refused as gated or private
  bool bad_id = false;         // the typed text is not a repository id
  int status = 0;              // of the last read: 200, an HTTP status, -1 unreachable, 0 none yet
  double bytes = 0;            // bytes received from huggingface.co
  double hub_params = 0;       // the Hub's safetensors parameter total (0: not given)
  std::vector<HubFile> files;  // a GGUF repository's models (status 300): the user picks one to read
  std::string file;            // the GGUF file being read or last read ("" for a config.json repository)
};

struct AppState {
  Scenario scenario;            // the question: what links, the JSON API and the command line carry
  PageInputs page;
  CustomEditor custom;
  PageMode mode;
  Analysis analysis;            // the core's analyze() of the inputs
  bool dirty = true;            // inputs changed since `analysis` was computed
  char model_filter[64] = {};   // text typed into the model picker
  Imported imported;
  HubReader hub;
  FitsView fits_view;
  FitsView train_fits_view;     // the what-fits table of fine-tuning (rows of Analysis::train_fits)
  SweepAxis chart_axis = SweepAxis::kLength;  // which sweep the chart shows
  std::vector<char> paste_text = std::vector<char>(64 * 1024, '\0');  // config.json pasted into the import box
  bool show_paste = false;
  bool show_loop_details = false;  // the fine-tuning panel's "Training loop details" section is open

  // Display.
  float pixel_ratio = 1.0f;     // devicePixelRatio the fonts and style are built for
  int css_width = 0;            // CSS pixels, for layout breakpoints
  int css_height = 0;
};

// Hands the inputs (as a Scenario, with the imported model) to the core's analyze().
void recompute(AppState& state);
ModelSource page_model_source(const AppState& state);
// "Fit to my hardware": fit mode (fit.h) for the page's Scenario and model, kept in mode.fit. On the page the
// search runs in the second module (fit_outcome.h) and its answer arrives later through take_fit; natively, here.
void run_fit(AppState& state, FitGoal goal);
struct FitModel;
FitModel page_fit_model(const AppState& state);  // the model fit mode's question carries (fit_outcome.h)
void take_fit(AppState& state, std::optional<FitResult> answer);  // nullopt: it could not run
// "Copy as JSON" (the API's result for what the page shows): written in the second module on the page, in place
// natively; take_export_json copies it (nullptr: it could not be written).
void copy_export_json(AppState& state);
void take_export_json(AppState& state, const char* text);

// The page's language (language.cpp): the link's lang=, else the reader's earlier choice, else the browser's.
// Applies it: the string tables, the document's title and lang, the Chinese font when needed.
void apply_language(AppState& state);
void switch_language(AppState& state);  // the header button: the other language, remembered and put in links
// The Chinese font and strings as they arrive. Chinese is shown once both are here (chinese_ready); until then
// the page stays English, the link already saying zh-CN.
void take_cjk_font(AppState& state, const unsigned char* bytes, int length);
void chinese_strings_arrived(AppState& state);  // the tables are in (strings_zh.h load_chinese_tables)
bool chinese_ready(const AppState& state);
// The theme in force: the reader's choice (remembered), else the system's. switch_theme() is the header button.
bool wants_dark(AppState& state);
void switch_theme(AppState& state);

// Puts a link's Scenario in force (web/share.cpp): the custom architecture editor follows; an imported file stays
// available in the picker but is no longer the model.
void apply_share(AppState& state, const Scenario& config);
// Opens the page from a link (the address bar at start, or back/forward): applies what it can read and keeps
// what it could not, for the page to say.
void open_link(AppState& state, const std::string& query);
// Puts the configuration in the address bar (a new history entry) once an edit is done.
void sync_address_bar(AppState& state, bool editing);
// The link to this configuration: the full calculator, or the embed (keeps ?lock).
std::string share_url(const AppState& state, bool embed);

// The model the inputs describe: the custom architecture, the imported one or a preset.
const ModelArch& current_model(const AppState& state);
// Puts a custom architecture in force (the model, the link's arch=) when it passes the checks, else keeps the
// one in force and says why (CustomEditor::diagnostics). Choosing a preset or a file leaves custom mode.
void set_custom_arch(AppState& state, const CustomArch& arch);
void leave_custom_arch(AppState& state);
// Opens the editor, prefilled from the model in use; closes it when open.
void toggle_custom_editor(AppState& state);

// Takes in what the import readers made of a file or text (import_outcome.h). Returns how many bytes from the
// file's start the reader needs to go on (read again with that many), or 0 when the file has been taken in or
// refused. apply_import_blob: the same from the import module's bytes (a mismatched module is a diagnostic).
double apply_import(AppState& state, ImportOutcome outcome);
double apply_import_blob(AppState& state, std::span<const unsigned char> bytes);
// A pasted config.json text: on the page read by the import module (its outcome arrives later, through
// vf_import_result); natively read at once.
void request_config_import(AppState& state, const std::string& text);
#ifndef __EMSCRIPTEN__
// Native builds read in place (import_read.cpp): the start of a file of `file_bytes` bytes, or a config text.
double import_file_bytes(AppState& state, std::span<const unsigned char> prefix, double file_bytes, const std::string& name);
void import_config_text(AppState& state, const std::string& text);
#endif
void clear_import(AppState& state);
// The Hugging Face reader: reads hub.input from huggingface.co through the browser, and takes its end (status:
// 200, 300 when a GGUF repository's files wait for the user's choice, 415 when the repository holds neither a
// config.json nor a GGUF model, another HTTP status, -1 unreachable). A read replaces the import only once its
// first file has arrived (hub_begin), so a failed read leaves the page as it was. request_hub_file reads the
// chosen GGUF file's header. A link naming Scenario::hub asks first (hub.ask). Natively nothing is fetched.
void request_hub_read(AppState& state);
void request_hub_file(AppState& state, std::size_t index);
void hub_begin(AppState& state);
// The GGUF models the Hub lists: one per line, "name\tfile bytes\tmodel bytes\tparts"; malformed lines are skipped.
void hub_files(AppState& state, std::string_view list);
void hub_done(AppState& state, int status, double bytes, double hub_params);
void hub_from_link(AppState& state);
// The model imported from the Hub when it is `repo` (a link's hf=), else null.
bool holds_hub_model(const AppState& state, const std::string& repo);

}  // namespace vramfit::web
