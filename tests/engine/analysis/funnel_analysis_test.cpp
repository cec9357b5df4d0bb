// Analysis of imported data, checked against numbers worked out by hand
// (docs/math.md, "Rates from data"), plus properties on synthetic exports.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/synthetic_export.hpp"
#include "engine/json_checks.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using namespace funnel;

namespace {

constexpr Minutes kNo = kNoDate;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

Minutes At(int y, int m, int d, int hour = 0, int minute = 0) {
  return static_cast<Minutes>(DaysFromCivil(y, m, d) * 1440 + hour * 60 + minute);
}

// One hand-written row of a LeadTable.
struct Row {
  int stage;                   // furthest stage named by the stage column, -1 = none
  std::vector<Minutes> dates;  // per stage, kNo = no date
  Minutes created = kNo;
  const char* source = "";     // "" = none
  double amount = kNaN;
  bool lost = false;
};

LeadTable Table(std::vector<std::string> stages, const std::vector<Row>& rows, bool with_created = true) {
  LeadTable t;
  t.stages = std::move(stages);
  t.rows = rows.size();
  t.stage_date.assign(t.stages.size(), {});
  for (const Row& r : rows) {
    t.stage.push_back(static_cast<int8_t>(r.stage));
    t.lost.push_back(r.lost ? 1 : 0);
    for (size_t k = 0; k < t.stages.size(); ++k) t.stage_date[k].push_back(k < r.dates.size() ? r.dates[k] : kNo);
    if (with_created) t.created.push_back(r.created);
    t.source.push_back(t.source_names.Intern(r.source));
    t.amount.push_back(r.amount);
  }
  // A stage nobody has a date for has no date column, as after an import.
  for (auto& col : t.stage_date) {
    bool any = false;
    for (Minutes m : col) any |= m != kNo;
    if (!any) col.clear();
  }
  return t;
}

// The worked example of docs/math.md, "Rates from data": 10 leads, Lead → MQL → Customer.
LeadTable WorkedExample() {
  return Table({"Lead", "MQL", "Customer"},
               {
                   // stage, {Lead, MQL, Customer dates}, created, source, amount, lost
                   {0, {At(2024, 1, 5), At(2024, 1, 10), At(2024, 1, 31)}, At(2024, 1, 5), "Paid", 1000},
                   {1, {At(2024, 1, 20), At(2024, 3, 20)}, At(2024, 1, 20), "Paid", kNaN, true},
                   {0, {At(2024, 1, 25)}, At(2024, 1, 25), "Paid"},
                   {1, {At(2024, 2, 1), At(2024, 2, 1, 12), At(2024, 3, 1)}, At(2024, 2, 1), "Organic", 3000},
                   {1, {At(2024, 2, 10), At(2024, 2, 5)}, At(2024, 2, 10), "Organic", 0},
                   {1, {At(2024, 3, 3), At(2024, 3, 5)}, At(2024, 3, 3), "Organic"},
                   {0, {At(2024, 3, 10)}, At(2024, 3, 10), "Referral", kNaN, true},
                   {2, {At(2024, 4, 1), At(2024, 4, 11)}, At(2024, 4, 1), "Paid", 500},
                   {1, {}, At(2024, 6, 2), ""},
                   {-1, {}, kNo, ""},
               });
}

void CheckRate(const RateEstimate& e, uint64_t k, uint64_t n) {
  CHECK(e.k == k);
  CHECK(e.n == n);
  const double expected = n == 0 ? 0.0 : static_cast<double>(k) / static_cast<double>(n);
  CHECK_THAT(e.rate, WithinAbs(expected, 1e-12));
  CHECK(e.wilson_low >= 0.0);
  CHECK(e.wilson_low <= e.rate);
  CHECK(e.wilson_high >= e.rate);
  CHECK(e.wilson_high <= 1.0);
}

std::vector<std::string> Months(std::initializer_list<const char*> names) { return {names.begin(), names.end()}; }

}  // namespace

