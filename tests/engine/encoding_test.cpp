// Encodings: UTF-8 with/without BOM, UTF-16 LE/BE, Windows-1252 fallback.
#include <catch2/catch.hpp>

#include "engine/lead_import.hpp"
#include "engine/text_encoding.hpp"

using namespace funnel;

namespace {
std::string ToUtf16(std::string_view ascii_or_utf8, bool big_endian, bool bom) {
  // Test inputs are ASCII plus "é" (U+00E9) and "€" (U+20AC).
  std::u16string u;
  for (size_t i = 0; i < ascii_or_utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(ascii_or_utf8[i]);
    if (c == 0xC3) { u += char16_t(0xC0 | (static_cast<unsigned char>(ascii_or_utf8[++i]) & 0x3F)); }
    else if (c == 0xE2) { u += char16_t(0x20AC); i += 2; }
    else u += char16_t(c);
  }
  std::string out;
  if (bom) out += big_endian ? std::string("\xFE\xFF") : std::string("\xFF\xFE");
  for (char16_t ch : u) {
    const char hi = static_cast<char>(ch >> 8), lo = static_cast<char>(ch & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  }
  return out;
}
const std::string kCsv = "Name\tStage\nRené\tCustomer\nZoe\tLead\n";
}  // namespace

TEST_CASE("encoding detection", "[encoding]") {
  CHECK(DetectEncoding("a,b\n") == TextEncoding::kUtf8);
  CHECK(DetectEncoding("\xEF\xBB\xBF" "a,b\n") == TextEncoding::kUtf8Bom);
  CHECK(DetectEncoding(ToUtf16(kCsv, false, true)) == TextEncoding::kUtf16Le);
  CHECK(DetectEncoding(ToUtf16(kCsv, true, true)) == TextEncoding::kUtf16Be);
  CHECK(DetectEncoding(ToUtf16(kCsv, false, false)) == TextEncoding::kUtf16Le);
  CHECK(DetectEncoding(ToUtf16(kCsv, true, false)) == TextEncoding::kUtf16Be);
}

TEST_CASE("UTF-16 converts to the same UTF-8", "[encoding]") {
  CHECK(Utf16ToUtf8(ToUtf16(kCsv, false, true), false) == kCsv);
  CHECK(Utf16ToUtf8(ToUtf16(kCsv, true, false), true) == kCsv);
  CHECK(Utf16ToUtf8(std::string("\x3D\xD8\x00\xDE", 4), false) == "\xF0\x9F\x98\x80");  // 😀 pair
  CHECK(Utf16ToUtf8(std::string("\x3D\xD8", 2), false) == "\xEF\xBF\xBD");  // lone surrogate
}

TEST_CASE("invalid UTF-8 is found", "[encoding]") {
  CHECK(FindInvalidUtf8("plain ascii, long enough to use the fast path") == std::string_view::npos);
  CHECK(FindInvalidUtf8("Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80") == std::string_view::npos);
  CHECK(FindInvalidUtf8("abc\xE9" "def") == 3);         // Latin-1 é
  CHECK(FindInvalidUtf8("\xC0\xAF") == 0);               // overlong
  CHECK(FindInvalidUtf8("\xED\xA0\x80") == 0);           // surrogate
  CHECK(FindInvalidUtf8("ok\xE2\x82") == 2);             // truncated
  CHECK(Windows1252ToUtf8("caf\xE9 \x80" "5") == "caf\xC3\xA9 \xE2\x82\xAC" "5");
}

TEST_CASE("every encoding imports the same leads", "[encoding][import]") {
  const std::vector<std::string> inputs = {kCsv, "\xEF\xBB\xBF" + kCsv, ToUtf16(kCsv, false, true),
                                           ToUtf16(kCsv, true, true), ToUtf16(kCsv, false, false)};
  for (const auto& bytes : inputs) {
    auto r = ImportLeads(bytes);
    CAPTURE(r.report.encoding);
    REQUIRE_FALSE(r.report.fatal);
    CHECK(r.report.rows_imported == 2);
    REQUIRE(r.report.columns.size() == 2);
    CHECK(r.report.columns[0].name == "Name");  // BOM not glued to the first header
    CHECK(r.report.columns[1].role == "current stage");
  }
}

TEST_CASE("Windows-1252 files import with a warning", "[encoding][import]") {
  auto r = ImportLeads("Name,Stage\nRen\xE9,Lead\n");
  CHECK(r.report.encoding == "Windows-1252");
  CHECK(r.report.rows_imported == 1);
  REQUIRE(r.report.warnings_total >= 1);
  CHECK(r.report.warnings[0].message.find("Windows-1252") != std::string::npos);
}

TEST_CASE("a binary file is refused with advice", "[encoding][import]") {
  auto r = ImportLeads(std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "workbook");
  CHECK(r.report.fatal);
  CHECK(r.report.errors[0].message.find("xlsx") != std::string::npos);
}
