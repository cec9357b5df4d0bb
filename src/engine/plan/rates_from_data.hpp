// Planning with the rates an import observed: the data's stages, each step's observed rate (with
// its evidence k of n, for the uncertainty), median lags and the average won deal. The one place
// plan/ uses analysis/.
#pragma once

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
// to convert in months (kDaysPerMonth), to one decimal, where the data has both dates.
ScenarioFromData PlanWithObservedRates(const Scenario& base, const FunnelAnalysis& analysis);

}  // namespace funnel
