// Everything the page remembers between frames, in one place (no function-static UI state).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vramfit/analysis.h"
#include "vramfit/custom_arch.h"
#include "vramfit/inference.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"
#include "vramfit/what_fits.h"

namespace vramfit::web {

inline constexpr const char* kFromFile = "file";
inline constexpr int kAnyGpu = -3;  // Inputs::gpu_index: no GPU chosen; the page answers which ones fit

// What the user imported (dropped, picked or pasted): a model and, from GGUF or safetensors files, its exact
// weight bytes. Several files may add up (config.json + model.safetensors.index.json).
struct Imported {
  std::optional<ModelArch> model;
  std::string model_file;                    // the file the model came from
  std::string model_kind;                    // "gguf" or "config"
  std::string checkpoint_format;             // "bf16", "gptq-4b-g128", ... from config.json
  std::optional<LlamaWeights> gguf_weights;  // per-layer bytes of the GGUF's tensor index
  std::string gguf_file_type;                // "Q4_K_M", or "" when the file type is unknown
  double checkpoint_bytes = 0;               // safetensors headers or index total_size
  std::string checkpoint_file;
  struct Line {                              // one line per imported file, for the panel: a string-table
    int key = 0;                             // pattern (strings.h T) and its arguments, worded at draw time
    std::vector<std::string> args;
  };
  std::vector<Line> summary;
  Diagnostics diagnostics;                   // of the last import, shown under the picker
  bool busy = false;                         // a file is being read
};

// A fine-tuning job's inputs, named as the share link names them (share_link.h).
struct TrainingInputs {
  std::string method = "lora";
  std::string precision = "bf16-true";
  std::string optimizer = "adamw";
  int micro_batch = 1;
  int seq_len = 2048;
  int grad_accum = 1;
  std::string checkpointing = "none";
  bool chunked_loss = false;
  int lora_rank = 16;
  std::string lora_targets = "q,k,v,o,gate,up,down";
  int data_parallel = 1;
  int tensor_parallel = 1;
  int pipeline_parallel = 1;
  std::string sharding = "none";
  bool sequence_parallel = false;
  bool offload_optimizer = false;
  bool offload_params = false;
  double train_tokens = 1e9;
  double mfu = 0.4;
  double price_per_gpu_hour = 2.0;
  // Training loop details (a collapsed section of the panel).
  std::string qlora_format = "nf4-dq";
  std::string qlora_quantizer = "transformers";
  bool old_bitsandbytes = false;
  bool holds_previous_step = false;
  bool fsdp_no_sync = false;
  int shard_group = 8;
  bool dropout = false;
  bool lora_dropout = false;
  int adapter_bytes = 0;                     // 0: as the precision sets
  bool fused_qkv = false;
  bool rmsnorm_fp32_input = true;
  double host_ram_gb = 64.0;
};

// The user's inputs. Everything shown is derived from these by the core.
struct Inputs {
  bool training = false;                 // the job: inference, or a fine-tuning step (`train`)
  TrainingInputs train;
  int model_index = -1;                  // into vramfit::model_presets(); -1 = the default model
  bool use_imported = false;             // the model is the imported one (AppState::imported), not a preset
  std::string custom_arch;               // a custom architecture's text form (custom_arch.h) in force instead of
                                         // the preset or import; "" = none (link key arch)
  EngineChoice engine = EngineChoice::kLlamaCpp;
  std::string llama_weights = "Q4_K_M";  // llama.cpp file type, or kFromFile: the imported GGUF's tensors
  std::string hf_weights = "bf16";       // vLLM / transformers checkpoint format, or kFromFile: the imported
                                         // safetensors checkpoint as stored
  std::string kv_type = "f16";
  int context = 8192;                    // tokens per sequence; never the model's maximum by default
  int sequences = 1;
  int gpu_index = -2;                    // into vramfit::gpu_catalog(); -1 = custom; -2 = the default GPU;
                                         // kAnyGpu: "which GPUs fit?" (the link's gpu=any)
  double custom_gpu_gb = 24.0;
  int gpu_count = 1;
  int gpu_layers = -1;                   // llama.cpp -ngl; -1 = all
  bool flash_attention = true;
  bool cpu_only = false;
  double gpu_memory_utilization = 0.9;
  int attention = 1;                     // 0 eager, 1 sdpa, 2 flash_attention_2
  int prompt_tokens = 1024;
  int new_tokens = 256;
};

// Which sweep the "memory versus ..." chart shows: length (context or sequence length) or batch.
enum class SweepAxis : int { kLength, kBatch };

// How the what-fits table is sorted (ImGui table sort specs, kept between frames).
struct FitsView {
  int sort_column = 2;              // GPUs needed
  bool descending = false;
  std::vector<int> order;           // rows of Analysis::fits in display order
  bool stale = true;                // re-sort: the rows or the sort changed
};

// How the page is shown and shared: what the URL said, what the page last wrote to it.
struct PageMode {
  bool embed = false;             // ?embed=1: the compact layout for an article column
  bool locked = false;            // ?lock=1 (embeds): inputs are not shown
  std::string lang;               // "" = follow the browser; "en" or "zh-CN": the reader chose, or the link said
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
};

// The custom-architecture editor and the model Inputs::custom_arch builds (set_custom_arch keeps them in step).
struct CustomEditor {
  bool open = false;
  CustomArch fields;                 // as typed; in force once check_custom_arch accepts them
  Diagnostics diagnostics;           // why the fields as typed are not in force
  std::optional<ModelArch> model;    // Inputs::custom_arch, built
  std::string approximates;          // the model the fields were prefilled from, when they drop some of it
};

struct AppState {
  Inputs inputs;
  CustomEditor custom;
  PageMode mode;
  Analysis analysis;            // the core's analyze() of the inputs
  bool dirty = true;            // inputs changed since `analysis` was computed
  char model_filter[64] = {};   // text typed into the model picker
  Imported imported;
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

// The inputs as a share-link configuration, and back (web/share.cpp). Imported files do not travel in links.
Scenario share_config(const AppState& state);
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

// Imports the start of a dropped or picked file of `file_bytes` bytes. Returns how many bytes from the start
// the reader needs to go on (call again with that many), or 0 when the file has been taken in or refused.
double import_file_bytes(AppState& state, std::span<const unsigned char> prefix, double file_bytes, const std::string& name);
// Imports a pasted config.json text.
void import_config_text(AppState& state, const std::string& text);
void clear_import(AppState& state);

}  // namespace vramfit::web
