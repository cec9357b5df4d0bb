#include "engine/import/cell_values.hpp"

#include <algorithm>
#include <cmath>

namespace funnel {

std::string_view TrimCellSlow(std::string_view s) {
  auto space_at_front = [&](size_t& len) {
    if (s.empty()) return false;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { len = 1; return true; }
    if (c == 0xC2 && s.size() >= 2 && static_cast<unsigned char>(s[1]) == 0xA0) { len = 2; return true; }
    if (c == 0xE2 && s.size() >= 3 && static_cast<unsigned char>(s[1]) == 0x80 &&
        (static_cast<unsigned char>(s[2]) == 0xAF || static_cast<unsigned char>(s[2]) == 0x8B)) { len = 3; return true; }
    if (c == 0xEF && s.size() >= 3 && static_cast<unsigned char>(s[1]) == 0xBB &&
        static_cast<unsigned char>(s[2]) == 0xBF) { len = 3; return true; }
    return false;
  };
  auto space_at_back = [&](size_t& len) {
    if (s.empty()) return false;
    const size_t n = s.size();
    const auto c = static_cast<unsigned char>(s[n - 1]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { len = 1; return true; }
    if (c == 0xA0 && n >= 2 && static_cast<unsigned char>(s[n - 2]) == 0xC2) { len = 2; return true; }
    if ((c == 0xAF || c == 0x8B) && n >= 3 && static_cast<unsigned char>(s[n - 2]) == 0x80 &&
        static_cast<unsigned char>(s[n - 3]) == 0xE2) { len = 3; return true; }
    if (c == 0xBF && n >= 3 && static_cast<unsigned char>(s[n - 2]) == 0xBB &&
        static_cast<unsigned char>(s[n - 3]) == 0xEF) { len = 3; return true; }
    return false;
  };
  size_t len = 0;
  while (space_at_front(len)) s.remove_prefix(len);
  while (space_at_back(len)) s.remove_suffix(len);
  return s;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at s[i]; advances i.
bool ReadInt(std::string_view s, size_t& i, int max_digits, int& out, int* digits_read = nullptr) {
  int v = 0, n = 0;
  while (i < s.size() && IsDigit(s[i]) && n < max_digits) {
    v = v * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  if (digits_read) *digits_read = n;
  if (n == 0) return false;
  out = v;
  return true;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  return kDays[m - 1];
}

bool ToMinutes(int y, int mo, int d, int hh, int mi, int tz_minutes, Minutes& out) {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo)) return false;
  if (hh < 0 || hh > 24 || mi < 0 || mi > 59) return false;
  // DaysFromCivil in 32-bit arithmetic for the validated range (cheaper in WebAssembly).
  static constexpr int kBeforeMonth[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const int yl = y - (mo <= 2);  // leap days counted up to the previous March
  const int days = (y - 1970) * 365 + (yl / 4 - yl / 100 + yl / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400) +
                   kBeforeMonth[mo - 1] + d - 1;
  const int64_t total = int64_t{days} * 1440 + hh * 60 + mi - tz_minutes;
  out = static_cast<Minutes>(total);
  return true;
}

// Optional time after a date: [T| ]HH:MM[:SS[.fff]][ ?AM|PM][Z|UTC|±HH[:]MM]. Returns false on
// trailing garbage.
bool ReadTime(std::string_view s, size_t i, int& hh, int& mi, int& tz) {
  hh = mi = tz = 0;
  if (i == s.size()) return true;
  if (s[i] != 'T' && s[i] != ' ') return false;
  while (i < s.size() && (s[i] == ' ' || s[i] == 'T')) ++i;
  if (i == s.size()) return true;
  if (!ReadInt(s, i, 2, hh) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!ReadInt(s, i, 2, mi)) return false;
  int sec = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!ReadInt(s, i, 2, sec)) return false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      while (i < s.size() && IsDigit(s[i])) ++i;
    }
  }
  while (i < s.size() && s[i] == ' ') ++i;
  // 12-hour clock.
  if (i + 1 < s.size() && (s[i + 1] == 'M' || s[i + 1] == 'm')) {
    const char ap = s[i];
    if (ap == 'A' || ap == 'a' || ap == 'P' || ap == 'p') {
      if (hh < 1 || hh > 12) return false;
      const bool pm = ap == 'P' || ap == 'p';
      hh = (hh % 12) + (pm ? 12 : 0);
      i += 2;
      while (i < s.size() && s[i] == ' ') ++i;
    }
  }
  if (i == s.size()) return true;
  std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "UTC" || zone == "GMT") return true;
  if (zone[0] == '+' || zone[0] == '-') {
    const int sign = zone[0] == '-' ? -1 : 1;
    size_t k = 1;
    int zh = 0, zm = 0;
    if (!ReadInt(zone, k, 2, zh)) return false;
    if (k < zone.size() && zone[k] == ':') ++k;
    if (k < zone.size() && !ReadInt(zone, k, 2, zm)) return false;
    if (k != zone.size() || zh > 14 || zm > 59) return false;
    tz = sign * (zh * 60 + zm);
    return true;
  }
  return false;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Month names as spreadsheets display dates ("5-Mar-24", "March 5, 2024") in English, German,
