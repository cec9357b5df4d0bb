#include "engine/plan/rates_from_data.hpp"

#include <algorithm>
#include <cmath>

#include "engine/common/calendar.hpp"

namespace funnel {

std::vector<double> LagSharesFromData(const TimeToConvert& time) {
  uint64_t total = 0;
  for (uint64_t m : time.months) total += m;
  if (total < kMinLagSample) return {};
  // Shares to 3 decimals (a short share link); the rounding rest goes to the largest share.
  std::vector<double> shares;
  for (uint64_t m : time.months) shares.push_back(std::round(static_cast<double>(m) / static_cast<double>(total) * 1000.0) / 1000.0);
  while (shares.size() > 1 && shares.back() == 0.0) shares.pop_back();
  double sum = 0.0;
  for (double x : shares) sum += x;
  *std::max_element(shares.begin(), shares.end()) += 1.0 - sum;
  return shares;
}

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
      step.lag_shares = LagSharesFromData(analysis.steps[k].time);
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
