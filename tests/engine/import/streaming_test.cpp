// The import read in slices (a file read piece by piece, in the page or the CLI) gives exactly
// what reading it whole gives, wherever the slices are cut: inside a character of UTF-16 or
// UTF-8, inside a quoted value with a line break, between \r and \n, inside the BOM.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "engine/import/lead_import.hpp"
#include "engine/import/synthetic_export.hpp"

using namespace funnel;

namespace {

ImportResult Streamed(std::string_view bytes, size_t slice, ImportOptions options = {}) {
  options.total_bytes = bytes.size();
  LeadImporter importer(options);
  for (size_t at = 0; at < bytes.size(); at += slice) {
    importer.Feed(bytes.substr(at, slice));
    // Step in small budgets, as the page does between frames.
    while (!importer.done() && !importer.needs_input()) importer.Step(4096);
  }
  return importer.Finish();
}

void RequireSameIssues(const std::vector<ImportIssue>& a, const std::vector<ImportIssue>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("issue " << i << ": " << a[i].message << " | " << b[i].message);
    CHECK(a[i].row == b[i].row);
    CHECK(a[i].line == b[i].line);
    CHECK(a[i].column == b[i].column);
    CHECK(a[i].message == b[i].message);
  }
}

template <typename T>
bool SameValues(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a[i]) != std::isnan(b[i]) || (!std::isnan(a[i]) && a[i] != b[i])) return false;
    } else if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

void RequireSame(const ImportResult& whole, const ImportResult& part) {
  const ImportReport& a = whole.report;
  const ImportReport& b = part.report;
  CHECK(a.encoding == b.encoding);
  CHECK(a.delimiter == b.delimiter);
  CHECK(a.preset == b.preset);
  CHECK(a.bytes == b.bytes);
  CHECK(a.rows_read == b.rows_read);
  CHECK(a.rows_imported == b.rows_imported);
  CHECK(a.rows_rejected == b.rows_rejected);
  CHECK(a.rows_skipped == b.rows_skipped);
  CHECK(a.blank_lines == b.blank_lines);
  CHECK(a.fatal == b.fatal);
  CHECK(a.errors_total == b.errors_total);
  CHECK(a.warnings_total == b.warnings_total);
  RequireSameIssues(a.errors, b.errors);
  RequireSameIssues(a.warnings, b.warnings);
  REQUIRE(a.columns.size() == b.columns.size());
  for (size_t i = 0; i < a.columns.size(); ++i) {
    CHECK(a.columns[i].name == b.columns[i].name);
    CHECK(a.columns[i].type == b.columns[i].type);
    CHECK(a.columns[i].detail == b.columns[i].detail);
  }
  CHECK(a.unknown_stage_values == b.unknown_stage_values);
  const LeadTable& s = whole.table;
  const LeadTable& t = part.table;
  CHECK(s.rows == t.rows);
  CHECK(s.stages == t.stages);
  CHECK(SameValues(s.stage, t.stage));
  CHECK(SameValues(s.lost, t.lost));
  REQUIRE(s.stage_date.size() == t.stage_date.size());
  for (size_t k = 0; k < s.stage_date.size(); ++k) CHECK(SameValues(s.stage_date[k], t.stage_date[k]));
  CHECK(SameValues(s.created, t.created));
  CHECK(SameValues(s.closed, t.closed));
  CHECK(SameValues(s.source, t.source));
  CHECK(s.source_names.names() == t.source_names.names());
  CHECK(SameValues(s.owner, t.owner));
  CHECK(SameValues(s.amount, t.amount));
}

void CheckSlices(const std::string& bytes, std::initializer_list<size_t> slices) {
  const ImportResult whole = ImportLeads(bytes);
  for (size_t slice : slices) {
    INFO("slices of " << slice << " bytes");
    RequireSame(whole, Streamed(bytes, slice));
  }
}

