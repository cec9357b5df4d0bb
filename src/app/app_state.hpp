// AppState: everything the UI shows or edits, in one place (no static state in panels).
// Panels read it and change the scenario only through the functions below, which keep the
// plan in step with the scenario.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/forecast/forecast.hpp"
#include "engine/forecast/snapshot.hpp"
#include "engine/forecast/track.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/lead_table.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/scenario.hpp"

struct UiRect {
  float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, top-left of the canvas
  bool operator==(const UiRect&) const = default;
};

// A control as assistive technology should see it (the page builds real DOM controls from
// these: web/shell/a11y_controls.js). Published by the panels through widgets.hpp.
struct AccessibleItem {
  std::string name;   // the published rect's name: "revenue_goal", "steps[2].rate", "tab:Data"
  // "button", "tab", "textbox", "number" (a textbox for a number), "checkbox", "combobox",
  // "menu" (a button that opens a menu), "menuitem", "file" (choose a file to import),
  // "paste" (a place to paste cells into)
  std::string role;
  std::string label;  // what it is called on screen: "Revenue goal", "Lead → MQL rate (%)"
  std::string value;  // a textbox's value as typed ("1000000", "40"), a combobox's option
  bool selected = false;  // a tab: the open one; a checkbox: checked; a menu: open
  bool disabled = false;
  std::vector<std::string> options;  // a combobox's choices
  UiRect rect;
  bool operator==(const AccessibleItem&) const = default;
};

// What the page asked of a control (web/shell/a11y_controls.js): "press" (a button, tab or
// menu item), "set" (a textbox's text, a checkbox's "true"/"false", a combobox's option index)
// or "focus" (scroll it into view). Taken by the control when it is drawn next.
struct AccessibleRequest {
  std::string action;
  std::string value;
};

// Imported lead data and the import in progress. Text (a paste, the sample) is written whole
// into `bytes`; a file is streamed: the page writes each slice into `feed`, the importer keeps
// only the table and the record that runs across a slice's end, and a re-read (another column
// mapping) asks the page to stream the file again. Either way the data can be read again.
// The summary (report and analysis, no rows) of the data shown before a new import started:
// brought back if the new import fails, so a wrong file never blanks the Data tab.
struct KeptData {
  funnel::ImportReport report;
  funnel::FunnelAnalysis analysis;
};

struct DataState {
  std::unique_ptr<char[]> bytes;
  size_t size = 0;  // of `bytes`, or of the streamed file
  // A streamed import: its id (nonzero; a new one for each read of the file), the slice the
  // page writes next, how much of the file was fed, and whether the page has fed all of it.
  uint64_t stream_id = 0;
  std::vector<char> feed;
  size_t stream_fed = 0;
  bool stream_ended = false;
  double input_progress = -1.0;  // the page's own progress (a workbook's sheet being read), or -1
  std::string name;
  std::unique_ptr<funnel::LeadImporter> importer;  // set while an import runs
  size_t step_bytes = 1 << 20;  // adapted so each frame's slice takes about 8 ms
  double progress = 0.0;

  bool loaded = false;          // a finished import is shown
  funnel::LeadTable table;
  funnel::ImportReport report;
  funnel::FunnelAnalysis analysis;  // stage counts, rates, time to convert, sources, months
  funnel::ColumnMapping mapping_draft;  // being edited in the mapping editor
  bool remapping = false;  // the running import re-reads the data with a chosen mapping
  // Shown from a summary saved in this browser (after a reload): the aggregates without the
  // rows, so the counting and the mapping cannot change until the data is imported again.
  bool restored = false;

  // The data shown can be read again with another mapping.
  bool rereadable() const { return bytes != nullptr || stream_id != 0; }
};

// Things only the page around the canvas can do (file picker, clipboard, downloads, print).
// Panels queue them by name; the platform hands each to window.funnelplanShell.runAction(name)
// in web/funnelplan.js. Names: docs/js-api.md, "Shell actions".
struct ShellActions {
  std::vector<std::string> queued;
  void Request(std::string name) { queued.push_back(std::move(name)); }
};

// The two-rate what-if surface as the heatmap draws it.
// The Track tab: the plan against the imported export as of a day, computed when the plan, the
// data or the day changes (src/app/panels/track_panel.cpp).
struct TrackView {
  std::string as_of_text;   // "2026-02-14", as typed; set from the data's latest date on import
  uint64_t data_revision = UINT64_MAX;
  std::string computed_for;  // the plan, data and day the reports are for
  std::string message;       // why nothing could be computed (a day that is not a day)
  std::optional<funnel::Result<funnel::TrackReport>> track;
  std::optional<funnel::Result<funnel::ForecastReport>> forecast;
  int chart_stage = -1;      // the stage shown month by month (−1: the first with data)
  bool cumulative = false;   // the chart shows running totals
  std::string added;         // what "Add to plan" saved
  std::string kept;          // what "Keep this export as a snapshot" kept
  funnel::Minutes data_first = funnel::kNoDate;  // the export's earliest date ("Start the plan in …")
  size_t flow_from = SIZE_MAX, flow_to = SIZE_MAX;  // snapshots compared (SIZE_MAX: the last two)
};

