// Excel workbooks natively: the text web/xlsx.js makes, byte for byte, read in bounded memory.
//
// [SECTION] zip: the central directory, parts read whole or inflated in chunks
// [SECTION] text: UTF-8 as the browser's TextDecoder decodes it, XML entities, _xHHHH_
// [SECTION] markup: the regular expressions of xlsx.js as scanners
// [SECTION] numbers and dates: JavaScript's Number(), toPrecision, toFixed, String, Date
// [SECTION] styles and shared strings
// [SECTION] the sheet: rows streamed, two reads (measure the widest row, then write)
//
// xlsx.js scans the XML with regular expressions, not a parser; every scanner here matches what
// its expression matches, including on odd markup, so both readers give the same rows. When a
// rule changes there, change it here (tests/engine/import/xlsx_same_as_browser.mjs compares
// the two on many workbooks).
#include "engine/import/xlsx_reader.hpp"

#include "engine/common/calendar.hpp"       // CivilFromDays
#include "engine/import/text_encoding.hpp"  // AppendUtf8

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <vector>

namespace funnel {
namespace {

using std::string_view;

// A part beyond this cannot be imported (xlsx.js: MAX_PART_BYTES). Here it applies to the parts
// read whole (workbook, relationships, styles, shared strings); the sheet is streamed.
constexpr uint64_t kMaxPartBytes = 1536ull * 1024 * 1024;
constexpr size_t kChunkBytes = 256 * 1024;              // inflated per step
constexpr size_t kMaxElementBytes = 64 * 1024 * 1024;   // one row or one shared string item
constexpr double kMaxLines = 2000000;                   // xlsx.js pads empty rows up to this

// ================================ [SECTION] zip ============================================
uint32_t U16(string_view b, uint64_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at]) |
                               static_cast<unsigned char>(b[at + 1]) << 8);
}
uint32_t U32(string_view b, uint64_t at) { return U16(b, at) | U16(b, at + 2) << 16; }

void AppendDecoded(std::string& out, string_view bytes);  // below: TextDecoder's UTF-8

struct ZipEntry {
  uint32_t method = 0, compressed = 0, size = 0, local = 0;
};
using ZipParts = std::map<std::string, ZipEntry, std::less<>>;

bool ReadZip(string_view bytes, ZipParts& parts, std::string& error) {
  int64_t eocd = -1;
  const int64_t n = static_cast<int64_t>(bytes.size());
  for (int64_t i = n - 22; i >= std::max<int64_t>(0, n - 65557); --i) {
    if (U32(bytes, i) == 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) {
    error = "the file is not a complete workbook (its zip directory is missing; was the download cut short?)";
    return false;
  }
  const uint32_t count = U16(bytes, eocd + 10);
  uint64_t p = U32(bytes, eocd + 16);
  // zip64 (over 4 GB or 65,535 parts): xlsx.js does not read it either; say so rather than
  // call the directory damaged.
  const bool zip64 = eocd >= 20 && U32(bytes, eocd - 20) == 0x07064b50;
  if (zip64 && (count == 0xFFFF || p == 0xFFFFFFFFu)) {
    error = "the workbook is a zip64 file (over 4 GB), which this app does not read";
    return false;
  }
  for (uint32_t k = 0; k < count; ++k) {
    if (p + 46 > bytes.size() || U32(bytes, p) != 0x02014b50) {
      error = "its zip directory is damaged";
      return false;
    }
    ZipEntry e;
    e.method = U16(bytes, p + 10);
    e.compressed = U32(bytes, p + 20);
    e.size = U32(bytes, p + 24);
    const uint32_t name_length = U16(bytes, p + 28), extra = U16(bytes, p + 30), comment = U16(bytes, p + 32);
    e.local = U32(bytes, p + 42);
    if (zip64 && (e.compressed == 0xFFFFFFFFu || e.size == 0xFFFFFFFFu || e.local == 0xFFFFFFFFu)) {
      error = "the workbook is a zip64 file (over 4 GB), which this app does not read";
      return false;
    }
    std::string name;
    string_view raw = bytes.substr(std::min<uint64_t>(p + 46, bytes.size()), name_length);
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);  // TextDecoder drops a BOM
    AppendDecoded(name, raw);
    if (!name.empty() && name[0] == '/') name.erase(0, 1);
    parts[name] = e;
    p += 46ull + name_length + extra + comment;
  }
  return true;
}

// A part's compressed bytes (clamped to the file, as Uint8Array.subarray does).
bool PartData(string_view bytes, const ZipEntry& e, const std::string& name, string_view& data,
              std::string& error) {
  const uint64_t at = e.local;
  if (at + 30 > bytes.size() || U32(bytes, at) != 0x04034b50) {
    error = "part " + name + " is damaged";
    return false;
  }
  const uint64_t start = at + 30 + U16(bytes, at + 26) + U16(bytes, at + 28);
  data = start >= bytes.size() ? string_view() : bytes.substr(start, e.compressed);
  return true;
}

// A part's bytes in chunks: stored as they are, or inflated (raw deflate) a chunk at a time.
class PartSource {
 public:
  PartSource() = default;
  PartSource(const PartSource&) = delete;
  PartSource& operator=(const PartSource&) = delete;
  ~PartSource() {
    if (z_ready_) inflateEnd(&z_);
  }

  bool Open(string_view data, uint32_t method, const std::string& name, std::string& error) {
    if (method != 0 && method != 8) {
      error = "part " + name + " uses a compression this app does not read (method " + std::to_string(method) + ")";
      return false;
    }
    data_ = data;
    name_ = name;
    deflated_ = method == 8;
    if (deflated_ && !z_ready_) {
      if (inflateInit2(&z_, -15) != Z_OK) {
        error = "part " + name + " could not be inflated (out of memory)";
        return false;
      }
      z_ready_ = true;
    }
    Rewind();
    return true;
  }
  void Rewind() {
    fed_ = 0;
    ended_ = false;
    if (deflated_) {
      inflateReset(&z_);
      z_.next_in = nullptr;
      z_.avail_in = 0;
    }
  }
  bool ended() const { return ended_; }
  uint64_t total() const { return data_.size(); }
  uint64_t consumed() const { return deflated_ ? static_cast<uint64_t>(z_.total_in) : fed_; }

