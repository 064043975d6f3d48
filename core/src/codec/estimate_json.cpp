#include "vramfit/api_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "codec/json_codec.h"
#include "base/json_util.h"
#include "vramfit/export.h"
#include "vramfit/format.h"
#include "vramfit/resolve.h"
#include "vramfit/weight_format.h"

namespace vramfit {

nlohmann::json api::diagnostics_json(const Diagnostics& diags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : diags)
    out.push_back({{"code", d.code}, {"severity", severity_name(d.severity)}, {"field", d.field}, {"message", d.detail}});
  return out;
}

std::string api::training_result_json(const TrainingEstimate& e, Diagnostics diags) {
  for (const auto& x : e.diagnostics) diags.push_back(x);
  if (has_errors(diags))
    return nlohmann::json{{"api_version", kApiVersion}, {"ok", false}, {"errors", diagnostics_json(diags)}}.dump();
  nlohmann::json out = api::training_to_json(e);
  out["api_version"] = kApiVersion;
  out["ok"] = true;
  out["diagnostics"] = diagnostics_json(diags);
  return out.dump();
}

namespace {

using nlohmann::json;

using api::diagnostics_json;

json result_json(const InferenceRequest& req, const InferenceEstimate& e, const Diagnostics& diags) {
  json out = api::estimate_to_json(req, e);
  out["api_version"] = kApiVersion;
  out["ok"] = true;
  out["diagnostics"] = diagnostics_json(diags);
  return out;
}

std::string errors_json(const Diagnostics& diags) {
  return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", diagnostics_json(diags)}}.dump();
}

// A Scenario request (a model, or the default one), read and estimated once: the API's result, and what was
// estimated for the text forms.
struct Run {
  bool ok = false;
  std::string result;
  std::optional<InferenceRequest> inference;
  InferenceEstimate inference_estimate;
  std::optional<TrainingRequest> training;
  TrainingEstimate training_estimate;
};

Run run_scenario(const json& request) {
  Run run;
  Diagnostics diags;
  const auto read = api::read_request(request, diags);
  if (!read) {
    run.result = errors_json(diags);
    return run;
  }
  if (read->scenario.training()) {
    run.training = resolve_training(read->scenario, &read->source);
    run.training_estimate = estimate_training(*run.training);
    run.result = api::training_result_json(run.training_estimate, diags);
    run.ok = !has_errors(diags) && !has_errors(run.training_estimate.diagnostics);
    return run;
  }
  run.inference = resolve_inference(read->scenario, &read->source);
  run.inference_estimate = estimate_inference(*run.inference);
  for (const auto& x : run.inference_estimate.diagnostics) diags.push_back(x);
  run.ok = !has_errors(diags);
  run.result = run.ok ? result_json(*run.inference, run.inference_estimate, diags).dump() : errors_json(diags);
  return run;
}

json error_result(std::string_view code, std::string_view field, std::string_view message) {
  return json{{"api_version", kApiVersion},
              {"ok", false},
              {"errors", json::array({json{{"code", code}, {"field", field}, {"message", message}}})}};
}

// Largest parameter count accepted: 100 trillion, well past any model, far below 2^53.
constexpr double kMaxParams = 1e14;

// The request text as a JSON object, or the API's error for it.
std::optional<json> read_request_text(std::string_view text, std::string& error) {
  if (auto bad = json_util::check_shape(text, 8 << 20, 64)) {
    error = error_result(bad->code == "json.too_deep" ? "too_deep" : "too_large", "", bad->detail).dump();
    return std::nullopt;
  }
  json request = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) error = error_result("bad_json", "", "The request is not valid JSON.").dump();
  else if (!request.is_object()) error = error_result("bad_request", "", "The request must be a JSON object.").dump();
  else return request;
  return std::nullopt;
}

// {"params": N, "format": F} without a model: the weights of N parameters in format F alone.
bool weights_only(const json& request) { return request.contains("params") && !request.contains("model"); }

