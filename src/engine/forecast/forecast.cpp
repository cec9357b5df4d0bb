#include "engine/forecast/forecast.hpp"

#include <algorithm>
#include <cmath>

#include "engine/common/calendar.hpp"
#include "engine/common/format.hpp"
#include "engine/common/quantile.hpp"
#include "engine/common/random.hpp"
#include "engine/forecast/track.hpp"
#include "engine/plan/reverse_funnel.hpp"

namespace funnel {

namespace {

int64_t DayOf(Minutes time) { return FloorDiv(time, kMinutesPerDay); }

std::string Count(uint64_t n) { return FormatNumber(static_cast<double>(n), 0); }

// Index of the last event at or before `age`, or −1.
ptrdiff_t EventAtOrBefore(const std::vector<int32_t>& ages, double age) {
  const auto it = std::upper_bound(ages.begin(), ages.end(), age,
                                   [](double a, int32_t e) { return a < static_cast<double>(e); });
  return (it - ages.begin()) - 1;
}

// The nearest-rank quantile of the draws: selection, not a sort (the draws' order changes, their
// values do not; the value of a rank is the same whatever the order).
double Quantile(std::vector<double>& draws, size_t percent) {
  if (draws.empty()) return 0.0;
  const auto nth = draws.begin() + static_cast<ptrdiff_t>(NearestRankIndex(draws.size(), percent, 100));
  std::nth_element(draws.begin(), nth, draws.end());
  return *nth;
}

void FillQuantiles(PipelineForecast& f, std::vector<double>& wins, std::vector<double>& revenue) {
  f.wins_p10 = Quantile(wins, 10);
  f.wins_p50 = Quantile(wins, 50);
  f.wins_p90 = Quantile(wins, 90);
  f.p10 = Quantile(revenue, 10);
  f.p50 = Quantile(revenue, 50);
  f.p90 = Quantile(revenue, 90);
}

// Day numbers of a month's first and last day.
int64_t FirstDay(int64_t month_index) {
  return DaysFromCivil(static_cast<int>(FloorDiv(month_index, 12)), static_cast<int>(month_index - FloorDiv(month_index, 12) * 12) + 1, 1);
}
int64_t LastDay(int64_t month_index) { return FirstDay(month_index + 1) - 1; }

}  // namespace

double IncidenceCurves::WonAt(double age) const {
  const ptrdiff_t i = EventAtOrBefore(ages, age);
  return i < 0 ? 0.0 : won[static_cast<size_t>(i)];
}
double IncidenceCurves::LostAt(double age) const {
  const ptrdiff_t i = EventAtOrBefore(ages, age);
  return i < 0 ? 0.0 : lost[static_cast<size_t>(i)];
}
double IncidenceCurves::SurvivalAt(double age) const {
  const ptrdiff_t i = EventAtOrBefore(ages, age);
  return i < 0 ? 1.0 : survival[static_cast<size_t>(i)];
}

IncidenceCurves AalenJohansen(const std::vector<PipelineRecord>& records) {
  std::vector<PipelineRecord> sorted = records;
  std::sort(sorted.begin(), sorted.end(), [](const PipelineRecord& a, const PipelineRecord& b) { return a.age_days < b.age_days; });
  IncidenceCurves c;
  uint64_t at_risk = sorted.size();
  double s = 1.0, won = 0.0, lost = 0.0;
  for (size_t i = 0; i < sorted.size();) {
    const int32_t t = sorted[i].age_days;
    uint64_t w = 0, l = 0, censored = 0;
    for (; i < sorted.size() && sorted[i].age_days == t; ++i) {
      if (sorted[i].outcome == Outcome::kWon) ++w;
      else if (sorted[i].outcome == Outcome::kLost) ++l;
      else ++censored;  // open records of age t were still at risk at t
    }
    if (w + l > 0) {
      const double n = static_cast<double>(at_risk);
      won += s * static_cast<double>(w) / n;
      lost += s * static_cast<double>(l) / n;
      s *= 1.0 - static_cast<double>(w + l) / n;
      c.ages.push_back(t);
      c.won.push_back(won);
      c.lost.push_back(lost);
      c.survival.push_back(s);
      c.at_risk.push_back(at_risk);
    }
    at_risk -= w + l + censored;
  }
  return c;
}

double WinChance(const IncidenceCurves& c, double age, double horizon_days) {
  if (c.ages.empty() || age >= static_cast<double>(c.last_event_age())) return 0.0;  // the flat tail
  const double s = c.SurvivalAt(age);
  if (!(s > 0.0)) return 0.0;
  const double p = (c.WonAt(age + horizon_days) - c.WonAt(age)) / s;
  return std::clamp(p, 0.0, 1.0);
}

namespace {

// A discrete distribution over whole counts, drawn by Walker/Vose's alias method: one uniform
// picks a column and, by its fraction, the column's own count or its alias. Built once per
// simulation; a draw is one look-up.
struct AliasCounts {
  struct Column {
    double keep = 1.0;          // take `own` with this chance, else `alias`
    uint32_t own = 0, alias = 0;
  };
  std::vector<Column> columns;