TEST_CASE("worked example: in-period and cohort rates differ; immature cohorts excluded", "[analysis]") {
  AnalysisOptions o;
  o.cohort_window_days = 30;
  o.as_of = At(2024, 4, 15);
  const FunnelAnalysis a = AnalyzeFunnel(WorkedExample(), o);
  REQUIRE(a.steps.size() == 2);
  CHECK(a.as_of == At(2024, 4, 15));

  // Furthest stage per row: 2,1,0,2,1,1,0,2,1,none → Lead 9, MQL 7, Customer 3.
  CHECK(a.counts.reached == std::vector<uint64_t>{9, 7, 3});
  const StepAnalysis& lead_mql = a.steps[0];
  CHECK(lead_mql.from == "Lead");
  CHECK(lead_mql.to == "MQL");
  CHECK(lead_mql.window_days == 30);
  CheckRate(lead_mql.in_period, 7, 9);
  // January ends Feb 1, + 30 days = Mar 2 ≤ Apr 15: mature; February (Mar 31) too.
  // March ends Apr 1, + 30 = May 1 > Apr 15: immature, and so is April.
  CHECK(lead_mql.mature_months == Months({"2024-01", "2024-02"}));
  CHECK(lead_mql.immature_months == Months({"2024-03", "2024-04"}));
  // Mature cohort rows 1–5; converted within 30 days: row 1 (5 d) and row 4 (0.5 d).
  // Row 2 took 60 days, row 3 never converted, row 5's MQL date is before its Lead date.
  CheckRate(lead_mql.cohort, 2, 5);

  const StepAnalysis& mql_customer = a.steps[1];
  CheckRate(mql_customer.in_period, 3, 7);
  // MQL dates: Jan (row 1), Feb (rows 4, 5), Mar (rows 2, 6), Apr (row 8).
  CHECK(mql_customer.mature_months == Months({"2024-01", "2024-02"}));
  CHECK(mql_customer.immature_months == Months({"2024-03", "2024-04"}));
  CheckRate(mql_customer.cohort, 2, 3);  // rows 1 (21 d) and 4 (28.5 d) of rows 1, 4, 5
}

TEST_CASE("worked example: time to convert, nearest rank, histogram bins", "[analysis]") {
  AnalysisOptions o;
  o.cohort_window_days = 30;
  o.as_of = At(2024, 4, 15);
  const FunnelAnalysis a = AnalyzeFunnel(WorkedExample(), o);
  REQUIRE(a.steps.size() == 2);
  // Lead → MQL gaps: 5, 60, 0.5, (−5 skipped), 2, 10 days; sorted 0.5 2 5 10 60.
  const TimeToConvert& t = a.steps[0].time;
  CHECK(t.count == 5);
  CHECK(t.negative_gaps == 1);
  CHECK_THAT(t.median_days, WithinAbs(5.0, 1e-12));  // rank ceil(0.5 · 5) = 3
  CHECK_THAT(t.p90_days, WithinAbs(60.0, 1e-12));    // rank ceil(0.9 · 5) = 5
  CHECK(t.histogram == std::vector<uint64_t>{1, 1, 1, 1, 0, 0, 1, 0});
  // MQL → Customer gaps: 21 and 28.5 days.
  const TimeToConvert& u = a.steps[1].time;
  CHECK(u.count == 2);
  CHECK(u.negative_gaps == 0);
  CHECK_THAT(u.median_days, WithinAbs(21.0, 1e-12));  // rank ceil(1) = 1
  CHECK_THAT(u.p90_days, WithinAbs(28.5, 1e-12));     // rank ceil(1.8) = 2
  CHECK(u.histogram == std::vector<uint64_t>{0, 0, 0, 0, 2, 0, 0, 0});
}

