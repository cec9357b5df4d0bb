#include "app/templates.hpp"

#include "app/app_state.hpp"
#include "engine/plan/scenario_json.hpp"
#include "fp_templates.hpp"

namespace {

// The template as a scenario starting this month (templates carry no start month of their own).
funnel::Result<funnel::LoadedScenario> LoadTemplate(funnel::YearMonth start, std::string_view id) {
  for (const fp_templates::Entry& t : fp_templates::kAll) {
    if (id != t.id) continue;
    auto loaded = funnel::ScenarioFromJson(t.json);
    if (loaded) {
      loaded.value().scenario.start_year = start.year;
      loaded.value().scenario.start_month = start.month;
    }
    return loaded;
  }
  return funnel::Result<funnel::LoadedScenario>::Fail("", "There is no template called \"" + std::string(id) + "\"");
}

}  // namespace

const std::vector<PlanTemplate>& ListTemplates() {
  static const std::vector<PlanTemplate> list = [] {
    std::vector<PlanTemplate> out;
    for (const fp_templates::Entry& t : fp_templates::kAll) {
      auto loaded = LoadTemplate({}, t.id);
      if (loaded) out.push_back({t.id, loaded->scenario.name});
    }
    return out;
  }();
  return list;
}

std::string TemplateScenarioJson(const AppState& app, std::string_view id) {
  auto loaded = LoadTemplate(app.today, id);
  return loaded ? funnel::ScenarioToJson(loaded->scenario, -1) : std::string();
}

bool OpenTemplate(AppState& app, std::string_view id) {
  auto loaded = LoadTemplate(app.today, id);
  if (!loaded) return false;
  const std::string name = loaded->scenario.name;
  SetScenario(app, std::move(loaded.value().scenario));
  app.plan_notice = "New plan from the template \"" + name + "\".";
  app.select_tab = "Plan";
  return true;
}
