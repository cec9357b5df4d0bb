#include "engine/common/format.hpp"

#include <cmath>
#include <cstdio>

namespace funnel {

std::string FormatNumber(double value, int decimals) {
  if (!std::isfinite(value)) return "\xE2\x80\x94";  // em dash
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(value));
  std::string digits(buf);
  const size_t dot = digits.find('.');
  std::string int_part = digits.substr(0, dot);
  std::string out;
  const size_t n = int_part.size();
  for (size_t i = 0; i < n; ++i) {
    out += int_part[i];
    if (i + 1 < n && (n - i - 1) % 3 == 0) out += ',';
  }
  if (dot != std::string::npos) out += digits.substr(dot);
  // "-0" is not a number people write.
  const bool negative = value < 0 && out.find_first_not_of("0.,") != std::string::npos;
  return negative ? "-" + out : out;
}

std::string FormatMoney(double value, const std::string& currency, int decimals) {
  const char* symbol = nullptr;
  if (currency == "USD") symbol = "$";
  else if (currency == "EUR") symbol = "\xE2\x82\xAC";
  else if (currency == "GBP") symbol = "\xC2\xA3";
  std::string number = FormatNumber(std::fabs(value), decimals);
  const std::string sign = (value < 0 && std::isfinite(value)) ? "-" : "";
  if (symbol) return sign + symbol + number;
  return sign + number + (currency.empty() ? "" : " " + currency);
}

std::string FormatPercent(double rate, int max_decimals) {
  if (!std::isfinite(rate)) return "\xE2\x80\x94";
  std::string s = FormatNumber(rate * 100.0, max_decimals);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s + " %";
}

std::string CsvField(std::string_view text) {
  std::string s;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) s = "'";
  s += text;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char hex[8];
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) {
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {  // U+0080..U+009F in UTF-8
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(text[++i]));
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace funnel
