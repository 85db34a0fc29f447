// Fleet charts: total load by area over time, top consumers, silent meters. From the fleet consumption API
// when the server has it; until then from the live meter list (load history since the page opened).
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, firstArray } from '../api.ts';
import { state, update } from '../store.ts';
import { num, t, place } from '../prefs.ts';
import { quantity, rate, relative } from '../format.ts';
import { PALETTE, type ChartSpec } from '../chart.ts';
import { ltr, pick, str, type Load } from './common.ts';

const SILENT_MINUTES = 15;

/** Area load (W) history sampled client-side, one point per fleet update. */
const areaHistory: { t: number; byArea: Map<string, number> }[] = [];
let lastSampled: number | null = null;

export function sampleAreaLoad(): void {
  if (!state.live.lastUpdate || state.live.lastUpdate === lastSampled) return;
  lastSampled = state.live.lastUpdate;
  const byArea = new Map<string, number>();
  for (const m of state.meters.values()) {
    if (m.service !== 'electricity') continue;
    byArea.set(m.area, (byArea.get(m.area) ?? 0) + (m.online ? (m.latestReading?.powerW ?? 0) : 0));
  }
  areaHistory.push({ t: state.live.lastUpdate, byArea });
  if (areaHistory.length > 1200) areaHistory.shift();
}

const fleetApi = new Map<string, Load<unknown>>();
/** Loads a fleet aggregate under a stable key (the URL carries "now", so it cannot be the key); refreshed every 30 s. */
function fleetLoad(key: string, url: () => string): Load<unknown> {
  const cur = fleetApi.get(key);
  if (!cur || (cur.status === 'ok' && Date.now() - cur.at > 30_000)) {
    fleetApi.set(key, cur?.status === 'ok' ? { ...cur, at: Date.now() } : { status: 'loading' });
    api(url()).then(
      (data) => { fleetApi.set(key, { status: 'ok', data, at: Date.now() }); update(); },
      (error) => { fleetApi.set(key, error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }); update(); },
    );
  }
  return fleetApi.get(key)!;
}

