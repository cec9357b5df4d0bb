// The reverse funnel: from a revenue goal back to the count needed at every stage.
// Formula and worked example: docs/math.md, "Reverse funnel".
#pragma once

#include <string>
#include <vector>

#include "engine/common/result.hpp"
#include "engine/plan/scenario.hpp"

namespace funnel {

struct StageTarget {
  std::string stage;
  double exact = 0.0;  // expected count needed, unrounded
  double whole = 0.0;  // the target: exact rounded up to a whole number
  double rate_to_next = 0.0;  // conversion of this stage into the next (0 for the last stage)
};

struct ReverseFunnel {
  std::vector<StageTarget> stages;  // funnel order; back() is the customer stage
  double customers_exact() const { return stages.empty() ? 0.0 : stages.back().exact; }
};

// Rounds up, treating values within a relative 1e-9 of an integer as that integer, so
// 534 / 0.4 = 1334.9999999999998 plans 1,335 leads, not 1,336.
double CeilCount(double exact);

Result<ReverseFunnel> PlanReverseFunnel(const Scenario& scenario);

}  // namespace funnel
