// The what-if view model: the leads surface over two rates and its colour levels, recomputed
// after the plan (the What-if panel only draws it).
#include <algorithm>
#include <cmath>

#include "app/app_state.hpp"

void UpdateWhatIf(AppState& app) {
  WhatIfView& v = app.what_if;
  v.grid = {};
  v.level.clear();
  ++v.revision;
  if (!app.plan) return;
  const funnel::PlanReport& r = app.plan.value();
  size_t x = v.step_x, y = v.step_y;
  const size_t entry = r.entry_stage;
  const size_t steps = app.scenario.steps.size();
  if (x < entry || x >= steps) x = r.what_if.step_x;
  if (y < entry || y >= steps) y = r.what_if.step_y;
  constexpr int kSize = 41;
  v.grid = funnel::MakeWhatIfGrid(app.scenario, x, y, r.uncertainty.planned_leads, kSize);
  if (v.grid.leads.empty()) return;
  double lo = INFINITY, hi = 0.0;
  for (double l : v.grid.leads) {
    if (std::isfinite(l) && l > 0.0) {
      lo = std::min(lo, l);
      hi = std::max(hi, l);
    }
  }
  const double span = hi > lo ? std::log(hi) - std::log(lo) : 1.0;
  auto scale = [&](double l) {
    return static_cast<float>(std::clamp((std::log(std::max(l, lo)) - std::log(lo)) / span, 0.0, 1.0));
  };
  v.level.reserve(v.grid.leads.size());
  for (double l : v.grid.leads) v.level.push_back(std::isfinite(l) ? scale(l) : 1.0f);
  v.goal_level = scale(v.grid.goal_leads);
}
