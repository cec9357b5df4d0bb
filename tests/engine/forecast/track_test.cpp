// Tracking a plan against actuals, worked by hand (docs/math.md, "Tracking and forecast").
#include <catch2/catch.hpp>

#include "engine/common/calendar.hpp"
#include "engine/forecast/forecast_json.hpp"
#include "engine/forecast/track.hpp"

using namespace funnel;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

Minutes Day(int y, int m, int d) { return static_cast<Minutes>(DaysFromCivil(y, m, d) * 1440); }

// $120,000 at $10,000 over January–March 2026: 4 customers a month. Lead →(50 %, lag 1) SQL
// →(40 %, lag 0) Customer: 10 SQLs a month in January–March, 20 leads in December–February.
Scenario Plan() {
  Scenario s;
  s.name = "track";
  s.revenue_goal = 120'000;
  s.deal_size = 10'000;
  s.stages = {"Lead", "SQL", "Customer"};
  s.steps = {{0.5, 0, 0, 1.0}, {0.4, 0, 0, 0.0}};
  s.start_year = 2026;
  s.start_month = 1;
  s.horizon_months = 3;
  return s;
}

// An export with dates for Lead and SQL only ("lead" and "sql" match by name): leads 18 in
// December, 22 in January, 9 in February to the 14th and 1 on the 20th; SQLs 7 in January,
// 4 in February to the 14th and 1 on the 15th.
LeadTable Export() {
  LeadTable t;
  t.stages = {"lead", "SQL"};
  t.stage_date.assign(2, {});
  auto add = [&](int n, Minutes lead, Minutes sql) {
    for (int i = 0; i < n; ++i) {
      t.stage_date[0].push_back(lead);
      t.stage_date[1].push_back(sql);
      t.stage.push_back(static_cast<int8_t>(sql == kNoDate ? 0 : 1));
      t.lost.push_back(0);
      ++t.rows;
    }
  };
  add(18, Day(2025, 12, 5), kNoDate);
  add(7, Day(2026, 1, 10), Day(2026, 1, 20));
  add(3, Day(2026, 1, 10), Day(2026, 2, 10));
  add(1, Day(2026, 1, 10), Day(2026, 2, 14));   // the as-of day counts
  add(1, Day(2026, 1, 10), Day(2026, 2, 15));   // after the as-of day: not counted
  add(10, Day(2026, 1, 12), kNoDate);
  add(9, Day(2026, 2, 3), kNoDate);
  add(1, Day(2026, 2, 20), kNoDate);            // after the as-of day
  return t;
}

}  // namespace

TEST_CASE("track: an as-of day is read as that day's midnight, and written back the same", "[track]") {
  // 2026-02-14 is day 20,498 since 1970-01-01: 20,498 × 1,440 = 29,517,120 minutes.
  CHECK(DayStart("2026-02-14") == Minutes{29'517'120});
  CHECK(DayStart("2026-2-14") == Minutes{29'517'120});
  CHECK(DayLabel(*DayStart("2026-2-14")) == "2026-02-14");
  CHECK(DayLabel(Day(2026, 2, 14) + 1439) == "2026-02-14");  // 23:59 is still that day
  CHECK_FALSE(DayStart("2026-02-29").has_value());
  CHECK_FALSE(DayStart("14/02/2026").has_value());
}

