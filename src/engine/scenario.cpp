#include "engine/scenario.hpp"

#include <cmath>

namespace funnel {

Scenario SampleScenario() {
  Scenario s;
  s.name = "Sample plan";
  s.currency = "USD";
  s.revenue_goal = 1'000'000;
  s.deal_size = 25'000;
  s.stages = {"Visitor", "Lead", "MQL", "SQL", "Opportunity", "Customer"};
  s.step_rates = {0.025, 0.40, 0.50, 0.60, 0.25};
  return s;
}

std::string StepName(const Scenario& scenario, size_t step) {
  if (step + 1 >= scenario.stages.size()) return "step " + std::to_string(step + 1);
  return scenario.stages[step] + " \xE2\x86\x92 " + scenario.stages[step + 1];  // U+2192 →
}

std::vector<FieldError> ValidateScenario(const Scenario& s) {
  std::vector<FieldError> errors;
  auto positive = [&](double v, const char* field, const char* what) {
    if (!std::isfinite(v)) {
      errors.push_back({field, std::string(what) + " must be a number"});
    } else if (v <= 0.0) {
      errors.push_back({field, std::string(what) + " must be greater than 0"});
    }
  };
  positive(s.revenue_goal, "revenue_goal", "Revenue goal");
  positive(s.deal_size, "deal_size", "Average deal size");

  if (s.stages.size() < 2) {
    errors.push_back({"stages", "A funnel needs at least 2 stages"});
  }
  for (size_t i = 0; i < s.stages.size(); ++i) {
    if (s.stages[i].empty()) {
      errors.push_back({"stages[" + std::to_string(i) + "]", "Stage name must not be empty"});
    }
  }
  const size_t steps = s.stages.empty() ? 0 : s.stages.size() - 1;
  if (s.step_rates.size() != steps) {
    errors.push_back({"steps", "Expected " + std::to_string(steps) + " conversion rates for " +
                                   std::to_string(s.stages.size()) + " stages, got " +
                                   std::to_string(s.step_rates.size())});
  }
  for (size_t i = 0; i < s.step_rates.size(); ++i) {
    const double r = s.step_rates[i];
    const std::string field = "steps[" + std::to_string(i) + "].rate";
    const std::string name = StepName(s, i);
    if (!std::isfinite(r)) {
      errors.push_back({field, "Conversion rate of " + name + " must be a number"});
    } else if (r <= 0.0) {
      errors.push_back({field, "Conversion rate of " + name +
                                   " must be greater than 0 %: at 0 % no number of " +
                                   (i < s.stages.size() ? s.stages[i] : std::string("leads")) +
                                   " reaches the goal"});
    } else if (r > 1.0) {
      errors.push_back({field, "Conversion rate of " + name + " must be at most 100 %"});
    }
  }
  return errors;
}

}  // namespace funnel
