// Cell values: dates in the formats exports use, numbers with currency and separators, booleans.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

#include "engine/import/cell_values.hpp"

using namespace funnel;
using Catch::Matchers::WithinRel;
using Catch::Matchers::WithinAbs;

namespace {
Minutes At(int y, int m, int d, int hh = 0, int mi = 0) {
  return static_cast<Minutes>(DaysFromCivil(y, m, d) * 1440 + hh * 60 + mi);
}
Minutes Date(std::string_view s, DateOrder order = DateOrder::kMonthFirst) {
  Minutes m = kNoDate;
  return ParseDate(s, order, m) ? m : kNoDate;
}
double Num(std::string_view s, char decimal = '.') {
  NumberParse n;
  return ParseNumber(s, decimal, n) ? n.value : std::nan("");
}
}  // namespace

TEST_CASE("civil date arithmetic", "[dates]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(2024, 3, 5) == 19787);
  CHECK(DaysFromCivil(2000, 2, 29) == 11016);
  int y, m, d;
  CivilFromDays(19787, y, m, d);
  CHECK((y == 2024 && m == 3 && d == 5));
}

TEST_CASE("ISO dates, with or without time and zone", "[dates]") {
  CHECK(Date("2024-03-05") == At(2024, 3, 5));
  CHECK(Date("2024-03-05 14:22") == At(2024, 3, 5, 14, 22));
  CHECK(Date("2024-03-05T14:22:10") == At(2024, 3, 5, 14, 22));
  CHECK(Date("2024-03-05T14:22:10.123Z") == At(2024, 3, 5, 14, 22));
  CHECK(Date("2024-03-05T14:22:10+02:00") == At(2024, 3, 5, 12, 22));
  CHECK(Date("2024-03-05T01:00:00-0500") == At(2024, 3, 5, 6, 0));
  CHECK(Date("2024-03-05 14:22:10 UTC") == At(2024, 3, 5, 14, 22));
  CHECK(Date(" 2024-03-05 ") == At(2024, 3, 5));
}

TEST_CASE("slash, dot and dash dates follow the column's order", "[dates]") {
  CHECK(Date("3/5/2024") == At(2024, 3, 5));
  CHECK(Date("3/5/2024", DateOrder::kDayFirst) == At(2024, 5, 3));
  CHECK(Date("03/05/2024 2:22 PM") == At(2024, 3, 5, 14, 22));
  CHECK(Date("03/05/2024 12:05 AM") == At(2024, 3, 5, 0, 5));
  CHECK(Date("03/05/2024 12:05 pm") == At(2024, 3, 5, 12, 5));
  CHECK(Date("3/5/24") == At(2024, 3, 5));
  CHECK(Date("05.03.2024", DateOrder::kDayFirst) == At(2024, 3, 5));
  CHECK(Date("05.03.2024 14:22", DateOrder::kDayFirst) == At(2024, 3, 5, 14, 22));
  CHECK(Date("05-03-2024", DateOrder::kDayFirst) == At(2024, 3, 5));
}

TEST_CASE("epoch milliseconds", "[dates]") {
  CHECK(Date("1709648520000") == At(2024, 3, 5, 14, 22));
  CHECK(Date("17096485200") == kNoDate);  // 11 digits: not a plausible epoch-ms date
}

TEST_CASE("impossible dates are rejected", "[dates]") {
  for (const char* bad : {"2024-02-30", "2023-02-29", "13/13/2024", "2024-13-01", "yesterday",
                          "2024-03-05 25:00", "2024-03-05 10:61", "3/5", "", "2024-03-05 14:22 banana",
                          "31/12/2024"}) {
    CAPTURE(bad);
    CHECK(Date(bad) == kNoDate);
  }
  CHECK(Date("2024-02-29") == At(2024, 2, 29));  // leap day
}

TEST_CASE("date shapes report the leading numbers", "[dates]") {
  const DateScan s = ScanDate("31/12/2024");
  CHECK(s.shape == DateShape::kSlash);
  CHECK(s.first == 31);
  CHECK(s.second == 12);
  CHECK(ScanDate("2024-12-31").shape == DateShape::kIso);
  CHECK(ScanDate("31.12.2024").shape == DateShape::kDot);
  CHECK(ScanDate("1709648520000").shape == DateShape::kEpochMs);
  CHECK(ScanDate("hello").shape == DateShape::kNone);
  CHECK(ScanDate("12345").shape == DateShape::kNone);
}