  // Appends up to max_bytes (at least one unless the part has ended). False on damaged data.
  bool Read(std::string& buf, size_t max_bytes, std::string& error) {
    if (ended_) return true;
    if (!deflated_) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(max_bytes, data_.size() - fed_));
      buf.append(data_.data() + fed_, n);
      fed_ += n;
      ended_ = fed_ == data_.size();
      return true;
    }
    const size_t old = buf.size();
    buf.resize(old + max_bytes);
    z_.next_out = reinterpret_cast<Bytef*>(buf.data() + old);
    z_.avail_out = static_cast<uInt>(max_bytes);
    bool ok = true;
    while (z_.avail_out == max_bytes) {
      if (z_.avail_in == 0 && fed_ < data_.size()) {
        const uint64_t n = std::min<uint64_t>(data_.size() - fed_, 1u << 30);
        z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data_.data() + fed_));
        z_.avail_in = static_cast<uInt>(n);
        fed_ += n;
      }
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        ended_ = true;
        // The browser's DecompressionStream refuses bytes after the end of the data.
        if (z_.avail_in > 0 || fed_ < data_.size()) {
          error = "part " + name_ + " is damaged (data after its end)";
          ok = false;
        }
        break;
      }
      if (rc == Z_BUF_ERROR && z_.avail_in == 0 && fed_ == data_.size()) {
        error = "part " + name_ + " is damaged (its data ends early; was the download cut short?)";
        ok = false;
        break;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error = "part " + name_ + " is damaged";
        ok = false;
        break;
      }
    }
    buf.resize(old + (max_bytes - z_.avail_out));
    return ok;
  }

 private:
  string_view data_;
  std::string name_;
  bool deflated_ = false;
  bool ended_ = false;
  uint64_t fed_ = 0;  // stored: bytes copied; deflated: bytes given to zlib
  z_stream z_{};
  bool z_ready_ = false;
};

enum class PartRead { kMissing, kRead, kError };

// A part read whole into memory, as text (xlsx.js readPart).
PartRead ReadWhole(string_view bytes, const ZipParts& parts, const std::string& name, std::string& out,
                   std::string& error) {
  const auto it = parts.find(name);
  if (it == parts.end()) return PartRead::kMissing;
  string_view data;
  if (!PartData(bytes, it->second, name, data, error)) return PartRead::kError;
  if (it->second.size > kMaxPartBytes) {
    error = "the sheet is too large to import here; save it as CSV";
    return PartRead::kError;
  }
  PartSource source;
  if (!source.Open(data, it->second.method, name, error)) return PartRead::kError;
  std::string raw;
  while (!source.ended()) {
    if (!source.Read(raw, kChunkBytes, error)) return PartRead::kError;
    if (raw.size() > kMaxPartBytes) {
      error = "the sheet is too large to import here; save it as CSV";
      return PartRead::kError;
    }
  }
  out = std::move(raw);
  return PartRead::kRead;
}

// ================================ [SECTION] text ===========================================
constexpr string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// UTF-8 bytes as the browser's TextDecoder decodes them: each maximal invalid subpart becomes
// U+FFFD (WHATWG Encoding, "UTF-8 decoder"). Applied to each run of text between markup, which
// gives what decoding the whole part does (markup is ASCII and ends any broken sequence).
void AppendDecoded(std::string& out, string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      const size_t start = i;
      while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
      out.append(s.data() + start, i - start);
      continue;
    }
    size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    size_t j = i + 1, got = 0;
    while (got < need && j < n) {
      const auto d = static_cast<unsigned char>(s[j]);
      if (d < lo || d > hi) break;
      lo = 0x80;
      hi = 0xBF;
      ++j;
      ++got;
    }
    if (got == need) out.append(s.data() + i, j - i);
    else out += kReplacement;  // the byte that broke the sequence is read again
    i = j;
  }
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
uint32_t HexValue(char c) { return c <= '9' ? static_cast<uint32_t>(c - '0') : static_cast<uint32_t>((c | 0x20) - 'a' + 10); }

// JavaScript strings are UTF-16: a high surrogate right before a low one is one character, any
// other surrogate becomes U+FFFD when the text is encoded (web/funnelplan.js uses TextEncoder).
void FixSurrogates(std::string& s) {
  const auto byte = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  const auto unit = [&](size_t i) {  // the UTF-16 unit of the 3-byte form at i
    return 0xD000u | (byte(i + 1) & 0x3Fu) << 6 | (byte(i + 2) & 0x3Fu);
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (byte(i) == 0xED && byte(i + 1) >= 0xA0 && i + 2 < s.size()) {  // a surrogate (valid UTF-8 has ED 80-9F)
      if (byte(i + 1) < 0xB0 && byte(i + 3) == 0xED && byte(i + 4) >= 0xB0 && i + 5 < s.size()) {
        AppendUtf8(out, 0x10000 + ((unit(i) - 0xD800) << 10) + (unit(i + 3) - 0xDC00));
        i += 6;
      } else {
        out += kReplacement;
        i += 3;
      }
      continue;
    }
    out += s[i++];
  }
  s.swap(out);
}

// xlsx.js unescapeXml on decoded text: entities first (&lt; &gt; &amp; &quot; &apos; &#N; &#xH;),
// then Excel's _xHHHH_ escapes of control characters (on the result, as there).
void AppendUnescaped(std::string& out, string_view s) {
  if (s.find('&') == string_view::npos && s.find("_x") == string_view::npos) {
    out.append(s);
    return;
  }
  bool surrogate = false;
  std::string a;
  a.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      a += s[i++];
      continue;
    }
    size_t j = i + 1;
    bool matched = false;
    uint32_t code = 0;
    bool numeric = false;
    if (j < s.size() && s[j] == '#') {
      if (j + 1 < s.size() && s[j + 1] == 'x') {
        size_t k = j + 2;
        uint64_t v = 0;
        while (k < s.size() && IsHex(s[k])) v = std::min<uint64_t>(v * 16 + HexValue(s[k++]), 0x110000);
        if (k > j + 2 && k < s.size() && s[k] == ';') {
          matched = numeric = true;
          code = static_cast<uint32_t>(v);
          j = k + 1;
        }
      }
      if (!matched) {
        size_t k = j + 1;
        uint64_t v = 0;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') v = std::min<uint64_t>(v * 10 + static_cast<uint64_t>(s[k++] - '0'), 0x110000);
        if (k > j + 1 && k < s.size() && s[k] == ';') {
          matched = numeric = true;
          code = static_cast<uint32_t>(v);
          j = k + 1;
        }
      }
    } else {
      static constexpr std::pair<string_view, char> kNames[] = {
          {"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
      for (const auto& [name, ch] : kNames) {
        if (s.substr(j, name.size()) == name) {
          a += ch;
          j += name.size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) {
      a += s[i++];
      continue;
    }
    if (numeric && code > 0 && code <= 0x10FFFF) {
      AppendUtf8(a, code);
      surrogate |= code >= 0xD800 && code <= 0xDFFF;
    }
    i = j;
  }
  const size_t start = out.size();
  for (size_t i = 0; i < a.size();) {
    if (a[i] == '_' && i + 6 < a.size() && a[i + 1] == 'x' && IsHex(a[i + 2]) && IsHex(a[i + 3]) &&
        IsHex(a[i + 4]) && IsHex(a[i + 5]) && a[i + 6] == '_') {
      const uint32_t unit = HexValue(a[i + 2]) << 12 | HexValue(a[i + 3]) << 8 | HexValue(a[i + 4]) << 4 | HexValue(a[i + 5]);
      AppendUtf8(out, unit);
      surrogate |= unit >= 0xD800 && unit <= 0xDFFF;
      i += 7;
    } else {
      out += a[i++];
    }
  }
  if (surrogate) {
    std::string tail = out.substr(start);
    FixSurrogates(tail);
    out.resize(start);
    out += tail;
  }
}

// Raw XML text → the string xlsx.js has after decoding and unescapeXml.
void AppendXmlText(std::string& out, string_view raw) {
  for (const char c : raw) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '&' || c == '_') {
      std::string decoded;
      AppendDecoded(decoded, raw);
      AppendUnescaped(out, decoded);
      return;
    }
  }
  out.append(raw);
}
std::string XmlText(string_view raw) {
  std::string out;
  AppendXmlText(out, raw);
  return out;
}

