#include "engine/analysis/funnel_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "engine/common/json_fields.hpp"
#include "engine/common/quantile.hpp"

namespace funnel {

namespace {

int64_t MonthIndexOfDay(int64_t day) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(day, y, m, d);
  return MonthIndex(y, m);
}

int64_t FirstDayOfMonth(int64_t month_index) {
  const int64_t y = FloorDiv(month_index, 12);
  const int m = static_cast<int>(month_index - y * 12) + 1;
  return DaysFromCivil(static_cast<int>(y), m, 1);
}

// Month index (year × 12 + month − 1) of a time stamp. Within the data's span it is a table
// lookup by day, so the per-row cost is a multiply-shift and one load.
class MonthIndexer {
 public:
  MonthIndexer(Minutes lo, Minutes hi) {
    if (lo == kNoDate || hi < lo) return;
    first_day_ = FloorDiv(lo, kMinutesPerDay);
    first_minute_ = first_day_ * kMinutesPerDay;
    const int64_t last_day = FloorDiv(hi, kMinutesPerDay);
    first_month_ = MonthIndexOfDay(first_day_);
    last_month_ = MonthIndexOfDay(last_day);
    if (last_day - first_day_ >= kMaxTableDays) return;  // an outlier date: compute per row
    table_.resize(static_cast<size_t>(last_day - first_day_ + 1));
    for (int64_t mi = first_month_; mi <= last_month_; ++mi) {
      const int64_t from = std::max(FirstDayOfMonth(mi), first_day_);
      const int64_t to = std::min(FirstDayOfMonth(mi + 1), last_day + 1);
      for (int64_t d = from; d < to; ++d) {
        table_[static_cast<size_t>(d - first_day_)] = static_cast<uint32_t>(mi - first_month_);
      }
    }
  }
  bool empty() const { return last_month_ < first_month_; }
  size_t months() const { return empty() ? 0 : static_cast<size_t>(last_month_ - first_month_ + 1); }
  int64_t first_month() const { return first_month_; }
  // Offset of t's month from first_month(); t must lie within [lo, hi].
  uint32_t operator()(Minutes t) const {
    // t ≥ first_minute_, so the division needs no rounding fix-up for negatives.
    const uint64_t day = static_cast<uint64_t>(int64_t{t} - first_minute_) / uint64_t{kMinutesPerDay};
    if (!table_.empty()) return table_[static_cast<size_t>(day)];
    return static_cast<uint32_t>(MonthIndexOfDay(first_day_ + static_cast<int64_t>(day)) - first_month_);
  }

