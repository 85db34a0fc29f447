// The consumption chart of one meter over a selectable range, from GET /api/v1/meters/:id/consumption.
// Until that endpoint exists the chart shows the live readings received since the page opened.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, firstArray, type Meter } from '../api.ts';
import { state, update, watch } from '../store.ts';
import { num, t } from '../prefs.ts';
import { localMidnight, quantity } from '../format.ts';
import { PALETTE, type ChartSpec } from '../chart.ts';
import { errorBox, pick, type Load } from './common.ts';

export type Range = '1h' | '24h' | '7d' | '30d';
const RANGES: { r: Range; key: 'r1h' | 'r24h' | 'r7d' | 'r30d'; seconds: number; every: string; everyS: number }[] = [
  { r: '1h', key: 'r1h', seconds: 3600, every: '5m', everyS: 300 },
  { r: '24h', key: 'r24h', seconds: 86400, every: '1h', everyS: 3600 },
  { r: '7d', key: 'r7d', seconds: 7 * 86400, every: '6h', everyS: 6 * 3600 },
  { r: '30d', key: 'r30d', seconds: 30 * 86400, every: '1d', everyS: 86400 },
];

export interface Point {
  t: number;
  v: number;
  /** Readings in the interval (null when the server does not say). */
  n: number | null;
}

const cache = new Map<string, Load<Point[]>>();
const chosen = new Map<string, Range>();
/** Once the server said the endpoint is missing, stop asking for a while. */
let missingUntil = 0;

function parsePoints(data: unknown): Point[] {
  const out: Point[] = [];
  for (const p of firstArray(data, 'buckets', 'points', 'intervals', 'consumption', 'series', 'data')) {
    const ts = pick(p, 'ts', 't', 'time', 'from', 'start', 'bucket', 'at');
    const v = pick(p, 'consumption', 'used', 'delta', 'value', 'energyWh', 'wh', 'Wh', 'volumeL', 'litres', 'liters', 'L', 'sum', 'amount');
    const tt = typeof ts === 'number' ? (ts > 1e12 ? ts : ts * 1000) : Date.parse(String(ts));
    const vv = typeof v === 'number' ? v : Number(v);
    const n = pick(p, 'readings', 'count');
    if (Number.isFinite(tt)) out.push({ t: tt, v: Number.isFinite(vv) ? vv : 0, n: typeof n === 'number' ? n : null });
  }
  return out.sort((a, b) => a.t - b.t);
}

/**
 * The range's start on the utility's clock: the server cuts intervals at `from + k·every` without rounding, so `from`
 * is put on a local boundary (a 5-minute mark, the hour, local midnight): "yesterday" is then a calendar day in
 * TIME_ZONE and every bar is one whole interval of the wall clock.
 */
export function alignedFrom(range: Range, now = Date.now()): number {
  const spec = RANGES.find((x) => x.r === range)!;
  const midnight = localMidnight(now);
  const step = spec.everyS * 1000;
  if (spec.everyS >= 6 * 3600) {
    // 7 days of 6-hour blocks or 30 days: whole local days ending with today.
    const days = Math.round(spec.seconds / 86400);
    return localMidnight(midnight - (days - 1) * 86_400_000 + 12 * 3_600_000);
  }
  // Sub-day intervals: count whole intervals back from the last local boundary before now.
  const sinceMidnight = now - midnight;
  const lastBoundary = midnight + Math.floor(sinceMidnight / step) * step;
  return lastBoundary - spec.seconds * 1000 + step;
}

