#include "engine/import/text_encoding.hpp"

#include <algorithm>
#include <cstdint>
#if defined(__SSE2__) && !defined(FP_NO_SSE2)
#include <emmintrin.h>
#endif

namespace funnel {

const char* EncodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf8Bom: return "UTF-8 (with BOM)";
    case TextEncoding::kUtf16Le: return "UTF-16 LE";
    case TextEncoding::kUtf16Be: return "UTF-16 BE";
  }
  return "?";
}

TextEncoding DetectEncoding(std::string_view b) {
  auto at = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  if (b.size() >= 3 && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) return TextEncoding::kUtf8Bom;
  if (b.size() >= 2 && at(0) == 0xFF && at(1) == 0xFE) return TextEncoding::kUtf16Le;
  if (b.size() >= 2 && at(0) == 0xFE && at(1) == 0xFF) return TextEncoding::kUtf16Be;
  // No BOM: ASCII text in UTF-16 has a zero in every other byte.
  const size_t n = std::min<size_t>(b.size() & ~size_t{1}, 4096);
  size_t even_zero = 0, odd_zero = 0;
  for (size_t i = 0; i < n; i += 2) {
    even_zero += at(i) == 0;
    odd_zero += at(i + 1) == 0;
  }
  if (n >= 4) {
    if (odd_zero * 10 > n / 2 * 7 && even_zero * 10 < n / 2) return TextEncoding::kUtf16Le;
    if (even_zero * 10 > n / 2 * 7 && odd_zero * 10 < n / 2) return TextEncoding::kUtf16Be;
  }
  return TextEncoding::kUtf8;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Utf16ToUtf8(std::string_view b, bool big_endian) {
  std::string out;
  out.reserve(b.size() / 2 + 16);
  Utf16Decoder(big_endian).Decode(b, true, out);
  return out;
}

void Utf16Decoder::Decode(std::string_view bytes, bool last, std::string& out) {
  std::string joined;
  std::string_view b = bytes;
  if (!carry_.empty()) {
    joined = carry_ + std::string(bytes);
    carry_.clear();
    b = joined;
  }
  auto unit = [&](size_t k) -> uint32_t {
    const auto lo = static_cast<unsigned char>(b[k]), hi = static_cast<unsigned char>(b[k + 1]);
    return big_endian_ ? (uint32_t{lo} << 8 | hi) : (uint32_t{hi} << 8 | lo);
  };
  size_t i = 0;
  if (first_ && b.size() >= 2) {
    first_ = false;
    if (unit(0) == 0xFEFF) i = 2;  // BOM
  }
  for (; i + 1 < b.size(); i += 2) {
    uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 < b.size()) {
        const uint32_t lo = unit(i + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        } else {
          cp = 0xFFFD;
        }
      } else if (!last) {
        break;  // its pair may start the next slice
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    AppendUtf8(out, cp);
  }
  if (!last && i < b.size()) carry_.assign(b.substr(i));  // else a trailing odd byte is dropped
}

size_t Utf8SequenceLength(std::string_view t, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const size_t n = t.size();
  const unsigned char c = p[i];
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
  else return 0;
  if (i + len > n) return 0;
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

size_t FindInvalidUtf8(std::string_view t) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const size_t n = t.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: 8 ASCII bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) { ++i; continue; }
    const size_t len = Utf8SequenceLength(t, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

Utf8Evidence ScanUtf8(std::string_view t, bool cut_end_ok) {
  Utf8Evidence e;
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const size_t n = t.size();
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) { ++i; continue; }
    const size_t len = Utf8SequenceLength(t, i);
    if (len > 0) {
      ++e.valid_multibyte;
      i += len;
      continue;
    }
    if (cut_end_ok && n - i < 4) {
      // A lead byte whose sequence runs past the end of the sample: cut, not wrong.
      const unsigned char c = p[i];
      const size_t want = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      bool cut = want > n - i;
      for (size_t k = i + 1; cut && k < n; ++k) cut = (p[k] & 0xC0) == 0x80;
      if (cut) break;
    }
    ++e.invalid;
    ++i;
    while (i < n && (p[i] & 0xC0) == 0x80) ++i;  // the rest of a broken sequence: one error
  }
  return e;
}

bool LooksLikeUtf8(const Utf8Evidence& e) { return e.invalid == 0 || e.valid_multibyte >= e.invalid; }

size_t FindNulOrInvalidUtf8(std::string_view t, size_t from, size_t to, size_t& resume) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  to = std::min(to, t.size());
  size_t i = from;
  while (i < to) {
    // Fast path: ASCII bytes without a zero, 16 at a time (SSE2), then 8 at a time.
#if defined(__SSE2__) && !defined(FP_NO_SSE2)
    while (i + 16 <= to) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128()))) != 0) break;
      i += 16;
    }
#endif
    while (i + 8 <= to) {
      uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      const uint64_t zero = (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;
      if ((w & 0x8080808080808080ull) | zero) break;
      i += 8;
    }
    if (i >= to) break;
    const unsigned char c = p[i];
    if (c == 0) {
      resume = i + 1;
      return i;
    }
    if (c < 0x80) { ++i; continue; }
    const size_t len = Utf8SequenceLength(t, i);
    if (len == 0) {
      resume = i + 1;
      return i;
    }
    i += len;
  }
  resume = std::max(i, to);
  return std::string_view::npos;
}

