// Scenario: the assumptions a plan is computed from. Everything a user types or a share link
// carries lives here; it never holds rows of lead data. JSON form: docs/scenario.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/common/result.hpp"

namespace funnel {

inline constexpr int kScenarioVersion = 1;
// Largest count or amount the planner takes or reports; beyond it the inputs are almost surely
// a typo, and products of two such numbers would overflow.
inline constexpr double kMaxPlannedCount = 1e15;

// One step of the funnel: stages[i] → stages[i+1].
struct Step {
  double rate = 0.0;        // share of stages[i] that reaches stages[i+1]
  // Evidence when the rate was observed in data: k of n converted (n == 0: typed by hand).
  // The Monte Carlo draws such rates from Beta(k+1, n−k+1); typed rates are taken as exact.
  uint64_t k = 0;
  uint64_t n = 0;
  double lag_months = 0.0;  // time from reaching stages[i] to reaching stages[i+1]
  // When set (rates from data): the share converting 0, 1, 2, … whole months after reaching
  // stages[i] (sums to 1). The monthly plan then spreads the stage over those months instead
  // of one lag; lag_months stays the median shown. Empty: the single lag_months.
  std::vector<double> lag_shares = {};

  bool operator==(const Step&) const = default;
};

// A source of entry-stage leads (a marketing channel).
struct Channel {
  std::string name;
  double share = 0.0;          // share of entry-stage leads in the planned mix (normalised)
  double cost_per_lead = 0.0;  // cost of one entry-stage lead
  double max_leads_per_month = 0.0;  // cap; 0 = no cap
  std::vector<double> rates;   // own rates of the steps from the entry stage on (empty: the plan's)

  bool operator==(const Channel&) const = default;
};

struct SalesCapacity {
  double sales_reps = 0.0;                // 0: no capacity check
  double deals_per_rep_per_month = 0.0;
  double sdrs = 0.0;
  double sqls_per_sdr_per_month = 0.0;    // checked against the stage named "SQL"

  bool operator==(const SalesCapacity&) const = default;
};

struct MoneyAssumptions {
  double gross_margin = 1.0;        // share of revenue kept after cost of goods
  double monthly_churn = 0.0;       // share of customers lost per month (LTV); 0 = no LTV
  double arpa_monthly = 0.0;        // average revenue per account per month (LTV, payback)
  double marketing_budget = 0.0;    // total spend when no channels are given
  double sales_cost = 0.0;          // other acquisition cost over the plan (in CAC)
  double sales_cycle_days = 0.0;    // for pipeline velocity; 0 = from the step lags

  bool operator==(const MoneyAssumptions&) const = default;
};

struct Scenario {
  std::string name;
  std::string currency;        // ISO 4217 code, used for display only
  double revenue_goal = 0.0;   // total revenue to win over the plan
  double deal_size = 0.0;      // average revenue per customer (won deal)
  std::vector<std::string> stages;  // funnel order, first = widest, last = customer
  std::vector<Step> steps;          // steps[i]: stages[i] → stages[i+1]

  // Time phasing (docs/math.md, "Monthly plan").
  int start_year = 2026;
  int start_month = 1;              // 1..12
  int horizon_months = 12;
  std::vector<double> seasonality;  // one weight per month of the horizon; empty = even

  std::string entry_stage;          // stage that channels buy and "leads needed" counts; "" = auto
  std::vector<Channel> channels;
  SalesCapacity capacity;
  MoneyAssumptions money;
  double planned_leads = 0.0;       // entry-stage leads the team will produce; 0 = the target
  // Column mapping the user chose for their lead data (JSON object as in docs/import.md), so
  // importing the same kind of export again reads it the same way. "" = detect.
  std::string data_mapping;
  uint64_t seed = 1;                // Monte Carlo seed
  int draws = 100000;               // Monte Carlo draws

  // Top-level JSON fields this version does not know, kept verbatim (serialized JSON) so a
  // scenario written by a newer version survives a round trip through this one.
  std::map<std::string, std::string> unknown_fields;

  bool operator==(const Scenario&) const = default;
};

struct YearMonth {
  int year = 2026;
  int month = 1;  // 1..12
};
// The plan a first-time visitor sees: $1,000,000 goal, $25,000 deals, B2B default funnel,
// starting in `start`. The engine never reads the clock: the app and the CLI pass the current
// month in (src/platform/clock.hpp), so tests can pin it.
Scenario SampleScenario(YearMonth start = {});

// Every problem with the scenario's inputs, each naming its field. Empty means valid.
std::vector<FieldError> ValidateScenario(const Scenario& scenario);

// "Lead → MQL": the display name of step i.
std::string StepName(const Scenario& scenario, size_t step);

// Index of the entry stage: `entry_stage` by name, else "Lead" if there is one, else 0.
size_t EntryStageIndex(const Scenario& scenario);

// Index of the first stage whose name matches (case-insensitive substring), or npos.
size_t FindStage(const Scenario& scenario, const char* name_part);

}  // namespace funnel