TEST_CASE("worked example: win rate, average won amount, sources, months", "[analysis]") {
  const FunnelAnalysis a = AnalyzeFunnel(WorkedExample());
  // Won (reached Customer): rows 1, 4, 8. Lost and not won: rows 2, 7.
  CheckRate(a.win_rate, 3, 5);
  CHECK(a.won_with_amount == 3);
  CHECK_THAT(a.average_won_amount, WithinRel((1000.0 + 3000.0 + 500.0) / 3.0, 1e-12));

  // Paid: rows 1, 2, 3, 8; Organic: 4, 5, 6; (none): 9, 10; Referral: 7.
  REQUIRE(a.sources.size() == 4);
  CHECK(a.sources[0].source == "Paid");
  CHECK(a.sources[0].volume == 4);
  CHECK(a.sources[0].reached == std::vector<uint64_t>{4, 3, 2});
  CHECK(a.sources[1].source == "Organic");
  CHECK(a.sources[1].volume == 3);
  CHECK(a.sources[1].reached == std::vector<uint64_t>{3, 3, 1});
  CHECK(a.sources[2].source == "(none)");
  CHECK(a.sources[2].volume == 2);
  CHECK(a.sources[2].reached == std::vector<uint64_t>{1, 1, 0});  // row 10 has no stage
  CHECK(a.sources[3].source == "Referral");
  CHECK(a.sources[3].volume == 1);
  CHECK(a.sources[3].reached == std::vector<uint64_t>{1, 0, 0});

  // By the Lead date, else created: Jan rows 1–3, Feb 4–5, Mar 6–7, Apr 8, May none, Jun row 9
  // (created only); row 10 has no date at all.
  REQUIRE(a.months.size() == 6);
  const char* names[] = {"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"};
  const uint64_t created[] = {3, 2, 2, 1, 0, 1};
  const std::vector<uint64_t> reached[] = {{3, 2, 1}, {2, 2, 1}, {2, 1, 0}, {1, 1, 1}, {0, 0, 0}, {1, 1, 0}};
  for (size_t i = 0; i < 6; ++i) {
    CAPTURE(i);
    CHECK(a.months[i].month == names[i]);
    CHECK(a.months[i].created == created[i]);
    CHECK(a.months[i].reached == reached[i]);
  }
  CHECK(a.rows_without_month == 1);
}

TEST_CASE("worked example: as-of defaults to the latest date, which matures every cohort", "[analysis]") {
  AnalysisOptions o;
  o.cohort_window_days = 30;
  const FunnelAnalysis a = AnalyzeFunnel(WorkedExample(), o);
  CHECK(a.as_of == At(2024, 6, 2));  // row 9's created date
  // April ends May 1, + 30 = May 31 ≤ Jun 2: all four Lead cohorts are mature.
  CHECK(a.steps[0].mature_months == Months({"2024-01", "2024-02", "2024-03", "2024-04"}));
  CHECK(a.steps[0].immature_months.empty());
  // Within 30 days: rows 1 (5 d), 4 (0.5 d), 6 (2 d), 8 (10 d) of the 8 rows with a Lead date.
  CheckRate(a.steps[0].cohort, 4, 8);
  const std::string json = FunnelAnalysisToJson(a);
  CHECK(json.find("\"as_of\": \"2024-06-02 00:00\"") != std::string::npos);
}

TEST_CASE("worked example: only stages with a date", "[analysis]") {
  AnalysisOptions o;
  o.dated_only = true;
  o.cohort_window_days = 30;
  o.as_of = At(2024, 4, 15);
  const FunnelAnalysis a = AnalyzeFunnel(WorkedExample(), o);
  // Dated: Lead rows 1–8, MQL rows 1, 2, 4, 5, 6, 8, Customer rows 1, 4.
  CHECK(a.counts.reached == std::vector<uint64_t>{8, 6, 2});
  CheckRate(a.steps[0].in_period, 6, 8);
  CheckRate(a.steps[1].in_period, 2, 6);
  CheckRate(a.steps[0].cohort, 2, 5);  // cohorts use dates in both modes
  // Row 8 (stage Customer, no Customer date) is not won any more; lost rows 2 and 7.
  CheckRate(a.win_rate, 2, 4);
  CHECK(a.won_with_amount == 2);
  CHECK_THAT(a.average_won_amount, WithinRel(2000.0, 1e-12));
  CHECK(a.sources[0].reached == std::vector<uint64_t>{4, 3, 1});  // Paid: rows 1, 2, 3, 8
  CHECK(a.months[3].reached == std::vector<uint64_t>{1, 1, 0});   // April: row 8
  CHECK(a.months[5].created == 1);                                 // June: row 9, created only
  CHECK(a.months[5].reached == std::vector<uint64_t>{0, 0, 0});
}

