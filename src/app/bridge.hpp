// The JSON face of AppState for the JS API (window.funnelplan, docs/js-api.md).
// Pure C++: the Emscripten exports in src/platform/ only forward to these.
#pragma once

#include <string>
#include <string_view>

#include "app/app_state.hpp"

std::string BridgeGetScenario(const AppState& app);
// {"ok":true,"warnings":[...]} or {"ok":false,"errors":[{field,message}]}; on error the
// current scenario is left untouched.
std::string BridgeSetScenario(AppState& app, std::string_view json);
std::string BridgeGetResult(const AppState& app);
// The import report and stage counts (docs/cli.md, "analyze --format json"), or null; with
// "restored": true when it was restored from a saved summary rather than imported.
std::string BridgeGetAnalysis(const AppState& app);
// The whole plan as CSV (funnel::PlanToCsv, the CLI's "plan --format csv"); empty when the
// scenario has errors.
std::string BridgeGetPlanCsv(const AppState& app);
// The bounded form of the imported data's summary the page keeps for the next visit
// (funnel::ImportSummaryToJson), or "null" when nothing is imported.
std::string BridgeGetSummaryForStorage(const AppState& app);
// Shows a summary getAnalysis() returned earlier (rows are not needed): {"ok":true} or
// {"ok":false,"errors":[{field,message}]}, leaving the data shown untouched.
std::string BridgeRestoreAnalysis(AppState& app, std::string_view json);
// Saved scenarios (Scenarios tab): [{"scenario": {…}, "compare": bool}, …], for autosave.
std::string BridgeGetSavedScenarios(const AppState& app);
// Replaces the saved list; entries that do not load are skipped. Returns how many loaded.
int BridgeSetSavedScenarios(AppState& app, std::string_view json);
// Snapshots (Track tab): the list as funnel::SnapshotsToJson writes it, for autosave.
std::string BridgeGetSnapshots(const AppState& app);
// Replaces the snapshots; entries that do not load are skipped. Returns how many loaded, or −1
// when the text is not a list (the snapshots are left alone).
int BridgeSetSnapshots(AppState& app, std::string_view json);
// {"x":..,"y":..,"w":..,"h":..} in CSS pixels, or null when no such input is on screen.
std::string BridgeUiRect(const AppState& app, std::string_view name);
// The controls published for assistive technology this frame, in screen order:
// [{"name","role","label","value","selected","x","y","w","h"}, …] (docs/js-api.md).
std::string BridgeAccessibleItems(const AppState& app);
// The Track tab's reports as `funnelplan track` / `funnelplan forecast --format json` print them
// (docs/cli.md), {"ok":false,"errors":[…]} when they could not be made, or null before the tab
// has computed them (it does when shown, with imported rows).
std::string BridgeGetTrack(const AppState& app);
std::string BridgeGetForecast(const AppState& app);
// A number that changes whenever those controls change (the page rebuilds its mirror only then).
double BridgeAccessibleRevision(const AppState& app);
// What the page's control `name` asks: "press", "set" (with the text typed, "true"/"false" for
// a checkbox, an option's index for a combobox) or "focus" (scroll it into view). Taken by the
// control on the next frame; false for an unknown action or an over-long name or value.
bool BridgeAccessibleAct(AppState& app, std::string_view name, std::string_view action, std::string_view value);

// --- the rest of the page's calls (src/platform/web_exports.cpp forwards each one here) ---
// A workshop template as scenario JSON, starting in app.today, or "" for an unknown id.
std::string BridgeTemplateScenario(const AppState& app, std::string_view id);
// Import: the page fills BridgeImportBuffer(size) with the file's bytes, then calls
// BridgeImportStart(name); the import advances a slice per frame. `size` comes from JS as a
// double: negative, NaN or 4 GB and more is refused (nullptr, the reason in the Data tab).
char* BridgeImportBuffer(AppState& app, double size);
// `workbook`: the bytes are an Excel workbook's sheet as text (web/xlsx.js), not a file of its own.
void BridgeImportStart(AppState& app, std::string_view name, bool workbook = false);  // "" names it "data"
void BridgeImportFail(AppState& app, std::string_view name, std::string_view message);
// A streamed file (docs/js-api.md, "Streamed import"): start returns the import's id (0 when it
// could not start); the page writes each slice into BridgeImportStreamBuffer(n) and feeds it
// while BridgeImportStreamState(id) is 1, then ends it. Ids and sizes are JS numbers: NaN,
// negative or out-of-range values are refused. Feed and end return false once the import no
// longer runs; BridgeImportStreamId is the running streamed import's id (a re-read the app
// asked for with the "rereadImport" shell action), 0 if none.
double BridgeImportStreamStart(AppState& app, std::string_view name, double size, bool workbook = false);
char* BridgeImportStreamBuffer(AppState& app, double size);
bool BridgeImportStreamFeed(AppState& app, double id, double n, double input_progress);
bool BridgeImportStreamEnd(AppState& app, double id);
int BridgeImportStreamState(const AppState& app, double id);
void BridgeImportStreamFail(AppState& app, double id, std::string_view message);
double BridgeImportStreamId(const AppState& app);
// Advances the running import by about `budget_ms` (as a frame does); returns the progress.
double BridgeImportStep(AppState& app, double budget_ms);
void BridgeImportSample(AppState& app);
void BridgeImportFinishNow(AppState& app);
void BridgeImportCancel(AppState& app);
double BridgeImportProgress(const AppState& app);  // [0, 1], or -1 when no import runs
void BridgeSetDatedOnly(AppState& app, bool on);
void BridgeUseRatesFromData(AppState& app);
void BridgeSaveScenario(AppState& app, std::string_view name);
void BridgeSelectTab(AppState& app, std::string_view name);
std::string BridgeCurrentTab(const AppState& app);  // the tab on screen ("" before the first frame)
void BridgeSetDarkTheme(AppState& app, bool on);
// The text size (1 = normal; 0.75 to 2, anything else is clamped, NaN is 1).
void BridgeSetTextScale(AppState& app, double scale);
double BridgeTextScale(const AppState& app);
bool BridgeDarkTheme(const AppState& app);
// Counters the page polls: autosave when the scenario or the data moves, "first frame is up".
double BridgeScenarioRevision(const AppState& app);
double BridgeDataRevision(const AppState& app);
double BridgeFrameCount(const AppState& app);
// The UI's text, line by line as drawn (labels, values, table cells, chart labels), kept from
// every frame while capture is on; "" when it is off.
void BridgeSetCaptureText(AppState& app, bool on);
std::string BridgeScreenText(const AppState& app);
