// Numbers, money, engine errors and file names as the shell's banners, exports and printable
// summary show them. Pure (tests/web/format.test.mjs).

/** Whole currency units, e.g. money(480000, 'USD') → "$480,000"; an unknown code is written before the number. */
export function money(value, currency) {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${currency || ''} ${Math.round(value).toLocaleString('en-US')}`.trim();
  }
}
export const count = (x) => Number(x).toLocaleString('en-US', { maximumFractionDigits: 0 });
export const count2 = (x) => Number(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const percent = (r) => (r * 100).toLocaleString('en-US', { maximumFractionDigits: 2 }) + ' %';

/** The engine's field errors ([{field, message}]) in one line: the first three, then how many more. */
export function describeErrors(errors) {
  const list = (errors || []).slice(0, 3).map((e) => (e.field ? `${e.field}: ` : '') + e.message);
  if ((errors || []).length > 3) list.push(`… and ${errors.length - 3} more`);
  return list.join(' · ');
}

/** A download's file name stem from the plan's name: ASCII words joined by "-", or "funnel-plan". */
export function fileStem(name) {
  const stem = String(name || '').normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 60);
  return stem || 'funnel-plan';
}
