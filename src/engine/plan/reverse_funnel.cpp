#include "engine/plan/reverse_funnel.hpp"

#include <cmath>

namespace funnel {

double CeilCount(double exact) {
  const double nearest = std::round(exact);
  if (std::fabs(exact - nearest) <= 1e-9 * std::fmax(1.0, std::fabs(exact))) return nearest;
  return std::ceil(exact);
}

Result<ReverseFunnel> PlanReverseFunnel(const Scenario& scenario) {
  if (auto errors = ValidateScenario(scenario); !errors.empty()) return errors;

  const size_t n = scenario.stages.size();
  ReverseFunnel plan;
  plan.stages.resize(n);
  // customers = goal / deal size; each earlier stage = next stage / rate of that step.
  double needed = scenario.revenue_goal / scenario.deal_size;
  for (size_t i = n; i-- > 0;) {
    StageTarget& t = plan.stages[i];
    if (i + 1 < n) {
      t.rate_to_next = scenario.steps[i].rate;
      needed /= t.rate_to_next;
    }
    if (!std::isfinite(needed) || needed > kMaxPlannedCount) {
      return Result<ReverseFunnel>::Fail(
          i + 1 < n ? "steps[" + std::to_string(i) + "].rate" : "revenue_goal",
          "The plan needs more than 10^15 " + scenario.stages[i] +
              "; check the goal, deal size and rates");
    }
    t.stage = scenario.stages[i];
    t.exact = needed;
    t.whole = CeilCount(needed);
  }
  return plan;
}

}  // namespace funnel