struct WhatIfView {
  size_t step_x = SIZE_MAX, step_y = SIZE_MAX;  // chosen steps; SIZE_MAX = the two most sensitive
  funnel::WhatIfGrid grid;
  std::vector<float> level;  // per cell: log(leads) scaled to [0, 1] between the grid's min and max
  float goal_level = 0.5f;   // the planned leads on the same scale (the contour)
  uint64_t revision = 0;     // bumps when the grid changes (the renderer re-uploads)
  // The plan when this visit to the tab began ("Reset to plan"), and the frame the tab was
  // last drawn in (a gap means the user left and came back: a new visit).
  std::optional<funnel::Scenario> base;
  uint64_t last_frame = 0;
};

// Where the heatmap goes this frame, for the renderer's draw callback (framebuffer pixels).
struct HeatmapDraw {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  const WhatIfView* view = nullptr;
};

// Drawing the platform does for panels: set by the host; null in headless tests, where panels
// fall back to plain ImDrawList shapes.
struct RenderHooks {
  void (*heatmap)(const ImDrawList*, const ImDrawCmd*) = nullptr;  // user data: HeatmapDraw*
};

struct AppState {
  funnel::Scenario scenario = funnel::SampleScenario();
  funnel::Result<funnel::PlanReport> plan = funnel::BuildPlan(scenario);

  DataState data;
  // Named scenarios kept beside the current one, for side-by-side comparison.
  struct SavedScenario {
    funnel::Scenario scenario;
    funnel::Result<funnel::PlanReport> plan;
    bool compare = false;
  };
  std::vector<SavedScenario> saved;
  std::string save_name;  // the name being typed in the Scenarios tab
  std::optional<KeptData> previous_data;  // while an import runs: what was shown before
  std::string import_failure;  // why the last import failed while the previous data stays shown
  WhatIfView what_if;
  TrackView track;
  // Dated summaries of earlier exports (Track tab, "Snapshots"); autosave keeps them.
  std::vector<funnel::Snapshot> snapshots;
  uint64_t snapshots_revision = 0;
  HeatmapDraw heatmap_draw;
  RenderHooks render;
  ShellActions shell;
  uint64_t scenario_revision = 0;  // bumps on every change autosave keeps (scenario, saved list)
  uint64_t data_revision = 0;      // bumps when the imported data shown changes (its summary is kept)
  uint64_t last_stream_id = 0;     // ids of streamed imports (DataState::stream_id) count up from 1

  // Undo/redo of scenario edits. `committed` is the scenario as of the last finished edit; a
  // text field being typed in recomputes live but becomes one undo step when it loses focus.
  funnel::Scenario committed = scenario;
  std::vector<funnel::Scenario> undo_stack, redo_stack;
  std::string select_tab;  // "Plan", "What-if" or "Data": selected on the next frame
  // What the last whole-plan change did, shown at the top of the Plan tab with Undo
  // ("Rates, lags and deal size from contacts.csv"); cleared by Undo or dismissing it.
  std::string plan_notice;
  // The user's current month (the platform sets it from the clock): new plans start here.
  funnel::YearMonth today;
  funnel::Minutes today_day = funnel::kNoDate;  // the user's day (the platform sets it); kNoDate: unknown

  bool dark_theme = false;  // the toolbar's Light/Dark switch; the host applies it
  float dpi_scale = 1.0f;  // physical pixels per CSS pixel (window.devicePixelRatio)
  uint64_t frame = 0;      // frames drawn, for "first frame is up" checks
  // Screen rects of named inputs, published for automation (funnelplan.uiRect in the JS API).
  std::map<std::string, UiRect> item_rects;
  std::vector<AccessibleItem> accessible_items;  // this frame's, in screen (and Tab) order
  uint64_t accessible_revision = 0;  // bumps when accessible_items differ from the last frame's
  std::vector<AccessibleItem> last_accessible_items;
  std::map<std::string, AccessibleRequest> accessible_requests;  // by control name
  // When set, each frame's text (labels, values, table cells, chart labels) as ImGui's text
  // log sees it, line by line in screen order, is kept in screen_text (tests, text exports).
  bool capture_text = false;
  // Set each frame: the window is too narrow for inputs beside results (phones, narrow
  // windows). Panels then stack their parts at their full height and the whole tab scrolls.
  bool stacked = false;
  // The user's text size (1 = 16 CSS px); the host builds the font at devicePixelRatio × this.
  float text_scale = 1.0f;
  std::string current_tab;  // the tab on screen in the last frame ("Plan", …, "Data")
  std::string screen_text;
};

