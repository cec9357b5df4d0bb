// Scenario: the assumptions a plan is computed from. Everything a user types or a share link
// carries lives here; it never holds rows of lead data. JSON form: docs/scenario.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/result.hpp"

namespace funnel {

inline constexpr int kScenarioVersion = 1;

struct Scenario {
  std::string name;
  std::string currency;        // ISO 4217 code, used for display only
  double revenue_goal = 0.0;   // total revenue to win over the plan
  double deal_size = 0.0;      // average revenue per customer (won deal)
  std::vector<std::string> stages;  // funnel order, first = widest, last = customer
  std::vector<double> step_rates;   // step_rates[i]: share of stages[i] reaching stages[i+1]
  // Top-level JSON fields this version does not know, kept verbatim (serialized JSON) so a
  // scenario written by a newer version survives a round trip through this one.
  std::map<std::string, std::string> unknown_fields;

  bool operator==(const Scenario&) const = default;
};

// The plan a first-time visitor sees: $1,000,000 goal, $25,000 deals, B2B default funnel.
Scenario SampleScenario();

// Every problem with the scenario's inputs, each naming its field. Empty means valid.
std::vector<FieldError> ValidateScenario(const Scenario& scenario);

// "Lead → MQL": the display name of step i.
std::string StepName(const Scenario& scenario, size_t step);

}  // namespace funnel
