#include "engine/import/csv.hpp"

#include <algorithm>
#include <cstring>

namespace funnel {

const char* DelimiterName(char d) {
  switch (d) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    case '|': return "pipe";
  }
  return "other";
}

char DetectDelimiter(std::string_view sample) {
  constexpr char kCandidates[] = {',', ';', '\t', '|'};
  constexpr size_t kLines = 30;
  char best = ',';
  double best_score = 0.0;
  for (char d : kCandidates) {
    CsvReader reader(sample.substr(0, std::min<size_t>(sample.size(), 256 * 1024)), d);
    std::vector<size_t> counts;
    while (counts.size() < kLines && reader.Next()) {
      if (reader.blank()) continue;
      if (reader.unterminated_quote() && !counts.empty()) break;  // sample cut mid-record
      counts.push_back(reader.fields().size());
    }
    if (counts.empty()) continue;
    // Score: fields per line of the most common count × share of lines that have it.
    std::vector<size_t> sorted = counts;
    std::sort(sorted.begin(), sorted.end());
    size_t mode = sorted[0], mode_n = 0;
    for (size_t i = 0; i < sorted.size();) {
      size_t j = i;
      while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
      if (j - i > mode_n || (j - i == mode_n && sorted[i] > mode)) {
        mode = sorted[i];
        mode_n = j - i;
      }
      i = j;
    }
    if (mode < 2) continue;
    const double consistency = static_cast<double>(mode_n) / static_cast<double>(counts.size());
    const double score = consistency * consistency * static_cast<double>(mode);
    if (score > best_score) {
      best_score = score;
      best = d;
    }
  }
  return best;
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// 0x80 in every byte of `w` equal to `c`, exactly (no false positives from borrows).
inline uint64_t ByteEq(uint64_t w, char c) {
  const uint64_t v = w ^ (kOnes * static_cast<unsigned char>(c));
  return ~(((v & ~kHighs) + ~kHighs) | v | ~kHighs);
}

inline uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;  // little-endian on x86-64 and WebAssembly
}

// First index ≥ p of byte c (or n): eight bytes at a time.
inline size_t FindByte(const char* s, size_t p, size_t n, char c) {
  while (p + 8 <= n) {
    if (const uint64_t m = ByteEq(Load8(s + p), c)) return p + (static_cast<size_t>(__builtin_ctzll(m)) >> 3);
    p += 8;
  }
  while (p < n && s[p] != c) ++p;
  return p;
}

// First index ≥ p of the delimiter, \n or \r (or n).
inline size_t FindFieldEnd(const char* s, size_t p, size_t n, char delimiter) {
  while (p + 8 <= n) {
    const uint64_t w = Load8(s + p);
    if (const uint64_t m = ByteEq(w, delimiter) | ByteEq(w, '\n') | ByteEq(w, '\r')) {
      return p + (static_cast<size_t>(__builtin_ctzll(m)) >> 3);
    }
    p += 8;
  }
  while (p < n && s[p] != delimiter && s[p] != '\n' && s[p] != '\r') ++p;
  return p;
}

}  // namespace

namespace {
// Line ends in [from, to) of s: \n, \r\n (counted once, at the \n) and a lone \r. `n` is the
// text's size, for the \r at its end.
size_t CountLineEnds(const char* s, size_t from, size_t to, size_t n) {
  const size_t len = to - from;
  size_t lines = static_cast<size_t>(std::count(s + from, s + to, '\n'));
  if (std::memchr(s + from, '\r', len) == nullptr) return lines;  // the usual case: no \r at all
  for (size_t p = from; p < to; ++p) lines += s[p] == '\r' && (p + 1 >= n || s[p + 1] != '\n');
  return lines;
}
}  // namespace

size_t CsvReader::line() {
  const char* s = text_.data();
  if (record_start_ < counted_to_) {  // only after RestartAfterRecordLine: count back
    counted_lines_ -= CountLineEnds(s, record_start_, counted_to_, text_.size());
  } else {
    counted_lines_ += CountLineEnds(s, counted_to_, record_start_, text_.size());
  }
  counted_to_ = record_start_;
  return counted_lines_;
}

