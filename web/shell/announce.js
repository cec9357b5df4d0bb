// For screen readers (the canvas itself is opaque to assistive technology): a polite live region
// that says the plan's headline after each change, and the app's text (what the canvas shows on
// the open tab, funnelplan.screenText()) as a visually hidden region, so results can be read
// without sight. Both are rebuilt only when the plan, the data or the tab changes.
import { el } from './dom.js';
import { count, count2, money, percent } from './format.js';

/** Pure: one sentence for the live region, or '' when the plan has errors. */
export function headline(result) {
  if (!result || !result.ok || !Array.isArray(result.stages) || !result.customers) return '';
  const entry = result.stages.find((s) => s.name === result.entry_stage) || result.stages[0];
  if (!entry) return '';
  return `You need ${count(entry.whole)} at the ${entry.name} stage for ${count(result.customers.whole)} customers ` +
         `(${money(result.revenue_goal, result.currency)} at ${money(result.deal_size, result.currency)} per deal).`;
}

/** Pure: the app's text as lines for the mirror; table rows ("| a | b |") become "a, b". */
export function mirrorLines(text) {
  return String(text || '').split('\n').map((line) => {
    const t = line.trim();
    if (t.startsWith('|')) return t.split('|').map((c) => c.trim()).filter((c) => c).join(', ');
    return t.replace(/^---\s*/, '').replace(/^###\s*(.*?)\s*###$/, '$1');
  }).filter((line) => line.length > 0);
}

/** The plan's stage table as a real <table> (what "What it takes" shows on the Plan tab). */
export function stageTable(result) {
  if (!result || !result.ok || !Array.isArray(result.stages)) return null;
  const th = (text) => el('th', { scope: 'col', text });
  return el('table', {}, [
    el('caption', { text: 'What it takes' }),
    el('thead', {}, el('tr', {}, [th('Stage'), th('Rate to next'), th('Needed (exact)'), th('Target')])),
    el('tbody', {}, result.stages.map((s) => el('tr', {}, [
      el('th', { scope: 'row', text: s.name }),
      el('td', { text: s.rate_to_next === undefined ? '' : percent(s.rate_to_next) }),
      el('td', { text: count2(s.exact) }),
      el('td', { text: count(s.whole) }),
    ]))),
  ]);
}

export function startAnnouncer(fp) {
  const live = el('div', { id: 'fp-announce', class: 'fp-visually-hidden', role: 'status', 'aria-live': 'polite' });
  const mirror = el('section', { id: 'fp-text-mirror', class: 'fp-visually-hidden', 'aria-label': 'Funnel Planner as text' });
  document.body.append(live, mirror);
  let seen = '';
  let said = '';
  let busy = false;
  setInterval(async () => {
    if (busy) return;
    let key;
    try {
      key = [fp.scenarioRevision(), fp.dataRevision(), fp.currentTab(), fp.textScale()].join('/');
    } catch { return; }  // the engine stopped: the banner says so
    if (key === seen) return;
    seen = key;
    busy = true;
    try {
      const result = fp.getResult();
      const line = headline(result);
      if (line && line !== said) { live.textContent = line; said = line; }
      const lines = mirrorLines(await fp.screenText());
      const table = stageTable(result);
      mirror.replaceChildren(...(table ? [table] : []), ...lines.map((t) => el('p', { text: t })));
    } catch { /* as above */ } finally {
      busy = false;
    }
  }, 500);
}
