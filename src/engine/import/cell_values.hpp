// Parsing one cell: dates, numbers, booleans, the way CRM exports and spreadsheets write them.
// Column-level choices (day-first or month-first, decimal comma) are decided from a sample of
// the column by lead_import.cpp and passed in. Formats: docs/import.md.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/common/calendar.hpp"

namespace funnel {

// Time stamps are minutes since 1970-01-01 00:00 UTC: exact for CRM data, 4 bytes a value,
// good until the year 6053. Times without a zone are taken as written (treated as UTC).
using Minutes = int32_t;
inline constexpr Minutes kNoDate = INT32_MIN;

enum class DateShape : uint8_t {
  kNone,
  kIso,        // 2024-03-05[T ]14:22[:10[.123]][Z|+02:00]
  kSlash,      // 3/5/2024, 03/05/2024 2:22 PM   (day/month order decided per column)
  kDot,        // 05.03.2024 [14:22]                (day-first unless the column proves otherwise)
  kDash,       // 05-03-2024
  kEpochMs,    // 1709648520000
  kMonthName,  // 5-Mar-2024, 5 March 2024, Mar 5, 2024, Tue, Mar 5, 2024 2:22 PM, 5. März 2024
};

enum class DateOrder : uint8_t { kMonthFirst, kDayFirst };

// What a date looks like before the column's day/month order is known.
struct DateScan {
  DateShape shape = DateShape::kNone;
  int first = 0, second = 0;  // the two leading numbers of slash/dot/dash dates
};
DateScan ScanDate(std::string_view s);

// Parses a date of any shape; for slash/dot/dash dates `order` says which number is the day.
// Returns false (and leaves `out` alone) when the text is not a valid date.
bool ParseDate(std::string_view s, DateOrder order, Minutes& out);

struct NumberParse {
  double value = 0.0;
  bool percent = false;   // "12.5 %" → 0.125
  bool currency = false;  // had $, €, £, ¥ or a 3-letter code
  // Set when ParseNumber returns false because the text is a number that is not finite:
  // NaN, Infinity, inf, ∞ (any case and sign) or a value beyond the double range (1e400).
  // An importer counts such a cell as numeric evidence for its column but rejects the cell.
  bool non_finite = false;
};
// `decimal` is '.' or ','; the other one (and spaces, apostrophes) are thousands separators.
// Accepts -1.5, (1,234.00), $1,234, 1.234,56 €, 12%, 1e3, USD 50.
bool ParseNumber(std::string_view s, char decimal, NumberParse& out);

// Spreadsheet error values pasted as text: #N/A, #DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!,
// #NULL!, #SPILL!, #CALC!, #GETTING_DATA (any case). Not a value of any type.
bool IsSpreadsheetError(std::string_view s);

// true/false, yes/no, y/n, 1/0 (any case), and the German, French, Spanish and Dutch words:
// wahr/falsch, ja/nein, vrai/faux, oui/non, verdadero/falso, sí/no, waar/onwaar, ja/nee.
bool ParseBool(std::string_view s, bool& out);

// Trims ASCII whitespace, no-break and narrow no-break spaces, zero-width spaces (U+200B) and
// BOMs (U+FEFF) that pasted text carries.
std::string_view TrimCellSlow(std::string_view s);
inline std::string_view TrimCell(std::string_view s) {
  // Fast path: most cells start and end with a visible ASCII character.
  if (!s.empty()) {
    const auto a = static_cast<unsigned char>(s.front()), b = static_cast<unsigned char>(s.back());
    if (a > ' ' && a < 0x80 && b > ' ' && b < 0x80) return s;
  }
  return TrimCellSlow(s);
}

}  // namespace funnel
