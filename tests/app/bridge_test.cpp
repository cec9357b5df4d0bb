// The JSON bridge behind window.funnelplan.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app/bridge.hpp"
#include "engine/plan/scenario_json.hpp"

using nlohmann::json;

TEST_CASE("getScenario / setScenario / getResult", "[bridge]") {
  AppState app;
  json scenario = json::parse(BridgeGetScenario(app));
  CHECK(scenario["revenue_goal"] == 1000000.0);

  scenario["revenue_goal"] = 3'000'000;
  json reply = json::parse(BridgeSetScenario(app, scenario.dump()));
  CHECK(reply["ok"] == true);
  CHECK(reply["warnings"].empty());
  json result = json::parse(BridgeGetResult(app));
  CHECK(result["ok"] == true);
  CHECK(result["customers"]["whole"] == 120);
}

TEST_CASE("a rejected scenario leaves the current one in place", "[bridge]") {
  AppState app;
  json reply = json::parse(BridgeSetScenario(app, R"({"version":1,"revenue_goal":-1})"));
  CHECK(reply["ok"] == false);
  CHECK(reply["errors"].size() >= 1);
  CHECK(app.scenario == funnel::SampleScenario());
  CHECK(json::parse(BridgeSetScenario(app, "not json"))["ok"] == false);
  CHECK(json::parse(BridgeGetResult(app))["customers"]["whole"] == 40);
}

TEST_CASE("uiRect is null for unknown names", "[bridge]") {
  AppState app;
  CHECK(BridgeUiRect(app, "nope") == "null");
  app.item_rects["revenue_goal"] = UiRect{1, 2, 3, 4};
  json r = json::parse(BridgeUiRect(app, "revenue_goal"));
  CHECK(r["w"] == 3.0);
}
