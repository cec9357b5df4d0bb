// JSON forms of the import report, the stage counts and the column mapping (docs/cli.md,
// docs/import.md). Shared by the CLI, the JS API and the tests.
#pragma once

#include <string>
#include <string_view>

#include "engine/funnel_analysis.hpp"
#include "engine/lead_import.hpp"
#include "engine/lead_table.hpp"
#include "engine/result.hpp"

namespace funnel {

std::string AnalysisToJson(const ImportReport& report, const StageCounts& counts, int indent = 2);
// The same plus "funnel": the full analysis (rates, time to convert, sources, months).
std::string AnalysisToJson(const ImportReport& report, const FunnelAnalysis& analysis, int indent = 2);
// A finished import as AnalysisToJson wrote it, read back without the rows: what the app shows
// after a reload. Listed warnings and errors come back when present (the web page stores them
// without their messages, which can quote cells); totals are kept either way.
struct ImportSummary {
  ImportReport report;
  FunnelAnalysis analysis;
};
// Never throws; text over kMaxSummaryBytes or nested over 64 levels is refused with a message.
Result<ImportSummary> ImportSummaryFromJson(std::string_view text);

// The longest import summary or column mapping text read back.
inline constexpr size_t kMaxSummaryBytes = 16u << 20;
// What the page keeps for the next visit: bounded whatever the data, so a reload never has to
// read megabytes back. Sources beyond the kMaxStoredSources largest become one "Other (N
// sources)" row with their counts summed; columns beyond kMaxStoredColumns (those with a role
// are always kept), unknown stage values beyond kMaxStoredUnknownValues and every listed
// warning and error (their messages can quote cells) are left out; totals stay exact. Names
// longer than kMaxStoredNameBytes are cut with "…". ImportSummaryFromJson reads it back.
inline constexpr size_t kMaxStoredSources = 100;
inline constexpr size_t kMaxStoredColumns = 200;
inline constexpr size_t kMaxStoredUnknownValues = 50;
inline constexpr size_t kMaxStoredNameBytes = 200;
std::string ImportSummaryToJson(const ImportReport& report, const FunnelAnalysis& analysis);

inline constexpr size_t kMaxMappingStages = 64;  // as many as a plan can have
std::string MappingToJson(const ColumnMapping& mapping, int indent = -1);
Result<ColumnMapping> MappingFromJson(std::string_view text);

}  // namespace funnel
