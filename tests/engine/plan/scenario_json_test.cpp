// Scenario JSON v1: round trips, validation messages, unknown fields (docs/scenario.md).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine/plan/scenario_json.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using funnel::ScenarioFromJson;
using funnel::ScenarioToJson;

namespace {
bool HasError(const funnel::Result<funnel::LoadedScenario>& r, const std::string& field) {
  if (r.ok()) return false;
  for (const auto& e : r.errors()) {
    if (e.field == field) return true;
  }
  return false;
}
nlohmann::json SampleJson() { return nlohmann::json::parse(ScenarioToJson(funnel::SampleScenario())); }
}  // namespace

TEST_CASE("the sample scenario survives a round trip", "[scenario_json]") {
  const auto sample = funnel::SampleScenario();
  auto loaded = ScenarioFromJson(ScenarioToJson(sample));
  REQUIRE(loaded.ok());
  CHECK(loaded->scenario == sample);
  CHECK(loaded->warnings.empty());
}

TEST_CASE("the written JSON has the documented shape", "[scenario_json]") {
  auto j = SampleJson();
  CHECK(j["version"] == 1);
  CHECK(j["stages"].size() == 6);
  CHECK(j["steps"].size() == 5);
  CHECK(j["steps"][0]["from"] == "Visitor");
  CHECK(j["steps"][0]["to"] == "Lead");
  CHECK_THAT(j["steps"][0]["rate"].get<double>(), WithinRel(0.025, 1e-12));
  CHECK_THAT(j["revenue_goal"].get<double>(), WithinRel(1e6, 1e-12));
}

TEST_CASE("a minimal hand-written scenario loads", "[scenario_json]") {
  auto r = ScenarioFromJson(R"({"version":1,"revenue_goal":50000,"deal_size":5000,
    "stages":["Lead",{"name":"Customer"}],"steps":[0.1]})");
  REQUIRE(r.ok());
  CHECK(r->scenario.name == "Untitled plan");
  CHECK(r->scenario.currency == "USD");
  CHECK(r->scenario.stages == std::vector<std::string>{"Lead", "Customer"});
  CHECK_THAT(r->scenario.steps[0].rate, WithinRel(0.1, 1e-12));
}

TEST_CASE("unknown fields are kept and reported", "[scenario_json]") {
  auto j = SampleJson();
  j["future_feature"] = {{"a", 1}};
  auto r = ScenarioFromJson(j.dump());
  REQUIRE(r.ok());
  REQUIRE(r->warnings.size() == 1);
  CHECK(r->warnings[0].field == "future_feature");
  auto again = nlohmann::json::parse(ScenarioToJson(r->scenario));
  CHECK(again["future_feature"]["a"] == 1);
}

TEST_CASE("bad JSON text gets a message with its position", "[scenario_json]") {
  auto r = ScenarioFromJson("{\"version\": 1,");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.errors()[0].message, Contains("Not valid JSON") && Contains("line 1"));
  CHECK_FALSE(ScenarioFromJson("").ok());
  CHECK_FALSE(ScenarioFromJson("[1,2]").ok());
  CHECK_FALSE(ScenarioFromJson("\xff\xfe").ok());
}

TEST_CASE("each bad field is named", "[scenario_json]") {
  auto j = SampleJson();
  j["revenue_goal"] = "a lot";
  j["deal_size"] = nullptr;
  j["name"] = 7;
  j["steps"][1]["rate"] = "40%";
  auto r = ScenarioFromJson(j.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(HasError(r, "revenue_goal"));
  CHECK(HasError(r, "deal_size"));
  CHECK(HasError(r, "name"));
  CHECK(HasError(r, "steps[1].rate"));
}

TEST_CASE("missing fields and wrong versions are refused", "[scenario_json]") {
  for (const char* key : {"version", "revenue_goal", "deal_size", "stages", "steps"}) {
    auto j = SampleJson();
    j.erase(key);
    CAPTURE(key);
    CHECK(HasError(ScenarioFromJson(j.dump()), key));
  }
  auto j = SampleJson();
  j["version"] = 2;
  CHECK(HasError(ScenarioFromJson(j.dump()), "version"));
}

TEST_CASE("values the planner cannot use are refused on load", "[scenario_json]") {
  auto j = SampleJson();
  j["steps"][2]["rate"] = 0;
  CHECK(HasError(ScenarioFromJson(j.dump()), "steps[2].rate"));
  j = SampleJson();
  j["steps"].erase(0);
  CHECK(HasError(ScenarioFromJson(j.dump()), "steps"));
}

TEST_CASE("plan JSON carries exact and whole counts", "[scenario_json]") {
  const auto s = funnel::SampleScenario();
  auto j = nlohmann::json::parse(funnel::PlanToJson(s, funnel::BuildPlan(s)));
  CHECK(j["ok"] == true);
  CHECK(j["customers"]["whole"] == 40);
  CHECK(j["stages"][0]["name"] == "Visitor");
  CHECK(j["stages"][0]["whole"] == 53334);
  CHECK_FALSE(j["stages"][5].contains("rate_to_next"));

  auto bad = s;
  bad.deal_size = 0;
  auto e = nlohmann::json::parse(funnel::PlanToJson(bad, funnel::BuildPlan(bad)));
  CHECK(e["ok"] == false);
  CHECK(e["errors"][0]["field"] == "deal_size");
}

TEST_CASE("invalid UTF-8 in names does not break writing", "[scenario_json]") {
  auto s = funnel::SampleScenario();
  s.name = "Plan \xff\xfe";
  auto text = ScenarioToJson(s);
  auto r = ScenarioFromJson(text);
  REQUIRE(r.ok());
  CHECK_THAT(r->scenario.name, Contains("Plan"));
}

TEST_CASE("data_mapping is validated, kept and written back", "[scenario_json]") {
  auto j = SampleJson();
  j["data_mapping"] = {{"preset", "custom"}, {"stages", {"Lead", "Customer"}}, {"stage_column", "Phase"},
                       {"stage_values", {{{"value", "Won"}, {"stage", 1}, {"lost", false}}}}};
  auto r = ScenarioFromJson(j.dump());
  REQUIRE(r.ok());
  auto back = nlohmann::json::parse(ScenarioToJson(r->scenario));
  CHECK(back["data_mapping"]["stage_column"] == "Phase");
  CHECK(back["data_mapping"]["stage_values"][0]["value"] == "won");  // normalised
  j["data_mapping"]["stage_values"][0]["stage"] = 5;  // only 2 stages
  CHECK(HasError(ScenarioFromJson(j.dump()), "data_mapping.stage_values[0].stage"));
  j["data_mapping"] = "Phase";
  CHECK(HasError(ScenarioFromJson(j.dump()), "data_mapping"));
}
