// Encodings: UTF-8 with/without BOM, UTF-16 LE/BE, Windows-1252 fallback.
#include <catch2/catch.hpp>

#include "engine/import/lead_import.hpp"
#include "engine/import/text_encoding.hpp"

#include <algorithm>

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

TEST_CASE("UTF-8 evidence: valid multi-byte sequences against invalid bytes", "[encoding]") {
  // "Étape" (É = C3 89), "Créé" (2 × é), and one Latin-1 é (E9) alone.
  const Utf8Evidence mixed = ScanUtf8("\xC3\x89tape,Cr\xC3\xA9\xC3\xA9\nCaf\xE9\n", false);
  CHECK(mixed.valid_multibyte == 3);
  CHECK(mixed.invalid == 1);
  CHECK(LooksLikeUtf8(mixed));
  const Utf8Evidence legacy = ScanUtf8("Ren\xE9,Zo\xEB\n", false);
  CHECK(legacy.valid_multibyte == 0);
  CHECK(legacy.invalid == 2);
  CHECK_FALSE(LooksLikeUtf8(legacy));
  CHECK(LooksLikeUtf8(ScanUtf8("plain", false)));
  // A sample cut inside "€" (E2 82 AC) is not evidence either way; the same bytes at the real
  // end of a file are one invalid sequence.
  CHECK(ScanUtf8("ab\xE2\x82", true).invalid == 0);
  CHECK(ScanUtf8("ab\xE2\x82", false).invalid == 1);
}

TEST_CASE("bad sequences become U+FFFD, NULs go, prefixes never cut a character", "[encoding]") {
  CHECK(ReplaceInvalidUtf8("Caf\xE9!") == "Caf\xEF\xBF\xBD!");
  CHECK(ReplaceInvalidUtf8("a\xE2\x82" "b") == "a\xEF\xBF\xBD" "b");  // cut "€": one U+FFFD
  CHECK(ReplaceInvalidUtf8(std::string("W\0eb", 4)) == "Web");
  CHECK(ReplaceInvalidUtf8("ok \xC3\xA9") == "ok \xC3\xA9");
  CHECK(Utf8Prefix("a\xC3\xA9" "b", 2) == "a");           // would cut é
  CHECK(Utf8Prefix("a\xC3\xA9" "b", 3) == "a\xC3\xA9");
  CHECK(Utf8Prefix("\xF0\x9F\x98\x80", 3).empty());       // would cut 😀
  CHECK(Utf8Prefix("short", 100) == "short");
  size_t resume = 0;
  CHECK(FindNulOrInvalidUtf8("abcdefghijklmnop\xC3\xA9qrs", 0, 21, resume) == std::string_view::npos);
  CHECK(resume == 21);
  CHECK(FindNulOrInvalidUtf8(std::string("abcdefghij\0k", 12), 0, 12, resume) == 10);
  CHECK(resume == 11);
  CHECK(FindNulOrInvalidUtf8("abcdefghijklm\xFFz", 2, 15, resume) == 13);
  // A character that starts before `to` is checked whole: "é" across the end is fine.
  CHECK(FindNulOrInvalidUtf8("ab\xC3\xA9", 0, 3, resume) == std::string_view::npos);
  CHECK(resume == 4);
}

