#include "vramfit/api_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace vramfit {
namespace {

nlohmann::json run(const std::string& request) {
  auto out = nlohmann::json::parse(estimate_json(request), nullptr, false);
  EXPECT_FALSE(out.is_discarded());
  return out;
}

TEST(ApiJson, WeightsOfLlama3_8bInBf16) {
  const auto r = run(R"({"params": 8030261248, "format": "bf16"})");
  ASSERT_TRUE(r["ok"].get<bool>());
  EXPECT_EQ(r["weights_bytes"].get<double>(), 16060522496.0);
  EXPECT_EQ(r["weights_text"].get<std::string>(), "16.06 GB (14.96 GiB)");
}

TEST(ApiJson, BadRequestsGiveStructuredErrors) {
  struct Case { const char* request; const char* code; };
  const Case cases[] = {
      {"", "bad_json"},
      {"{\"params\": ", "bad_json"},
      {"[1,2]", "bad_request"},
      {R"({"params": null})", "missing_field"},
      {R"({"params": "7B"})", "missing_field"},
      {R"({"params": -1})", "out_of_range"},
      {R"({"params": 1e300})", "out_of_range"},
      {R"({"params": 7e9, "format": 3})", "bad_type"},
      {R"({"params": 7e9, "format": "q4_2"})", "unknown_format"},
      {R"({"params": 7e9, "row_elements": 0})", "out_of_range"},
  };
  for (const auto& c : cases) {
    const auto r = run(c.request);
    EXPECT_FALSE(r["ok"].get<bool>()) << c.request;
    EXPECT_EQ(r["errors"][0]["code"].get<std::string>(), c.code) << c.request;
  }
}

// A request without a model asks the default question (the Scenario's defaults, as the page and the command
// line), unless it is a weights-only request ({"params": N}).
TEST(ApiJson, AnEmptyRequestAsksTheDefaultQuestion) {
  const auto r = run("{}");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["model"]["name"], "Llama 3.1 8B");
  EXPECT_EQ(r["weights"], "Q4_K_M");
}

TEST(ApiJson, DeepNestingIsRejectedWithoutCrashing) {
  const std::string deep = std::string(20000, '[') + std::string(20000, ']');
  const auto r = run(deep);
  EXPECT_FALSE(r["ok"].get<bool>());
}

}  // namespace
}  // namespace vramfit