TEST_CASE("track: actuals, pace and projection per month", "[track]") {
  // As of 2026-02-14: February is 14/28 = half elapsed.
  const auto r = Track(Plan(), Export(), Day(2026, 2, 14));
  REQUIRE(r.ok());
  CHECK(r->as_of_label == "2026-02-14");
  CHECK(r->data_stage == std::vector<int>{0, 1, -1});
  CHECK(r->export_stage == std::vector<std::string>{"lead", "SQL", ""});
  REQUIRE(r->months.size() == 3);
  CHECK(r->months[0].month == "2025-12");
  CHECK(r->months[2].month == "2026-02");
  CHECK(r->months[2].running);
  CHECK(r->months[2].elapsed == 0.5);
  const TrackCell& lead_dec = r->months[0].stages[0];
  CHECK(lead_dec.planned == 20);
  CHECK(lead_dec.actual == 18);
  CHECK_THAT(*lead_dec.pace, WithinAbs(0.9, 1e-12));
  CHECK(lead_dec.projected == 18);
  CHECK(r->months[1].stages[0].actual == 22);
  const TrackCell& lead_feb = r->months[2].stages[0];
  CHECK(lead_feb.expected_to_date == 10);  // 20 × 0.5
  CHECK(lead_feb.actual == 9);
  CHECK_THAT(*lead_feb.pace, WithinAbs(0.9, 1e-12));
  CHECK(lead_feb.projected == 18);         // 9 / 0.5
  const TrackCell& sql_feb = r->months[2].stages[1];
  CHECK(sql_feb.actual == 4);
  CHECK(sql_feb.expected_to_date == 5);
  CHECK(sql_feb.projected == 8);
  CHECK_FALSE(r->months[0].stages[1].pace);  // nothing planned in December: no pace, not ∞
  // Totals: leads 49 of 50 expected (98 %), SQLs 11 of 15 (73.3 %).
  CHECK(r->totals[0].actual == 49);
  CHECK(r->totals[0].expected_to_date == 50);
  CHECK(r->totals[0].projected == 58);
  CHECK(r->totals[1].planned == 20);
  CHECK_THAT(*r->totals[1].pace, WithinAbs(11.0 / 15, 1e-12));
  CHECK_FALSE(r->totals[2].has_data);
}

TEST_CASE("track: the gap split into volume and conversion", "[track]") {
  const auto r = Track(Plan(), Export(), Day(2026, 2, 14));
  REQUIRE(r.ok());
  // SQL in December–February at the plan's 50 % one month after the leads: 0.5 × (November 0 +
  // December 18 + January 22) = 20 = the plan's 20, so no volume gap; projected 7 + 8 = 15, so the
  // 5 missing SQLs are all conversion.
  REQUIRE(r->gap.size() == 1);  // Customer has no data
  const StageGap& g = r->gap[0];
  CHECK(g.stage == "SQL");
  CHECK_THAT(g.expected, WithinAbs(20.0, 1e-12));
  CHECK_THAT(g.volume, WithinAbs(0.0, 1e-12));
  CHECK_THAT(g.conversion, WithinAbs(-5.0, 1e-12));
  CHECK_THAT(g.volume + g.conversion, WithinAbs(g.projected - g.planned, 1e-12));
  CHECK(r->headline == "Lead 98 % of pace; SQL 73.3 % \xE2\x80\x94 conversion, not volume");
}

TEST_CASE("track: a fractional lag spreads the upstream months", "[track]") {
  Scenario s = Plan();
  s.steps[0].lag_months = 0.5;  // half the SQLs come from the same month's leads, half from the month before
  const auto r = Track(s, Export(), Day(2026, 2, 14));
  REQUIRE(r.ok());
  // Tracked months from the plan's first month (December: Lead's lag 0.5 reaches back one month).
  // Dec: 0.5 × (0.5·18 + 0.5·0) = 4.5; Jan: 0.5 × (0.5·22 + 0.5·18) = 10; Feb: 0.5 × (0.5·18 + 0.5·22) = 10.
  REQUIRE(r->gap.size() == 1);
  CHECK_THAT(r->gap[0].expected, WithinAbs(24.5, 1e-12));
}

