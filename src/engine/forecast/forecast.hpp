// Forecast from the open pipeline: Aalen–Johansen competing-risks curves (won vs lost, open
// records censored) in days, each open record's chance to win by the horizon, records the plan
// still expects, a seeded Monte Carlo for P10/P50/P90 and P(goal), and the extra entry-stage
// leads that close the gap. Formulas and a worked example: docs/math.md, "Tracking and forecast".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/result.hpp"
#include "engine/import/lead_table.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/scenario.hpp"

namespace funnel {

enum class Outcome : uint8_t { kOpen, kWon, kLost };

// One record of the pipeline: its age in whole days at its outcome (won, lost) or, when open,
// at the as-of day (censored there).
struct PipelineRecord {
  int32_t age_days = 0;
  Outcome outcome = Outcome::kOpen;
};

// Cumulative incidence of winning and losing and the share still open, just after each age at
// which something closed. Before the first event: won = lost = 0, survival = 1. Beyond the last
// event the curves stay flat (the curve's tail: no history says anything happens later).
struct IncidenceCurves {
  std::vector<int32_t> ages;           // event ages in days, ascending
  std::vector<double> won, lost, survival;
  std::vector<uint64_t> at_risk;       // n at each event age (for the docs' tables and tests)

  double WonAt(double age) const;      // CIF_won(t): the value after the last event at or before t
  double LostAt(double age) const;
  double SurvivalAt(double age) const;
  int32_t last_event_age() const { return ages.empty() ? 0 : ages.back(); }
};

// At each event age t with n at risk (age ≥ t), w won and l lost:
//   CIF_won(t) = CIF_won(t−) + S(t−)·w/n;  CIF_lost likewise;  S(t) = S(t−)·(1 − (w + l)/n).
IncidenceCurves AalenJohansen(const std::vector<PipelineRecord>& records);

// Chance an open record of age `age` days wins within `horizon_days` more:
//   p = (CIF_won(age + h) − CIF_won(age)) / S(age);  0 when S(age) = 0 or the record is as old as
// the last event (the flat tail).
double WinChance(const IncidenceCurves& curves, double age, double horizon_days);

// One Bernoulli of the Monte Carlo: a record that wins with chance p and brings `amount`.
struct WinCandidate {
  double p = 0.0;
  double amount = 0.0;
  bool open = true;  // from the open pipeline, else a record the plan still expects
};
// Wins and revenue of every draw, in draw order (entry i of every list is draw i).
struct WinDraws {
  std::vector<double> open_wins, open_revenue, new_wins, new_revenue, total_wins, total_revenue;
};
// `draws` draws in which every candidate wins with its p (SplitMix64 seeded by `seed`). The wins
// are exact (the Poisson-binomial count of each amount class). Revenue is exact with at most 16
// different amounts per part; beyond that each amount counts as its class's p-weighted mean (the
// expected revenue stays exact), the amounts of a class lying within a factor of 1.2 of each other
// (wider only for a range over 1 : 90,000).
WinDraws SimulateWins(std::vector<WinCandidate> candidates, int draws, uint64_t seed);

// What one part of the pipeline wins by the horizon. Quantiles are nearest-rank over the draws:
// p10 is the pessimistic value (9 draws in 10 do at least as well).
struct PipelineForecast {
  double records = 0.0;            // open records, or new records the plan still expects
  double expected_wins = 0.0;      // Σ p
  double expected_revenue = 0.0;   // Σ p × amount
  double wins_p10 = 0.0, wins_p50 = 0.0, wins_p90 = 0.0;
  double p10 = 0.0, p50 = 0.0, p90 = 0.0;  // revenue
  std::optional<double> naive_expected_wins;  // open × won / (won + lost): the estimate that ignores timing
};

// A remaining month of the plan and whether entry-stage leads made then can still win by the horizon.
struct GapMonth {
  std::string month;
  double win_chance = 0.0;  // an entry-stage lead made mid-month: plan rate to the pipeline stage × CIF_won(time left after the lag)
  bool can_help = false;
};

struct GapLevel {
  int confidence = 50;               // 50, 80, 90: reach the goal with this chance
  double shortfall = 0.0;            // revenue missing at that confidence (0: already reached)
  double leads_per_month = 0.0;      // extra whole entry-stage leads in each month that can help
  double total_leads = 0.0;
  double cost = 0.0;                 // cheapest channel mix for them (0 without channels)
  bool feasible = true;              // false: no month can help, or the caps cannot buy the leads
  std::vector<ChannelResult> mix;    // the cheapest mix (PlanChannels under the caps of the months that help)
};

struct CloseTheGap {
  std::string entry_stage;
  std::string pipeline_stage;        // the plan stage the forecast curves start from
  double entry_to_pipeline_rate = 1.0;
  double lag_days = 0.0;             // the plan's lags from the entry stage to the pipeline stage
  std::vector<GapMonth> months;
  std::vector<GapLevel> levels;      // 50, 80, 90
};

struct ForecastOptions {
  Minutes as_of = kNoDate;           // the day the forecast is made (that whole day counts as past)
  int until_year = 0, until_month = 0;  // horizon: the end of this month
  Minutes today = kNoDate;           // kNoDate: not checked; else an as-of day after it is refused
  int stage = -1;                    // the export's stage to forecast from; −1: the last dated stage before the customer stage
  const Scenario* scenario = nullptr;  // goal, new records from the plan, close the gap
  uint64_t seed = 1;                 // used when there is no scenario (else the scenario's)
  int draws = 10000;
};

struct ForecastReport {
  std::string stage;                 // the export's stage records enter the pipeline at
  std::string as_of_label, until_label;
  int32_t horizon_days = 0;          // from the as-of day to the end of the until month
  IncidenceCurves curves;
  uint64_t won = 0, lost = 0, open = 0;  // records at the as-of day
  // Per day, the 366 days up to the as-of day (last = the as-of day): records that entered the
  // stage, were won, were lost (what a snapshot keeps for the flow between two exports).
  std::vector<uint32_t> entered_daily, won_daily, lost_daily;
  uint64_t beyond_curve = 0;         // open records as old as the last outcome: p = 0 (flat tail)
  double average_deal = 0.0;         // amount for records without one
  PipelineForecast open_pipeline, new_pipeline, total;
  double won_to_date = 0.0;          // revenue won from the plan's start to the as-of day (with a scenario)
  std::optional<double> goal;        // the plan's revenue up to the until month
  std::optional<double> p_goal;      // P(won to date + total ≥ goal)
  std::optional<CloseTheGap> close_the_gap;
  int draws = 0;
  uint64_t seed = 0;
  std::vector<std::string> notes;    // how lost dates were taken, records left out, …
};

Result<ForecastReport> Forecast(const LeadTable& table, const ForecastOptions& options);

// The scenario with the extra leads of `level` added: planned entry-stage leads raised by the
// level's total, named "… (revised)". The original is left as it is.
Scenario ReviseScenario(const Scenario& scenario, const CloseTheGap& gap, int confidence);

}  // namespace funnel
