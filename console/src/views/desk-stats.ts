// Desk statistics (GET /api/v1/desk/stats): cases per day (a chart, with the existing <r-chart>), share
// answered within the deadline, satisfaction, breakdowns by category, area and channel, and the causes
// that repeat per area and per meter (the charter asks that repeated causes be analysed to stop them).
import { html, type TemplateResult } from 'lit-html';
import { num } from '../prefs.ts';
import { PALETTE, type ChartSpec } from '../chart.ts';
import { errorBox, ltr } from './common.ts';
import { d, dk, load, type DeskStats } from './desk-common.ts';
import { update } from '../store.ts';

let days = 30;

function pct(x: number | null): string {
  return x === null ? '—' : `${num(x * 100, 1)} %`;
}

function bars(rows: { key: string; label: string; count: number }[]): TemplateResult {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return html`<ol class="bars">${rows.map((r) => html`<li>
    <span>${r.label}</span> <span class="muted small"></span>
    <span class="bar" aria-hidden="true"><span style="inline-size:${Math.max(2, (r.count / max) * 100)}%"></span></span>
    <span class="v">${num(r.count)}</span></li>`)}</ol>`;
}

export function deskStatsView(): TemplateResult {
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  const l = load<DeskStats>(`/api/v1/desk/stats?from=${encodeURIComponent(from.toISOString().slice(0, 16) + ':00Z')}&to=${encodeURIComponent(to.toISOString().slice(0, 16) + ':00Z')}&d=${days}`, 60_000);
  let body: TemplateResult;
  if (l.status === 'error') body = errorBox(l.error);
  else if (l.status !== 'ok') body = html`<p class="muted">${d('loading')}</p>`;
  else {
    const s = l.data;
    const spec: ChartSpec = {
      data: [s.perDay.map((p) => Date.parse(`${p.day}T12:00:00Z`) / 1000), s.perDay.map((p) => p.count)],
      series: [{ label: d('total'), color: PALETTE[0]!, bars: true }],
      yLabel: d('total'), yDigits: 0, summary: `${d('perDay')}: ${s.perDay.map((p) => `${p.day} ${p.count}`).join(', ')}`,
    };
    const repeated = (rows: DeskStats['repeatedByArea'], meters: boolean) => html`<ul>${rows.map((r) => html`<li>${meters ? html`<a href="/meters/${encodeURIComponent(r.key)}">${ltr(r.key, 'mono')}</a>` : r.key} · ${r.category} · ${num(r.count)}</li>`)}</ul>`;
    body = html`
      <div class="card desk-kpis" role="group">
        <p><strong>${d('total')}:</strong> ${num(s.total)} · <strong>${d('open')}:</strong> ${num(s.open)}</p>
        <p><strong>${d('withinDeadline')}:</strong> <span data-kpi="within">${pct(s.withinDeadlineShare)}</span></p>
        <p><strong>${d('satisfaction')}:</strong> <span data-kpi="satisfied">${pct(s.satisfaction.satisfiedShare)}</span> · ${d('average')}: ${s.satisfaction.average === null ? '—' : num(s.satisfaction.average, 2)}</p>
        <p><strong>${d('breaches')}:</strong> ${num(s.breached)}</p>
      </div>
      <h2>${d('perDay')}</h2>
      ${s.perDay.length > 1 ? html`<r-chart class="chart" data-kind="desk-per-day" .chart=${spec}></r-chart>` : html`<p class="muted">${s.perDay.map((p) => `${p.day}: ${p.count}`).join(' · ')}</p>`}
      <h2>${d('byCategory')}</h2>${bars(s.byCategory.map((x) => ({ ...x, label: x.key })))}
      <h2>${d('byArea')}</h2>${bars(s.byArea.map((x) => ({ ...x, label: x.key || '—' })))}
      <h2>${d('byChannel')}</h2>${bars(s.byChannel.map((x) => ({ ...x, label: dk('c_', x.key) })))}
      <h2>${d('repeatedArea')}</h2>${repeated(s.repeatedByArea, false)}
      <h2>${d('repeatedMeter')}</h2>${repeated(s.repeatedByMeter, true)}`;
  }
  return html`<section aria-labelledby="h-desk-stats">
    <h1 id="h-desk-stats">${d('statsTitle')}</h1>
    <p class="row"><a class="btn" href="/desk">${d('queueTitle')}</a>
      ${[7, 30, 90].map((n) => html`<button type="button" class="btn ${days === n ? 'primary' : ''}" aria-pressed=${days === n ? 'true' : 'false'} @click=${() => { days = n; update(); }}>${num(n)}</button>`)}</p>
    ${body}
  </section>`;
}