std::string ReplaceInvalidUtf8(std::string_view t) {
  std::string out;
  out.reserve(t.size() + 8);
  size_t i = 0;
  while (i < t.size()) {
    if (t[i] == '\0') { ++i; continue; }
    const size_t len = Utf8SequenceLength(t, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      // The continuation bytes of a broken sequence belong to the same "�".
      while (i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) ++i;
      continue;
    }
    out.append(t.data() + i, len);
    i += len;
  }
  return out;
}

std::string_view Utf8Prefix(std::string_view t, size_t max_bytes) {
  if (t.size() <= max_bytes) return t;
  size_t n = max_bytes;
  // Back off continuation bytes, then the lead byte whose character would be cut.
  size_t back = 0;
  while (n > 0 && back < 3 && (static_cast<unsigned char>(t[n]) & 0xC0) == 0x80) {
    --n;
    ++back;
  }
  return t.substr(0, n);
}

const char* BinaryKind(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.size() >= magic.size() && b.substr(0, magic.size()) == magic; };
  if (starts(std::string_view("PK\x03\x04", 4)) || starts(std::string_view("PK\x05\x06", 4)) ||
      starts(std::string_view("PK\x07\x08", 4))) {
    return "an Excel .xlsx workbook or another ZIP archive";
  }
  if (starts(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    return "an old Excel .xls workbook or a password-protected workbook";
  }
  if (starts("%PDF-")) return "a PDF document";
  if (starts(std::string_view("\x1F\x8B", 2))) return "a gzip-compressed file";
  if (starts(std::string_view("\x89PNG", 4)) || starts(std::string_view("\xFF\xD8\xFF", 3)) ||
      starts("GIF87a") || starts("GIF89a")) {
    return "an image";
  }
  if (starts(std::string_view("SQLite format 3\0", 16))) return "a database file";
  if (starts(std::string_view("7z\xBC\xAF\x27\x1C", 6)) || starts("Rar!")) return "a compressed archive";
  const size_t n = std::min<size_t>(b.size(), 4096);
  size_t control = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(b[i]);
    control += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F;
  }
  if (n > 0 && control * 10 > n) return "a binary file";
  return nullptr;
}

const char* MarkupKind(std::string_view t) {
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\r' || t.front() == '\n')) t.remove_prefix(1);
  auto starts = [&](std::string_view tag) {  // tag in lower case
    if (t.size() < tag.size()) return false;
    for (size_t i = 0; i < tag.size(); ++i) {
      const char c = t[i] >= 'A' && t[i] <= 'Z' ? static_cast<char>(t[i] - 'A' + 'a') : t[i];
      if (c != tag[i]) return false;
    }
    return true;
  };
  if (starts("<!doctype html") || starts("<html") || starts("<table") || starts("<head") || starts("<meta")) {
    return "a web page (HTML; some CRMs' \"Export to Excel\" save reports this way)";
  }
  if (starts("<?xml")) {
    const std::string_view head = t.substr(0, 4096);
    if (head.find("urn:schemas-microsoft-com:office:spreadsheet") != std::string_view::npos) {
      return "an Excel XML spreadsheet (2003 format)";
    }
    return "an XML file";
  }
  return nullptr;
}

std::string Windows1252ToUtf8(std::string_view b) {
  // 0x80–0x9F differ from Latin-1; 0 marks the five undefined bytes.
  static constexpr uint16_t k80[32] = {
      0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
      0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
  std::string out;
  out.reserve(b.size() + b.size() / 8);
  for (char ch : b) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else if (c < 0xA0) AppendUtf8(out, k80[c - 0x80] ? k80[c - 0x80] : 0xFFFD);
    else AppendUtf8(out, c);
  }
  return out;
}

std::string MacRomanToUtf8(std::string_view b) {
  static constexpr uint16_t k80[128] = {
      0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5,
      0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, 0x00F2, 0x00F4,
      0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6,
      0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8, 0x221E, 0x00B1, 0x2264, 0x2265,
      0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF,
      0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5,
      0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044,
      0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02, 0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
      0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9,
      0x0131, 0x02C6, 0x02DC, 0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7};
  std::string out;
  out.reserve(b.size() + b.size() / 8);
  for (char ch : b) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else AppendUtf8(out, k80[c - 0x80]);
  }
  return out;
}

bool LooksLikeMacRoman(std::string_view b) {
  size_t mac = 0, windows = 0;
  for (size_t i = 1; i < b.size(); ++i) {
    const auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) continue;
    const auto p = static_cast<unsigned char>(b[i - 1]);
    const bool after_letter = (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z');
    if (!after_letter) continue;
    if (c >= 0xE0) {
      ++windows;  // à–ÿ in Windows-1252
    } else if (c >= 0x80 && c <= 0x9F && c != 0x80 && c != 0x82 && c != 0x84 && c != 0x85 && (c < 0x91 || c > 0x97)) {
      ++mac;  // á à â ä ã ç é è ê ï ò ô ö õ ú ù û ü … in Mac Roman
    }
  }
  return mac > windows;
}

}  // namespace funnel
