// Numbers formatted for people: thousands separators, currency, percentages.
// Shared by the app and the CLI so both print the same text.
#pragma once

#include <string>

namespace funnel {

// 1234567.891, 2 -> "1,234,567.89"; never prints "nan" or "inf" (prints "—").
std::string FormatNumber(double value, int decimals);
// 1000000, "USD" -> "$1,000,000"; unknown codes print as "1,000,000 SEK".
std::string FormatMoney(double value, const std::string& currency, int decimals = 0);
// 0.025 -> "2.5 %" (decimals trimmed of trailing zeros, at most `max_decimals`).
std::string FormatPercent(double rate, int max_decimals = 2);

}  // namespace funnel
