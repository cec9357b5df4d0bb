// Bad input gets a clear message naming row and column; good rows still import.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/import/lead_import.hpp"

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
  // The column's summary counts it in words that fit one value.
  CHECK(r.report.columns[1].detail.ends_with("; 1 value could not be read"));
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

TEST_CASE("NaN and Infinity amounts are rejected per cell; the column stays a number", "[import][errors]") {
  // 2 of 5 amounts are not finite (40 %): before, the column became text and lost its role.
  const std::string csv =
      "Stage,Created,Amount\n"
      "Customer,2024-01-05,1000\n"
      "Customer,2024-01-06,NaN\n"
      "Customer,2024-01-07,Infinity\n"
      "Customer,2024-01-08,3000\n"
      "Customer,2024-01-09,1e400\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.columns.size() == 3);
  CHECK(r.report.columns[2].type == ColumnType::kNumber);
  CHECK(r.report.mapping.amount_column == "Amount");
  CHECK(r.report.rows_imported == 5);
  REQUIRE(r.table.amount.size() == 5);
  CHECK(r.table.amount[0] == 1000.0);
  CHECK(std::isnan(r.table.amount[1]));
  CHECK(std::isnan(r.table.amount[2]));
  CHECK(r.table.amount[3] == 3000.0);
  CHECK(std::isnan(r.table.amount[4]));
  for (size_t row : {3, 4, 6}) {
    CAPTURE(row);
    const ImportIssue* w = FindIssue(r.report.warnings, row);
    REQUIRE(w != nullptr);
    CHECK(w->column == "Amount");
    CHECK_THAT(w->message, Contains("finite amount") && Contains("read as empty"));
  }
  CHECK_THAT(r.report.columns[2].detail, Contains("3 values could not be read"));
}

TEST_CASE("a column of only Infinity is text, not a number", "[import][errors]") {
  // "Infinity" can be a name (a partner, a campaign): with no real number it stays text.
  auto r = ImportLeads("Stage,Created,Source\nLead,2024-01-05,Infinity\nLead,2024-01-06,Infinity\n");
  CHECK(r.report.columns[2].type == ColumnType::kText);
  REQUIRE(r.table.source_names.size() == 1);
  CHECK(r.table.source_names.Name(0) == "Infinity");
}

TEST_CASE("spreadsheet errors (#N/A) in mapped columns are read as empty with a warning", "[import][errors]") {
  // Pasted from a sheet whose lookups failed on 2 of 4 rows: the amount and date columns keep
  // their types, and "#N/A" is neither a source nor a stage.
  const std::string tsv =
      "Stage\tCreated\tSource\tAmount\n"
      "Lead\t2024-01-05\tWeb\t100\n"
      "#N/A\t#N/A\t#N/A\t#DIV/0!\n"
      "Customer\t2024-01-07\tAds\t#VALUE!\n"
      "Lead\t2024-01-08\tWeb\t300\n";
  auto r = ImportLeads(tsv);
  CHECK(r.report.columns[1].type == ColumnType::kDate);
  CHECK(r.report.columns[3].type == ColumnType::kNumber);
  CHECK(r.report.mapping.amount_column == "Amount");
  CHECK(r.report.unknown_stage_values.empty());
  CHECK(r.table.source_names.size() == 2);  // Web, Ads
  CHECK(r.table.source[1] == Dictionary::kNone);
  const ImportIssue* w = FindIssue(r.report.warnings, 3);
  REQUIRE(w != nullptr);
  CHECK_THAT(w->message, Contains("\"#N/A\" is a spreadsheet error"));
  size_t on_row3 = 0, on_row4 = 0;
  for (const auto& i : r.report.warnings) {
    on_row3 += i.row == 3;
    on_row4 += i.row == 4;
  }
  CHECK(on_row3 == 4);  // Stage, Created, Source, Amount
  CHECK(on_row4 == 1);  // Amount
  CHECK(r.table.amount[0] == 100.0);
  CHECK(r.table.amount[3] == 300.0);
}

