#include "engine/import/lead_import.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "engine/import/crm_presets.hpp"
#include "engine/import/text_encoding.hpp"

namespace funnel {
namespace {

std::string ColumnLetters(size_t index) {  // 0 → A, 26 → AA
  std::string s;
  ++index;
  while (index > 0) {
    s.insert(s.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return s;
}

// A cell quoted in a message: at most 60 bytes, cut between characters, as valid UTF-8.
std::string Quote(std::string_view v) {
  const std::string_view head = Utf8Prefix(v, 60);
  size_t resume = 0;
  std::string s = FindNulOrInvalidUtf8(head, 0, head.size(), resume) == std::string_view::npos
                      ? std::string(head)
                      : ReplaceInvalidUtf8(head);
  if (v.size() > head.size()) s += "…";
  return "\"" + s + "\"";
}

// Dates by year, for finding dates far from all the others (docs/import.md, "Dates far from
// the others"). A bucket is a mean Gregorian year of minutes from 1895-01-01: the year, give
// or take a day at New Year — plenty to see gaps of years.
constexpr int kYearBuckets = 310;                       // 1895 … 2204; dates are 1900 … 2200
constexpr int64_t kBucketOrigin = -39445920;            // 1895-01-01 00:00 in minutes since 1970
constexpr int64_t kMinutesPerYear = 525949;             // 365.2425 days
constexpr int kGapYears = 3;                            // empty years that separate two clusters
int YearBucket(Minutes m) {
  const int64_t b = (int64_t{m} - kBucketOrigin) / kMinutesPerYear;
  return static_cast<int>(std::clamp<int64_t>(b, 0, kYearBuckets - 1));
}

std::string DayText(Minutes m) {  // "2024-03-05"
  const int64_t day = (int64_t{m} >= 0 ? int64_t{m} : int64_t{m} - 1439) / 1440;
  int y = 0, mo = 0, d = 0;
  CivilFromDays(day, y, mo, d);
  char buf[40];  // room for any int, so GCC can prove no truncation now CivilFromDays is inline
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
  return buf;
}

std::string Thousands(size_t n) {  // 1024 → "1,024"
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Excel serial day numbers (1900 date system) of 1970-01-01 and 2100-01-01.
constexpr double kExcelSerial1970 = 25569.0;
constexpr double kExcelSerial2100 = 73051.0;

// A normalized column name that says "date": "Close Date", "Date of sale", "Erstellungsdatum",
// "Fecha de creación", "Created". Not "Candidate score", "Lifetime value" or "Amount won".
bool IsDateName(const std::string& key) {
  auto starts = [&](std::string_view w) { return key.size() >= w.size() && key.compare(0, w.size(), w) == 0; };
  auto ends = [&](std::string_view w) {
    return key.size() >= w.size() && key.compare(key.size() - w.size(), w.size(), w) == 0;
  };
  if (starts("date") || ends("date") || ends("datum") || starts("datum") || starts("fecha")) return true;
  for (const char* w : {"created", "erstellt", "angelegt", "cr\xC3\xA9\xC3\xA9", "creado", "aangemaakt"}) {
    if (key.find(w) != std::string::npos) return true;
  }
  return false;
}

// --- column type inference from a sample ---------------------------------------------------
ColumnInfo InferColumn(const std::string& name, const std::vector<std::vector<std::string>>& sample,
                       size_t col) {
  ColumnInfo info;
  info.name = name;
  info.personal = IsPersonalColumn(name);
  size_t non_empty = 0, bools = 0, bool_words = 0, dates = 0, month_evidence = 0, day_evidence = 0;
  size_t dotted = 0, slashed = 0, dashed = 0, iso = 0, epoch = 0, named_month = 0;
  size_t comma_decimal_votes = 0, dot_decimal_votes = 0;
  for (const auto& row : sample) {
    if (col >= row.size()) continue;
    const std::string_view v = TrimCell(row[col]);
    if (v.empty() || IsSpreadsheetError(v)) continue;  // #N/A says nothing about the type
    ++non_empty;
    bool b = false;
    if (ParseBool(v, b)) {
      ++bools;
      bool_words += !(v == "0" || v == "1");
    }
    const DateScan d = ScanDate(v);
    if (d.shape != DateShape::kNone) {
      ++dates;
      switch (d.shape) {
        case DateShape::kIso: ++iso; break;
        case DateShape::kEpochMs: ++epoch; break;
        case DateShape::kSlash: ++slashed; break;
        case DateShape::kDot: ++dotted; break;
        case DateShape::kDash: ++dashed; break;
        case DateShape::kMonthName: ++named_month; break;
        case DateShape::kNone: break;
      }
      if (d.first > 12) ++day_evidence;
      if (d.second > 12) ++month_evidence;
    }
    // Decimal separator evidence: "1.234,56" / "12,5" vote comma; "1,234.56" / "1,234" vote dot.
    const size_t last_comma = v.rfind(','), last_dot = v.rfind('.');
    if (last_comma != std::string_view::npos && (last_dot == std::string_view::npos || last_comma > last_dot)) {
      size_t digits_after = 0;
      for (size_t i = last_comma + 1; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) ++digits_after;
      if (digits_after != 3 || last_dot != std::string_view::npos) ++comma_decimal_votes;
      else ++dot_decimal_votes;
    } else if (last_dot != std::string_view::npos) {
      ++dot_decimal_votes;
    }
  }
  info.decimal = comma_decimal_votes > dot_decimal_votes ? ',' : '.';
  if (non_empty == 0) {
    info.type = ColumnType::kEmpty;
    return info;
  }
  const auto most = [&](size_t n) { return n * 100 >= non_empty * 95; };
  if (most(dates) && (dates > epoch || NormalizeKey(name).find("date") != std::string::npos ||
                      NormalizeKey(name).find("time") != std::string::npos)) {
    info.type = ColumnType::kDate;
    const bool ambiguous_shape = slashed + dotted + dashed > 0;
    if (day_evidence && !month_evidence) {
      info.date_order = DateOrder::kDayFirst;
      if (ambiguous_shape) info.detail = "day-first dates (31/12/2024)";
    } else if (month_evidence && !day_evidence) {
      info.date_order = DateOrder::kMonthFirst;
      if (ambiguous_shape) info.detail = "month-first dates (12/31/2024)";
    } else if (ambiguous_shape) {
      // No value tells: US slash dates are month-first, dotted and dashed ones day-first.
      info.date_order = slashed >= dotted + dashed ? DateOrder::kMonthFirst : DateOrder::kDayFirst;
      info.detail = day_evidence && month_evidence
                        ? "mixed day-first and month-first dates; read as "
                        : "day and month order not provable from the data; read as ";
      info.detail += info.date_order == DateOrder::kMonthFirst ? "month-first" : "day-first";
    }
    if (iso && !ambiguous_shape) info.detail = "ISO dates (2024-03-05)";
    if (named_month && !ambiguous_shape && !iso) info.detail = "dates with month names (5-Mar-2024, Mar 5, 2024)";
    if (epoch && !ambiguous_shape && !iso) info.detail = "epoch milliseconds";
    return info;
  }
  if (most(bools) && (bool_words > 0)) {
    info.type = ColumnType::kBoolean;
    return info;
  }
  size_t numbers = 0, percents = 0, currencies = 0, non_finite = 0, serials = 0;
  for (const auto& row : sample) {
    if (col >= row.size()) continue;
    NumberParse n;
    if (!TrimCell(row[col]).empty() && ParseNumber(row[col], info.decimal, n)) {
      ++numbers;
      percents += n.percent;
      currencies += n.currency;
      serials += !n.percent && !n.currency && n.value >= kExcelSerial1970 && n.value < kExcelSerial2100;
    } else if (n.non_finite) {
      ++numbers;  // NaN, Infinity, 1e400: a number column's broken value, rejected per cell
      ++non_finite;
    }
  }
  // A date column pasted from a sheet where it is formatted as a number: Excel serial days
  // (45292 = 2024-01-01). Only for a column named like a date, whose numbers all are serials
  // of 1970–2099 days.
  if (most(numbers) && numbers > non_finite && serials == numbers && IsDateName(NormalizeKey(name))) {
    info.type = ColumnType::kDate;
    info.excel_serial = true;
    info.detail = "Excel serial dates (45292 = 2024-01-01)";
    return info;
  }
  if (most(numbers) && numbers > non_finite) {
    info.type = percents * 2 > numbers ? ColumnType::kPercent
                : currencies * 2 > numbers ? ColumnType::kCurrency
                                           : ColumnType::kNumber;
    if (info.decimal == ',') info.detail = "decimal comma (1.234,56)";
    return info;
  }
  if (most(bools)) {
    info.type = ColumnType::kBoolean;
    return info;
  }
  info.type = ColumnType::kText;
  return info;
}

enum class Role : uint8_t { kStage, kStatus, kStageDate, kCreated, kCloseDate, kWon, kClosed, kSource, kAmount, kOwner };

struct Slot {
  size_t column;
  Role role;
  size_t stage = 0;  // for kStageDate
};

// Stage/status value → rule, with a hash of the raw spellings seen (a handful in a real file,
// any number in a wrongly mapped column) that also counts how many rows had each.
struct ValueLookup {
  std::vector<StageValueRule> rules;
  struct Seen {
    std::string text;  // the spelling as shown (valid UTF-8)
    int rule;          // index into rules, -1 = unknown value
    size_t rows;
  };
  Dictionary spellings;  // raw bytes → index into seen
  std::vector<Seen> seen;
  // Beyond kMaxSpellings distinct spellings (a column of IDs mapped as the stage) new ones are
  // looked up each time and not kept, so memory stays bounded; their unknown rows are counted.
  static constexpr size_t kMaxSpellings = 10000;
  size_t other_unknown_rows = 0;

  // The rule for `raw`, or nullptr when the mapping does not know the value. `clean` turns a
  // new raw spelling into valid text (bad bytes, NULs).
  template <typename Clean>
  const StageValueRule* Find(std::string_view raw, Clean&& clean) {
    const bool full = seen.size() >= kMaxSpellings;
    const uint32_t code = full ? spellings.Find(raw) : spellings.Intern(raw);
    if (code < seen.size()) {
      Seen& s = seen[code];
      ++s.rows;
      return s.rule >= 0 ? &rules[static_cast<size_t>(s.rule)] : nullptr;
    }
    std::string text = clean(raw);
    const std::string key = NormalizeKey(text);
    int found = -1;
    for (size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].value == key) found = static_cast<int>(i);
    }
    if (full) {
      other_unknown_rows += found < 0;
      return found >= 0 ? &rules[static_cast<size_t>(found)] : nullptr;
    }
    seen.push_back({std::move(text), found, 1});
    return found >= 0 ? &rules[static_cast<size_t>(found)] : nullptr;
  }
};

}  // namespace

namespace {
bool HeaderAgain(const std::vector<std::string_view>& f, const std::vector<std::string>& names);
}  // namespace

// A record still open at the end of the text read so far waits for the next slice, unless this
// much text is waiting: then it is read as it is (a quote left open runs this far at most).
constexpr size_t kMaxPendingText = size_t{64} << 20;
// A view of the whole input is read in slices of this size (so memory holds about one).
constexpr size_t kSliceBytes = size_t{4} << 20;

struct LeadImporter::State {
  ImportOptions options;
  // Input. The bytes arrive in slices (Feed), or from a view of all of them that is fed in
  // slices as the reading needs them. They are decoded to UTF-8 as they arrive: UTF-16 by
  // `utf16`, a legacy single-byte encoding once the first megabyte has decided it. `buf`
  // holds the decoded text from the record being read on (what was read is dropped).
  std::string_view whole;       // view mode: the caller's bytes
  size_t whole_fed = 0;
  bool input_ended = false;
  size_t raw_fed = 0;           // bytes given so far
  size_t decoded_total = 0;     // text decoded from them
  enum class Phase { kEncoding, kDecide, kHeader, kRows };
  Phase phase = Phase::kEncoding;
  std::string raw_head;         // the first bytes, until the encoding is known
  std::optional<Utf16Decoder> utf16;
  bool bom = false;             // a UTF-8 BOM still to skip
  enum class Legacy : uint8_t { kUndecided, kNone, kWindows1252, kMacRoman };
  Legacy legacy = Legacy::kUndecided;
  std::string buf;              // decoded text not yet read
  std::string_view text;        // = buf, or the view's bytes when in_place
  // A view of UTF-8 input (with or without a BOM) needs no decoding: the text is read where it
  // lies, with no copy into buf; once its first megabyte says it is UTF-8, all of it is given at once.
  bool in_place = false;
  size_t text_base = 0;         // offset of text[0] in all the decoded text
  size_t begin_tried_at = 0;    // the text's size when the header and sample last lacked text
  size_t warnings_before_header = 0, warnings_total_before_header = 0;
  // The decoded text's size: known at the end of the input, else estimated from the input's
  // size (ImportOptions::total_bytes) and the decoding so far. Sizes the table's reserve.
  size_t ExpectedTextSize() const {
    if (input_ended || raw_fed == 0) return decoded_total;
    const double per_byte = static_cast<double>(decoded_total) / static_cast<double>(raw_fed);
    return std::max(decoded_total, static_cast<size_t>(static_cast<double>(options.total_bytes) * per_byte));
  }
  ImportReport report;
  LeadTable table;
  CsvReader reader{std::string_view(), ','};
  size_t row = 1;          // spreadsheet row of the last record read (header = 1)
  size_t header_size = 0;
  std::vector<Slot> slots;
  std::vector<size_t> dated_stages;  // stages whose date vector this import fills
  bool first_stage_from_created = false;  // no date column for stage 0: use the created date
  ValueLookup stage_lookup, status_lookup;
  std::vector<size_t> bad_cells;       // per column
  bool finished = false;
  bool starved = false;  // the last Step stopped for want of input
  std::vector<size_t> summary_rows;    // totals / report-footer lines skipped (first few)
  std::vector<std::string> header_names;
  size_t header_repeats = 0;           // lines that repeat the column names (joined files)
  std::vector<size_t> header_repeat_rows;
  // Columns of the table, for the stage rows.
  int final_stage = -1;
  // Bytes that are not UTF-8 (when the file is UTF-8 by evidence: read as U+FFFD; else the
  // value is read as Windows-1252) and NUL bytes are found by one incremental scan of the
  // records as they are read, and named by row and column.
  bool utf8_evidence = true;
  // Every date read, by year bucket (count, earliest, latest, per date column), and the first
  // `max_listed` cells of each bucket, to name them if their year turns out far from the rest.
  struct YearBin {
    uint64_t cells = 0;
    Minutes lo = std::numeric_limits<Minutes>::max(), hi = std::numeric_limits<Minutes>::min();
  };
  std::array<YearBin, kYearBuckets> years{};
  std::vector<int> date_column;                          // column → index into column_years, -1
  std::vector<std::array<uint64_t, kYearBuckets>> column_years;
  struct DateCell {
    // offset: of the record, in all the decoded text; line: 0 until counted (lines are
    // counted only when the text is about to be dropped, or when the cell is named).
    size_t row, line, offset, column;
    std::string quoted;
    int bucket;
  };
  std::vector<DateCell> date_cells;
  std::array<uint32_t, kYearBuckets> date_cells_listed{};
  void NoteDate(Minutes m, size_t column, std::string_view v) {
    const int b = YearBucket(m);
    YearBin& y = years[static_cast<size_t>(b)];
    ++y.cells;
    y.lo = std::min(y.lo, m);
    y.hi = std::max(y.hi, m);
    if (date_column.size() <= column) date_column.resize(column + 1, -1);
    if (date_column[column] < 0) {
      date_column[column] = static_cast<int>(column_years.size());
      column_years.emplace_back();
      column_years.back().fill(0);
    }
    ++column_years[static_cast<size_t>(date_column[column])][static_cast<size_t>(b)];
    if (date_cells_listed[static_cast<size_t>(b)] < options.max_listed) {
      ++date_cells_listed[static_cast<size_t>(b)];
      date_cells.push_back({row, 0, text_base + reader.record_start(), column, Quote(v), b});
    }
  }
  size_t date_cells_counted = 0;  // date_cells before this one have their line
  // The lines of the date cells listed in the text still held (before it is dropped).
  void CountDateLines() {
    for (; date_cells_counted < date_cells.size(); ++date_cells_counted) {
      DateCell& c = date_cells[date_cells_counted];
      c.line = reader.LineAt(c.offset - text_base);
    }
  }
  void DropFarDates();
  size_t odd_scanned = 0;                       // text before this offset was searched
  size_t next_odd = std::string_view::npos;     // a NUL or bad byte found, not yet reported
  size_t odd_row = 0;                           // last row and column warned about
  size_t odd_column = SIZE_MAX;