std::string weights_only_json(const json& request) {
  const auto params_it = request.find("params");
  if (params_it == request.end() || !params_it->is_number())
    return error_result("missing_field", "params", "\"params\" (number of parameters) is required.").dump();
  const double params = params_it->get<double>();
  if (!std::isfinite(params) || params <= 0 || params > kMaxParams)
    return error_result("out_of_range", "params", "\"params\" must be between 1 and 1e14.").dump();

  std::string format_id = "bf16";
  if (const auto it = request.find("format"); it != request.end()) {
    if (!it->is_string()) return error_result("bad_type", "format", "\"format\" must be a string.").dump();
    format_id = it->get<std::string>();
  }
  const auto format = weight_format_by_id(format_id);
  if (!format) return error_result("unknown_format", "format", "Unknown weight format \"" + format_id + "\".").dump();

  double row_elements = 4096;
  if (const auto it = request.find("row_elements"); it != request.end()) {
    if (!it->is_number() || !(it->get<double>() >= 1 && it->get<double>() <= 1e7))
      return error_result("out_of_range", "row_elements", "\"row_elements\" must be between 1 and 1e7.").dump();
    row_elements = it->get<double>();
  }

  const double bits = bits_per_weight(*format, row_elements);
  const double bytes = weights_bytes(params, *format, row_elements);
  json result{{"api_version", kApiVersion},
              {"ok", true},
              {"format", format->id},
              {"bits_per_weight", bits},
              {"weights_bytes", bytes},
              {"weights_text", format_bytes(bytes, ByteUnit::kGB) + " (" + format_bytes(bytes, ByteUnit::kGiB) + ")"},
              {"formula", "weights = params x bits / 8 = " + format_params(params) + " x " + format_fixed(bits, 3) +
                              " / 8"},
              {"source", format->source}};
  return result.dump();
}

}  // namespace

std::string estimate_json(std::string_view request_json) {
  std::string error;
  const auto request = read_request_text(request_json, error);
  if (!request) return error;
  return weights_only(*request) ? weights_only_json(*request) : run_scenario(*request).result;
}

std::string estimate_result_json(const InferenceRequest& request, const InferenceEstimate& estimate) {
  if (has_errors(estimate.diagnostics))
    return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", diagnostics_json(estimate.diagnostics)}}.dump();
  return result_json(request, estimate, estimate.diagnostics).dump();
}

ExportedText export_text(std::string_view request_json, std::string_view format_name) {
  std::string error;
  const auto request = read_request_text(request_json, error);
  if (!request) return {false, error};
  const auto format = export_format_by_name(format_name);
  if (format_name != "json" && !format)
    return {false, error_result("unknown_format", "format", "format must be markdown, csv, table or json.").dump()};
  if (weights_only(*request)) {
    if (format_name == "json") {
      const std::string result = weights_only_json(*request);
      return {json::parse(result, nullptr, false).value("ok", false), result};
    }
    return {false, error_result("bad_request", "", "Tables are made for requests with a model; ask for json.").dump()};
  }
  const Run run = run_scenario(*request);
  if (format_name == "json" || !run.ok) return {run.ok, run.result};
  if (run.training) {
    return {true, export_devices(run.training_estimate.devices, *format, training_summary(*run.training, run.training_estimate))};
  }
  return {true, export_estimate(run.inference_estimate, *format, request_summary(*run.inference))};
}

bool result_ok(std::string_view result_json) {
  const json r = json::parse(result_json.begin(), result_json.end(), nullptr, false);
  return r.is_object() && r.value("ok", false);
}

std::optional<double> inspect_bytes_needed(std::string_view result_json) {
  const json r = json::parse(result_json.begin(), result_json.end(), nullptr, false);
  if (!r.is_object() || r.value("status", "") != "need_more_bytes") return std::nullopt;
  const auto it = r.find("bytes_needed");
  if (it == r.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string export_json(std::string_view request_json, std::string_view format_name) {
  const ExportedText t = export_text(request_json, format_name);
  if (!t.ok) return t.text;
  return json{{"api_version", kApiVersion}, {"ok", true}, {"format", format_name}, {"text", t.text}}.dump();
}

}  // namespace vramfit

