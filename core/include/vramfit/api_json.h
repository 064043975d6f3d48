// The request/result codec shared by the JS API (web/bindings.cpp) and the command line (core/cli):
// same request in, same bytes out, natively and in wasm.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vramfit/diagnostics.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/inference.h"

namespace vramfit {

// Takes a JSON request, returns a JSON result. Never throws; a bad request returns
// {"ok":false,"errors":[{"code":...,"field":...,"message":...}]}.
std::string estimate_json(std::string_view request_json);

// Inspects the start of a file (GGUF, safetensors, model.safetensors.index.json or config.json) of
// `file_bytes` bytes in all. While {"status":"need_more_bytes","bytes_needed":n} comes back, call again with
// the first n bytes. The result carries what a request needs to use the file: "model" (a config.json
// object), "weights" and "gguf_weights" (GGUF) or "checkpoint_bytes" (safetensors).
std::string inspect_file_json(std::span<const unsigned char> prefix, double file_bytes);
// The parts of a split GGUF read as one model (read_gguf_parts): inspect_file_json's GGUF result with "parts"; a
// part that needs more bytes gives status need_more_bytes with "part" (0-based) and "bytes_needed".
std::string inspect_gguf_parts_json(std::span<const GgufPart> parts);

struct EngineLogRead;
// A read engine log (engine_log.h) as JSON: the CLI's `vramfit log FILE`.
std::string engine_log_json(const EngineLogRead& read);
// The same from the log's text (the JS API's readLog, Python's read_log): read_engine_log, then engine_log_json.
std::string read_log_json(std::string_view log_text);

// The API's result for a request already estimated (the page's "Copy as JSON"): the same bytes estimate_json
// gives for the same request.
std::string estimate_result_json(const InferenceRequest& request, const InferenceEstimate& estimate);

// The result as text for the command line: `text` is the table (ok) or estimate_json's error object (not ok).
struct ExportedText {
  bool ok = false;
  std::string text;
};
ExportedText export_text(std::string_view request_json, std::string_view format);

// The result as text: format "markdown", "csv" or "table" (export.h), or "json" (estimate_json's bytes).
// Returns {"ok":true,"format":...,"text":...}, or estimate_json's error object.
std::string export_json(std::string_view request_json, std::string_view format);

// Share links as JSON, for the JS API: {"config": {...}, "diagnostics": [...]} from a link, and a query
// from a config object (missing fields take their defaults).
std::string share_decode_json(std::string_view link);
std::string share_encode_json(std::string_view config_json);
// The estimate a share link stands for: what the page shows when it opens that link (the link's own
// diagnostics come first).
std::string estimate_link_json(std::string_view link);

// "Which GPUs fit?": a link's configuration (inference or fine-tuning, as estimate_link_json reads it) on every
// GPU of the catalog (what_fits.h): {"ok":true,"job":...,"gpus":[{"id","name","memory_bytes","gpus_needed",...}],
// "diagnostics":[...]}, sorted by GPUs needed (none last), then memory. The link's own gpu and count are replaced.
std::string what_fits_link_json(std::string_view link);
// The same as text for the command line and exports: format "table", "markdown" or "csv"; {"ok":false,...}
// JSON when the configuration is refused (ok false).
ExportedText what_fits_link_text(std::string_view link, std::string_view format);

// Everything the page shows for a link (analysis.h): the estimate as estimate_link_json gives it, plus the
// formats side by side, the largest context and GPUs needed, both sweeps with their limits, every catalog GPU's
// fit and, for gpu=any, the catalog's answer. analysis_json is the same for an Analysis in hand (the page's).
std::string analyze_link_json(std::string_view link);
struct Analysis;
std::string analysis_json(const Analysis& analysis, const Diagnostics& prior = {});

// Fit mode (fit.h) for a link's configuration: goal "quality", "context", "sequences" or "speed". Returns
// {"ok","goal","found","candidates","best":{settings, fits, gpu_bytes, capacity_bytes, host_bytes,
// decode_tokens_per_s, link},"runners_up":[... with "lost"],"launch":{target,text},"diagnostics"}.
std::string fit_link_json(std::string_view link, std::string_view goal);
struct FitResult;
std::string fit_json(const FitResult& result, const Diagnostics& prior = {});

// The catalogs, for look-ups: "gpus" (every GPU with its figures) or "models" (every preset).
std::string catalog_json(std::string_view which);

// Reading a result back (the command line, which prints results as they are): whether it is ok, and how many
// bytes of the file an inspect_file_json result asks for next (nullopt: it needs no more).
bool result_ok(std::string_view result_json);
std::optional<double> inspect_bytes_needed(std::string_view result_json);

// The API's schema version, reported in every result.
inline constexpr int kApiVersion = 1;

}  // namespace vramfit