  // Issues about a row (r > 0) are about the record the reader is on; its line is counted
  // only when the issue is listed.
  void Warn(size_t r, std::string column, std::string message) {
    ++report.warnings_total;
    if (report.warnings.size() < options.max_listed) {
      report.warnings.push_back({r, r ? reader.line() : 0, std::move(column), std::move(message)});
    }
  }
  void Reject(size_t r, std::string column, std::string message) {
    ++report.errors_total;
    ++report.rows_rejected;
    if (report.errors.size() < options.max_listed) {
      report.errors.push_back({r, r ? reader.line() : 0, std::move(column), std::move(message)});
    }
  }
  bool IsSummaryLine(const std::vector<std::string_view>& f) const;
  bool IsHeaderAgain(const std::vector<std::string_view>& f) const;
  void Fatal(std::string message) {
    report.fatal = true;
    ++report.errors_total;
    report.errors.push_back({0, 0, "", std::move(message)});
    finished = true;
  }

  // Valid UTF-8 for a value with NUL bytes or bytes that are not UTF-8: in a UTF-8 file (by
  // evidence) each bad sequence becomes U+FFFD; in a file with no UTF-8 evidence a value with
  // no valid multi-byte sequence of its own is read as Windows-1252. NULs are dropped.
  std::string CleanText(std::string_view v) const {
    size_t resume = 0;
    if (FindNulOrInvalidUtf8(v, 0, v.size(), resume) == std::string_view::npos) return std::string(v);
    if (!utf8_evidence && !LooksLikeUtf8(ScanUtf8(v, false))) {
      std::string no_nul;
      for (char c : v) {
        if (c != '\0') no_nul += c;
      }
      return Windows1252ToUtf8(no_nul);
    }
    return ReplaceInvalidUtf8(v);
  }
  // A text cell as stored: at most kMaxTextCell bytes (cut between characters), with a warning.
  std::string_view CapText(std::string_view v, const std::string& column) {
    return v.size() <= kMaxTextCell ? v : CapLongText(v, column);  // inlined: the long case is rare
  }
  std::string_view CapLongText(std::string_view v, const std::string& column) {
    const std::string_view cut = Utf8Prefix(v, kMaxTextCell);
    Warn(row, column, Quote(v) + " is longer than " + Thousands(kMaxTextCell) + " bytes; only its first " +
                          Thousands(cut.size()) + " bytes are kept (a stage, source or owner is never that long: "
                          "is the right column mapped?)");
    return cut;
  }

