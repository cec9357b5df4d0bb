// Excel workbooks (.xlsx) → the tab-separated text the importer reads, natively and streaming:
// the same text web/xlsx.js makes in the browser (its rules are mirrored one by one; see the
// .cpp), from the first visible sheet. The sheet part is inflated in fixed-size chunks and
// scanned incrementally, so memory stays bounded by the shared strings and one row, never the
// whole sheet. Native only (zlib): the browser build reads workbooks in web/xlsx.js.
// docs/import.md, "Excel workbooks".
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace funnel {

// True when bytes start like a zip (PK\3\4) — same test as web/xlsx.js isXlsx.
bool LooksLikeXlsx(std::string_view bytes);

class XlsxReader {
 public:
  explicit XlsxReader(std::string_view workbook);  // whole file (the CLI maps it); must outlive the reader
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  const std::string& error() const;   // "" when readable; else a clear reason, worded like web/xlsx.js's messages
  const std::string& sheet_name() const;
  size_t sheet_count() const;
  // Appends about max_bytes of the sheet's tab-separated text to `out` (whole rows only);
  // returns false when the sheet is done (or on error: then error() is set).
  //
  // The sheet is read twice: web/xlsx.js pads every row to the widest one, which is known only
  // at the end. The first calls (the first half of progress()) measure and append nothing;
  // keep calling until it returns false. A call that returns false appends nothing.
  bool Next(std::string& out, size_t max_bytes);
  double progress() const;  // compressed bytes of the sheet consumed / total, in [0,1] (both reads)

 private:
  struct Workbook;
  std::unique_ptr<Workbook> book_;
  std::string error_;
  std::string sheet_name_;
  size_t sheet_count_ = 0;
};

}  // namespace funnel
