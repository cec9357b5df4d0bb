// XlsxReader: Excel workbooks → the TSV text web/xlsx.js makes, streamed. The workbooks are
// written here (a minimal zip, stored or deflated with zlib). xlsx_same_as_browser.mjs compares
// the reader with xlsx.js itself on many more, and on workbooks written by openpyxl.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/import/xlsx_reader.hpp"

using namespace funnel;

namespace {
using Files = std::vector<std::pair<std::string, std::string>>;

std::string Deflate(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
void Put16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void Put32(std::string& s, uint32_t v) {
  Put16(s, v & 0xFFFF);
  Put16(s, v >> 16);
}
// A zip file of `files`, each stored (method 0) or deflated (method 8). `sheet_packed` edits
// the sheet's packed bytes (to damage them).
std::string Zip(const Files& files, bool deflate, void (*sheet_packed)(std::string&) = nullptr) {
  std::string body, dir;
  for (const auto& [name, data] : files) {
    std::string packed = deflate ? Deflate(data) : data;
    if (sheet_packed && name == "xl/worksheets/sheet1.xml") sheet_packed(packed);
    const auto crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto offset = static_cast<uint32_t>(body.size());
    const uint32_t method = deflate ? 8 : 0;
    Put32(body, 0x04034b50);
    Put16(body, 20), Put16(body, 0), Put16(body, method), Put16(body, 0), Put16(body, 0);
    Put32(body, crc), Put32(body, static_cast<uint32_t>(packed.size())), Put32(body, static_cast<uint32_t>(data.size()));
    Put16(body, static_cast<uint32_t>(name.size())), Put16(body, 0);
    body += name + packed;
    Put32(dir, 0x02014b50);
    Put16(dir, 20), Put16(dir, 20), Put16(dir, 0), Put16(dir, method), Put16(dir, 0), Put16(dir, 0);
    Put32(dir, crc), Put32(dir, static_cast<uint32_t>(packed.size())), Put32(dir, static_cast<uint32_t>(data.size()));
    Put16(dir, static_cast<uint32_t>(name.size())), Put16(dir, 0), Put16(dir, 0), Put16(dir, 0), Put16(dir, 0);
    Put32(dir, 0), Put32(dir, offset);
    dir += name;
  }
  std::string out = body + dir;
  Put32(out, 0x06054b50);
  Put16(out, 0), Put16(out, 0);
  Put16(out, static_cast<uint32_t>(files.size())), Put16(out, static_cast<uint32_t>(files.size()));
  Put32(out, static_cast<uint32_t>(dir.size())), Put32(out, static_cast<uint32_t>(body.size()));
  Put16(out, 0);
  return out;
}

const char* kNs = R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
// Styles: 0 General, 1 a built-in date (14), 2 a custom date-time, 3 a number (4), 4 a custom
// format with letters only inside quotes (not a date).
const std::string kStyles = std::string("<styleSheet ") + kNs + R"(><numFmts count="2">)" +
    R"(<numFmt numFmtId="164" formatCode="yyyy\-mm\-dd hh:mm"/><numFmt numFmtId="165" formatCode="&quot;days&quot; 0.0"/></numFmts>)" +
    R"(<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/><xf numFmtId="165"/></cellXfs></styleSheet>)";

struct Book {
  std::string rows;                  // <row> elements of the sheet
  std::string before_rows;           // markup before <sheetData> (and before the shared strings)
  std::vector<std::string> strings;  // shared string items (<si> bodies)
  bool date1904 = false;
  std::string workbook;  // replaces the default xl/workbook.xml when set
};
Files BookFiles(const Book& b) {
  Files f;
  f.emplace_back("[Content_Types].xml", "<Types/>");
  f.emplace_back("xl/workbook.xml", !b.workbook.empty() ? b.workbook
      : std::string("<workbook ") + kNs + ">" + (b.date1904 ? R"(<workbookPr date1904="1"/>)" : "") +
        R"(<sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>)");
  f.emplace_back("xl/_rels/workbook.xml.rels",
                 R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)");
  f.emplace_back("xl/styles.xml", kStyles);
  if (!b.strings.empty()) {
    std::string sst = std::string("<sst ") + kNs + ">" + b.before_rows;
    for (const auto& s : b.strings) sst += "<si>" + s + "</si>";
    f.emplace_back("xl/sharedStrings.xml", sst + "</sst>");
  }
  f.emplace_back("xl/worksheets/sheet1.xml",
                 std::string("<worksheet ") + kNs + ">" + b.before_rows + "<sheetData>" + b.rows + "</sheetData></worksheet>");
  return f;
}

// All of the sheet's text, read with Next(max_bytes); checks every call appends whole rows.
std::string ReadAll(std::string_view workbook, size_t max_bytes, std::string* error = nullptr) {
  XlsxReader reader(workbook);
  std::string text, chunk;
  while (reader.Next(chunk, max_bytes)) {
    CHECK((chunk.empty() || chunk.back() == '\n'));
    text += chunk;
    chunk.clear();
  }
  CHECK(chunk.empty());  // the call that returns false appends nothing
  if (error) *error = reader.error();
  else CHECK(reader.error() == "");
  return text;
}
std::string Read(const Book& b, bool deflate = true) { return ReadAll(Zip(BookFiles(b), deflate), 1 << 20); }
}  // namespace

TEST_CASE("LooksLikeXlsx: a zip file, the same test as xlsx.js isXlsx", "[xlsx]") {
  const std::string book = Zip(BookFiles({}), false);
  CHECK(LooksLikeXlsx(book));
  CHECK_FALSE(LooksLikeXlsx("Name,Stage\nAda,Lead\n"));
  CHECK_FALSE(LooksLikeXlsx(std::string("PK\3\4", 4)));             // too short for a workbook
  CHECK(LooksLikeXlsx(std::string("PK\3\4", 4) + std::string(27, 'x')));  // 31 bytes: xlsx.js says yes too
  CHECK_FALSE(LooksLikeXlsx(std::string("PK\5\6", 4) + std::string(40, 'x')));  // an empty zip's end record
}

TEST_CASE("cells: shared and inline strings, numbers, booleans, errors", "[xlsx]") {
  Book b;
  b.strings = {"<t>Name</t>", "<t>Stage</t>", "<r><rPr><b/></rPr><t>Ada </t></r><r><t>Lovelace</t></r>",
               R"(<t>Won</t><rPh sb="0" eb="1"><t>ウォン</t></rPh>)", "<t/>"};
  b.rows = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Score</t></is></c>)"
           R"(<c r="D1" t="inlineStr"><is><t>Opted out</t></is></c><c r="E1" t="str"><v>Note</v></c></row>)"
           R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>0.35000000000000003</v></c>)"
           R"(<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>)"
           R"(<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>9</v></c><c r="C3" s="3"><v>1234567890123445</v></c>)"
           R"(<c r="D3" t="b"><v>0</v></c><c r="E3"><v>1E-7</v></c></row>)";
  CHECK(Read(b) ==
        "Name\tStage\tScore\tOpted out\tNote\n"
        "Ada Lovelace\tWon\t0.35\tTRUE\t\n"            // rich text runs joined; no phonetic guide; #N/A empty
        "\t\t1234567890123450\tFALSE\t0.0000001\n");  // 15 digits, a tie rounded up as JavaScript does; no exponent
  XlsxReader reader(Zip(BookFiles(b), true));
  CHECK(reader.sheet_name() == "Leads");
  CHECK(reader.sheet_count() == 1);
}

