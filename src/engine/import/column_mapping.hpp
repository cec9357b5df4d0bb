// Which column of an import means what: column types, stage value rules and the ColumnMapping
// that presets detect and users edit. Shared by the importer and the CRM presets, so neither
// needs the other's header (docs/import.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/import/cell_values.hpp"

namespace funnel {

enum class ColumnType : uint8_t { kEmpty, kText, kNumber, kPercent, kCurrency, kDate, kBoolean };
const char* ColumnTypeName(ColumnType t);

struct ColumnInfo {
  std::string name;
  ColumnType type = ColumnType::kEmpty;
  std::string detail;           // e.g. "month-first dates (3/5/2024)", "decimal comma"
  bool personal = false;        // name, e-mail or phone: dropped, never stored
  DateOrder date_order = DateOrder::kMonthFirst;
  char decimal = '.';
  bool excel_serial = false;    // a date column of Excel serial numbers (45292 = 2024-01-01)
  std::string role;             // what the mapping uses it for ("" = not used)
};

// A raw stage/status value (normalized: lower case, letters and digits only) and what it means.
struct StageValueRule {
  std::string value;
  int stage = -1;     // funnel stage it implies was reached, -1 = none
  bool lost = false;  // the lead is lost / disqualified

  bool operator==(const StageValueRule&) const = default;
};

// Which column means what. Detected from the headers (a preset or the generic rules), and
// overridable by the user; columns are named by their header text.
struct ColumnMapping {
  std::string preset;                          // "hubspot-contacts", …, "generic"
  std::vector<std::string> stages;             // funnel stages in order
  std::string stage_column;                    // current stage (lifecycle, deal stage…)
  std::vector<StageValueRule> stage_values;
  std::string status_column;                   // a second status column (won/lost, unqualified…)
  std::vector<StageValueRule> status_values;
  std::vector<std::string> stage_date_columns;  // per stage: date it was reached ("" = none)
  std::string created_column;                  // creation date: date of the first stage
  std::string close_date_column;               // date of the last stage when won
  std::string won_column;                      // boolean: reached the last stage
  std::string closed_column;                   // boolean: closed (closed and not won = lost)
  std::string source_column, amount_column, owner_column;
  bool dated_only = false;  // count a stage only where it has a date (vs implied by stage)

  bool operator==(const ColumnMapping&) const = default;
};

// "Marketing Qualified Lead" → "marketingqualifiedlead" (how headers and values are matched).
std::string NormalizeKey(std::string_view s);

}  // namespace funnel
