// CRM presets detected from headers, and the generator's truth matched by the importer for
// every export shape (the golden counts are the generator's, cross-checked by hand below).
#include <catch2/catch.hpp>

#include "engine/import/lead_import.hpp"
#include "engine/import/synthetic_export.hpp"

using namespace funnel;

namespace {
const ColumnInfo* Column(const ImportReport& r, const std::string& name) {
  for (const auto& c : r.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("each synthetic export is recognised as its preset", "[presets]") {
  const std::pair<ExportShape, const char*> cases[] = {
      {ExportShape::kHubSpotContacts, "hubspot-contacts"},
      {ExportShape::kHubSpotDeals, "hubspot-deals"},
      {ExportShape::kSalesforceLeads, "salesforce-leads"},
      {ExportShape::kSalesforceOpportunities, "salesforce-opportunities"},
      {ExportShape::kPipedriveDeals, "pipedrive-deals"},
      {ExportShape::kSpreadsheet, "generic"},
  };
  for (const auto& [shape, preset] : cases) {
    SyntheticOptions o;
    o.shape = shape;
    o.rows = 3000;
    o.seed = 7;
    SyntheticTruth truth;
    const std::string data = GenerateExport(o, &truth);
    auto r = ImportLeads(data);
    CAPTURE(preset);
    CHECK(r.report.preset == preset);
    CHECK(r.report.rows_imported == 3000);
    CHECK(r.report.rows_rejected == 0);
    CHECK(r.report.unknown_stage_values.empty());
    const StageCounts c = CountStages(r.table, false);
    REQUIRE(c.stages == truth.stages);
    CHECK(c.reached == truth.reached);
    CHECK(c.without_stage == 0);
  }
}

TEST_CASE("a small HubSpot contacts export, counted by hand", "[presets][golden]") {
  // 5 contacts: lifecycle Lead, MQL, Customer (dated), Subscriber, Lead+Unqualified.
  const std::string csv =
      "\"Record ID\",\"First Name\",\"Email\",\"Lifecycle Stage\",\"Lead Status\",\"Create Date\","
      "\"Became a Lead Date\",\"Became a Marketing Qualified Lead Date\",\"Became a Customer Date\","
      "\"Original Source\"\r\n"
      "\"1\",\"Ann\",\"ann@x.com\",\"Lead\",\"Open\",\"2024-01-02 10:00\",\"2024-01-02 10:00\",\"\",\"\",\"Organic Search\"\r\n"
      "\"2\",\"Bob\",\"bob@x.com\",\"Marketing Qualified Lead\",\"\",\"2024-01-05 09:00\",\"2024-01-05 09:00\",\"2024-01-09 12:00\",\"\",\"Paid Search\"\r\n"
      "\"3\",\"Cy\",\"cy@x.com\",\"Customer\",\"\",\"2024-01-07 08:00\",\"2024-01-07 08:00\",\"2024-01-08 08:00\",\"2024-02-01 08:00\",\"Referrals\"\r\n"
      "\"4\",\"Di\",\"di@x.com\",\"Subscriber\",\"\",\"2024-01-10 08:00\",\"\",\"\",\"\",\"Organic Search\"\r\n"
      "\"5\",\"Ed\",\"ed@x.com\",\"Lead\",\"Unqualified\",\"2024-01-11 08:00\",\"2024-01-11 08:00\",\"\",\"\",\"Paid Search\"\r\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.preset == "hubspot-contacts");
  CHECK(r.report.preset_label == "HubSpot contacts");
  // Stages: Subscriber, Lead, MQL, SQL, Opportunity, Customer
  SECTION("all stages implied by the current stage") {
    const StageCounts c = CountStages(r.table, false);
    CHECK(c.reached == std::vector<uint64_t>{5, 4, 2, 1, 1, 1});
    CHECK(c.lost == 1);
  }
  SECTION("only stages with a date") {
    const StageCounts c = CountStages(r.table, true);
    CHECK(c.reached == std::vector<uint64_t>{5, 4, 2, 0, 0, 1});
    CHECK(c.with_date == std::vector<uint64_t>{5, 4, 2, 0, 0, 1});
  }
  SECTION("sources interned, personal columns dropped") {
    CHECK(r.table.source_names.size() == 3);
    CHECK(Column(r.report, "Email")->personal);
    CHECK(Column(r.report, "First Name")->personal);
    CHECK(Column(r.report, "Email")->role.empty());
    CHECK(Column(r.report, "Lifecycle Stage")->role == "current stage");
  }
}

TEST_CASE("Salesforce opportunities: Won and Closed columns decide the outcome", "[presets]") {
  const std::string csv =
      "Opportunity Name,Stage,Amount,Close Date,Created Date,Won,Closed,Lead Source,Opportunity Owner\n"
      "A,Prospecting,\"$10,000.00\",3/31/2024,3/1/2024,0,0,Web,Sam\n"
      "B,Closed Won,\"$20,000.00\",4/15/2024,3/2/2024,1,1,Web,Sam\n"
      "C,Closed Lost,\"$5,000.00\",4/20/2024,3/3/2024,0,1,Partner,Lee\n"
      "D,Negotiation/Review,\"$7,500.00\",5/1/2024,3/4/2024,0,0,Partner,Lee\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.preset == "salesforce-opportunities");
  const StageCounts c = CountStages(r.table, false);
  // Only stages seen (or first/last) are kept: Prospecting, Negotiation/Review, Closed Won.
  REQUIRE(c.stages == std::vector<std::string>{"Prospecting", "Negotiation/Review", "Closed Won"});
  CHECK(c.reached == std::vector<uint64_t>{4, 2, 1});
  CHECK(c.lost == 1);
  REQUIRE(r.table.amount.size() == 4);
  CHECK(r.table.amount[1] == 20000.0);
  // Closed Won is dated by its close date (4/15/2024, month-first).
  const Minutes won = r.table.stage_date.back()[1];
  CHECK(won == static_cast<Minutes>(DaysFromCivil(2024, 4, 15) * 1440));
  // The close date is kept for every row as exported: the lost deal C was lost on 4/20/2024.
  REQUIRE(r.table.closed.size() == 4);
  CHECK(r.table.closed[2] == static_cast<Minutes>(DaysFromCivil(2024, 4, 20) * 1440));
}

TEST_CASE("an export shaped like a preset's, dated by another name: its created date is still read", "[presets]") {
  // Zoho CRM's leads have Salesforce's Lead Source, Lead Status and Lead Owner, but "Created
  // Time" instead of "Created Date": the preset found no date, so there was no time to
  // convert, no cohort and no trend.
  const std::string csv =
      "Record Id,Lead Owner,First Name,Email,Lead Source,Lead Status,Created Time,Modified Time,Converted\n"
      "zcrm_1,Ana,John,john@acme.com,Online Store,New,2025-01-14 09:12:45,2025-02-01 10:00:00,false\n"
      "zcrm_2,Ana,Mary,mary@globex.com,Advertisement,Working,2025-01-20 11:00:00,2025-01-21 10:00:00,false\n"
      "zcrm_3,Raj,Li,li@initech.com,Trade Show,Qualified,2025-02-03 15:30:00,2025-02-10 10:00:00,false\n"
      "zcrm_4,Raj,Sam,sam@umbrella.com,Trade Show,Contacted,2025-02-04 08:00:00,2025-02-05 10:00:00,false\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.preset == "salesforce-leads");
  // "Contacted", a stage's own name though not one of Salesforce's statuses, is that stage:
  // Lead 4; Contacted: Working, Qualified (Converted) and Contacted = 3; Converted: Qualified = 1.
  CHECK(r.report.unknown_stage_values.empty());
  const StageCounts counts = CountStages(r.table, false);
  CHECK(counts.reached == std::vector<uint64_t>{4, 3, 1});
  CHECK(r.report.mapping.created_column == "Created Time");  // not "Modified Time"
  // The first stage is dated by it: 2025-01-14 for the first lead.
  REQUIRE(r.table.stage_date.size() >= 1);
  REQUIRE(r.table.stage_date[0].size() == 4);
  CHECK(r.table.stage_date[0][0] == static_cast<Minutes>(DaysFromCivil(2025, 1, 14) * 1440 + 9 * 60 + 12));
  bool said = false;
  for (const auto& w : r.report.warnings) said |= w.message.find("\"Created Time\" is read as the date each record was created") != std::string::npos;
  CHECK(said);

  // A real Salesforce leads export keeps its own date column, with no note.
  const std::string sf =
      "Lead Owner,Lead Source,Lead Status,Created Date,Converted,Converted Date\n"
      "Ana,Web,Open - Not Contacted,3/14/2025,0,\n"
      "Ana,Web,Closed - Converted,3/15/2025,1,4/2/2025\n";
  auto s = ImportLeads(sf);
  REQUIRE(s.report.preset == "salesforce-leads");
  CHECK(s.report.mapping.created_column.empty());
  CHECK(s.report.mapping.stage_date_columns[0] == "Created Date");
  for (const auto& w : s.report.warnings) CHECK(w.message.find("is read as the date each record was created") == std::string::npos);
}

TEST_CASE("Pipedrive custom stages are kept in order of appearance before Won", "[presets]") {
  const std::string csv =
      "Deal - Title,Deal - Value,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Won time,Person - Email\n"
      "a,100,Discovery,open,2024-01-01 10:00,,a@x.com\n"
      "b,200,Trial,won,2024-01-02 10:00,2024-02-01 10:00,b@x.com\n"
      "c,300,Discovery,lost,2024-01-03 10:00,,c@x.com\n"
      "d,400,Qualified,open,2024-01-04 10:00,,d@x.com\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.preset == "pipedrive-deals");
  const StageCounts c = CountStages(r.table, false);
  REQUIRE(c.stages == std::vector<std::string>{"Qualified", "Discovery", "Trial", "Won"});
  CHECK(c.reached == std::vector<uint64_t>{4, 3, 1, 1});
  CHECK(c.lost == 1);
  bool noted = false;
  for (const auto& w : r.report.warnings) noted = noted || w.message.find("Discovery, Trial") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("Pipedrive: a lost deal's lost time is its close date", "[presets]") {
  const std::string csv =
      "Deal - Title,Deal - Value,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Won time,Deal - Lost time\n"
      "a,100,Qualified,won,2024-01-01 10:00,2024-02-01 10:00,\n"
      "b,200,Qualified,lost,2024-01-02 10:00,,2024-03-05 09:00\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.preset == "pipedrive-deals");
  CHECK(r.report.mapping.close_date_column == "Deal - Lost time");
  REQUIRE(r.table.closed.size() == 2);
  CHECK(r.table.closed[0] == kNoDate);
  CHECK(r.table.closed[1] == static_cast<Minutes>(DaysFromCivil(2024, 3, 5) * 1440 + 9 * 60));
  CHECK(r.table.lost[1] == 1);
  // The won deal stays dated by its won time.
  CHECK(r.table.stage_date.back()[0] == static_cast<Minutes>(DaysFromCivil(2024, 2, 1) * 1440 + 10 * 60));
}

TEST_CASE("generic spreadsheet paste: stage column in vocabulary order", "[presets]") {
  const std::string tsv =
      "Lead name\tStatus\tSignup date\tChannel\tDeal value\n"
      "A\tCustomer\t3/1/2024\tAds\t$1,000.00\n"
      "B\tLead\t3/2/2024\tSEO\t\n"
      "C\tMQL\t3/3/2024\tAds\t\n"
      "D\tSQL\t3/14/2024\tSEO\t\n"
      "E\tLost\t3/15/2024\tAds\t\n";
  auto r = ImportLeads(tsv);
  CHECK(r.report.delimiter == '\t');
  CHECK(r.report.preset == "generic");
  const StageCounts c = CountStages(r.table, false);
  REQUIRE(c.stages == std::vector<std::string>{"Lead", "MQL", "SQL", "Customer"});
  CHECK(c.reached == std::vector<uint64_t>{5, 3, 2, 1});
  CHECK(c.lost == 1);
  CHECK(r.report.mapping.source_column == "Channel");
  CHECK(r.report.mapping.amount_column == "Deal value");
  CHECK(r.report.mapping.created_column == "Signup date");
  CHECK(Column(r.report, "Lead name")->personal);
}

TEST_CASE("generic: one date column per stage and no stage column", "[presets]") {
  const std::string csv =
      "id,lead_date,mql_date,sql_date,customer_date,source\n"
      "1,2024-01-01,2024-01-03,,,web\n"
      "2,2024-01-02,2024-01-04,2024-01-10,2024-02-01,web\n"
      "3,2024-01-05,,,,event\n";
  auto r = ImportLeads(csv);
  const StageCounts c = CountStages(r.table, false);
  REQUIRE(c.stages.size() == 4);
  CHECK(c.stages[1] == "mql");
  CHECK(c.reached == std::vector<uint64_t>{3, 2, 1, 1});
}

TEST_CASE("a user mapping overrides detection", "[presets]") {
  const std::string csv = "Phase,When\nA,2024-01-01\nB,2024-01-02\nC,2024-01-03\nB,2024-01-04\n";
  ColumnMapping m;
  m.preset = "custom";
  m.stages = {"Volunteer", "Regular", "Leader"};
  m.stage_column = "Phase";
  m.stage_values = {{"a", 0, false}, {"b", 1, false}, {"c", 2, false}};
  m.created_column = "When";
  ImportOptions o;
  o.mapping = m;
  auto r = ImportLeads(csv, o);
  const StageCounts c = CountStages(r.table, false);
  CHECK(c.stages == m.stages);
  CHECK(c.reached == std::vector<uint64_t>{4, 3, 1});
}

TEST_CASE("synthetic exports are deterministic per seed", "[presets]") {
  SyntheticOptions o;
  o.rows = 200;
  o.seed = 42;
  CHECK(GenerateExport(o) == GenerateExport(o));
  SyntheticOptions p = o;
  p.seed = 43;
  CHECK(GenerateExport(o) != GenerateExport(p));
}

TEST_CASE("stage counts survive a malformed table (stage index past the stages)", "[presets][stage_semantics]") {
  LeadTable t;
  t.stages = {"Lead", "Customer"};
  t.rows = 3;
  t.stage = {9, 0, -1};  // 9: no such stage
  t.lost = {0, 0, 0};
  const StageCounts c = CountStages(t, false);
  CHECK(c.reached == std::vector<uint64_t>{2, 1});  // read as the last stage
  CHECK(c.without_stage == 1);
  LeadTable empty;
  empty.rows = 2;
  empty.stage = {0, 1};
  CHECK(CountStages(empty, false).reached.empty());  // no stages: nothing to count, no crash
}

TEST_CASE("German, French and Spanish sheets: columns and stages recognised, names kept out", "[presets][languages]") {
  // A German Excel "CSV" (semicolons, day-first dates, decimal comma), counted by hand:
  // 5 leads; Kunde (customer) implies every stage before it.
  const std::string de =
      "Vorname;Nachname;Telefon;Phase;Erstellt am;Quelle;Wert\n"
      "Anna;Müller;+49 30 1;Interessent;05.03.2024;Messe;\n"
      "Ben;Schön;+49 30 2;Kunde;06.03.2024;Webseite;3.400,00\n"
      "Carl;Äpfel;+49 30 3;Angebot;13.03.2024;Messe;1.200,50\n"
      "Dora;Öz;+49 30 4;Verloren;14.03.2024;Webseite;\n"
      "Emil;Ütz;+49 30 5;Qualifiziert;15.03.2024;Messe;\n"
      ";;;;;;4.600,50\n"
      "Summe;;;;;;4.600,50\n";  // a totals row: skipped, not a lead
  auto r = ImportLeads(de);
  const ColumnMapping& m = r.report.mapping;
  CHECK(m.stage_column == "Phase");
  CHECK(m.created_column == "Erstellt am");
  CHECK(m.source_column == "Quelle");
  CHECK(m.amount_column == "Wert");
  CHECK(m.stages == std::vector<std::string>{"Interessent", "Qualifiziert", "Angebot", "Kunde"});
  for (const char* personal : {"Vorname", "Nachname", "Telefon"}) {
    REQUIRE(Column(r.report, personal) != nullptr);
    CHECK(Column(r.report, personal)->personal);
  }
  const StageCounts c = CountStages(r.table, false);
  CHECK(c.reached == std::vector<uint64_t>{5, 3, 2, 1});  // Verloren: lost, counted at the first stage
  CHECK(c.lost == 1);
  CHECK(r.report.unknown_stage_values.empty());
  REQUIRE(r.table.amount.size() == 5);
  CHECK(r.table.amount[1] == 3400.0);
  CHECK(r.report.rows_imported == 5);
  CHECK(r.report.rows_skipped == 2);

  // French and Spanish headers, capital accents included.
  auto fr = ImportLeads("Prénom,Étape,Date de création,Origine,Montant\n"
                        "Luc,Client,2024-03-01,Salon,1000\nMia,Prospect,2024-03-02,Web,\n"
                        "Noé,Négociation,2024-03-03,Web,\n");
  CHECK(fr.report.mapping.stage_column == "Étape");
  CHECK(fr.report.mapping.created_column == "Date de création");
  CHECK(fr.report.mapping.source_column == "Origine");
  CHECK(fr.report.mapping.amount_column == "Montant");
  CHECK(fr.report.mapping.stages == std::vector<std::string>{"Prospect", "Négociation", "Client"});
  CHECK(Column(fr.report, "Prénom")->personal);
  auto es = ImportLeads("Nombre\tEtapa\tFecha de creación\tFuente\tImporte\n"
                        "Ana\tCliente\t2024-03-01\tFeria\t900\nLuis\tOportunidad\t2024-03-02\tWeb\t\n");
  CHECK(es.report.mapping.stage_column == "Etapa");
  CHECK(es.report.mapping.created_column == "Fecha de creación");
  CHECK(es.report.mapping.source_column == "Fuente");
  CHECK(es.report.mapping.amount_column == "Importe");
  CHECK(es.report.mapping.stages == std::vector<std::string>{"Oportunidad", "Cliente"});
  CHECK(Column(es.report, "Nombre")->personal);
}

TEST_CASE("a stage column of free text makes at most 30 new stages; the rest are unknown values", "[presets]") {
  // 200 distinct statuses (ticket numbers in a "Status" column): before, 200 stages — more than
  // a plan can hold (64) and more than the table's stage index (127), so counts were clamped.
  std::string csv = "Status,Created\n";
  for (int i = 1; i <= 200; ++i) csv += "Ticket " + std::to_string(i) + ",2024-01-05\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.mapping.stage_column == "Status");
  REQUIRE(r.table.stages.size() == 30);
  CHECK(r.table.stages.front() == "Ticket 1");
  CHECK(r.table.stages.back() == "Ticket 30");
  CHECK(r.report.unknown_stage_values.size() == 100);  // listed: the commonest 100 of 170
  // Ticket k (k ≤ 30) reached stages 1…k; the 170 others only the first (they have a date).
  const StageCounts c = CountStages(r.table, false);
  CHECK(c.reached[0] == 200);
  CHECK(c.reached[1] == 29);   // tickets 2…30
  CHECK(c.reached[29] == 1);   // ticket 30
  bool noted = false;
  for (const auto& w : r.report.warnings) noted = noted || w.message.find("170 values of the stage column were not made stages") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("a stage value longer than 100 bytes is not made a stage", "[presets]") {
  const std::string essay(150, 'w');
  auto r = ImportLeads("Stage,Created\nLead,2024-01-05\n" + essay + ",2024-01-06\nCustomer,2024-01-07\n");
  CHECK(r.table.stages == std::vector<std::string>{"Lead", "Customer"});
  REQUIRE(r.report.unknown_stage_values.size() == 1);
  CHECK(r.report.unknown_stage_values[0].first == essay);
  CHECK(r.report.unknown_stage_values[0].second == 1);
}

TEST_CASE("no-break spaces, zero-width spaces and dashes in headers and values still match", "[presets]") {
  // Headers pasted from a web page with no-break spaces, a zero-width space before a value, a
  // soft hyphen inside one: before, the preset was not found and the values were unknown.
  const std::string csv =
      "Lifecycle\xC2\xA0Stage,Create\xC2\xA0" "Date,Original\xE2\x80\x82Source\n"
      "\xE2\x80\x8B" "Customer,2024-01-05,Web\n"
      "Lead,2024-01-06,Ads\n"
      "Sub\xC2\xADscriber,2024-01-07,Web\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.preset == "hubspot-contacts");
  CHECK(r.report.unknown_stage_values.empty());
  const StageCounts c = CountStages(r.table, false);
  // Subscriber, Lead, MQL, SQL, Opportunity, Customer: 3 reached Subscriber, 2 Lead, 1 the rest.
  CHECK(c.reached == std::vector<uint64_t>{3, 2, 1, 1, 1, 1});
  CHECK(NormalizeKey("Closed \xE2\x80\x93 Won") == "closedwon");  // en dash
  CHECK(NormalizeKey("\xC3\x89tape") == "\xC3\xA9tape");
}

TEST_CASE("a created column pasted as 5-Mar-24 is a date column, so months and cohorts exist", "[presets]") {
  // Cells copied from a sheet carry the display format. Before, the column was text: the
  // generic mapping had no created date and every date was lost without a word.
  const std::string tsv =
      "Stage\tCreated\tSource\n"
      "Lead\t5-Mar-24\tWeb\n"
      "Customer\t12-Apr-24\tAds\n"
      "Lead\t1-May-24\tWeb\n";
  auto r = ImportLeads(tsv);
  const ColumnInfo* created = Column(r.report, "Created");
  REQUIRE(created != nullptr);
  CHECK(created->type == ColumnType::kDate);
  CHECK(r.report.mapping.created_column == "Created");
  REQUIRE(r.table.created.size() == 3);
  CHECK(r.table.created[1] == static_cast<Minutes>(DaysFromCivil(2024, 4, 12) * 1440));
  CHECK(r.report.warnings_total == 0);
}

TEST_CASE("a date column pasted as Excel serial numbers is read as dates", "[presets]") {
  // A sheet whose Created column is formatted as General pastes 45292 for 2024-01-01. Before,
  // the column was a number and the generic mapping silently had no created date.
  const std::string tsv =
      "Stage\tCreated\tLifetime value\tAmount\n"
      "Lead\t45292\t45000\t100\n"
      "Customer\t45323.5\t52000\t200\n"
      "Lead\t45352\t61000\t300\n";
  auto r = ImportLeads(tsv);
  const ColumnInfo* created = Column(r.report, "Created");
  REQUIRE(created != nullptr);
  CHECK(created->type == ColumnType::kDate);
  CHECK(r.report.mapping.created_column == "Created");
  REQUIRE(r.table.created.size() == 3);
  CHECK(r.table.created[0] == static_cast<Minutes>(DaysFromCivil(2024, 1, 1) * 1440));
  CHECK(r.table.created[1] == static_cast<Minutes>(DaysFromCivil(2024, 2, 1) * 1440 + 12 * 60));
  CHECK(r.table.created[2] == static_cast<Minutes>(DaysFromCivil(2024, 3, 1) * 1440));
  // Numbers in the same range under other names stay numbers.
  CHECK(Column(r.report, "Lifetime value")->type == ColumnType::kNumber);
  CHECK(Column(r.report, "Amount")->type == ColumnType::kNumber);
  CHECK(r.report.warnings_total == 0);
}

TEST_CASE("numbered stage names are ordered by their numbers, not by first appearance", "[presets]") {
  // A sheet sorted by date shows "3 - Proposal" first; before, it became the first stage.
  const std::string csv =
      "Stage,Created\n"
      "3 - Proposal,2024-01-05\n"
      "1 - Prospecting,2024-01-06\n"
      "10 - Signed,2024-01-07\n"
      "2 - Qualification,2024-01-08\n"
      "1 - Prospecting,2024-01-09\n";
  auto r = ImportLeads(csv);
  CHECK(r.table.stages ==
        std::vector<std::string>{"1 - Prospecting", "2 - Qualification", "3 - Proposal", "10 - Signed"});
  // 5 leads; 3 got past prospecting (2, 3, 10), 2 past qualification, 1 signed.
  CHECK(CountStages(r.table, false).reached == std::vector<uint64_t>{5, 3, 2, 1});
}

TEST_CASE("numbered custom stages of a CRM pipeline are ordered by their numbers", "[presets]") {
  const std::string csv =
      "Deal Name,Deal Stage,Pipeline,Amount,Close Date,Create Date\n"
      "A,3. Trial,Sales,100,,2024-01-05\n"
      "B,Appointment Scheduled,Sales,100,,2024-01-06\n"
      "C,2. Demo,Sales,100,,2024-01-07\n"
      "D,Closed Won,Sales,100,2024-02-01,2024-01-08\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.preset == "hubspot-deals");
  CHECK(r.table.stages == std::vector<std::string>{"Appointment Scheduled", "2. Demo", "3. Trial", "Closed Won"});
}
