// libFuzzer target for the scenario reader (a file, a saved scenario, an autosave): any text
// gives a scenario or field errors, never a crash or an exception; a scenario that loads
// writes out and reads back to the same scenario, and its plan prints no NaN or infinity.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/plan.hpp"
#include "engine/scenario_json.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto loaded = funnel::ScenarioFromJson(text);
  if (!loaded) {
    for (const auto& e : loaded.errors()) FP_REQUIRE(!e.message.empty());
    return 0;
  }
  funnel::Scenario s = loaded->scenario;
  s.draws = 100;  // the plan below runs for every input that loads: keep it quick
  const std::string written = funnel::ScenarioToJson(s, -1);
  const auto back = funnel::ScenarioFromJson(written);
  FP_REQUIRE(back.ok());
  FP_REQUIRE(back->scenario == s);
  FP_REQUIRE(funnel::ScenarioToJson(back->scenario, -1) == written);

  const auto plan = funnel::BuildPlan(s);
  FP_REQUIRE(!nlohmann::json::parse(funnel::PlanToJson(s, plan, -1), nullptr, false).is_discarded());
  if (plan) {
    const std::string csv = funnel::PlanToCsv(s, plan.value());
    FP_REQUIRE(csv.find("nan") == std::string::npos && csv.find("inf") == std::string::npos);
  }
  return 0;
}