TEST_CASE("dates: date formats become 2024-03-05 or 2024-03-05 14:30, also in the 1904 system", "[xlsx]") {
  Book b;
  b.rows = R"(<row r="1"><c s="1"><v>45356</v></c><c s="2"><v>45356.6041666667</v></c><c s="2"><v>45356.99999</v></c>)"
           R"(<c s="1"><v>0.5</v></c><c s="4"><v>45356</v></c><c s="3"><v>45356.5</v></c><c s="1"><v>x</v></c></row>)";
  // 45356 = 2024-03-05; .6041666667 = 14:30; 23:59:59 rounds to the next minute but keeps its day;
  // a time alone is a time on day 0; "days" is inside quotes: a number; a date cell that is not
  // a number is empty (xlsx.js: an invalid Date), so the row ends before it.
  CHECK(Read(b) == "2024-03-05\t2024-03-05 14:30\t2024-03-05\t1899-12-30 12:00\t45356\t45356.5\n");
  b.date1904 = true;  // the same serial is 4 years and a day later
  CHECK(Read(b) == "2028-03-06\t2028-03-06 14:30\t2028-03-06\t1904-01-01 12:00\t45356\t45356.5\n");
}

TEST_CASE("escaping: tabs, line breaks and quotes are quoted; entities and _xHHHH_ decoded", "[xlsx]") {
  Book b;
  b.strings = {"<t>tab\there</t>", "<t>two\nlines</t>", R"(<t>say "hi"</t>)", "<t>Q3 &amp; Q4 &lt;budget&gt; &#233;&#x20AC;</t>",
               "<t>cr_x000D_lf_x000A_</t>", "<t>_xD83D__xDE00_ &#xD800;!</t>"};
  b.rows = R"(<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c t="s"><v>5</v></c></row>)"
           R"(<row r="2"><c t="inlineStr"><is><t>a&quot;b</t></is></c><c t="str"><v>&#9;</v></c></row>)";
  CHECK(Read(b) ==
        "\"tab\there\"\t\"two\nlines\"\t\"say \"\"hi\"\"\"\tQ3 & Q4 <budget> \xC3\xA9\xE2\x82\xAC\t\"cr\rlf\n\"\t"
        "\xF0\x9F\x98\x80 \xEF\xBF\xBD!\n"  // a surrogate pair joins; a lone surrogate is U+FFFD (TextEncoder)
        "\"a\"\"b\"\t\"\t\"\t\t\t\t\n");
}

