// Workshop templates (assets/templates/*.json, embedded at build time): ready plans a
// facilitator or a new user starts from. "New plan from template" in the toolbar, or a link
// "#t=ID" (web/shell.js).
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct AppState;

struct PlanTemplate {
  std::string id;    // "enterprise-b2b": the file name, used in "#t=" links
  std::string name;  // the scenario's name, shown in the menu
};
const std::vector<PlanTemplate>& ListTemplates();  // every template that loads, by id
// The template's scenario JSON, starting in app.today's month; empty when there is no such id.
std::string TemplateScenarioJson(const AppState& app, std::string_view id);
// Replaces the plan with the template (one undo step) and says so on the Plan tab.
bool OpenTemplate(AppState& app, std::string_view id);