// French, Spanish and Dutch, lower case, full and abbreviated. 0 = not a month.
int MonthFromName(std::string_view w) {
  struct Name { const char* text; int month; };
  static constexpr Name kNames[] = {
      {"jan", 1}, {"january", 1}, {"januar", 1}, {"janvier", 1}, {"janv", 1}, {"enero", 1}, {"ene", 1}, {"januari", 1},
      {"feb", 2}, {"february", 2}, {"februar", 2}, {"f\xC3\xA9vrier", 2}, {"f\xC3\xA9vr", 2}, {"fevrier", 2},
      {"febrero", 2}, {"februari", 2},
      {"mar", 3}, {"march", 3}, {"m\xC3\xA4rz", 3}, {"m\xC3\xA4r", 3}, {"maerz", 3}, {"mrz", 3}, {"mars", 3},
      {"marzo", 3}, {"maart", 3}, {"mrt", 3},
      {"apr", 4}, {"april", 4}, {"avril", 4}, {"avr", 4}, {"abril", 4}, {"abr", 4},
      {"may", 5}, {"mai", 5}, {"mayo", 5}, {"mei", 5},
      {"jun", 6}, {"june", 6}, {"juni", 6}, {"juin", 6}, {"junio", 6},
      {"jul", 7}, {"july", 7}, {"juli", 7}, {"juillet", 7}, {"juil", 7}, {"julio", 7},
      {"aug", 8}, {"august", 8}, {"ao\xC3\xBBt", 8}, {"aout", 8}, {"agosto", 8}, {"ago", 8}, {"augustus", 8},
      {"sep", 9}, {"sept", 9}, {"september", 9}, {"septembre", 9}, {"septiembre", 9}, {"sept", 9},
      {"oct", 10}, {"october", 10}, {"oktober", 10}, {"okt", 10}, {"octobre", 10}, {"octubre", 10},
      {"nov", 11}, {"november", 11}, {"novembre", 11}, {"noviembre", 11},
      {"dec", 12}, {"december", 12}, {"dezember", 12}, {"dez", 12}, {"d\xC3\xA9" "cembre", 12}, {"d\xC3\xA9" "c", 12},
      {"decembre", 12}, {"diciembre", 12}, {"dic", 12},
  };
  if (w.size() < 3 || w.size() > 10) return 0;
  char buf[12] = {};
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
    // Capital Ä, É, Û in UTF-8 (C3 84, C3 89, C3 9B) → small.
    if (i > 0 && static_cast<unsigned char>(w[i - 1]) == 0xC3 && static_cast<unsigned char>(c) >= 0x80 &&
        static_cast<unsigned char>(c) <= 0x9E) {
      buf[i] = static_cast<char>(c + 0x20);
    }
  }
  const std::string_view v(buf, w.size());
  for (const Name& n : kNames) {
    if (v == n.text) return n.month;
  }
  return 0;
}

