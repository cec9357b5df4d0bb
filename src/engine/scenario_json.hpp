// Scenario <-> JSON (format v1, docs/scenario.md) and the plan result as JSON
// (shared by the CLI, the JS API and the tests, so all three print the same numbers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "engine/reverse_funnel.hpp"
#include "engine/scenario.hpp"

namespace funnel {

struct LoadedScenario {
  Scenario scenario;
  std::vector<FieldError> warnings;  // unknown fields (kept), ignored values
};

// Parses and validates. Every bad field is reported, not just the first; never throws.
Result<LoadedScenario> ScenarioFromJson(std::string_view text);

std::string ScenarioToJson(const Scenario& scenario, int indent = 2);

// {"ok":true,"stages":[...],"customers":{...}} or {"ok":false,"errors":[...]}.
std::string PlanToJson(const Scenario& scenario, const Result<ReverseFunnel>& plan,
                       int indent = 2);

}  // namespace funnel
