// Tracking the plan: actuals from a newer export against the plan's monthly targets, the pace
// of the running month, and each stage's gap split into volume and conversion.
// Formulas and a worked example: docs/math.md, "Tracking and forecast".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.hpp"
#include "engine/import/lead_table.hpp"
#include "engine/plan/scenario.hpp"

namespace funnel {

// One stage in one month. `pace` is empty when nothing was expected yet (no division by 0).
struct TrackCell {
  double planned = 0.0;           // the plan's whole target for the month (cumulative rounding)
  double actual = 0.0;            // records whose date for the stage falls in the month, up to the as-of day
  double expected_to_date = 0.0;  // planned × share of the month expected by now (= planned for finished months)
  std::optional<double> pace;     // actual / expected_to_date
  double projected = 0.0;         // month end: actual / elapsed share (= actual for finished months)
};

struct TrackMonth {
  std::string month;              // "2026-01"
  bool running = false;           // the as-of month
  double elapsed = 1.0;           // share of the month elapsed at the as-of day (1 for finished months)
  std::vector<TrackCell> stages;  // the scenario's stages, in order
};

// The gap of a stage after the entry stage over the tracked months (month-end projections):
//   expected = Σ over months and lags of upstream projected × rate × share converting at that lag
//   volume = expected − planned;  conversion = projected − expected;  volume + conversion = projected − planned.
struct StageGap {
  std::string stage;
  size_t stage_index = 0;         // into the scenario's stages
  double planned = 0.0;
  double expected = 0.0;          // entries expected at the upstream stage's actual volumes and the plan's rate
  double projected = 0.0;
  double volume = 0.0;
  double conversion = 0.0;
};

struct StageTotal {
  std::string stage;
  bool has_data = false;          // the export has a date column for this stage
  double planned = 0.0, actual = 0.0, expected_to_date = 0.0, projected = 0.0;
  std::optional<double> pace;
};

struct TrackReport {
  Minutes as_of = kNoDate;
  std::string as_of_label;             // "2026-02-14"
  std::vector<std::string> stages;     // the scenario's stages
  std::vector<int> data_stage;         // per plan stage: the export's stage index it matched, −1 = none
  std::vector<std::string> export_stage;  // per plan stage: the export's stage it matched, "" = none
  std::vector<TrackMonth> months;      // the plan's months up to the as-of month
  std::vector<StageGap> gap;           // stages after the entry stage whose upstream stage has data
  std::vector<StageTotal> totals;      // per stage, over the tracked months
  // Per stage: the share of the running month expected by the as-of day — the within-month
  // profile of the last 12 months when there is enough history, else the calendar share.
  std::vector<double> running_share;
  std::vector<bool> pacing_from_history;
  std::string headline;                // "Lead 96.6 % of pace; SQL 88.6 % — conversion, not volume"
  std::vector<std::string> notes;      // stages without data, records dated after the as-of day, …
};

// "2026-02-14" of a time stamp (its day).
std::string DayLabel(Minutes time);
// Midnight of a day typed "YYYY-MM-DD" (ParseDayLabel), as a time stamp; nullopt unless it is a
// real date. How the Track tab and the CLI read an as-of day.
std::optional<Minutes> DayStart(std::string_view text);
// Plan stage → the export's stage with the same name (NormalizeKey: case, spaces and
// punctuation ignored), −1 when the export has no such stage.
std::vector<int> MatchStages(const std::vector<std::string>& plan_stages, const std::vector<std::string>& data_stages);

// Track `scenario` against `table` as of the day `as_of` (that whole day counts as elapsed).
// `today` (kNoDate: not checked) refuses an as-of day in the future. Fails with a message when
// the scenario is invalid, the as-of day is before the plan's first month or before every date
// in the data, or no plan stage matches a dated stage of the export.
Result<TrackReport> Track(const Scenario& scenario, const LeadTable& table, Minutes as_of, Minutes today = kNoDate);

}  // namespace funnel
