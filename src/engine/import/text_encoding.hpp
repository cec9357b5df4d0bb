// Turning uploaded or pasted bytes into UTF-8 text: BOM detection, UTF-16 LE/BE conversion
// (Excel's "Unicode text" export), and a check for bytes that are not UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace funnel {

enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be };
const char* EncodingName(TextEncoding e);

// Looks at the BOM, or, without one, at the pattern of zero bytes in the first kilobytes.
TextEncoding DetectEncoding(std::string_view bytes);

// A code point as UTF-8 (1 to 4 bytes); a surrogate code point gets its 3-byte form.
void AppendUtf8(std::string& out, uint32_t cp);

// UTF-16 → UTF-8. Unpaired surrogates become U+FFFD. A trailing odd byte is dropped.
std::string Utf16ToUtf8(std::string_view bytes, bool big_endian);

// The same, for a file read in slices: a code unit or a surrogate pair cut by the end of a
// slice is kept for the next one. The slices' output joined is Utf16ToUtf8 of the bytes joined.
class Utf16Decoder {
 public:
  explicit Utf16Decoder(bool big_endian) : big_endian_(big_endian) {}
  void Decode(std::string_view bytes, bool last, std::string& out);

 private:
  bool big_endian_;
  bool first_ = true;  // a BOM is skipped at the start only
  std::string carry_;  // an odd byte, or a high surrogate waiting for its pair
};

// Byte offset of the first invalid UTF-8 sequence, or npos when all of it is valid.
size_t FindInvalidUtf8(std::string_view text);

// Length of the valid UTF-8 sequence at text[i] (1 for ASCII), or 0 when an invalid sequence
// starts there (a stray continuation byte, an overlong form, a surrogate, a sequence cut short).
size_t Utf8SequenceLength(std::string_view text, size_t i);

// Evidence for deciding a file's encoding: how many valid multi-byte sequences and how many
// invalid ones the text holds. With `cut_end_ok`, a sequence cut by the end of `text` (a sample
// taken from a longer file) counts as neither.
struct Utf8Evidence {
  size_t valid_multibyte = 0;
  size_t invalid = 0;
};
Utf8Evidence ScanUtf8(std::string_view text, bool cut_end_ok);
// UTF-8 by evidence: no invalid sequence, or at least as many valid multi-byte sequences as
// invalid ones (a UTF-8 file with a few damaged bytes). Text with invalid bytes and no valid
// multi-byte sequence is a legacy single-byte encoding.
bool LooksLikeUtf8(const Utf8Evidence& e);

// First offset in [from, to) where a NUL byte or an invalid UTF-8 sequence starts, or npos.
// Sequences that start before `to` are checked with the bytes after it. `resume` is where a
// later search continues (≥ to when nothing was found; past the odd byte otherwise).
size_t FindNulOrInvalidUtf8(std::string_view text, size_t from, size_t to, size_t& resume);

// A valid UTF-8 copy: each invalid sequence (each byte of it that cannot start a character)
// becomes U+FFFD "�"; NUL bytes are dropped.
std::string ReplaceInvalidUtf8(std::string_view text);

// The longest prefix of at most `max_bytes` that does not cut a UTF-8 character.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

// A file that is not text: the kind it is ("an Excel .xlsx workbook or other ZIP archive", "a
// PDF document"…) from its magic number, "a binary file" when more than 10 % of its first 4 KB
// are control bytes other than tab and line ends, or nullptr for text. A stray NUL in text is
// not binary.
const char* BinaryKind(std::string_view bytes);

// Text that is markup, not rows: "a web page (HTML)…" (what many CRMs' "Export to Excel" save
// with an .xls name), "an Excel XML spreadsheet (2003 format)", "an XML file", or nullptr. Looks
// at the first tag after a byte order mark and white space, in any letter case.
const char* MarkupKind(std::string_view text);

// Legacy single-byte text (Windows-1252, what older Excel writes for "CSV") → UTF-8.
std::string Windows1252ToUtf8(std::string_view bytes);

// Mac Roman (what Excel for Mac writes for plain "CSV") → UTF-8.
std::string MacRomanToUtf8(std::string_view bytes);
// Text that is not UTF-8: Mac Roman rather than Windows-1252 when its accented letters sit
// where Mac Roman has them. Bytes 0x80–0x9F inside words are letters in Mac Roman (é = 8E,
// ä = 8A, ü = 9F) but rare symbols in Windows-1252, where the accented small letters are
// 0xE0–0xFF. Windows-1252's quotes, dashes, € and … (0x80, 0x82, 0x84, 0x85, 0x91–0x97) are
// not counted as Mac Roman evidence.
bool LooksLikeMacRoman(std::string_view bytes);

}  // namespace funnel