TEST_CASE("rows: missing rows stay empty lines, trailing ones go, short rows are padded", "[xlsx]") {
  Book b;
  b.rows = R"(<row r="2"><c r="A2"><v>1</v></c></row><row r="5"><c r="C5"><v>3</v></c><c r="D5" t="e"><v>#N/A</v></c></row>)"
           R"(<row r="3"><c r="A3"><v>out of order</v></c></row><row r="6"><c r="A6" t="str"><v></v></c></row><row r="8"/>)";
  // Rows 1, 3 and 4 are missing: empty lines (row 3 comes after row 5: skipped); rows 6–8 are
  // empty at the end: dropped. Rows with cells are padded to the widest (3 columns; #N/A is empty).
  CHECK(Read(b) == "\n1\t\t\n\n\n\t\t3\n");
  b.rows.clear();
  CHECK(Read(b) == "\n");  // no rows at all: one line break, as xlsx.js gives
}

TEST_CASE("streaming: any step size gives the same text, cells cut across chunks", "[xlsx]") {
  // Larger than the reader's 256 KB inflate chunk, with rows of different lengths so that tags,
  // entities and multi-byte characters fall on chunk boundaries; `expected` is built beside it.
  Book b;
  b.strings = {"<t>Stage</t>", "<t>Marketing &amp; Sales Qualified Lead</t>", "<t>Zo\xC3\xAB \xE2\x82\xAC</t>"};
  const char* stages[] = {"Stage", "Marketing & Sales Qualified Lead", "Zo\xC3\xAB \xE2\x82\xAC"};
  std::string expected;
  for (int r = 1; r <= 6000; ++r) {
    const std::string n = std::to_string(r), x(static_cast<size_t>(r % 17), 'x');
    b.rows += "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"s\"><v>" + std::to_string(r % 3) + "</v></c>";
    b.rows += "<c r=\"B" + n + "\"><v>" + n + ".25</v></c>";
    b.rows += "<c r=\"C" + n + "\" t=\"inlineStr\"><is><t>" + x + " &lt;" + n + "&gt;</t></is></c>";
    if (r % 5 == 0) b.rows += "<c r=\"F" + n + "\"><v>" + n + ".5</v></c>";
    b.rows += "</row>";
    expected += std::string(stages[r % 3]) + "\t" + n + ".25\t" + x + " <" + n + ">\t\t\t" + (r % 5 == 0 ? n + ".5" : "") + "\n";
  }
  for (const bool deflate : {true, false}) {
    const std::string book = Zip(BookFiles(b), deflate);
    REQUIRE(b.rows.size() > 3 * 256 * 1024);  // the sheet spans several inflate chunks
    CHECK(ReadAll(book, size_t(1) << 30) == expected);
    CHECK(ReadAll(book, 1) == expected);
    CHECK(ReadAll(book, 7) == expected);
    CHECK(ReadAll(book, 4096) == expected);
  }
}

