// CSV reading: delimiters, quoting, line ends, blank lines, ragged rows.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/import/csv.hpp"

using funnel::CsvReader;
using Rows = std::vector<std::vector<std::string>>;

namespace {
Rows ReadAll(std::string_view text, char delim = ',') {
  CsvReader r(text, delim);
  Rows rows;
  while (r.Next()) {
    std::vector<std::string> row;
    for (auto f : r.fields()) row.emplace_back(f);
    rows.push_back(row);
  }
  return rows;
}
}  // namespace

TEST_CASE("delimiter detection", "[csv][delimiters]") {
  CHECK(funnel::DetectDelimiter("a,b,c\n1,2,3\n") == ',');
  CHECK(funnel::DetectDelimiter("a;b;c\n1,5;2,5;3\n") == ';');  // decimal commas inside
  CHECK(funnel::DetectDelimiter("a\tb\tc\n1\t2\t3\n") == '\t');
  CHECK(funnel::DetectDelimiter("a|b|c\n1|2|3\n") == '|');
  CHECK(funnel::DetectDelimiter("\"x,y\";b\n\"1,2\";3\n") == ';');  // commas only inside quotes
  CHECK(funnel::DetectDelimiter("name\nAnna\n") == ',');           // one column: default
}

TEST_CASE("plain fields and line ends", "[csv]") {
  CHECK(ReadAll("a,b\n1,2\n") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(ReadAll("a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(ReadAll("a,b\r1,2\r") == Rows{{"a", "b"}, {"1", "2"}});  // classic Mac
  CHECK(ReadAll("a,b\n1,2") == Rows{{"a", "b"}, {"1", "2"}});    // no final newline
  CHECK(ReadAll("a,,c\n") == Rows{{"a", "", "c"}});
  CHECK(ReadAll("a,b,\n") == Rows{{"a", "b", ""}});  // trailing delimiter
  CHECK(ReadAll("a,b,") == Rows{{"a", "b", ""}});
}

TEST_CASE("quoted fields", "[csv][quoting]") {
  CHECK(ReadAll("\"a,b\",c\n") == Rows{{"a,b", "c"}});
  CHECK(ReadAll("\"say \"\"hi\"\"\",x\n") == Rows{{"say \"hi\"", "x"}});
  CHECK(ReadAll("\"line1\nline2\",x\n") == Rows{{"line1\nline2", "x"}});
  CHECK(ReadAll("\"line1\r\nline2\",x\r\n") == Rows{{"line1\r\nline2", "x"}});
  CHECK(ReadAll("\"\",x\n") == Rows{{"", "x"}});
  CHECK(ReadAll("\"\"\"\"\n") == Rows{{"\""}});
  CHECK(ReadAll("5\" screen,x\n") == Rows{{"5\" screen", "x"}});    // quote inside: text
  CHECK(ReadAll("\"abc\"def,x\n") == Rows{{"abcdef", "x"}});         // text after closing quote
  CHECK(ReadAll("\"a\"\"b\"tail,x\n") == Rows{{"a\"btail", "x"}});
}

TEST_CASE("escaped fields stay valid beside plain ones", "[csv][quoting]") {
  CsvReader r("\"a\"\"1\",plain,\"b\"\"2\",\"c\"\n", ',');
  REQUIRE(r.Next());
  REQUIRE(r.fields().size() == 4);
  CHECK(r.fields()[0] == "a\"1");
  CHECK(r.fields()[1] == "plain");
  CHECK(r.fields()[2] == "b\"2");
  CHECK(r.fields()[3] == "c");
}

TEST_CASE("blank lines are flagged", "[csv]") {
  CsvReader r("a\n\n\r\nb\n", ',');
  std::vector<bool> blanks;
  while (r.Next()) blanks.push_back(r.blank());
  CHECK(blanks == std::vector<bool>{false, true, true, false});
}

TEST_CASE("line numbers count embedded newlines", "[csv]") {
  CsvReader r("h\n\"a\nb\"\nc\r\nd\re\n", ',');
  std::vector<size_t> lines;
  while (r.Next()) lines.push_back(r.line());
  CHECK(lines == std::vector<size_t>{1, 2, 4, 5, 6});
}

TEST_CASE("an unterminated quote is reported and reading can resume", "[csv][quoting]") {
  CsvReader r("h1,h2\n\"broken,1\nok,2\n", ',');
  REQUIRE(r.Next());
  REQUIRE(r.Next());
  CHECK(r.unterminated_quote());
  CHECK(r.line() == 2);
  r.RestartAfterRecordLine();
  REQUIRE(r.Next());
  CHECK_FALSE(r.unterminated_quote());
  CHECK(r.fields()[0] == "ok");
  CHECK(r.line() == 3);
  CHECK_FALSE(r.Next());
}

TEST_CASE("long fields cross the 8-byte scanning boundary correctly", "[csv]") {
  for (size_t len = 0; len < 40; ++len) {
    const std::string v(len, 'x');
    CAPTURE(len);
    CHECK(ReadAll(v + "," + v + "\n" + "\"" + v + "\"," + v + "\n") == Rows{{v, v}, {v, v}});
  }
}

TEST_CASE("a field that needs unescaping keeps at most the cap; plain fields are views", "[csv]") {
  // 100,000 doubled quotes inside quotes: 100,000 quote characters unescaped.
  std::string giant = "a,\"";
  for (int i = 0; i < 100000; ++i) giant += "\"\"";
  giant += "\",c\nd,e,f\n";
  CsvReader r(giant, ',');
  r.set_max_field_bytes(1000);
  REQUIRE(r.Next());
  REQUIRE(r.fields().size() == 3);
  CHECK(r.fields()[1].size() == 1000);
  CHECK(r.fields()[1] == std::string(1000, '"'));
  CHECK(r.fields()[2] == "c");
  REQUIRE(r.Next());
  CHECK(r.fields()[0] == "d");
  // Text after a closing quote counts toward the same cap.
  std::string tail = "\"ab\"" + std::string(5000, 'x') + ",z\n";
  CsvReader t(tail, ',');
  t.set_max_field_bytes(10);
  REQUIRE(t.Next());
  CHECK(t.fields()[0] == "abxxxxxxxx");
  CHECK(t.fields()[1] == "z");
  // An unclosed quote with doubled quotes after it does not copy the rest of the text.
  std::string open = "x,\"never closed";
  for (int i = 0; i < 50000; ++i) open += " \"\" more\n";
  CsvReader u(open, ',');
  u.set_max_field_bytes(64);
  REQUIRE(u.Next());
  CHECK(u.unterminated_quote());
  CHECK(u.fields()[1].size() == 64);
  // Without a cap nothing is cut.
  CsvReader whole(giant, ',');
  REQUIRE(whole.Next());
  CHECK(whole.fields()[1].size() == 100000);
}
