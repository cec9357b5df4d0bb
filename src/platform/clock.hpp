// The current month of the user's clock (local time), for new plans and the sample. The
// environment variable FUNNELPLAN_TODAY=YYYY-MM or YYYY-MM-DD pins it (tests, demos); in the
// browser, localtime comes from the page's Date.
#pragma once

#include <cstdlib>
#include <ctime>
#include <string>

#include "engine/common/calendar.hpp"
#include "engine/plan/scenario.hpp"

namespace funnel {

inline YearMonth CurrentMonth() {
  if (const char* pinned = std::getenv("FUNNELPLAN_TODAY")) {
    const std::string text = pinned;
    if (text.size() >= 7 && text[4] == '-') {
      const int year = std::atoi(text.substr(0, 4).c_str());
      const int month = std::atoi(text.substr(5, 2).c_str());
      if (year >= 1900 && year <= 2200 && month >= 1 && month <= 12) return {year, month};
    }
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  if (!localtime_r(&now, &local)) return {};
  return {local.tm_year + 1900, local.tm_mon + 1};
}

// Today as days since 1970-01-01 (local time), for refusing an as-of day in the future.
// FUNNELPLAN_TODAY=YYYY-MM-DD pins it; YYYY-MM pins the month's last day.
inline int64_t CurrentDay() {
  if (const char* pinned = std::getenv("FUNNELPLAN_TODAY")) {
    const std::string text = pinned;
    const YearMonth m = CurrentMonth();
    if (text.size() >= 10 && text[7] == '-') {
      const int day = std::atoi(text.substr(8, 2).c_str());
      if (day >= 1 && day <= 31) return DaysFromCivil(m.year, m.month, day);
    }
    if (text.size() >= 7) return DaysFromCivil(m.month == 12 ? m.year + 1 : m.year, m.month == 12 ? 1 : m.month + 1, 1) - 1;
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  if (!localtime_r(&now, &local)) return 0;
  return DaysFromCivil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

}  // namespace funnel