  // Spellings of one source or owner that differ only in case, spaces or punctuation ("Google
  // Ads", "google ads", "Google-Ads") are one: the table stores the code of the first spelling
  // seen. Per dictionary: each code's canonical code, and the first code of each folded key.
  struct Canonical {
    std::vector<uint32_t> of_code;
    Dictionary folded;
    std::vector<uint32_t> first;
  };
  Canonical source_canonical, owner_canonical;

  // Interns a text value (capped in length); a new value with bytes that are not UTF-8 or NULs
  // is shown cleaned (the scan of the record has warned about it).
  uint32_t InternText(Dictionary& dict, Canonical& canonical, std::string_view v, const std::string& column) {
    v = CapText(v, column);
    const size_t before = dict.size();
    const uint32_t code = dict.Intern(v);
    if (code == Dictionary::kNone) return code;
    if (dict.size() == before) return canonical.of_code[code];
    size_t resume = 0;
    if (FindNulOrInvalidUtf8(v, 0, v.size(), resume) != std::string_view::npos) dict.Rename(code, CleanText(v));
    uint32_t target = code;
    const std::string key = NormalizeKey(dict.Display(code));
    if (!key.empty()) {
      const size_t known = canonical.folded.size();
      const uint32_t f = canonical.folded.Intern(key);
      if (canonical.folded.size() == known) target = canonical.first[f];
      else canonical.first.push_back(code);
    }
    canonical.of_code.push_back(target);  // codes are given in order: of_code[code]
    return target;
  }
  void CheckOddBytes();

