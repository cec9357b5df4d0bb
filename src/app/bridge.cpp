#include "app/bridge.hpp"

#include <nlohmann/json.hpp>

#include "engine/analysis/import_summary_json.hpp"
#include "engine/common/json_fields.hpp"
#include "engine/plan/scenario_json.hpp"

namespace {
nlohmann::json ErrorsToJson(const std::vector<funnel::FieldError>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : errors) out.push_back({{"field", e.field}, {"message", e.message}});
  return out;
}
}  // namespace

std::string BridgeGetScenario(const AppState& app) { return funnel::ScenarioToJson(app.scenario); }

std::string BridgeSetScenario(AppState& app, std::string_view json) {
  auto loaded = funnel::ScenarioFromJson(json);
  nlohmann::json out;
  out["ok"] = loaded.ok();
  if (!loaded) {
    out["errors"] = ErrorsToJson(loaded.errors());
  } else {
    out["warnings"] = ErrorsToJson(loaded->warnings);
    SetScenario(app, loaded->scenario);
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BridgeGetResult(const AppState& app) {
  return funnel::PlanToJson(app.scenario, app.plan, -1);
}

std::string BridgeGetPlanCsv(const AppState& app) {
  return app.plan.ok() ? funnel::PlanToCsv(app.scenario, app.plan.value()) : std::string();
}

std::string BridgeGetAnalysis(const AppState& app) {
  if (app.data.report.source_name.empty()) return "null";
  std::string text = funnel::AnalysisToJson(app.data.report, app.data.analysis, -1);
  if (!app.data.restored) return text;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);  // our own output: always an object
  if (j.is_object()) j["restored"] = true;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BridgeGetSummaryForStorage(const AppState& app) {
  if (app.data.report.source_name.empty()) return "null";
  return funnel::ImportSummaryToJson(app.data.report, app.data.analysis);
}

std::string BridgeRestoreAnalysis(AppState& app, std::string_view json) {
  auto summary = funnel::ImportSummaryFromJson(json);
  nlohmann::json out;
  out["ok"] = summary.ok();
  if (!summary) {
    out["errors"] = ErrorsToJson(summary.errors());
  } else {
    RestoreImportSummary(app, std::move(summary.value().report), std::move(summary.value().analysis));
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BridgeGetSavedScenarios(const AppState& app) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : app.saved) {
    list.push_back({{"scenario", nlohmann::json::parse(funnel::ScenarioToJson(s.scenario, -1))}, {"compare", s.compare}});
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int BridgeSetSavedScenarios(AppState& app, std::string_view json) {
  std::string parse_error;  // too deep, too long or not JSON: nothing is read
  const auto parsed = funnel::detail::ParseJson(json, funnel::kMaxSummaryBytes, "saved scenarios", parse_error);
  if (!parsed || !parsed->is_array()) return 0;
  const nlohmann::json& list = *parsed;
  app.saved.clear();
  for (const auto& item : list) {
    if (!item.is_object() || !item.contains("scenario")) continue;
    auto loaded = funnel::ScenarioFromJson(item["scenario"].dump());
    if (!loaded) continue;
    const auto flag = item.find("compare");
    const bool compare = flag != item.end() && flag->is_boolean() && flag->get<bool>();
    app.saved.push_back({loaded->scenario, funnel::BuildPlan(loaded->scenario), compare});
  }
  ++app.scenario_revision;
  return static_cast<int>(app.saved.size());
}

std::string BridgeUiRect(const AppState& app, std::string_view name) {
  auto it = app.item_rects.find(std::string(name));
  if (it == app.item_rects.end()) return "null";
  const UiRect& r = it->second;
  return nlohmann::json{{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}.dump();
}