TEST_CASE("a giant cell is cut to 1,024 bytes with a warning; memory stays bounded", "[import][errors]") {
  // 5 MB in the source, the stage and a column name (a broken export, a pasted document).
  const std::string huge(5'000'000, 'x');
  std::string csv = "Stage,Created,Source,Notes " + huge + "\n";
  csv += "Lead,2024-01-05,Web,a\n";
  csv += "Lead,2024-01-06," + huge + ",b\n";
  csv += "Customer,2024-01-07,\"" + huge + "\"\"quoted\",c\n";
  csv += huge + ",2024-01-08,Ads,d\n";
  auto r = ImportLeads(csv);
  REQUIRE_FALSE(r.report.fatal);
  CHECK(r.report.rows_imported == 4);
  // Sources: Web, the first 1,024 x (both giant values share them), Ads.
  REQUIRE(r.table.source_names.size() == 3);
  CHECK(r.table.source_names.Name(1) == std::string(1024, 'x'));
  for (const auto& s : r.table.stages) CHECK(s.size() <= 1024);
  for (const auto& c : r.report.columns) CHECK(c.name.size() <= 1024 + 3);  // + "…"
  CHECK(r.report.columns[3].name.substr(0, 8) == "Notes xx");
  for (const auto& [value, rows] : r.report.unknown_stage_values) CHECK(value.size() <= 1024);
  for (const auto& w : r.report.warnings) CHECK(w.message.size() < 400);
  // Rows 3 and 4 (source) and row 5 (stage) are named, with the column and the reason.
  std::vector<std::pair<size_t, std::string>> cut;
  for (const auto& w : r.report.warnings) {
    if (w.message.find("longer than 1,024 bytes") != std::string::npos && w.row > 1) cut.emplace_back(w.row, w.column);
  }
  CHECK(cut == std::vector<std::pair<size_t, std::string>>{{3, "Source"}, {4, "Source"}, {5, "Stage"}});
}

TEST_CASE("quoted values in messages are cut between characters", "[import][errors]") {
  // A bad date of 40 "é" (80 bytes) after one "a": a cut at byte 60 would split an "é".
  std::string bad = "a";
  for (int i = 0; i < 40; ++i) bad += "\xC3\xA9";
  std::string csv = "Stage,Created\n";
  for (int i = 0; i < 20; ++i) csv += "Lead,2024-01-01\n";  // 20 of 21 dates: still a date column
  auto r = ImportLeads(csv + "Lead," + bad + "\n");
  const ImportIssue* w = FindIssue(r.report.warnings, 22);
  REQUIRE(w != nullptr);
  std::string expected = "\"a";
  for (int i = 0; i < 29; ++i) expected += "\xC3\xA9";
  expected += "…\"";
  CHECK(w->message.substr(0, expected.size()) == expected);
}

TEST_CASE("a line repeating the column names (joined exports) is skipped, not a lead", "[import][errors]") {
  // Two report pages joined: the second page starts with the column names again. Before, that
  // line was a lead without a stage, with a bad date warned.
  const std::string csv =
      "Stage,Created,Source\n"
      "Lead,2024-01-05,Web\n"
      "Customer,2024-01-06,Ads\n"
      "Stage,Created,Source\n"
      "Lead,2024-01-07,Web\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.rows_imported == 3);
  CHECK(r.report.rows_skipped == 1);
  CHECK(r.report.rows_read == 4);
  CHECK(CountStages(r.table, false).without_stage == 0);
  REQUIRE(r.report.warnings_total == 1);
  CHECK_THAT(r.report.warnings[0].message, Contains("1 line (row 4) repeats the column names") && Contains("skipped"));
  CHECK(r.table.source_names.size() == 2);  // "Source" is not a source
  // A lead whose values happen to start like the first column name is still a lead.
  auto lead = ImportLeads("Stage,Created,Source\nLead,2024-01-05,Web\nStage,2024-01-06,Web\n");
  CHECK(lead.report.rows_imported == 2);
}

TEST_CASE("a stage column of 12,000 different values keeps a bounded list and exact totals", "[import][errors]") {
  // IDs chosen as the stage column: 30 of the sample's values become stages (v1…v30), the
  // other 11,970 rows have unknown values; beyond 10,000 spellings they are counted, not kept.
  std::string csv = "Stage,Created\n";
  for (int i = 1; i <= 12000; ++i) csv += "v" + std::to_string(i) + ",2024-01-05\n";
  auto r = ImportLeads(csv);
  CHECK(r.table.stages.size() == 30);
  CHECK(r.report.unknown_stage_values.size() == 100);
  bool told = false;
  for (const auto& w : r.report.warnings) {
    told = told || (w.message.find("11970 rows have a stage value the mapping does not know") != std::string::npos &&
                    w.message.find("more than 9970 different values") != std::string::npos);
  }
  CHECK(told);
}
