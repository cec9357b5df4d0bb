// Planning with the rates an import observed (engine/plan/rates_from_data.hpp).
#include <catch2/catch.hpp>

#include "engine/plan/rates_from_data.hpp"
#include "engine/plan/scenario_json.hpp"

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

TEST_CASE("lag shares from the data's whole-month gaps", "[plan][data][lag]") {
  // 10 conversions within a month, 6 in the second, 4 in the third: shares 0.5, 0.3, 0.2.
  TimeToConvert t;
  t.months.assign(kLagMonthBins, 0);
  t.months[0] = 10;
  t.months[1] = 6;
  t.months[2] = 4;
  std::vector<double> shares = LagSharesFromData(t);
  REQUIRE(shares.size() == 3);
  CHECK_THAT(shares[0], WithinAbs(0.5, 1e-12));
  CHECK_THAT(shares[1], WithinAbs(0.3, 1e-12));
  CHECK_THAT(shares[2], WithinAbs(0.2, 1e-12));
  // 7, 7, 7: a third each is 0.333 to 3 decimals; the rest (0.001) goes to the first largest.
  t.months[0] = t.months[1] = t.months[2] = 7;
  shares = LagSharesFromData(t);
  REQUIRE(shares.size() == 3);
  CHECK_THAT(shares[0], WithinAbs(0.334, 1e-12));
  CHECK_THAT(shares[1], WithinAbs(0.333, 1e-12));
  CHECK_THAT(shares[0] + shares[1] + shares[2], WithinAbs(1.0, 1e-12));
  // Fewer than 20 conversions: no shares (the median lag alone).
  t.months[0] = t.months[1] = t.months[2] = 6;
  CHECK(LagSharesFromData(t).empty());
  // Through PlanWithObservedRates, and the scenario is valid with them.
  FunnelAnalysis a = Observed();
  a.steps[0].time.months.assign(kLagMonthBins, 0);
  a.steps[0].time.months[5] = 100;
  a.steps[0].time.months[6] = 100;
  const Scenario s = PlanWithObservedRates(SampleScenario(), a).scenario;
  REQUIRE(s.steps[0].lag_shares.size() == 7);
  CHECK_THAT(s.steps[0].lag_shares[5], WithinAbs(0.5, 1e-12));
  CHECK(s.steps[1].lag_shares.empty());
  CHECK(ValidateScenario(s).empty());
  const auto back = ScenarioFromJson(ScenarioToJson(s));  // what a share link and the autosave carry
  REQUIRE(back.ok());
  CHECK(back->scenario.steps[0].lag_shares == s.steps[0].lag_shares);
  Scenario bad = s;
  bad.steps[0].lag_shares = {0.5, 0.3};
  const auto errors = ValidateScenario(bad);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field == "steps[0].lag_shares");
}
