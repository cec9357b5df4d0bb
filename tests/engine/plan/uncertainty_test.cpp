// Uncertainty: Wilson intervals, deterministic sampling, Monte Carlo quantiles, sensitivity.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/common/rate_estimate.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/uncertainty.hpp"

using namespace funnel;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {
// 10 customers from one uncertain step Lead → Customer.
Scenario OneStep(uint64_t k, uint64_t n) {
  Scenario s;
  s.name = "one step";
  s.currency = "USD";
  s.revenue_goal = 100'000;
  s.deal_size = 10'000;
  s.stages = {"Lead", "Customer"};
  s.steps = {{static_cast<double>(k) / static_cast<double>(n), k, n, 0.0}};
  s.draws = 100'000;
  s.seed = 7;
  return s;
}
}  // namespace

TEST_CASE("Wilson interval, worked by hand for 40 of 100", "[uncertainty]") {
  // p = 0.4, z = 1.96: centre (0.4 + 0.019207) / 1.038415 = 0.403701,
  // half-width 1.96 · sqrt(0.0024 + 0.000096) / 1.038415 = 0.094300.
  const RateEstimate e = EstimateRate(40, 100);
  CHECK_THAT(e.rate, WithinAbs(0.4, 1e-15));
  CHECK_THAT(e.wilson_low, WithinAbs(0.309401, 1e-5));
  CHECK_THAT(e.wilson_high, WithinAbs(0.498002, 1e-5));
  CHECK_FALSE(e.small_sample);
  CHECK(EstimateRate(2, 10).small_sample);
  CHECK(EstimateRate(98, 100).small_sample);  // n − k < 5
  const RateEstimate none = EstimateRate(0, 0);
  CHECK(none.rate == 0.0);
  CHECK(none.wilson_high == 1.0);
  CHECK(EstimateRate(12, 10).k == 10);  // clamped, never a rate above 1
}

TEST_CASE("the deterministic log matches libm", "[uncertainty]") {
  for (double x : {1e-300, 1e-10, 0.001, 0.3, 0.5, 0.7071, 1.0, 1.5, 2.0, 3.14159, 1e10, 1e300}) {
    CAPTURE(x);
    CHECK_THAT(DeterministicLog(x), WithinAbs(std::log(x), 1e-14 * std::fmax(1.0, std::fabs(std::log(x)))));
  }
  CHECK(DeterministicLog(1.0) == 0.0);
  CHECK(std::isinf(DeterministicLog(0.0)));
}

TEST_CASE("Gamma and Beta samples have the right moments", "[uncertainty]") {
  Rng rng{123};
  const int n = 200'000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double g = SampleGamma(3.0, rng);
    sum += g;
    sum2 += g * g;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK_THAT(mean, WithinAbs(3.0, 0.02));  // Γ(3): mean 3, variance 3
  CHECK_THAT(var, WithinAbs(3.0, 0.06));
  double bsum = 0;
  for (int i = 0; i < n; ++i) bsum += SampleBeta(41, 61, rng);
  CHECK_THAT(bsum / n, WithinAbs(41.0 / 102.0, 0.001));  // Beta(41, 61) mean
}

TEST_CASE("Monte Carlo: 40 of 100 observed, 10 customers needed", "[uncertainty]") {
  // Rate posterior Beta(41, 61): median ≈ 0.4013 → ~25 leads; its 10th percentile ≈ 0.340
  // (mean − 1.2816·sd, sd = 0.0483) → ~29.4 leads at 90 % confidence.
  const Scenario s = OneStep(40, 100);
  const MonteCarlo mc = RunMonteCarlo(s, 25);
  CHECK(mc.uncertain);
  CHECK(mc.stage == "Lead");
  CHECK((mc.p50 >= 25 && mc.p50 <= 26));
  CHECK((mc.p90 >= 29 && mc.p90 <= 31));
  CHECK(mc.p50 <= mc.p80);
  CHECK(mc.p80 <= mc.p90);
  // P(rate ≥ 0.4) for Beta(41, 61) ≈ 0.51.
  CHECK_THAT(mc.p_hit, WithinAbs(0.51, 0.04));
  REQUIRE(mc.histogram_counts.size() == 30);
  uint64_t total = 0;
  for (auto c : mc.histogram_counts) total += c;
  CHECK(static_cast<double>(total) >= 0.98 * s.draws);
}