// The user's text size: from 75 % to 200 % of the base font, in steps of 12.5 %.
constexpr float kMinTextScale = 0.75f, kMaxTextScale = 2.0f, kTextScaleStep = 0.125f;
// Sets the text size (clamped to the range above; anything not a number is 1).
void SetTextScale(AppState& app, float scale);

// Replaces the scenario, recomputes the plan and records one undo step.
void SetScenario(AppState& app, funnel::Scenario scenario);
// Recomputes the plan after the scenario was edited in place (live, while typing).
void Recompute(AppState& app);
// Named scenarios: save the current one under a name (replacing one of that name), open one
// (it becomes the current scenario, undoably), delete one.
void SaveScenarioAs(AppState& app, const std::string& name);
// Saves the current scenario and `revised` side by side in the saved list, both ticked for
// comparison (the Track tab's "Add to plan"); the current scenario stays as it is.
void SaveRevisedBeside(AppState& app, const funnel::Scenario& revised);
void OpenSavedScenario(AppState& app, size_t index);
void DeleteSavedScenario(AppState& app, size_t index);
void DuplicateSavedScenario(AppState& app, size_t index);

// Recomputes the what-if surface (after the plan, or when its axes change).
void UpdateWhatIf(AppState& app);
// Ends an edit: records the change since the last commit as one undo step.
void CommitEdit(AppState& app);
bool Undo(AppState& app);
bool Redo(AppState& app);

// --- data import (the same path for paste, upload, drag-drop and the sample) -------------
// Returns a buffer of `size` bytes (+1 spare for a terminator) to fill; StartImport() imports it.
// Returns nullptr, with the reason in data.report, when the memory cannot be had.
char* ImportBuffer(AppState& app, size_t size);
// `workbook`: the bytes are an Excel workbook's sheet as text (funnel::ImportOptions::workbook).
void StartImport(AppState& app, std::string name, std::optional<funnel::ColumnMapping> mapping = {},
                 bool workbook = false);
// Reads the same data again with another column mapping (the mapping editor's "Apply").
void RemapImport(AppState& app, funnel::ColumnMapping mapping);
void StartImportText(AppState& app, std::string_view text, std::string name);
// A file streamed by the page (`size` bytes, 0 if unknown): returns the import's id, which the
// page passes to the calls below; they return false once that import no longer runs
// (cancelled, replaced by a new import, failed, finished).
uint64_t StartStreamImport(AppState& app, std::string name, size_t size, bool workbook = false);
char* StreamBuffer(AppState& app, size_t size);  // where the page writes the next slice
// Feeds the first `n` bytes of StreamBuffer to import `id`; `input_progress` (0..1, or -1) is
// the page's progress when the size of what it feeds is not known ahead (a workbook's sheet).
bool FeedStream(AppState& app, uint64_t id, size_t n, double input_progress = -1.0);
bool EndStream(AppState& app, uint64_t id);  // the whole file was fed
// 1: import `id` has read what it was fed (feed the next slice); 0: it is reading; -1: gone.
int StreamState(const AppState& app, uint64_t id);
// The file could not be read (any more): the import stops with `message` ("Could not read
// leads.csv again: …"); a re-read of data already shown keeps that data and says so.
void FailStream(AppState& app, uint64_t id, std::string message);
// What the Data tab says when the import being read runs out of memory: how much of the file
// fit (a file's bytes read, or a workbook's text fed: its size is not known ahead).
std::string OutOfMemoryMessage(const DataState& d);
void StartSampleImport(AppState& app);  // a generated HubSpot contacts export
void CancelImport(AppState& app);
// Shows why data could not be imported (e.g. a workbook the page could not read) in the Data tab.
void ReportImportFailure(AppState& app, std::string name, std::string message);
void FinishImportNow(AppState& app);    // runs the import to the end (JS API, tests)
// Advances a running import by about `budget_ms` of work; call once per frame.
void AdvanceImport(AppState& app, double budget_ms);
// Recounts stages after the "only stages with a date" switch changed.
void SetDatedOnly(AppState& app, bool dated_only);
// Replaces the plan's stages and rates with those observed in the imported data.
void UseRatesFromData(AppState& app);
// Shows an import summary saved earlier (ImportSummaryFromJson) as the imported data, without
// rows: the Data tab and "Plan with these rates" work as after the import.
void RestoreImportSummary(AppState& app, funnel::ImportReport report, funnel::FunnelAnalysis analysis);

// One frame of the whole UI; call between ImGui::NewFrame() and ImGui::Render().
void DrawApp(AppState& app);