bool IsWeekdayName(std::string_view w) {
  if (w.size() < 2 || w.size() > 10) return false;
  char buf[12] = {};
  for (size_t i = 0; i < w.size(); ++i) buf[i] = w[i] >= 'A' && w[i] <= 'Z' ? static_cast<char>(w[i] | 0x20) : w[i];
  const std::string_view v(buf, w.size());
  for (const char* d : {"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
                        "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", "mo", "di", "mi", "do",
                        "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                        "sonntag", "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi",
                        "jeudi", "vendredi", "samedi", "dimanche"}) {
    if (v == d) return true;
  }
  return false;
}

size_t WordEnd(std::string_view s, size_t i) {
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                          static_cast<unsigned char>(s[i]) >= 0x80)) {
    ++i;
  }
  return i;
}

// "5-Mar-2024", "05 March 2024", "5. März 2024", "Mar 5, 2024", "March 5th 2024", with an
// optional weekday in front ("Tue, Mar 5, 2024") and an optional time after (", 2:22 PM").
bool ParseMonthNameDateAt(std::string_view s, size_t i, Minutes& out) {
  auto skip = [&](const char* chars, size_t max) {
    size_t n = 0;
    while (i < s.size() && n < max && std::string_view(chars).find(s[i]) != std::string_view::npos) {
      ++i;
      ++n;
    }
    return n;
  };
  int day = 0, month = 0, year = 0, yd = 0;
  if (i < s.size() && IsDigit(s[i])) {
    if (!ReadInt(s, i, 2, day)) return false;
    skip(".", 1);
    if (skip(" -/", 2) == 0 && (i == 0 || s[i - 1] != '.')) return false;
    const size_t end = WordEnd(s, i);
    month = MonthFromName(s.substr(i, end - i));
    if (month == 0) return false;
    i = end;
    skip(".", 1);
    if (skip(" -/,", 2) == 0) return false;
    if (!ReadInt(s, i, 4, year, &yd) || (yd != 2 && yd != 4)) return false;
  } else {
    const size_t end = WordEnd(s, i);
    month = MonthFromName(s.substr(i, end - i));
    if (month == 0) return false;
    i = end;
    skip(".", 1);
    if (skip(" -", 2) == 0) return false;
    if (!ReadInt(s, i, 2, day)) return false;
    const size_t suffix = WordEnd(s, i);  // 5th, 1st, 2nd, 3rd
    if (suffix - i == 2) i = suffix;
    skip(",", 1);
    if (skip(" -", 2) == 0) return false;
    if (!ReadInt(s, i, 4, year, &yd) || (yd != 2 && yd != 4)) return false;
  }
  if (yd == 2) year += year < 30 ? 2000 : 1900;
  if (i < s.size() && s[i] == ',') ++i;  // "Mar 5, 2024, 2:22 PM"
  int hh = 0, mi = 0, tz = 0;
  if (!ReadTime(s, i, hh, mi, tz)) return false;
  return ToMinutes(year, month, day, hh, mi, tz, out);
}

bool ParseMonthNameDate(std::string_view s, Minutes& out) {
  if (ParseMonthNameDateAt(s, 0, out)) return true;
  // A weekday in front ("Tue, Mar 5, 2024", "Dienstag, 5. März 2024"): a word, then a comma or
  // a space. Tried second, as "mar" is also French for Tuesday.
  const size_t end = WordEnd(s, 0);
  if (end == 0 || end >= s.size() || !IsWeekdayName(s.substr(0, end)) || (s[end] != ',' && s[end] != ' ' && s[end] != '.')) {
    return false;
  }
  size_t i = end;
  while (i < s.size() && (s[i] == '.' || s[i] == ',' || s[i] == ' ') && i < end + 3) ++i;
  return ParseMonthNameDateAt(s, i, out);
}