  // Input: decoding as the bytes arrive, and the reading stages before the rows.
  bool Complete(const CsvReader& r) const {  // the record just read cannot go on in later input
    return r.offset() < r.size() || input_ended || text.size() >= kMaxPendingText;
  }
  void Take(std::string_view raw);   // a slice of the input
  void Decode(std::string_view raw);  // … decoded onto buf
  void SetText();                     // after buf changed
  void Drop();                        // drops the text read (rows phase)
  bool Advance();                     // runs the phases that have enough text; false = needs input
  bool DecideEncoding();
  bool Decide();
  bool BeginRows();
  void ResetHeader();
  void Configure(const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& sample, size_t est_rows);
  void ImportRecord();
  void Finalize();
};

// The bytes of a slice, while the encoding is unknown kept whole (DetectEncoding looks at the
// first 4 KB), then decoded onto buf.
void LeadImporter::State::Take(std::string_view raw) {
  raw_fed += raw.size();
  if (phase == Phase::kEncoding) {
    if (whole.empty()) raw_head.append(raw);  // a view's head is read in the view
    return;
  }
  Decode(raw);
}

void LeadImporter::State::Decode(std::string_view raw) {
  if (in_place) {  // the next bytes of the view, right after the text
    text = std::string_view(text.data(), text.size() + raw.size());
    decoded_total += raw.size();
    reader.Rebase(text, 0);
    return;
  }
  const size_t before = buf.size();
  if (utf16) {
    utf16->Decode(raw, input_ended, buf);
  } else {
    if (bom) {  // the BOM may come in pieces: skip its 3 bytes wherever they fall
      const size_t skip = std::min<size_t>(raw.size(), 3 - std::min<size_t>(3, decoded_total + buf.size() - before));
      raw.remove_prefix(skip);
      bom = decoded_total + skip < 3;
    }
    switch (legacy) {
      case Legacy::kWindows1252: buf += Windows1252ToUtf8(raw); break;
      case Legacy::kMacRoman: buf += MacRomanToUtf8(raw); break;
      case Legacy::kUndecided:
      case Legacy::kNone: buf.append(raw); break;
    }
  }
  decoded_total += buf.size() - before;
  SetText();
}

void LeadImporter::State::SetText() {
  const std::string_view now = buf;
  if (now.data() != text.data() || now.size() != text.size()) {
    reader.Rebase(now, 0);
    text = now;
  }
}

// Drops the text before the next record (all of it was read), so memory holds about a slice.
void LeadImporter::State::Drop() {
  const size_t dropped = reader.offset();
  if (dropped == 0 || in_place) return;  // a view's text costs no memory of the importer's
  CountDateLines();
  reader.Rebase(std::string_view(buf).substr(dropped), dropped);
  odd_scanned = odd_scanned > dropped ? odd_scanned - dropped : 0;
  next_odd = next_odd != std::string_view::npos && next_odd >= dropped ? next_odd - dropped : std::string_view::npos;
  buf.erase(0, dropped);
  text_base += dropped;
  text = buf;
  reader.Rebase(text, 0);
}

// The encoding from the first bytes: a BOM, or UTF-16's zero bytes in the first 4 KB.
bool LeadImporter::State::DecideEncoding() {
  const std::string_view raw = whole.empty() ? std::string_view(raw_head) : whole.substr(0, raw_fed);
  if (raw.size() < 4096 && !input_ended) return false;
  report.source_name = options.source_name;
  if (raw.empty()) {
    Fatal("The data is empty: paste cells with a header row, or choose a CSV/TSV file.");
    return true;
  }
  const TextEncoding enc = DetectEncoding(raw);
  report.encoding = EncodingName(enc);
  if (enc == TextEncoding::kUtf16Le || enc == TextEncoding::kUtf16Be) utf16.emplace(enc == TextEncoding::kUtf16Be);
  bom = enc == TextEncoding::kUtf8Bom;
  phase = Phase::kDecide;
  if (!whole.empty() && !utf16) {
    // The view's bytes are the text (after the BOM's 3 bytes, which DetectEncoding saw whole).
    in_place = true;
    const std::string_view after_bom = raw.substr(bom ? 3 : 0);
    bom = false;
    text = after_bom.substr(0, 0);
    Decode(after_bom);
    return true;
  }
  std::string head;
  head.swap(raw_head);
  Decode(whole.empty() ? std::string_view(head) : raw);
  return true;
}

// A legacy encoding, binary data and the delimiter, from the first megabyte of text.
bool LeadImporter::State::Decide() {
  constexpr size_t kHead = size_t{1} << 20;
  if (text.size() < kHead && !input_ended) return false;
  phase = Phase::kHeader;
  // A workbook, a PDF, an image, or bytes that are mostly control characters: not text. A
  // stray NUL in text is not binary (it is named by row below, wherever it is). Nor are a web
  // page or an XML spreadsheet rows, whatever their file's name.
  const char* kind = BinaryKind(text);
  if (!kind) kind = MarkupKind(text);
  if (kind) {
    Fatal(std::string("This looks like ") + kind + ", not CSV or TSV text. In Excel or Google Sheets use "
          "File > Save as / Download > CSV, or copy the cells and paste them.");
    return true;
  }
  // Encoding is decided by the evidence in the first megabyte (one pass over a 150 MB file
  // costs as much as a fifth of the import): valid multi-byte UTF-8 sequences against invalid
  // ones. A UTF-8 file with a few damaged bytes stays UTF-8 (each bad byte is read as U+FFFD
  // and named by row and column); bytes that are not UTF-8 with no UTF-8 around them are a
  // legacy encoding. Later rows are checked as they are read (CheckOddBytes).
  const bool longer = !input_ended || text.size() > kHead;
  const std::string_view head = text.substr(0, std::min(text.size(), kHead));
  const Utf8Evidence evidence = ScanUtf8(head, longer);
  utf8_evidence = evidence.valid_multibyte > 0;
  legacy = Legacy::kNone;
  if (!LooksLikeUtf8(evidence) && LooksLikeMacRoman(head)) {
    // Not UTF-8, with accented letters where Mac Roman has them: Excel for Mac's plain "CSV".
    legacy = Legacy::kMacRoman;
    buf = MacRomanToUtf8(text);
    in_place = false;
    report.encoding = "Mac Roman";
    Warn(0, "", "The file is not UTF-8; it was read as Mac Roman (Excel for Mac's \"CSV\"). "
                "If accented letters look wrong, save it as \"CSV UTF-8\" and import again.");
  } else if (!LooksLikeUtf8(evidence)) {
    // Not UTF-8: older Excel writes Windows-1252 ("CSV" rather than "CSV UTF-8").
    legacy = Legacy::kWindows1252;
    buf = Windows1252ToUtf8(text);
    in_place = false;
    report.encoding = "Windows-1252";
    Warn(0, "", "The file is not UTF-8; it was read as Windows-1252 (Western European). "
                "If accented letters look wrong, save it as \"CSV UTF-8\" and import again.");
  } else if (evidence.invalid > 0) {
    Warn(0, "", "The file is UTF-8 but has " + std::to_string(evidence.invalid) +
                    (evidence.invalid == 1 ? " byte" : " bytes") + " that " + (evidence.invalid == 1 ? "is" : "are") +
                    " not" + (longer ? " in its first megabyte" : "") +
                    " (a damaged or partly re-saved file?); each is read as \"\xEF\xBF\xBD\" and named by row and "
                    "column below.");
  }
  if (legacy != Legacy::kNone) {
    decoded_total = buf.size();
    SetText();
  } else if (in_place && whole_fed < whole.size()) {
    // UTF-8 read in place: the rest of the view at once (nothing to decode, nothing to copy).
    const std::string_view rest = whole.substr(whole_fed);
    whole_fed = whole.size();
    Take(rest);
  }
  if (in_place && whole_fed == whole.size() && !input_ended) {
    input_ended = true;
    report.bytes = raw_fed;
  }
  report.delimiter = DetectDelimiter(text.substr(0, std::min<size_t>(text.size(), 256 * 1024)));
  reader = CsvReader(text, report.delimiter);
  reader.set_max_field_bytes(kMaxFieldBytes);
  return true;
}

// Back to before the header, to try again with more text.
void LeadImporter::State::ResetHeader() {
  reader = CsvReader(text, report.delimiter);
  reader.set_max_field_bytes(kMaxFieldBytes);
  row = 1;
  report.warnings.resize(std::min(report.warnings.size(), warnings_before_header));
  report.warnings_total = warnings_total_before_header;
}

// Title lines, the header and a sample of rows (for the column types and the preset). Each
// record they read must be complete: when one reaches the end of the text so far, this waits
// for more (and starts again from the top).
bool LeadImporter::State::BeginRows() {
  if (text.size() < begin_tried_at * 2 && !input_ended && text.size() < kMaxPendingText) return false;
  warnings_before_header = report.warnings.size();
  warnings_total_before_header = report.warnings_total;
  auto wait = [&] {
    ResetHeader();
    begin_tried_at = text.size();
    return false;
  };
  // Title lines above the table (a sheet's "Q3 leads" in A1, a report's name and filters):
  // one value alone on its line, followed within the first 30 lines by a line with three or
  // more values. They are skipped and the next line is the header.
  size_t title_lines = 0;
  {
    CsvReader peek(text, report.delimiter);
    size_t seen = 0, singles = 0;
    for (;;) {
      if (seen >= 30) break;
      if (!peek.Next()) {
        if (!input_ended && text.size() < kMaxPendingText) return wait();
        break;
      }
      if (!Complete(peek)) return wait();
      if (peek.blank()) continue;
      ++seen;
      size_t values = 0;
      for (std::string_view f : peek.fields()) values += !TrimCell(f).empty();
      if (values >= 3) {
        title_lines = singles == seen - 1 ? singles : 0;
        break;
      }
      if (values <= 1) ++singles;
    }
  }
  // Header: the first non-blank record after them.
  std::vector<std::string> headers;
  size_t skipped_titles = 0;
  for (;;) {
    if (!reader.Next()) {
      if (!input_ended && text.size() < kMaxPendingText) return wait();
      break;
    }
    if (!Complete(reader)) return wait();
    ++row;
    if (reader.blank()) continue;
    if (skipped_titles < title_lines) {
      ++skipped_titles;
      continue;
    }
    // Column names as valid text of bounded length.
    for (std::string_view f : reader.fields()) {
      const std::string_view name = TrimCell(f);
      std::string clean = CleanText(Utf8Prefix(name, kMaxTextCell));
      if (name.size() > kMaxTextCell) clean += "…";
      if (clean != name) {
        Warn(row - 1, "", "Column " + ColumnLetters(headers.size()) + "'s name " + Quote(name) +
                          (name.size() > kMaxTextCell ? " is longer than " + Thousands(kMaxTextCell) + " bytes and was cut"
                                                      : " holds bytes that are not UTF-8 text or NUL bytes; it is read as " +
                                                            Quote(clean)));
      }
      headers.push_back(std::move(clean));
    }
    break;
  }
  row -= 1;  // the header's own row number
  const size_t header_row = row;
  if (title_lines > 0) {
    const std::string above = header_row == 2 ? "Row 1" : "Rows 1–" + std::to_string(header_row - 1);
    Warn(0, "", above + " above the column names (a title?) " + (header_row == 2 ? "was" : "were") +
                    " skipped; the column names are in row " + std::to_string(header_row) + ".");
  }
  if (headers.empty()) {
    Fatal("No header row found: the first line should name the columns.");
    return true;
  }
  // Trailing empty header cells (a trailing delimiter) are dropped; other empty or duplicate
  // names get a unique name so every column can be mapped.
  while (headers.size() > 1 && headers.back().empty()) headers.pop_back();
  for (size_t i = 0; i < headers.size(); ++i) {
    if (headers[i].empty()) headers[i] = "Column " + ColumnLetters(i);
    for (size_t j = 0, n = 2; j < i; ++j) {
      if (headers[j] == headers[i]) {
        headers[i] += " (" + std::to_string(n++) + ")";
        j = static_cast<size_t>(-1);
      }
    }
  }
  header_size = headers.size();
  header_names = headers;

  // Sample rows for type inference and the preset (the full pass re-reads them).
  const size_t data_start = reader.offset();
  std::vector<std::vector<std::string>> sample;
  size_t est_rows = 0;
  {
    CsvReader peek(text.substr(data_start), report.delimiter);
    peek.set_max_field_bytes(kMaxTextCell + 1);
    while (sample.size() < options.sample_rows) {
      if (!peek.Next()) {
        if (!input_ended && text.size() < kMaxPendingText) return wait();
        break;
      }
      if (!Complete(peek)) return wait();
      if (peek.unterminated_quote()) peek.RestartAfterRecordLine();  // as the full pass does
      if (peek.blank() || peek.unterminated_quote() || HeaderAgain(peek.fields(), headers)) continue;
      std::vector<std::string> r;
      r.reserve(peek.fields().size());
      // Cells as the full pass reads them: valid text, cut to what the table keeps.
      for (std::string_view f : peek.fields()) r.push_back(CleanText(Utf8Prefix(f, kMaxTextCell)));
      sample.push_back(std::move(r));
    }
    if (!sample.empty() && peek.offset() > 0) {
      est_rows = (ExpectedTextSize() - data_start) / std::max<size_t>(1, peek.offset() / sample.size());
    }
  }
  if (sample.empty()) {
    Fatal("Only a header row was found (row " + std::to_string(header_row) + "); there are no leads to import.");
    return true;
  }
  phase = Phase::kRows;
  Configure(headers, sample, est_rows);
  return true;
}

void LeadImporter::State::Configure(const std::vector<std::string>& headers,
                                    const std::vector<std::vector<std::string>>& sample,
                                    size_t est_rows) {
  for (size_t i = 0; i < headers.size(); ++i) report.columns.push_back(InferColumn(headers[i], sample, i));

  if (options.mapping) {
    report.mapping = *options.mapping;
    report.preset = report.mapping.preset;
    report.preset_label = PresetLabel(report.preset);
  } else {
    PresetMatch match = DetectMapping(headers, report.columns, sample);
    report.mapping = std::move(match.mapping);
    report.preset = report.mapping.preset;
    report.preset_label = match.label;
    for (auto& note : match.notes) Warn(0, "", std::move(note));
  }
  if (options.dated_only) report.mapping.dated_only = *options.dated_only;
  ColumnMapping& m = report.mapping;
  m.stage_date_columns.resize(m.stages.size());

  auto column_index = [&](const std::string& name, const char* role) -> int {
    if (name.empty()) return -1;
    for (size_t i = 0; i < headers.size(); ++i) {
      if (headers[i] == name) {
        if (report.columns[i].personal) {
          Warn(0, name, "Column holds personal data and is never used");
          return -1;
        }
        if (!report.columns[i].role.empty()) report.columns[i].role += ", ";
        report.columns[i].role += role;
        return static_cast<int>(i);
      }
    }
    Warn(0, name, std::string("The mapping's ") + role + " column is not in this data");
    return -1;
  };
  auto add = [&](const std::string& name, const char* role_name, Role role, size_t stage = 0) {
    const int i = column_index(name, role_name);
    if (i >= 0) slots.push_back({static_cast<size_t>(i), role, stage});
    return i >= 0;
  };
  const bool has_stage = add(m.stage_column, "current stage", Role::kStage);
  add(m.status_column, "status", Role::kStatus);
  bool any_date = false;
  for (size_t k = 0; k < m.stages.size(); ++k) {
    any_date |= add(m.stage_date_columns[k], ("date of " + m.stages[k]).c_str(), Role::kStageDate, k);
  }
  const bool has_created = add(m.created_column, "created date", Role::kCreated);
  // Without its own date column, the first stage is dated by the creation date.
  first_stage_from_created = has_created && !m.stages.empty() && m.stage_date_columns[0].empty();
  any_date |= first_stage_from_created;
  const bool has_close = add(m.close_date_column, "close date", Role::kCloseDate);
  const bool has_won = add(m.won_column, "won", Role::kWon);
  add(m.closed_column, "closed", Role::kClosed);
  const bool has_source = add(m.source_column, "source", Role::kSource);
  const bool has_amount = add(m.amount_column, "amount", Role::kAmount);
  const bool has_owner = add(m.owner_column, "owner", Role::kOwner);
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.column < b.column; });
  if (m.stages.empty() || (!has_stage && !any_date && !has_won)) {
    Warn(0, "", "No stage information found (no stage column, no stage date columns): "
                   "choose the stage column or the date column of each stage in the mapping.");
  }

