// Planning with the rates an import observed (engine/plan/rates_from_data.hpp).
#include <catch2/catch.hpp>

#include "engine/plan/rates_from_data.hpp"

using namespace funnel;
using Catch::Matchers::WithinAbs;

namespace {
// An analysis as the importer would report it: 1,000 leads, 250 MQLs, 50 customers.
FunnelAnalysis Observed() {
  FunnelAnalysis a;
  a.counts.stages = {"Lead", "MQL", "Customer"};
  a.counts.reached = {1000, 250, 50};
  a.steps.resize(2);
  a.steps[0].time.count = 200;
  a.steps[0].time.median_days = 182.625;  // 6 × 30.4375 (6.1 if a month were 30 days)
  a.steps[1].time.count = 0;              // no dates for the second step: lag 0
  return a;
}
}  // namespace

TEST_CASE("observed rates, evidence and lags become the plan's steps", "[plan][data]") {
  Scenario base = SampleScenario();
  base.channels = {{"Search", 1, 50, 0, {0.5}}};
  const ScenarioFromData out = PlanWithObservedRates(base, Observed());
  const Scenario& s = out.scenario;
  CHECK(s.stages == std::vector<std::string>{"Lead", "MQL", "Customer"});
  REQUIRE(s.steps.size() == 2);
  // By hand: 250 / 1,000 = 25 %; 50 / 250 = 20 %.
  CHECK_THAT(s.steps[0].rate, WithinAbs(0.25, 1e-12));
  CHECK(s.steps[0].k == 250);
  CHECK(s.steps[0].n == 1000);
  CHECK_THAT(s.steps[1].rate, WithinAbs(0.20, 1e-12));
  CHECK(s.steps[1].k == 50);
  CHECK(s.steps[1].n == 250);
  CHECK_THAT(s.steps[0].lag_months, WithinAbs(6.0, 1e-12));  // 182.625 days / 30.4375
  CHECK(s.steps[1].lag_months == 0.0);
  CHECK(s.channels.empty());           // their own rates referred to the old stages
  CHECK(s.entry_stage.empty());
  CHECK_FALSE(out.deal_size);
  CHECK(s.deal_size == base.deal_size);  // no won amounts: the plan's deal size stays
  CHECK(s.revenue_goal == base.revenue_goal);
}

TEST_CASE("the average won deal becomes the deal size when the data has amounts", "[plan][data]") {
  FunnelAnalysis a = Observed();
  a.won_with_amount = 40;
  a.average_won_amount = 18'500.0;
  const ScenarioFromData out = PlanWithObservedRates(SampleScenario(), a);
  CHECK(out.deal_size);
  CHECK(out.scenario.deal_size == 18'500.0);
}

TEST_CASE("fewer than two stages, or more reached later than earlier, stay safe", "[plan][data]") {
  FunnelAnalysis one;
  one.counts.stages = {"Lead"};
  one.counts.reached = {10};
  const Scenario base = SampleScenario();
  CHECK(PlanWithObservedRates(base, one).scenario == base);
  FunnelAnalysis odd = Observed();
  odd.counts.reached = {0, 5, 2};  // nobody at the first stage; k is capped at n
  const Scenario s = PlanWithObservedRates(base, odd).scenario;
  CHECK(s.steps[0].rate == 0.0);  // reported by the planner as a step nobody took
  CHECK(s.steps[0].k == 0);
  CHECK_THAT(s.steps[1].rate, WithinAbs(0.4, 1e-12));
}
