// The functions the page calls (window.funnelplan in web/funnelplan.js, docs/js-api.md). Each
// app-level call forwards to the bridge (src/app/bridge.hpp, pure C++ and tested natively);
// only the host's own concerns (frames, timing, memory, clipboard) are answered here. Calls
// that change what is on screen wake the main loop.
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <imgui.h>
#include <imgui_internal.h>  // InputEventsQueue

#include <algorithm>
#include <string>
#include <string_view>

#include "app/bridge.hpp"
#include "platform/web_host.hpp"

namespace {

AppState& App() { return Host().app; }
std::string_view Str(const char* s) { return s ? std::string_view(s) : std::string_view(); }

// The returned string stays valid until the next call that returns one.
const char* Reply(std::string s) {
  Host().reply = std::move(s);
  return Host().reply.c_str();
}

}  // namespace

extern "C" {
// --- scenario and plan ---
EMSCRIPTEN_KEEPALIVE const char* fp_get_scenario() { return Reply(BridgeGetScenario(App())); }
EMSCRIPTEN_KEEPALIVE const char* fp_set_scenario(const char* json) {
  Wake();
  return Reply(BridgeSetScenario(App(), Str(json)));
}
EMSCRIPTEN_KEEPALIVE const char* fp_get_result() { return Reply(BridgeGetResult(App())); }
EMSCRIPTEN_KEEPALIVE const char* fp_get_plan_csv() { return Reply(BridgeGetPlanCsv(App())); }
EMSCRIPTEN_KEEPALIVE const char* fp_template_scenario(const char* id) { return Reply(BridgeTemplateScenario(App(), Str(id))); }
EMSCRIPTEN_KEEPALIVE const char* fp_get_saved_scenarios() { return Reply(BridgeGetSavedScenarios(App())); }
EMSCRIPTEN_KEEPALIVE int fp_set_saved_scenarios(const char* json) {
  Wake();
  return BridgeSetSavedScenarios(App(), Str(json));
}
EMSCRIPTEN_KEEPALIVE const char* fp_get_snapshots() { return Reply(BridgeGetSnapshots(App())); }
EMSCRIPTEN_KEEPALIVE int fp_set_snapshots(const char* json) {
  Wake();
  return BridgeSetSnapshots(App(), Str(json));
}
// Bumps when a snapshot is kept, removed or loaded: the page autosaves them when it moves.
EMSCRIPTEN_KEEPALIVE double fp_snapshots_revision() { return static_cast<double>(App().snapshots_revision); }
EMSCRIPTEN_KEEPALIVE void fp_save_scenario(const char* name) { Wake(); BridgeSaveScenario(App(), Str(name)); }
// Bumps on every scenario change: the page autosaves when it moves.
EMSCRIPTEN_KEEPALIVE double fp_scenario_revision() { return BridgeScenarioRevision(App()); }

// --- import: the page fills fp_import_buffer(size), then calls fp_import_start(name, workbook)
// (workbook 1: the bytes are a workbook's sheet as text, from web/xlsx.js) ---
EMSCRIPTEN_KEEPALIVE char* fp_import_buffer(double size) { Wake(); return BridgeImportBuffer(App(), size); }
EMSCRIPTEN_KEEPALIVE void fp_import_start(const char* name, int workbook) {
  Wake();
  BridgeImportStart(App(), Str(name), workbook != 0);
}
EMSCRIPTEN_KEEPALIVE void fp_import_fail(const char* name, const char* message) {
  Wake();
  BridgeImportFail(App(), Str(name), Str(message));
}
// --- a streamed file: fp_import_stream_start(name, size, workbook) → id; then, while
// fp_import_stream_state(id) is 1, write a slice into fp_import_stream_buffer(n) and call
// fp_import_stream_feed(id, n, progress); then fp_import_stream_end(id) ---
EMSCRIPTEN_KEEPALIVE double fp_import_stream_start(const char* name, double size, int workbook) {
  // Two frames show "Importing …"; then the import redraws its progress by itself (Wake()
  // would draw a tail of 30 frames, time the import needs more).
  Host().frames_to_draw = std::max(Host().frames_to_draw, 2);
  return BridgeImportStreamStart(App(), Str(name), size, workbook != 0);
}
EMSCRIPTEN_KEEPALIVE char* fp_import_stream_buffer(double size) { return BridgeImportStreamBuffer(App(), size); }
// Feeding and stepping do not wake the app: an import redraws its progress by itself
// (web_main.cpp, ShouldDraw), and frames drawn for every slice would slow the import down.
EMSCRIPTEN_KEEPALIVE int fp_import_stream_feed(double id, double n, double progress) {
  return BridgeImportStreamFeed(App(), id, n, progress) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE int fp_import_stream_end(double id) { Wake(); return BridgeImportStreamEnd(App(), id) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int fp_import_stream_state(double id) { return BridgeImportStreamState(App(), id); }
EMSCRIPTEN_KEEPALIVE void fp_import_stream_fail(double id, const char* message) {
  Wake();
  BridgeImportStreamFail(App(), id, Str(message));
}
EMSCRIPTEN_KEEPALIVE double fp_import_stream_id() { return BridgeImportStreamId(App()); }
// One import step between frames (the page calls it while a streamed file waits to be read:
// the main thread is otherwise idle until the next frame). Returns the progress, −1 when done.
EMSCRIPTEN_KEEPALIVE double fp_import_step() {
  const double progress = BridgeImportStep(App(), Host().import_budget_ms);
  if (progress < 0) Wake();  // finished (or failed): show it
  return progress;
}
EMSCRIPTEN_KEEPALIVE void fp_import_sample() { Wake(); BridgeImportSample(App()); }
EMSCRIPTEN_KEEPALIVE void fp_import_finish_now() { Wake(); BridgeImportFinishNow(App()); }
EMSCRIPTEN_KEEPALIVE void fp_import_cancel() { Wake(); BridgeImportCancel(App()); }
EMSCRIPTEN_KEEPALIVE double fp_import_progress() { return BridgeImportProgress(App()); }
EMSCRIPTEN_KEEPALIVE const char* fp_get_analysis() { return Reply(BridgeGetAnalysis(App())); }
EMSCRIPTEN_KEEPALIVE const char* fp_get_summary_for_storage() { return Reply(BridgeGetSummaryForStorage(App())); }
EMSCRIPTEN_KEEPALIVE const char* fp_restore_analysis(const char* json) {
  Wake();
  return Reply(BridgeRestoreAnalysis(App(), Str(json)));
}
// Bumps when the imported data shown changes: the page keeps its summary for the next visit.
EMSCRIPTEN_KEEPALIVE double fp_data_revision() { return BridgeDataRevision(App()); }
EMSCRIPTEN_KEEPALIVE void fp_set_dated_only(int on) { Wake(); BridgeSetDatedOnly(App(), on != 0); }
EMSCRIPTEN_KEEPALIVE void fp_use_rates_from_data() { Wake(); BridgeUseRatesFromData(App()); }

// --- the UI ---
EMSCRIPTEN_KEEPALIVE const char* fp_ui_rect(const char* name) { return Reply(BridgeUiRect(App(), Str(name))); }
EMSCRIPTEN_KEEPALIVE const char* fp_accessible_items() { return Reply(BridgeAccessibleItems(App())); }
EMSCRIPTEN_KEEPALIVE const char* fp_get_track() { return Reply(BridgeGetTrack(App())); }
EMSCRIPTEN_KEEPALIVE const char* fp_get_forecast() { return Reply(BridgeGetForecast(App())); }
EMSCRIPTEN_KEEPALIVE double fp_accessible_revision() { return BridgeAccessibleRevision(App()); }
EMSCRIPTEN_KEEPALIVE int fp_accessible_act(const char* name, const char* action, const char* value) {
  Wake();
  return BridgeAccessibleAct(App(), Str(name), Str(action), Str(value)) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void fp_select_tab(const char* name) { Wake(); BridgeSelectTab(App(), Str(name)); }
EMSCRIPTEN_KEEPALIVE const char* fp_current_tab() { return Reply(BridgeCurrentTab(App())); }
EMSCRIPTEN_KEEPALIVE void fp_set_dark_theme(int on) { Wake(); BridgeSetDarkTheme(App(), on != 0); }
EMSCRIPTEN_KEEPALIVE int fp_dark_theme() { return BridgeDarkTheme(App()) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE void fp_set_text_scale(double scale) { Wake(); BridgeSetTextScale(App(), scale); }
EMSCRIPTEN_KEEPALIVE double fp_text_scale() { return BridgeTextScale(App()); }
EMSCRIPTEN_KEEPALIVE void fp_set_capture_text(int on) { Wake(); BridgeSetCaptureText(App(), on != 0); }
EMSCRIPTEN_KEEPALIVE const char* fp_screen_text() { return Reply(BridgeScreenText(App())); }
EMSCRIPTEN_KEEPALIVE double fp_frame_count() { return BridgeFrameCount(App()); }

// --- the host ---
// Paste: when an ImGui text field has focus the pasted text goes there, otherwise it is data.
EMSCRIPTEN_KEEPALIVE int fp_wants_text_input() { return ImGui::GetIO().WantTextInput ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE void fp_set_clipboard(const char* text) { Wake(); Host().clipboard = std::string(Str(text)); }
// WebAssembly memory size; memory never shrinks, so this is the peak.
EMSCRIPTEN_KEEPALIVE double fp_heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }
EMSCRIPTEN_KEEPALIVE void fp_set_import_budget_ms(double ms) { Host().import_budget_ms = std::clamp(ms, 0.1, 100.0); }
// Draw at least `frames` more frames (JS API calls that change state, embedding pages).
EMSCRIPTEN_KEEPALIVE void fp_request_frames(int frames) { Host().frames_to_draw = std::max(Host().frames_to_draw, frames); }
EMSCRIPTEN_KEEPALIVE double fp_skipped_frames() { return static_cast<double>(Host().skipped_frames); }
// Frame CPU time (ms): smoothed, and the worst since the last call with reset != 0.
EMSCRIPTEN_KEEPALIVE double fp_frame_cpu_ms() { return Host().frame_cpu_ms; }
EMSCRIPTEN_KEEPALIVE double fp_frame_ui_ms() { return Host().frame_ui_ms; }
EMSCRIPTEN_KEEPALIVE double fp_frame_gl_ms() { return Host().frame_gl_ms; }
EMSCRIPTEN_KEEPALIVE double fp_frame_cpu_max_ms(int reset) {
  const double worst = Host().frame_cpu_max_ms;
  if (reset) Host().frame_cpu_max_ms = 0.0;
  return worst;
}
// Input events ImGui has queued but not yet applied (it spreads fast key/mouse bursts over
// several frames); automation waits for 0 before reading results.
EMSCRIPTEN_KEEPALIVE int fp_input_pending() { return ImGui::GetCurrentContext()->InputEventsQueue.Size; }
}