  stage_lookup.rules = m.stage_values;
  status_lookup.rules = m.status_values;
  final_stage = static_cast<int>(m.stages.size()) - 1;

  LeadTable& t = table;
  t.stages = m.stages;
  t.stage_date.resize(m.stages.size());
  // Reserve for the rows the sample's bytes per row predict, so big files rarely reallocate.
  const size_t rows = est_rows + est_rows / 32 + 16;
  t.stage.reserve(rows);
  t.lost.reserve(rows);
  for (const Slot& s : slots) {
    if (s.role == Role::kStageDate) dated_stages.push_back(s.stage);
  }
  if (has_close && !m.stages.empty()) dated_stages.push_back(m.stages.size() - 1);
  if (first_stage_from_created) dated_stages.push_back(0);
  std::sort(dated_stages.begin(), dated_stages.end());
  dated_stages.erase(std::unique(dated_stages.begin(), dated_stages.end()), dated_stages.end());
  for (size_t k : dated_stages) t.stage_date[k].reserve(rows);
  if (has_created) t.created.reserve(rows);
  if (has_close) t.closed.reserve(rows);
  if (has_source) t.source.reserve(rows);
  if (has_amount) t.amount.reserve(rows);
  if (has_owner) t.owner.reserve(rows);
  bad_cells.assign(headers.size(), 0);
}

