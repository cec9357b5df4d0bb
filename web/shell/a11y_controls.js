// Controls for screen readers: real, labelled DOM controls (text fields, buttons, tabs with
// role=tab) built from the controls the app publishes each frame (funnelplan.accessibleItems()),
// visually hidden; while one has focus, a ring shows where it is on the canvas. A value typed
// into a field is set in the plan on Enter or when the field is left (through the same
// setScenario as every other change, so it is undoable and validated); a tab opens its tab; a
// button is pressed by a click at its place on the canvas, as the mouse would.
import { el } from './dom.js';

/** Pure: reads a number as people type it: "1,000,000", "$25 000", "2.5 %", "2,5" (decimal comma). */
export function parseTyped(text) {
  let t = String(text).trim().replace(/[\s\u00a0$€£%]/g, '');
  if (/^-?\d+,\d{1,2}$/.test(t)) t = t.replace(',', '.');  // "2,5": a decimal comma
  else t = t.replace(/,/g, '');                              // "1,000,000": thousands
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return NaN;
  return Number(t);
}

/** Pure: the scenario with field `name` set from `text`, or {error}. Rates are typed in percent. */
export function applyTyped(scenario, name, text) {
  const v = parseTyped(text);
  if (!Number.isFinite(v)) return { error: `"${text}" is not a number` };
  const s = JSON.parse(JSON.stringify(scenario));
  const step = /^steps\[(\d+)\]\.(rate|lag_months)$/.exec(name);
  if (name === 'revenue_goal' || name === 'deal_size') s[name] = v;
  else if (name === 'horizon_months') s.horizon_months = Math.round(v);
  else if (step && s.steps && s.steps[Number(step[1])]) {
    const st = s.steps[Number(step[1])];
    if (step[2] === 'rate') {
      st.rate = v / 100;
      delete st.k;  // typed now: no longer an observed k of n
      delete st.n;
    } else {
      st.lag_months = v;
    }
  } else {
    return { error: `${name} cannot be set here` };
  }
  return { scenario: s };
}

export function startControls(fp) {
  const canvas = document.getElementById('canvas');
  const box = el('div', { id: 'fp-controls', class: 'fp-ui fp-visually-hidden', role: 'group', 'aria-label': 'Plan controls' });
  const tabs = el('div', { role: 'tablist', 'aria-label': 'Views' });
  const controls = el('div');
  box.append(tabs, controls);
  const ring = el('div', { class: 'fp-focus-ring', 'aria-hidden': 'true' });
  document.body.append(box, ring);
  let items = [];
  let shown = '';

  const rectOf = (name) => items.find((i) => i.name === name);
  function showRing(name) {
    const r = rectOf(name);
    const c = canvas.getBoundingClientRect();
    if (!r) { ring.style.display = 'none'; return; }
    Object.assign(ring.style, { display: 'block', left: `${c.left + r.x - 3}px`, top: `${c.top + r.y - 3}px`,
                                width: `${r.w + 6}px`, height: `${r.h + 6}px` });
  }
  function clickAt(name) {
    const r = rectOf(name);
    if (!r) return;
    const c = canvas.getBoundingClientRect();
    const x = c.left + r.x + r.w / 2, y = c.top + r.y + r.h / 2;
    for (const type of ['mousemove', 'mousedown', 'mouseup']) {
      canvas.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button: 0, buttons: type === 'mousedown' ? 1 : 0, bubbles: true }));
    }
    fp.requestFrames(4);
  }
  function setField(input, name) {
    let reply;
    try {
      const next = applyTyped(fp.getScenario(), name, input.value);
      reply = next.error ? { ok: false, errors: [{ message: next.error }] } : fp.setScenario(next.scenario);
    } catch (err) {
      reply = { ok: false, errors: [{ message: String(err && err.message ? err.message : err) }] };
    }
    if (reply && reply.ok) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-description');
    } else {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-description', ((reply && reply.errors) || []).map((e) => e.message).join(' '));
    }
  }
  function control(item) {
    const name = item.name;
    const focus = { onfocus: () => showRing(name), onblur: () => { ring.style.display = 'none'; } };
    if (item.role === 'tab') {
      return el('button', { type: 'button', role: 'tab', 'aria-selected': String(item.selected), 'data-name': name,
                            text: item.label, onclick: () => fp.selectTab(item.label), ...focus });
    }
    if (item.role === 'textbox') {
      const input = el('input', { type: 'text', inputmode: 'decimal', 'data-name': name, 'aria-label': item.label,
                                  onchange: () => setField(input, name), ...focus });
      input.value = item.value;
      return input;
    }
    return el('button', { type: 'button', 'data-name': name, text: item.label, onclick: () => clickAt(name), ...focus });
  }
  function update() {
    try { items = fp.accessibleItems() || []; } catch { return; }  // the engine stopped
    const signature = JSON.stringify(items.map((i) => [i.name, i.role, i.label, i.value, i.selected]));
    if (signature === shown) return;
    shown = signature;
    const active = document.activeElement && box.contains(document.activeElement) ? document.activeElement.dataset.name : null;
    const editing = active && document.activeElement.tagName === 'INPUT' ? document.activeElement : null;
    tabs.replaceChildren(...items.filter((i) => i.role === 'tab').map(control));
    controls.replaceChildren(...items.filter((i) => i.role !== 'tab').map((i) => (editing && i.name === active ? editing : control(i))));
    if (active && !editing) {
      const again = box.querySelector(`[data-name="${CSS.escape(active)}"]`);
      if (again) again.focus();
    }
  }
  setInterval(update, 250);
  update();
}