constexpr int64_t kEpochMsMin = 946684800000LL;   // 2000-01-01
constexpr int64_t kEpochMsMax = 4102444800000LL;  // 2100-01-01

}  // namespace

namespace {
DateScan ScanNumericDate(std::string_view s) {
  DateScan out;
  if ((s.size() == 12 || s.size() == 13) && AllDigits(s)) {
    int64_t v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    if (v >= kEpochMsMin && v < kEpochMsMax) out.shape = DateShape::kEpochMs;
    return out;
  }
  size_t i = 0;
  int a = 0, da = 0;
  if (!ReadInt(s, i, 4, a, &da) || i >= s.size()) return out;
  const char sep = s[i];
  if (da == 4 && sep == '-') {
    out.shape = DateShape::kIso;
    return out;
  }
  if (da == 4 && (sep == '/' || sep == '.')) {
    // Year first with slashes or dots (2024/03/05): both separators, so 1234.56 is no date.
    size_t k = i + 1;
    int mo = 0, dd = 0;
    if (ReadInt(s, k, 2, mo) && k < s.size() && s[k] == sep && (++k, ReadInt(s, k, 2, dd))) out.shape = DateShape::kIso;
    return out;
  }
  if (da > 2 || (sep != '/' && sep != '.' && sep != '-')) return out;
  ++i;
  int b = 0;
  if (!ReadInt(s, i, 2, b) || i >= s.size() || s[i] != sep) return out;
  out.shape = sep == '/' ? DateShape::kSlash : sep == '.' ? DateShape::kDot : DateShape::kDash;
  out.first = a;
  out.second = b;
  return out;
}

bool HasDigitAndLetter(std::string_view s) {
  bool digit = false, letter = false;
  for (char c : s) {
    digit |= IsDigit(c);
    letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
  }
  return digit && letter;
}
}  // namespace

DateScan ScanDate(std::string_view s) {
  s = TrimCell(s);
  if (s.size() < 6) return {};
  DateScan out = ScanNumericDate(s);
  // Month names, only for cells that have both digits and letters (most text has no digit).
  if (Minutes m = kNoDate; out.shape == DateShape::kNone && s.size() <= 64 && HasDigitAndLetter(s) &&
                           ParseMonthNameDate(s, m)) {
    out.shape = DateShape::kMonthName;
  }
  return out;
}