// Reports NUL bytes and bytes that are not UTF-8 in the current record, one warning per cell,
// naming the column where the byte lies in a value. The search runs ahead in slices of 64 KB,
// so the whole text is searched once.
void LeadImporter::State::CheckOddBytes() {
  const size_t start = reader.record_start(), end = reader.offset();
  if (next_odd != std::string_view::npos && next_odd < start) next_odd = std::string_view::npos;  // on a rejected line
  odd_scanned = std::max(odd_scanned, start);
  const auto& f = reader.fields();
  for (;;) {
    if (next_odd == std::string_view::npos) {
      if (odd_scanned >= end) return;
      // Not into the last bytes of a slice (a character cut there goes on in the next one).
      const size_t complete = input_ended ? text.size() : std::max(end, text.size() - std::min<size_t>(text.size(), 4));
      const size_t to = std::min(complete, std::max(end, odd_scanned + (size_t{1} << 16)));
      next_odd = FindNulOrInvalidUtf8(text, odd_scanned, to, odd_scanned);
      continue;
    }
    if (next_odd >= end) return;
    const size_t at = next_odd;
    next_odd = std::string_view::npos;
    // The field whose bytes hold `at`: a view into the text, or an unescaped copy lying between
    // the views before and after it.
    size_t column = SIZE_MAX;
    const uintptr_t base = reinterpret_cast<uintptr_t>(text.data());
    for (size_t i = 0; i < f.size(); ++i) {
      const uintptr_t p = reinterpret_cast<uintptr_t>(f[i].data());
      if (f[i].empty() || p < base || p >= base + text.size()) {
        if (!f[i].empty()) column = i;  // a copy: the byte may be in it
        continue;
      }
      const size_t from = p - base;
      if (at < from) break;
      if (at < from + f[i].size()) {
        column = i;
        break;
      }
      column = SIZE_MAX;
    }
    if (row == odd_row && column == odd_column) continue;  // one warning per cell
    odd_row = row;
    odd_column = column;
    const std::string name = column < header_size ? report.columns[column].name : "";
    const bool nul = text[at] == '\0';
    std::string what;
    if (column < f.size()) {
      const std::string_view v = TrimCell(f[column]);
      what = Quote(v) + " holds ";
    } else {
      what = "This row holds ";
    }
    if (nul) {
      what += "a NUL byte (a damaged file or a stray control character); it is ignored";
    } else if (utf8_evidence || (column < f.size() && LooksLikeUtf8(ScanUtf8(f[column], false)))) {
      what += "bytes that are not UTF-8 text (a damaged file?); they are read as \"\xEF\xBF\xBD\"";
    } else {
      what += "text that is not UTF-8; it is read as Windows-1252";
    }
    Warn(row, name, std::move(what));
  }
}

// Exports joined into one file (several pages of a report, a sheet pasted below another) repeat
// the column names: such a line is not a lead. It is one when its values are the column names
// (all of them that are not names the importer made up, at least two).
bool LeadImporter::State::IsHeaderAgain(const std::vector<std::string_view>& f) const {
  return HeaderAgain(f, header_names);
}

namespace {
bool HeaderAgain(const std::vector<std::string_view>& f, const std::vector<std::string>& names) {
  if (names.size() < 2 || f.empty() || TrimCell(f[0]) != names[0]) return false;
  size_t same = 0, named = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    const std::string_view v = i < f.size() ? TrimCell(f[i]) : std::string_view();
    if (v.empty()) continue;  // an empty name (now "Column C") or a trailing cell dropped
    ++named;
    same += v == name || (name.size() > v.size() && name.compare(0, v.size(), v) == 0 &&
                          name.compare(v.size(), 2, " (") == 0);  // a duplicate renamed "Stage (2)"
  }
  return named >= 2 && same == named;
}
}  // namespace

// Totals and report footers are not leads: "Total", "Grand Totals (5 records)", "Copyright (c)
// 2000-2024 salesforce.com, inc.", "Confidential Information - Do Not Distribute", "Generated By:
// …", a report title alone on a line under the data, a sum with no label. A line is one when
// nothing in it says a stage, a status or a date, and it either starts with such a phrase or
// holds a single value in a file with more columns. A lead without a stage still has other
// columns filled.
bool LeadImporter::State::IsSummaryLine(const std::vector<std::string_view>& f) const {
  for (const Slot& s : slots) {
    if (s.role == Role::kSource || s.role == Role::kAmount || s.role == Role::kOwner) continue;
    if (s.column < f.size() && !TrimCell(f[s.column]).empty()) return false;
  }
  std::string_view first;
  size_t values = 0;
  for (const std::string_view v : f) {
    const std::string_view t = TrimCell(v);
    if (t.empty()) continue;
    if (values++ == 0) first = t;
  }
  if (values <= 1 && header_size > 1) return true;  // one value alone: a label or a sum
  const std::string key = NormalizeKey(first.substr(0, 40));
  for (const char* phrase : {"total", "grandtotal", "subtotal", "copyright", "confidentialinformation",
                             "generatedby", "filteredby", "summe", "gesamt", "somme", "suma", "totaal"}) {
    if (key.rfind(phrase, 0) == 0) return true;
  }
  return false;
}

