#include "engine/common/calendar.hpp"

#include <cstdio>

namespace funnel {

std::string MonthLabel(int64_t month_index) {
  const int64_t y = FloorDiv(month_index, 12);
  const int m = static_cast<int>(month_index - y * 12) + 1;  // 1…12
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d", static_cast<long long>(y), m);
  return buf;
}

}  // namespace funnel
