// A file or pasted text as the import readers read it, in the form the page takes it (import.cpp
// apply_import). On the page the readers run in the import module, a second wasm fetched on the first import
// (web/platform/import_module.cpp), so the page's first visit carries neither the JSON parser nor the GGUF,
// safetensors and config.json readers; the outcome comes back in blob.h's binary form. Natively (the headless
// tests) the readers run in place (import_read.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vramfit/blob_fields.h"
#include "vramfit/engine_log.h"
#include "vramfit/gguf_reader.h"

namespace vramfit {
template <class A> void fields(A& a, MeasuredComponent& c) { a(c.id, c.bytes); }
}  // namespace vramfit

namespace vramfit::web {

// One line of the import summary: a strings.h T key and its arguments, worded at draw time (Imported::summary).
struct SummaryLine {
  int key = 0;
  std::vector<std::string> args;
};

struct ImportOutcome {
  enum class Kind { kNone, kGguf, kSafetensors, kConfig, kIndex, kLog };
  Kind kind = Kind::kNone;                   // kNone: nothing to take (the diagnostics say why)
  double bytes_needed = 0;                   // > 0: read this many bytes from the file's start and call again
  std::string file;                          // the file's name ("config.json" for pasted text)
  Diagnostics diagnostics;
  std::vector<SummaryLine> summary;
  std::optional<ModelArch> model;            // kGguf, kConfig
  std::string checkpoint_format;             // kConfig: the checkpoint as stored ("bf16", "gptq-4b-g128")
  std::optional<LlamaWeights> gguf_weights;  // kGguf
  std::string gguf_file_type;                // kGguf: "Q4_K_M", "" when unknown
  double checkpoint_bytes = 0;               // kSafetensors: this file's tensor bytes; kIndex: the total size
  std::string config_json;                   // kGguf, kConfig: the config.json the model was read from (fit mode
                                             // reads it again in the module: fit_outcome.h)
  std::string log_query;                     // kLog: the settings the log states, as a link query (engine_log_query)
  std::vector<MeasuredComponent> log_measured;  // kLog: what the engine measured on one GPU
};


template <class A> void fields(A& a, SummaryLine& l) { a(l.key, l.args); }
template <class A> void fields(A& a, ImportOutcome& o) {
  a(o.kind, o.bytes_needed, o.file, o.diagnostics, o.summary, o.model, o.checkpoint_format, o.gguf_weights,
    o.gguf_file_type, o.checkpoint_bytes, o.config_json, o.log_query, o.log_measured);
}

inline constexpr std::string_view kImportBlobMagic = "VFIM2";

inline std::string encode_import(const ImportOutcome& o) {
  blob::Writer w;
  w(std::string(kImportBlobMagic), o);
  return w.bytes();
}
// Absent when the bytes are not a whole outcome of this build's form.
inline std::optional<ImportOutcome> decode_import(std::span<const unsigned char> bytes) {
  blob::Reader r(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  std::string magic;
  ImportOutcome o;
  r(magic);
  if (!r.ok() || magic != kImportBlobMagic) return std::nullopt;
  r(o);
  if (!r.done()) return std::nullopt;
  return o;
}

// The readers (import_read.cpp: the import module and native builds, not the page).
ImportOutcome read_file_outcome(std::span<const unsigned char> prefix, double file_bytes, const std::string& name);
ImportOutcome read_config_outcome(std::string_view text);
// A split GGUF's parts read together (each part's header whole: read_gguf_parts); `name` is what the page shows.
ImportOutcome read_gguf_parts_outcome(std::span<const GgufPart> parts, const std::string& name);

}  // namespace vramfit::web