TEST_CASE("numbers as people and exports write them", "[numbers]") {
  CHECK(Num("25000") == 25000.0);
  CHECK(Num("-1.5") == -1.5);
  CHECK(Num("1,234.56") == 1234.56);
  CHECK(Num("$1,234.56") == 1234.56);
  CHECK(Num("1.234,56", ',') == 1234.56);
  CHECK(Num("1.234,56 \xE2\x82\xAC", ',') == 1234.56);
  CHECK(Num("\xC2\xA3" "99") == 99.0);
  CHECK(Num("(1,234)") == -1234.0);
  CHECK(Num("($50.00)") == -50.0);
  CHECK(Num("USD 50") == 50.0);
  CHECK(Num("50 EUR") == 50.0);
  CHECK(Num("1 234,5", ',') == 1234.5);
  CHECK(Num("1'234.5") == 1234.5);
  CHECK(Num("1\xC2\xA0" "234", ',') == 1234.0);
  CHECK(Num("1e3") == 1000.0);
  CHECK(Num("50-") == -50.0);
  CHECK_THAT(Num("0.1"), WithinRel(0.1, 1e-15));
  CHECK_THAT(Num("12345678901234567890"), WithinRel(1.2345678901234567e19, 1e-15));
  for (const char* bad : {"", "abc", "1.2.3x", "--", "$", "12 apples", "1,2,3,4x"}) {
    CAPTURE(bad);
    CHECK(std::isnan(Num(bad)));
  }
}

TEST_CASE("percentages divide by 100 and are flagged", "[numbers]") {
  NumberParse n;
  REQUIRE(ParseNumber("12.5%", '.', n));
  CHECK_THAT(n.value, WithinAbs(0.125, 1e-15));
  CHECK(n.percent);
  REQUIRE(ParseNumber("12,5 %", ',', n));
  CHECK_THAT(n.value, WithinAbs(0.125, 1e-15));
  REQUIRE(ParseNumber("$5", '.', n));
  CHECK(n.currency);
  CHECK_FALSE(n.percent);
}

TEST_CASE("booleans", "[booleans]") {
  bool b = false;
  for (const char* t : {"true", "TRUE", "Yes", "y", "1", " True "}) {
    CAPTURE(t);
    CHECK((ParseBool(t, b) && b));
  }
  for (const char* f : {"false", "No", "n", "0", "FALSE"}) {
    CAPTURE(f);
    CHECK((ParseBool(f, b) && !b));
  }
  CHECK_FALSE(ParseBool("maybe", b));
  CHECK_FALSE(ParseBool("", b));
}

TEST_CASE("trimming handles non-breaking spaces", "[numbers]") {
  CHECK(TrimCell("  a b  ") == "a b");
  CHECK(TrimCell("\xC2\xA0x\xC2\xA0") == "x");
  CHECK(TrimCell("\xE2\x80\xAFx") == "x");
  CHECK(TrimCell("   ").empty());
}

TEST_CASE("the fast day count agrees with the civil algorithm for every day 1900-2200", "[dates]") {
  char buf[32];
  for (int64_t day = DaysFromCivil(1900, 1, 1); day < DaysFromCivil(2200, 12, 31); day += 1) {
    int y, m, d;
    CivilFromDays(day, y, m, d);
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d 13:07", y, m, d);
    Minutes out = kNoDate;
    REQUIRE(ParseDate(buf, DateOrder::kMonthFirst, out));
    REQUIRE(out == static_cast<Minutes>(day * 1440 + 13 * 60 + 7));
  }
}

TEST_CASE("NaN and Infinity words and out-of-range numbers are not numbers and say so", "[numbers]") {
  for (const char* s : {"NaN", "nan", "-NaN", "Infinity", "-Infinity", "+inf", "INF", "\xE2\x88\x9E",
                        "-\xE2\x88\x9E", "1.#INF", "1e400", "-1e400", "1E4000", "$1e400", "1e309"}) {
    CAPTURE(s);
    NumberParse n;
    CHECK_FALSE(ParseNumber(s, '.', n));
    CHECK(n.non_finite);
  }
  // Ordinary non-numbers are not flagged, and the flag does not stick from an earlier call.
  NumberParse n;
  CHECK_FALSE(ParseNumber("NaN", '.', n));
  CHECK_FALSE(ParseNumber("banana", '.', n));
  CHECK_FALSE(n.non_finite);
  CHECK_FALSE(ParseNumber("Nancy", '.', n));
  CHECK_FALSE(n.non_finite);
  // Large and tiny exponents that are in range still read: 1.5e308 < 1.797e308, 1e-400 → 0.
  CHECK(Num("1.5e308") == 1.5e308);
  CHECK(Num("1e-400") == 0.0);
  CHECK(Num("2.5e-3") == 0.0025);
}

