// CSV/TSV reading as real files do it: RFC 4180 quoting (embedded delimiters, newlines and
// doubled quotes), CRLF/LF/CR line ends, blank lines, and leniency where files break the rules
// (a quote inside an unquoted field is text; text after a closing quote is kept).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace funnel {

// Picks , ; tab or | : the candidate that splits the first lines into the most consistent,
// largest number of fields (quotes respected). Falls back to ','.
char DetectDelimiter(std::string_view sample);
const char* DelimiterName(char delimiter);  // "comma", "semicolon", "tab", "pipe"

class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter);

  // Reads the next record. Returns false at the end of the text.
  bool Next();

  // Fields of the current record: views into the text, or into an internal buffer when a
  // quoted field needed unescaping. Valid until the next call to Next().
  const std::vector<std::string_view>& fields() const { return fields_; }
  // 1-based line where the current record starts. Counted on demand (only for records that
  // are reported), so the hot path never counts newlines.
  size_t line() { return LineAt(record_start_); }
  // 1-based line of the byte at `offset` (counted from the last line asked for, either way).
  size_t LineAt(size_t offset);
  bool blank() const { return blank_; }             // an empty line
  bool unterminated_quote() const { return unterminated_; }  // ran to end of text inside quotes
  size_t offset() const { return pos_; }            // bytes consumed so far
  size_t record_start() const { return record_start_; }  // offset where the current record starts
  // A field that needs unescaping ("" inside quotes, text after a closing quote) is copied; at
  // most this many bytes of it are kept, so a giant cell (or an unclosed quote that runs to the
  // end of the text) costs no copy of that size. Fields that are plain views are not cut.
  void set_max_field_bytes(size_t n) { max_field_ = n; }
  // After an unterminated quote swallowed the rest of the text: go back and continue at the
  // line after the one where the current record started.
  void RestartAfterRecordLine();
  size_t size() const { return text_.size(); }

  // Streaming (the text grows as a file is read in slices):
  // Goes back to the start of the current record, to read it again once more text has come
  // (a record that reached the end of the text read so far may go on in the next slice).
  void Rewind() { pos_ = record_start_; }
  // The text now starts `dropped` bytes later (the records before were read and dropped) and
  // may be longer: offsets shift, and lines counts go on across the dropped bytes.
  void Rebase(std::string_view text, size_t dropped);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t record_start_ = 0;
  size_t counted_to_ = 0;    // newlines before this offset are counted in counted_lines_
  size_t counted_lines_ = 1;
  bool blank_ = false;
  bool unterminated_ = false;
  char delimiter_;
  size_t max_field_ = SIZE_MAX;
  uint8_t stop_[256] = {};  // bytes that end an unquoted field
  std::vector<std::string_view> fields_;
  std::string scratch_;  // unescaped quoted fields of the current record
  struct Patch { size_t field, offset, length; };
  std::vector<Patch> patches_;
};

}  // namespace funnel
