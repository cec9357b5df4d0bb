// Snapshots over time: each import's tracking and forecast summary (never its rows), dated by its
// as-of day, kept so the Track tab can show how pace and forecast moved from export to export and
// how the pipeline flowed between two of them:
//   start (open at the earlier day) + new − won − lost ± moved = end (open at the later day).
// Formulas and a worked example: docs/math.md, "Snapshots".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.hpp"
#include "engine/forecast/forecast.hpp"
#include "engine/forecast/track.hpp"

namespace funnel {

struct SnapshotStage {
  std::string name;
  double planned = 0.0, actual = 0.0, expected_to_date = 0.0;
  std::optional<double> pace;
};

struct Snapshot {
  std::string as_of;                 // "2026-02-14": the day the export was read as of
  std::string source;                // the export's file name
  std::string plan;                  // the scenario tracked
  uint64_t records = 0;              // rows imported
  std::vector<SnapshotStage> stages; // the track's per-stage totals (empty without a plan that matched)
  std::string pipeline_stage;        // the forecast's stage
  uint64_t open = 0, won = 0, lost = 0;
  // Per day, the kSnapshotDays days up to the as-of day (last = the as-of day): records that
  // entered the pipeline stage, were won and were lost. What the flow between two snapshots
  // counts without keeping a single row.
  std::vector<uint32_t> entered_daily, won_daily, lost_daily;
  std::string until;                 // the forecast's horizon month
  double expected_revenue = 0.0, p10 = 0.0, p50 = 0.0, p90 = 0.0;
  std::optional<double> p_goal;
};

inline constexpr int kSnapshotDays = 366;
inline constexpr size_t kMaxSnapshots = 200;  // the oldest are dropped beyond this

// The snapshot of one import: `track` may be null (no plan, or stages that do not match).
Snapshot MakeSnapshot(const ForecastReport& forecast, const TrackReport* track, std::string source, std::string plan,
                      uint64_t records);

// Adds `s` to `list` kept in as-of order; a snapshot of the same day and file replaces the
// older one. Returns its index.
size_t AddSnapshot(std::vector<Snapshot>& list, Snapshot s);

struct PipelineFlow {
  std::string from, to;              // as-of days
  double start = 0.0;                // open at `from`
  double entered = 0.0;              // entered the pipeline stage after `from`, up to `to`
  double won = 0.0, lost = 0.0;      // closed in that time
  double moved = 0.0;                // what the counts do not explain: records deleted, merged, reopened or moved back
  double end = 0.0;                  // open at `to`
};

// The flow from `earlier` to `later`, counted from the later snapshot's daily counts. Fails when
// the days are not in order, more than a year apart, or the pipeline stages differ.
Result<PipelineFlow> Flow(const Snapshot& earlier, const Snapshot& later);

std::string SnapshotsToJson(const std::vector<Snapshot>& list, int indent = -1);
// Reads a list written by SnapshotsToJson. Entries that cannot be read are skipped and counted
// in `skipped`; text that is not a list fails with a message.
Result<std::vector<Snapshot>> SnapshotsFromJson(std::string_view text, size_t* skipped = nullptr);

}  // namespace funnel
