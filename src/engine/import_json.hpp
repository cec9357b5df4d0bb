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
Result<ImportSummary> ImportSummaryFromJson(std::string_view text);

std::string MappingToJson(const ColumnMapping& mapping, int indent = -1);
Result<ColumnMapping> MappingFromJson(std::string_view text);

}  // namespace funnel
