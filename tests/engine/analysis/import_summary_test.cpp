// The import summary (report + analysis, no rows) that the app keeps across a reload: it
// reads back to the same JSON for every CRM shape, and a damaged one is refused by field.
#include <catch2/catch.hpp>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/analysis/import_summary_json.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/synthetic_export.hpp"

using namespace funnel;
using nlohmann::json;

namespace {

// An import of a generated export, as the app's getAnalysis() reports it.
std::string SummaryOf(ExportShape shape, bool dated_only, uint64_t seed = 5) {
  SyntheticOptions so;
  so.shape = shape;
  so.rows = 2000;
  so.seed = seed;
  ImportOptions io;
  io.source_name = std::string(ExportShapeName(shape)) + ".csv";
  io.dated_only = dated_only;
  const ImportResult r = ImportLeads(GenerateExport(so), io);
  return AnalysisToJson(r.report, AnalyzeFunnel(r.table, {dated_only}), -1);
}

}  // namespace

TEST_CASE("an import summary reads back to the same summary for every export shape", "[import][json]") {
  for (const ExportShape shape : AllExportShapes()) {
    for (const bool dated_only : {false, true}) {
      CAPTURE(ExportShapeName(shape), dated_only);
      const std::string text = SummaryOf(shape, dated_only);
      const auto back = ImportSummaryFromJson(text);
      REQUIRE(back.ok());
      const ImportReport& r = back->report;
      CHECK(r.source_name == std::string(ExportShapeName(shape)) + ".csv");
      CHECK(r.rows_imported == 2000);
      CHECK(r.mapping.dated_only == dated_only);
      CHECK(back->analysis.counts.rows == 2000);
      CHECK(AnalysisToJson(r, back->analysis, -1) == text);
    }
  }
}

TEST_CASE("a summary stored without its listed warnings keeps their totals", "[import][json]") {
  // A pasted table with two cells that are not dates: two warnings, each quoting its cell.
  const std::string csv =
      "Lifecycle Stage,Create Date,Original Source\n"
      "lead,2024-01-05,Paid\n"
      "customer,someday,Organic\n"
      "lead,whenever,Paid\n";
  const ImportResult r = ImportLeads(csv);
  REQUIRE(r.report.warnings_total >= 2);
  json j = json::parse(AnalysisToJson(r.report, AnalyzeFunnel(r.table), -1));
  j["warnings"]["listed"] = json::array();  // what the web page stores
  const auto back = ImportSummaryFromJson(j.dump());
  REQUIRE(back.ok());
  CHECK(back->report.warnings.empty());
  CHECK(back->report.warnings_total == r.report.warnings_total);
  CHECK(back->analysis.counts.reached == AnalyzeFunnel(r.table).counts.reached);
}

TEST_CASE("a damaged import summary is refused with the field named", "[import][json]") {
  const std::string good = SummaryOf(ExportShape::kHubSpotContacts, false);
  auto first_error = [&](const std::function<void(json&)>& damage) {
    json j = json::parse(good);
    damage(j);
    const auto r = ImportSummaryFromJson(j.dump());
    REQUIRE_FALSE(r.ok());
    return r.errors().front().field;
  };
  CHECK(first_error([](json& j) { j.erase("source"); }) == "source");
  CHECK(first_error([](json& j) { j["ok"] = false; }) == "ok");
  CHECK(first_error([](json& j) { j["rows"]["imported"] = "many"; }) == "rows.imported");
  CHECK(first_error([](json& j) { j["columns"][0] = 7; }) == "columns[0]");
  CHECK(first_error([](json& j) { j["mapping"]["stages"] = 3; }) == "mapping.stages");
  CHECK(first_error([](json& j) { j["warnings"]["listed"] = "x"; }) == "warnings.listed");
  CHECK(first_error([](json& j) { j.erase("funnel"); }) == "funnel");
  CHECK(first_error([](json& j) { j["funnel"]["counts"]["with_date"] = {1}; }) == "funnel.counts.with_date");
  CHECK_FALSE(ImportSummaryFromJson("null").ok());
  CHECK_FALSE(ImportSummaryFromJson("{\"source\": \"x\", \"ok\": tru").ok());
}