// xlsx.js tsvCell: quoted when it holds a tab, a line break or a quote.
void AppendTsvCell(std::string& out, string_view text) {
  const bool quote = std::any_of(text.begin(), text.end(), [](char c) {
    return c == '\t' || c == '\n' || c == '\r' || c == '"';
  });
  if (!quote) {
    out.append(text);
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// ================================ [SECTION] markup =========================================
// JavaScript's \w and \s (ASCII; the markup of a workbook is ASCII).
bool IsWord(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

constexpr size_t kNo = string_view::npos;
constexpr size_t kMore = string_view::npos - 1;  // undecided until more of the stream arrives

// s.find(c, from): markup is dense (a few bytes between tags), so look at the next bytes
// before calling memchr.
inline size_t FindChar(string_view s, size_t from, char c) {
  const char* p = s.data() + std::min(from, s.size());
  const char* const end = s.data() + s.size();
  for (int k = 0; k < 32; ++k, ++p) {
    if (p == end) return kNo;
    if (*p == c) return static_cast<size_t>(p - s.data());
  }
  const void* q = std::memchr(p, c, static_cast<size_t>(end - p));
  return q ? static_cast<size_t>(static_cast<const char*>(q) - s.data()) : kNo;
}

// `name\b` at p: the index after the name, kNo, or kMore.
size_t NameAt(string_view s, size_t p, string_view name, bool eof) {
  for (size_t k = 0; k < name.size(); ++k) {
    if (p + k >= s.size()) return eof ? kNo : kMore;
    if (s[p + k] != name[k]) return kNo;
  }
  const size_t e = p + name.size();
  if (e == s.size()) return eof ? e : kMore;  // \b holds at the end of the input
  return IsWord(s[e]) ? kNo : e;
}
// `(?:\w+:)?name\b` at p.
size_t PrefixedNameAt(string_view s, size_t p, string_view name, bool eof) {
  size_t q = p;
  while (q < s.size() && IsWord(s[q])) ++q;
  if (q == s.size() && !eof) return kMore;
  if (q > p && q < s.size() && s[q] == ':') {
    const size_t r = NameAt(s, q + 1, name, eof);
    if (r != kNo) return r;
  }
  return NameAt(s, p, name, eof);
}
// What follows `<(?:\w+:)?name\b` in each of xlsx.js's expressions.
enum class Shape {
  kEmptyOrBody,  // ([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?name>)   row, c, si
  kBody,         // [^>]*>([\s\S]*?)<\/(?:\w+:)?name>             v, is, t, cellXfs
  kTag,          // ([^>]*?)\/?>                                  numFmt, xf, sheet, Relationship
  kSpan,         // [\s\S]*?<\/(?:\w+:)?name>                      rPh
};
struct Element {
  size_t attrs_begin = 0, attrs_end = 0;  // the attributes ([^>]*?)
  size_t body_begin = 0, body_end = 0;    // the content; empty for <x/>
  size_t end = 0;                         // just past the match
};
struct ScanState {
  size_t resume = 0;      // where an undecided search for the closing tag goes on
  bool no_close = false;  // a search for the closing tag reached the end of the input: all later fail
};

// The expression matched at s[i] == '<': 1, 0 (no match here), -1 (undecided: more input).
int MatchAt(string_view s, size_t i, string_view name, Shape shape, bool eof, ScanState& st, Element& e) {
  const size_t k = PrefixedNameAt(s, i + 1, name, eof);
  if (k == kNo) return 0;
  if (k == kMore) return -1;
  size_t from = k;
  if (shape != Shape::kSpan) {
    const size_t j = FindChar(s, k, '>');
    if (j == kNo) return eof ? 0 : -1;
    e.attrs_begin = k;
    e.attrs_end = j;
    const bool slash = j > k && s[j - 1] == '/';
    if (shape == Shape::kTag || (shape == Shape::kEmptyOrBody && slash)) {
      if (slash) e.attrs_end = j - 1;
      e.body_begin = e.body_end = j + 1;
      e.end = j + 1;
      return 1;
    }
    from = j + 1;
  }
  e.body_begin = from;
  if (st.no_close) return 0;
  // The first `<\/(?:\w+:)?name>` at or after `from`: found by the name's last letter followed
  // by '>' (closing tags do not overlap, so the first valid one ends the first match; the letter
  // is looked for with memchr, e.g. the "w" of "row>" is rare inside a row), then checked.
  const size_t n = name.size();
  const char last = name.back();
  for (size_t q = std::max(st.resume, from + n - 1);; ++q) {
    q = FindChar(s, q, last);
    if (q == kNo || q + 1 >= s.size()) {
      if (!eof) {  // "name>" may be cut by the end of what has arrived
        st.resume = q == kNo ? s.size() : q;
        return -1;
      }
      st.no_close = true;
      return 0;
    }
    if (s[q + 1] != '>' || s.compare(q + 1 - n, n, name) != 0) continue;
    const size_t at = q + 1 - n;  // where the name starts
    size_t lt = kNo;  // where the closing tag's '<' is
    if (at >= 2 && s[at - 1] == '/' && s[at - 2] == '<') {
      lt = at - 2;
    } else if (at >= 1 && s[at - 1] == ':') {
      size_t w = at - 1;
      while (w > 0 && IsWord(s[w - 1])) --w;
      if (w < at - 1 && w >= 2 && s[w - 1] == '/' && s[w - 2] == '<') lt = w - 2;
    }
    if (lt != kNo && lt >= from) {
      e.body_end = lt;
      e.end = q + 2;
      return 1;
    }
  }
}

// Each match of a global expression over text in memory, in order (RegExp.exec in a loop).
template <class F>
void ForEachElement(string_view s, string_view name, Shape shape, F&& f) {
  ScanState st;
  for (size_t pos = 0;;) {
    const size_t i = FindChar(s, pos, '<');
    if (i == kNo) return;
    Element e;
    st.resume = 0;
    if (MatchAt(s, i, name, shape, true, st, e) == 1) {
      if (!f(e)) return;
      pos = e.end;
    } else {
      pos = i + 1;
    }
  }
}
std::optional<Element> FirstElement(string_view s, string_view name, Shape shape) {
  std::optional<Element> found;
  ForEachElement(s, name, shape, [&](const Element& e) {
    found = e;
    return false;
  });
  return found;
}
string_view Attrs(string_view s, const Element& e) { return s.substr(e.attrs_begin, e.attrs_end - e.attrs_begin); }
string_view Body(string_view s, const Element& e) { return s.substr(e.body_begin, e.body_end - e.body_begin); }

// `\s*=\s*"([^"]*)"` at q: the value, or nullopt.
std::optional<string_view> QuotedValueAt(string_view a, size_t q) {
  while (q < a.size() && IsSpace(a[q])) ++q;
  if (q >= a.size() || a[q] != '=') return std::nullopt;
  ++q;
  while (q < a.size() && IsSpace(a[q])) ++q;
  if (q >= a.size() || a[q] != '"') return std::nullopt;
  const size_t close = a.find('"', q + 1);
  if (close == kNo) return std::nullopt;
  return a.substr(q + 1, close - q - 1);
}
// xlsx.js attr(): `(?:^|\s)(?:\w+:)?name\s*=\s*"([^"]*)"`, the first match, unescaped.
std::optional<std::string> Attr(string_view a, string_view name) {
  auto at = [&](size_t q) -> std::optional<string_view> {
    size_t w = q;
    while (w < a.size() && IsWord(a[w])) ++w;
    if (w > q && w < a.size() && a[w] == ':' && a.substr(w + 1, name.size()) == name) {
      if (auto v = QuotedValueAt(a, w + 1 + name.size())) return v;
    }
    if (a.substr(q, name.size()) == name) return QuotedValueAt(a, q + name.size());
    return std::nullopt;
  };
  for (size_t p = 0; p <= a.size(); ++p) {
    std::optional<string_view> v;
    if (p == 0) v = at(0);
    if (!v && p < a.size() && IsSpace(a[p])) v = at(p + 1);
    if (v) return XmlText(*v);
  }
  return std::nullopt;
}

// xlsx.js itemText: the <t> runs of a string item, without phonetic guides (<rPh>).
void AppendItemText(std::string& out, string_view xml) {
  std::string stripped;
  if (xml.find("rPh") != kNo) {
    ScanState st;
    size_t last = 0;
    for (size_t pos = 0;;) {
      const size_t i = FindChar(xml, pos, '<');
      if (i == kNo) break;
      Element e;
      st.resume = 0;
      if (MatchAt(xml, i, "rPh", Shape::kSpan, true, st, e) == 1) {
        stripped.append(xml.substr(last, i - last));
        last = pos = e.end;
      } else {
        pos = i + 1;
      }
    }
    stripped.append(xml.substr(last));
    xml = stripped;
  }
  std::string runs;  // each run decoded on its own, as the browser decoded them between tags
  ForEachElement(xml, "t", Shape::kBody, [&](const Element& e) {
    AppendDecoded(runs, Body(xml, e));
    return true;
  });
  AppendUnescaped(out, runs);
}

// ============================ [SECTION] numbers and dates ==================================
// Length of JavaScript white space (WhiteSpace or LineTerminator) starting at s[i], or 0.
size_t JsSpaceAt(string_view s, size_t i) {
  const auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  if (IsSpace(s[i])) return 1;
  if (b(0) == 0xC2 && b(1) == 0xA0) return 2;  // U+00A0
  if (b(0) == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // U+1680
  if (b(0) == 0xE2 && b(1) == 0x80 && (b(2) <= 0x8A || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF) && b(2) >= 0x80) return 3;
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;  // U+FEFF
  return 0;
}
string_view TrimJs(string_view s) {
  while (!s.empty()) {
    const size_t n = JsSpaceAt(s, 0);
    if (n == 0) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    size_t n = 0;
    for (size_t len = 1; len <= 3 && len <= s.size() && n == 0; ++len) {
      if (JsSpaceAt(s, s.size() - len) == len) n = len;
    }
    if (n == 0) break;
    s.remove_suffix(n);
  }
  return s;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// JavaScript's Number(string).
double JsNumber(string_view s) {
  if (!s.empty() && s.size() <= 15 && std::all_of(s.begin(), s.end(), IsDigit)) {  // row numbers, indexes
    double v = 0;
    for (const char c : s) v = v * 10 + (c - '0');
    return v;
  }
  s = TrimJs(s);
  const double nan = std::nan("");
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0' && ((s[1] | 0x20) == 'x' || (s[1] | 0x20) == 'o' || (s[1] | 0x20) == 'b')) {
    const char kind = static_cast<char>(s[1] | 0x20);
    const string_view digits = s.substr(2);
    if (kind == 'x') {
      if (!std::all_of(digits.begin(), digits.end(), IsHex)) return nan;
      double v = 0;
      std::from_chars(digits.data(), digits.data() + digits.size(), v, std::chars_format::hex);
      return v;
    }
    const int base = kind == 'o' ? 8 : 2;
    double v = 0;
    for (const char c : digits) {
      if (c < '0' || c >= '0' + base) return nan;
      v = v * base + (c - '0');
    }
    return v;
  }
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "Infinity") return negative ? -HUGE_VAL : HUGE_VAL;
  // StrUnsignedDecimalLiteral: digits [. digits] or . digits, then [eE][+-]digits.
  size_t i = 0, int_digits = 0, frac_digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return nan;
  int64_t exponent = 0;
  if (i < s.size() && (s[i] | 0x20) == 'e') {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    const size_t first = i;
    while (i < s.size() && IsDigit(s[i])) exponent = std::min<int64_t>(exponent * 10 + (s[i++] - '0'), 1000000000);
    if (i == first) return nan;
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) return nan;
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow gives Infinity, underflow 0: by the decimal exponent of the first non-zero digit.
    int64_t position = 0;
    bool found = false;
    for (size_t k = 0, digit = 0; k < s.size() && !found; ++k) {
      if (s[k] == '.') continue;
      if (!IsDigit(s[k])) break;
      if (s[k] != '0') {
        position = static_cast<int64_t>(int_digits) - 1 - static_cast<int64_t>(digit);
        found = true;
      }
      ++digit;
    }
    v = found && position + exponent >= 0 ? HUGE_VAL : 0;
  }
  return negative ? -v : v;
}

// JavaScript's Number.prototype.toString() for a double: the shortest digits that read
// back as the same number, laid out as ECMA-262 Number::toString does.
std::string JsToString(double x) {
  if (x == 0) return "0";
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x < 0 ? "-Infinity" : "Infinity";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
  const string_view sci(buf, static_cast<size_t>(r.ptr - buf));
  const size_t e_at = sci.find('e');
  std::string digits(sci.substr(0, e_at));
  if (digits.size() > 1) digits.erase(1, 1);  // the decimal point
  int exp10 = 0;
  std::from_chars(sci.data() + e_at + (sci[e_at + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exp10);
  const int k = static_cast<int>(digits.size()), n = exp10 + 1;
  std::string out = x < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out += '.';
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += n - 1 < 0 ? "e-" : "e+";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

// Adds one to a string of decimal digits; true when it carried out of the first digit.
bool IncrementDigits(std::string& d) {
  for (size_t i = d.size(); i-- > 0;) {
    if (d[i] != '9') {
      ++d[i];
      return false;
    }
    d[i] = '0';
  }
  return true;
}

// Number(x.toPrecision(15)) for a finite, non-zero x. JavaScript rounds an exact tie away from
// zero, printf to even; only a tie (the 16th digit exactly 5, nothing after) tells them apart.
double ToPrecision15(double x) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.15e", std::fabs(x));
  if (buf[16] != '5') {
    std::snprintf(buf, sizeof buf, "%.14e", x);
    return JsNumber(buf);  // may round past the largest double: Infinity
  }
  std::string exact(820, '\0');  // every digit of a double (at most 767 significant)
  exact.resize(static_cast<size_t>(std::snprintf(exact.data(), exact.size(), "%.800e", std::fabs(x))));
  const size_t e_at = exact.find('e');
  std::string digits = exact.substr(0, 1) + exact.substr(2, 14);
  int exp10 = 0;
  std::from_chars(exact.data() + e_at + (exact[e_at + 1] == '+' ? 2 : 1), exact.data() + exact.size(), exp10);
  if (exact[16] >= '5' && IncrementDigits(digits)) {
    digits = "1" + digits.substr(0, 14);
    ++exp10;
  }
  const double v = JsNumber(digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(exp10));
  return x < 0 ? -v : v;
}

// x.toFixed(20) for |x| < 1e21 (exact value, a tie rounded away from zero, as JavaScript does).
std::string ToFixed20(double x) {
  std::string exact(1200, '\0');
  exact.resize(static_cast<size_t>(std::snprintf(exact.data(), exact.size(), "%.1100f", std::fabs(x))));
  const size_t dot = exact.find('.');
  std::string digits = exact.substr(0, dot) + exact.substr(dot + 1, 20);
  if (exact[dot + 21] >= '5' && IncrementDigits(digits)) digits.insert(0, "1");
  std::string out = x < 0 ? "-" : "";
  out += digits.substr(0, digits.size() - 20);
  out += '.';
  out += digits.substr(digits.size() - 20);
  return out;
}

// xlsx.js numberText: a number written in full, at most 15 digits, no exponent (mostly).
void AppendNumberText(std::string& out, string_view v) {
  if (v.size() <= 17 && !v.empty()) {
    // PLAIN_NUMBER /^-?\d+(\.\d+)?$/, ≤ 15 digits, no leading 0 before a digit, no trailing 0 after the point.
    size_t i = v[0] == '-' ? 1 : 0;
    const size_t int_start = i;
    while (i < v.size() && IsDigit(v[i])) ++i;
    bool plain = i > int_start;
    bool has_point = false;
    if (plain && i < v.size() && v[i] == '.') {
      has_point = true;
      const size_t frac_start = ++i;
      while (i < v.size() && IsDigit(v[i])) ++i;
      plain = i > frac_start;
    }
    plain = plain && i == v.size();
    if (plain) {
      const size_t digits = v.size() - int_start - (has_point ? 1 : 0);
      const bool leading_zero = v.size() > int_start + 1 && v[int_start] == '0' && IsDigit(v[int_start + 1]);
      const bool trailing_zero = has_point && v.back() == '0';
      if (digits <= 15 && !leading_zero && !trailing_zero) {
        out.append(v);
        return;
      }
    }
  }
  const double x = JsNumber(v);
  if (!std::isfinite(x)) {
    out.append(v);
    return;
  }
  const double r = x == 0 ? 0 : ToPrecision15(x);  // Excel keeps 17 digits; it shows 15
  if (r == 0 || (std::fabs(r) >= 1e-6 && std::fabs(r) < 1e21)) {
    out += JsToString(r);
    return;
  }
  // r.toFixed(20).replace(/\.?0+$/, ''): at 1e21 and beyond toFixed gives String(r), whose
  // trailing zeros ("1.5e+30") the expression also strips ("1.5e+3"), as xlsx.js does.
  std::string s = std::fabs(r) >= 1e21 ? JsToString(r) : ToFixed20(r);
  const size_t last = s.find_last_not_of('0');
  if (last + 1 < s.size()) s.erase(last != kNo && s[last] == '.' ? last : last + 1);
  out += s;
}

// String(n).padStart(width, '0') (a negative year pads before its sign, as there).
void AppendPadded(std::string& out, int64_t n, size_t width) {
  const std::string s = std::to_string(n);
  if (s.size() < width) out.append(width - s.size(), '0');
  out += s;
}
// Milliseconds since 1970 of a serial day number, or nullopt when Date would be invalid.
std::optional<int64_t> SerialMs(double serial, bool date1904) {
  // Day 0 is 1899-12-30 (Excel's 1900 system counts a 29 Feb 1900 that never was); 1904: 1904-01-01.
  const double x = (serial + (date1904 ? 1462 : 0) - 25569) * 86400000;
  if (!std::isfinite(x)) return std::nullopt;
  double ms = std::floor(x);
  if (x - ms >= 0.5) ms += 1;  // Math.round: a half goes up
  if (std::fabs(ms) > 8.64e15) return std::nullopt;
  return static_cast<int64_t>(ms);
}
// xlsx.js serialToDate: "2024-03-05", or "2024-03-05 14:30" when it has a time of day.
void AppendSerialDate(std::string& out, double serial, bool date1904) {
  const auto ms = SerialMs(serial, date1904);
  if (!ms) return;
  int64_t days = *ms / 86400000, rest = *ms % 86400000;
  if (rest < 0) {
    rest += 86400000;
    --days;
  }
  int y = 0, m = 0, d = 0;  // proleptic Gregorian, as Date: |year| ≤ 275,760 here
  CivilFromDays(days, y, m, d);
  AppendPadded(out, y, 4);
  out += '-';
  AppendPadded(out, m, 2);
  out += '-';
  AppendPadded(out, d, 2);
  const int64_t minutes = rest / 3600000 * 60 + rest / 60000 % 60 + (rest / 1000 % 60 >= 30 ? 1 : 0);
  if (serial >= 1 && minutes == 0) return;
  if (minutes >= 1440) return;  // 23:59:30 and later: the date is what the cell says
  out += ' ';
  AppendPadded(out, minutes / 60, 2);
  out += ':';
  AppendPadded(out, minutes % 60, 2);
}

// ========================== [SECTION] styles and shared strings ============================
// xlsx.js isDateCode: a format code with d, m, y, h or s outside quotes, escapes and [...]
// (elapsed-time [h], [m], [s] count).
bool IsDateCode(string_view code) {
  std::string a;  // /"[^"]*"/g removed
  for (size_t i = 0; i < code.size();) {
    const size_t close = code[i] == '"' ? code.find('"', i + 1) : kNo;
    if (close != kNo) i = close + 1;
    else a += code[i++];
  }
  std::string b;  // /\\./g removed (. is any character but a line terminator)
  for (size_t i = 0; i < a.size();) {
    if (a[i] == '\\' && i + 1 < a.size() && a[i + 1] != '\n' && a[i + 1] != '\r' &&
        a.compare(i + 1, 3, "\xE2\x80\xA8") != 0 && a.compare(i + 1, 3, "\xE2\x80\xA9") != 0) {
      i += 2;
      while (i < a.size() && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) ++i;  // rest of a character
    } else {
      b += a[i++];
    }
  }
  std::string c;  // /\[(?!h\]|m\]|s\])[^\]]*\]/gi removed
  for (size_t i = 0; i < b.size();) {
    if (b[i] == '[') {
      const char next = i + 1 < b.size() ? static_cast<char>(b[i + 1] | 0x20) : 0;
      const bool elapsed = (next == 'h' || next == 'm' || next == 's') && i + 2 < b.size() && b[i + 2] == ']';
      const size_t close = elapsed ? kNo : b.find(']', i + 1);
      if (close != kNo) {
        i = close + 1;
        continue;
      }
    }
    c += b[i++];
  }
  // (/^general$/ is never true where one of these letters is.)
  return c.find_first_of("dmyhsDMYHS") != kNo;
}

double NumberOrZero(const std::optional<std::string>& s) { return s ? JsNumber(*s) : 0; }

// xlsx.js dateStyles: per cell style (cellXfs index), whether its number format shows a date.
std::vector<char> DateStyles(string_view xml) {
  std::vector<char> out;
  std::map<double, std::string> custom;  // numFmtId → formatCode (a Map: the last one wins)
  std::optional<std::string> custom_nan;  // a Map finds NaN too
  ForEachElement(xml, "numFmt", Shape::kTag, [&](const Element& e) {
    const string_view a = Attrs(xml, e);
    const double id = NumberOrZero(Attr(a, "numFmtId"));  // Number(null) is 0
    std::string code = Attr(a, "formatCode").value_or("");
    if (std::isnan(id)) custom_nan = std::move(code);
    else custom[id] = std::move(code);
    return true;
  });
  const auto xfs = FirstElement(xml, "cellXfs", Shape::kBody);
  if (!xfs) return out;
  static constexpr int kDateFormatIds[] = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33,
                                           34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58};
  const string_view body = Body(xml, *xfs);
  ForEachElement(body, "xf", Shape::kTag, [&](const Element& e) {
    const auto attr = Attr(Attrs(body, e), "numFmtId");
    const double id = attr && !attr->empty() ? JsNumber(*attr) : 0;
    if (std::isnan(id)) {
      out.push_back(custom_nan ? IsDateCode(*custom_nan) : false);
    } else if (const auto it = custom.find(id); it != custom.end()) {
      out.push_back(IsDateCode(it->second));
    } else {
      out.push_back(std::find(std::begin(kDateFormatIds), std::end(kDateFormatIds), id) != std::end(kDateFormatIds));
    }
    return true;
  });
  return out;
}

// A part's elements one at a time, its bytes inflated a chunk at a time: only the current
// element (a row, a shared string) and one chunk are in memory.
class ElementStream {
 public:
  void Start(PartSource* source, string_view name, string_view too_large) {
    source_ = source;
    name_ = name;
    too_large_ = too_large;
    buf_.clear();
    pos_ = scanned_before_ = 0;
    eof_ = false;
    st_ = ScanState();
  }
  uint64_t scanned() const { return scanned_before_ + pos_; }
  string_view text() const { return buf_; }  // Element offsets index this, until the next call

  // 1: an element, 0: the part is done, -1: error.
  int Next(Element& e, std::string& error) {
    for (;;) {
      const size_t i = FindChar(buf_, pos_, '<');
      if (i == kNo) {
        pos_ = buf_.size();
        if (eof_) return 0;
        if (!Refill(error)) return -1;
        continue;
      }
      const int m = MatchAt(buf_, i, name_, Shape::kEmptyOrBody, eof_, st_, e);
      if (m < 0) {
        if (buf_.size() - i > kMaxElementBytes) {
          error = std::string(too_large_);
          return -1;
        }
        pos_ = i;
        if (!Refill(error)) return -1;
        continue;
      }
      st_.resume = 0;
      pos_ = m == 1 ? e.end : i + 1;
      if (m == 1) return 1;
    }
  }

 private:
  bool Refill(std::string& error) {
    if (pos_ > 0) {  // drop what was scanned; the element being matched moves to the front
      buf_.erase(0, pos_);
      st_.resume = st_.resume >= pos_ ? st_.resume - pos_ : 0;
      scanned_before_ += pos_;
      pos_ = 0;
    }
    if (!source_->Read(buf_, kChunkBytes, error)) return false;
    eof_ = source_->ended();
    return true;
  }

  PartSource* source_ = nullptr;
  string_view name_, too_large_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t scanned_before_ = 0;
  bool eof_ = false;
  ScanState st_;
};

}  // namespace

// =============================== [SECTION] the sheet =======================================
struct XlsxReader::Workbook {
  PartSource sheet;
  ElementStream rows;
  std::string strings;                // shared strings, each already as its TSV cell
  std::vector<uint32_t> string_ends;  // end of each in `strings` (a part is < 1.5 GB: 32 bits do)
  std::vector<char> dates;          // per cell style: a date format?
  bool date1904 = false;

  int pass = 0;  // 0: measuring the widest row, 1: writing, 2: done
  uint64_t pass_scanned = 0;
  double next_row = 1;
  double lines = 0;          // lines so far, empty ones included (xlsx.js `lines.length`)
  size_t pending_empty = 0;  // empty lines not written yet: trailing ones are dropped
  bool wrote_line = false;
  size_t width = 0;  // the widest row: shorter ones are padded (Excel leaves empty cells out)
  std::string raw, cell;  // scratch

  bool Open(string_view bytes, std::string& error, std::string& sheet_name, size_t& sheet_count);
  void Restart() {
    sheet.Rewind();
    rows.Start(&sheet, "row", "a row of the sheet is larger than 64 MB; save it as CSV");
    next_row = 1;
    lines = 0;
    pending_empty = 0;
    wrote_line = false;
  }
  size_t Cells(string_view body, std::string* out);
  void Row(string_view attrs, string_view body, std::string* out);
};

bool XlsxReader::Workbook::Open(string_view bytes, std::string& error, std::string& sheet_name,
                                size_t& sheet_count) {
  ZipParts parts;
  if (!ReadZip(bytes, parts, error)) return false;
  std::string workbook;
  switch (ReadWhole(bytes, parts, "xl/workbook.xml", workbook, error)) {
    case PartRead::kError: return false;
    case PartRead::kMissing:
      error = "it is a zip file but not an Excel workbook (no xl/workbook.xml)";
      return false;
    case PartRead::kRead: break;
  }
  struct Sheet {
    std::string name;
    std::optional<std::string> id;
    bool hidden = false;
  };
  std::vector<Sheet> sheets;
  ForEachElement(workbook, "sheet", Shape::kTag, [&](const Element& e) {
    const string_view a = Attrs(workbook, e);
    Sheet s;
    s.name = Attr(a, "name").value_or("");
    if (s.name.empty()) s.name = "Sheet";
    s.id = Attr(a, "id");
    std::string state = Attr(a, "state").value_or("");
    std::transform(state.begin(), state.end(), state.begin(), [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c); });
    s.hidden = state.find("hidden") != kNo;
    sheets.push_back(std::move(s));
    return true;
  });
  const Sheet* visible = nullptr;
  for (const Sheet& s : sheets) {
    if (!s.hidden) { visible = &s; break; }
  }
  if (!visible && !sheets.empty()) visible = &sheets[0];
  if (!visible) {
    error = "the workbook has no sheet";
    return false;
  }
  sheet_count = sheets.size();
  sheet_name = visible->name;

  std::string rels;
  if (ReadWhole(bytes, parts, "xl/_rels/workbook.xml.rels", rels, error) == PartRead::kError) return false;
  std::optional<std::string> path;
  ForEachElement(rels, "Relationship", Shape::kTag, [&](const Element& e) {
    const string_view a = Attrs(rels, e);
    if (Attr(a, "Id") == visible->id) {  // both missing is a match too (null === null)
      const std::string target = Attr(a, "Target").value_or("");
      if (!target.empty() && target[0] == '/') path = target.substr(1);
      else path = "xl/" + (target.compare(0, 2, "./") == 0 ? target.substr(2) : target);
    }
    return true;
  });
  const std::string sheet_part = path ? *path : "xl/worksheets/sheet1.xml";
  const auto entry = parts.find(sheet_part);
  if (entry == parts.end()) {
    error = "the sheet \"" + visible->name + "\" is missing from the workbook";
    return false;
  }
  string_view data;
  if (!PartData(bytes, entry->second, sheet_part, data, error)) return false;
  if (!sheet.Open(data, entry->second.method, sheet_part, error)) return false;

  // Shared strings: all of them (cells refer to them by number), streamed from their part.
  const std::string strings_part = "xl/sharedStrings.xml";
  if (const auto s = parts.find(strings_part); s != parts.end()) {
    string_view sdata;
    if (!PartData(bytes, s->second, strings_part, sdata, error)) return false;
    if (s->second.size > kMaxPartBytes) {
      error = "the sheet is too large to import here; save it as CSV";
      return false;
    }
    PartSource source;
    if (!source.Open(sdata, s->second.method, strings_part, error)) return false;
    // Room for all of them at once (pages not written to take no memory): growing by doubling
    // would copy them and hold both copies for a moment.
    const size_t declared = std::min<size_t>(s->second.size, 256u << 20);
    strings.reserve(declared);
    string_ends.reserve(declared / 9);  // "<si></si>"
    ElementStream items;
    items.Start(&source, "si", "a shared string of the workbook is larger than 64 MB");
    Element e;
    for (int m; (m = items.Next(e, error)) != 0;) {
      if (m < 0) return false;
      cell.clear();
      AppendItemText(cell, Body(items.text(), e));
      AppendTsvCell(strings, cell);
      if (strings.size() > UINT32_MAX) {
        error = "the shared strings of the workbook are too large to import here; save it as CSV";
        return false;
      }
      string_ends.push_back(static_cast<uint32_t>(strings.size()));
    }
  }
  std::string styles;
  if (ReadWhole(bytes, parts, "xl/styles.xml", styles, error) == PartRead::kError) return false;
  dates = DateStyles(styles);

  // /<(?:\w+:)?workbookPr\b[^>]*date1904\s*=\s*"(1|true)"/
  for (size_t pos = 0; !date1904;) {
    const size_t i = FindChar(workbook, pos, '<');
    if (i == kNo) break;
    pos = i + 1;
    const size_t k = PrefixedNameAt(workbook, i + 1, "workbookPr", true);
    if (k == kNo) continue;
    const string_view tag = string_view(workbook).substr(k, FindChar(workbook, k, '>') - k);
    for (size_t at = tag.find("date1904"); at != kNo && !date1904; at = tag.find("date1904", at + 1)) {
      const auto v = QuotedValueAt(tag, at + 8);
      date1904 = v && (*v == "1" || *v == "true");
    }
  }
  Restart();
  return true;
}

// The cells of one row; with `out`, written there as TSV (trailing empty cells left out).
// Returns how many cells the row has up to its last non-empty one.
size_t XlsxReader::Workbook::Cells(string_view body, std::string* out) {
  size_t next_col = 0, cells = 0, kept = 0;
  size_t keep = out ? out->size() : 0;
  ScanState st;
  for (size_t pos = 0;;) {
    const size_t i = FindChar(body, pos, '<');
    if (i == kNo) break;
    Element e;
    st.resume = 0;
    if (MatchAt(body, i, "c", Shape::kEmptyOrBody, true, st, e) != 1) {
      pos = i + 1;
      continue;
    }
    pos = e.end;
    // r, s and t never hold entities: read without the general Attr(), the last one wins.
    // /(?:^|\s)([rst])\s*=\s*"([^"]*)"/g
    const string_view a = Attrs(body, e);
    std::optional<string_view> ref;
    string_view type = "n";
    double style = 0;
    const auto is_rst = [&](size_t q) { return q < a.size() && (a[q] == 'r' || a[q] == 's' || a[q] == 't'); };
    for (size_t p = 0; p <= a.size();) {
      size_t q = kNo;  // where [rst] is
      std::optional<string_view> v;
      if (p == 0 && is_rst(0)) v = QuotedValueAt(a, (q = 0) + 1);                      // ^
      if (!v && p < a.size() && IsSpace(a[p]) && is_rst(p + 1)) v = QuotedValueAt(a, (q = p + 1) + 1);  // \s
      if (!v) {
        ++p;
        continue;
      }
      if (a[q] == 'r') {
        ref = *v;
      } else if (a[q] == 't') {
        type = *v;
      } else {
        style = JsNumber(*v);  // Number(a[2]) || 0
        if (std::isnan(style)) style = 0;
      }
      p = static_cast<size_t>(v->data() + v->size() + 1 - a.data());  // past the closing quote
    }
    double col = static_cast<double>(next_col);
    if (ref && !ref->empty()) {  // columnIndex: the letters of the reference
      col = 0;
      for (const char c : *ref) {
        if (c < 'A' || c > 'Z') break;
        col = col * 26 + (c - 64);
      }
      col -= 1;
    }
    if (col < static_cast<double>(next_col) || col > 16384) continue;
    const auto c = static_cast<size_t>(col);
    next_col = c + 1;
    const string_view inner = Body(body, e);

    raw.clear();
    if (const auto v = FirstElement(inner, "v", Shape::kBody)) AppendXmlText(raw, Body(inner, *v));
    cell.clear();
    string_view text;  // the cell's TSV text
    bool nonempty = false;
    if (type == "s") {
      const double n = JsNumber(raw);
      if (n >= 0 && n < static_cast<double>(string_ends.size()) && n == std::floor(n)) {
        const auto k = static_cast<size_t>(n);
        const size_t begin = k == 0 ? 0 : string_ends[k - 1];
        text = string_view(strings).substr(begin, string_ends[k] - begin);
        nonempty = !text.empty();
      }
    } else if (type != "e") {  // #N/A, #DIV/0!: an empty cell, not a value
      if (type == "inlineStr") {
        if (const auto is = FirstElement(inner, "is", Shape::kBody)) AppendItemText(cell, Body(inner, *is));
      } else if (type == "str" || type == "d") {
        cell = raw;
      } else if (type == "b") {
        cell = raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw;
      } else if (!raw.empty()) {
        const bool date = style >= 0 && style < static_cast<double>(dates.size()) && style == std::floor(style) &&
                          dates[static_cast<size_t>(style)];
        if (!date) {
          if (out) AppendNumberText(cell, raw);
          else nonempty = true;  // never empty; the measuring read skips writing it
        } else if (out) {
          AppendSerialDate(cell, JsNumber(raw), date1904);
        } else {
          nonempty = SerialMs(JsNumber(raw), date1904).has_value();
        }
      }
      if (!cell.empty()) nonempty = true;
    }
    if (out) {
      for (; cells < c; ++cells) {
        if (cells) out->push_back('\t');
      }
      if (cells) out->push_back('\t');
      if (text.data()) out->append(text);
      else AppendTsvCell(*out, cell);
      if (nonempty) keep = out->size();
    }
    cells = c + 1;
    if (nonempty) kept = cells;
  }
  if (out) out->resize(keep);
  return kept;
}

void XlsxReader::Workbook::Row(string_view attrs, string_view body, std::string* out) {
  double r = NumberOrZero(Attr(attrs, "r"));
  if (std::isnan(r) || r == 0) r = next_row;
  if (r < next_row) return;  // rows out of order: keep the first
  // Empty rows keep their numbers (up to kMaxLines lines in all).
  const double room = kMaxLines - lines;
  if (next_row < r && room > 0) {
    const double add = next_row >= 9007199254740992.0 ? room : std::min(room, std::ceil(r - next_row));
    lines += add;
    pending_empty += static_cast<size_t>(add);
  }
  next_row = r + 1;
  lines += 1;
  if (!out) {
    width = std::max(width, Cells(body, nullptr));
    return;
  }
  const size_t mark = out->size();
  const size_t kept = Cells(body, out);
  if (kept == 0) {  // an empty row stays an empty line
    out->resize(mark);
    ++pending_empty;
    return;
  }
  out->insert(mark, pending_empty, '\n');
  out->append(width - kept, '\t');
  out->push_back('\n');
  pending_empty = 0;
  wrote_line = true;
}

bool LooksLikeXlsx(std::string_view bytes) {
  return bytes.size() > 30 && bytes.substr(0, 4) == string_view("PK\3\4", 4);
}

XlsxReader::XlsxReader(std::string_view workbook) : book_(std::make_unique<Workbook>()) {
  if (!book_->Open(workbook, error_, sheet_name_, sheet_count_)) {
    if (error_.empty()) error_ = "the workbook could not be read";
    book_->pass = 2;
  }
}
XlsxReader::~XlsxReader() = default;

const std::string& XlsxReader::error() const { return error_; }
const std::string& XlsxReader::sheet_name() const { return sheet_name_; }
size_t XlsxReader::sheet_count() const { return sheet_count_; }

double XlsxReader::progress() const {
  const Workbook& b = *book_;
  if (b.pass >= 2) return 1;
  const uint64_t total = b.sheet.total();
  const double part = total == 0 ? 1 : static_cast<double>(b.sheet.consumed()) / static_cast<double>(total);
  return std::clamp((b.pass + part) / 2, 0.0, 1.0);
}

bool XlsxReader::Next(std::string& out, size_t max_bytes) {
  Workbook& b = *book_;
  if (b.pass >= 2) return false;
  max_bytes = std::max<size_t>(max_bytes, 1);
  Element e;
  if (b.pass == 0) {  // measuring: about as much XML per call as a writing call reads
    const uint64_t budget = std::max<uint64_t>(max_bytes, 1u << 20), start = b.rows.scanned();
    while (b.rows.scanned() - start < budget) {
      const int m = b.rows.Next(e, error_);
      if (m < 0) {
        b.pass = 2;
        return false;
      }
      if (m == 0) {
        b.pass = 1;
        b.Restart();
        break;
      }
      b.Row(Attrs(b.rows.text(), e), Body(b.rows.text(), e), nullptr);
    }
    return true;
  }
  const size_t start = out.size();
  while (out.size() - start < max_bytes) {
    const int m = b.rows.Next(e, error_);
    if (m < 0) {
      b.pass = 2;
      return false;
    }
    if (m == 0) {
      if (!b.wrote_line) out.push_back('\n');  // no rows: xlsx.js gives one line break
      b.pass = 2;
      break;
    }
    b.Row(Attrs(b.rows.text(), e), Body(b.rows.text(), e), &out);
  }
  return out.size() > start;
}

}  // namespace funnel
