// Named scenarios kept beside the current one (Scenarios tab): save, duplicate, open, delete.
#include "app/app_state.hpp"

void SaveScenarioAs(AppState& app, const std::string& name) {
  funnel::Scenario s = app.scenario;
  s.name = name.empty() ? app.scenario.name : name;
  if (app.scenario.name != s.name) {
    app.scenario.name = s.name;  // the current scenario takes the name it was saved under
    Recompute(app);
    CommitEdit(app);
  }
  ++app.scenario_revision;  // the saved list is part of what autosave keeps
  for (auto& saved : app.saved) {
    if (saved.scenario.name == s.name) {
      saved.scenario = s;
      saved.plan = funnel::BuildPlan(s);
      return;
    }
  }
  app.saved.push_back({s, funnel::BuildPlan(s), app.saved.size() < 3});
}

void SaveRevisedBeside(AppState& app, const funnel::Scenario& revised) {
  SaveScenarioAs(app, app.scenario.name);
  auto keep = [&](const funnel::Scenario& s) {
    for (auto& saved : app.saved) {
      if (saved.scenario.name == s.name) {
        saved.scenario = s;
        saved.plan = funnel::BuildPlan(s);
        saved.compare = true;
        return;
      }
    }
    app.saved.push_back({s, funnel::BuildPlan(s), true});
  };
  keep(app.scenario);
  keep(revised);
  ++app.scenario_revision;
}

void DuplicateSavedScenario(AppState& app, size_t index) {
  if (index >= app.saved.size()) return;
  funnel::Scenario copy = app.saved[index].scenario;
  copy.name += " (copy)";
  app.saved.push_back({copy, funnel::BuildPlan(copy), false});
  ++app.scenario_revision;
}

void OpenSavedScenario(AppState& app, size_t index) {
  if (index < app.saved.size()) SetScenario(app, app.saved[index].scenario);
}

void DeleteSavedScenario(AppState& app, size_t index) {
  if (index >= app.saved.size()) return;
  app.saved.erase(app.saved.begin() + static_cast<std::ptrdiff_t>(index));
  ++app.scenario_revision;
}
