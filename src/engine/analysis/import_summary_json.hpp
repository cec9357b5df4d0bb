// JSON forms of the import report with its stage counts or full analysis, and the bounded import
// summary the page keeps (docs/cli.md, docs/import.md). Shared by the CLI, the JS API and the
// tests. The column mapping alone: engine/import/mapping_json.hpp.
#pragma once

#include <string>
#include <string_view>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/common/result.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/lead_table.hpp"

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

// The longest import summary text read back.
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

}  // namespace funnel