namespace {
bool ParseNumericDate(std::string_view s, DateOrder order, Minutes& out) {
  const char c0 = s[0];
  if (!IsDigit(c0)) return false;
  // Fast path for the commonest export format, "YYYY-MM-DD HH:MM" (HubSpot, Pipedrive).
  // Read as two 8-byte words: the separators compared at once, the 12 digits checked at once
  // (each byte of "digits with the separators read as '0'" within '0'..'9'), and each pair of
  // digits combined in its word (10 * first + second) before the numbers are taken out.
  if (s.size() == 16) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    constexpr uint64_t kSepA = 0xFF0000FF00000000ull, kWantA = uint64_t{'-'} << 56 | uint64_t{'-'} << 32;
    constexpr uint64_t kSepB = 0x0000FF0000FF0000ull, kWantB = uint64_t{':'} << 40 | uint64_t{' '} << 16;
    uint64_t a, b;  // "YYYY-MM-", "DD HH:MM" (little-endian: byte k is s[k])
    __builtin_memcpy(&a, s.data(), 8);
    __builtin_memcpy(&b, s.data() + 8, 8);
    if ((a & kSepA) == kWantA && (b & kSepB) == kWantB) {
      const uint64_t da = (a & ~kSepA) | (kOnes * '0' & kSepA), db = (b & ~kSepB) | (kOnes * '0' & kSepB);
      auto not_digits = [&](uint64_t d) { return (d | (d + kOnes * 0x46) | (d - kOnes * '0')) & kHighs; };
      if (!not_digits(da) && !not_digits(db)) {
        const uint64_t xa = da - kOnes * '0', xb = db - kOnes * '0';  // digit values, byte by byte
        const uint64_t pa = xa * 10 + (xa >> 8), pb = xb * 10 + (xb >> 8);  // byte k: 10 * x[k] + x[k + 1]
        auto byte = [](uint64_t w, int k) { return static_cast<int>((w >> (8 * k)) & 0xFF); };
        return ToMinutes(byte(pa, 0) * 100 + byte(pa, 2), byte(pa, 5), byte(pb, 0), byte(pb, 3), byte(pb, 6), 0, out);
      }
    }
  }
  // ISO: YYYY-MM-DD; year first is always year, month, day, so YYYY/MM/DD and YYYY.MM.DD
  // (Japanese, Chinese, Korean, Hungarian settings) and single-digit months and days too.
  const char ysep = s.size() >= 8 ? s[4] : '\0';
  if ((ysep == '-' || ysep == '/' || ysep == '.') && IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3])) {
    size_t i = 0;
    int y = 0, mo = 0, d = 0, hh = 0, mi = 0, tz = 0;
    if (!ReadInt(s, i, 4, y) || s[i] != ysep) return false;
    ++i;
    if (!ReadInt(s, i, 2, mo) || i >= s.size() || s[i] != ysep) return false;
    ++i;
    if (!ReadInt(s, i, 2, d)) return false;
    if (!ReadTime(s, i, hh, mi, tz)) return false;
    return ToMinutes(y, mo, d, hh, mi, tz, out);
  }
  if ((s.size() == 12 || s.size() == 13) && AllDigits(s)) {
    int64_t v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    if (v < kEpochMsMin || v >= kEpochMsMax) return false;
    out = static_cast<Minutes>(v / 60000);
    return true;
  }
  size_t i = 0;
  int a = 0, b = 0, y = 0, yd = 0;
  if (!ReadInt(s, i, 2, a) || i >= s.size()) return false;
  const char sep = s[i];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  ++i;
  if (!ReadInt(s, i, 2, b) || i >= s.size() || s[i] != sep) return false;
  ++i;
  if (!ReadInt(s, i, 4, y, &yd) || (yd != 4 && yd != 2)) return false;
  if (yd == 2) y += y < 30 ? 2000 : 1900;  // Excel's pivot: 3/5/24 is 2024, 3/5/99 is 1999
  if (sep == '.' && i < s.size() && s[i] == '.') ++i;  // "05.03.2024." (some locales)
  int hh = 0, mi = 0, tz = 0;
  if (!ReadTime(s, i, hh, mi, tz)) return false;
  const int month = order == DateOrder::kMonthFirst ? a : b;
  const int day = order == DateOrder::kMonthFirst ? b : a;
  return ToMinutes(y, month, day, hh, mi, tz, out);
}

}  // namespace

bool ParseDate(std::string_view s, DateOrder order, Minutes& out) {
  s = TrimCell(s);
  if (s.size() < 6) return false;
  if (ParseNumericDate(s, order, out)) return true;
  // Month names: "Mar 5, 2024", "5 Mar 2024", "05-Mar-24", "5. März 2024".
  return s.size() <= 64 && HasDigitAndLetter(s) && ParseMonthNameDate(s, out);
}

namespace {
// "nan", "inf", "infinity", "∞" and the spellings C runtimes print ("1.#INF", "nan(ind)"), any
// case, after the sign was taken off.
bool IsNonFiniteWord(std::string_view s) {
  if (s == "\xE2\x88\x9E") return true;  // ∞
  if (s.size() < 3 || s.size() > 9) return false;
  char buf[10] = {};
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
  }
  const std::string_view v(buf, s.size());
  for (const char* w : {"nan", "inf", "infinity", "infinite", "1.#inf", "1.#ind", "1.#qnan", "nan(ind)", "snan", "qnan"}) {
    if (v == w) return true;
  }
  return false;
}
}  // namespace

