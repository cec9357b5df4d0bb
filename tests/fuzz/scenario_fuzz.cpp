// libFuzzer target for the scenario reader (a file, a saved scenario, an autosave): any text
// gives a scenario or field errors, never a crash or an exception; a scenario that loads
// writes out and reads back to the same scenario, and its plan is finite, its months adding up
// to each stage's target.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/plan/plan.hpp"
#include "engine/plan/scenario_json.hpp"
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
    // Every number the plan shows is finite (names may contain "nan", so check values, not text).
    const funnel::PlanReport& r = plan.value();
    for (const auto& t : r.funnel.stages) FP_REQUIRE(std::isfinite(t.exact) && std::isfinite(t.whole));
    for (size_t k = 0; k < r.monthly.whole.size(); ++k) {
      double sum = 0.0;
      for (size_t m = 0; m < r.monthly.whole[k].size(); ++m) {
        FP_REQUIRE(std::isfinite(r.monthly.exact[k][m]) && r.monthly.whole[k][m] >= 0.0);
        sum += r.monthly.whole[k][m];
      }
      FP_REQUIRE(sum == r.funnel.stages[k].whole);  // the months add up to the target
    }
    FP_REQUIRE(std::isfinite(r.money.spend) && std::isfinite(r.money.cost));
    for (const auto* v : {&r.money.cac, &r.money.ltv, &r.money.ltv_to_cac, &r.money.payback_months, &r.money.roi}) {
      FP_REQUIRE(!*v || std::isfinite(**v));
    }
    FP_REQUIRE(!funnel::PlanToCsv(s, r).empty());
  }
  return 0;
}