 private:
  static constexpr int64_t kMaxTableDays = int64_t{1} << 18;  // ~700 years, 1 MB
  int64_t first_day_ = 0, first_minute_ = 0;
  int64_t first_month_ = 0, last_month_ = -1;
  std::vector<uint32_t> table_;
};

// What every per-group count needs: which stages a row reached, CountStages semantics.
struct RowStages {
  size_t stage_count = 0;
  size_t rows = 0;
  bool dated_only = false;
  std::vector<const std::vector<Minutes>*> dates;  // per stage, nullptr = no date column
  std::vector<int8_t> furthest;                     // per row, -1 = none (unused when dated_only)
};

// volume[g] and reached[g * K + k] over rows with group(r) < groups; rows with group(r) == groups
// are counted in an extra slot and dropped (no branch per row; `groups` slots are returned).
template <class GroupOf>
void CountReachedByGroup(const RowStages& s, size_t groups, GroupOf group, std::vector<uint64_t>& volume,
                         std::vector<uint64_t>& reached) {
  const size_t kc = s.stage_count;
  volume.assign(groups + 1, 0);
  reached.assign((groups + 1) * kc, 0);
  if (s.dated_only) {
    for (size_t r = 0; r < s.rows; ++r) ++volume[group(r)];
    for (size_t k = 0; k < kc; ++k) {
      if (!s.dates[k]) continue;
      const Minutes* d = s.dates[k]->data();
      uint64_t* at = reached.data() + k;
      for (size_t r = 0; r < s.rows; ++r) at[group(r) * kc] += d[r] != kNoDate;
    }
  } else {
    // A histogram of the furthest stage per group (slot 0 = none), then a suffix sum.
    std::vector<uint64_t> at((groups + 1) * (kc + 1), 0);
    for (size_t r = 0; r < s.rows; ++r) {
      const size_t g = group(r);
      ++volume[g];
      ++at[g * (kc + 1) + static_cast<size_t>(s.furthest[r] + 1)];
    }
    for (size_t g = 0; g < groups; ++g) {
      uint64_t running = 0;
      for (size_t k = kc; k-- > 0;) {
        running += at[g * (kc + 1) + k + 1];
        reached[g * kc + k] = running;
      }
    }
  }
  volume.resize(groups);
  reached.resize(groups * kc);
}

// Widens [lo, hi] to the dates in p[0, n) (lo = INT32_MAX, hi = kNoDate when empty). Branch-free
// so that it vectorizes: kNoDate is INT32_MIN, so max() ignores it by itself; for min() the
// dates are mapped order-preserving to unsigned and shifted down by one, which sends kNoDate
// (0 after the mapping) to UINT32_MAX.
void WidenSpan(const Minutes* p, size_t n, Minutes& lo, Minutes& hi) {
  constexpr uint32_t kSign = 0x80000000u;
  uint32_t l = (static_cast<uint32_t>(lo) ^ kSign) - 1u;
  Minutes h = hi;
  for (size_t i = 0; i < n; ++i) {
    h = std::max(h, p[i]);
    l = std::min(l, (static_cast<uint32_t>(p[i]) ^ kSign) - 1u);
  }
  if (l != UINT32_MAX) lo = static_cast<Minutes>((l + 1u) ^ kSign);
  hi = h;
}

// Bin edges of kTimeBinEdgesDays in minutes.
struct TimeBinEdges {
  int64_t minutes[kTimeBinCount] = {};
  constexpr TimeBinEdges() {
    for (size_t i = 0; i < kTimeBinCount; ++i) {
      minutes[i] = static_cast<int64_t>(kTimeBinEdgesDays[i] * static_cast<double>(kMinutesPerDay));
    }
  }
  // The bin of a gap ≥ 0: how many edges after the first it has reached (no branches).
  size_t Bin(int64_t gap) const {
    size_t bin = 0;
    for (size_t i = 1; i < kTimeBinCount; ++i) bin += gap >= minutes[i];
    return bin;
  }
};
constexpr TimeBinEdges kTimeBins;

// Time to convert from `n` gaps (minutes, all ≥ 0); reorders them.
void Quantiles(uint32_t* gaps, size_t n, TimeToConvert& out) {
  out.count = n;
  if (n == 0) return;
  uint32_t* mid = gaps + NearestRankIndex(n, 1, 2);
  uint32_t* high = gaps + NearestRankIndex(n, 9, 10);
  std::nth_element(gaps, mid, gaps + n);
  out.median_days = static_cast<double>(*mid) / kMinutesPerDay;
  if (high > mid) std::nth_element(mid + 1, high, gaps + n);  // everything above mid is ≥ it
  out.p90_days = static_cast<double>(*high) / kMinutesPerDay;
}

}  // namespace

