#include <catch2/catch.hpp>

#include <cstdint>

#include "engine/common/calendar.hpp"

using funnel::MonthIndex;
using funnel::MonthLabel;

TEST_CASE("month labels are YYYY-MM, across years and before year 0", "[calendar]") {
  CHECK(MonthLabel(2026, 1, 0) == "2026-01");
  CHECK(MonthLabel(2026, 1, -1) == "2025-12");
  CHECK(MonthLabel(2025, 12, 1) == "2026-01");
  CHECK(MonthLabel(2026, 3, 25) == "2028-04");
  CHECK(MonthLabel(2026, 3, -27) == "2023-12");
  CHECK(MonthLabel(MonthIndex(2024, 3)) == "2024-03");
  CHECK(MonthIndex(2024, 3) == 2024 * 12 + 2);
  CHECK(MonthLabel(int64_t{0}) == "0000-01");
  CHECK(MonthLabel(int64_t{-1}) == "-001-12");  // floor division: month −1 is December of year −1
  CHECK(MonthLabel(int64_t{123456} * 12 + 6) == "123456-07");
}

TEST_CASE("civil dates and day numbers convert both ways", "[calendar]") {
  STATIC_REQUIRE(funnel::DaysFromCivil(1970, 1, 1) == 0);
  CHECK(funnel::DaysFromCivil(2024, 1, 1) == 19723);
  CHECK(funnel::DaysFromCivil(2000, 3, 1) - funnel::DaysFromCivil(2000, 2, 28) == 2);  // 2000 is a leap year
  CHECK(funnel::DaysFromCivil(1900, 3, 1) - funnel::DaysFromCivil(1900, 2, 28) == 1);  // 1900 is not
  CHECK(funnel::DaysFromCivil(1969, 12, 31) == -1);
  for (int64_t day : {int64_t{-800000}, int64_t{-1}, int64_t{0}, int64_t{11016}, int64_t{19723}, int64_t{2932896}}) {
    int y = 0, m = 0, d = 0;
    funnel::CivilFromDays(day, y, m, d);
    CHECK(funnel::DaysFromCivil(y, m, d) == day);
  }
  int y = 0, m = 0, d = 0;
  funnel::CivilFromDays(19723 + 59, y, m, d);
  CHECK((y == 2024 && m == 2 && d == 29));
}

TEST_CASE("as-of days: YYYY-MM-DD (one-digit month and day too), real dates only", "[calendar]") {
  using funnel::ParseDayLabel;
  CHECK(ParseDayLabel("2024-01-01") == 19723);
  CHECK(ParseDayLabel("2024-02-29") == 19723 + 59);  // a leap day
  CHECK(ParseDayLabel("2024-3-1") == 19723 + 60);    // as a person types it
  CHECK(ParseDayLabel("1969-12-31") == -1);
  for (const char* bad : {"2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                          "2026-01", "2026-01-01x", " 2026-01-01", "2026-01-01 ", "26-01-01", "20260-01-01",
                          "2026/01/01", "2026-001-01", "2026--1-01", "", "abcd-ef-gh"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseDayLabel(bad).has_value());
  }
}

TEST_CASE("floor division rounds towards minus infinity", "[calendar]") {
  CHECK(funnel::FloorDiv(25, 12) == 2);
  CHECK(funnel::FloorDiv(24, 12) == 2);
  CHECK(funnel::FloorDiv(-1, 12) == -1);
  CHECK(funnel::FloorDiv(-12, 12) == -1);
  CHECK(funnel::FloorDiv(-13, 12) == -2);
}

TEST_CASE("a month is 365.25 / 12 days", "[calendar]") {
  STATIC_REQUIRE(funnel::kDaysPerMonth == 365.25 / 12);
  CHECK(funnel::kDaysPerMonth == 30.4375);
}
