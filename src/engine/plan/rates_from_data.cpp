#include "engine/plan/rates_from_data.hpp"

#include <algorithm>
#include <cmath>

#include "engine/common/calendar.hpp"

namespace funnel {

ScenarioFromData PlanWithObservedRates(const Scenario& base, const FunnelAnalysis& analysis) {
  ScenarioFromData out{base, false};
  const StageCounts& c = analysis.counts;
  if (c.stages.size() < 2 || c.reached.size() != c.stages.size()) return out;
  Scenario& s = out.scenario;
  s.stages = c.stages;
  s.entry_stage.clear();
  s.channels.clear();
  s.steps.clear();
  for (size_t k = 0; k + 1 < c.stages.size(); ++k) {
    Step step;
    step.n = c.reached[k];
    step.k = std::min(c.reached[k + 1], c.reached[k]);
    step.rate = step.n > 0 ? static_cast<double>(step.k) / static_cast<double>(step.n) : 0.0;
    if (k < analysis.steps.size() && analysis.steps[k].time.count > 0) {
      step.lag_months = std::round(analysis.steps[k].time.median_days / kDaysPerMonth * 10.0) / 10.0;
    }
    s.steps.push_back(step);
  }
  if (analysis.won_with_amount > 0) {
    s.deal_size = analysis.average_won_amount;
    out.deal_size = true;
  }
  return out;
}

}  // namespace funnel