FunnelAnalysis AnalyzeFunnel(const LeadTable& t, const AnalysisOptions& options) {
  FunnelAnalysis a;
  a.win_rate = EstimateRate(0, 0);  // no evidence yet: 0 of 0, interval 0–100 %
  a.counts = CountStages(t, options.dated_only);
  const size_t kc = t.stages.size();
  const size_t rows = t.rows;
  const int window_days = std::max(options.cohort_window_days, 0);

  RowStages s;
  s.stage_count = kc;
  s.rows = rows;
  s.dated_only = options.dated_only;
  s.dates.assign(kc, nullptr);
  for (size_t k = 0; k < kc && k < t.stage_date.size(); ++k) {
    if (t.stage_date[k].size() == rows && rows > 0) s.dates[k] = &t.stage_date[k];
  }
  const std::vector<Minutes>* created = t.created.size() == rows && rows > 0 ? &t.created : nullptr;

  // The span of all dates (for month indexing) and the latest one (the default as-of).
  Minutes lo = INT32_MAX, hi = kNoDate;
  auto widen = [&](const std::vector<Minutes>& col) { WidenSpan(col.data(), col.size(), lo, hi); };
  for (const auto* col : s.dates) {
    if (col) widen(*col);
  }
  if (created) widen(*created);
  a.as_of = options.as_of != kNoDate ? options.as_of : hi;
  const MonthIndexer month_of(hi == kNoDate ? kNoDate : lo, hi);

  // Furthest stage per row, as CountStages computes it (stage column, then any stage date).
  if (!options.dated_only && kc > 0) {
    s.furthest.assign(rows, -1);
    const int8_t last = static_cast<int8_t>(std::min<size_t>(kc - 1, 127));
    for (size_t r = 0; r < rows && r < t.stage.size(); ++r) s.furthest[r] = std::clamp<int8_t>(t.stage[r], -1, last);
    int8_t* f = s.furthest.data();
    for (size_t k = 0; k < kc; ++k) {
      if (!s.dates[k]) continue;
      const Minutes* d = s.dates[k]->data();
      const int8_t kk = static_cast<int8_t>(k);
      for (size_t r = 0; r < rows; ++r) f[r] = std::max(f[r], d[r] != kNoDate ? kk : int8_t{-1});
    }
  }

  // Win rate and the average won deal.
  if (kc > 0) {
    const bool have_lost = t.lost.size() == rows;
    const bool have_amount = t.amount.size() == rows;
    const Minutes* won_dates = s.dates[kc - 1] ? s.dates[kc - 1]->data() : nullptr;
    const int8_t last = static_cast<int8_t>(kc - 1);
    uint64_t won = 0, lost = 0;
    double mean = 0.0;  // a running mean cannot overflow where a sum of huge amounts could
    for (size_t r = 0; r < rows; ++r) {
      const bool is_won = options.dated_only ? won_dates && won_dates[r] != kNoDate : s.furthest[r] == last;
      if (is_won) {
        ++won;
        if (have_amount) {
          const double x = t.amount[r];
          if (std::isfinite(x) && x > 0) {
            ++a.won_with_amount;
            mean += (x - mean) / static_cast<double>(a.won_with_amount);
          }
        }
      } else if (have_lost && t.lost[r]) {
        ++lost;
      }
    }
    a.win_rate = EstimateRate(won, won + lost);
    a.average_won_amount = a.won_with_amount > 0 && std::isfinite(mean) ? mean : 0.0;
  }

  // By source: group = source code, rows without one in the last group.
  if (kc > 0) {
    const bool have_source = t.source.size() == rows;
    const size_t named = have_source ? t.source_names.size() : 0;
    std::vector<uint64_t> volume, reached;
    CountReachedByGroup(
        s, named + 1,
        [&](size_t r) -> size_t {
          if (!have_source) return named;
          const uint32_t code = t.source[r];
          return code < named ? code : named;
        },
        volume, reached);
    for (size_t g = 0; g <= named; ++g) {
      if (volume[g] == 0) continue;
      SourceRow row;
      row.source = g < named ? t.source_names.Display(static_cast<uint32_t>(g)) : "(none)";
      row.volume = volume[g];
      row.reached.assign(reached.begin() + static_cast<std::ptrdiff_t>(g * kc),
                         reached.begin() + static_cast<std::ptrdiff_t>((g + 1) * kc));
      a.sources.push_back(std::move(row));
    }
    std::stable_sort(a.sources.begin(), a.sources.end(), [](const SourceRow& x, const SourceRow& y) {
      return x.volume != y.volume ? x.volume > y.volume : x.source < y.source;
    });
  }

  // By month of the first stage (its date, else the created date).
  if (kc > 0 && !month_of.empty()) {
    const size_t span = month_of.months();
    const Minutes* first = s.dates[0] ? s.dates[0]->data() : nullptr;
    const Minutes* made = created ? created->data() : nullptr;
    std::vector<uint32_t> group(rows);
    for (size_t r = 0; r < rows; ++r) {
      Minutes m = first ? first[r] : kNoDate;
      if (m == kNoDate && made) m = made[r];
      group[r] = m == kNoDate ? static_cast<uint32_t>(span) : month_of(m);
    }
    std::vector<uint64_t> volume, reached;
    CountReachedByGroup(s, span, [&](size_t r) -> size_t { return group[r]; }, volume, reached);
    size_t begin = 0, end = span;
    while (begin < end && volume[begin] == 0) ++begin;
    while (end > begin && volume[end - 1] == 0) --end;
    uint64_t placed = 0;
    for (size_t g = begin; g < end; ++g) {
      MonthRow row;
      row.month = MonthLabel(month_of.first_month() + static_cast<int64_t>(g));
      row.created = volume[g];
      row.reached.assign(reached.begin() + static_cast<std::ptrdiff_t>(g * kc),
                         reached.begin() + static_cast<std::ptrdiff_t>((g + 1) * kc));
      placed += volume[g];
      a.months.push_back(std::move(row));
    }
    a.rows_without_month = rows - placed;
  } else {
    a.rows_without_month = rows;
  }

  // Steps: in-period rate, cohort rate over mature months, time to convert.
  const size_t span = month_of.months();
  const int64_t window_minutes = int64_t{window_days} * kMinutesPerDay;
  // Per-row work below is branch-free (dates come and go at random): a row without a date for
  // A goes to the extra cohort slot `span` (never mature), a gap that does not count to the
  // extra histogram slot, and gaps are appended by advancing the end only for valid ones.
  std::vector<uint8_t> mature(span + 1, 0);
  for (size_t i = 0; i < span && a.as_of != kNoDate; ++i) {
    // Mature when the month's last day has ended window_days before as_of.
    const int64_t end_day = FirstDayOfMonth(month_of.first_month() + static_cast<int64_t>(i) + 1);
    mature[i] = (end_day + window_days) * kMinutesPerDay <= int64_t{a.as_of};
  }
  std::vector<uint64_t> cohort_rows(span + 1);
  std::vector<uint32_t> gaps;
  for (size_t k = 0; k + 1 < kc; ++k) {
    StepAnalysis step;
    step.from = t.stages[k];
    step.to = t.stages[k + 1];
    step.window_days = window_days;
    step.in_period = EstimateRate(a.counts.reached[k + 1], a.counts.reached[k]);
    step.cohort = EstimateRate(0, 0);  // until mature cohorts with both dates are counted
    step.time.histogram.assign(kTimeBinCount, 0);
    if (s.dates[k] && s.dates[k + 1] && span > 0) {
      const Minutes* da = s.dates[k]->data();
      const Minutes* db = s.dates[k + 1]->data();
      std::fill(cohort_rows.begin(), cohort_rows.end(), 0);
      if (gaps.size() < rows) gaps.resize(rows);
      uint32_t* out = gaps.data();
      size_t count = 0;
      uint64_t hist[kTimeBinCount + 1] = {};
      uint64_t n = 0, converted = 0, negative = 0;
      for (size_t r = 0; r < rows; ++r) {
        const bool has_a = da[r] != kNoDate;
        const bool both = has_a && db[r] != kNoDate;
        const uint32_t month = month_of(has_a ? da[r] : lo);  // lo: any date within the span
        const uint32_t mi = has_a ? month : static_cast<uint32_t>(span);
        ++cohort_rows[mi];
        const bool is_mature = mature[mi];
        n += is_mature;
        const int64_t gap = int64_t{db[r]} - int64_t{da[r]};
        const bool valid = both && gap >= 0;
        negative += both && gap < 0;
        converted += valid && is_mature && gap <= window_minutes;
        ++hist[valid ? kTimeBins.Bin(gap) : kTimeBinCount];
        out[count] = static_cast<uint32_t>(gap);
        count += valid;
      }
      step.cohort = EstimateRate(converted, n);
      step.time.negative_gaps = negative;
      std::copy(hist, hist + kTimeBinCount, step.time.histogram.begin());
      for (size_t i = 0; i < span; ++i) {
        if (cohort_rows[i] == 0) continue;
        auto& list = mature[i] ? step.mature_months : step.immature_months;
        list.push_back(MonthLabel(month_of.first_month() + static_cast<int64_t>(i)));
      }
      step.time.months.assign(kLagMonthBins, 0);
      constexpr uint32_t kMinutesPerMonth = 43830;  // 30.4375 days
      for (size_t i = 0; i < count; ++i) ++step.time.months[std::min<size_t>(gaps[i] / kMinutesPerMonth, kLagMonthBins - 1)];
      Quantiles(gaps.data(), count, step.time);
    }
    a.steps.push_back(std::move(step));
  }
  return a;
}