TEST_CASE("one bad byte in a UTF-8 file: the file stays UTF-8, the byte is named", "[encoding][import]") {
  // Before, one Latin-1 byte made the whole file Windows-1252: "Étape" became "Ã‰tape", the
  // stage column was not found and 0 stages were counted.
  const std::string csv =
      "\xC3\x89tape,Date de cr\xC3\xA9" "ation,Source\n"
      "Prospect,2024-01-05,Salon\n"
      "Client,2024-01-06,Caf\xE9\n"
      "Qualifi\xC3\xA9,2024-01-07,Web\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.encoding == "UTF-8");
  REQUIRE(r.report.columns.size() == 3);
  CHECK(r.report.columns[0].name == "\xC3\x89tape");
  CHECK(r.report.mapping.stage_column == "\xC3\x89tape");
  CHECK(r.table.stages == std::vector<std::string>{"Prospect", "Qualifi\xC3\xA9", "Client"});
  CHECK(CountStages(r.table, false).reached == std::vector<uint64_t>{3, 2, 1});
  REQUIRE(r.table.source_names.size() == 3);
  CHECK(r.table.source_names.Display(1) == "Caf\xEF\xBF\xBD");
  const ImportIssue* named = nullptr;
  for (const auto& w : r.report.warnings) {
    if (w.row == 3) named = &w;
  }
  REQUIRE(named != nullptr);
  CHECK(named->column == "Source");
  CHECK(named->line == 3);
  CHECK(named->message.find("not UTF-8") != std::string::npos);
  // Every message is valid UTF-8.
  for (const auto& w : r.report.warnings) CHECK(FindInvalidUtf8(w.message) == std::string_view::npos);
}

TEST_CASE("no UTF-8 in the first megabyte: a later Latin-1 value is read as Windows-1252, by row", "[encoding][import]") {
  std::string csv = "Stage,Created,Source\n";
  while (csv.size() < (size_t{1} << 20) + 100) csv += "Lead,2024-01-05,Web\n";
  const size_t rows_before = 1 + static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
  csv += "Lead,2024-01-06,Caf\xE9\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.encoding == "UTF-8");
  REQUIRE(r.table.source_names.size() == 2);
  CHECK(r.table.source_names.Display(1) == "Caf\xC3\xA9");
  REQUIRE(r.report.warnings_total == 1);
  CHECK(r.report.warnings[0].row == rows_before + 1);
  CHECK(r.report.warnings[0].column == "Source");
  CHECK(r.report.warnings[0].message.find("Windows-1252") != std::string::npos);
}

TEST_CASE("a stray NUL is a warning with its row, before or after the first 4 KB", "[encoding][import]") {
  // Before, a NUL in the first 4 KB refused the whole file as "binary (an Excel workbook?)".
  for (const size_t filler_rows : {size_t{0}, size_t{300}}) {
    CAPTURE(filler_rows);
    std::string csv = "Stage,Created,Source,Notes\n";
    for (size_t i = 0; i < filler_rows; ++i) csv += "Lead,2024-01-05,Ads,fine\n";
    csv += std::string("MQL,2024-01-06,W\0eb,ok\n", 23);
    csv += std::string("Lead,2024-01-07,Web,bad\0note\n", 29);
    auto r = ImportLeads(csv);
    REQUIRE_FALSE(r.report.fatal);
    CHECK(r.report.rows_imported == filler_rows + 2);
    const size_t first = filler_rows + 2;  // spreadsheet row of the MQL line
    std::vector<std::pair<size_t, std::string>> named;
    for (const auto& w : r.report.warnings) {
      if (w.message.find("NUL") != std::string::npos) named.emplace_back(w.row, w.column);
    }
    CHECK(named == std::vector<std::pair<size_t, std::string>>{{first, "Source"}, {first + 1, "Notes"}});
    // The NUL is not part of the source: "W\0eb" is "Web".
    size_t web = 0;
    for (uint32_t c = 0; c < r.table.source_names.size(); ++c) web += r.table.source_names.Display(c) == "Web";
    CHECK(web >= 1);
  }
}

