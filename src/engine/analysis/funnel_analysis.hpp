// Analysis of imported leads: stage counts, conversion per step (in-period and by mature
// cohort), time to convert, win rate, lead quality by source, and the monthly trend.
// Every formula, with worked examples the tests check: docs/math.md, "Rates from data".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/rate_estimate.hpp"
#include "engine/common/result.hpp"
#include "engine/import/cell_values.hpp"
#include "engine/import/lead_table.hpp"

namespace funnel {

// Bin edges in days: [0,1) [1,3) [3,7) [7,14) [14,30) [30,60) [60,90) [90,∞)
inline constexpr double kTimeBinEdgesDays[] = {0, 1, 3, 7, 14, 30, 60, 90};
inline constexpr size_t kTimeBinCount = sizeof(kTimeBinEdgesDays) / sizeof(kTimeBinEdgesDays[0]);

inline constexpr size_t kLagMonthBins = 25;

struct TimeToConvert {
  uint64_t count = 0;        // rows with both dates and to >= from
  double median_days = 0.0;  // of (date_to − date_from) in days (fractional), 0 when count == 0
  double p90_days = 0.0;     // both by the nearest-rank method on the sorted gaps
  std::vector<uint64_t> histogram;  // one count per bin of kTimeBinEdgesDays
  // Gaps by whole months of 30.4375 days: [0, 1), [1, 2), …; the last bin holds
  // kLagMonthBins − 1 months or more. What "Plan with these rates" spreads a step's lag by.
  std::vector<uint64_t> months;
  uint64_t negative_gaps = 0;       // rows with both dates but to < from: data errors, skipped
};

struct StepAnalysis {
  std::string from, to;
  RateEstimate in_period;  // reached(to) / reached(from) over the whole data (same semantics as CountStages)
  RateEstimate cohort;     // leads that reached `from` in a mature month: share that reached `to` within window_days
  int window_days = 0;
  std::vector<std::string> mature_months;    // "2024-03": cohorts used
  std::vector<std::string> immature_months;  // cohorts younger than window_days at as_of: excluded (say so in the UI)
  TimeToConvert time;
};

struct SourceRow {
  std::string source;              // "(none)" for rows without a source
  uint64_t volume = 0;             // rows
  std::vector<uint64_t> reached;   // per stage (same semantics as CountStages)
};

struct MonthRow {
  std::string month;               // "2024-03", by the month the lead reached the first stage (its date; else created)
  uint64_t created = 0;            // leads that month (the trend)
  std::vector<uint64_t> reached;   // of those, how many reached each stage so far (conversion trend)
};

struct AnalysisOptions {
  bool dated_only = false;
  int cohort_window_days = 90;     // negative values are read as 0
  Minutes as_of = kNoDate;         // kNoDate: the latest date found in the data
};

struct FunnelAnalysis {
  StageCounts counts;
  std::vector<StepAnalysis> steps;        // stages.size() − 1 entries
  RateEstimate win_rate;                  // won / (won + lost): won = reached the last stage; lost = lost flag and not won
  std::vector<SourceRow> sources;         // by volume, largest first (ties by name)
  std::vector<MonthRow> months;           // chronological, no gaps between first and last month
  uint64_t rows_without_month = 0;        // rows with neither a first-stage date nor a created date
  Minutes as_of = kNoDate;
  double average_won_amount = 0.0;        // mean amount of won rows with an amount > 0; 0 when none
  uint64_t won_with_amount = 0;
};

FunnelAnalysis AnalyzeFunnel(const LeadTable& table, const AnalysisOptions& options = {});

// JSON (nlohmann_json); the shape is documented in docs/math.md, "Rates from data → JSON".
std::string FunnelAnalysisToJson(const FunnelAnalysis& analysis, int indent = 2);
// Reads what FunnelAnalysisToJson wrote (a saved summary: the app restores it after a reload
// without the rows). Every list is checked against the stages, so a damaged or edited text is
// refused with the field named rather than shown half-read. Rates and intervals are recomputed
// from their counts k and n.
Result<FunnelAnalysis> FunnelAnalysisFromJson(std::string_view text);


}  // namespace funnel
