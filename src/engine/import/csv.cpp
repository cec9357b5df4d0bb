#include "engine/import/csv.hpp"

#include <algorithm>
#include <cstring>
#if defined(__SSE2__) && !defined(FP_NO_SSE2)
#include <emmintrin.h>
#endif

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
// text's size, for the \r at its end. A byte ends a line when it is \n, or \r not followed by
// \n; whole blocks are counted at once (16 bytes with SSE2, else 8), each with the byte after it.
size_t CountLineEnds(const char* s, size_t from, size_t to, size_t n) {
  size_t lines = 0;
  size_t p = from;
#if defined(__SSE2__) && !defined(FP_NO_SSE2)
  // Groups of up to 255 blocks: the \n counted alone while no \r is seen (most files); a group
  // with a \r is counted again with the \r\n rule.
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();
  auto load = [s](size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at)); };
  auto sum = [&](__m128i counts) {
    const __m128i sums = _mm_sad_epu8(counts, zero);
    return static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  };
  while (p + 16 <= to && p + 16 < n) {
    const size_t blocks = std::min<size_t>({255, (to - p) / 16, (n - 1 - p) / 16});
    __m128i counts = zero, crs = zero;  // per byte: \n seen (negated), any \r
    for (size_t k = 0; k < blocks; ++k) {
      const __m128i v = load(p + 16 * k);
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, lf));
      crs = _mm_or_si128(crs, _mm_cmpeq_epi8(v, cr));
    }
    if (_mm_movemask_epi8(crs) != 0) {
      counts = zero;
      for (size_t k = 0; k < blocks; ++k) {
        const __m128i v = load(p + 16 * k), next = load(p + 16 * k + 1);
        const __m128i ends = _mm_or_si128(_mm_cmpeq_epi8(v, lf),
                                          _mm_andnot_si128(_mm_cmpeq_epi8(next, lf), _mm_cmpeq_epi8(v, cr)));
        counts = _mm_sub_epi8(counts, ends);  // an end is -1 in its byte
      }
    }
    lines += sum(counts);
    p += 16 * blocks;
  }
#else
  while (p + 8 <= to && p + 8 < n) {
    uint64_t counts = 0;  // per byte, up to 255 words
    for (int k = 0; k < 255 && p + 8 <= to && p + 8 < n; ++k, p += 8) {
      const uint64_t w = Load8(s + p), next = Load8(s + p + 1);
      counts += (ByteEq(w, '\n') | (ByteEq(w, '\r') & ~ByteEq(next, '\n'))) >> 7;
    }
    const uint64_t pairs = (counts & 0x00FF00FF00FF00FFull) + ((counts >> 8) & 0x00FF00FF00FF00FFull);
    lines += static_cast<size_t>((pairs * 0x0001000100010001ull) >> 48);
  }
#endif
  for (; p < to; ++p) lines += s[p] == '\n' || (s[p] == '\r' && (p + 1 >= n || s[p + 1] != '\n'));
  return lines;
}
}  // namespace

size_t CsvReader::LineAt(size_t offset) {
  const char* s = text_.data();
  if (offset < counted_to_) {  // after RestartAfterRecordLine, or a line asked for earlier: count back
    counted_lines_ -= CountLineEnds(s, offset, counted_to_, text_.size());
  } else {
    counted_lines_ += CountLineEnds(s, counted_to_, offset, text_.size());
  }
  counted_to_ = offset;
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