TEST_CASE("Monte Carlo is reproducible per seed", "[uncertainty]") {
  Scenario s = OneStep(40, 100);
  const MonteCarlo a = RunMonteCarlo(s, 25), b = RunMonteCarlo(s, 25);
  CHECK(a.p50 == b.p50);
  CHECK(a.p90 == b.p90);
  CHECK(a.p_hit == b.p_hit);
  CHECK(a.histogram_counts == b.histogram_counts);
  s.seed = 8;
  const MonteCarlo c = RunMonteCarlo(s, 25);
  CHECK(c.histogram_counts != a.histogram_counts);
}

TEST_CASE("more evidence narrows the range", "[uncertainty][property]") {
  const MonteCarlo thin = RunMonteCarlo(OneStep(40, 100), 0);
  const MonteCarlo thick = RunMonteCarlo(OneStep(4000, 10000), 0);
  CHECK(thick.p90 - thick.p50 < thin.p90 - thin.p50);
  CHECK(thick.p90 - thick.p50 <= 1.0);  // 10 / 0.4 = 25, barely moves
}

TEST_CASE("typed rates are exact: every quantile is the plan", "[uncertainty]") {
  Scenario s = SampleScenario();  // all typed; 1,333.33 leads → 1,334
  const MonteCarlo mc = RunMonteCarlo(s, 0);
  CHECK_FALSE(mc.uncertain);
  CHECK(mc.p50 == 1334.0);
  CHECK(mc.p90 == 1334.0);
  CHECK(mc.planned_leads == 1334.0);
  CHECK(mc.p_hit == 1.0);
}

TEST_CASE("thin evidence is flagged", "[uncertainty]") {
  auto r = BuildPlan(OneStep(3, 10));
  REQUIRE(r.ok());
  CHECK(r->uncertainty.small_sample_steps == std::vector<size_t>{0});
  bool warned = false;
  for (const auto& w : r->warnings) warned = warned || w.find("3 of 10") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("sensitivity: ±10 % on each rate, a rate near 100 % moves less", "[uncertainty]") {
  Scenario s = OneStep(1, 2);
  s.stages = {"Lead", "SQL", "Customer"};
  s.steps = {{0.95, 0, 0, 0.0}, {0.5, 0, 0, 0.0}};  // 10 customers → 10 / 0.475 = 21.05 leads
  const auto bars = Sensitivity(s);
  REQUIRE(bars.size() == 2);
  // SQL → Customer: 10 / (0.95·0.45) = 23.39 and 10 / (0.95·0.55) = 19.14.
  CHECK(bars[0].step == 1);
  CHECK_THAT(bars[0].leads_if_lower, WithinRel(10.0 / (0.95 * 0.45), 1e-12));
  CHECK_THAT(bars[0].leads_if_higher, WithinRel(10.0 / (0.95 * 0.55), 1e-12));
  // Lead → SQL: 0.95 × 1.1 is capped at 100 %: 10 / 0.5 = 20.
  CHECK(bars[1].step == 0);
  CHECK_THAT(bars[1].leads_if_higher, WithinRel(20.0, 1e-12));
  CHECK(bars[0].swing > bars[1].swing);

  const WhatIfGrid g = MakeWhatIfGrid(s, bars, 0, 3);
  CHECK(g.step_x == 1);
  CHECK(g.step_y == 0);
  CHECK(g.x_rates == std::vector<double>{0.25, 0.5, 0.75});
  CHECK(g.y_rates == std::vector<double>{0.475, 0.95, 1.0});  // 1.425 capped
  CHECK_THAT(g.leads[4], WithinRel(10.0 / 0.475, 1e-12));     // the centre is the plan
  CHECK_THAT(g.goal_leads, WithinRel(10.0 / 0.475, 1e-12));
  // Higher rates never need more leads, along both axes.
  for (size_t y = 0; y < 3; ++y) {
    for (size_t x = 0; x + 1 < 3; ++x) CHECK(g.leads[y * 3 + x + 1] <= g.leads[y * 3 + x]);
  }
}