TEST_CASE("histogram edges are closed below, open above; quantiles by nearest rank", "[analysis]") {
  // Gaps in days: 0, 23:59, 1, 3, 7, 14, 30, 60, 90, 200.
  const Minutes start = At(2024, 1, 1);
  const int gaps_minutes[] = {0, 1439, 1440, 3 * 1440, 7 * 1440, 14 * 1440, 30 * 1440, 60 * 1440, 90 * 1440,
                              200 * 1440};
  std::vector<Row> rows;
  for (int g : gaps_minutes) rows.push_back({1, {start, start + g}, start});
  const FunnelAnalysis a = AnalyzeFunnel(Table({"A", "B"}, rows));
  const TimeToConvert& t = a.steps[0].time;
  CHECK(t.count == 10);
  CHECK(t.histogram == std::vector<uint64_t>{2, 1, 1, 1, 1, 1, 1, 2});
  // Whole months of 30.4375 days: 0 … 30 days are month 0; 60 days is 1.97 months: month 1;
  // 90 days is 2.96: month 2; 200 days is 6.57: month 6.
  std::vector<uint64_t> months(kLagMonthBins, 0);
  months[0] = 7;
  months[1] = 1;
  months[2] = 1;
  months[6] = 1;
  CHECK(t.months == months);
  CHECK_THAT(t.median_days, WithinAbs(7.0, 1e-12));  // 5th of 10
  CHECK_THAT(t.p90_days, WithinAbs(90.0, 1e-12));    // 9th of 10

  // Four gaps 4, 1, 3, 2 days: median = 2nd = 2 days (the lower middle), p90 = 4th = 4 days.
  std::vector<Row> four;
  for (int d : {4, 1, 3, 2}) four.push_back({1, {start, start + d * 1440}, start});
  const FunnelAnalysis four_analysis = AnalyzeFunnel(Table({"A", "B"}, four));
  const TimeToConvert& f = four_analysis.steps[0].time;
  CHECK_THAT(f.median_days, WithinAbs(2.0, 1e-12));
  CHECK_THAT(f.p90_days, WithinAbs(4.0, 1e-12));
}

TEST_CASE("cohort window and maturity boundaries are inclusive", "[analysis]") {
  // January cohort, window 10 days: a gap of exactly 10 days converts, 10 days + 1 minute not.
  const Minutes d = At(2024, 1, 15);
  const LeadTable t = Table({"A", "B"}, {{1, {d, d + 10 * 1440}, d}, {1, {d, d + 10 * 1440 + 1}, d}, {0, {d}, d}});
  AnalysisOptions o;
  o.cohort_window_days = 10;
  o.as_of = At(2024, 2, 11);  // January ends Feb 1, + 10 days = Feb 11: just mature
  FunnelAnalysis a = AnalyzeFunnel(t, o);
  CHECK(a.steps[0].mature_months == Months({"2024-01"}));
  CheckRate(a.steps[0].cohort, 1, 3);
  o.as_of = At(2024, 2, 10, 23, 59);  // one minute earlier: still maturing
  a = AnalyzeFunnel(t, o);
  CHECK(a.steps[0].mature_months.empty());
  CHECK(a.steps[0].immature_months == Months({"2024-01"}));
  CheckRate(a.steps[0].cohort, 0, 0);
  CheckRate(a.steps[0].in_period, 2, 3);  // the in-period rate does not care
}

TEST_CASE("sources with equal volume are ordered by name", "[analysis]") {
  const Minutes d = At(2024, 5, 1);
  const LeadTable t = Table({"A", "B"}, {{0, {d}, d, "beta"}, {0, {d}, d, "alpha"}, {1, {d}, d, "gamma"},
                                         {0, {d}, d, "gamma"}});
  const FunnelAnalysis a = AnalyzeFunnel(t);
  REQUIRE(a.sources.size() == 3);
  CHECK(a.sources[0].source == "gamma");
  CHECK(a.sources[0].reached == std::vector<uint64_t>{2, 1});
  CHECK(a.sources[1].source == "alpha");
  CHECK(a.sources[2].source == "beta");
}

TEST_CASE("months span December to February without gaps", "[analysis]") {
  const LeadTable t = Table({"A", "B"}, {{0, {At(2023, 12, 31, 23, 59)}, kNo}, {0, {At(2024, 2, 1)}, kNo}},
                            /*with_created=*/false);
  const FunnelAnalysis a = AnalyzeFunnel(t);
  REQUIRE(a.months.size() == 3);
  CHECK(a.months[0].month == "2023-12");
  CHECK(a.months[1].month == "2024-01");
  CHECK(a.months[1].created == 0);
  CHECK(a.months[2].month == "2024-02");
  CHECK(a.rows_without_month == 0);
}

