// Controls for screen readers and the keyboard: real, labelled DOM controls built from the
// controls the app publishes (funnelplan.accessibleItems(); docs/architecture.md, "Accessible
// controls"), visually hidden, in the app's screen order (so Tab follows what is seen). While one
// has focus, a ring shows where it is on the canvas (with the text being typed) and the app
// scrolls it into view. What is done to a control goes back to the app as a request the control
// takes on its next frame (funnelplan.accessibleAct): the same code path as a click, so it is
// validated, undoable and shown at once.
//
// Roles: button, tab, number and textbox (an <input>), checkbox, combobox (a <select>),
// disclosure (a button with aria-expanded), menu (a button with a role=menu list of its
// menuitems while open; Escape closes it), file (an <input type=file> that imports the file),
// paste (a <textarea> that imports the cells pasted into it).
import { el } from './dom.js';
import { onShellKey } from './banners.js';

/** Pure: reads a number as people type it: "1,000,000", "$25 000", "2.5 %", "2,5" (decimal comma). */
export function parseTyped(text) {
  let t = String(text).trim().replace(/[\s\u00a0$€£%]/g, '');
  if (/^-?\d+,\d{1,2}$/.test(t)) t = t.replace(',', '.');  // "2,5": a decimal comma
  else t = t.replace(/,/g, '');                              // "1,000,000": thousands
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return NaN;
  return Number(t);
}

/** Pure: what a text field sends the app for `text`: {value} (numbers plainly, "1000000"), or {error}. */
export function sentValue(role, text) {
  if (role !== 'number') return { value: String(text) };
  const v = parseTyped(text);
  return Number.isFinite(v) ? { value: String(v) } : { error: `"${text}" is not a number` };
}

/** Pure: the index of the menu item to focus after `key` from `index` of `count` (or -1: leave the menu). */
export function menuMove(key, index, count) {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return (index + 1) % count;
  if (key === 'ArrowUp') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return index;
}

/** Pure: a signature of the items that changes when the DOM controls must change. */
export function signature(items) {
  return JSON.stringify(items.map((i) => [i.name, i.role, i.label, i.value, i.selected, i.disabled, i.options || null]));
}