namespace {

using nlohmann::json;

json RateJson(const RateEstimate& e) {
  return {{"k", e.k},
          {"n", e.n},
          {"rate", e.rate},
          {"wilson_low", e.wilson_low},
          {"wilson_high", e.wilson_high},
          {"small_sample", e.small_sample}};
}

json TimeJson(const TimeToConvert& t) {
  json bins = json::array();
  for (size_t i = 0; i < kTimeBinCount; ++i) {
    json bin = {{"from_days", kTimeBinEdgesDays[i]}, {"to_days", nullptr},
                {"count", i < t.histogram.size() ? t.histogram[i] : 0}};
    if (i + 1 < kTimeBinCount) bin["to_days"] = kTimeBinEdgesDays[i + 1];
    bins.push_back(std::move(bin));
  }
  return {{"count", t.count},
          {"negative_gaps", t.negative_gaps},
          {"median_days", t.median_days},
          {"p90_days", t.p90_days},
          {"histogram", std::move(bins)},
          {"months", t.months}};
}

json TimeStamp(Minutes m) {
  if (m == kNoDate) return nullptr;
  const int64_t day = FloorDiv(m, kMinutesPerDay);
  const int64_t minute = int64_t{m} - day * kMinutesPerDay;
  int y = 0, mo = 0, d = 0;
  CivilFromDays(day, y, mo, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", y, mo, d, static_cast<int>(minute / 60),
                static_cast<int>(minute % 60));
  return buf;
}

}  // namespace