TEST_CASE("an empty table and a table without dates give zeros, never NaN", "[analysis]") {
  SECTION("no rows, no stages") {
    const FunnelAnalysis a = AnalyzeFunnel(LeadTable{});
    CHECK(a.steps.empty());
    CHECK(a.sources.empty());
    CHECK(a.months.empty());
    CHECK(a.as_of == kNoDate);
    CheckRate(a.win_rate, 0, 0);
    const std::string json = FunnelAnalysisToJson(a);
    fp_test::RequireNoNull(nlohmann::json::parse(json), {"as_of", "to_days"});  // NaN would be written as null; the last bin is open-ended
    CHECK(nlohmann::json::parse(json)["as_of"].is_null());
  }
  SECTION("stages but no rows") {
    LeadTable t;
    t.stages = {"Lead", "MQL", "Customer"};
    const FunnelAnalysis a = AnalyzeFunnel(t);
    REQUIRE(a.steps.size() == 2);
    for (const StepAnalysis& s : a.steps) {
      CheckRate(s.in_period, 0, 0);
      CheckRate(s.cohort, 0, 0);
      CHECK(s.time.count == 0);
      CHECK(s.time.median_days == 0.0);
      CHECK(s.time.histogram == std::vector<uint64_t>(8, 0));
    }
    CHECK(a.average_won_amount == 0.0);
    CHECK(a.months.empty());
  }
  SECTION("rows with stages and amounts but no dates") {
    LeadTable t = Table({"Lead", "MQL", "Customer"},
                        {{0, {}, kNo, "Web"}, {2, {}, kNo, "Web", 100}, {1, {}, kNo, "", kNaN, true},
                         {2, {}, kNo, "Event", std::numeric_limits<double>::infinity()}},
                        /*with_created=*/false);
    const FunnelAnalysis a = AnalyzeFunnel(t);
    CHECK(a.as_of == kNoDate);
    CHECK(a.counts.reached == std::vector<uint64_t>{4, 3, 2});
    CheckRate(a.steps[0].in_period, 3, 4);
    CheckRate(a.steps[0].cohort, 0, 0);
    CHECK(a.steps[0].mature_months.empty());
    CHECK(a.steps[0].immature_months.empty());
    CHECK(a.steps[1].time.count == 0);
    CheckRate(a.win_rate, 2, 3);
    CHECK(a.won_with_amount == 1);  // the infinite amount is not an amount
    CHECK_THAT(a.average_won_amount, WithinRel(100.0, 1e-12));
    CHECK(a.months.empty());
    CHECK(a.rows_without_month == 4);
    const std::string json = FunnelAnalysisToJson(a);
    fp_test::RequireNoNull(nlohmann::json::parse(json), {"as_of", "to_days"});  // NaN or infinity would be written as null
  }
}

TEST_CASE("JSON carries every part of the analysis", "[analysis]") {
  AnalysisOptions o;
  o.cohort_window_days = 30;
  o.as_of = At(2024, 4, 15, 9, 30);
  const auto j = nlohmann::json::parse(FunnelAnalysisToJson(AnalyzeFunnel(WorkedExample(), o)));
  CHECK(j["as_of"] == "2024-04-15 09:30");
  CHECK(j["counts"]["reached"].get<std::vector<uint64_t>>() == std::vector<uint64_t>{9, 7, 3});
  REQUIRE(j["steps"].size() == 2);
  CHECK(j["steps"][0]["cohort"]["k"] == 2);
  CHECK(j["steps"][0]["cohort"]["n"] == 5);
  CHECK(j["steps"][0]["immature_months"].get<std::vector<std::string>>() == Months({"2024-03", "2024-04"}));
  CHECK(j["steps"][0]["time"]["histogram"].size() == 8);
  CHECK(j["steps"][0]["time"]["histogram"][7]["to_days"].is_null());
  CHECK(j["steps"][0]["time"]["histogram"][6]["count"] == 1);
  CHECK(j["win_rate"]["n"] == 5);
  CHECK(j["sources"][0]["source"] == "Paid");
  CHECK_THAT(j["sources"][0]["quality"][2].get<double>(), WithinRel(0.5, 1e-12));  // 2 of 4
  CHECK(j["months"].size() == 6);
  CHECK(j["rows_without_month"] == 1);
}

