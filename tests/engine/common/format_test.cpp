#include <catch2/catch.hpp>

#include <limits>

#include "engine/common/format.hpp"

using funnel::FormatMoney;
using funnel::FormatNumber;
using funnel::FormatPercent;

TEST_CASE("numbers get thousands separators", "[format]") {
  CHECK(FormatNumber(0, 0) == "0");
  CHECK(FormatNumber(999, 0) == "999");
  CHECK(FormatNumber(1000, 0) == "1,000");
  CHECK(FormatNumber(53333.333, 2) == "53,333.33");
  CHECK(FormatNumber(1234567.891, 2) == "1,234,567.89");
  CHECK(FormatNumber(-1234.5, 1) == "-1,234.5");
  CHECK(FormatNumber(-0.001, 0) == "0");
  CHECK(FormatNumber(999.999, 2) == "1,000.00");
}

TEST_CASE("never prints nan or inf", "[format]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(FormatNumber(nan, 2).find("nan") == std::string::npos);
  CHECK(FormatNumber(inf, 0).find("inf") == std::string::npos);
  CHECK(FormatPercent(nan).find("nan") == std::string::npos);
  CHECK(FormatMoney(inf, "USD").find("inf") == std::string::npos);
}

TEST_CASE("money uses the currency's symbol or code", "[format]") {
  CHECK(FormatMoney(1'000'000, "USD") == "$1,000,000");
  CHECK(FormatMoney(25'000.5, "EUR", 2) == "\xE2\x82\xAC" "25,000.50");
  CHECK(FormatMoney(-300, "GBP") == "-\xC2\xA3" "300");
  CHECK(FormatMoney(1500, "SEK") == "1,500 SEK");
}

TEST_CASE("percentages drop trailing zeros", "[format]") {
  CHECK(FormatPercent(0.025) == "2.5 %");
  CHECK(FormatPercent(0.4) == "40 %");
  CHECK(FormatPercent(1.0) == "100 %");
  CHECK(FormatPercent(0.12345) == "12.35 %");
  CHECK(FormatPercent(0.0) == "0 %");
}

TEST_CASE("CSV fields: formulas defused, separators and line breaks quoted", "[format]") {
  using funnel::CsvField;
  CHECK(CsvField("Lead") == "Lead");
  CHECK(CsvField("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0");
  CHECK(CsvField("+1") == "'+1");
  CHECK(CsvField("-2") == "'-2");
  CHECK(CsvField("@SUM(A1)") == "'@SUM(A1)");
  CHECK(CsvField("\tx") == "'\tx");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("line\rbreak") == "\"line\rbreak\"");
  CHECK(CsvField("\rx") == "\"'\rx\"");
  CHECK(CsvField("") == "");
}

TEST_CASE("terminal text: control characters shown as \\xNN, text and line feeds kept", "[format]") {
  using funnel::TerminalSafe;
  CHECK(TerminalSafe("Lead \xE2\x86\x92 MQL\n") == "Lead \xE2\x86\x92 MQL\n");
  CHECK(TerminalSafe("\x1b[31mred") == "\\x1b[31mred");
  CHECK(TerminalSafe("a\rb\tc\x7f") == "a\\x0db\\x09c\\x7f");
  CHECK(TerminalSafe("csi \xC2\x9B" "2J") == "csi \\x9b2J");  // U+009B, the one-byte CSI
  CHECK(TerminalSafe("\xC2\xA3" "5") == "\xC2\xA3" "5");      // £ is text
}