  // `terms` are the (unnormalised) chances of first, first + 1, …  +, ×, ÷ and comparisons only.
  AliasCounts(size_t first, const std::vector<double>& terms) {
    const size_t k = terms.size();
    double total = 0.0;
    for (double t : terms) total += t;
    std::vector<double> scaled(k);
    std::vector<uint32_t> small, large;
    columns.resize(k);
    for (size_t i = 0; i < k; ++i) {
      scaled[i] = terms[i] / total * static_cast<double>(k);
      columns[i].own = columns[i].alias = static_cast<uint32_t>(first + i);
      (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      const uint32_t s = small.back(), l = large.back();
      small.pop_back();
      columns[s].keep = scaled[s];
      columns[s].alias = static_cast<uint32_t>(first + l);
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    // What is left is 1 up to rounding: those columns keep their own count.
  }

  uint32_t Draw(Rng& rng) const {
    const double u = rng.Uniform() * static_cast<double>(columns.size());
    const size_t i = std::min(static_cast<size_t>(u), columns.size() - 1);
    const Column& c = columns[i];
    const bool own = u - static_cast<double>(i) < c.keep;
    return own * c.own + !own * c.alias;  // no branch: `own` is a coin toss
  }
};

// Chances of 0…n counts, kept as the window [first, first + terms.size()) of the terms that
// matter; terms below 10^-17 of the largest (beyond the resolution of a 53-bit uniform) dropped.
struct CountDistribution {
  size_t first = 0;
  std::vector<double> terms{1.0};  // no records: 0 wins for sure

  void Trim() {
    const double top = *std::max_element(terms.begin(), terms.end());
    size_t lo = 0, hi = terms.size();
    while (lo + 1 < hi && terms[lo] < 1e-17 * top) ++lo;
    while (hi > lo + 1 && terms[hi - 1] < 1e-17 * top) --hi;
    first += lo;
    terms = std::vector<double>(terms.begin() + static_cast<ptrdiff_t>(lo), terms.begin() + static_cast<ptrdiff_t>(hi));
    double total = 0.0;
    for (double t : terms) total += t;
    for (double& t : terms) t /= total;
  }
};

// Binomial(n, p) from its mode outwards with the ratio of neighbouring terms (+, ×, ÷ only: no
// pow or log, so the same table on every platform).
CountDistribution Binomial(size_t n, double p) {
  CountDistribution d;
  if (!(p < 1.0)) {
    d.first = n;
    return d;
  }
  const double q = 1.0 - p;
  const size_t mode = std::min(n, static_cast<size_t>(static_cast<double>(n + 1) * p));
  std::vector<double> up{1.0}, down;
  for (size_t k = mode; k < n; ++k) {
    const double next = up.back() * (static_cast<double>(n - k) / static_cast<double>(k + 1)) * (p / q);
    if (next < 1e-17) break;
    up.push_back(next);
  }
  double w = 1.0;
  for (size_t k = mode; k > 0; --k) {
    w *= (static_cast<double>(k) / static_cast<double>(n - k + 1)) * (q / p);
    if (w < 1e-17) break;
    down.push_back(w);
  }
  d.first = mode - down.size();
  d.terms.assign(down.rbegin(), down.rend());
  d.terms.insert(d.terms.end(), up.begin(), up.end());
  d.Trim();
  return d;
}

// The distribution of the sum of two independent counts.
CountDistribution Convolve(const CountDistribution& a, const CountDistribution& b) {
  CountDistribution c;
  c.first = a.first + b.first;
  c.terms.assign(a.terms.size() + b.terms.size() - 1, 0.0);
  for (size_t i = 0; i < a.terms.size(); ++i) {
    for (size_t j = 0; j < b.terms.size(); ++j) c.terms[i + j] += a.terms[i] * b.terms[j];
  }
  c.Trim();
  return c;
}

// The distribution with one more candidate that wins with chance p, in place.
void AddBernoulli(CountDistribution& d, double p) {
  const double q = 1.0 - p;
  d.terms.push_back(0.0);
  for (size_t k = d.terms.size() - 1; k > 0; --k) d.terms[k] = d.terms[k] * q + d.terms[k - 1] * p;
  d.terms[0] *= q;
  const double top = *std::max_element(d.terms.begin(), d.terms.end());
  if (d.terms.back() < 1e-17 * top) d.terms.pop_back();
  if (d.terms.size() > 1 && d.terms.front() < 1e-17 * top) {
    d.terms.erase(d.terms.begin());
    ++d.first;
  }
}

// Candidates of one part (open or new) whose amounts fall in one class: their wins are the exact
// Poisson-binomial count (the convolution of the binomials of the candidates sharing a p), drawn
// from an alias table; their revenue is wins × the class's amount.
struct AmountClass {
  double amount = 0.0;
  AliasCounts wins;
};

constexpr size_t kExactAmounts = 16, kAmountClasses = 64;

// Class of each amount. At most 16 different amounts: one class each (exact). Else amounts ≤ 0
// share class 0 and the positive ones fall into classes whose bounds grow by a ratio r = 1.2 from
// the smallest (squared while 63 classes do not reach the largest), so every amount is within
// ±10 % of its class's amount: a range of 1 : 10 takes 13 classes.
std::vector<size_t> ClassOfAmounts(const std::vector<double>& amounts) {
  std::vector<double> distinct = amounts;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<size_t> cls(amounts.size());
  if (distinct.size() <= kExactAmounts) {
    for (size_t i = 0; i < amounts.size(); ++i) {
      cls[i] = static_cast<size_t>(std::lower_bound(distinct.begin(), distinct.end(), amounts[i]) - distinct.begin());
    }
    return cls;
  }
  const auto positive = std::upper_bound(distinct.begin(), distinct.end(), 0.0);
  if (positive == distinct.end()) {  // no positive amount: one class
    return std::vector<size_t>(amounts.size(), 0);
  }
  const double lo = *positive, hi = distinct.back();
  double r = 1.2;
  std::vector<double> bounds;
  for (;;) {
    bounds.clear();
    for (double b = lo * r; b < hi && bounds.size() < kAmountClasses - 1; b *= r) bounds.push_back(b);
    if (bounds.size() < kAmountClasses - 1) break;
    r *= r;
  }
  for (size_t i = 0; i < amounts.size(); ++i) {
    cls[i] = amounts[i] <= 0.0 ? 0 : 1 + static_cast<size_t>(std::upper_bound(bounds.begin(), bounds.end(), amounts[i]) - bounds.begin());
  }
  return cls;
}

}  // namespace

// Each draw: the wins of every amount class (AmountClass) from its alias table, revenue = wins ×
// the class's amount. Tables are built once and a draw allocates nothing; its cost is one look-up
// per class (at most 64 per part), whatever the number of candidates. Only +, ×, ÷ and
// SplitMix64: the same bits natively and in WebAssembly.
WinDraws SimulateWins(std::vector<WinCandidate> items, int draws, uint64_t seed) {
  items.erase(std::remove_if(items.begin(), items.end(), [](const WinCandidate& c) { return !(c.p > 0.0); }), items.end());
  std::vector<AmountClass> open_classes, new_classes;
  for (const bool open : {true, false}) {
    std::vector<WinCandidate> part;
    for (const WinCandidate& c : items) {
      if (c.open == open) part.push_back(c);
    }
    if (part.empty()) continue;
    std::vector<double> amounts(part.size());
    for (size_t i = 0; i < part.size(); ++i) amounts[i] = part[i].amount;
    const std::vector<size_t> cls = ClassOfAmounts(amounts);
    // Candidates by class, then by falling p: equal chances side by side.
    std::vector<size_t> order(part.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return cls[a] != cls[b] ? cls[a] < cls[b] : std::min(part[a].p, 1.0) > std::min(part[b].p, 1.0);
    });
    for (size_t j = 0; j < order.size();) {
      const size_t c = cls[order[j]];
      CountDistribution wins;
      double weighted = 0.0, weight = 0.0;
      const double one_amount = part[order[j]].amount;
      bool same = true;
      while (j < order.size() && cls[order[j]] == c) {
        const double p = std::min(part[order[j]].p, 1.0);
        size_t n = 0;
        for (; j < order.size() && cls[order[j]] == c && std::min(part[order[j]].p, 1.0) == p; ++j, ++n) {
          weighted += p * part[order[j]].amount;
          weight += p;
          same = same && part[order[j]].amount == one_amount;
        }
        if (n <= 8) {  // a few records: one Bernoulli each costs less than a binomial's table
          for (size_t m = 0; m < n; ++m) AddBernoulli(wins, p);
        } else {
          wins = Convolve(wins, Binomial(n, p));
        }
      }
      // The p-weighted mean keeps the expected revenue exact; with one amount per class it is that amount.
      (open ? open_classes : new_classes).push_back({same ? one_amount : weighted / weight, AliasCounts(wins.first, wins.terms)});
    }
  }
  const size_t n = static_cast<size_t>(std::max(draws, 1));
  WinDraws d;
  for (auto* v : {&d.open_wins, &d.open_revenue, &d.new_wins, &d.new_revenue, &d.total_wins, &d.total_revenue}) v->resize(n);
  Rng rng{seed};
  for (size_t i = 0; i < n; ++i) {
    double wins[2] = {0.0, 0.0}, revenue[2] = {0.0, 0.0};  // [new, open]
    for (const bool open : {false, true}) {
      double w = 0.0, r = 0.0;
      for (const AmountClass& c : open ? open_classes : new_classes) {
        const double k = static_cast<double>(c.wins.Draw(rng));
        w += k;
        r += k * c.amount;
      }
      wins[open] = w;
      revenue[open] = r;
    }
    d.open_wins[i] = wins[1];
    d.open_revenue[i] = revenue[1];
    d.new_wins[i] = wins[0];
    d.new_revenue[i] = revenue[0];
    d.total_wins[i] = wins[0] + wins[1];
    d.total_revenue[i] = revenue[0] + revenue[1];
  }
  return d;
}

Result<ForecastReport> Forecast(const LeadTable& t, const ForecastOptions& o) {
  using R = Result<ForecastReport>;
  ForecastReport r;
  if (t.rows == 0 || t.stages.size() < 2) return R::Fail("data", "The export has no records with stages to forecast from");
  if (o.as_of == kNoDate) return R::Fail("as_of", "The forecast needs an as-of day");
  if (o.until_month < 1 || o.until_month > 12) return R::Fail("until", "The forecast needs a horizon month (YYYY-MM)");
  if (o.scenario) {
    if (std::vector<FieldError> errors = ValidateScenario(*o.scenario); !errors.empty()) return errors;
  }
  r.as_of_label = DayLabel(o.as_of);
  const int64_t as_of_day = DayOf(o.as_of);
  const int64_t cutoff = (as_of_day + 1) * kMinutesPerDay;  // the as-of day counts as past
  if (o.today != kNoDate && as_of_day > DayOf(o.today)) {
    return R::Fail("as_of", "The as-of day " + r.as_of_label + " is after today (" + DayLabel(o.today) +
                                "): an export cannot show the future; choose today or an earlier day");
  }
  const int64_t until_month = MonthIndex(o.until_year, o.until_month);
  int as_of_y, as_of_m, as_of_d;
  CivilFromDays(as_of_day, as_of_y, as_of_m, as_of_d);
  const int64_t as_of_month_index = MonthIndex(as_of_y, as_of_m);
  r.until_label = MonthLabel(until_month);
  const int64_t horizon_end = LastDay(until_month);
  if (horizon_end < as_of_day) {
    return R::Fail("until", "The horizon " + r.until_label + " ends before the as-of day " + r.as_of_label);
  }
  r.horizon_days = static_cast<int32_t>(horizon_end - as_of_day);

  // The customer stage's dates say when a record was won: without them there is no curve.
  const size_t last = t.stages.size() - 1;
  if (t.stage_date.size() <= last || t.stage_date[last].size() != t.rows) {
    return R::Fail("stage_date", "The export has no date for the customer stage \"" + t.stages[last] +
                                     "\" (no close date or \"became a customer\" date column): the forecast needs when each record was won");
  }
  // The pipeline stage: the chosen one, else the last dated stage before the customer stage
  // (an opportunity date in a contacts export; the created date in a deals export).
  int stage = o.stage;
  if (stage < 0) {
    for (size_t k = last; k-- > 0 && stage < 0;) {
      if (k < t.stage_date.size() && t.stage_date[k].size() == t.rows) stage = static_cast<int>(k);
    }
  }
  const std::vector<Minutes>* entry_dates = nullptr;
  if (stage >= 0 && static_cast<size_t>(stage) < last && static_cast<size_t>(stage) < t.stage_date.size() &&
      t.stage_date[static_cast<size_t>(stage)].size() == t.rows) {
    entry_dates = &t.stage_date[static_cast<size_t>(stage)];
    r.stage = t.stages[static_cast<size_t>(stage)];
  } else if (t.created.size() == t.rows) {
    entry_dates = &t.created;
    r.stage = stage >= 0 && static_cast<size_t>(stage) < last ? t.stages[static_cast<size_t>(stage)] : t.stages.front();
    r.notes.push_back("No date column for " + r.stage + ": records enter the pipeline on their created date.");
  } else {
    const std::string name = stage >= 0 && static_cast<size_t>(stage) < last ? t.stages[static_cast<size_t>(stage)] : t.stages[last - 1];
    return R::Fail("stage_date", "The export has no date for \"" + name +
                                     "\" and no created date: the forecast needs when each record entered the pipeline");
  }

  // Earliest date: an as-of day before it is refused.
  Minutes first_date = kNoDate;
  for (Minutes m : *entry_dates) {
    if (m != kNoDate && (first_date == kNoDate || m < first_date)) first_date = m;
  }
  if (first_date == kNoDate) return R::Fail("stage_date", "No record has a date for " + r.stage + ": nothing to forecast from");
  if (first_date >= cutoff) {
    return R::Fail("as_of", "The as-of day " + r.as_of_label + " is before the data's first date " + DayLabel(first_date) +
                                ": nothing had entered the pipeline yet");
  }

  // Records, their outcomes and ages. Lost records are dated by their close date, else by their
  // latest date in the export: say which, and how many that leaves lost at age 0.
  const std::vector<Minutes>& won_dates = t.stage_date[last];
  std::vector<PipelineRecord> records;
  std::vector<size_t> open_rows;
  records.reserve(t.rows);
  uint64_t without_entry = 0, won_undated = 0, lost_on_entry = 0, future = 0, lost_by_close = 0, lost_by_latest = 0;
  double won_amount_sum = 0.0;
  uint64_t won_amount_count = 0;
  constexpr int64_t kDays = 366;  // kSnapshotDays
  for (auto* v : {&r.entered_daily, &r.won_daily, &r.lost_daily}) v->assign(kDays, 0);
  const int64_t first_daily = as_of_day - (kDays - 1);
  auto count_day = [&](std::vector<uint32_t>& v, int64_t day) {
    if (day >= first_daily && day <= as_of_day) ++v[static_cast<size_t>(day - first_daily)];
  };
  for (size_t row = 0; row < t.rows; ++row) {
    const bool won_row = (!t.stage.empty() && t.stage[row] == static_cast<int8_t>(last)) || won_dates[row] != kNoDate;
    const bool lost_row = !won_row && !t.lost.empty() && t.lost[row] != 0;
    const Minutes entry = (*entry_dates)[row];
    if (entry == kNoDate) {
      // Records that never reached the pipeline stage are not in it; those beyond it without its date are left out.
      if (won_row || (!t.stage.empty() && t.stage[row] >= stage)) ++without_entry;
      continue;
    }
    if (entry >= cutoff) {
      ++future;
      continue;
    }
    const int64_t entry_day = DayOf(entry);
    count_day(r.entered_daily, entry_day);
    PipelineRecord rec;
    if (won_row && won_dates[row] != kNoDate && won_dates[row] < cutoff) {
      rec.outcome = Outcome::kWon;
      count_day(r.won_daily, DayOf(won_dates[row]));
      rec.age_days = static_cast<int32_t>(std::max<int64_t>(0, DayOf(won_dates[row]) - entry_day));
      if (!t.amount.empty() && std::isfinite(t.amount[row]) && t.amount[row] > 0.0) {
        won_amount_sum += t.amount[row];
        ++won_amount_count;
      }
    } else if (won_row && won_dates[row] == kNoDate) {
      ++won_undated;
      continue;
    } else if (lost_row) {
      // A lost record's close date is when it was lost; without one, its latest date in the export.
      Minutes lost_at = entry;
      const bool by_close = t.closed.size() == t.rows && t.closed[row] != kNoDate;
      if (by_close) {
        lost_at = std::max(entry, t.closed[row]);
      } else {
        for (const auto& col : t.stage_date) {
          if (col.size() == t.rows && col[row] != kNoDate && col[row] > lost_at) lost_at = col[row];
        }
        if (t.created.size() == t.rows && t.created[row] != kNoDate && t.created[row] > lost_at) lost_at = t.created[row];
      }
      if (lost_at < cutoff) {
        rec.outcome = Outcome::kLost;
        count_day(r.lost_daily, DayOf(lost_at));
        ++(by_close ? lost_by_close : lost_by_latest);
        rec.age_days = static_cast<int32_t>(std::max<int64_t>(0, DayOf(lost_at) - entry_day));
        lost_on_entry += rec.age_days == 0;
      } else {
        rec.age_days = static_cast<int32_t>(as_of_day - entry_day);
      }
    } else {
      rec.age_days = static_cast<int32_t>(as_of_day - entry_day);
    }
    if (rec.outcome == Outcome::kOpen) open_rows.push_back(row);
    records.push_back(rec);
    r.won += rec.outcome == Outcome::kWon;
    r.lost += rec.outcome == Outcome::kLost;
    r.open += rec.outcome == Outcome::kOpen;
  }
  if (r.won + r.lost == 0) {
    return R::Fail("data", "No record in " + r.stage + " had been won or lost by " + r.as_of_label +
                               ": there is no history to forecast from");
  }
  if (lost_by_close > 0) {
    r.notes.push_back("Lost records dated by their close date: " + Count(lost_by_close) + ".");
  }
  if (lost_by_latest > 0) {
    r.notes.push_back("Lost records without a close date, each dated by its latest date in the export: " + Count(lost_by_latest) + ".");
  }
  if (lost_on_entry > 0) {
    r.notes.push_back("Lost records with no date after entering " + r.stage + ", counted as lost that day (which makes older open " +
                      "records look likelier to win): " + Count(lost_on_entry) + ".");
  }
  if (r.lost == 0) r.notes.push_back("No lost records: the curves see only wins, so the forecast is optimistic.");
  if (without_entry > 0) {
    r.notes.push_back("Records without a date for " + r.stage + ", left out: " + Count(without_entry) + ".");
  }
  if (won_undated > 0) {
    r.notes.push_back("Won records without a date for " + t.stages[last] + ", left out: " + Count(won_undated) + ".");
  }
  if (future > 0) {
    r.notes.push_back("Records that entered after the as-of day, left out: " + Count(future) + ".");
  }
  r.curves = AalenJohansen(records);

  // Amounts: the record's own, else the average won deal (else the scenario's deal size).
  if (won_amount_count > 0) r.average_deal = won_amount_sum / static_cast<double>(won_amount_count);
  else if (o.scenario) r.average_deal = o.scenario->deal_size;
  if (won_amount_count == 0) {
    r.notes.push_back(o.scenario ? "No won amounts in the export: revenue uses the scenario's deal size."
                                 : "No won amounts in the export and no scenario: revenue is 0 (give --scenario for its deal size).");
  }
  auto amount_of = [&](size_t row) {
    if (!t.amount.empty() && std::isfinite(t.amount[row]) && t.amount[row] > 0.0) return t.amount[row];
    return r.average_deal;
  };

  std::vector<WinCandidate> candidates;
  candidates.reserve(open_rows.size());
  size_t open_i = 0;
  for (const PipelineRecord& rec : records) {
    if (rec.outcome != Outcome::kOpen) continue;
    const size_t row = open_rows[open_i++];
    const double p = WinChance(r.curves, rec.age_days, r.horizon_days);
    r.beyond_curve += rec.age_days >= r.curves.last_event_age();
    const double amount = amount_of(row);
    r.open_pipeline.expected_wins += p;
    r.open_pipeline.expected_revenue += p * amount;
    candidates.push_back({p, amount, true});
  }
  r.open_pipeline.records = static_cast<double>(r.open);
  r.open_pipeline.naive_expected_wins =
      static_cast<double>(r.open) * static_cast<double>(r.won) / static_cast<double>(r.won + r.lost);
  if (r.beyond_curve > 0) {
    r.notes.push_back("Open records as old as the oldest outcome (" + std::to_string(r.curves.last_event_age()) +
                      " days) or older, where the curve is flat, so they count as not winning: " + Count(r.beyond_curve) + ".");
  }

  // With a scenario: records the plan still expects at the pipeline stage, the goal, and the gap.
  std::optional<MonthlyPlan> plan;
  size_t plan_stage = 0;
  if (o.scenario) {
    const Scenario& s = *o.scenario;
    plan = PlanByMonth(s);
    const std::vector<int> match = MatchStages(s.stages, {r.stage});
    plan_stage = s.stages.size();
    for (size_t k = 0; k < match.size(); ++k) {
      if (match[k] == 0) plan_stage = k;
    }
    if (plan_stage == s.stages.size()) {
      plan_stage = FindStage(s, "opportunit");
      if (plan_stage == std::string::npos || plan_stage + 1 >= s.stages.size()) plan_stage = s.stages.size() - 2;
      r.notes.push_back("The plan has no stage named " + r.stage + ": new records are the plan's " + s.stages[plan_stage] + ".");
    }
    const int64_t plan_first = MonthIndex(s.start_year, s.start_month) + plan->first_offset;
    const double days_in_as_of_month = static_cast<double>(LastDay(as_of_month_index) - FirstDay(as_of_month_index) + 1);
    for (int64_t mi = as_of_month_index; mi <= until_month; ++mi) {
      const int64_t col = mi - plan_first;
      if (col < 0 || col >= static_cast<int64_t>(plan->months.size())) continue;
      double volume = plan->whole[plan_stage][static_cast<size_t>(col)];
      // New records arrive evenly over what is left of the month: on average at its middle.
      double arrival = static_cast<double>(FirstDay(mi) + LastDay(mi)) / 2.0;
      if (mi == as_of_month_index) {
        volume *= 1.0 - static_cast<double>(as_of_d) / days_in_as_of_month;
        arrival = static_cast<double>(as_of_day + 1 + LastDay(mi)) / 2.0;
      }
      if (volume <= 0.0) continue;
      const double p = r.curves.WonAt(static_cast<double>(horizon_end) - arrival);
      r.new_pipeline.records += volume;
      r.new_pipeline.expected_wins += volume * p;
      r.new_pipeline.expected_revenue += volume * p * r.average_deal;
      for (long i = 0, whole = std::lround(volume); i < whole; ++i) candidates.push_back({p, r.average_deal, false});
    }
    // The goal up to the until month, and the revenue won so far since the plan started.
    double goal = 0.0;
    for (size_t c = 0; c < plan->months.size(); ++c) {
      if (plan_first + static_cast<int64_t>(c) <= until_month) goal += plan->revenue[c];
    }
    r.goal = goal;
    const Minutes plan_start = static_cast<Minutes>(FirstDay(MonthIndex(s.start_year, s.start_month)) * kMinutesPerDay);
    for (size_t row = 0; row < t.rows; ++row) {
      if (won_dates[row] != kNoDate && won_dates[row] >= plan_start && won_dates[row] < cutoff) r.won_to_date += amount_of(row);
    }
  }

  // Monte Carlo.
  r.seed = o.scenario ? o.scenario->seed : o.seed;
  r.draws = o.scenario ? o.scenario->draws : o.draws;
  WinDraws d = SimulateWins(std::move(candidates), r.draws, r.seed);
  FillQuantiles(r.open_pipeline, d.open_wins, d.open_revenue);
  FillQuantiles(r.new_pipeline, d.new_wins, d.new_revenue);
  FillQuantiles(r.total, d.total_wins, d.total_revenue);
  r.total.records = r.open_pipeline.records + r.new_pipeline.records;
  r.total.expected_wins = r.open_pipeline.expected_wins + r.new_pipeline.expected_wins;
  r.total.expected_revenue = r.open_pipeline.expected_revenue + r.new_pipeline.expected_revenue;
  if (r.goal) {
    const double need = *r.goal - r.won_to_date;
    const double bar = need - 1e-9 * std::max(1.0, std::fabs(need));
    const auto reached = std::count_if(d.total_revenue.begin(), d.total_revenue.end(), [bar](double v) { return v >= bar; });
    r.p_goal = static_cast<double>(reached) / static_cast<double>(d.total_revenue.size());
  }

  // Close the gap: extra entry-stage leads per remaining month (docs/math.md, "Close the gap").
  if (o.scenario && plan) {
    const Scenario& s = *o.scenario;
    CloseTheGap g;
    const size_t entry = EntryStageIndex(s);
    g.entry_stage = s.stages[entry];
    g.pipeline_stage = s.stages[plan_stage];
    for (size_t k = entry; k < plan_stage && k < s.steps.size(); ++k) {
      g.entry_to_pipeline_rate *= s.steps[k].rate;
      g.lag_days += s.steps[k].lag_months * kDaysPerMonth;
    }
    int helping = 0;
    double chance_sum = 0.0;
    for (int64_t mi = as_of_month_index; mi <= until_month; ++mi) {
      GapMonth m;
      m.month = MonthLabel(mi);
      const double made = mi == as_of_month_index ? static_cast<double>(as_of_day + 1 + LastDay(mi)) / 2.0
                                                  : static_cast<double>(FirstDay(mi) + LastDay(mi)) / 2.0;
      const double left = static_cast<double>(horizon_end) - made - g.lag_days;
      if (entry <= plan_stage && left >= 0.0) m.win_chance = g.entry_to_pipeline_rate * r.curves.WonAt(left);
      m.can_help = m.win_chance > 0.0;
      helping += m.can_help;
      chance_sum += m.win_chance;
      g.months.push_back(m);
    }
    for (const auto& [confidence, percentile] : {std::pair{50, size_t{50}}, std::pair{80, size_t{20}}, std::pair{90, size_t{10}}}) {
      GapLevel level;
      level.confidence = confidence;
      level.shortfall = std::max(0.0, *r.goal - r.won_to_date - Quantile(d.total_revenue, percentile));
      if (level.shortfall > 0.0) {
        const double per_lead = chance_sum * r.average_deal;
        if (per_lead > 0.0 && helping > 0) {
          level.leads_per_month = CeilCount(level.shortfall / per_lead);
          level.total_leads = level.leads_per_month * helping;
        } else {
          level.feasible = false;
        }
      }
      const double rate = EntryToCustomerRate(s);
      if (level.total_leads > 0.0 && !s.channels.empty() && rate > 0.0) {
        // The cheapest mix under the caps of the months that help: PlanChannels on a plan of
        // those months whose goal is the customers the extra leads make at the plan's rates.
        Scenario extra = s;
        extra.horizon_months = helping;
        extra.seasonality.clear();
        extra.revenue_goal = level.total_leads * rate * s.deal_size;
        const ChannelPlan channels = PlanChannels(extra);
        level.mix = channels.cheapest;
        level.cost = channels.cheapest_cost;
        level.feasible = level.feasible && channels.cheapest_feasible;
      }
      g.levels.push_back(level);
    }
    r.close_the_gap = std::move(g);
  }
  return r;
}

Scenario ReviseScenario(const Scenario& s, const CloseTheGap& gap, int confidence) {
  Scenario revised = s;
  for (const GapLevel& level : gap.levels) {
    if (level.confidence != confidence) continue;
    double base = s.planned_leads;
    if (base <= 0.0) {
      const auto funnel = PlanReverseFunnel(s);
      if (funnel) base = funnel->stages[EntryStageIndex(s)].whole;
    }
    revised.planned_leads = base + level.total_leads;
    revised.name = s.name + " (revised)";
  }
  return revised;
}

}  // namespace funnel