TEST_CASE("a saved analysis reads back to the same analysis", "[analysis][json]") {
  AnalysisOptions o;
  o.cohort_window_days = 30;
  o.as_of = At(2024, 4, 15, 9, 30);
  const FunnelAnalysis a = AnalyzeFunnel(WorkedExample(), o);
  const std::string text = FunnelAnalysisToJson(a, -1);
  const auto back = FunnelAnalysisFromJson(text);
  REQUIRE(back.ok());
  const FunnelAnalysis& b = back.value();
  CHECK(b.as_of == At(2024, 4, 15, 9, 30));
  CHECK(b.counts.reached == std::vector<uint64_t>{9, 7, 3});
  CHECK(b.counts.rows == 10);
  REQUIRE(b.steps.size() == 2);
  CHECK(b.steps[0].from == "Lead");
  CHECK(b.steps[1].to == "Customer");
  CheckRate(b.steps[0].cohort, 2, 5);           // recomputed from k and n
  CHECK_THAT(b.steps[0].cohort.wilson_low, WithinAbs(a.steps[0].cohort.wilson_low, 1e-15));
  CHECK(b.steps[0].immature_months == Months({"2024-03", "2024-04"}));
  CHECK(b.steps[0].time.histogram == a.steps[0].time.histogram);
  CHECK(b.steps[0].time.median_days == a.steps[0].time.median_days);
  CHECK(b.win_rate.n == 5);
  CHECK(b.average_won_amount == a.average_won_amount);
  REQUIRE(b.sources.size() == a.sources.size());
  CHECK(b.sources[0].source == "Paid");
  CHECK(b.sources[0].reached == a.sources[0].reached);
  CHECK(b.months.size() == 6);
  CHECK(b.rows_without_month == 1);
  // Everything, at once: writing what was read gives the same text.
  CHECK(FunnelAnalysisToJson(b, -1) == text);
}

TEST_CASE("a damaged saved analysis is refused with the field named", "[analysis][json]") {
  const std::string good = FunnelAnalysisToJson(AnalyzeFunnel(WorkedExample()), -1);
  REQUIRE(FunnelAnalysisFromJson(good).ok());
  auto refused = [&](const std::function<void(nlohmann::json&)>& damage) {
    nlohmann::json j = nlohmann::json::parse(good);
    damage(j);
    const auto r = FunnelAnalysisFromJson(j.dump());
    REQUIRE_FALSE(r.ok());
    return r.errors().front().field;
  };
  // Lists that must match the stages: a panel would otherwise read past their end.
  CHECK(refused([](auto& j) { j["counts"]["reached"].erase(2); }) == "funnel.counts.reached");
  CHECK(refused([](auto& j) { j["counts"]["stages"].push_back("Extra"); }) == "funnel.counts.reached");
  CHECK(refused([](auto& j) { j["steps"].erase(1); }) == "funnel.steps");
  CHECK(refused([](auto& j) { j.erase("steps"); }) == "funnel.steps");
  CHECK(refused([](auto& j) { j["sources"][0]["reached"] = {1}; }) == "funnel.sources[0].reached");
  CHECK(refused([](auto& j) { j["months"][1]["reached"][0] = -3; }) == "funnel.months[1].reached[0]");
  CHECK(refused([](auto& j) { j["steps"][0]["time"]["histogram"].erase(0); }) == "funnel.steps[0].time.histogram");
  CHECK(refused([](auto& j) { j["steps"][1]["cohort"]["k"] = 99; }) == "funnel.steps[1].cohort.k");
  CHECK(refused([](auto& j) { j["steps"][0]["time"]["median_days"] = -1; }) == "funnel.steps[0].time.median_days");
  CHECK(refused([](auto& j) { j["steps"][0] = "x"; }) == "funnel.steps[0]");
  CHECK(refused([](auto& j) { j["as_of"] = "yesterday"; }) == "funnel.as_of");
  CHECK(refused([](auto& j) { j["win_rate"] = 0.5; }) == "funnel.win_rate");
  CHECK(refused([](auto& j) {
          j["counts"]["stages"] = nlohmann::json::array();
          for (int i = 0; i < 1025; ++i) j["counts"]["stages"].push_back("S" + std::to_string(i));
        }) == "funnel.counts.stages");
  CHECK_FALSE(FunnelAnalysisFromJson("").ok());
  CHECK_FALSE(FunnelAnalysisFromJson("[1, 2]").ok());
  CHECK_FALSE(FunnelAnalysisFromJson("{\"counts\": ").ok());
  // An analysis of data without stages is empty, not damaged.
  CHECK(FunnelAnalysisFromJson("{}").ok());
}

