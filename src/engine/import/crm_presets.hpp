// Column mappings for the CRM exports people actually have — HubSpot contacts and deals,
// Salesforce leads and opportunities, Pipedrive deals — and generic rules for anything else
// (a spreadsheet with a stage column and/or one date column per stage). docs/import.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/import/column_mapping.hpp"

namespace funnel {

struct PresetMatch {
  ColumnMapping mapping;
  std::string label;                  // "HubSpot contacts", "Generic"
  std::vector<std::string> notes;     // e.g. "stage order guessed for: Demo booked"
};

// `sample` holds the first data rows (as text) used to see which stage values occur.
PresetMatch DetectMapping(const std::vector<std::string>& headers,
                          const std::vector<ColumnInfo>& columns,
                          const std::vector<std::vector<std::string>>& sample);

// Name, e-mail or phone columns (never stored).
bool IsPersonalColumn(std::string_view header);

// The label of a preset id ("hubspot-contacts" → "HubSpot contacts"); the id itself if unknown.
std::string PresetLabel(std::string_view id);

}  // namespace funnel
