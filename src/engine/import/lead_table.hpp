// LeadTable: the imported leads, column by column, holding only what the funnel needs
// (stage, stage dates, source, amount, owner). Names, e-mails and phones are never stored.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/import/cell_values.hpp"

namespace funnel {

// Byte equality of short strings, 8 bytes at a time (WebAssembly's memcmp is a byte loop).
// The last bytes are compared as one word that overlaps the ones before (or two 4-byte halves
// that overlap), not byte by byte.
inline bool SameBytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const size_t n = a.size();
  const char* x = a.data();
  const char* y = b.data();
  auto same = [&](size_t at, size_t width) {
    uint64_t u = 0, v = 0;
    __builtin_memcpy(&u, x + at, width);  // width is 8 or 4: one load each, no call
    __builtin_memcpy(&v, y + at, width);
    return u == v;
  };
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      if (!same(i, 8)) return false;
    }
    return i == n || same(n - 8, 8);
  }
  if (n >= 4) return same(0, 4) && same(n - 4, 4);
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// Interns strings (sources, owners) as small integer codes.
class Dictionary {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t Intern(std::string_view s);  // kNone for an empty string
  uint32_t Find(std::string_view s) const;  // the code of s, or kNone when not interned
  const std::string& Name(uint32_t code) const { return names_[code]; }
  // Changes the text shown for a code (its lookup key stays the original bytes).
  void Rename(uint32_t code, std::string name) { display_[code] = std::move(name); }
  const std::string& Display(uint32_t code) const {
    auto it = display_.find(code);
    return it == display_.end() ? names_[code] : it->second;
  }
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  void Grow();
  std::vector<std::string> names_;
  std::vector<uint32_t> slots_;  // open addressing: code + 1, 0 = empty
  std::map<uint32_t, std::string> display_;  // rare: names that needed re-encoding
};

struct LeadTable {
  std::vector<std::string> stages;  // funnel order
  size_t rows = 0;
  std::vector<int8_t> stage;        // furthest stage named by the stage column, -1 = none
  std::vector<uint8_t> lost;        // 1 = lost / disqualified / closed lost
  // stage_date[k][row]: when the row reached stage k; empty vector = no date column for k.
  std::vector<std::vector<Minutes>> stage_date;
  std::vector<Minutes> created;     // empty = no created-date column
  std::vector<Minutes> closed;      // the close date column as exported (won or lost); empty = no such column
  std::vector<uint32_t> source;     // codes into source_names; empty = no source column
  Dictionary source_names;
  std::vector<uint32_t> owner;
  Dictionary owner_names;
  std::vector<double> amount;       // NaN = missing; empty = no amount column
};

struct StageCounts {
  std::vector<std::string> stages;
  std::vector<uint64_t> reached;    // rows that reached each stage
  std::vector<uint64_t> with_date;  // of those, rows with a date for the stage
  uint64_t lost = 0;
  uint64_t rows = 0;
  uint64_t without_stage = 0;       // rows with neither a stage value nor a stage date
};

// A row reached stage k if it has a date for k, or — unless `dated_only` — its furthest stage
// (from the stage column or any stage date) is k or later. docs/import.md, "Stage semantics".
StageCounts CountStages(const LeadTable& table, bool dated_only);

}  // namespace funnel