TEST_CASE("synthetic exports: analysis agrees with CountStages and with itself", "[analysis][property]") {
  for (const ExportShape shape : AllExportShapes()) {
    SyntheticOptions so;
    so.shape = shape;
    so.rows = 4000;
    so.seed = 11;
    const ImportResult imported = ImportLeads(GenerateExport(so));
    const LeadTable& t = imported.table;
    for (const bool dated_only : {false, true}) {
      CAPTURE(ExportShapeName(shape), dated_only);
      AnalysisOptions o;
      o.dated_only = dated_only;
      const FunnelAnalysis a = AnalyzeFunnel(t, o);
      const StageCounts c = CountStages(t, dated_only);
      const size_t kc = c.stages.size();
      REQUIRE(kc >= 2);
      CHECK(a.counts.reached == c.reached);
      CHECK(a.counts.rows == 4000);
      REQUIRE(a.steps.size() == kc - 1);
      for (size_t k = 0; k + 1 < kc; ++k) {
        const StepAnalysis& s = a.steps[k];
        CHECK(s.in_period.n == c.reached[k]);
        CHECK(s.in_period.k == std::min(c.reached[k + 1], c.reached[k]));
        for (const RateEstimate* e : {&s.in_period, &s.cohort}) {
          CHECK(e->k <= e->n);
          CHECK(e->rate >= 0.0);
          CHECK(e->rate <= 1.0);
          CHECK(e->wilson_low >= 0.0);
          CHECK(e->wilson_high <= 1.0);
        }
        uint64_t binned = 0;
        for (uint64_t h : s.time.histogram) binned += h;
        CHECK(binned == s.time.count);
        CHECK(s.time.median_days <= s.time.p90_days);
        CHECK(std::isfinite(s.time.p90_days));
      }
      // Sources and months partition the rows and add up to the stage counts.
      uint64_t volume = 0;
      std::vector<uint64_t> by_source(kc, 0), by_month(kc, 0);
      for (size_t i = 0; i < a.sources.size(); ++i) {
        volume += a.sources[i].volume;
        if (i > 0) CHECK(a.sources[i - 1].volume >= a.sources[i].volume);
        for (size_t k = 0; k < kc; ++k) by_source[k] += a.sources[i].reached[k];
      }
      CHECK(volume == 4000);
      CHECK(by_source == c.reached);
      uint64_t created = a.rows_without_month;
      for (size_t i = 0; i < a.months.size(); ++i) {
        created += a.months[i].created;
        for (size_t k = 0; k < kc; ++k) by_month[k] += a.months[i].reached[k];
        if (i > 0) {
          // consecutive: "YYYY-MM" → year·12 + month
          auto index = [](const std::string& m) { return std::stoi(m.substr(0, 4)) * 12 + std::stoi(m.substr(5, 2)); };
          CHECK(index(a.months[i].month) == index(a.months[i - 1].month) + 1);
        }
      }
      CHECK(created == 4000);
      CHECK(a.rows_without_month == 0);  // every synthetic lead has a creation date
      CHECK(by_month == c.reached);
      CHECK(a.win_rate.rate >= 0.0);
      CHECK(a.win_rate.rate <= 1.0);
      CHECK(std::isfinite(a.average_won_amount));
      const std::string json = FunnelAnalysisToJson(a);
      fp_test::RequireNoNull(nlohmann::json::parse(json), {"to_days"});  // NaN would be written as null; the last bin has no end
      const auto back = FunnelAnalysisFromJson(json);
      REQUIRE(back.ok());
      CHECK(FunnelAnalysisToJson(back.value()) == json);
    }
  }
}