std::string Utf16(std::string_view utf8, bool big_endian, bool bom) {
  // ASCII and Latin-1 letters (2-byte UTF-8) and one emoji (a surrogate pair).
  std::u32string cps;
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) { cps += c; i += 1; }
    else if ((c & 0xE0) == 0xC0) { cps += char32_t(((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F)); i += 2; }
    else if ((c & 0xF0) == 0xE0) {
      cps += char32_t(((c & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F));
      i += 3;
    } else {
      cps += char32_t(((c & 0x07) << 18) | ((utf8[i + 1] & 0x3F) << 12) | ((utf8[i + 2] & 0x3F) << 6) |
                      (utf8[i + 3] & 0x3F));
      i += 4;
    }
  }
  std::string out;
  auto unit = [&](uint32_t u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  };
  if (bom) unit(0xFEFF);
  for (char32_t cp : cps) {
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

// A small export with what files really hold: a title line, CRLF line ends, quoted values with
// line breaks and doubled quotes, accented and 4-byte characters, a bad date, a repeated
// header, a total line, a row with a quote left open, and a placeholder date years away.
const std::string kAwkward =
    "Q3 leads report\r\n"
    "Lifecycle Stage,Create Date,Original Source,Amount,Notes\r\n"
    "Lead,2024-01-05,Google Ads,100,\"two\r\nlines\"\r\n"
    "Customer,2024-01-07,Caf\xC3\xA9 Fran\xC3\xA7" "ais \xF0\x9F\x98\x80,\"1,200\",\"said \"\"yes\"\" \xF0\x9F\x98\x80\"\r\n"
    "\r\n"
    "MQL,not a date,Webinar,5,\r\n"
    "Lifecycle Stage,Create Date,Original Source,Amount,Notes\r\n"
    "SQL,2024-02-01,Google Ads,7,ok\r\n"
    "Lead,1900-01-01,Events,,placeholder\r\n"
    "Opportunity,2024-02-03,Events,9,\"open quote\r\n"
    "Lead,2024-02-04,Referral,1,last\r\n"
    "Total,,,1322,\r\n";

// kAwkward's rows again after a megabyte of plain rows: the first megabyte decides the
// encoding and is read at once, so only what comes after it is read slice by slice.
std::string AwkwardPastFirstMegabyte() {
  std::string text = kAwkward;
  text.resize(text.rfind("Total,"));  // the total goes last
  while (text.size() < (size_t{1} << 20) + 50000) text += "Lead,2024-03-01,Google Ads,10,filler row\r\n";
  text += kAwkward.substr(kAwkward.find("\r\n", kAwkward.find("Lifecycle")) + 2);
  return text;
}

}  // namespace

TEST_CASE("an export read in slices of any size imports as it does whole") {
  const std::string text = AwkwardPastFirstMegabyte();
  REQUIRE(ImportLeads(text).report.warnings_total >= 6);
  REQUIRE(ImportLeads(text).report.rows_rejected == 1);
  CheckSlices(text, {1, 2, 3, 7, 64});
}

TEST_CASE("UTF-16 files read in slices: characters and surrogate pairs cut between slices") {
  for (bool big_endian : {false, true}) {
    for (bool bom : {true, false}) {
      INFO((big_endian ? "UTF-16 BE" : "UTF-16 LE") << (bom ? " with BOM" : ""));
      const std::string bytes = Utf16(AwkwardPastFirstMegabyte(), big_endian, bom);
      REQUIRE(ImportLeads(bytes).report.encoding == (big_endian ? "UTF-16 BE" : "UTF-16 LE"));
      CheckSlices(bytes, {1, 3, 5, 64});
    }
  }
}

TEST_CASE("a UTF-8 BOM, Windows-1252 and Mac Roman read in slices") {
  CheckSlices("\xEF\xBB\xBF" + AwkwardPastFirstMegabyte(), {1, 5});
  CheckSlices("\xEF\xBB\xBF" + kAwkward, {1, 2});  // the BOM cut between slices
  auto legacy = [](const char* cafe, const char* munich) {
    std::string text = "Stage,Created,Source\n";
    while (text.size() < (size_t{3} << 19)) {
      text += std::string("Lead,2024-01-05,") + cafe + "\nCustomer,2024-01-09," + munich + "\n";
    }
    return text;
  };
  const std::string latin = legacy("Caf\xE9", "M\xFCnchen");
  REQUIRE(ImportLeads(latin).report.encoding == "Windows-1252");
  CheckSlices(latin, {1, 4});
  const std::string mac = legacy("Caf\x8E", "M\x9Fnchen");
  REQUIRE(ImportLeads(mac).report.encoding == "Mac Roman");
  CheckSlices(mac, {1, 4});
}

TEST_CASE("bytes that are not UTF-8 and NULs are named by the same row and line in slices") {
  std::string text = "Stage,Created,Source\n";
  while (text.size() < (size_t{1} << 20) + 1000) text += "Lead,2024-01-05,Caf\xC3\xA9\n";  // UTF-8 evidence
  text += "Lead,2024-01-06,Bad \xFF byte\nLead,2024-01-07,Nul";
  text.push_back('\0');
  text += "x\n\n";
  for (int i = 0; i < 200; ++i) text += "Lead,2024-01-08,Caf\xC3\xA9 \xE2\x82\xAC\n";  // characters cut by slices
  const ImportResult whole = ImportLeads(text);
  REQUIRE(whole.report.warnings_total >= 2);
  CheckSlices(text, {1, 3, 17, 23, 64});
}

TEST_CASE("generated CRM exports of several megabytes, in slices as the page and the CLI read them") {
  // Past the first megabyte (the encoding is decided there) and the 4 MB slices of a view.
  for (ExportShape shape : AllExportShapes()) {
    SyntheticOptions o;
    o.shape = shape;
    o.rows = 60000;
    o.seed = 7;
    const std::string bytes = GenerateExport(o);
    INFO(ExportShapeName(shape) << ", " << bytes.size() << " bytes");
    REQUIRE(bytes.size() > (size_t{4} << 20));
    CheckSlices(bytes, {65536 + 3, size_t{1} << 20});
  }
}

TEST_CASE("the sample waits for whole rows: rows longer than the first megabyte's share") {
  // 1,000 sample rows of 2 KB each: the sample spans 2 MB, more than the text that decides the
  // encoding; reading it in slices must not cut the sample short.
  std::string text = "Stage,Created,Amount,Notes\n";
  for (int i = 0; i < 1500; ++i) {
    text += (i % 3 == 0 ? "Customer" : "Lead");
    text += ",2024-01-" + std::to_string(10 + i % 18) + "," + std::to_string(i) + "," + std::string(2000, 'x') + "\n";
  }
  CheckSlices(text, {4096, 100000});
}

TEST_CASE("progress rises to 1 and the importer asks for input only when it has read what it has") {
  SyntheticOptions o;
  o.rows = 20000;
  const std::string bytes = GenerateExport(o);
  ImportOptions options;
  options.total_bytes = bytes.size();
  LeadImporter importer(options);
  double last = 0.0;
  size_t feeds = 0;
  for (size_t at = 0; at < bytes.size(); at += 100000) {
    importer.Feed(std::string_view(bytes).substr(at, 100000));
    ++feeds;
    while (!importer.needs_input()) {
      const double p = importer.Step(50000);
      CHECK(p >= last - 1e-12);
      last = p;
    }
    // All that was given is read (less a record cut by the slice's end), once the first
    // megabyte, which decides the encoding, is in.
    const double given = std::min(1.0, double(at + 100000) / double(bytes.size()));
    CHECK(importer.progress() == Approx(at + 100000 < (size_t{1} << 20) ? 0.0 : given).margin(0.002));
  }
  CHECK(feeds == (bytes.size() + 99999) / 100000);
  const ImportResult r = importer.Finish();
  CHECK(r.report.rows_imported == 20000);
  CHECK(r.report.bytes == bytes.size());
}

TEST_CASE("empty input fed in slices is refused as empty") {
  LeadImporter importer(ImportOptions{});
  importer.Feed("");
  const ImportResult r = importer.Finish();
  REQUIRE(r.report.fatal);
  CHECK(r.report.errors[0].message.find("empty") != std::string::npos);
}
