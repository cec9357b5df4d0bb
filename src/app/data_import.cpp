// Import orchestration: owns the bytes, runs the importer in slices across frames so the UI
// stays responsive, and publishes the finished table, report and stage counts.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <new>
#include <string>

#include "app/app_state.hpp"
#include "engine/analysis/import_summary_json.hpp"
#include "engine/import/mapping_json.hpp"
#include "engine/import/synthetic_export.hpp"
#include "engine/plan/rates_from_data.hpp"

namespace {
constexpr const char* kSupported =
    "Funnel Planner reads CSV and TSV exports, Excel workbooks (.xlsx) and cells pasted from a spreadsheet.";

// A failed import with data shown before it: bring that data back (as its summary) and say
// why the new file was not read. Returns false when there was nothing to go back to.
bool KeepPreviousData(AppState& app, const std::string& name, const std::string& message) {
  if (!app.previous_data) return false;
  KeptData kept = std::move(*app.previous_data);
  app.previous_data.reset();
  RestoreImportSummary(app, std::move(kept.report), std::move(kept.analysis));
  app.import_failure = "Could not import " + name + ": " + message + " " + kSupported + " Still showing " +
                       app.data.report.source_name + ".";
  app.select_tab = "Data";
  return true;
}

// Shows why an import could not run (in the Data tab and getAnalysis()), keeping the app alive.
void FailImport(AppState& app, const std::string& name, const std::string& message) {
  if (KeepPreviousData(app, name, message)) return;
  app.data.importer.reset();
  app.data.bytes.reset();
  app.data.size = 0;
  app.data.loaded = false;
  app.data.report = funnel::ImportReport{};
  app.data.report.source_name = name;
  app.data.report.fatal = true;
  app.data.report.errors_total = 1;
  app.data.report.errors.push_back({0, 0, "", message});
  app.select_tab = "Data";
  ++app.data_revision;
}

std::string Megabytes(size_t bytes) { return std::to_string((bytes + 500'000) / 1'000'000) + " MB"; }

constexpr const char* kFewerRows =
    " Export fewer rows or columns (only stage, dates, source and amount are needed) and import again.";

void FailOutOfMemory(AppState& app) {
  const std::string name = app.data.name;
  FailImport(app, name, OutOfMemoryMessage(app.data) + kFewerRows);
}

// A new import replaces the data shown; free the old table first so a big file does not have
// to fit in memory beside the previous one. Its summary is kept in case this one fails.
void ClearForNewImport(AppState& app) {
  CancelImport(app);
  if (app.data.loaded) app.previous_data = KeptData{std::move(app.data.report), std::move(app.data.analysis)};
  app.import_failure.clear();
  app.data = DataState{};
}

// Starts reading the streamed file (again): a new id, so slices of an earlier read still on
// their way are refused.
void BeginStream(AppState& app, funnel::ImportOptions options) {
  DataState& d = app.data;
  options.total_bytes = d.size;
  d.importer = std::make_unique<funnel::LeadImporter>(std::move(options));
  d.stream_id = ++app.last_stream_id;
  d.stream_fed = 0;
  d.stream_ended = false;
  d.input_progress = -1.0;
}
}  // namespace

char* ImportBuffer(AppState& app, size_t size) {
  ClearForNewImport(app);
  constexpr size_t kMaxImportBytes = size_t{0x7FFF0000};  // WebAssembly memory tops out at 2 GB
  try {
    if (size > kMaxImportBytes) throw std::bad_alloc();
    // One spare byte: JS's stringToUTF8 writes a terminating zero after the text.
    app.data.bytes.reset(new char[size + 1]);
  } catch (const std::bad_alloc&) {
    FailImport(app, "data", "The data (" + Megabytes(size) + ") is too large for this browser's memory." +
                                std::string(kFewerRows));
    return nullptr;
  }
  app.data.size = size;
  return app.data.bytes.get();
}

void StartImport(AppState& app, std::string name, std::optional<funnel::ColumnMapping> mapping, bool workbook) {
  DataState& d = app.data;
  funnel::ImportOptions options;
  options.source_name = std::move(name);
  options.mapping = std::move(mapping);
  options.workbook = workbook;
  d.name = options.source_name;
  d.progress = 0.0;
  if (d.stream_id != 0 && !d.bytes) {  // a streamed file: the page streams it again
    BeginStream(app, std::move(options));
    app.shell.Request("rereadImport");
  } else {
    d.importer = std::make_unique<funnel::LeadImporter>(std::string_view(d.bytes.get(), d.size), options);
  }
  app.select_tab = "Data";
}

std::string OutOfMemoryMessage(const DataState& d) {
  const std::string& name = d.name;
  const auto holds = [&](const std::string& read) {
    return "this browser holds about " + read + " of an export like this one.";
  };
  // A streamed file ran out part way: how much of it fit is the size this browser can take.
  if (d.stream_id != 0 && d.size > 0 && d.progress > 0.01 && d.progress < 1.0) {
    const std::string read = Megabytes(static_cast<size_t>(d.progress * static_cast<double>(d.size)));
    return "Ran out of memory after reading " + read + " of " + name + " (" + Megabytes(d.size) + "): " + holds(read);
  }
  // A workbook's sheet arrives as text of a size not known ahead: count what was fed.
  if (d.stream_id != 0 && d.size == 0 && d.stream_fed > 0) {
    const std::string read = Megabytes(d.stream_fed);
    return "Ran out of memory after reading " + read + " of the rows of " + name + ": " + holds(read);
  }
  if (d.size == 0) return "Ran out of memory while importing " + name + ".";
  return "Ran out of memory while importing " + name + " (" + Megabytes(d.size) + ").";
}

uint64_t StartStreamImport(AppState& app, std::string name, size_t size, bool workbook) {
  ClearForNewImport(app);
  DataState& d = app.data;
  d.size = size;
  d.name = name;
  funnel::ImportOptions options;
  options.source_name = std::move(name);
  options.workbook = workbook;
  BeginStream(app, std::move(options));
  app.select_tab = "Data";
  return d.stream_id;
}

int StreamState(const AppState& app, uint64_t id) {
  const DataState& d = app.data;
  if (id == 0 || id != d.stream_id || !d.importer) return -1;
  if (d.stream_ended) return 0;
  return d.stream_fed == 0 || d.importer->needs_input() ? 1 : 0;
}

char* StreamBuffer(AppState& app, size_t size) {
  DataState& d = app.data;
  constexpr size_t kMaxSlice = size_t{64} << 20;
  if (!d.importer || d.stream_id == 0 || size > kMaxSlice) return nullptr;
  try {
    if (d.feed.size() < size) d.feed.resize(size);
  } catch (const std::bad_alloc&) {
    FailOutOfMemory(app);
    return nullptr;
  }
  return d.feed.data();
}

bool FeedStream(AppState& app, uint64_t id, size_t n, double input_progress) {
  DataState& d = app.data;
  if (StreamState(app, id) < 0 || d.stream_ended || n > d.feed.size()) return false;
  try {
    d.importer->Feed(std::string_view(d.feed.data(), n));
  } catch (const std::bad_alloc&) {
    FailOutOfMemory(app);
    return false;
  }
  d.stream_fed += n;
  if (input_progress >= 0.0) d.input_progress = std::min(input_progress, 1.0);
  return true;
}

bool EndStream(AppState& app, uint64_t id) {
  DataState& d = app.data;
  if (StreamState(app, id) < 0) return false;
  d.importer->EndInput();
  d.stream_ended = true;
  return true;
}

void FailStream(AppState& app, uint64_t id, std::string message) {
  DataState& d = app.data;
  if (StreamState(app, id) < 0) return;
  if (d.remapping && d.loaded) {  // reading the data shown again: it stays as it was read
    CancelImport(app);
    d.progress = 1.0;
    app.import_failure = message + " The data shown is as read before; import the file again to change its columns.";
    app.select_tab = "Data";
    return;
  }
  ReportImportFailure(app, d.name, std::move(message));
}

void StartImportText(AppState& app, std::string_view text, std::string name) {
  char* buffer = ImportBuffer(app, text.size());
  if (!buffer) return;
  std::memcpy(buffer, text.data(), text.size());
  StartImport(app, std::move(name));
}

void StartSampleImport(AppState& app) {
  funnel::SyntheticOptions o;
  o.shape = funnel::ExportShape::kHubSpotContacts;
  o.rows = 5000;
  o.seed = 2024;
  StartImportText(app, funnel::GenerateExport(o), "sample HubSpot contacts export");
}

void ReportImportFailure(AppState& app, std::string name, std::string message) {
  CancelImport(app);
  app.data = DataState{};
  FailImport(app, name, message);
}

void CancelImport(AppState& app) {
  DataState& d = app.data;
  d.importer.reset();
  d.progress = 0.0;
  d.remapping = false;
  std::vector<char>().swap(d.feed);
  if (!d.loaded) {  // a first import: nothing to go back to
    d.bytes.reset();
    d.size = 0;
    d.stream_id = 0;
  }
}

void RemapImport(AppState& app, funnel::ColumnMapping mapping) {
  if (!app.data.rereadable() || app.data.importer) return;
  // The chosen mapping becomes part of the scenario (undoable, autosaved, in share links), so
  // the next export of the same kind is read the same way.
  funnel::Scenario s = app.scenario;
  s.data_mapping = funnel::MappingToJson(mapping);
  if (s.data_mapping != app.scenario.data_mapping) SetScenario(app, std::move(s));
  app.data.remapping = true;
  StartImport(app, app.data.report.source_name, std::move(mapping), app.data.report.workbook);
}

namespace {
// The scenario's saved mapping fits this data when every column it names is in the file.
bool MappingFits(const funnel::ColumnMapping& m, const funnel::ImportReport& r) {
  auto has = [&](const std::string& column) {
    return column.empty() || std::any_of(r.columns.begin(), r.columns.end(),
                                         [&column](const funnel::ColumnInfo& c) { return c.name == column; });
  };
  bool fits = has(m.stage_column) && has(m.status_column) && has(m.created_column) &&
              has(m.close_date_column) && has(m.won_column) && has(m.closed_column) &&
              has(m.source_column) && has(m.amount_column) && has(m.owner_column);
  for (const auto& c : m.stage_date_columns) fits = fits && has(c);
  return fits && !m.stages.empty();
}
}  // namespace

namespace {
void Publish(AppState& app) {
  DataState& d = app.data;
  funnel::ImportResult r = d.importer->Finish();
  d.importer.reset();
  std::vector<char>().swap(d.feed);
  // Pasted text stays (in this browser's memory only), and the page keeps a streamed file, so
  // the mapping can be changed and the data read again; a new import or a reset frees them.
  d.progress = 1.0;
  d.table = std::move(r.table);
  d.report = std::move(r.report);
  d.mapping_draft = d.report.mapping;
  if (d.report.fatal) {
    const std::string name = d.report.source_name;
    const std::string why = d.report.errors.empty() ? std::string("nothing could be read.") : d.report.errors.front().message;
    if (KeepPreviousData(app, name, why)) return;
  }
  app.previous_data.reset();  // the new data is shown: nothing to go back to
  d.analysis = funnel::AnalyzeFunnel(d.table, {d.report.mapping.dated_only});
  d.loaded = !d.report.fatal;
  ++app.data_revision;
  const bool was_remap = d.remapping;
  d.remapping = false;
  // New data and a mapping the user chose before that fits it: read the data that way.
  if (!was_remap && d.loaded && !app.scenario.data_mapping.empty()) {
    auto saved = funnel::MappingFromJson(app.scenario.data_mapping);
    if (saved && saved.value() != d.report.mapping && MappingFits(saved.value(), d.report)) {
      d.remapping = true;
      StartImport(app, d.report.source_name, saved.value(), d.report.workbook);
    }
  }
}
}  // namespace

namespace {
// Publishes the finished import; may start a re-read with the scenario's mapping.
void PublishOrFail(AppState& app) {
  try {
    Publish(app);
  } catch (const std::bad_alloc&) {
    FailOutOfMemory(app);
  }
}
}  // namespace

void FinishImportNow(AppState& app) {
  // Twice at most: the import, then a re-read with the scenario's saved mapping.
  // A streamed file is read as the page feeds it: finishing now would cut it short.
  const auto waiting_for_page = [&app] { return app.data.stream_id != 0 && !app.data.stream_ended; };
  for (int pass = 0; pass < 2 && app.data.importer && !waiting_for_page(); ++pass) PublishOrFail(app);
}

void AdvanceImport(AppState& app, double budget_ms) {
  DataState& d = app.data;
  if (!d.importer) return;
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  try {
    const double progress = d.importer->Step(d.step_bytes);
    // A workbook's sheet is streamed without knowing its size: the page's progress reading it.
    d.progress = d.input_progress >= 0.0 && !d.importer->done() ? d.input_progress : progress;
  } catch (const std::bad_alloc&) {
    FailOutOfMemory(app);
    return;
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  // Aim the next slice at the budget, changing by at most 2× a frame.
  if (ms > 0.05) {
    const double scale = std::clamp(budget_ms / ms, 0.5, 2.0);
    d.step_bytes = std::clamp<size_t>(static_cast<size_t>(static_cast<double>(d.step_bytes) * scale),
                                      64 * 1024, 64 * 1024 * 1024);
  }
  if (d.importer->done()) PublishOrFail(app);  // a re-read, if any, goes on in slices
}

void SetDatedOnly(AppState& app, bool dated_only) {
  DataState& d = app.data;
  if (d.restored || d.importer) return;  // no rows to count again
  // The report's mapping says how the data shown is counted; the editor's draft follows, so
  // "Apply" does not offer to undo the switch.
  d.report.mapping.dated_only = dated_only;
  d.mapping_draft.dated_only = dated_only;
  d.analysis = funnel::AnalyzeFunnel(d.table, {dated_only});
  ++app.data_revision;
}

void RestoreImportSummary(AppState& app, funnel::ImportReport report, funnel::FunnelAnalysis analysis) {
  CancelImport(app);
  app.data = DataState{};
  DataState& d = app.data;
  d.report = std::move(report);
  d.analysis = std::move(analysis);
  d.name = d.report.source_name;
  d.mapping_draft = d.report.mapping;
  d.loaded = !d.report.fatal;
  d.restored = true;
  d.progress = 1.0;
  ++app.data_revision;
}

void UseRatesFromData(AppState& app) {
  if (app.data.analysis.counts.stages.size() < 2) return;
  funnel::ScenarioFromData planned = funnel::PlanWithObservedRates(app.scenario, app.data.analysis);
  const bool deal_size = planned.deal_size;
  SetScenario(app, std::move(planned.scenario));
  // Say what changed, where the user will look: the Plan tab.
  app.plan_notice = std::string("Stages, rates, lags") + (deal_size ? " and deal size" : "") + " from " +
                    app.data.report.source_name + ".";
  app.select_tab = "Plan";
}
