// libFuzzer target for what runs when a share link (or the JS API's setScenario) hands the
// app a scenario text: the bridge answers {ok, errors|warnings} as JSON, never throws, and
// leaves the app on a good state: a plan or its errors, readable as JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/app_state.hpp"
#include "app/bridge.hpp"
#include "engine/plan/scenario_json.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static AppState app;  // one page receiving link after link, as a tab would
  const std::string before = BridgeGetScenario(app);
  const auto reply = nlohmann::json::parse(BridgeSetScenario(app, text), nullptr, false);
  FP_REQUIRE(reply.is_object() && reply.contains("ok") && reply["ok"].is_boolean());
  if (reply["ok"].get<bool>()) {
    FP_REQUIRE(reply["warnings"].is_array());
  } else {
    FP_REQUIRE(reply["errors"].is_array() && !reply["errors"].empty());
    FP_REQUIRE(BridgeGetScenario(app) == before);  // a refused link leaves the plan alone
  }
  // Whatever happened, the current scenario reads back and its result is JSON.
  FP_REQUIRE(funnel::ScenarioFromJson(BridgeGetScenario(app)).ok());
  FP_REQUIRE(!nlohmann::json::parse(BridgeGetResult(app), nullptr, false).is_discarded());
  return 0;
}
