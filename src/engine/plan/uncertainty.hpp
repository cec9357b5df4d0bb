// Uncertainty of the plan: Monte Carlo over the observed rates' Beta posteriors (seeded and
// bit-identical natively and in WebAssembly), a ±10 % sensitivity (tornado) and a two-rate
// what-if grid. Formulas and a worked example: docs/math.md, "Uncertainty".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/random.hpp"
#include "engine/plan/scenario.hpp"

namespace funnel {

// Natural log built from +, ×, ÷ only, so the Monte Carlo gives the same bits on every
// platform (libm's log may differ in the last bit between glibc and WebAssembly's musl).
double DeterministicLog(double x);
double SampleGamma(double shape, Rng& rng);             // Marsaglia–Tsang, shape ≥ 1
double SampleBeta(double alpha, double beta, Rng& rng);  // X/(X+Y), X~Γ(α), Y~Γ(β)

struct MonteCarlo {
  bool uncertain = false;      // at least one step from the entry stage on has evidence k/n
  int draws = 0;
  uint64_t seed = 0;
  std::string stage;           // the entry stage whose count is "leads needed"
  double p50 = 0.0, p80 = 0.0, p90 = 0.0;  // leads needed at these confidence levels
  double planned_leads = 0.0;  // what the team plans to produce
  double p_hit = 0.0;          // chance those leads produce the customers the goal needs
  std::vector<double> histogram_edges;   // leads needed, bins of the distribution (for charts)
  std::vector<uint64_t> histogram_counts;
  std::vector<size_t> small_sample_steps;  // steps whose evidence is thin (n < 30, k < 5, n−k < 5)
};

// customers = goal / deal size; for each draw, leads needed = customers / Π sampled rates of the
// steps from the entry stage to the customer. `planned_leads` ≤ 0 means "the plan's target".
MonteCarlo RunMonteCarlo(const Scenario& scenario, double planned_leads);

struct SensitivityBar {
  size_t step = 0;
  std::string name;          // "Lead → MQL"
  double leads_if_lower = 0.0;   // leads needed with this rate × 0.9
  double leads_if_higher = 0.0;  // … × 1.1 (capped at 100 %)
  double swing = 0.0;            // |lower − higher|
};
// Largest swing first.
std::vector<SensitivityBar> Sensitivity(const Scenario& scenario);

struct WhatIfGrid {
  size_t step_x = 0, step_y = 0;
  std::vector<double> x_rates, y_rates;  // rates tried, ascending
  std::vector<double> leads;             // leads needed, row-major [y][x]
  double goal_leads = 0.0;               // contour level: the leads planned
};
// A size × size grid over the two most sensitive steps, each from 50 % to 150 % of its rate.
WhatIfGrid MakeWhatIfGrid(const Scenario& scenario, const std::vector<SensitivityBar>& bars,
                          double planned_leads, int size = 21);
// The same over two chosen steps (indexes into scenario.steps, from the entry stage on).
WhatIfGrid MakeWhatIfGrid(const Scenario& scenario, size_t step_x, size_t step_y,
                          double planned_leads, int size);

}  // namespace funnel
