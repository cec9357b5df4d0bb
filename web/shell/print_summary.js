// The printable summary (toolbar "Print summary"): one page over the app with the goal, the
// stage table, monthly targets, money, confidence and warnings; the print stylesheet prints
// only it (docs/js-api.md, "Shell actions").
import { el } from './dom.js';
import { money, count, count2, percent } from './format.js';
import { currentPlan } from './exports.js';

const DASH = '\u2014';  // a metric that cannot be computed (the engine reports null)
const th = (text, cls = '') => el('th', { scope: 'col', class: cls, text });
// Month × stage targets with the Total row (each stage's months add up to its target).
function monthlySection(result) {
  const m = result.monthly;
  if (!m || !m.months || !m.months.length) return [];
  const rows = m.months.map((row) => el('tr', {}, [
    el('th', { scope: 'row', text: row.month + (row.offset < 0 ? ' *' : '') }),
    ...row.whole.map((v) => el('td', { class: 'fp-num', text: v > 0 ? count(v) : '' })),
  ]));
  rows.push(el('tr', { class: 'fp-total' }, [el('th', { scope: 'row', text: 'Total' }),
    ...m.total.map((v) => el('td', { class: 'fp-num fp-strong', text: count(v) }))]));
  const before = m.months.some((row) => row.offset < 0);
  return [
    el('h2', { text: 'Monthly targets' }),
    el('table', { class: 'fp-table fp-compact' }, [
      el('thead', {}, el('tr', {}, [th('Month'), ...m.stages.map((name) => th(name, 'fp-num'))])),
      el('tbody', {}, rows),
    ]),
    ...(before ? [el('p', { class: 'fp-muted fp-small', text: '* before the plan starts: that work must already be under way.' })] : []),
  ];
}
function moneySection(result) {
  const mo = result.money;
  if (!mo) return [];
  const cur = result.currency;
  const cells = [
    ['Acquisition cost', mo.cost > 0 ? money(mo.cost, cur) : DASH],
    ['CAC', mo.cac == null ? DASH : money(mo.cac, cur)],
    ['LTV:CAC', mo.ltv_to_cac == null ? DASH : mo.ltv_to_cac.toLocaleString('en-US', { maximumFractionDigits: 1 })],
    ['Payback', mo.payback_months == null ? DASH : `${mo.payback_months.toLocaleString('en-US', { maximumFractionDigits: 1 })} months`],
    ['ROI', mo.roi == null ? DASH : percent(mo.roi)],
    ['Pipeline coverage', `${mo.pipeline_coverage.toLocaleString('en-US', { maximumFractionDigits: 2 })}×`],
  ];
  const channels = (result.channels && result.channels.mix) || [];
  return [
    el('h2', { text: 'Money' }),
    el('div', { class: 'fp-keys' }, cells.map(([label, value]) => el('div', { class: 'fp-key' }, [
      el('div', { class: 'fp-key-value', text: value }), el('div', { class: 'fp-key-label', text: label })]))),
    ...(channels.length ? [el('table', { class: 'fp-table fp-compact' }, [
      el('thead', {}, el('tr', {}, [th('Channel'), th('Leads', 'fp-num'), th('Customers', 'fp-num'), th('Cost', 'fp-num')])),
      el('tbody', {}, channels.map((c) => el('tr', {}, [el('th', { scope: 'row', text: c.name }),
        el('td', { class: 'fp-num', text: count(c.whole_leads) }), el('td', { class: 'fp-num', text: count2(c.customers) }),
        el('td', { class: 'fp-num', text: money(c.cost, cur) })]))),
    ])] : []),
  ];
}
function confidenceSection(result) {
  const u = result.uncertainty;
  if (!u || !u.uncertain) return [];
  return [
    el('h2', { text: 'Confidence' }),
    el('p', { text: `${u.stage} needed: ${count(u.p50)} for an even chance, ${count(u.p80)} for 80 % and ` +
                    `${count(u.p90)} for 90 % confidence. With ${count(u.planned_leads)} planned, the chance of ` +
                    `reaching the goal is ${percent(u.p_hit)}.` }),
  ];
}
function warningsSection(result) {
  if (!result.warnings || !result.warnings.length) return [];
  return [el('h2', { text: 'Warnings' }), el('ul', {}, result.warnings.map((w) => el('li', { text: w })))];
}

