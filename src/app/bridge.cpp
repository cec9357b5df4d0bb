#include "app/bridge.hpp"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "app/templates.hpp"
#include "engine/analysis/import_summary_json.hpp"
#include "engine/common/json_fields.hpp"
#include "engine/forecast/forecast_json.hpp"
#include "engine/plan/scenario_json.hpp"

namespace {
nlohmann::json ErrorList(const std::vector<funnel::FieldError>& errors) {
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
    out["errors"] = ErrorList(loaded.errors());
  } else {
    out["warnings"] = ErrorList(loaded->warnings);
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
    out["errors"] = ErrorList(summary.errors());
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

std::string BridgeGetSnapshots(const AppState& app) { return funnel::SnapshotsToJson(app.snapshots); }

int BridgeSetSnapshots(AppState& app, std::string_view json) {
  auto list = funnel::SnapshotsFromJson(json);
  if (!list) return -1;
  app.snapshots = std::move(list.value());
  app.track.flow_from = app.track.flow_to = SIZE_MAX;
  ++app.snapshots_revision;
  return static_cast<int>(app.snapshots.size());
}

std::string BridgeUiRect(const AppState& app, std::string_view name) {
  auto it = app.item_rects.find(std::string(name));
  if (it == app.item_rects.end()) return "null";
  const UiRect& r = it->second;
  return nlohmann::json{{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}.dump();
}

std::string BridgeAccessibleItems(const AppState& app) {
  nlohmann::json list = nlohmann::json::array();
  for (const AccessibleItem& i : app.accessible_items) {
    nlohmann::json item = {{"name", i.name}, {"role", i.role}, {"label", i.label}, {"value", i.value},
                           {"selected", i.selected}, {"disabled", i.disabled},
                           {"x", i.rect.x}, {"y", i.rect.y}, {"w", i.rect.w}, {"h", i.rect.h}};
    if (!i.options.empty()) item["options"] = i.options;
    list.push_back(std::move(item));
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BridgeGetTrack(const AppState& app) {
  const auto& t = app.track.track;
  if (!t) return "null";
  return t->ok() ? funnel::TrackToJson(t->value(), -1) : funnel::ErrorsToJson(t->errors(), -1);
}

std::string BridgeGetForecast(const AppState& app) {
  const auto& f = app.track.forecast;
  if (!f) return "null";
  return f->ok() ? funnel::ForecastToJson(f->value(), -1) : funnel::ErrorsToJson(f->errors(), -1);
}

double BridgeAccessibleRevision(const AppState& app) { return static_cast<double>(app.accessible_revision); }

bool BridgeAccessibleAct(AppState& app, std::string_view name, std::string_view action, std::string_view value) {
  if (action != "press" && action != "set" && action != "focus") return false;
  if (name.size() > 256 || value.size() > 4096) return false;
  auto [it, added] = app.accessible_requests.try_emplace(std::string(name));
  // Focus follows an action on the same control (Escape closes a menu, then its button takes
  // focus): it must not cancel that action, which it would replace.
  if (added || action != "focus") it->second = AccessibleRequest{std::string(action), std::string(value)};
  return true;
}

std::string BridgeTemplateScenario(const AppState& app, std::string_view id) { return TemplateScenarioJson(app, id); }

namespace {
// A count or id from JS: a whole number in [0, 2^53), else `bad`.
uint64_t Whole(double v, uint64_t bad) {
  return v >= 0 && v < 9007199254740992.0 && v == std::floor(v) ? static_cast<uint64_t>(v) : bad;
}
}  // namespace
char* BridgeImportBuffer(AppState& app, double size) {
  // A size that is not a whole number, or beyond what size_t holds in wasm32, is refused by
  // ImportBuffer (with a message), not truncated or wrapped around.
  const uint64_t n = Whole(size, UINT64_MAX);
  return ImportBuffer(app, n >= uint64_t{4'000'000'000} ? SIZE_MAX - 1 : static_cast<size_t>(n));
}
void BridgeImportStart(AppState& app, std::string_view name, bool workbook) {
  StartImport(app, name.empty() ? "data" : std::string(name), std::nullopt, workbook);
}
void BridgeImportFail(AppState& app, std::string_view name, std::string_view message) {
  ReportImportFailure(app, name.empty() ? "data" : std::string(name), std::string(message));
}
double BridgeImportStreamStart(AppState& app, std::string_view name, double size, bool workbook) {
  const uint64_t n = Whole(size, UINT64_MAX);
  if (n == UINT64_MAX) return 0.0;
  return static_cast<double>(
      StartStreamImport(app, name.empty() ? "data" : std::string(name), static_cast<size_t>(n), workbook));
}
char* BridgeImportStreamBuffer(AppState& app, double size) {
  const uint64_t n = Whole(size, UINT64_MAX);
  return n > (uint64_t{1} << 30) ? nullptr : StreamBuffer(app, static_cast<size_t>(n));
}
bool BridgeImportStreamFeed(AppState& app, double id, double n, double input_progress) {
  const uint64_t bytes = Whole(n, UINT64_MAX);
  if (bytes > (uint64_t{1} << 30)) return false;
  return FeedStream(app, Whole(id, 0), static_cast<size_t>(bytes), std::isfinite(input_progress) ? input_progress : -1.0);
}
bool BridgeImportStreamEnd(AppState& app, double id) { return EndStream(app, Whole(id, 0)); }
int BridgeImportStreamState(const AppState& app, double id) { return StreamState(app, Whole(id, 0)); }
void BridgeImportStreamFail(AppState& app, double id, std::string_view message) {
  FailStream(app, Whole(id, 0), std::string(message));
}
double BridgeImportStreamId(const AppState& app) {
  return app.data.importer ? static_cast<double>(app.data.stream_id) : 0.0;
}
double BridgeImportStep(AppState& app, double budget_ms) {
  AdvanceImport(app, std::isfinite(budget_ms) ? std::clamp(budget_ms, 0.1, 100.0) : 8.0);
  return BridgeImportProgress(app);
}
void BridgeImportSample(AppState& app) { StartSampleImport(app); }
void BridgeImportFinishNow(AppState& app) { FinishImportNow(app); }
void BridgeImportCancel(AppState& app) { CancelImport(app); }
double BridgeImportProgress(const AppState& app) { return app.data.importer ? app.data.progress : -1.0; }
void BridgeSetDatedOnly(AppState& app, bool on) { SetDatedOnly(app, on); }
void BridgeUseRatesFromData(AppState& app) { UseRatesFromData(app); }
void BridgeSaveScenario(AppState& app, std::string_view name) { SaveScenarioAs(app, std::string(name)); }
void BridgeSelectTab(AppState& app, std::string_view name) { app.select_tab = std::string(name); }
std::string BridgeCurrentTab(const AppState& app) { return app.current_tab; }
void BridgeSetDarkTheme(AppState& app, bool on) { app.dark_theme = on; }
bool BridgeDarkTheme(const AppState& app) { return app.dark_theme; }
void BridgeSetTextScale(AppState& app, double scale) { SetTextScale(app, static_cast<float>(scale)); }
double BridgeTextScale(const AppState& app) { return app.text_scale; }
double BridgeScenarioRevision(const AppState& app) { return static_cast<double>(app.scenario_revision); }
double BridgeDataRevision(const AppState& app) { return static_cast<double>(app.data_revision); }
double BridgeFrameCount(const AppState& app) { return static_cast<double>(app.frame); }
void BridgeSetCaptureText(AppState& app, bool on) {
  app.capture_text = on;
  if (!on) app.screen_text.clear();
}
std::string BridgeScreenText(const AppState& app) { return app.screen_text; }