export function startControls(fp) {
  const canvas = document.getElementById('canvas');
  const box = el('div', { id: 'fp-controls', class: 'fp-ui fp-visually-hidden', role: 'group', 'aria-label': 'Plan controls' });
  // In the app's screen order: the toolbar (with its menu), the tabs, the open tab's controls.
  const toolbar = el('div');
  const tabs = el('div', { role: 'tablist', 'aria-label': 'Views' });
  const controls = el('div');
  box.append(toolbar, tabs, controls);
  const ring = el('div', { class: 'fp-focus-ring', 'aria-hidden': 'true' });
  document.body.append(box, ring);
  let items = [];
  let shown = '';
  let revision = -1;

  const act = (name, action, value = '') => {
    try {
      fp.accessibleAct(name, action, value);
      fp.requestFrames(4);
    } catch { /* the engine stopped: nothing to drive */ }
    setTimeout(update, 60);  // the app has drawn the change by then: mirror it soon
  };
  const itemOf = (name) => items.find((i) => i.name === name);
  function showRing(name) {
    const r = itemOf(name);
    const focused = document.activeElement;
    if (!r || !focused || focused.dataset.name !== name) { ring.style.display = 'none'; return; }
    const c = canvas.getBoundingClientRect();
    Object.assign(ring.style, { display: 'block', left: `${c.left + r.x - 3}px`, top: `${c.top + r.y - 3}px`,
                                width: `${r.w + 6}px`, height: `${r.h + 6}px` });
    // While a field is typed in, the ring shows what is typed (the canvas shows it on Enter).
    const editing = focused.tagName === 'INPUT' && (focused.type === 'text') && focused.value !== r.value;
    ring.classList.toggle('fp-focus-ring--editing', editing);
    ring.textContent = editing ? focused.value : '';
  }
  function setField(input, item) {
    const sent = sentValue(item.role, input.value);
    if (sent.error) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-description', sent.error);
      return;
    }
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-description');
    act(item.name, 'set', sent.value);
  }
  function onMenuKey(e, menuName) {
    const list = [...box.querySelectorAll(`[data-menu="${CSS.escape(menuName)}"]`)];
    const at = list.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      act(menuName, 'set', 'false');
      const button = box.querySelector(`[data-name="${CSS.escape(menuName)}"]`);
      if (button) button.focus();
      return;
    }
    const next = menuMove(e.key, at, list.length);
    if (next !== at && next >= 0) {
      e.preventDefault();
      list[next].focus();
    }
  }
  // Keys reach the shell's controls through onShellKey (the app's key listener runs first
  // otherwise): arrows and Escape in a menu, ArrowDown on a menu's button opens it.
  onShellKey((e) => {
    if (e.type !== 'keydown' || !(e.target instanceof Element) || !box.contains(e.target)) return;
    const menuName = e.target.dataset.menu;
    if (menuName) { onMenuKey(e, menuName); return; }
    const it = itemOf(e.target.dataset.name);
    if (it && it.role === 'menu' && e.key === 'ArrowDown' && !it.selected) {
      e.preventDefault();
      act(it.name, 'set', 'true');
    }
  });
  function control(item, menuName) {
    const name = item.name;
    const common = {
      'data-name': name,
      onfocus: () => { showRing(name); act(name, 'focus'); },
      onblur: () => { ring.style.display = 'none'; },
    };
    if (item.disabled) common['aria-disabled'] = 'true';
    const press = () => { if (!item.disabled) act(name, 'press'); };
    switch (item.role) {
      case 'tab':
        return el('button', { type: 'button', role: 'tab', 'aria-selected': String(item.selected), text: item.label,
                              onclick: press, ...common });
      case 'number':
      case 'textbox': {
        const input = el('input', { type: 'text', 'aria-label': item.label, ...common,
                                    onchange: () => setField(input, item), oninput: () => showRing(name) });
        if (item.role === 'number') input.setAttribute('inputmode', 'decimal');
        input.value = item.value;
        return input;
      }
      case 'checkbox': {
        const input = el('input', { type: 'checkbox', 'aria-label': item.label, ...common,
                                    onchange: () => act(name, 'set', input.checked ? 'true' : 'false') });
        input.checked = item.selected;
        if (item.disabled) input.disabled = true;
        return input;
      }
      case 'combobox': {
        const select = el('select', { 'aria-label': item.label, ...common,
                                      onchange: () => act(name, 'set', String(select.selectedIndex)) });
        for (const option of item.options || []) select.append(el('option', { text: option }));
        select.selectedIndex = Math.max(0, (item.options || []).indexOf(item.value));
        return select;
      }
      case 'disclosure':
        return el('button', { type: 'button', 'aria-expanded': String(item.selected), text: item.label, ...common,
                              onclick: () => act(name, 'set', item.selected ? 'false' : 'true') });
      case 'menu':
        return el('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': String(item.selected),
                              text: item.label, ...common, onclick: () => act(name, 'set', item.selected ? 'false' : 'true') });
      case 'menuitem':
        return el('button', { type: 'button', role: 'menuitem', tabindex: '-1', 'data-menu': menuName, text: item.label,
                              ...common, onclick: press });
      case 'file': {
        const input = el('input', { type: 'file', 'aria-label': item.label, ...common,
                                    accept: document.getElementById('fp-file-picker')?.accept || '.csv,.tsv,.txt,.xlsx',
                                    onchange: () => {
                                      const file = input.files && input.files[0];
                                      const shell = window.funnelplanShell;
                                      if (file && shell && shell.importFile) shell.importFile(file);
                                      input.value = '';
                                    } });
        return input;
      }
      case 'paste': {
        const area = el('textarea', { 'aria-label': item.label, ...common });
        const importText = (text) => {
          if (!text.trim()) return;
          fp.importText(text, 'pasted data').catch((err) => {
            const shell = window.funnelplanShell;
            if (shell && shell.showBanner) shell.showBanner(`The pasted text could not be used: ${err && err.message ? err.message : err}`, { kind: 'error', id: 'paste' });
          });
          area.value = '';
        };
        area.addEventListener('paste', (e) => {
          const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
          if (!text) return;
          e.preventDefault();
          importText(text);
        });
        area.addEventListener('change', () => importText(area.value));  // typed or dictated
        return area;
      }
      default:
        return el('button', { type: 'button', text: item.label, onclick: press, ...common });
    }
  }
  // The non-tab controls in order; a menu's items go in a role=menu list right after its button.
  function build(list) {
    const out = [];
    let menu = null;
    for (const item of list) {
      if (item.role === 'menuitem' && menu) {
        menu.list.append(control(item, menu.name));
        continue;
      }
      const node = control(item);
      out.push(node);
      if (item.role === 'menu' && item.selected) {
        menu = { name: item.name, list: el('div', { role: 'menu', 'aria-label': item.label }) };
        out.push(menu.list);
      } else {
        menu = null;
      }
    }
    return out;
  }
  function update() {
    let now;
    try { now = fp.accessibleRevision(); } catch { return; }  // the engine stopped
    if (now === revision) return;
    revision = now;
    try { items = fp.accessibleItems() || []; } catch { return; }
    const active = document.activeElement && box.contains(document.activeElement) ? document.activeElement.dataset.name : null;
    if (active) showRing(active);  // the control moved (scrolled into view, a wider window)
    const sig = signature(items);
    if (sig === shown) return;
    shown = sig;
    const editing = active && document.activeElement.tagName === 'INPUT' && document.activeElement.type === 'text'
      ? document.activeElement : null;
    const wasMenuButton = active && itemOf(active) && itemOf(active).role === 'menu';
    const inToolbar = (i) => i.name.startsWith('toolbar_') || i.name.startsWith('menu:');
    const rest = build(items.filter((i) => i.role !== 'tab' && !inToolbar(i)));
    if (editing) {  // keep the field being typed in, with its cursor and text
      const i = rest.findIndex((n) => n.dataset && n.dataset.name === active);
      if (i >= 0) rest[i] = editing;
    }
    toolbar.replaceChildren(...build(items.filter(inToolbar)));
    tabs.replaceChildren(...items.filter((i) => i.role === 'tab').map((i) => control(i)));
    controls.replaceChildren(...rest);
    const menuItem = wasMenuButton && box.querySelector(`[data-menu="${CSS.escape(active)}"]`);
    if (menuItem) {
      menuItem.focus();  // a menu just opened from its button: into the menu, as menus do
    } else if (active && !editing) {
      const again = box.querySelector(`[data-name="${CSS.escape(active)}"]`);
      if (again) again.focus({ preventScroll: true });
      else if (itemOf(active) === undefined && active.startsWith('menu:')) {
        const button = box.querySelector('[aria-haspopup="menu"]');  // the item acted and the menu closed
        if (button) button.focus({ preventScroll: true });
      }
    }
  }
  setInterval(update, 250);
  update();
}
