// Internal pieces of the JSON API (core/src only).
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "vramfit/diagnostics.h"
#include "vramfit/inference.h"
#include "vramfit/resolve.h"
#include "vramfit/scenario.h"
#include "vramfit/training.h"

namespace vramfit::api {

// A request read as a Scenario and the model it brings (a config.json object, GGUF weights, checkpoint bytes).
struct ScenarioRequest {
  Scenario scenario;
  ModelSource source;
};
// The estimate request: the Scenario's JSON names at the top level, and version 1's nested objects. Unknown keys
// are warnings; a value of the wrong type or out of its field's limits is an error.
std::optional<ScenarioRequest> read_request(const nlohmann::json& request, Diagnostics& diagnostics);
// The JS API's scenario object: every field by its JSON name.
nlohmann::json scenario_to_json(const Scenario& scenario);
void read_scenario_json(const nlohmann::json& object, Scenario& scenario, Diagnostics& diagnostics);

// read_request, then resolve().
std::optional<InferenceRequest> parse_inference_request(const nlohmann::json& request, Diagnostics& diagnostics);
nlohmann::json estimate_to_json(const InferenceRequest& request, const InferenceEstimate& estimate);
std::optional<TrainingRequest> parse_training_request(const nlohmann::json& request, Diagnostics& diagnostics);
nlohmann::json training_to_json(const TrainingEstimate& estimate);
// The API's result for an estimated training step: ok with the diagnostics before it (`prior`) and its own, or
// the errors.
std::string training_result_json(const TrainingEstimate& estimate, Diagnostics prior = {});
nlohmann::json diagnostics_json(const Diagnostics& diagnostics);

}  // namespace vramfit::api