TEST_CASE("track: notes and bad input", "[track][errors]") {
  const auto r = Track(Plan(), Export(), Day(2026, 2, 14));
  REQUIRE(r.ok());
  REQUIRE(r->notes.size() == 2);
  CHECK(r->notes[0] == "No date column in the export for Customer: no actuals for it.");
  CHECK(r->notes[1] == "Stage dates after the as-of day 2026-02-14, not counted: 2.");
  CHECK_THAT(TrackToJson(r.value()), Contains("\"actual\": null"));
  CHECK_THAT(TrackToJson(r.value(), -1), Contains("\"stages\":[{\"export_stage\":\"lead\",\"name\":\"Lead\"}"));

  const auto future = Track(Plan(), Export(), Day(2026, 2, 14), Day(2026, 2, 13));
  REQUIRE_FALSE(future.ok());
  CHECK_THAT(future.errors()[0].message, Contains("after today (2026-02-13)"));
  const auto early = Track(Plan(), Export(), Day(2025, 11, 30));
  REQUIRE_FALSE(early.ok());
  CHECK_THAT(early.errors()[0].message, Contains("before the plan's first month 2025-12"));
  const auto before_data = Track(Plan(), Export(), Day(2025, 12, 2));
  REQUIRE_FALSE(before_data.ok());
  CHECK_THAT(before_data.errors()[0].message, Contains("before the data's first date 2025-12-05"));
  LeadTable other = Export();
  other.stages = {"Visitor", "Deal"};
  const auto unmatched = Track(Plan(), other, Day(2026, 2, 14));
  REQUIRE_FALSE(unmatched.ok());
  CHECK_THAT(unmatched.errors()[0].message, Contains("None of the plan's stages has a date column"));
  Scenario bad = Plan();
  bad.revenue_goal = 0;
  CHECK_FALSE(Track(bad, Export(), Day(2026, 2, 14)).ok());
}

TEST_CASE("track: an as-of day after the plan's last month tracks every month as finished", "[track]") {
  const auto r = Track(Plan(), Export(), Day(2026, 5, 10));
  REQUIRE(r.ok());
  REQUIRE(r->months.size() == 4);  // December to March
  for (const TrackMonth& m : r->months) CHECK_FALSE(m.running);
  // February is finished now: its 9 + 1 leads count, expected = planned, projected = actual.
  const TrackCell& lead_feb = r->months[2].stages[0];
  CHECK(lead_feb.actual == 10);
  CHECK(lead_feb.expected_to_date == 20);
  CHECK(lead_feb.projected == 10);
  CHECK(r->notes[1] == "The as-of day is after the plan's last month 2026-03: every month is finished.");
}

TEST_CASE("track: the running month paced by the within-month profile of the last 12 months", "[track][pacing]") {
  // History before February 2026: September–November 2025 each bring 30 leads on the 5th and 10
  // on the 25th; December's 18 came on the 5th, January's 22 on the 10th and 12th. As of
  // February 14 (half the month), the leads that had arrived by the same point of their month:
  // 90 + 18 + 22 = 130 of 160 = 81.25 %, not the calendar's 50 %. So February's 20 planned
  // leads expect 16.25 by now; 9 came (pace 55.4 %), projecting 9 / 0.8125 = 11.08 by month end.
  // SQLs have one month of history (January): too little, so they keep the calendar share.
  LeadTable t = Export();
  auto add = [&](int n, Minutes lead) {
    for (int i = 0; i < n; ++i) {
      t.stage_date[0].push_back(lead);
      t.stage_date[1].push_back(kNoDate);
      t.stage.push_back(0);
      t.lost.push_back(0);
      ++t.rows;
    }
  };
  for (int month : {9, 10, 11}) {
    add(30, Day(2025, month, 5));
    add(10, Day(2025, month, 25));
  }
  const auto r = Track(Plan(), t, Day(2026, 2, 14));
  REQUIRE(r.ok());
  CHECK(r->pacing_from_history == std::vector<bool>{true, false, false});
  CHECK_THAT(r->running_share[0], WithinAbs(0.8125, 1e-12));
  CHECK(r->running_share[1] == 0.5);
  CHECK(r->months[2].elapsed == 0.5);  // the calendar, as shown
  const TrackCell& lead_feb = r->months[2].stages[0];
  CHECK_THAT(lead_feb.expected_to_date, WithinAbs(16.25, 1e-9));
  CHECK_THAT(*lead_feb.pace, WithinAbs(9.0 / 16.25, 1e-12));
  CHECK_THAT(lead_feb.projected, WithinAbs(9.0 / 0.8125, 1e-9));
  CHECK(r->months[2].stages[1].expected_to_date == 5);  // SQL: 10 × 0.5
  bool noted = false;
  for (const auto& n : r->notes) noted = noted || n.find("last 12 months") != std::string::npos;
  CHECK(noted);
  // Without that history (the plain export), the calendar share.
  const auto plain = Track(Plan(), Export(), Day(2026, 2, 14));
  REQUIRE(plain.ok());
  CHECK(plain->months[2].stages[0].expected_to_date == 10);
}
