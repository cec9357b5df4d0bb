#include "engine/common/calendar.hpp"

#include <cstdio>

namespace funnel {

std::optional<int64_t> ParseDayLabel(std::string_view text) {
  // Reads 1…max_digits digits at `at`; -1 when there are none.
  size_t at = 0;
  const auto digits = [&](size_t max_digits) {
    int value = 0;
    size_t n = 0;
    for (; n < max_digits && at < text.size() && text[at] >= '0' && text[at] <= '9'; ++n, ++at) value = value * 10 + (text[at] - '0');
    return n == 0 ? -1 : value;
  };
  const int y = digits(4);
  if (at != 4 || at >= text.size() || text[at++] != '-') return std::nullopt;
  const int m = digits(2);
  if (m < 0 || at >= text.size() || text[at++] != '-') return std::nullopt;
  const int d = digits(2);
  if (d < 0 || at != text.size() || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const int64_t day = DaysFromCivil(y, m, d);
  int yy = 0, mm = 0, dd = 0;
  CivilFromDays(day, yy, mm, dd);
  if (mm != m || dd != d) return std::nullopt;  // 2026-02-30 would be 2026-03-02
  return day;
}

std::string MonthLabel(int64_t month_index) {
  const int64_t y = FloorDiv(month_index, 12);
  const int m = static_cast<int>(month_index - y * 12) + 1;  // 1…12
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d", static_cast<long long>(y), m);
  return buf;
}

}  // namespace funnel