bool IsSpreadsheetError(std::string_view s) {
  s = TrimCell(s);
  if (s.size() < 4 || s.size() > 13 || s[0] != '#') return false;
  char buf[14] = {};
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    buf[i] = c >= 'a' && c <= 'z' ? static_cast<char>(c & ~0x20) : c;
  }
  const std::string_view v(buf, s.size());
  for (const char* e : {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                        "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#BUSY!", "#CONNECT!", "#UNKNOWN!", "#ERROR!"}) {
    if (v == e) return true;
  }
  return false;
}

bool ParseNumber(std::string_view s, char decimal, NumberParse& out) {
  out.non_finite = false;
  s = TrimCell(s);
  if (s.empty()) return false;
  bool negative = false, percent = false, currency = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = TrimCell(s.substr(1, s.size() - 2));
  }
  // Strip currency symbols / codes and % on either side, and sign characters.
  auto strip = [&]() {
    bool changed = true;
    while (changed && !s.empty()) {
      changed = false;
      const auto c = static_cast<unsigned char>(s[0]);
      if (c == '$') { s.remove_prefix(1); currency = changed = true; }
      else if (c == 0xE2 && s.size() >= 3 && static_cast<unsigned char>(s[1]) == 0x82 &&
               static_cast<unsigned char>(s[2]) == 0xAC) { s.remove_prefix(3); currency = changed = true; }
      else if (c == 0xC2 && s.size() >= 2 && (static_cast<unsigned char>(s[1]) == 0xA3 ||
                                               static_cast<unsigned char>(s[1]) == 0xA5)) {
        s.remove_prefix(2); currency = changed = true;
      }
      else if (s.size() >= 4 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
               s[2] >= 'A' && s[2] <= 'Z' && (s[3] == ' ' || IsDigit(s[3]) || s[3] == '-')) {
        s.remove_prefix(3); currency = changed = true;
      }
      else if (c == '-' && !negative) { s.remove_prefix(1); negative = changed = true; }
      else if (c == '+') { s.remove_prefix(1); changed = true; }
      if (changed) s = TrimCell(s);
    }
    changed = true;
    while (changed && !s.empty()) {
      changed = false;
      const size_t n = s.size();
      const auto c = static_cast<unsigned char>(s[n - 1]);
      if (c == '%') { s.remove_suffix(1); percent = changed = true; }
      else if (c == '$') { s.remove_suffix(1); currency = changed = true; }
      else if (c == 0xAC && n >= 3 && static_cast<unsigned char>(s[n - 2]) == 0x82 &&
               static_cast<unsigned char>(s[n - 3]) == 0xE2) { s.remove_suffix(3); currency = changed = true; }
      else if ((c == 0xA3 || c == 0xA5) && n >= 2 && static_cast<unsigned char>(s[n - 2]) == 0xC2) {
        s.remove_suffix(2); currency = changed = true;
      }
      else if (n >= 4 && s[n - 1] >= 'A' && s[n - 1] <= 'Z' && s[n - 2] >= 'A' && s[n - 2] <= 'Z' &&
               s[n - 3] >= 'A' && s[n - 3] <= 'Z' && (s[n - 4] == ' ' || IsDigit(s[n - 4]))) {
        s.remove_suffix(3); currency = changed = true;
      }
      else if (c == '-' && !negative) { s.remove_suffix(1); negative = changed = true; }
      if (changed) s = TrimCell(s);
    }
  };
  strip();
  if (s.empty()) return false;
  if (IsNonFiniteWord(s)) {
    out.non_finite = true;
    return false;
  }

  const char thousands = decimal == ',' ? '.' : ',';
  uint64_t mantissa = 0;
  int digits = 0, frac_digits = 0, dropped = 0;
  bool seen_decimal = false, any_digit = false;
  // Digit groups of the integer part: with separators, the first group has 1–3 digits, the
  // middle ones 2 or 3 (Indian 1,23,45,678 too) and the last exactly 3. "1,5" in a column with
  // a decimal point is not 15, and "1.5" in a decimal-comma column is not 15.
  int group = 0, separators = 0;
  auto separator = [&]() {
    if (group == 0 || (separators == 0 ? group > 3 : group < 2 || group > 3)) return false;
    ++separators;
    group = 0;
    return true;
  };
  size_t i = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (IsDigit(c)) {
      any_digit = true;
      if (!seen_decimal) ++group;
      if (digits < 18) {
        mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
        if (mantissa) ++digits;
        if (seen_decimal) ++frac_digits;
      } else if (!seen_decimal) {
        ++dropped;  // beyond 18 significant digits: keep the magnitude
      }
    } else if (c == decimal && !seen_decimal) {
      if (separators > 0 && group != 3) return false;
      seen_decimal = true;
    } else if (!seen_decimal && (c == thousands || c == ' ' || c == '\'')) {
      if (!any_digit || !separator()) return false;
    } else if (!seen_decimal && static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      if (!separator()) return false;
      ++i;  // non-breaking space as thousands separator
    } else {
      break;
    }
  }
  if (!seen_decimal && separators > 0 && group != 3) return false;
  if (!any_digit) return false;
  int exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E') && decimal == '.') {
    ++i;
    int sign = 1;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
    // All the exponent's digits (1e4000 is out of range, not "1e400" followed by junk).
    int e = 0;
    const size_t first = i;
    for (; i < s.size() && IsDigit(s[i]); ++i) e = std::min(e * 10 + (s[i] - '0'), 100000);
    if (i == first) return false;
    exponent = sign * e;
  }
  if (i != s.size()) return false;
  // mantissa and 10^k are exact in double for the digits kept, so one division rounds once:
  // native and WebAssembly builds give the same bits.
  // Beyond ±800 the result is 0 or out of range whatever the digits: no long loops for a
  // cell of a million digits.
  const int scale = std::clamp(exponent + dropped - frac_digits, -800, 800);
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  double v = static_cast<double>(mantissa);
  for (int k = -scale; k > 0; k -= 22) v /= kPow10[k > 22 ? 22 : k];
  for (int k = scale; k > 0; k -= 22) v *= kPow10[k > 22 ? 22 : k];
  if (percent) v /= 100.0;
  if (!std::isfinite(v)) {
    out.non_finite = true;  // beyond the double range: 1e400, 400 digits
    return false;
  }
  out.value = negative ? -v : v;
  out.percent = percent;
  out.currency = currency;
  return true;
}

bool ParseBool(std::string_view s, bool& out) {
  s = TrimCell(s);
  if (s.empty() || s.size() > 9) return false;
  char buf[10] = {};
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
  }
  const std::string_view v(buf, s.size());
  // English, and what German, French, Spanish and Dutch exports and spreadsheets write
  // (Excel's TRUE/FALSE are WAHR/FALSCH, VRAI/FAUX, VERDADERO/FALSO, WAAR/ONWAAR there).
  static constexpr std::string_view kTrue[] = {"true", "yes", "y", "1", "wahr", "ja", "vrai", "oui",
                                               "verdadero", "s\xC3\xAD", "s\xC3\x8D", "si", "waar"};
  static constexpr std::string_view kFalse[] = {"false", "no", "n", "0", "falsch", "nein", "faux", "non",
                                                "falso", "onwaar", "nee"};
  for (std::string_view t : kTrue) {
    if (v == t) { out = true; return true; }
  }
  for (std::string_view f : kFalse) {
    if (v == f) { out = false; return true; }
  }
  return false;
}

}  // namespace funnel