void CsvReader::Rebase(std::string_view text, size_t dropped) {
  if (counted_to_ < dropped) {
    counted_lines_ += CountLineEnds(text_.data(), counted_to_, dropped, text_.size());
    counted_to_ = dropped;
  }
  text_ = text;
  pos_ -= dropped;
  record_start_ -= dropped;
  counted_to_ -= dropped;
}

CsvReader::CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
  stop_[static_cast<unsigned char>(delimiter)] = 1;
  stop_[static_cast<unsigned char>('\n')] = 1;
  stop_[static_cast<unsigned char>('\r')] = 1;
  fields_.reserve(64);
}

bool CsvReader::Next() {
  const size_t n = text_.size();
  if (pos_ >= n) return false;
  const char* s = text_.data();
  fields_.clear();
  scratch_.clear();
  patches_.clear();
  unterminated_ = false;
  record_start_ = pos_;
  blank_ = s[pos_] == '\n' || s[pos_] == '\r';

  size_t p = pos_;
  for (;;) {
    if (p < n && s[p] == '"') {
      // Quoted field: runs to the next quote not followed by another quote.
      size_t start = ++p;
      bool escaped = false;
      size_t seg = start;
      size_t scratch_start = scratch_.size();
      // Appends to the field's copy, up to max_field_ bytes of it.
      auto append = [&](const char* from, size_t len) {
        const size_t have = scratch_.size() - scratch_start;
        if (have < max_field_) scratch_.append(from, std::min(len, max_field_ - have));
      };
      for (;;) {
        const size_t qpos = FindByte(s, p, n, '"');
        if (qpos >= n) {  // no closing quote: the rest of the text is this field
          unterminated_ = true;
          p = n;
          break;
        }
        if (qpos + 1 < n && s[qpos + 1] == '"') {  // "" → "
          if (!escaped) {
            escaped = true;
            scratch_start = scratch_.size();
          }
          append(s + seg, qpos + 1 - seg);
          p = seg = qpos + 2;
          continue;
        }
        p = qpos;  // closing quote
        break;
      }
      const size_t end = p;
      if (p < n) ++p;  // past the closing quote
      // Lenient: text between the closing quote and the delimiter belongs to the field.
      size_t tail = p;
      if (p < n && !stop_[static_cast<unsigned char>(s[p])]) p = FindFieldEnd(s, p, n, delimiter_);
      if (escaped || p > tail) {
        if (!escaped) scratch_start = scratch_.size();
        append(s + seg, end - seg);
        append(s + tail, p - tail);
        patches_.push_back({fields_.size(), scratch_start, scratch_.size() - scratch_start});
        fields_.emplace_back();
      } else {
        fields_.emplace_back(s + start, end - start);
      }
    } else {
      const size_t start = p;
      p = FindFieldEnd(s, p, n, delimiter_);
      fields_.emplace_back(s + start, p - start);
    }
    if (p >= n) break;
    const char c = s[p];
    if (c == delimiter_) {
      ++p;
      if (p >= n) {  // trailing delimiter at the very end: one more empty field
        fields_.emplace_back();
        break;
      }
      continue;
    }
    // End of line: \n, \r\n or a lone \r.
    ++p;
    if (c == '\r' && p < n && s[p] == '\n') ++p;
    break;
  }
  pos_ = p;
  for (const Patch& patch : patches_) {
    fields_[patch.field] = std::string_view(scratch_).substr(patch.offset, patch.length);
  }
  if (blank_ && !(fields_.size() == 1 && fields_[0].empty())) blank_ = false;
  return true;
}

void CsvReader::RestartAfterRecordLine() {
  const char* s = text_.data();
  const size_t n = text_.size();
  size_t p = record_start_;
  while (p < n && s[p] != '\n' && s[p] != '\r') ++p;
  if (p < n && s[p] == '\r') ++p;
  if (p < n && s[p] == '\n') ++p;
  pos_ = p;
}

}  // namespace funnel
