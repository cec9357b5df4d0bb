// Bad input gets a clear message naming row and column; good rows still import.
#include <catch2/catch.hpp>

#include "engine/lead_import.hpp"

using namespace funnel;
using Catch::Matchers::Contains;

namespace {
const ImportIssue* FindIssue(const std::vector<ImportIssue>& list, size_t row) {
  for (const auto& i : list) {
    if (i.row == row) return &i;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("empty and header-only input is refused clearly", "[import][errors]") {
  auto empty = ImportLeads("");
  CHECK(empty.report.fatal);
  CHECK_THAT(empty.report.errors[0].message, Contains("empty"));
  auto header = ImportLeads("Stage,Created\n");
  CHECK(header.report.fatal);
  CHECK_THAT(header.report.errors[0].message, Contains("Only a header row"));
  auto blank = ImportLeads("\n\n\r\n");
  CHECK(blank.report.fatal);
}

TEST_CASE("a bad date names its row and column; the row still imports", "[import][errors]") {
  const std::string csv = "Stage,Created\nLead,2024-01-01\nMQL,2024-02-30\nLead,2024-01-03\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.rows_imported == 3);
  const ImportIssue* w = FindIssue(r.report.warnings, 3);
  REQUIRE(w != nullptr);
  CHECK(w->column == "Created");
  CHECK(w->line == 3);
  CHECK_THAT(w->message, Contains("\"2024-02-30\"") && Contains("not a date"));
}

TEST_CASE("ragged rows are kept and warned", "[import][errors]") {
  const std::string csv = "Stage,Created,Source\nLead,2024-01-01\nMQL,2024-01-02,web,extra\nLead,2024-01-03,web,\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.rows_imported == 3);
  REQUIRE(FindIssue(r.report.warnings, 2) != nullptr);
  CHECK_THAT(FindIssue(r.report.warnings, 2)->message, Contains("missing"));
  REQUIRE(FindIssue(r.report.warnings, 3) != nullptr);
  CHECK_THAT(FindIssue(r.report.warnings, 3)->message, Contains("extra"));
  CHECK(FindIssue(r.report.warnings, 4) == nullptr);  // a trailing empty value is fine
}

TEST_CASE("an unterminated quote rejects one row, the rest load", "[import][errors]") {
  const std::string csv = "Stage,Note\nLead,fine\nMQL,\"never closed\nLead,after\nSQL,also after\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.rows_rejected == 1);
  CHECK(r.report.rows_imported == 3);
  REQUIRE(r.report.errors.size() == 1);
  CHECK(r.report.errors[0].row == 3);
  CHECK(r.report.errors[0].line == 3);
  CHECK_THAT(r.report.errors[0].message, Contains("never closed"));
  // The rows after the broken one are part of the sample too: SQL is a known stage.
  CHECK(r.report.unknown_stage_values.empty());
  CHECK(r.table.stages == std::vector<std::string>{"Lead", "SQL"});  // MQL was on the broken row
}

TEST_CASE("duplicate and empty headers get unique names", "[import][errors]") {
  auto r = ImportLeads("Stage,Stage,,Created\nLead,x,y,2024-01-01\n");
  REQUIRE(r.report.columns.size() == 4);
  CHECK(r.report.columns[0].name == "Stage");
  CHECK(r.report.columns[1].name == "Stage (2)");
  CHECK(r.report.columns[2].name == "Column C");
}

TEST_CASE("unknown stage values are counted and reported", "[import][errors]") {
  const std::string csv = "\"Lifecycle Stage\",\"Create Date\",\"Original Source\",\"Became a Lead Date\"\n"
                          "Lead,2024-01-01,x,2024-01-01\nOther,2024-01-01,x,\nOther,2024-01-01,x,\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.preset == "hubspot-contacts");
  REQUIRE(r.report.unknown_stage_values.size() == 1);
  CHECK(r.report.unknown_stage_values[0].first == "Other");
  CHECK(r.report.unknown_stage_values[0].second == 2);
}

TEST_CASE("the number of listed issues is capped, the total is exact", "[import][errors]") {
  // Dates in the sample, bad values after it: each bad one is counted.
  std::string csv = "Stage,Created\n";
  for (int i = 0; i < 1500; ++i) csv += "Lead,2024-01-01\n";
  for (int i = 0; i < 500; ++i) csv += "Lead,not a date\n";
  ImportOptions o;
  o.max_listed = 10;
  auto r = ImportLeads(csv, o);
  CHECK(r.report.warnings.size() == 10);
  CHECK(r.report.warnings_total == 500);
  CHECK(r.report.warnings[0].row == 1502);
  CHECK(r.report.rows_imported == 2000);
}

TEST_CASE("no stage information: imported, with a hint to map it", "[import][errors]") {
  auto r = ImportLeads("a,b\n1,2\n3,4\n");
  bool hinted = false;
  for (const auto& w : r.report.warnings) hinted = hinted || w.message.find("mapping") != std::string::npos;
  CHECK(hinted);
}

TEST_CASE("import in steps gives the same result as at once, with progress", "[import]") {
  std::string csv = "Stage,Created\n";
  for (int i = 0; i < 2000; ++i) csv += (i % 3 ? "Lead,2024-01-01\n" : "MQL,2024-01-02\n");
  LeadImporter importer(csv);
  double last = 0.0;
  int steps = 0;
  while (!importer.done()) {
    const double p = importer.Step(1000);
    CHECK(p >= last);
    CHECK(p <= 1.0);
    last = p;
    ++steps;
  }
  CHECK(steps > 20);
  auto stepped = importer.Finish();
  auto whole = ImportLeads(csv);
  CHECK(CountStages(stepped.table, false).reached == CountStages(whole.table, false).reached);
  CHECK(stepped.report.rows_imported == 2000);
}

TEST_CASE("totals and report-footer lines are skipped, named once, and not counted as leads", "[import][errors]") {
  // A Salesforce Classic report export: the data, blank lines, a totals row and the footer.
  const std::string csv =
      "\"Opportunity Owner\",\"Opportunity Name\",\"Stage\",\"Amount\",\"Close Date\",\"Created Date\",\"Lead Source\"\n"
      "\"Jane Roe\",\"Acme\",\"Prospecting\",\"USD 12,000.00\",\"6/30/2024\",\"5/16/2024\",\"Web\"\n"
      "\"Jane Roe\",\"Beta\",\"Closed Won\",\"USD 8,000.00\",\"3/30/2024\",\"2/29/2024\",\"Partner Referral\"\n"
      "\"John Doe\",\"Gamma\",\"Closed Lost\",\"USD 5,000.00\",\"3/15/2024\",\"1/15/2024\",\"Web\"\n"
      "\"John Doe\",\"Delta\",\"Qualification\",\"USD 4,000.00\",\"5/31/2024\",\"4/11/2024\",\"\"\n"
      "\n\n"
      "\"Total\",\"\",\"\",\"USD 29,000.00\",\"\",\"\",\"\"\n"
      "\n"
      "\"Opportunity Pipeline\"\n"
      "\"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.\"\n"
      "\"Confidential Information - Do Not Distribute\"\n"
      "\"Generated By:  Jane Roe  6/1/2024 4:45 PM\"\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.rows_imported == 4);
  CHECK(r.report.rows_skipped == 5);
  CHECK(r.report.rows_read == 9);
  CHECK(r.table.rows == 4);
  CHECK(CountStages(r.table, false).without_stage == 0);
  // One warning for all of them (not one per line), naming the rows.
  size_t about_footer = 0;
  for (const auto& w : r.report.warnings) {
    CHECK_THAT(w.message, !Contains("values but the header has"));
    if (w.message.find("footer") != std::string::npos) {
      ++about_footer;
      CHECK(w.row == 0);
      CHECK_THAT(w.message, Contains("5 lines (rows 8, 10, 11, 12, 13)") && Contains("skipped"));
    }
  }
  CHECK(about_footer == 1);
  for (const auto& name : r.table.source_names.names()) CHECK(name.find("Total") == std::string::npos);
}

TEST_CASE("a lead without a stage is still a lead; only lines that say nothing about stages are skipped", "[import][errors]") {
  // Cells pasted from a sheet: a "Total" row at the bottom, and a lead whose stage is blank.
  const std::string tsv =
      "Company\tStage\tCreated\tValue\n"
      "Total Wine\tLead\t2024-03-01\t100\n"    // a company that starts with "Total" but has a stage
      "Umbrella\t\t2024-03-02\t200\n"          // no stage, but a date: a lead
      "Initech\t\t\t300\n"                     // no stage, no date, a full row: kept as a lead
      "Total\t\t\t600\n";
  auto r = ImportLeads(tsv);
  CHECK(r.report.rows_imported == 3);
  CHECK(r.report.rows_skipped == 1);
  CHECK(CountStages(r.table, false).reached[0] == 2);
}

TEST_CASE("title lines above the column names are skipped and said so", "[import][errors]") {
  // A sheet with a title in A1, a note, a blank row, then the table (as pasted or saved as CSV).
  const std::string csv =
      "Q3 leads,,,\n"
      "Exported by marketing,,,\n"
      ",,,\n"
      "Stage,Created,Source,Amount\n"
      "Lead,2024-07-01,Web,\n"
      "Customer,2024-07-02,Ads,1200\n"
      "MQL,2024-07-40,Web,\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.rows_imported == 3);
  REQUIRE(r.report.columns.size() == 4);
  CHECK(r.report.columns[0].name == "Stage");
  CHECK(r.report.columns[1].type == ColumnType::kDate);
  REQUIRE_FALSE(r.report.warnings.empty());
  CHECK_THAT(r.report.warnings[0].message, Contains("Rows 1–3 above the column names") && Contains("in row 4"));
  const ImportIssue* bad = FindIssue(r.report.warnings, 7);  // rows are still the sheet's rows
  REQUIRE(bad != nullptr);
  CHECK(bad->column == "Created");
  CHECK(CountStages(r.table, false).reached[0] == 3);

  // A file whose first line is a real header with few columns keeps it.
  auto two = ImportLeads("Stage,Created\nLead,2024-07-01\nMQL,2024-07-02\n");
  CHECK(two.report.columns[0].name == "Stage");
  CHECK(two.report.rows_imported == 2);
  // One column and one value per line: nothing is a title.
  auto one = ImportLeads("Stage\nLead\nMQL\nCustomer\n");
  CHECK(one.report.columns[0].name == "Stage");
  CHECK(one.report.rows_imported == 3);
}
