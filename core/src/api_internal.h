// Internal pieces of the JSON API (core/src only).
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "vramfit/diagnostics.h"
#include "vramfit/inference.h"
#include "vramfit/training.h"

namespace vramfit::api {

std::optional<InferenceRequest> parse_inference_request(const nlohmann::json& request, Diagnostics& diagnostics);
nlohmann::json estimate_to_json(const InferenceRequest& request, const InferenceEstimate& estimate);
std::optional<TrainingRequest> parse_training_request(const nlohmann::json& request, Diagnostics& diagnostics);
nlohmann::json training_to_json(const TrainingEstimate& estimate);
nlohmann::json diagnostics_json(const Diagnostics& diagnostics);

}  // namespace vramfit::api