std::string FunnelAnalysisToJson(const FunnelAnalysis& a, int indent) {
  const StageCounts& c = a.counts;
  json j;
  j["as_of"] = TimeStamp(a.as_of);
  j["counts"] = {{"stages", c.stages},   {"reached", c.reached},
                 {"with_date", c.with_date}, {"lost", c.lost},
                 {"rows", c.rows},       {"without_stage", c.without_stage}};
  json steps = json::array();
  for (const StepAnalysis& s : a.steps) {
    steps.push_back({{"from", s.from},
                     {"to", s.to},
                     {"in_period", RateJson(s.in_period)},
                     {"cohort", RateJson(s.cohort)},
                     {"window_days", s.window_days},
                     {"mature_months", s.mature_months},
                     {"immature_months", s.immature_months},
                     {"time", TimeJson(s.time)}});
  }
  j["steps"] = std::move(steps);
  j["win_rate"] = RateJson(a.win_rate);
  j["average_won_amount"] = a.average_won_amount;
  j["won_with_amount"] = a.won_with_amount;
  json sources = json::array();
  for (const SourceRow& s : a.sources) {
    json quality = json::array();
    for (const uint64_t r : s.reached) {
      quality.push_back(s.volume > 0 ? std::min(1.0, static_cast<double>(r) / static_cast<double>(s.volume)) : 0.0);
    }
    sources.push_back({{"source", s.source}, {"volume", s.volume}, {"reached", s.reached}, {"quality", quality}});
  }
  j["sources"] = std::move(sources);
  json months = json::array();
  for (const MonthRow& m : a.months) {
    months.push_back({{"month", m.month}, {"created", m.created}, {"reached", m.reached}});
  }
  j["months"] = std::move(months);
  j["rows_without_month"] = a.rows_without_month;
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

namespace {

// "2024-03-05 14:22" (as TimeStamp writes it) → minutes; false when it is not that shape.
bool ParseTimeStamp(const std::string& text, Minutes& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) return false;
  const int64_t m = DaysFromCivil(y, mo, d) * kMinutesPerDay + h * 60 + mi;
  if (m <= int64_t{kNoDate} || m > int64_t{INT32_MAX}) return false;
  out = static_cast<Minutes>(m);
  return true;
}

RateEstimate ReadRate(const detail::FieldReader& parent, const char* key) {
  const detail::FieldReader r = parent.Child(key);
  uint64_t k = 0, n = 0;
  r.Count("k", k);
  r.Count("n", n);
  if (k > n) r.Fail("k", "More converted (" + std::to_string(k) + ") than eligible (" + std::to_string(n) + ")");
  return EstimateRate(k, n);
}

// A non-negative, finite number (days, an amount).
void ReadAmount(const detail::FieldReader& r, const char* key, double& dst) {
  r.Number(key, dst);
  if (!std::isfinite(dst) || dst < 0) {
    r.Fail(key, "Expected a number of 0 or more");
    dst = 0.0;
  }
}

}  // namespace

