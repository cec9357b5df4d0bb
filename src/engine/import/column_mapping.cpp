#include "engine/import/column_mapping.hpp"

namespace funnel {

const char* ColumnTypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kEmpty: return "empty";
    case ColumnType::kText: return "text";
    case ColumnType::kNumber: return "number";
    case ColumnType::kPercent: return "percent";
    case ColumnType::kCurrency: return "currency";
    case ColumnType::kDate: return "date";
    case ColumnType::kBoolean: return "boolean";
  }
  return "?";
}

std::string NormalizeKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c | 0x20);
    } else if (c >= 0xC2 && i + 1 < s.size()) {
      // Unicode spaces, dashes, quotes and invisible characters are punctuation like their ASCII
      // forms: no-break and narrow spaces, soft hyphen, U+2000–U+206F (en/em spaces, zero-width
      // space and joiners, dashes, curly quotes), U+3000, U+FEFF (a BOM inside pasted text).
      // "Closed\u00A0Won" and "\u200BLead" are "closedwon" and "lead".
      const auto d = static_cast<unsigned char>(s[i + 1]);
      const auto e = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
      if (c == 0xC2 && (d == 0xA0 || d == 0xAD)) { ++i; continue; }
      if ((c == 0xE2 && (d == 0x80 || (d == 0x81 && e <= 0xAF)) && e >= 0x80) ||
          (c == 0xE3 && d == 0x80 && e == 0x80) || (c == 0xEF && d == 0xBB && e == 0xBF)) {
        i += 2;
        continue;
      }
      if (c != 0xC3) {
        out += static_cast<char>(c);
        continue;
      }
      // Latin-1 capitals in UTF-8 (À–Þ but ×) lower-cased too, so "Étape" matches "étape".
      out += static_cast<char>(c);
      out += static_cast<char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
      ++i;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace funnel
