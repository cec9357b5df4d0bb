// Turning uploaded or pasted bytes into UTF-8 text: BOM detection, UTF-16 LE/BE conversion
// (Excel's "Unicode text" export), and a check for bytes that are not UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace funnel {

enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be };
const char* EncodingName(TextEncoding e);

// Looks at the BOM, or, without one, at the pattern of zero bytes in the first kilobytes.
TextEncoding DetectEncoding(std::string_view bytes);

// UTF-16 → UTF-8. Unpaired surrogates become U+FFFD. A trailing odd byte is dropped.
std::string Utf16ToUtf8(std::string_view bytes, bool big_endian);

// Byte offset of the first invalid UTF-8 sequence, or npos when all of it is valid.
size_t FindInvalidUtf8(std::string_view text);

// Legacy single-byte text (Windows-1252, what older Excel writes for "CSV") → UTF-8.
std::string Windows1252ToUtf8(std::string_view bytes);

}  // namespace funnel