TEST_CASE("real binary files are still refused, by their magic number or their control bytes", "[encoding][import]") {
  CHECK(BinaryKind(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest") != nullptr);
  CHECK(BinaryKind("%PDF-1.7\n...") != nullptr);
  CHECK(BinaryKind(std::string("Stage,Created\nLead,2024\0-01-01\n", 31)) == nullptr);
  std::string noise;
  for (int i = 0; i < 2000; ++i) noise += static_cast<char>((i * 37) % 256);
  CHECK(BinaryKind(noise) != nullptr);
  auto xls = ImportLeads(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12) + "Stage,Created\n");
  CHECK(xls.report.fatal);
  CHECK(xls.report.errors[0].message.find(".xls") != std::string::npos);
  auto pdf = ImportLeads("%PDF-1.4\nStage,Created\nLead,2024-01-01\n");
  CHECK(pdf.report.fatal);
  CHECK(pdf.report.errors[0].message.find("PDF") != std::string::npos);
}

TEST_CASE("a web page or an XML spreadsheet saved as .xls is refused with what it is, not read as rows", "[encoding][import]") {
  // Many CRMs' "Export to Excel" (Salesforce's formatted reports among them) save an HTML table
  // with an .xls name; read as CSV it gave "Only a header row was found".
  const std::string html = "\xEF\xBB\xBF\r\n  <HTML xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head></head><body>"
                           "<table><tr><th>Lead Status</th><th>Create Date</th></tr>"
                           "<tr><td>Open</td><td>3/14/2025</td></tr></table></body></html>\n";
  auto page = ImportLeads(html, {});
  REQUIRE(page.report.fatal);
  CHECK(page.report.errors[0].message.find("web page (HTML") != std::string::npos);
  CHECK(page.report.errors[0].message.find("Download > CSV") != std::string::npos);  // what to do
  CHECK(page.table.rows == 0);
  CHECK(MarkupKind("<!DOCTYPE html>\n<table>") != nullptr);
  CHECK(MarkupKind("<table border=1><tr><td>Stage</td></tr></table>") != nullptr);

  const std::string xml = "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
                          "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet/></Workbook>\n";
  auto sheet = ImportLeads(xml, {});
  REQUIRE(sheet.report.fatal);
  CHECK(sheet.report.errors[0].message.find("Excel XML spreadsheet (2003 format)") != std::string::npos);
  CHECK(std::string(MarkupKind("<?xml version=\"1.0\"?><leads/>")) == "an XML file");

  // Text whose first cell merely starts with "<" is still read as rows.
  CHECK(MarkupKind("<b>Stage</b>,Created\nLead,2024-01-05\n") == nullptr);
  CHECK(MarkupKind("Stage,Created\n<html>,2024-01-05\n") == nullptr);  // only the first tag counts
  auto rows = ImportLeads("<5 employees,Stage,Created\nyes,Lead,2024-01-05\n", {});
  CHECK_FALSE(rows.report.fatal);
  CHECK(rows.report.rows_imported == 1);
}

TEST_CASE("Excel for Mac's CSV (Mac Roman) is read as Mac Roman, not Windows-1252", "[encoding][import]") {
  // É = 83, é = 8E in Mac Roman. Read as Windows-1252 they were "ƒtape" and "QualifiŽ": no stage
  // column was found and nothing was counted.
  const std::string csv =
      "\x83tape,Date de cr\x8E" "ation,Source\n"
      "Prospect,2024-01-05,Salon\n"
      "Qualifi\x8E,2024-01-06,Web\n"
      "Client,2024-01-07,Web\n";
  auto r = ImportLeads(csv);
  CHECK(r.report.encoding == "Mac Roman");
  REQUIRE(r.report.columns.size() == 3);
  CHECK(r.report.columns[0].name == "\xC3\x89tape");
  CHECK(r.table.stages == std::vector<std::string>{"Prospect", "Qualifi\xC3\xA9", "Client"});
  CHECK(CountStages(r.table, false).reached == std::vector<uint64_t>{3, 2, 1});
  CHECK(MacRomanToUtf8("\x8A\x9A\x9F\xA7") == "\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F");  // äöüß
  // Windows-1252 text (é = E9) and its curly apostrophe (92) stay Windows-1252.
  CHECK_FALSE(LooksLikeMacRoman("Ren\xE9 don\x92t caf\xE9"));
  CHECK_FALSE(LooksLikeMacRoman("we don\x92t know, it\x92s \x93" "fine\x94"));  // no accents, only quotes
  CHECK(LooksLikeMacRoman("Ren\x8E caf\x8E M\x9Fller"));
  auto w = ImportLeads("Note,Stage\nwe don\x92t know,Lead\nit\x92s,Lead\n");
  CHECK(w.report.encoding == "Windows-1252");
}
