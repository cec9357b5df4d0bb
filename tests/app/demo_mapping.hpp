// Test data shared by the app tests: a small export with an unknown stage, "Demo", and the
// mapping that reads it as lost instead (stages Lead → Customer).
#pragma once

#include <string>

#include "engine/import/column_mapping.hpp"

inline const std::string kDemoExport =
    "Stage,Created\nLead,2024-01-01\nDemo,2024-01-02\nCustomer,2024-01-03\nDemo,2024-01-04\n";

// `detected` (the mapping the import found) with "Demo" read as lost and the stages Lead,
// Customer.
inline funnel::ColumnMapping DemoAsLost(funnel::ColumnMapping detected) {
  detected.stages = {"Lead", "Customer"};
  for (auto& rule : detected.stage_values) {
    if (rule.value == "demo") {
      rule.stage = -1;
      rule.lost = true;
    }
    if (rule.value == "customer") rule.stage = 1;
  }
  return detected;
}
