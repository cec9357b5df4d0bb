// Reverse funnel, checked against numbers worked out by hand (docs/math.md, "Reverse funnel").
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/plan/reverse_funnel.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using funnel::PlanReverseFunnel;
using funnel::Scenario;

namespace {
Scenario Simple(double goal, double deal, std::vector<double> rates) {
  Scenario s;
  s.name = "test";
  s.currency = "USD";
  s.revenue_goal = goal;
  s.deal_size = deal;
  for (double r : rates) s.steps.push_back({r, 0, 0, 0.0});
  for (size_t i = 0; i <= s.steps.size(); ++i) s.stages.push_back("S" + std::to_string(i));
  return s;
}
bool HasError(const funnel::Result<funnel::ReverseFunnel>& r, const std::string& field) {
  if (r.ok()) return false;
  for (const auto& e : r.errors()) {
    if (e.field == field && !e.message.empty()) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("sample plan: $1,000,000 at $25,000 per deal", "[reverse_funnel]") {
  // 1,000,000 / 25,000 = 40 customers
  // Opportunity = 40 / 0.25   = 160
  // SQL         = 160 / 0.60  = 266.67  -> 267
  // MQL         = 266.67 / 0.5 = 533.33 -> 534
  // Lead        = 533.33 / 0.4 = 1,333.33 -> 1,334
  // Visitor     = 1,333.33 / 0.025 = 53,333.33 -> 53,334
  auto r = PlanReverseFunnel(funnel::SampleScenario());
  REQUIRE(r.ok());
  const auto& st = r->stages;
  REQUIRE(st.size() == 6);
  CHECK(st[5].stage == "Customer");
  CHECK_THAT(st[5].exact, WithinRel(40.0, 1e-12));
  CHECK(st[5].whole == 40.0);
  CHECK_THAT(st[4].exact, WithinRel(160.0, 1e-12));
  CHECK(st[4].whole == 160.0);
  CHECK_THAT(st[3].exact, WithinRel(800.0 / 3.0, 1e-12));
  CHECK(st[3].whole == 267.0);
  CHECK_THAT(st[2].exact, WithinRel(1600.0 / 3.0, 1e-12));
  CHECK(st[2].whole == 534.0);
  CHECK_THAT(st[1].exact, WithinRel(4000.0 / 3.0, 1e-12));
  CHECK(st[1].whole == 1334.0);
  CHECK_THAT(st[0].exact, WithinRel(160000.0 / 3.0, 1e-12));
  CHECK(st[0].whole == 53334.0);
  CHECK_THAT(st[0].rate_to_next, WithinAbs(0.025, 1e-15));
  CHECK(st[5].rate_to_next == 0.0);
}

TEST_CASE("a fractional customer count rounds up", "[reverse_funnel]") {
  // 100,000 / 30,000 = 3.33 customers -> 4; at 50 %: 6.67 opportunities -> 7
  auto r = PlanReverseFunnel(Simple(100'000, 30'000, {0.5}));
  REQUIRE(r.ok());
  CHECK_THAT(r->stages[1].exact, WithinRel(10.0 / 3.0, 1e-12));
  CHECK(r->stages[1].whole == 4.0);
  CHECK_THAT(r->stages[0].exact, WithinRel(20.0 / 3.0, 1e-12));
  CHECK(r->stages[0].whole == 7.0);
}

TEST_CASE("CeilCount ignores floating-point dust", "[reverse_funnel]") {
  CHECK(funnel::CeilCount(534.0 / 0.4) == 1335.0);  // 1334.9999999999998 in binary
  CHECK(funnel::CeilCount(40.0) == 40.0);
  CHECK(funnel::CeilCount(266.6667) == 267.0);
  CHECK(funnel::CeilCount(0.2) == 1.0);
  CHECK(funnel::CeilCount(1e12 + 0.5) == 1e12 + 1.0);
}

TEST_CASE("rates of 100 % pass counts through unchanged", "[reverse_funnel]") {
  auto r = PlanReverseFunnel(Simple(500, 100, {1.0, 1.0}));
  REQUIRE(r.ok());
  for (const auto& t : r->stages) CHECK(t.whole == 5.0);
}

TEST_CASE("bad inputs give a clear error naming the field, never inf or NaN", "[reverse_funnel]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(HasError(PlanReverseFunnel(Simple(1000, 100, {0.5, 0.0})), "steps[1].rate"));
  CHECK(HasError(PlanReverseFunnel(Simple(1000, 100, {1.2, 0.5})), "steps[0].rate"));
  CHECK(HasError(PlanReverseFunnel(Simple(1000, 100, {-0.1})), "steps[0].rate"));
  CHECK(HasError(PlanReverseFunnel(Simple(1000, 100, {nan})), "steps[0].rate"));
  CHECK(HasError(PlanReverseFunnel(Simple(0, 100, {0.5})), "revenue_goal"));
  CHECK(HasError(PlanReverseFunnel(Simple(-5, 100, {0.5})), "revenue_goal"));
  CHECK(HasError(PlanReverseFunnel(Simple(nan, 100, {0.5})), "revenue_goal"));
  CHECK(HasError(PlanReverseFunnel(Simple(inf, 100, {0.5})), "revenue_goal"));
  CHECK(HasError(PlanReverseFunnel(Simple(1000, 0, {0.5})), "deal_size"));
  CHECK(HasError(PlanReverseFunnel(Simple(1000, nan, {0.5})), "deal_size"));

  Scenario mismatched = Simple(1000, 100, {0.5, 0.5});
  mismatched.steps.pop_back();
  CHECK(HasError(PlanReverseFunnel(mismatched), "steps"));

  Scenario one_stage = Simple(1000, 100, {});
  CHECK(HasError(PlanReverseFunnel(one_stage), "stages"));

  Scenario unnamed = Simple(1000, 100, {0.5});
  unnamed.stages[1].clear();
  CHECK(HasError(PlanReverseFunnel(unnamed), "stages[1]"));
}

TEST_CASE("all problems are reported at once", "[reverse_funnel]") {
  auto r = PlanReverseFunnel(Simple(0, 0, {0.0, 2.0}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors().size() == 4);
}

TEST_CASE("the zero-rate message says why", "[reverse_funnel]") {
  auto s = funnel::SampleScenario();
  s.steps[4].rate = 0.0;
  auto r = PlanReverseFunnel(s);
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors()[0].message.find("Opportunity") != std::string::npos);
  CHECK(r.errors()[0].message.find("0 %") != std::string::npos);
}

TEST_CASE("absurdly large plans are refused instead of overflowing", "[reverse_funnel]") {
  auto r = PlanReverseFunnel(Simple(1e300, 1e-300, {1e-300}));
  REQUIRE_FALSE(r.ok());
  for (const auto& e : r.errors()) CHECK(e.message.find("10^15") != std::string::npos);
}

TEST_CASE("properties of the reverse funnel", "[reverse_funnel][property]") {
  const auto base = funnel::SampleScenario();
  const auto r0 = PlanReverseFunnel(base);
  REQUIRE(r0.ok());

  SECTION("doubling the goal doubles every exact count") {
    auto s = base;
    s.revenue_goal *= 2;
    auto r = PlanReverseFunnel(s);
    REQUIRE(r.ok());
    for (size_t i = 0; i < r->stages.size(); ++i) {
      CHECK_THAT(r->stages[i].exact, WithinRel(2.0 * r0->stages[i].exact, 1e-12));
    }
  }
  SECTION("a higher rate never needs more at any stage") {
    for (size_t step = 0; step < base.steps.size(); ++step) {
      auto s = base;
      s.steps[step].rate = std::min(1.0, s.steps[step].rate * 1.1);
      auto r = PlanReverseFunnel(s);
      REQUIRE(r.ok());
      for (size_t i = 0; i < r->stages.size(); ++i) {
        CHECK(r->stages[i].exact <= r0->stages[i].exact);
        CHECK(r->stages[i].whole <= r0->stages[i].whole);
      }
    }
  }
  SECTION("a bigger deal size needs fewer customers") {
    auto s = base;
    s.deal_size *= 4;
    auto r = PlanReverseFunnel(s);
    REQUIRE(r.ok());
    CHECK(r->stages.back().whole == 10.0);
  }
}