TEST_CASE("a 1900-01-01 or 2099-12-31 date does not stretch the months over a century", "[analysis][import]") {
  // Before: months from 1900-01 to 2099-12 (2,400 rows, nearly all empty), and as-of 2099.
  const std::string csv =
      "Stage,Created\n"
      "Lead,2024-01-05\n"
      "MQL,2024-02-10\n"
      "Customer,1900-01-01\n"
      "Lead,2024-03-20\n"
      "Lead,2099-12-31\n";
  auto r = ImportLeads(csv);
  REQUIRE(r.report.rows_imported == 5);
  const FunnelAnalysis a = AnalyzeFunnel(r.table);
  std::vector<std::string> months;
  for (const auto& m : a.months) months.push_back(m.month);
  CHECK(months == std::vector<std::string>{"2024-01", "2024-02", "2024-03"});
  CHECK(a.rows_without_month == 2);
  CHECK(a.as_of == At(2024, 3, 20));
  // The rows still count as leads: the Customer row is a customer.
  CHECK(a.counts.reached == std::vector<uint64_t>{5, 2, 1});
  // Each far date is named by row and column.
  std::vector<size_t> rows;
  for (const auto& w : r.report.warnings) {
    if (w.message.find("years away from every other date") != std::string::npos) {
      CHECK(w.column == "Created");
      CHECK_THAT(w.message, Catch::Matchers::Contains("2024-01-05 to 2024-03-20"));
      rows.push_back(w.row);
    }
  }
  CHECK(rows == std::vector<size_t>{4, 6});
  CHECK(r.report.warnings_total == rows.size());
  CHECK_THAT(r.report.columns[1].detail, Catch::Matchers::Contains("2 values could not be read"));
}

TEST_CASE("placeholder dates outnumbering real ones are still the ones dropped", "[analysis][import]") {
  // 6 leads with the 1970-01-01 placeholder, 4 with real dates over two months.
  std::string csv = "Stage,Created\n";
  for (int i = 0; i < 6; ++i) csv += "Lead,1970-01-01\n";
  csv += "Lead,2023-11-02\nLead,2023-11-20\nLead,2023-12-01\nLead,2023-12-24\n";
  auto r = ImportLeads(csv);
  const FunnelAnalysis a = AnalyzeFunnel(r.table);
  REQUIRE(a.months.size() == 2);
  CHECK(a.months[0].month == "2023-11");
  CHECK(a.months[0].created == 2);
  CHECK(a.months[1].created == 2);
  CHECK(a.rows_without_month == 6);
}

TEST_CASE("dates spread over years without a 3-year gap are all kept", "[analysis][import]") {
  // 2019 … 2025 leads and close dates two years ahead (2027): one cluster, nothing dropped.
  std::string csv = "Stage,Created\n";
  for (int y = 2019; y <= 2025; ++y) csv += "Lead," + std::to_string(y) + "-06-01\n";
  csv += "Lead,2027-01-15\n";
  auto r = ImportLeads(csv);
  const FunnelAnalysis a = AnalyzeFunnel(r.table);
  CHECK(a.rows_without_month == 0);
  CHECK(a.months.front().month == "2019-06");
  CHECK(a.months.back().month == "2027-01");
  CHECK(a.months.size() == 12 * 7 + 8);  // 2019-06 … 2027-01
  CHECK(r.report.warnings_total == 0);
}

TEST_CASE("source spellings differing in case, spaces or dashes are one source", "[analysis][import]") {
  // UTM values typed by hand: before, "Google Ads", "google ads" and "GOOGLE-ADS" were three
  // sources with one lead each.
  const std::string csv =
      "Stage,Created,Source\n"
      "Lead,2024-01-05,Google Ads\n"
      "Customer,2024-01-06,google ads\n"
      "Lead,2024-01-07,GOOGLE-ADS\n"
      "Lead,2024-01-08,Web\n"
      "Lead,2024-01-09,  google   ads \n";
  auto r = ImportLeads(csv);
  const FunnelAnalysis a = AnalyzeFunnel(r.table);
  REQUIRE(a.sources.size() == 2);
  CHECK(a.sources[0].source == "Google Ads");  // the first spelling names it
  CHECK(a.sources[0].volume == 4);
  CHECK(a.sources[0].reached == std::vector<uint64_t>{4, 1});
  CHECK(a.sources[1].source == "Web");
  CHECK(a.sources[1].volume == 1);
}