Result<FunnelAnalysis> FunnelAnalysisFromJson(std::string_view text) {
  using detail::FieldReader;
  const json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return Result<FunnelAnalysis>::Fail("funnel", "Expected a JSON object (a saved analysis)");
  }
  std::vector<FieldError> errors;
  const FieldReader top{root, "funnel.", errors};
  FunnelAnalysis a;

  if (const json* v = top.Get("as_of")) {
    if (!v->is_string() || !ParseTimeStamp(v->get<std::string>(), a.as_of)) {
      top.Fail("as_of", "Expected a time stamp like \"2024-03-05 14:22\"");
    }
  }

  const FieldReader counts = top.Child("counts");
  StageCounts& c = a.counts;
  counts.Texts("stages", c.stages);
  // Far more than any funnel (an import names one stage per distinct stage value); bounds the
  // work a hostile text can cause.
  constexpr size_t kMaxStages = 1024;
  if (c.stages.size() > kMaxStages) {
    counts.Fail("stages", "At most " + std::to_string(kMaxStages) + " stages");
    return errors;
  }
  const size_t kc = c.stages.size();
  counts.Counts("reached", c.reached, kc);
  counts.Counts("with_date", c.with_date, kc);
  counts.Count("lost", c.lost);
  counts.Count("rows", c.rows);
  counts.Count("without_stage", c.without_stage);

  const json* steps = top.Array("steps");
  const size_t expected_steps = kc > 0 ? kc - 1 : 0;
  if (steps && steps->size() != expected_steps) {
    top.Fail("steps", "Expected " + std::to_string(expected_steps) + " steps (one per pair of stages), got " +
                          std::to_string(steps->size()));
  } else if (steps) {
    top.EachObject("steps", [&](const FieldReader& r, size_t i) {
      StepAnalysis st;
      st.from = c.stages[i];
      st.to = c.stages[i + 1];
      st.in_period = ReadRate(r, "in_period");
      st.cohort = ReadRate(r, "cohort");
      r.Integer("window_days", st.window_days);
      st.window_days = std::max(0, st.window_days);
      r.Texts("mature_months", st.mature_months);
      r.Texts("immature_months", st.immature_months);
      const FieldReader t = r.Child("time");
      t.Count("count", st.time.count);
      t.Count("negative_gaps", st.time.negative_gaps);
      ReadAmount(t, "median_days", st.time.median_days);
      ReadAmount(t, "p90_days", st.time.p90_days);
      st.time.histogram.assign(kTimeBinCount, 0);
      const json* bins = t.Get("histogram");
      if (bins && bins->is_array() && bins->size() != kTimeBinCount) {
        t.Fail("histogram", "Expected " + std::to_string(kTimeBinCount) + " bins, got " + std::to_string(bins->size()));
      } else {
        t.EachObject("histogram", [&](const FieldReader& bin, size_t b) { bin.Count("count", st.time.histogram[b]); });
      }
      // Optional (summaries saved before it existed have none): whole-month gaps.
      if (const json* months = t.Get("months"); months && !months->is_null()) {
        bool good = months->is_array() && (months->empty() || months->size() == kLagMonthBins);
        for (size_t b = 0; good && b < months->size(); ++b) good = (*months)[b].is_number_unsigned();
        if (!good) {
          t.Fail("months", "Expected " + std::to_string(kLagMonthBins) + " whole counts (records converting 0, 1, 2, … months later)");
        } else {
          for (const json& m : *months) st.time.months.push_back(m.get<uint64_t>());
        }
      }
      a.steps.push_back(std::move(st));
    });
  }
  // Analyses of data without stages have no steps; with stages every step is needed.
  if (!top.Get("steps") && expected_steps > 0) top.Fail("steps", "Missing; expected one per pair of stages");

  a.win_rate = ReadRate(top, "win_rate");
  ReadAmount(top, "average_won_amount", a.average_won_amount);
  top.Count("won_with_amount", a.won_with_amount);

  top.EachObject("sources", [&](const FieldReader& r, size_t) {
    SourceRow& row = a.sources.emplace_back();
    r.Text("source", row.source);
    r.Count("volume", row.volume);
    r.Counts("reached", row.reached, kc);
  });
  top.EachObject("months", [&](const FieldReader& r, size_t) {
    MonthRow& row = a.months.emplace_back();
    r.Text("month", row.month);
    r.Count("created", row.created);
    r.Counts("reached", row.reached, kc);
  });
  top.Count("rows_without_month", a.rows_without_month);
  if (errors.size() > 20) errors.resize(20);  // the first problems say enough
  if (!errors.empty()) return errors;
  return a;
}

}  // namespace funnel