void LeadImporter::State::ImportRecord() {
  const auto& f = reader.fields();
  ++report.rows_read;
  if (reader.unterminated_quote()) {
    // Reject this line only and read on from the next one, so good rows after it still load.
    Reject(row, "", "A quoted value on this row is never closed (a \" is missing); the row "
                          "was skipped");
    reader.RestartAfterRecordLine();
    return;
  }
  CheckOddBytes();
  if (IsHeaderAgain(f)) {
    ++report.rows_skipped;
    ++header_repeats;
    if (header_repeat_rows.size() < 5) header_repeat_rows.push_back(row);
    return;
  }
  if (IsSummaryLine(f)) {
    ++report.rows_skipped;
    if (summary_rows.size() < 5) summary_rows.push_back(row);
    return;
  }
  if (f.size() < header_size) {
    if (f.size() >= 1) {
      Warn(row, "", "Row has " + std::to_string(f.size()) + " values but the header has " +
                              std::to_string(header_size) + "; the missing ones are read as empty");
    }
  } else if (f.size() > header_size) {
    for (size_t i = header_size; i < f.size(); ++i) {
      if (!TrimCell(f[i]).empty()) {
        Warn(row, "", "Row has " + std::to_string(f.size()) + " values but the header has " +
                                std::to_string(header_size) + "; the extra ones are ignored");
        break;
      }
    }
  }

  LeadTable& t = table;
  int stage = -1;
  bool lost = false;
  bool won = false, closed = false, has_closed = false;
  Minutes close_date = kNoDate;
  const size_t r = t.rows;
  // Append defaults for every column this import fills.
  t.stage.push_back(-1);
  t.lost.push_back(0);
  for (size_t k : dated_stages) t.stage_date[k].push_back(kNoDate);
  for (const Slot& s : slots) {
    switch (s.role) {
      case Role::kCreated: t.created.push_back(kNoDate); break;
      case Role::kCloseDate: t.closed.push_back(kNoDate); break;
      case Role::kSource: t.source.push_back(Dictionary::kNone); break;
      case Role::kOwner: t.owner.push_back(Dictionary::kNone); break;
      case Role::kAmount: t.amount.push_back(std::numeric_limits<double>::quiet_NaN()); break;
      default: break;
    }
  }
  for (const Slot& s : slots) {
    const std::string_view raw = s.column < f.size() ? f[s.column] : std::string_view();
    const std::string_view v = TrimCell(raw);
    if (v.empty()) continue;
    const ColumnInfo& col = report.columns[s.column];
    auto bad = [&](const char* expected) {
      ++bad_cells[s.column];
      Warn(row, col.name, Quote(v) + " is not " + expected + "; read as empty");
    };
    if (v[0] == '#' && IsSpreadsheetError(v)) {  // #N/A, #DIV/0! pasted from a sheet: no value at all
      ++bad_cells[s.column];
      Warn(row, col.name, Quote(v) + " is a spreadsheet error, not a value; read as empty");
      continue;
    }
    switch (s.role) {
      case Role::kStage:
      case Role::kStatus: {
        ValueLookup& lookup = s.role == Role::kStage ? stage_lookup : status_lookup;
        if (const StageValueRule* rule = lookup.Find(CapText(v, col.name), [this](std::string_view x) { return CleanText(x); })) {
          stage = std::max(stage, rule->stage);
          lost = lost || rule->lost;
        }
        break;
      }
      case Role::kStageDate:
      case Role::kCreated:
      case Role::kCloseDate: {
        Minutes m = kNoDate;
        if (col.excel_serial) {
          NumberParse n;
          if (!ParseNumber(v, col.decimal, n) || n.percent || n.currency || n.value < kExcelSerial1970 ||
              n.value >= kExcelSerial2100) {
            bad("an Excel serial date (expected a number such as 45292 = 2024-01-01)");
            break;
          }
          m = static_cast<Minutes>(std::llround((n.value - kExcelSerial1970) * 1440.0));
        } else if (!ParseDate(v, col.date_order, m)) {
          bad("a date (expected e.g. 2024-03-05, 3/5/2024 or 05.03.2024)");
          break;
        }
        NoteDate(m, s.column, v);
        if (s.role == Role::kStageDate) t.stage_date[s.stage][r] = m;
        else if (s.role == Role::kCreated) {
          t.created.back() = m;
          if (first_stage_from_created) t.stage_date[0][r] = m;
        }
        else {
          close_date = m;
          t.closed.back() = m;  // kept as is: a lost deal's close date is when it was lost
        }
        break;
      }
      case Role::kWon:
      case Role::kClosed: {
        bool b = false;
        if (!ParseBool(v, b)) {
          bad("true/false or yes/no");
          break;
        }
        if (s.role == Role::kWon) won = b;
        else { closed = b; has_closed = true; }
        break;
      }
      case Role::kSource: t.source.back() = InternText(t.source_names, source_canonical, v, col.name); break;
      case Role::kOwner: t.owner.back() = InternText(t.owner_names, owner_canonical, v, col.name); break;
      case Role::kAmount: {
        NumberParse n;
        if (!ParseNumber(v, col.decimal, n)) {
          bad(n.non_finite ? "a finite amount (expected e.g. 25000, $25,000.00 or 25.000,00 €; NaN, Infinity "
                             "and values beyond ±1.8e308 are not amounts)"
                           : "a number (expected e.g. 25000, $25,000.00 or 25.000,00 €)");
          break;
        }
        t.amount.back() = n.value;
        break;
      }
    }
  }
  if (won && final_stage >= 0) stage = final_stage;
  if (has_closed && closed && !won && stage != final_stage) lost = true;
  // A won row's last stage is dated by the close date when it has no date of its own.
  if (!t.stage_date.empty()) {
    auto& last = t.stage_date.back();
    if (!last.empty() && last[r] == kNoDate && stage == final_stage && close_date != kNoDate) last[r] = close_date;
  }
  // A row with a stage or dates reached at least the first stage; a created row the first.
  if (stage < 0 && !t.created.empty() && t.created.back() != kNoDate && final_stage >= 0 && !lost) stage = 0;
  if (stage < 0 && lost && final_stage >= 0) stage = 0;
  t.stage[r] = static_cast<int8_t>(std::min(stage, 127));
  t.lost[r] = lost ? 1 : 0;
  ++t.rows;
  ++report.rows_imported;
}

// Dates far from all the others — a 1900-01-01 or 1970-01-01 placeholder, a 2099-12-31 "never",
// a typo year — would stretch the monthly trend and the cohorts over decades of empty months
// and move the as-of date. The dates are grouped into clusters separated by at least
// kGapYears years without any date; the main cluster is the largest one that is not a
// placeholder (all on one day, or before 1970) when such a cluster exists. Dates outside it are
// read as empty, each named by row and column.
void LeadImporter::State::DropFarDates() {
  struct Cluster { int first, last; uint64_t cells; Minutes lo, hi; };
  std::vector<Cluster> clusters;
  for (int b = 0; b < kYearBuckets; ++b) {
    const YearBin& y = years[static_cast<size_t>(b)];
    if (y.cells == 0) continue;
    if (clusters.empty() || b - clusters.back().last > kGapYears) {
      clusters.push_back({b, b, 0, y.lo, y.hi});
    }
    Cluster& c = clusters.back();
    c.last = b;
    c.cells += y.cells;
    c.lo = std::min(c.lo, y.lo);
    c.hi = std::max(c.hi, y.hi);
  }
  if (clusters.size() < 2) return;
  auto plausible = [](const Cluster& c) {
    const bool one_day = c.hi - c.lo < 1440;
    return !one_day && c.hi >= 0;  // spread over days, and not all before 1970
  };
  const Cluster* main = &clusters[0];
  for (const Cluster& c : clusters) {
    const bool better = plausible(c) != plausible(*main) ? plausible(c) : c.cells > main->cells;
    if (better) main = &c;
  }
  const int keep_first = main->first, keep_last = main->last;
  auto far = [&](Minutes m) {
    if (m == kNoDate) return false;
    const int b = YearBucket(m);
    return b < keep_first || b > keep_last;
  };
  LeadTable& t = table;
  for (auto& dates : t.stage_date) {
    for (Minutes& m : dates) {
      if (far(m)) m = kNoDate;
    }
  }
  for (auto* dates : {&t.created, &t.closed}) {
    for (Minutes& m : *dates) {
      if (far(m)) m = kNoDate;
    }
  }
  // The cells, counted per column and named (the first `max_listed` of each year, in file order).
  for (size_t col = 0; col < date_column.size(); ++col) {
    if (date_column[col] < 0) continue;
    const auto& by_year = column_years[static_cast<size_t>(date_column[col])];
    for (int b = 0; b < kYearBuckets; ++b) {
      if (b < keep_first || b > keep_last) bad_cells[col] += by_year[static_cast<size_t>(b)];
    }
  }
  uint64_t dropped = 0;
  for (int b = 0; b < kYearBuckets; ++b) {
    if (b < keep_first || b > keep_last) dropped += years[static_cast<size_t>(b)].cells;
  }
  std::vector<DateCell*> named;
  for (DateCell& c : date_cells) {
    if (c.bucket < keep_first || c.bucket > keep_last) named.push_back(&c);
  }
  std::stable_sort(named.begin(), named.end(), [](const DateCell* a, const DateCell* b) { return a->offset < b->offset; });
  // The lines of those that will be listed, where not counted yet: they lie in the text still held.
  const size_t room = options.max_listed - std::min(options.max_listed, report.warnings.size());
  for (size_t i = 0; i < named.size() && i < room; ++i) {
    if (named[i]->line == 0) named[i]->line = reader.LineAt(named[i]->offset - text_base);
  }
  const std::string span = DayText(main->lo) + " to " + DayText(main->hi);
  for (const DateCell* c : named) {
    if (report.warnings.size() >= options.max_listed) break;
    report.warnings.push_back({c->row, c->line, report.columns[c->column].name,
                               c->quoted + " is years away from every other date in the file (they run from " + span +
                                   "): a placeholder or a typo? It is read as empty so that the monthly trend and "
                                   "the cohorts cover the data."});
  }
  report.warnings_total += dropped;
}

