// The monthly plan, channels and money, against numbers worked out by hand (docs/math.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

#include "engine/json_checks.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/scenario_json.hpp"

using namespace funnel;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {
// $120,000 at $10,000 = 12 customers over 3 months. Lead →(50 %, 1 month) SQL →(40 %, 1 month) Customer.
Scenario ThreeMonths() {
  Scenario s;
  s.name = "three months";
  s.currency = "USD";
  s.revenue_goal = 120'000;
  s.deal_size = 10'000;
  s.stages = {"Lead", "SQL", "Customer"};
  s.steps = {{0.5, 0, 0, 1.0}, {0.4, 0, 0, 1.0}};
  s.start_year = 2026;
  s.start_month = 1;
  s.horizon_months = 3;
  return s;
}
std::vector<double> Row(const MonthlyPlan& p, size_t stage) { return p.whole[stage]; }
}  // namespace

TEST_CASE("monthly plan: lags shift earlier stages into earlier months", "[plan][monthly]") {
  const MonthlyPlan p = PlanByMonth(ThreeMonths());
  // 4 customers a month in Jan–Mar; SQLs (4 / 0.4 = 10) one month earlier; leads (10 / 0.5 =
  // 20) two months earlier — starting in November, before the plan.
  REQUIRE(p.months == std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02", "2026-03"});
  CHECK(p.first_offset == -2);
  CHECK(p.stage_shift == std::vector<int>{2, 1, 0});
  CHECK(Row(p, 0) == std::vector<double>{20, 20, 20, 0, 0});
  CHECK(Row(p, 1) == std::vector<double>{0, 10, 10, 10, 0});
  CHECK(Row(p, 2) == std::vector<double>{0, 0, 4, 4, 4});
  CHECK(p.revenue == std::vector<double>{0, 0, 40000, 40000, 40000});
}

TEST_CASE("monthly plan: seasonality weights split the goal", "[plan][monthly]") {
  Scenario s = ThreeMonths();
  s.seasonality = {1, 2, 1};  // 30k, 60k, 30k → 3, 6, 3 customers
  const MonthlyPlan p = PlanByMonth(s);
  CHECK(Row(p, 2) == std::vector<double>{0, 0, 3, 6, 3});
  CHECK_THAT(p.exact[1][1], WithinRel(7.5, 1e-12));  // 3 / 0.4
  // SQLs 7.5, 15, 7.5 rounded cumulatively: ceil(7.5) = 8, ceil(22.5) − 8 = 15, 30 − 23 = 7.
  CHECK(Row(p, 1) == std::vector<double>{0, 8, 15, 7, 0});
  CHECK(Row(p, 0) == std::vector<double>{15, 30, 15, 0, 0});
}

TEST_CASE("monthly plan: every stage's months add up to its whole target", "[plan][monthly][property]") {
  // The sample needs 40 customers; rounding each month up on its own gave 48 (and 53,340
  // visitors for 53,334). Cumulative rounding: uneven seasonality, rates that do not divide,
  // fractional lags, horizons of 1 to 24 months.
  const std::vector<std::vector<double>> seasons = {{}, {1, 3, 2, 0.7, 5, 1, 1, 2, 3, 0.1, 4, 2}};
  for (const auto& season : seasons) {
    for (int horizon : {1, 5, 12, 24}) {
      for (double lag : {0.0, 0.5, 1.25, 2.7}) {
        Scenario s = SampleScenario();
        s.horizon_months = horizon;
        s.seasonality.clear();
        for (int m = 0; m < horizon && !season.empty(); ++m) s.seasonality.push_back(season[static_cast<size_t>(m) % season.size()]);
        s.steps[1].rate = 0.37;
        s.steps[3].rate = 0.61;
        s.steps[2].lag_months = lag;
        s.revenue_goal = 1'234'567;
        auto r = BuildPlan(s);
        REQUIRE(r.ok());
        for (size_t k = 0; k < s.stages.size(); ++k) {
          INFO("horizon " << horizon << ", lag " << lag << ", seasonal " << !season.empty() << ", stage " << s.stages[k]);
          const auto& months = r->monthly.whole[k];
          CHECK(std::accumulate(months.begin(), months.end(), 0.0) == r->funnel.stages[k].whole);
          for (double v : months) CHECK((v >= 0.0 && v == std::floor(v)));
          // No month is more than one above its exact count, and the cumulative target never
          // falls behind the cumulative exact count.
          double exact = 0.0, whole = 0.0;
          for (size_t m = 0; m < months.size(); ++m) {
            exact += r->monthly.exact[k][m];
            whole += months[m];
            CHECK(whole >= exact - 1e-6);
            CHECK(whole < exact + 1.0 + 1e-6);
          }
        }
      }
    }
  }
  // The sample itself: 40 customers in all months together, 160 opportunities.
  auto r = BuildPlan(SampleScenario());
  REQUIRE(r.ok());
  const auto& w = r->monthly.whole;
  CHECK(std::accumulate(w.back().begin(), w.back().end(), 0.0) == 40.0);
  CHECK(std::accumulate(w[4].begin(), w[4].end(), 0.0) == 160.0);
  CHECK(std::accumulate(w[0].begin(), w[0].end(), 0.0) == 53'334.0);
}

TEST_CASE("monthly plan: a fractional lag spreads a stage over the two neighbouring months", "[plan][monthly]") {
  // 4 customers a month in Jan–Mar (ThreeMonths), 10 SQLs behind each month's customers.
  Scenario s = ThreeMonths();
  s.steps[0].lag_months = 0.0;
  SECTION("0.5 months: half one month earlier, half in the same month") {
    s.steps[1].lag_months = 0.5;
    const MonthlyPlan p = PlanByMonth(s);
    REQUIRE(p.months == std::vector<std::string>{"2025-12", "2026-01", "2026-02", "2026-03"});
    CHECK(p.stage_shift[1] == 1);
    CHECK_THAT(p.stage_lag[1], WithinRel(0.5, 1e-12));
    CHECK_THAT(p.exact[1][0], WithinRel(5.0, 1e-12));   // half of January's 10
    CHECK_THAT(p.exact[1][1], WithinRel(10.0, 1e-12));  // half of January's + half of February's
    CHECK_THAT(p.exact[1][2], WithinRel(10.0, 1e-12));
    CHECK_THAT(p.exact[1][3], WithinRel(5.0, 1e-12));   // half of March's 10
    CHECK(Row(p, 1) == std::vector<double>{5, 10, 10, 5});
  }
  SECTION("1.25 months: 75 % one month earlier, 25 % two months earlier") {
    s.steps[1].lag_months = 1.25;
    const MonthlyPlan p = PlanByMonth(s);
    REQUIRE(p.months == std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02", "2026-03"});
    CHECK(p.stage_shift[1] == 2);
    CHECK_THAT(p.exact[1][0], WithinRel(2.5, 1e-12));   // 25 % of January's 10
    CHECK_THAT(p.exact[1][1], WithinRel(7.5 + 2.5, 1e-12));
    CHECK_THAT(p.exact[1][2], WithinRel(7.5 + 2.5, 1e-12));
    CHECK_THAT(p.exact[1][3], WithinRel(7.5, 1e-12));   // 75 % of March's 10
    CHECK(p.exact[1][4] == 0.0);
    // Leads are 0 months behind SQLs: they follow the same spread, doubled (rate 50 %).
    CHECK_THAT(p.exact[0][0], WithinRel(5.0, 1e-12));
    // Whole targets: 2.5 → 3, 12.5 → 13 (10), 22.5 → 23 (10), 30 → 30 (7).
    CHECK(Row(p, 1) == std::vector<double>{3, 10, 10, 7, 0});
  }
  SECTION("a lag that sums to a whole number through floating-point dust stays whole") {
    s.steps[0].lag_months = 0.7;
    s.steps[1].lag_months = 0.1 + 0.2;  // 0.30000000000000004: leads are 1.0000000000000000x months back
    const MonthlyPlan p = PlanByMonth(s);
    CHECK(p.stage_shift[0] == 1);  // not 2 for a dust of 1e-16
    REQUIRE(p.months.size() == 4);
    CHECK(Row(p, 0) == std::vector<double>{20, 20, 20, 0});  // whole months: nothing spread
  }
}

TEST_CASE("monthly plan: lag shares from data spread a stage over the months conversions happen", "[plan][monthly][lag]") {
  // 4 customers a month in Jan–Mar, SQL →(40 %, lag 0) Customer: 10 SQLs per goal month.
  // Lead →(50 %) SQL with shares {0.5, 0.5}: half of a month's SQLs come from leads of the same
  // month, half from the month before. A second spread step MQL-like in front of it (Lead → Lead2
  // at 100 %, shares {0.5, 0.5}) convolves: leads 0, 1, 2 months before with 1/4, 1/2, 1/4 —
  // not the single lag 1 (all one month before) the summed lags 0.5 + 0.5 would give.
  Scenario s = ThreeMonths();
  s.steps[0].lag_months = 0.5;
  s.steps[0].lag_shares = {0.5, 0.5};
  s.steps[1].lag_months = 0.0;
  SECTION("one step with shares") {
    const MonthlyPlan p = PlanByMonth(s);
    REQUIRE(p.months == std::vector<std::string>{"2025-12", "2026-01", "2026-02", "2026-03"});
    CHECK(p.stage_shift[0] == 1);
    CHECK_THAT(p.stage_lag[0], WithinAbs(0.5, 1e-12));
    CHECK(Row(p, 0) == std::vector<double>{10, 20, 20, 10});  // 20 leads per goal month, half a month earlier
    CHECK(Row(p, 1) == std::vector<double>{0, 10, 10, 10});
  }
  SECTION("two steps with shares convolve") {
    s.stages = {"Lead", "Lead2", "SQL", "Customer"};
    s.steps.insert(s.steps.begin(), Step{1.0, 0, 0, 0.5, {0.5, 0.5}});
    const MonthlyPlan p = PlanByMonth(s);
    REQUIRE(p.months == std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02", "2026-03"});
    CHECK(p.stage_shift[0] == 2);
    CHECK_THAT(p.stage_lag[0], WithinAbs(1.0, 1e-12));
    // Each goal month's 20 leads: 5 two months before, 10 one month before, 5 the same month.
    // Nov 5 (Jan); Dec 10 + 5; Jan 5 + 10 + 5; Feb 5 + 10; Mar 5.
    CHECK(Row(p, 0) == std::vector<double>{5, 15, 20, 15, 5});
    CHECK(Row(p, 1) == std::vector<double>{0, 10, 20, 20, 10});
  }
  SECTION("the two-point shares of a typed lag are what the plan always used") {
    Step typed;
    typed.lag_months = 1.25;
    const std::vector<double> two = LagShares(typed);
    REQUIRE(two.size() == 3);
    CHECK(two[0] == 0.0);
    CHECK_THAT(two[1], WithinAbs(0.75, 1e-12));
    CHECK_THAT(two[2], WithinAbs(0.25, 1e-12));
  }
}

TEST_CASE("monthly plan: shifting lags moves months, never totals", "[plan][monthly][property]") {
  Scenario a = ThreeMonths();
  Scenario b = a;
  b.steps[0].lag_months = 3;
  b.steps[1].lag_months = 0;
  const MonthlyPlan pa = PlanByMonth(a), pb = PlanByMonth(b);
  for (size_t k = 0; k < a.stages.size(); ++k) {
    const double ta = std::accumulate(pa.exact[k].begin(), pa.exact[k].end(), 0.0);
    const double tb = std::accumulate(pb.exact[k].begin(), pb.exact[k].end(), 0.0);
    CHECK_THAT(ta, WithinRel(tb, 1e-12));
  }
  CHECK(pb.stage_shift == std::vector<int>{3, 0, 0});
  CHECK(pb.months.front() == "2025-10");
}

TEST_CASE("the plan warns about targets before the start and over capacity", "[plan]") {
  Scenario s = ThreeMonths();
  s.capacity.sales_reps = 1;
  s.capacity.deals_per_rep_per_month = 3;  // 4 customers a month needed
  auto r = BuildPlan(s);
  REQUIRE(r.ok());
  const auto& w = r->warnings;
  auto has = [&](const std::string& text) {
    for (const auto& x : w) {
      if (x.find(text) != std::string::npos) return true;
    }
    return false;
  };
  // One warning naming every stage that starts early, not one warning per stage.
  CHECK(has("Some targets fall before the plan starts in 2026-01 (Lead from 2025-11 to 2025-12; SQL from 2025-12)"));
  CHECK(std::count_if(w.begin(), w.end(), [](const std::string& x) { return x.find("before the plan starts") != std::string::npos; }) == 1);
  CHECK(has("2026-01: 4 Customer needed, capacity 3"));
  CHECK(has("2026-03: 4 Customer needed, capacity 3"));
}

TEST_CASE("channels: volumes by share and the cheapest mix under caps", "[plan][channels]") {
  Scenario s = ThreeMonths();  // 12 customers; Lead → Customer converts 0.5 × 0.4 = 0.2
  s.channels = {{"Search", 0.5, 50, 0, {}}, {"Social", 0.5, 20, 0, {0.25, 0.4}}};  // Social converts 0.1
  ChannelPlan p = PlanChannels(s);
  // Mix: conversion 0.5·0.2 + 0.5·0.1 = 0.15 → 12 / 0.15 = 80 leads, 40 each.
  REQUIRE(p.mix.size() == 2);
  CHECK_THAT(p.mix_leads, WithinRel(80.0, 1e-12));
  CHECK_THAT(p.mix[0].customers, WithinRel(8.0, 1e-12));
  CHECK_THAT(p.mix[1].customers, WithinRel(4.0, 1e-12));
  CHECK_THAT(p.mix_cost, WithinRel(40 * 50.0 + 40 * 20.0, 1e-12));  // 2,800
  CHECK_THAT(p.mix[0].cost_per_customer, WithinRel(250.0, 1e-12));  // 50 / 0.2
  CHECK_THAT(p.mix[1].cost_per_customer, WithinRel(200.0, 1e-12));  // 20 / 0.1
  // Cheapest without caps: all Social, 12 / 0.1 = 120 leads, $2,400.
  REQUIRE(p.cheapest.size() == 1);
  CHECK(p.cheapest[0].name == "Social");
  CHECK_THAT(p.cheapest_cost, WithinRel(2400.0, 1e-12));

  SECTION("a cap sends the rest to the next cheapest channel") {
    s.channels[1].max_leads_per_month = 20;  // 60 leads over 3 months → 6 customers
    p = PlanChannels(s);
    REQUIRE(p.cheapest.size() == 2);
    CHECK_THAT(p.cheapest[0].leads, WithinRel(60.0, 1e-12));
    CHECK_THAT(p.cheapest[1].leads, WithinRel(30.0, 1e-12));  // 6 more customers / 0.2
    CHECK_THAT(p.cheapest_cost, WithinRel(60 * 20.0 + 30 * 50.0, 1e-12));  // 2,700
    CHECK(p.cheapest_feasible);
    CHECK(p.mix[1].over_cap == false);  // the share mix asks 40 ≤ 60
  }
  SECTION("caps that cannot reach the goal report the shortfall") {
    s.channels[1].max_leads_per_month = 20;
    s.channels[0].max_leads_per_month = 5;  // 15 leads → 3 customers
    p = PlanChannels(s);
    CHECK_FALSE(p.cheapest_feasible);
    CHECK_THAT(p.shortfall_customers, WithinRel(3.0, 1e-9));
    CHECK(p.mix[0].over_cap);  // the share mix asks 40 > 15
  }
}

TEST_CASE("money metrics", "[plan][money]") {
  Scenario s = ThreeMonths();
  s.channels = {{"Search", 0.5, 50, 0, {}}, {"Social", 0.5, 20, 0, {}}};  // both convert 0.2
  s.money.sales_cost = 900;
  s.money.arpa_monthly = 1000;
  s.money.gross_margin = 0.8;
  s.money.monthly_churn = 0.02;
  auto r = BuildPlan(s);
  REQUIRE(r.ok());
  const MoneyMetrics& m = r->money;
  // 60 leads (30 each): 30·50 + 30·20 = 2,100 spend; + 900 other acquisition cost = 3,000,
  // the one cost every metric uses. Targets: 60 leads, 30 SQLs, 12 customers.
  CHECK_THAT(m.spend, WithinRel(2100.0, 1e-12));
  CHECK_THAT(m.cost, WithinRel(3000.0, 1e-12));
  CHECK_THAT(m.cost_per_stage[0], WithinRel(50.0, 1e-12));   // 3,000 / 60
  CHECK_THAT(m.cost_per_stage[1], WithinRel(100.0, 1e-12));  // 3,000 / 30
  CHECK_THAT(m.cost_per_stage[2], WithinRel(250.0, 1e-12));  // 3,000 / 12
  REQUIRE(m.cac);
  CHECK_THAT(*m.cac, WithinRel(250.0, 1e-12));              // 3,000 / 12
  REQUIRE(m.ltv);
  CHECK_THAT(*m.ltv, WithinRel(40000.0, 1e-12));            // 1,000 × 0.8 / 0.02
  REQUIRE(m.ltv_to_cac);
  CHECK_THAT(*m.ltv_to_cac, WithinRel(160.0, 1e-12));
  REQUIRE(m.payback_months);
  CHECK_THAT(*m.payback_months, WithinRel(0.3125, 1e-12));  // 250 / 800
  REQUIRE(m.roi);
  CHECK_THAT(*m.roi, WithinRel((96000.0 - 3000.0) / 3000.0, 1e-12));  // 31 = 3,100 %
  // No "Opportunity" stage: the pipeline starts one stage before the customer (SQL).
  CHECK(m.opportunity_stage == 1);
  CHECK_THAT(m.win_rate, WithinRel(0.4, 1e-12));
  CHECK_THAT(m.sales_cycle_days, WithinRel(30.4375, 1e-12));
  CHECK_THAT(m.pipeline_velocity, WithinRel(30 * 0.4 * 10000 / 30.4375, 1e-12));
  CHECK_THAT(m.pipeline_coverage, WithinRel(2.5, 1e-12));
}

TEST_CASE("money metrics never divide by zero", "[plan][money]") {
  Scenario s = ThreeMonths();
  auto r = BuildPlan(s);
  REQUIRE(r.ok());
  const MoneyMetrics& m = r->money;
  CHECK(m.spend == 0.0);
  CHECK(m.cost == 0.0);
  // Undefined, not 0: every view shows "—", the JSON null.
  CHECK_FALSE(m.cac);
  CHECK_FALSE(m.ltv);
  CHECK_FALSE(m.ltv_to_cac);
  CHECK_FALSE(m.roi);
  CHECK_FALSE(m.payback_months);
  const auto j = nlohmann::json::parse(PlanToJson(s, r));
  for (const char* key : {"cac", "ltv", "ltv_to_cac", "roi", "payback_months"}) CHECK(j["money"][key].is_null());
  fp_test::RequireNoNull(j, {"cac", "ltv", "ltv_to_cac", "roi", "payback_months"});
}

TEST_CASE("one acquisition cost: CAC, ROI, payback and cost per stage all include other acquisition cost",
          "[plan][money]") {
  // The issue's case: marketing spend $144,000 + other acquisition cost $50,000 = $194,000 for
  // 40 customers: CAC $4,850; ROI (revenue × margin − 194,000) / 194,000.
  Scenario s = SampleScenario();
  s.money.marketing_budget = 144'000;
  s.money.sales_cost = 50'000;
  s.money.gross_margin = 0.8;
  s.money.arpa_monthly = 2'000;
  auto r = BuildPlan(s);
  REQUIRE(r.ok());
  const MoneyMetrics& m = r->money;
  REQUIRE(r->funnel.stages.back().whole == 40.0);
  CHECK_THAT(m.cost, WithinRel(194'000.0, 1e-12));
  REQUIRE(m.cac);
  CHECK_THAT(*m.cac, WithinRel(4'850.0, 1e-12));
  REQUIRE(m.roi);
  CHECK_THAT(*m.roi, WithinRel((1'000'000.0 * 0.8 - 194'000.0) / 194'000.0, 1e-12));  // 312 %
  REQUIRE(m.payback_months);
  CHECK_THAT(*m.payback_months, WithinRel(4'850.0 / 1'600.0, 1e-12));  // CAC / (2,000 × 0.8)
  CHECK_THAT(m.cost_per_stage.back(), WithinRel(4'850.0, 1e-12));      // the customer stage: CAC
}

TEST_CASE("a scenario with every field survives a JSON round trip", "[plan][scenario_json]") {
  Scenario s = ThreeMonths();
  s.seasonality = {1, 2, 1};
  s.entry_stage = "Lead";
  s.channels = {{"Search", 0.6, 50, 100, {0.5, 0.5}}, {"Events", 0.4, 80, 0, {}}};
  s.capacity = {2, 5, 1, 40};
  s.money = {0.75, 0.03, 900, 5000, 1000, 45};
  s.planned_leads = 70;
  s.seed = 42;
  s.draws = 5000;
  s.steps[0].k = 50;
  s.steps[0].n = 100;
  auto loaded = ScenarioFromJson(ScenarioToJson(s));
  REQUIRE(loaded.ok());
  CHECK(loaded->scenario == s);
}

TEST_CASE("bad new fields are named", "[plan][scenario_json]") {
  const std::string text = R"({"version":1,"revenue_goal":1000,"deal_size":100,
    "stages":["Lead","Customer"],"steps":[{"rate":0.5,"k":7,"n":5,"lag_months":-1}],
    "start_month":"January","horizon_months":0,"seasonality":[1,2],
    "channels":[{"name":"","share":2,"cost_per_lead":-1}],
    "money":{"gross_margin":1.5},"capacity":"lots","uncertainty":{"draws":5}})";
  auto r = ScenarioFromJson(text);
  REQUIRE_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& e : r.errors()) fields.push_back(e.field);
  for (const char* f : {"start_month", "capacity"}) {
    CAPTURE(f);
    CHECK(std::find(fields.begin(), fields.end(), f) != fields.end());
  }
  // Type errors are reported first; fix them and the value checks name the rest.
  auto r2 = ScenarioFromJson(R"({"version":1,"revenue_goal":1000,"deal_size":100,
    "stages":["Lead","Customer"],"steps":[{"rate":0.5,"k":7,"n":5,"lag_months":-1}],
    "horizon_months":0,"channels":[{"name":"","share":2,"cost_per_lead":-1}],
    "money":{"gross_margin":1.5},"uncertainty":{"draws":5}})");
  REQUIRE_FALSE(r2.ok());
  fields.clear();
  for (const auto& e : r2.errors()) fields.push_back(e.field);
  for (const char* f : {"steps[0].k", "steps[0].lag_months", "horizon_months", "channels[0].name",
                        "channels[0].share", "channels[0].cost_per_lead", "money.gross_margin", "draws"}) {
    CAPTURE(f);
    CHECK(std::find(fields.begin(), fields.end(), f) != fields.end());
  }
}

TEST_CASE("CSV export: the whole plan in sections", "[plan][csv]") {
  Scenario s = ThreeMonths();
  s.channels = {{"Search", 0.5, 50, 0, {}}, {"Social", 0.5, 20, 0, {}}};
  s.money.sales_cost = 900;
  s.steps[1].k = 40;
  s.steps[1].n = 100;
  s.draws = 2000;
  auto r = BuildPlan(s);
  REQUIRE(r.ok());
  const std::string csv = PlanToCsv(s, r.value());
  auto has = [&](const std::string& line) { return csv.find("\r\n" + line + "\r\n") != std::string::npos || csv.rfind(line + "\r\n", 0) == 0; };
  CHECK(csv.rfind("Funnel plan,three months\r\n", 0) == 0);
  CHECK(has("Revenue goal,120000.00"));
  CHECK(has("First month,2026-01"));
  CHECK(has("Months in the plan,3"));
  CHECK(has("Step,Conversion rate,Lag (months),Observed converted,Observed total"));
  CHECK(has("SQL \xE2\x86\x92 Customer,0.400000,1.00,40,100"));
  CHECK(has("Stage,Needed (exact),Target"));
  CHECK(has("Lead,60.00,60"));
  CHECK(has("Month,Revenue goal,Lead,SQL,Customer"));
  CHECK(has("2025-11,0.00,20,0,0"));
  CHECK(has("2026-03,40000.00,0,0,4"));
  CHECK(has("Total,120000.00,60,30,12"));
  // Channels: 30 leads each, 6 customers each, 30 × 50 and 30 × 20.
  CHECK(has("Search,0.5000,50.00,30,6.0,1500.00,"));
  CHECK(has("Social,0.5000,20.00,30,6.0,600.00,"));
  // Money: one acquisition cost 2,100 + 900 = 3,000; CAC 250; no churn: LTV empty.
  CHECK(has("Acquisition cost (spend + other),3000.00"));
  CHECK(has("CAC,250.00"));
  CHECK(has("LTV,"));
  CHECK(has("ROI (%),3900.0"));  // (120,000 × margin 1 − 3,000) / 3,000 = 39
  // Observed rates: the confidence section is there.
  CHECK(has("Confidence,Lead needed"));
  // Sections are separated by one empty line; no line has a stray NaN.
  CHECK(csv.find("\r\n\r\n\r\n") == std::string::npos);
  CHECK(csv.find(",nan") == std::string::npos);
  CHECK(csv.find(",inf") == std::string::npos);
}

TEST_CASE("the sample plan starts in the month it is given", "[plan][start]") {
  const Scenario s = SampleScenario({2026, 12});
  CHECK(s.start_year == 2026);
  CHECK(s.start_month == 12);
  auto r = BuildPlan(s);
  REQUIRE(r.ok());
  // The customers' months begin at the start; the first goal month is December 2026.
  const auto& m = r->monthly;
  CHECK(m.months[static_cast<size_t>(-m.first_offset)] == "2026-12");
  CHECK(m.months.back() == "2027-11");
}

TEST_CASE("channels: whole leads add up to the total rounded up, like the months", "[plan][channels]") {
  Scenario s = SampleScenario();  // 40 customers → 1,333.33 leads at the Lead stage
  SECTION("three equal shares") {
    s.channels = {{"A", 1, 10, 0, {}}, {"B", 1, 10, 0, {}}, {"C", 1, 10, 0, {}}};
    const ChannelPlan p = PlanChannels(s);
    // By hand: 444.44 each. Cumulative: 444.44 → 445; 888.89 → 889 − 445 = 444; 1,333.33 →
    // 1,334 − 889 = 445. Each rounded up would be 1,335; each rounded to nearest 1,332.
    REQUIRE(p.mix.size() == 3);
    CHECK(p.mix[0].whole_leads == 445.0);
    CHECK(p.mix[1].whole_leads == 444.0);
    CHECK(p.mix[2].whole_leads == 445.0);
    CHECK(p.mix_whole_leads == 1334.0);
    CHECK_THAT(p.mix_leads, WithinRel(4000.0 / 3.0, 1e-12));
  }
  SECTION("70 / 30, the cheapest mix under a cap too") {
    s.channels = {{"Partners", 0.7, 40, 50, {}}, {"Search", 0.3, 60, 0, {}}};
    const ChannelPlan p = PlanChannels(s);
    // 933.33 → 934; 1,333.33 → 1,334 − 934 = 400: the same 1,334 as the Lead stage's target.
    CHECK(p.mix[0].whole_leads == 934.0);
    CHECK(p.mix[1].whole_leads == 400.0);
    CHECK(p.mix_whole_leads == 1334.0);
    // Cheapest: Partners first ($40 / 3 % = $1,333 per customer vs $2,000), at its cap of
    // 50 × 12 = 600, Search the remaining 733.33 → 734.
    REQUIRE(p.cheapest.size() == 2);
    CHECK(p.cheapest[0].whole_leads == 600.0);
    CHECK(p.cheapest[1].whole_leads == 734.0);
  }
}

TEST_CASE("entry-to-customer rate: the steps from the entry stage on", "[plan]") {
  Scenario s = SampleScenario();  // entry Lead: 40 % × 50 % × 60 % × 25 % = 3 %
  CHECK_THAT(EntryToCustomerRate(s), WithinAbs(0.03, 1e-15));
  s.entry_stage = "SQL";          // 60 % × 25 % = 15 %
  CHECK_THAT(EntryToCustomerRate(s), WithinAbs(0.15, 1e-15));
}
