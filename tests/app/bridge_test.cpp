// The JSON bridge behind window.funnelplan.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
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

TEST_CASE("the import calls: sizes from JS, names, progress and the data revision", "[bridge][import]") {
  AppState app;
  CHECK(BridgeImportProgress(app) == -1.0);  // nothing runs
  // A size JS got wrong (negative, NaN, a fraction, beyond 32-bit memory) is refused with a message.
  for (double bad : {-1.0, std::nan(""), 12.5, 5e9}) {
    CAPTURE(bad);
    CHECK(BridgeImportBuffer(app, bad) == nullptr);
    CHECK_FALSE(app.data.report.errors.empty());
  }
  const std::string csv = "Stage,Created\nLead,2024-01-05\nCustomer,2024-01-10\n";
  char* buffer = BridgeImportBuffer(app, static_cast<double>(csv.size()));
  REQUIRE(buffer != nullptr);
  std::copy(csv.begin(), csv.end(), buffer);
  const double revision = BridgeDataRevision(app);
  BridgeImportStart(app, "");  // unnamed: "data"
  CHECK(BridgeImportProgress(app) >= 0.0);
  BridgeImportFinishNow(app);
  CHECK(BridgeImportProgress(app) == -1.0);
  CHECK(app.data.report.source_name == "data");
  CHECK(app.data.report.rows_imported == 2);
  CHECK(BridgeDataRevision(app) > revision);
}

TEST_CASE("the screen text is there only while capture is on", "[bridge]") {
  AppState app;
  CHECK(BridgeScreenText(app).empty());
  BridgeSetCaptureText(app, true);
  app.screen_text = "Funnel Planner";  // what DrawApp keeps each frame while capture is on
  CHECK(BridgeScreenText(app) == "Funnel Planner");
  BridgeSetCaptureText(app, false);
  CHECK(BridgeScreenText(app).empty());
  CHECK_FALSE(app.capture_text);
}

TEST_CASE("text size: clamped to 75 %–200 %, NaN is normal", "[bridge]") {
  AppState app;
  CHECK(BridgeTextScale(app) == 1.0);
  BridgeSetTextScale(app, 1.5);
  CHECK(BridgeTextScale(app) == 1.5);
  BridgeSetTextScale(app, 9.0);
  CHECK(BridgeTextScale(app) == 2.0);
  BridgeSetTextScale(app, 0.1);
  CHECK(BridgeTextScale(app) == 0.75);
  BridgeSetTextScale(app, std::nan(""));
  CHECK(BridgeTextScale(app) == 1.0);
}
