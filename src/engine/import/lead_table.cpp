#include "engine/import/lead_table.hpp"

#include <algorithm>

namespace funnel {

namespace {
// Word-at-a-time multiplicative hash: enough spread for a few thousand short names. The bytes
// after the last whole word are read as one word that overlaps it (or, for strings shorter
// than 8 bytes, as overlapping 4-byte halves), so no byte-sized copy stalls the load; with the
// length mixed in first, that is still a function of every byte.
uint32_t Hash(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  auto load = [p](size_t at, size_t width) {
    uint64_t w = 0;
    __builtin_memcpy(&w, p + at, width);  // width is 8 or 4: one load, no call
    return w;
  };
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ load(i, 8)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  if (n >= 8) {
    if (i < n) tail = load(n - 8, 8);
  } else if (n >= 4) {
    tail = load(0, 4) | load(n - 4, 4) << 32;
  } else if (n > 0) {
    const auto byte = [p](size_t k) { return uint64_t{static_cast<unsigned char>(p[k])}; };
    tail = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
  }
  h = (h ^ tail) * 0x94D049BB133111EBull;
  h ^= h >> 32;
  return static_cast<uint32_t>(h);
}
}  // namespace

void Dictionary::Grow() {
  std::vector<uint32_t> slots(slots_.empty() ? 64 : slots_.size() * 2, 0);
  const uint32_t mask = static_cast<uint32_t>(slots.size() - 1);
  for (uint32_t code = 0; code < names_.size(); ++code) {
    uint32_t i = Hash(names_[code]) & mask;
    while (slots[i]) i = (i + 1) & mask;
    slots[i] = code + 1;
  }
  slots_.swap(slots);
}

uint32_t Dictionary::Intern(std::string_view s) {
  if (s.empty()) return kNone;
  if ((names_.size() + 1) * 2 > slots_.size()) Grow();
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  uint32_t i = Hash(s) & mask;
  while (slots_[i]) {
    const uint32_t code = slots_[i] - 1;
    if (SameBytes(names_[code], s)) return code;
    i = (i + 1) & mask;
  }
  names_.emplace_back(s);
  slots_[i] = static_cast<uint32_t>(names_.size());
  return static_cast<uint32_t>(names_.size() - 1);
}

uint32_t Dictionary::Find(std::string_view s) const {
  if (s.empty() || slots_.empty()) return kNone;
  const uint32_t mask = static_cast<uint32_t>(slots_.size() - 1);
  uint32_t i = Hash(s) & mask;
  while (slots_[i]) {
    const uint32_t code = slots_[i] - 1;
    if (SameBytes(names_[code], s)) return code;
    i = (i + 1) & mask;
  }
  return kNone;
}

StageCounts CountStages(const LeadTable& t, bool dated_only) {
  StageCounts c;
  const size_t k_count = t.stages.size();
  c.stages = t.stages;
  c.reached.assign(k_count, 0);
  c.with_date.assign(k_count, 0);
  c.rows = t.rows;
  // furthest[r]: the furthest stage row r is known to have reached, -1 = none.
  std::vector<int8_t> furthest(t.stage.begin(), t.stage.end());
  furthest.resize(t.rows, -1);
  for (size_t k = 0; k < k_count && k < t.stage_date.size(); ++k) {
    const auto& dates = t.stage_date[k];
    if (dates.empty()) continue;
    uint64_t dated = 0;
    const int8_t kk = static_cast<int8_t>(k);
    for (size_t r = 0; r < t.rows; ++r) {
      if (dates[r] != kNoDate) {
        ++dated;
        if (furthest[r] < kk) furthest[r] = kk;
      }
    }
    c.with_date[k] = dated;
  }
  if (dated_only || k_count == 0) {
    c.reached = c.with_date;
  } else {
    // reached[k] = rows whose furthest stage ≥ k: a histogram, then a suffix sum.
    std::vector<uint64_t> at(k_count, 0);
    for (size_t r = 0; r < t.rows; ++r) {
      // A stage index past the table's stages (a malformed table) counts as the last stage.
      if (furthest[r] >= 0) ++at[std::min(static_cast<size_t>(furthest[r]), k_count - 1)];
    }
    uint64_t running = 0;
    for (size_t k = k_count; k-- > 0;) {
      running += at[k];
      c.reached[k] = running;
    }
  }
  for (size_t r = 0; r < t.rows; ++r) {
    c.without_stage += furthest[r] < 0;
    if (!t.lost.empty()) c.lost += t.lost[r] != 0;
  }
  return c;
}

}  // namespace funnel