function lastDay(): string {
  const now = new Date();
  const from = new Date(now.getTime() - 24 * 3600_000);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(now.toISOString())}`;
}

function loadByAreaChart(): TemplateResult {
  const l = fleetLoad('load-by-area', () => `/api/v1/fleet/load-by-area?${lastDay()}&every=1h`);
  let hourly: TemplateResult | null = null;
  if (l.status === 'ok') {
    // [{area, points:[{ts, value}]}] or [{ts, area, value}]
    // Electricity only: adding litres to watt-hours means nothing.
    const rows = firstArray(l.data, 'areas', 'series', 'points').filter((r) => !pick(r, 'service') || pick(r, 'service') === 'electricity');
    const series = new Map<string, Map<number, number>>();
    for (const r of rows) {
      const area = str(pick(r, 'area', 'name'));
      const pts = pick(r, 'buckets', 'points', 'values');
      const add = (p: unknown) => {
        const tv = pick(p, 'ts', 't', 'time', 'from', 'start');
        const ts = typeof tv === 'number' ? tv : Date.parse(str(tv));
        const v = Number(pick(p, 'used', 'consumption', 'energyWh', 'value', 'wh', 'sum') ?? 0);
        if (!Number.isFinite(ts)) return;
        if (!series.has(area)) series.set(area, new Map());
        series.get(area)!.set(ts, (series.get(area)!.get(ts) ?? 0) + v);
      };
      if (Array.isArray(pts)) pts.forEach(add);
      else add(r);
    }
    const xs = [...new Set([...series.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    const areas = [...series.keys()].sort();
    if (xs.length) {
      const spec: ChartSpec = {
        data: [xs.map((x) => x / 1000), ...areas.map((a) => xs.map((x) => (series.get(a)!.get(x) ?? 0) / 1000))],
        series: areas.map((a, i) => ({ label: place(a), color: PALETTE[i % PALETTE.length]! })),
        yLabel: t('uKWh'),
        xLabel: t('time'),
      summary: t('loadByArea'),
      };
      hourly = html`<p class="chart-title">${t('loadByAreaHourly', { unit: t('uKWh') })}</p>
        <r-chart class="chart" data-kind="area" .chart=${spec}></r-chart>`;
    }
  }
  // Fallback: live power by area since the page opened.
  const areas = [...new Set(areaHistory.flatMap((h) => [...h.byArea.keys()]))].sort();
  const spec: ChartSpec = {
    data: [areaHistory.map((h) => h.t / 1000), ...areas.map((a) => areaHistory.map((h) => (h.byArea.get(a) ?? 0) / 1000))],
    series: areas.map((a, i) => ({ label: place(a), color: PALETTE[i % PALETTE.length]! })),
    yLabel: t('uKW'),
    yDigits: 2,
    xLabel: t('time'),
    summary: t('loadByArea'),
  };
  // The history from the API (hourly energy), and the live load (power) since the page opened.
  return html`<h2>${t('loadByArea')}</h2>
    ${hourly ?? nothing}
    ${l.status === 'missing' || l.status === 'error' ? html`<p class="notice info small">${t('fleetFallback')}</p>` : nothing}
    <p class="chart-title">${t('loadByAreaLive', { unit: t('uKW') })}</p>
    ${areaHistory.length > 1 ? html`<r-chart class="chart" data-kind="area-live" .chart=${spec}></r-chart>` : html`<p class="muted">${t('waitingForReadings')}</p>`}`;
}

function bars(rows: { id: string; label: string; value: number; text: string }[]): TemplateResult {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return html`<ol class="bars">${rows.map((r) => html`<li>
    <a href="/meters/${r.id}">${ltr(r.id, 'mono')}</a> <span class="muted small">${r.label}</span>
    <span class="bar" aria-hidden="true"><span style="inline-size:${Math.max(2, (r.value / max) * 100)}%"></span></span>
    <span class="v">${r.text}</span>
  </li>`)}</ol>`;
}

function topConsumers(): TemplateResult {
  const l = fleetLoad('top-consumers', () => `/api/v1/fleet/top-consumers?${lastDay()}&n=10&service=electricity`);
  if (l.status === 'ok') {
    const rows = firstArray(l.data, 'meters', 'top', 'items').map((r) => {
      const id = str(pick(r, 'meterId', 'id', 'meter'));
      const m = state.meters.get(id);
      const v = Number(pick(r, 'consumption', 'energyWh', 'wh', 'value', 'used') ?? 0);
      const service = (str(pick(r, 'service')) || m?.service || 'electricity') as 'electricity' | 'water';
      return { id, label: `${m?.subscriberName ?? ''} · ${place(str(pick(r, 'area')) || m?.area)}`, value: v, text: quantity(v, service) };
    });
    return html`<h2>${t('topConsumers')}</h2>${bars(rows)}`;
  }
  const rows = [...state.meters.values()]
    .filter((m) => m.service === 'electricity' && m.online && (m.latestReading?.powerW ?? 0) > 0)
    .sort((a, b) => (b.latestReading!.powerW ?? 0) - (a.latestReading!.powerW ?? 0))
    .slice(0, 10)
    .map((m) => ({ id: m.id, label: `${m.subscriberName ?? ''} · ${place(m.area)}`, value: m.latestReading!.powerW ?? 0, text: rate(m.latestReading!.powerW, 'electricity') }));
  return html`<h2>${t('topConsumersNow')}</h2>${rows.length ? bars(rows) : html`<p class="muted">${t('waitingForReadings')}</p>`}`;
}

function silentMeters(): TemplateResult {
  const l = fleetLoad('silent', () => `/api/v1/fleet/silent?minutes=${SILENT_MINUTES}`);
  let rows: { id: string; lastSeen: string | null; area: string }[];
  if (l.status === 'ok') {
    rows = firstArray(l.data, 'meters', 'silent', 'items').map((r) => ({ id: str(pick(r, 'meterId', 'id')), lastSeen: (pick(r, 'lastSeen', 'lastReading', 'ts') as string) ?? null, area: str(pick(r, 'area')) }));
  } else {
    const cutoff = Date.now() - SILENT_MINUTES * 60_000;
    rows = [...state.meters.values()]
      .filter((m) => !m.online || !m.lastSeen || Date.parse(m.lastSeen) < cutoff)
      .map((m) => ({ id: m.id, lastSeen: m.lastSeen, area: m.area }));
  }
  return html`<h2>${t('silentMeters')}</h2>
    <p class="small muted">${t('silentHelp', { m: SILENT_MINUTES })}</p>
    ${rows.length ? html`<ul class="silent">${rows.slice(0, 50).map((r) => html`<li><a href="/meters/${r.id}">${ltr(r.id, 'mono')}</a> · ${place(r.area)} · <span class="muted">${relative(r.lastSeen)}</span></li>`)}</ul>
      ${rows.length > 50 ? html`<p class="small muted">+${num(rows.length - 50)}</p>` : nothing}`
    : html`<p class="notice ok small">${t('noneSilent')}</p>`}`;
}

export function chartsView(): TemplateResult {
  return html`<section aria-labelledby="h-charts">
    <h1 id="h-charts">${t('chartsTitle')}</h1>
    <div class="card">${loadByAreaChart()}</div>
    <div class="two-col">
      <div class="card">${topConsumers()}</div>
      <div class="card">${silentMeters()}</div>
    </div>
  </section>`;
}
