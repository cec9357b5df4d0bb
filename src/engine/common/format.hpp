// Numbers formatted for people: thousands separators, currency, percentages.
// Shared by the app and the CLI so both print the same text.
#pragma once

#include <string>
#include <string_view>

namespace funnel {

// 1234567.891, 2 -> "1,234,567.89"; never prints "nan" or "inf" (prints "—").
std::string FormatNumber(double value, int decimals);
// 1000000, "USD" -> "$1,000,000"; unknown codes print as "1,000,000 SEK".
std::string FormatMoney(double value, const std::string& currency, int decimals = 0);
// 0.025 -> "2.5 %" (decimals trimmed of trailing zeros, at most `max_decimals`).
std::string FormatPercent(double rate, int max_decimals = 2);

// One CSV field as Excel and Sheets read it safely: text that a spreadsheet would run as a
// formula (starting with = + - @, a tab or a carriage return) gets a leading ' ; a field with a
// comma, quote, CR or LF is quoted with "" for ".
std::string CsvField(std::string_view text);
// Text from user data made safe to print on a terminal: control characters (C0 but the line
// feed, DEL, and C1 such as U+009B, the one-byte escape introducer) are shown as \xNN rather
// than sent, so a name cannot move the cursor, recolour or retitle the terminal.
std::string TerminalSafe(std::string_view text);

}  // namespace funnel
