// The current scenario's edit history: one undo step per finished edit, redo, and recomputing
// the plan after each change.
#include <utility>

#include "app/app_state.hpp"

void SetScenario(AppState& app, funnel::Scenario scenario) {
  app.scenario = std::move(scenario);
  Recompute(app);
  CommitEdit(app);
}

void CommitEdit(AppState& app) {
  if (app.scenario == app.committed) return;
  constexpr size_t kMaxUndo = 200;
  app.undo_stack.push_back(std::move(app.committed));
  if (app.undo_stack.size() > kMaxUndo) app.undo_stack.erase(app.undo_stack.begin());
  app.committed = app.scenario;
  app.redo_stack.clear();
}

bool Undo(AppState& app) {
  CommitEdit(app);  // an edit still being typed counts as done
  if (app.undo_stack.empty()) return false;
  app.redo_stack.push_back(std::move(app.scenario));
  app.scenario = std::move(app.undo_stack.back());
  app.undo_stack.pop_back();
  app.committed = app.scenario;
  Recompute(app);
  return true;
}

bool Redo(AppState& app) {
  if (app.redo_stack.empty()) return false;
  app.undo_stack.push_back(std::move(app.scenario));
  app.scenario = std::move(app.redo_stack.back());
  app.redo_stack.pop_back();
  app.committed = app.scenario;
  Recompute(app);
  return true;
}

void Recompute(AppState& app) {
  app.plan = funnel::BuildPlan(app.scenario);
  ++app.scenario_revision;
  UpdateWhatIf(app);
}