void LeadImporter::State::Finalize() {
  if (finished) return;
  finished = true;
  DropFarDates();
  for (const auto& seen : stage_lookup.seen) {
    if (seen.rule < 0) report.unknown_stage_values.emplace_back(seen.text, seen.rows);
  }
  // Commonest first (ties in order of first appearance); the first kMaxListedValues are kept,
  // so a column of IDs mapped as the stage cannot make the report (and the saved summary) huge.
  std::stable_sort(report.unknown_stage_values.begin(), report.unknown_stage_values.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (!report.unknown_stage_values.empty()) {
    std::string list;
    size_t rows = stage_lookup.other_unknown_rows;
    for (const auto& [v, n] : report.unknown_stage_values) {
      if (list.size() < 200) list += (list.empty() ? "" : ", ") + Quote(v) + " (" + std::to_string(n) + ")";
      rows += n;
    }
    const size_t distinct = report.unknown_stage_values.size();
    if (distinct > kMaxListedValues || stage_lookup.other_unknown_rows > 0) {
      report.unknown_stage_values.resize(std::min(distinct, kMaxListedValues));
      list += ", … (" + std::string(stage_lookup.other_unknown_rows > 0 ? "more than " : "") + std::to_string(distinct) +
              " different values; the " + std::to_string(report.unknown_stage_values.size()) + " commonest are listed)";
    }
    Warn(0, report.mapping.stage_column,
         std::to_string(rows) + (rows == 1 ? " row has" : " rows have") +
             " a stage value the mapping does not know: " + list +
             ". Map these values to stages to count them.");
  }
  if (header_repeats > 0) {
    std::string rows;
    for (const size_t r : header_repeat_rows) rows += (rows.empty() ? "" : ", ") + std::to_string(r);
    if (header_repeats > header_repeat_rows.size()) rows += ", …";
    const bool one = header_repeats == 1;
    Warn(0, "", std::to_string(header_repeats) + (one ? " line" : " lines") + " (row" + (one ? " " : "s ") + rows +
                    ") " + (one ? "repeats" : "repeat") + " the column names (files joined together?) and " +
                    (one ? "was" : "were") + " skipped.");
  }
  if (report.rows_skipped > header_repeats) {
    const size_t summaries = report.rows_skipped - header_repeats;
    std::string rows;
    for (const size_t r : summary_rows) rows += (rows.empty() ? "" : ", ") + std::to_string(r);
    if (summaries > summary_rows.size()) rows += ", …";
    const bool one = summaries == 1;
    Warn(0, "", std::to_string(summaries) + (one ? " line" : " lines") + " (row" + (one ? " " : "s ") +
                    rows + ") with no stage or date " + (one ? "looks" : "look") +
                    " like a total or a report footer, not a lead, and " + (one ? "was" : "were") + " skipped.");
  }
  for (size_t c = 0; c < bad_cells.size(); ++c) {
    if (bad_cells[c] > 0) {
      report.columns[c].detail += (report.columns[c].detail.empty() ? "" : "; ") +
                                  std::to_string(bad_cells[c]) +
                                  (bad_cells[c] == 1 ? " value could not be read" : " values could not be read");
    }
  }
  if (report.rows_imported == 0 && !report.fatal) {
    report.fatal = true;
    report.errors.insert(report.errors.begin(), ImportIssue{0, 0, "", "No row could be imported."});
    ++report.errors_total;
  }
}

LeadImporter::LeadImporter(ImportOptions options) : s_(std::make_unique<State>()) {
  s_->options = std::move(options);
  s_->report.source_name = s_->options.source_name;
  s_->report.workbook = s_->options.workbook;
  s_->report.bytes = s_->options.total_bytes;
}

LeadImporter::LeadImporter(std::string_view bytes, ImportOptions options) : LeadImporter(std::move(options)) {
  s_->whole = bytes;
  s_->options.total_bytes = bytes.size();
  s_->report.bytes = bytes.size();
  if (bytes.empty()) EndInput();
}

LeadImporter::~LeadImporter() = default;

void LeadImporter::Feed(std::string_view chunk) {
  State& s = *s_;
  if (s.input_ended || s.finished || chunk.empty()) return;
  s.starved = false;
  if (s.phase == State::Phase::kRows) s.Drop();
  s.Take(chunk);
}

void LeadImporter::EndInput() {
  State& s = *s_;
  if (s.input_ended) return;
  s.input_ended = true;
  s.starved = false;
  s.report.bytes = s.raw_fed;
  if (s.utf16) s.Decode({});  // a cut character at the very end
}

bool LeadImporter::needs_input() const {
  const State& s = *s_;
  return !s.finished && !s.input_ended && s.whole.empty() && s.starved;
}

// The phases before the rows, each once it has the text it needs. False = needs input.
bool LeadImporter::State::Advance() {
  if (phase == Phase::kEncoding && !DecideEncoding()) return false;
  if (finished) return true;
  if (phase == Phase::kDecide && !Decide()) return false;
  if (finished) return true;
  if (phase == Phase::kHeader && !BeginRows()) return false;
  return true;
}

double LeadImporter::Step(size_t max_bytes) {
  State& s = *s_;
  max_bytes = std::max<size_t>(max_bytes, 1);
  size_t budget = max_bytes;
  for (;;) {
    if (s.finished) return 1.0;
    s.starved = false;
    bool more = s.phase == State::Phase::kRows || s.Advance();
    if (more && !s.finished && s.phase == State::Phase::kRows) {
      const size_t start = s.reader.offset();
      while (s.reader.offset() - start < budget) {
        if (!s.reader.Next()) {
          if (s.input_ended) {
            s.Finalize();
            return 1.0;
          }
          more = false;
          break;
        }
        if (!s.Complete(s.reader)) {  // may go on in the next slice
          s.reader.Rewind();
          more = false;
          break;
        }
        ++s.row;
        if (s.reader.blank()) {
          ++s.report.blank_lines;
          continue;
        }
        s.ImportRecord();
      }
      const size_t used = s.reader.offset() - start;
      if (more) return progress();  // the budget is spent
      budget -= std::min(budget, used);
    }
    if (s.finished) return 1.0;
    if (more) continue;
    // Needs more input: the next slice of the view, or the caller's next Feed.
    if (s.whole.empty() || s.input_ended) {
      if (s.input_ended && !s.whole.empty()) return progress();  // cannot happen: ended input reads on
      s.starved = true;
      return progress();
    }
    const size_t n = std::min(s.whole.size() - s.whole_fed, std::max<size_t>(kSliceBytes, max_bytes));
    if (s.phase == State::Phase::kRows) s.Drop();
    s.Take(s.whole.substr(s.whole_fed, n));
    s.whole_fed += n;
    if (s.whole_fed == s.whole.size()) EndInput();
    if (budget == 0) return progress();
  }
}

bool LeadImporter::done() const { return s_->finished; }

double LeadImporter::progress() const {
  const State& s = *s_;
  if (s.finished) return 1.0;
  const size_t total = s.input_ended ? s.raw_fed : std::max(s.raw_fed, s.options.total_bytes);
  if (total == 0 || s.decoded_total == 0) return 0.0;
  // The input read so far, less what of it waits in the buffer (in input bytes).
  const double per_text_byte = static_cast<double>(s.raw_fed) / static_cast<double>(s.decoded_total);
  const size_t unread = s.phase == State::Phase::kRows ? s.text.size() - s.reader.offset() : s.text.size();
  const double done = static_cast<double>(s.raw_fed) - static_cast<double>(unread) * per_text_byte;
  return std::clamp(done / static_cast<double>(total), 0.0, 1.0);
}

const ImportReport& LeadImporter::report() const { return s_->report; }

ImportResult LeadImporter::Finish() {
  if (s_->whole.empty()) EndInput();  // a view is read to its end by Step
  while (!done()) Step(std::numeric_limits<size_t>::max() / 2);
  return ImportResult{std::move(s_->table), std::move(s_->report)};
}

ImportResult ImportLeads(std::string_view bytes, ImportOptions options) {
  LeadImporter importer(bytes, std::move(options));
  return importer.Finish();
}

std::string FormatDescription(const ImportReport& report) {
  if (report.workbook) return "Excel workbook";
  return report.encoding + ", " + DelimiterName(report.delimiter) + "-separated";
}

}  // namespace funnel
