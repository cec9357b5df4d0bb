// Downloads: the plan as CSV (the engine's one CSV writer, fp_get_plan_csv), the scenario as
// JSON and the chart as PNG (docs/js-api.md, "Shell actions").
import { el } from './dom.js';
import { showBanner } from './banners.js';
import { money, count, describeErrors, fileStem } from './format.js';

/** Downloads a Blob under `filename`. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: filename, class: 'fp-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const stemOf = (fp) => {
  try { return fileStem(fp.getScenario().name); } catch { return fileStem(''); }  // not loaded
};

/** The plan's result, or null with a banner when the scenario has errors. */
export function currentPlan(fp) {
  const result = fp.getResult();
  if (!result || !result.ok) {
    showBanner('There is no plan to export yet: fix the input the app points to first.',
               { kind: 'error', id: 'export', detail: describeErrors(result && result.errors) });
    return null;
  }
  return result;
}

export function exportPlanCsv(fp) {
  if (!currentPlan(fp)) return;
  // One CSV writer, in the engine (the CLI's "plan --format csv"). The BOM makes Excel read
  // the file as UTF-8 (stage names may not be ASCII).
  download(new Blob(['\ufeff' + fp.getPlanCsv()], { type: 'text/csv;charset=utf-8' }), `${stemOf(fp)}-plan.csv`);
}

export function exportScenarioJson(fp) {
  const text = JSON.stringify(fp.getScenario(), null, 2) + '\n';
  download(new Blob([text], { type: 'application/json' }), `${stemOf(fp)}.scenario.json`);
}

/** afterNextFrame: window.funnelplanShell.afterNextFrame. */
export async function exportChartPng(fp, afterNextFrame) {
  try {
    download(await captureCanvas(fp, afterNextFrame), `${stemOf(fp)}-chart.png`);
  } catch (err) {
    showBanner('The chart could not be saved as an image.', { kind: 'error', id: 'export', detail: String(err.message || err) });
  }
}

// Copies the app's canvas right after its next frame (the WebGL buffer is cleared once shown).
// If the app publishes a "chart" rectangle (uiRect), only that part is kept.
function captureCanvas(fp, afterNextFrame) {
  return new Promise((resolve, reject) => {
    afterNextFrame(() => {
      const src = window.Module.canvas;
      const scale = src.clientWidth ? src.width / src.clientWidth : 1;
      let r = null;
      try { r = fp.uiRect('chart'); } catch { /* older app */ }
      // Only crop to the chart when it is on screen (another tab, or scrolled away: whole view).
      if (r && (r.x < 0 || r.y < 0 || (r.x + r.w) * scale > src.width + 1 || (r.y + r.h) * scale > src.height + 1 || r.w < 8 || r.h < 8)) r = null;
      const sx = r ? Math.max(0, Math.round(r.x * scale)) : 0;
      const sy = r ? Math.max(0, Math.round(r.y * scale)) : 0;
      const sw = r ? Math.min(src.width - sx, Math.round(r.w * scale)) : src.width;
      const sh = r ? Math.min(src.height - sy, Math.round(r.h * scale)) : src.height;
      // A title band (plan name, goal) above the chart and a legend line below it, so the
      // image explains itself when pasted into a deck.
      const head = Math.round(58 * scale), foot = Math.round(26 * scale), pad = Math.round(12 * scale);
      const out = document.createElement('canvas');
      out.width = Math.max(1, sw, Math.round(360 * scale));
      out.height = Math.max(1, sh) + head + foot;
      const g = out.getContext('2d');
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, out.width, out.height);
      g.drawImage(src, sx, sy, sw, sh, 0, head, sw, sh);
      const plan = fp.getResult();
      const sc = fp.getScenario();
      g.fillStyle = '#1c2740';
      g.font = `600 ${Math.round(18 * scale)}px Inter, system-ui, sans-serif`;
      g.fillText(sc.name || 'Funnel plan', pad, Math.round(24 * scale));
      g.font = `${Math.round(13 * scale)}px Inter, system-ui, sans-serif`;
      g.fillStyle = '#5b6478';
      const goal = plan && plan.ok
        ? `Goal ${money(sc.revenue_goal, sc.currency)} at ${money(sc.deal_size, sc.currency)} per deal: ` +
          `${count(plan.customers.whole)} customers from ${count(plan.stages[0].whole)} ${plan.stages[0].name}`
        : `Goal ${money(sc.revenue_goal, sc.currency)}`;
      g.fillText(goal, pad, Math.round(46 * scale));
      g.fillText(r ? 'Bars: the count each stage needs (width on a log scale) · Funnel Planner'
                   : 'Funnel Planner', pad, head + sh + Math.round(18 * scale));
      out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded'))), 'image/png');
    });
  });
}
