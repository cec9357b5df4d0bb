// libFuzzer target for the import path: any bytes must give a report (never a crash, hang,
// sanitizer error or invalid JSON), and the table must be consistent with the report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/analysis/import_summary_json.hpp"
#include "engine/import/csv.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/lead_table.hpp"
#include "fuzz_check.hpp"

#define Require FP_REQUIRE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // The reader always makes progress and consumes everything.
  for (char d : {',', ';', '\t'}) {
    funnel::CsvReader reader(bytes, d);
    size_t last = 0, records = 0;
    while (reader.Next()) {
      Require(reader.offset() > last || reader.offset() == bytes.size() || last == 0);
      last = reader.offset();
      Require(++records <= size + 1);
      if (reader.unterminated_quote()) {
        const size_t before = reader.offset();
        reader.RestartAfterRecordLine();  // goes back, but past the record's first line
        Require(reader.offset() <= before);
        last = 0;
      }
    }
  }

  funnel::ImportOptions options;
  options.sample_rows = 50;
  funnel::LeadImporter importer(bytes, options);
  while (!importer.done()) importer.Step(64);
  funnel::ImportResult r = importer.Finish();
  const auto& t = r.table;
  Require(t.rows == r.report.rows_imported);
  Require(t.stage.size() == t.rows && t.lost.size() == t.rows);
  for (const auto& dates : t.stage_date) Require(dates.empty() || dates.size() == t.rows);
  Require(r.report.rows_read == r.report.rows_imported + r.report.rows_rejected + r.report.rows_skipped);
  for (bool dated_only : {false, true}) {
    const funnel::StageCounts c = funnel::CountStages(t, dated_only);
    for (size_t k = 1; k < c.reached.size() && !dated_only; ++k) Require(c.reached[k] <= c.reached[k - 1]);
    for (uint64_t n : c.reached) Require(n <= t.rows);
    const std::string json = funnel::AnalysisToJson(r.report, c, -1);
    Require(!nlohmann::json::parse(json, nullptr, false).is_discarded());
  }
  // The summary a reload restores reads back to the same summary, whatever the data.
  if (!r.report.fatal) {
    const std::string summary = funnel::AnalysisToJson(r.report, funnel::AnalyzeFunnel(t), -1);
    const auto back = funnel::ImportSummaryFromJson(summary);
    Require(back.ok());
    Require(funnel::AnalysisToJson(back->report, back->analysis, -1) == summary);
    // The bounded form the page keeps reads back too.
    const funnel::FunnelAnalysis analysis = funnel::AnalyzeFunnel(t);
    Require(funnel::ImportSummaryFromJson(funnel::ImportSummaryToJson(r.report, analysis)).ok());
  }
  return 0;
}