TEST_CASE("spreadsheet error values are recognised", "[numbers]") {
  for (const char* s : {"#N/A", "#n/a", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", " #NULL! "}) {
    CAPTURE(s);
    CHECK(IsSpreadsheetError(s));
  }
  for (const char* s : {"#1", "N/A", "#hashtag", "", "#"}) {
    CAPTURE(s);
    CHECK_FALSE(IsSpreadsheetError(s));
  }
}

TEST_CASE("two-digit years pivot as Excel does: 00-29 are 20xx, 30-99 are 19xx", "[dates]") {
  // Before, every two-digit year was 20xx: a 1999 lead became a 2099 one.
  CHECK(Date("3/5/99") == At(1999, 3, 5));
  CHECK(Date("12/31/30") == At(1930, 12, 31));
  CHECK(Date("1/1/29") == At(2029, 1, 1));
  CHECK(Date("3/5/00") == At(2000, 3, 5));
  CHECK(Date("05.03.98", DateOrder::kDayFirst) == At(1998, 3, 5));
}

TEST_CASE("thousands separators must group digits in threes", "[numbers]") {
  // Before, separators were skipped wherever they were: "1,5" in a decimal-point column was 15.
  for (const char* bad : {"1,5", "1,234,56", "1234,567", "12,34", "1,,234", "1 5"}) {
    CAPTURE(bad);
    CHECK(std::isnan(Num(bad)));
  }
  CHECK(std::isnan(Num("1.5", ',')));
  CHECK(std::isnan(Num("1.5 \xE2\x82\xAC", ',')));
  CHECK(Num("1,234") == 1234.0);
  CHECK(Num("12,345.5") == 12345.5);
  CHECK(Num("1,23,456") == 123456.0);  // Indian grouping
  CHECK(Num("1 234 567,5", ',') == 1234567.5);
  CHECK(Num("1.234.567,89", ',') == 1234567.89);
  CHECK(Num("$1,000,000") == 1000000.0);
}

TEST_CASE("zero-width spaces and BOMs around a cell are trimmed", "[numbers][dates]") {
  CHECK(TrimCell("\xE2\x80\x8B" "Lead\xE2\x80\x8B") == "Lead");
  CHECK(TrimCell("\xEF\xBB\xBF" "Stage") == "Stage");
  CHECK(Date("\xE2\x80\x8B" "2024-03-05") == At(2024, 3, 5));
  CHECK(Num("\xEF\xBB\xBF" "250") == 250.0);
}

TEST_CASE("booleans in German, French, Spanish and Dutch", "[booleans]") {
  bool b = false;
  for (const char* t : {"WAHR", "Ja", "VRAI", "oui", "VERDADERO", "s\xC3\xAD", "S\xC3\x8D", "waar"}) {
    CAPTURE(t);
    CHECK((ParseBool(t, b) && b));
  }
  for (const char* f : {"FALSCH", "Nein", "FAUX", "non", "FALSO", "ONWAAR", "nee"}) {
    CAPTURE(f);
    CHECK((ParseBool(f, b) && !b));
  }
  CHECK_FALSE(ParseBool("vielleicht", b));
}

TEST_CASE("dates with month names, as spreadsheets display and paste them", "[dates]") {
  CHECK(Date("5-Mar-2024") == At(2024, 3, 5));
  CHECK(Date("05-Mar-24") == At(2024, 3, 5));
  CHECK(Date("5 March 2024") == At(2024, 3, 5));
  CHECK(Date("Mar 5, 2024") == At(2024, 3, 5));
  CHECK(Date("March 5th, 2024") == At(2024, 3, 5));
  CHECK(Date("Tue, Mar 5, 2024 2:22 PM") == At(2024, 3, 5, 14, 22));
  CHECK(Date("Mar 5, 2024, 14:22") == At(2024, 3, 5, 14, 22));
  CHECK(Date("5. M\xC3\xA4rz 2024") == At(2024, 3, 5));
  CHECK(Date("5 d\xC3\xA9" "c. 2024") == At(2024, 12, 5));
  CHECK(Date("12-dic-2023") == At(2023, 12, 12));
  CHECK(Date("1 mei 2024") == At(2024, 5, 1));
  CHECK(Date("31-Dec-99") == At(1999, 12, 31));
  CHECK(Date("Dienstag, 5. M\xC3\xA4rz 2024") == At(2024, 3, 5));
  for (const char* bad : {"31-Feb-2024", "Mar 2024", "5 Marx 2024", "March", "5 Mar", "Mar 5, 2024 banana",
                          "Total 5 Mar 2024"}) {
    CAPTURE(bad);
    CHECK(Date(bad) == kNoDate);
  }
  CHECK(ScanDate("5-Mar-2024").shape == DateShape::kMonthName);
  CHECK(ScanDate("Mar 5, 2024").shape == DateShape::kMonthName);
  CHECK(ScanDate("Marketing").shape == DateShape::kNone);
}

TEST_CASE("year-first dates with slashes or dots", "[dates]") {
  // Before, 2024/03/05 (Japanese, Chinese settings) and 2024.03.05 were not dates at all.
  CHECK(Date("2024/03/05") == At(2024, 3, 5));
  CHECK(Date("2024/3/5 14:22") == At(2024, 3, 5, 14, 22));
  CHECK(Date("2024.03.05") == At(2024, 3, 5));
  CHECK(Date("2024-3-5") == At(2024, 3, 5));
  CHECK(ScanDate("2024/03/05").shape == DateShape::kIso);
  CHECK(ScanDate("2024.03.05").shape == DateShape::kIso);
  // Amounts are not dates.
  CHECK(ScanDate("1234.56").shape == DateShape::kNone);
  CHECK(ScanDate("2500.00").shape == DateShape::kNone);
  CHECK(Date("1234.5678") == kNoDate);
  CHECK(Date("2024/13/05") == kNoDate);
  CHECK(Date("2024/03-05") == kNoDate);
}
