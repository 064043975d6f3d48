// Fit mode (fit.h) across the two modules. The search runs in the second module (the import module, fetched on
// first use: web/platform/import_module.cpp) so that the page's first visit does not carry it; the question goes
// there and the answer comes back in blob.h's binary form, each configuration as the share link that opens it.
// Natively (the headless tests, the CLI) fit() runs in place.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vramfit/blob_fields.h"
#include "vramfit/fit.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"


namespace vramfit::web {

inline constexpr std::string_view kFitRequestMagic = "VFFQ1";
inline constexpr std::string_view kFitResultMagic = "VFFR1";

// The question: the page's Scenario as its share query, the goal, and the model the page shows when it is not the
// Scenario's own (an imported file's: its config.json, read again there, and its weights as stored), so that the
// page carries no writer for a whole model.
struct FitModel {
  bool imported = false;             // the model is the imported file's, not the Scenario's preset or architecture
  std::string config_json;           // imported: the config.json it was read from
  std::string checkpoint_format;     // ModelSource's other members, as page_model_source sets them
  std::optional<LlamaWeights> gguf_weights;
  std::string gguf_file_type;
  double checkpoint_bytes = 0;
  bool weights_as_stored = false;
};
template <class A> void fields(A& a, FitModel& m) {
  a(m.imported, m.config_json, m.checkpoint_format, m.gguf_weights, m.gguf_file_type, m.checkpoint_bytes,
    m.weights_as_stored);
}
inline std::string encode_fit_request(const Scenario& s, FitGoal goal, const FitModel& model) {
  blob::Writer w;
  w(std::string(kFitRequestMagic), encode_share_query(s), static_cast<int>(goal), model);
  return w.bytes();
}
struct FitRequest {
  Scenario scenario;
  FitGoal goal = FitGoal::kQuality;
  FitModel model;
};
inline std::optional<FitRequest> decode_fit_request(std::span<const unsigned char> bytes) {
  blob::Reader r(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  std::string magic, query;
  int goal = 0;
  FitRequest q;
  r(magic, query, goal, q.model);
  if (!r.done() || magic != kFitRequestMagic || goal < 0 || goal >= static_cast<int>(kFitGoalNames.size()))
    return std::nullopt;
  const ShareDecoded d = decode_share_query(query);
  if (!d.diagnostics.empty()) return std::nullopt;
  q.scenario = d.config;
  q.goal = static_cast<FitGoal>(goal);
  return q;
}

// The ModelSource the question stands for (import_read.cpp: the module and native builds, not the page); absent
// when an imported config.json no longer reads.
std::optional<ModelSource> fit_source(const FitRequest& request);

// The answer.
inline void put_candidate(blob::Writer& w, const FitCandidate& c) {
  w(encode_share_query(c.scenario), c.fits, c.gpu_bytes, c.capacity_bytes, c.host_bytes, c.decode_tokens_per_s,
    static_cast<int>(c.lost));
}
inline bool get_candidate(blob::Reader& r, FitCandidate& c) {
  std::string query;
  int lost = 0;
  r(query, c.fits, c.gpu_bytes, c.capacity_bytes, c.host_bytes, c.decode_tokens_per_s, lost);
  if (!r.ok() || lost < 0 || lost >= static_cast<int>(kFitLossNames.size())) return false;
  const ShareDecoded d = decode_share_query(query);
  if (!d.diagnostics.empty()) return false;
  c.scenario = d.config;
  c.lost = static_cast<FitLoss>(lost);
  return true;
}
inline std::string encode_fit(const FitResult& f) {
  blob::Writer w;
  w(std::string(kFitResultMagic), static_cast<int>(f.goal), f.found, f.candidates, f.notes,
    static_cast<int>(f.runners_up.size()));
  put_candidate(w, f.best);
  for (const FitCandidate& c : f.runners_up) put_candidate(w, c);
  return w.bytes();
}
// Absent when the bytes are not a whole answer of this build's form.
inline std::optional<FitResult> decode_fit(std::span<const unsigned char> bytes) {
  blob::Reader r(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  std::string magic;
  int goal = 0, runners = 0;
  FitResult f;
  r(magic, goal, f.found, f.candidates, f.notes, runners);
  if (!r.ok() || magic != kFitResultMagic || goal < 0 || goal >= static_cast<int>(kFitGoalNames.size()) ||
      runners < 0 || runners > 16)
    return std::nullopt;
  f.goal = static_cast<FitGoal>(goal);
  if (!get_candidate(r, f.best)) return std::nullopt;
  f.runners_up.resize(static_cast<std::size_t>(runners));
  for (FitCandidate& c : f.runners_up)
    if (!get_candidate(r, c)) return std::nullopt;
  if (!r.done()) return std::nullopt;
  return f;
}

}  // namespace vramfit::web