export async function fetchConsumption(meterId: string, range: Range): Promise<Point[]> {
  const spec = RANGES.find((x) => x.r === range)!;
  const to = new Date();
  const from = new Date(alignedFrom(range, to.getTime()));
  const base = `/api/v1/meters/${encodeURIComponent(meterId)}/consumption?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  // The interval as a duration ("5m"), else in seconds, else in milliseconds: whichever the server takes.
  let last: unknown;
  for (const every of [spec.every, String(spec.everyS), String(spec.everyS * 1000)]) {
    try {
      return parsePoints(await api(`${base}&every=${every}`));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 400)) throw err;
      last = err;
    }
  }
  throw last;
}

function load(meterId: string, range: Range, force = false): Load<Point[]> {
  const key = `${meterId}|${range}`;
  const cur = cache.get(key);
  if (Date.now() < missingUntil) return { status: 'missing' };
  if (cur && !force && (cur.status === 'loading' || (cur.status === 'ok' && Date.now() - cur.at < 30_000) || cur.status === 'missing')) return cur;
  if (!cur || cur.status !== 'loading') {
    cache.set(key, cur?.status === 'ok' ? cur : { status: 'loading' });
    fetchConsumption(meterId, range).then(
      (data) => { cache.set(key, { status: 'ok', data, at: Date.now() }); update(); },
      (error) => {
        if (error instanceof ApiError && error.missingEndpoint) {
          missingUntil = Date.now() + 60_000;
          cache.set(key, { status: 'missing' });
        } else cache.set(key, { status: 'error', error });
        update();
      },
    );
  }
  return cache.get(key)!;
}

function rangePicker(meterId: string, current: Range): TemplateResult {
  return html`<div class="segmented" role="group" aria-label=${t('range')}>
    ${RANGES.map((r) => html`<button type="button" class="seg" aria-pressed=${r.r === current ? 'true' : 'false'} data-range=${r.r}
      @click=${() => { chosen.set(meterId, r.r); update(); }}>${t(r.key)}</button>`)}
  </div>`;
}

/** Chart of consumption per interval, or of live power/flow as a fallback. `compact` for the portal on a phone. */
export function consumptionChart(m: Meter, o: { compact?: boolean } = {}): TemplateResult {
  watch(m.id);
  const range = chosen.get(m.id) ?? '24h';
  const l = load(m.id, range);
  const height = o.compact ? 200 : 260;
  const color = m.service === 'electricity' ? PALETTE[0]! : PALETTE[5]!;
  let body: TemplateResult;
  if (l.status === 'ok') {
    const pts = l.data;
    // Electricity: Wh → kWh; water: L → m³ would hide small draws, so litres are charted as they are.
    // Small draws read better in Wh than as 0.0005 kWh.
    const inKwh = m.service === 'electricity' && Math.max(0, ...pts.map((p) => p.v)) >= 1000;
    const scale = inKwh ? 1 / 1000 : 1;
    const unit = m.service === 'electricity' ? (inKwh ? t('uKWh') : t('uWh')) : t('uL');
    const totalRaw = pts.reduce((s, p) => s + p.v, 0);
    const everyS = RANGES.find((x) => x.r === range)!.everyS;
    const spec: ChartSpec = {
      // Each bar at the middle of its interval, so it covers [start, end) on the time axis (not one interval early).
      data: [pts.map((p) => p.t / 1000 + everyS / 2), pts.map((p) => p.v * scale)],
      intervalS: everyS,
      series: [{ label: m.service === 'electricity' ? t('consumption') : t('water'), color, bars: true }],
      yLabel: unit,
      yDigits: inKwh ? 2 : 0,
      xLabel: t('time'),
      summary: `${t('consumption')}: ${t('total')} ${quantity(totalRaw, m.service)}`,
      height,
    };
    body = pts.length
      ? html`<p class="chart-title">${m.service === 'electricity' ? t('chartEnergy', { unit }) : t('chartWater', { unit })} · ${t('total')}: <strong>${quantity(totalRaw, m.service)}</strong></p>
        <r-chart class="chart" data-kind="consumption" .chart=${spec}></r-chart>`
      : html`<p class="muted">${t('noData')}</p>`;
  } else if (l.status === 'missing') {
    const samples = state.samples.get(m.id) ?? [];
    const unit = m.service === 'electricity' ? t('uW') : t('uLph');
    const spec: ChartSpec = {
      data: [samples.map((s) => s.t / 1000), samples.map((s) => s.v)],
      series: [{ label: m.service === 'electricity' ? t('power') : t('flow'), color }],
      yLabel: unit,
      yDigits: 0,
      xLabel: t('time'),
      summary: `${m.service === 'electricity' ? t('power') : t('flow')}: ${samples.length ? num(samples[samples.length - 1]!.v) : '—'} ${unit}`,
      height,
    };
    body = html`<p class="notice info small">${t('consumptionFallback')}</p>
      ${samples.length > 1 ? html`<p class="chart-title">${m.service === 'electricity' ? t('chartLivePower', { unit }) : t('chartLiveFlow', { unit })}</p>
        <r-chart class="chart" data-kind="live" .chart=${spec}></r-chart>` : html`<p class="muted">${t('waitingForReadings')}</p>`}`;
  } else if (l.status === 'error') {
    body = errorBox(l.error);
  } else {
    body = html`<p class="muted">${t('loading')}</p>`;
  }
  return html`<div class="chart-block">
    ${l.status === 'missing' ? nothing : rangePicker(m.id, range)}
    ${body}
  </div>`;
}

/** Average daily use (register units) over the last week, for "days left"; null when unknown. */
const dailyCache = new Map<string, { at: number; perDay: number | null; spanDays?: number; answered?: boolean }>();
export function dailyUse(m: Meter): number | null {
  const c = dailyCache.get(m.id);
  if (!c || Date.now() - c.at > 5 * 60_000) {
    dailyCache.set(m.id, { at: Date.now(), perDay: c?.perDay ?? null, spanDays: c?.spanDays, answered: c?.answered });
    if (Date.now() >= missingUntil) {
      fetchConsumption(m.id, '7d').then((all) => {
        // Average over the time the meter has been reporting (a new meter's empty week would understate it).
        const first = all.findIndex((p) => (p.n ?? 0) > 0 || p.v > 0);
        const pts = first < 0 ? [] : all.slice(first);
        if (pts.length) {
          const spanDays = Math.max(1 / 24, (Date.now() - pts[0]!.t) / 86_400_000);
          const total = pts.reduce((s, p) => s + p.v, 0);
          dailyCache.set(m.id, { at: Date.now(), perDay: total / spanDays, spanDays, answered: true });
        } else dailyCache.set(m.id, { ...dailyCache.get(m.id)!, answered: true });
        update();
      }, (err) => {
        if (err instanceof ApiError && err.missingEndpoint) missingUntil = Date.now() + 60_000;
        dailyCache.set(m.id, { ...dailyCache.get(m.id)!, answered: true });
        update();
      });
    }
  }
  // Less than a day of history: bucket edges distort the average; the live readings say more.
  const cached = dailyCache.get(m.id);
  const fromApi = cached?.perDay;
  if (fromApi && fromApi > 0 && (cached?.spanDays ?? 0) >= 1) return fromApi;
  // Until the week's history has answered, say nothing rather than a live-usage guess that then jumps (67 → 87 days).
  if (!cached?.answered && Date.now() >= missingUntil) return null;
  // "At current usage": the average of the live power (W → Wh/day) or flow (L/h → L/day) seen so far.
  const samples = state.samples.get(m.id);
  if (!samples?.length) return fromApi && fromApi > 0 ? fromApi : null;
  const recent = samples.slice(-60);
  const avg = recent.reduce((s, x) => s + x.v, 0) / recent.length;
  return avg > 0 ? avg * 24 : null;
}
