// Scenario <-> JSON (format v1, docs/scenario.md) and the plan result as JSON
// (shared by the CLI, the JS API and the tests, so all three print the same numbers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/reverse_funnel.hpp"
#include "engine/plan/scenario.hpp"

namespace funnel {

struct LoadedScenario {
  Scenario scenario;
  std::vector<FieldError> warnings;  // unknown fields (kept), ignored values
};

// The longest scenario text read (a real one is 2–20 KB; unknown fields are kept, so a few
// MB of them are allowed). Longer text is refused with a message, never parsed.
inline constexpr size_t kMaxScenarioBytes = 4u << 20;

// Parses and validates. Every bad field is reported, not just the first: a wrong type, a
// number out of range (1e400), nesting deeper than 64 levels, text over kMaxScenarioBytes.
// Never throws.
Result<LoadedScenario> ScenarioFromJson(std::string_view text);

std::string ScenarioToJson(const Scenario& scenario, int indent = 2);

// {"ok":true,"stages":[...],"customers":{...},"monthly":…} or {"ok":false,"errors":[...]}.
// Shape: docs/cli.md, "plan --format json".
std::string PlanToJson(const Scenario& scenario, const Result<PlanReport>& plan, int indent = 2);
// The whole plan as CSV for a spreadsheet, in sections (assumptions, steps, stages, month × stage
// targets with a Total row, channels, money, confidence, warnings); docs/cli.md, "plan --format
// csv". The page's "Plan as CSV" and the CLI both write this.
std::string PlanToCsv(const Scenario& scenario, const PlanReport& report);

}  // namespace funnel
