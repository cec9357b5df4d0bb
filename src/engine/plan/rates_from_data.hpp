// Planning with the rates an import observed: the data's stages, each step's observed rate (with
// its evidence k of n, for the uncertainty), median lags and the average won deal. The one place
// plan/ uses analysis/.
#pragma once

#include <vector>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/plan/scenario.hpp"

namespace funnel {

struct ScenarioFromData {
  Scenario scenario;       // the base with the data's stages, steps and lags (and deal size)
  bool deal_size = false;  // true when the deal size came from the data's won amounts
};

// Needs at least two stages in the analysis (returns the base unchanged otherwise). Channels
// are dropped (their own rates referred to the old stages); the entry stage is chosen anew. A
// step nobody took keeps a 0 rate, which the planner reports by name. Lags are the median days
// to convert in months (kDaysPerMonth), to one decimal, where the data has both dates; with at
// least kMinLagSample conversions the step also gets its lag shares (LagSharesFromData).
ScenarioFromData PlanWithObservedRates(const Scenario& base, const FunnelAnalysis& analysis);

inline constexpr uint64_t kMinLagSample = 20;
// The share of a step's conversions 0, 1, 2, … whole months after its first stage, to 3
// decimals adding up to 1 (trailing zeros dropped); empty with fewer than kMinLagSample.
std::vector<double> LagSharesFromData(const TimeToConvert& time);

}  // namespace funnel