TEST_CASE("chunk boundaries: a tag, entity or character cut anywhere reads the same", "[xlsx]") {
  // The reader inflates 256 KB at a time. Padding before the rows and before the shared strings
  // moves those boundaries across every byte of a row and of a string item in turn.
  Book b;
  for (int i = 0; i < 2400; ++i) {
    const std::string n = std::to_string(i);
    b.strings.push_back("<t>Lead &amp; \xE2\x82\xAC" + n + "</t>");
    const std::string p = i % 2 ? "x:" : "";  // namespace prefixes on every other row
    b.rows += "<" + p + "row r=\"" + std::to_string(i + 1) + "\"><" + p + "c t=\"s\"><" + p + "v>" + n + "</" + p + "v></" + p + "c>" +
              "<" + p + "c t=\"inlineStr\"><" + p + "is><" + p + "t>a&lt;b_x0009_\xC3\xA9</" + p + "t></" + p + "is></" + p + "c>" +
              "<" + p + "c s=\"1\"><" + p + "v>" + std::to_string(45000 + i) + "</" + p + "v></" + p + "c></" + p + "row>";
  }
  const std::string plain = ReadAll(Zip(BookFiles(b), false), size_t(1) << 30);
  REQUIRE(b.rows.size() > 256 * 1024);
  CHECK(plain.substr(0, plain.find('\n', plain.find('\n') + 1) + 1) ==
        "Lead & \xE2\x82\xAC" "0\t\"a<b\t\xC3\xA9\"\t2023-03-15\nLead & \xE2\x82\xAC" "1\t\"a<b\t\xC3\xA9\"\t2023-03-16\n");
  CHECK(std::count(plain.begin(), plain.end(), '\n') == 2400);
  size_t differ = 0;
  for (size_t pad = 0; pad < 320; ++pad) {  // longer than two rows (one prefixed) and a string item
    b.before_rows = "<!--" + std::string(pad, '-') + "-->";
    differ += ReadAll(Zip(BookFiles(b), pad % 2 == 1), size_t(1) << 30) != plain;
  }
  CHECK(differ == 0);
}

TEST_CASE("progress: the sheet's compressed bytes, read twice, from 0 to 1", "[xlsx]") {
  Book b;
  for (int r = 1; r <= 20000; ++r) b.rows += "<row><c><v>" + std::to_string(r * 7919 % 100003) + "</v></c></row>";
  const std::string book = Zip(BookFiles(b), true);
  XlsxReader reader(book);
  CHECK(reader.progress() == 0);
  std::string chunk;
  double last = 0;
  bool first_half = false, second_half = false;
  size_t calls = 0;
  while (reader.Next(chunk, 1000)) {
    ++calls;
    CHECK(reader.progress() >= last);
    last = reader.progress();
    (chunk.empty() ? first_half : second_half) = true;  // measuring appends nothing
    CHECK((chunk.empty() ? last <= 0.5 : last >= 0.5));
    chunk.clear();
  }
  CHECK(first_half);
  CHECK(second_half);
  CHECK(calls > 20);
  CHECK(reader.progress() == 1);
}

TEST_CASE("damaged or unsupported workbooks get xlsx.js's messages", "[xlsx]") {
  Book b;
  b.rows = R"(<row><c><v>1</v></c></row>)";
  const std::string book = Zip(BookFiles(b), true);
  const auto message = [](const std::string& bytes) {
    std::string error;
    const std::string text = ReadAll(bytes, 1 << 20, &error);
    CHECK(text.empty());
    return error;
  };
  CHECK(message(book.substr(0, book.size() / 2)) ==
        "the file is not a complete workbook (its zip directory is missing; was the download cut short?)");
  CHECK(message(Zip({{"word/document.xml", "<document/>"}}, true)) ==
        "it is a zip file but not an Excel workbook (no xl/workbook.xml)");
  Book no_sheets;
  no_sheets.workbook = "<workbook><sheets/></workbook>";
  CHECK(message(Zip(BookFiles(no_sheets), false)) == "the workbook has no sheet");
  Files missing = BookFiles(b);
  missing.pop_back();  // the sheet part itself
  CHECK(message(Zip(missing, false)) == "the sheet \"Leads\" is missing from the workbook");

  // The sheet's entry: its method in the directory, its bytes in the middle.
  const size_t sheet_entry = book.rfind("xl/worksheets/sheet1.xml") - 46;
  std::string method = book;
  method[sheet_entry + 10] = 12;  // bzip2
  CHECK(message(method) == "part xl/worksheets/sheet1.xml uses a compression this app does not read (method 12)");
  std::string directory = book;
  directory[sheet_entry] = 'X';
  CHECK(message(directory) == "its zip directory is damaged");
  std::string damaged = book;
  const size_t data = book.find("xl/worksheets/sheet1.xml") + 24;  // the local header's name, then the data
  for (size_t i = data; i < data + 8; ++i) damaged[i] = static_cast<char>(0xFF);
  CHECK(message(damaged).rfind("part xl/worksheets/sheet1.xml is damaged", 0) == 0);
  // Deflate data cut short, and bytes after its end: the browser's DecompressionStream refuses both.
  CHECK(message(Zip(BookFiles(b), true, [](std::string& d) { d.resize(d.size() - 4); })) ==
        "part xl/worksheets/sheet1.xml is damaged (its data ends early; was the download cut short?)");
  CHECK(message(Zip(BookFiles(b), true, [](std::string& d) { d += "junk"; })) ==
        "part xl/worksheets/sheet1.xml is damaged (data after its end)");
}
