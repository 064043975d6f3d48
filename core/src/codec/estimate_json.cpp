#include "vramfit/api_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "codec/json_codec.h"
#include "base/json_util.h"
#include "vramfit/export.h"
#include "vramfit/format.h"
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

std::string training_json(const json& request) {
  Diagnostics diags;
  const auto req = api::parse_training_request(request, diags);
  if (!req) return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", diagnostics_json(diags)}}.dump();
  return api::training_result_json(estimate_training(*req), diags);
}

json result_json(const InferenceRequest& req, const InferenceEstimate& e, const Diagnostics& diags) {
  json out = api::estimate_to_json(req, e);
  out["api_version"] = kApiVersion;
  out["ok"] = true;
  out["diagnostics"] = diagnostics_json(diags);
  return out;
}

// A full inference estimate: {"model": preset id or config.json, "engine": ..., ...}.
std::string inference_json(const json& request) {
  if (json_util::string(request, "job").value_or("inference") == "training") return training_json(request);
  Diagnostics diags;
  const auto req = api::parse_inference_request(request, diags);
  if (!req) return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", diagnostics_json(diags)}}.dump();
  const InferenceEstimate e = estimate_inference(*req);
  for (const auto& x : e.diagnostics) diags.push_back(x);
  if (has_errors(diags)) return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", diagnostics_json(diags)}}.dump();
  return result_json(*req, e, diags).dump();
}

json error_result(std::string_view code, std::string_view field, std::string_view message) {
  return json{{"api_version", kApiVersion},
              {"ok", false},
              {"errors", json::array({json{{"code", code}, {"field", field}, {"message", message}}})}};
}

// Largest parameter count accepted: 100 trillion, well past any model, far below 2^53.
constexpr double kMaxParams = 1e14;

}  // namespace

std::string estimate_json(std::string_view request_json) {
  if (auto bad = json_util::check_shape(request_json, 8 << 20, 64))
    return error_result(bad->code == "json.too_deep" ? "too_deep" : "too_large", "", bad->detail).dump();
  json request = json::parse(request_json.begin(), request_json.end(), nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) return error_result("bad_json", "", "The request is not valid JSON.").dump();
  if (!request.is_object()) return error_result("bad_request", "", "The request must be a JSON object.").dump();
  if (request.contains("model")) return inference_json(request);

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

std::string estimate_result_json(const InferenceRequest& request, const InferenceEstimate& estimate) {
  if (has_errors(estimate.diagnostics))
    return json{{"api_version", kApiVersion}, {"ok", false}, {"errors", diagnostics_json(estimate.diagnostics)}}.dump();
  return result_json(request, estimate, estimate.diagnostics).dump();
}

ExportedText export_text(std::string_view request_json, std::string_view format_name) {
  const std::string result = estimate_json(request_json);
  const bool ok = result.find("\"ok\":true") != std::string::npos;
  if (format_name == "json") return {ok, result};
  const auto format = export_format_by_name(format_name);
  if (!format) return {false, error_result("unknown_format", "format", "format must be markdown, csv, table or json.").dump()};
  if (!ok) return {false, result};
  json request = json::parse(request_json.begin(), request_json.end(), nullptr, false);
  Diagnostics diags;
  const bool inference = request.contains("model") && json_util::string(request, "job").value_or("inference") != "training";
  const auto req = inference ? api::parse_inference_request(request, diags) : std::nullopt;
  if (!req)
    return {false, error_result("bad_request", "", "Tables are made for inference requests with a \"model\"; ask for json.").dump()};
  return {true, export_estimate(estimate_inference(*req), *format, request_summary(*req))};
}

std::string export_json(std::string_view request_json, std::string_view format_name) {
  const ExportedText t = export_text(request_json, format_name);
  if (!t.ok) return t.text;
  return json{{"api_version", kApiVersion}, {"ok", true}, {"format", format_name}, {"text", t.text}}.dump();
}

}  // namespace vramfit

