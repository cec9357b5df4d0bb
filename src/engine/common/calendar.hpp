// Calendar arithmetic shared by the pipelines: civil dates ↔ days, month indexes and their
// "YYYY-MM" labels, and the average month length used to turn days into months.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace funnel {

// Days in an average month, 365.25 / 12: converts days ↔ months, e.g. a median time to convert
// into a lag in months, or a lag into a sales cycle in days (docs/math.md).
inline constexpr double kDaysPerMonth = 30.4375;

// Lead dates are minutes since 1970-01-01 00:00 UTC; a day is kMinutesPerDay of them.
inline constexpr int64_t kMinutesPerDay = 1440;

// Days since 1970-01-01 of a civil date, and back (H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms"). Inline: the importer calls them once per date cell.
constexpr int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

// Days since 1970-01-01 of a day written "YYYY-MM-DD" (month and day may have one digit, as a
// person types them: "2026-3-1"), or nullopt unless that is a real date ("2026-02-30" is not).
// The one parser of as-of days: the Track tab, the CLI's --as-of and snapshots.
std::optional<int64_t> ParseDayLabel(std::string_view text);

// a / b rounded towards −∞ (b > 0).
constexpr int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Months since January of year 0: year × 12 + month − 1 (month 1…12).
constexpr int64_t MonthIndex(int year, int month) { return int64_t{year} * 12 + (month - 1); }

// "YYYY-MM" of a month index: the one way the engine writes a month (plans, analyses, JSON).
std::string MonthLabel(int64_t month_index);
// The month `offset` months after year-month: (2026, 1, -1) → "2025-12".
inline std::string MonthLabel(int year, int month, int offset) {
  return MonthLabel(MonthIndex(year, month) + offset);
}

}  // namespace funnel