function buildSummary(scenario, result) {
  const old = document.getElementById('fp-print');
  if (old) old.remove();
  const stages = result.stages;
  const top = stages[0];
  const close = () => { view.remove(); document.body.classList.remove('fp-printing'); };
  const key = (label, value) => el('div', { class: 'fp-key' }, [el('div', { class: 'fp-key-value', text: value }),
                                                                el('div', { class: 'fp-key-label', text: label })]);
  const maxLog = Math.log10(Math.max(10, ...stages.map((s) => s.whole || 0)));
  // The step from stage k to k + 1 carries the plan's lag (months from one stage to the next).
  const lag = (k) => {
    const step = (scenario.steps || [])[k];
    return k < stages.length - 1 && step ? `${Number(step.lag_months || 0).toLocaleString('en-US', { maximumFractionDigits: 2 })} mo` : '';
  };
  const rows = stages.map((s, k) => {
    const bar = el('div', { class: 'fp-bar' });
    bar.style.width = `${Math.max(2, (100 * Math.log10(Math.max(1, s.whole))) / maxLog)}%`;
    return el('tr', {}, [
      el('th', { scope: 'row', text: s.name }),
      el('td', { class: 'fp-num', text: s.rate_to_next === undefined ? '' : percent(s.rate_to_next) }),
      el('td', { class: 'fp-num', text: lag(k) }),
      el('td', { class: 'fp-num', text: count2(s.exact) }),
      el('td', { class: 'fp-num fp-strong', text: count(s.whole) }),
      el('td', { class: 'fp-bar-cell' }, bar),
    ]);
  });
  const view = el('section', { id: 'fp-print', class: 'fp-ui', 'aria-label': 'Printable summary' }, [
    el('div', { class: 'fp-print-toolbar' }, [
      el('button', { type: 'button', class: 'fp-button', text: 'Print…', onclick: () => window.print() }),
      el('button', { type: 'button', class: 'fp-button', text: 'Close', onclick: close }),
    ]),
    el('article', { class: 'fp-page' }, [
      el('header', {}, [
        el('h1', { text: scenario.name || 'Funnel plan' }),
        el('p', { class: 'fp-muted', text: `Funnel Planner · ${new Date().toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' })}` }),
      ]),
      el('div', { class: 'fp-keys' }, [
        key('Revenue goal', money(result.revenue_goal, result.currency)),
        key('Average deal size', money(result.deal_size, result.currency)),
        key('Customers needed', count(result.customers.whole)),
        key(`Needed at ${top.name}`, count(top.whole)),
      ]),
      el('p', { text: `To win ${money(result.revenue_goal, result.currency)} at ${money(result.deal_size, result.currency)} per deal, ` +
                      `the funnel needs ${count(result.customers.whole)} customers, which takes ${count(top.whole)} ${top.name} ` +
                      `at the conversion rates below.` }),
      el('table', { class: 'fp-table' }, [
        el('thead', {}, el('tr', {}, [el('th', { scope: 'col', text: 'Stage' }), el('th', { scope: 'col', class: 'fp-num', text: 'Rate to next' }),
                                       el('th', { scope: 'col', class: 'fp-num', text: 'Months to next' }),
                                       el('th', { scope: 'col', class: 'fp-num', text: 'Needed (exact)' }),
                                       el('th', { scope: 'col', class: 'fp-num', text: 'Target' }),
                                       el('th', { scope: 'col', text: '' })])),
        el('tbody', {}, rows),
      ]),
      ...monthlySection(result),
      ...moneySection(result),
      ...confidenceSection(result),
      ...warningsSection(result),
      el('p', { class: 'fp-muted fp-small', text: 'Each stage = the next stage ÷ the rate of its step; targets are rounded up to whole numbers, ' +
                                                 'and each stage\'s months add up to its target. ' +
                                                 'Bars use a logarithmic scale. The plan holds assumptions only, no lead data.' }),
    ]),
  ]);
  document.body.append(view);
  document.body.classList.add('fp-printing');
  return view;
}

/** Shows the summary of the current plan and opens the print dialog. */
export function printSummary(fp) {
  const result = currentPlan(fp);
  if (!result) return;
  buildSummary(fp.getScenario(), result);
  // After layout, and never blocking this frame (the print dialog is modal in some browsers).
  setTimeout(() => window.print(), 50);
}
