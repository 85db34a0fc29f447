// Reports a department reads every day, each as a chart and a table with CSV (UTF-8 with BOM, so Excel shows
// Arabic) and XLSX exports: the cash-desk day close (GET /api/v1/reconciliation), revenue per day and per area and
// service with VAT and fixed charges split out (GET /api/v1/reports/revenue), top-ups per day, channel and operator
// (from the audit log's topup.create entries), consumption by area and service (GET /api/v1/fleet/load-by-area)
// and meters not reporting (GET /api/v1/fleet/silent). Days are calendar days in the utility's time zone.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, type ApiResponse } from '../api.ts';
import { state, update } from '../store.ts';
import { num, place, prefs, t } from '../prefs.ts';
import { currencyName, dateFormat, localMidnight, money, quantity, relative, zonedParts } from '../format.ts';
import { roleLabel } from '../codes.ts';
import { PALETTE, type ChartSpec } from '../chart.ts';
import { errorBox, ltr, serviceLabel, type Load } from './common.ts';

type Rec = ApiResponse<'/api/v1/reconciliation', 'get'>;
type AuditPage = ApiResponse<'/api/v1/audit', 'get'>;
type AreaLoad = ApiResponse<'/api/v1/fleet/load-by-area', 'get'>;
type Silent = ApiResponse<'/api/v1/fleet/silent', 'get'>;
type Revenue = ApiResponse<'/api/v1/reports/revenue', 'get'>;

const L = {
  ar: {
    title: 'التقارير', from: 'من', to: 'إلى', show: 'عرض', csv: 'تصدير CSV', xlsx: 'تصدير Excel', dayClose: 'إقفال الصندوق اليومي', day: 'اليوم',
    payments: 'المدفوعات', tokens: 'قيمة الرموز', fees: 'الرسوم الثابتة', debt: 'متأخرات مستردة', vat: 'ضريبة القيمة المضافة', count: 'عدد الشحنات',
    balanced: 'متوازن', unbalanced: 'غير متوازن', total: 'المجموع', vends: 'عمليات الشحن', byDay: 'حسب اليوم', byChannel: 'حسب القناة', byOperator: 'حسب الموظف',
    channel: 'القناة', operator: 'الموظف', amount: 'المبلغ', area: 'المنطقة', service: 'الخدمة', meters: 'العدادات', used: 'الاستهلاك',
    consumption: 'الاستهلاك حسب المنطقة والخدمة', silent: 'عدادات لا ترسل قراءات (أكثر من ساعة)', lastSeen: 'آخر اتصال', none: 'لا شيء.', meter: 'العداد',
    truncated: 'أول {n} عملية فقط؛ ضيّق الفترة.',
    revenue: 'الإيرادات', collected: 'المحصَّل', elecSales: 'مبيعات الكهرباء', waterSales: 'مبيعات المياه', refunds: 'المبالغ المستردة', net: 'الصافي',
    pending: 'معلّق', byArea: 'حسب المنطقة والخدمة', revenueNote: 'المبيعات والرسوم الثابتة دون الضريبة. الصافي = المحصَّل − المستردّ = المبيعات + الضريبة + الرسوم + المتأخرات + المعلّق.',
  },
  en: {
    title: 'Reports', from: 'From', to: 'To', show: 'Show', csv: 'Export CSV', xlsx: 'Export Excel', dayClose: 'Cash-desk day close', day: 'Day',
    payments: 'Payments', tokens: 'Tokens', fees: 'Fixed charges', debt: 'Debt recovered', vat: 'VAT', count: 'Top-ups',
    balanced: 'Balanced', unbalanced: 'Not balanced', total: 'Total', vends: 'Top-ups (vends)', byDay: 'Per day', byChannel: 'By channel', byOperator: 'By operator',
    channel: 'Channel', operator: 'Operator', amount: 'Amount', area: 'Area', service: 'Service', meters: 'Meters', used: 'Used',
    consumption: 'Consumption by area and service', silent: 'Meters not reporting (over an hour)', lastSeen: 'Last seen', none: 'None.', meter: 'Meter',
    truncated: 'First {n} top-ups only; narrow the range.',
    revenue: 'Revenue', collected: 'Collected', elecSales: 'Electricity sales', waterSales: 'Water sales', refunds: 'Refunds', net: 'Net',
    pending: 'Pending', byArea: 'By area and service', revenueNote: 'Sales and fixed charges net of VAT. Net = collected − refunds = sales + VAT + fixed charges + debt recovered + pending.',
  },
};
const s = (k: keyof typeof L.en, vars: Record<string, string | number> = {}) =>
  L[prefs.locale][k].replace(/\{(\w+)\}/g, (_, v: string) => (typeof vars[v] === 'number' ? num(vars[v] as number) : String(vars[v] ?? '')));

export const reportsLabel = (): string => s('title');

const ymd = (ms: number) => { const p = zonedParts(ms); return `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`; };
const dayStart = (d: string) => { const [y, m, dd] = d.split('-').map(Number); return localMidnight(Date.UTC(y!, m! - 1, dd!, 12)); };
const dayText = (d: string) => dateFormat({ weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));

const range = { from: ymd(Date.now() - 6 * 86_400_000), to: ymd(Date.now()) };
let rec: Load<Rec> = { status: 'idle' };
let vends: Load<AuditPage['entries']> = { status: 'idle' };
let areas: Load<AreaLoad> = { status: 'idle' };
let silent: Load<Silent> = { status: 'idle' };
let revenue: Load<Revenue> = { status: 'idle' };
const VEND_LIMIT = 10_000;

function get<T>(path: string, set: (l: Load<T>) => void): void {
  set({ status: 'loading' });
  api<T>(path).then(
    (data) => { set({ status: 'ok', data, at: Date.now() }); update(); },
    (error) => { set(error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }); update(); },
  );
}

function load(): void {
  const from = new Date(dayStart(range.from)).toISOString();
  const to = new Date(localMidnight(dayStart(range.to) + 36 * 3_600_000)).toISOString();
  get<Rec>(`/api/v1/reconciliation?from=${range.from}&to=${range.to}`, (l) => { rec = l; });
  get<AuditPage>(`/api/v1/audit?action=topup.create&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=${VEND_LIMIT}`, (l) => { vends = l.status === 'ok' ? { ...l, data: l.data.entries } : l as Load<AuditPage['entries']>; });
  get<AreaLoad>(`/api/v1/fleet/load-by-area?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&every=1d`, (l) => { areas = l; });
  get<Silent>('/api/v1/fleet/silent?minutes=60', (l) => { silent = l; });
  get<Revenue>(`/api/v1/reports/revenue?from=${range.from}&to=${range.to}`, (l) => { revenue = l; });
}

/** Downloads rows as CSV (UTF-8 with BOM; quotes doubled). */
function downloadCsv(name: string, header: string[], rows: (string | number)[][]): void {
  const cell = (v: string | number) => { const x = String(v); return /[",\n\r]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x; };
  const text = '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

/** Columns whose decimal strings (money, totals) become numbers in XLSX; everything else (meter numbers, references) stays text. */
const NUMERIC = new Set(['payments', 'tokens', 'fees', 'debtRecovered', 'vat', 'inFlight', 'refundsOwed', 'amount', 'total',
  'collected', 'electricitySales', 'waterSales', 'fixedCharges', 'pending', 'refunds', 'net']);

/**
 * Downloads rows as an XLSX workbook (exceljs, loaded only when asked: it is a large library). Numbers are
 * numbers with their decimals kept, identifiers stay text, the header is bold and frozen; Arabic pages get a
 * right-to-left sheet. Cells are typed values, never formulas, so a note that starts with "=" stays text.
 */
async function downloadXlsx(name: string, header: string[], rows: (string | number)[][]): Promise<void> {
  const mod = await import('exceljs');
  const Excel = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod;
  const wb = new Excel.Workbook();
  wb.creator = 'Raseed';
  wb.created = new Date();
  const ws = wb.addWorksheet(name.replace(/^raseed-/, '').replace(/\.xlsx$/, '').replace(/[\\/?*[\]:]/g, '-').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1, rightToLeft: prefs.locale === 'ar' }],
  });
  ws.addRow(header).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(r.map((v, i) => (NUMERIC.has(header[i]!) && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
    r.forEach((v, i) => {
      if (NUMERIC.has(header[i]!) && typeof v === 'string') {
        const dp = /\.(\d+)$/.exec(v)?.[1]?.length ?? 0;
        row.getCell(i + 1).numFmt = dp ? `0.${'0'.repeat(dp)}` : '0';
      }
    });
  }
  ws.columns.forEach((c, i) => { c.width = Math.min(40, Math.max(10, header[i]!.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2))); });
  const buf = await wb.xlsx.writeBuffer();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

let xlsxError: unknown = null;

/** The CSV and XLSX exports of one table. */
function csvButton(name: string, header: string[], rows: () => (string | number)[][]): TemplateResult {
  const xlsx = name.replace(/\.csv$/, '.xlsx');
  return html`<button type="button" class="btn small" data-csv=${name} @click=${() => downloadCsv(name, header, rows())}>${s('csv')}</button>
    <button type="button" class="btn small" data-xlsx=${xlsx} @click=${() => { xlsxError = null; downloadXlsx(xlsx, header, rows()).catch((err) => { xlsxError = err; update(); }); }}>${s('xlsx')}</button>`;
}

function dailyChart(kind: string, days: string[], values: number[], label: string, unit: string, digits: number): TemplateResult {
  const spec: ChartSpec = {
    data: [days.map((d) => dayStart(d) / 1000 + 43_200), values],
    intervalS: 86_400,
    series: [{ label, color: PALETTE[0]!, bars: true }],
    yLabel: unit, yDigits: digits, xLabel: s('day'),
    summary: `${label}: ${days.map((d, i) => `${d} ${values[i]}`).join(', ')}`,
    height: 220,
  };
  return html`<r-chart class="chart" data-kind=${kind} .chart=${spec}></r-chart>`;
}

const n = (x: unknown) => Number(x ?? 0);

/** Every calendar day of the chosen range (days without data are charted as zero, not left out). */
function rangeDays(): string[] {
  const days: string[] = [];
  for (let d = dayStart(range.from); d <= dayStart(range.to) && days.length < 400; d = localMidnight(d + 36 * 3_600_000)) days.push(ymd(d));
  return days;
}

function dayCloseCard(): TemplateResult {
  let body: TemplateResult;
  if (rec.status === 'error') body = errorBox(rec.error);
  else if (rec.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else {
    const r = rec.data;
    const cur = r.currency;
    const cols: [keyof typeof L.en, (x: Rec['total']) => string][] = [
      ['payments', (x) => x.payments], ['tokens', (x) => x.tokens], ['fees', (x) => x.fees], ['debt', (x) => x.debtRecovered], ['vat', (x) => x.vat],
    ];
    body = html`<p><span class="badge ${r.balanced ? 'ok' : 'bad'}" data-balanced=${String(r.balanced)}>${r.balanced ? s('balanced') : s('unbalanced')}</span></p>
      ${dailyChart('payments', rangeDays(), rangeDays().map((d) => n(r.byDay.find((x) => x.day === d)?.payments)), s('payments'), currencyName(cur), 3)}
      <div class="table-wrap"><table class="list num-table rec">
        <thead><tr><th scope="col">${s('day')}</th>${cols.map(([k]) => html`<th scope="col" class="num">${s(k)}</th>`)}<th scope="col" class="num">${s('count')}</th><th scope="col">${s('balanced')}</th></tr></thead>
        <tbody>${[...r.byDay, { ...r.total, day: s('total') }].map((d) => html`<tr class=${d === r.byDay[r.byDay.length] ? '' : ''}>
          <th scope="row" data-label=${s('day')}>${/^\d{4}-/.test(d.day) ? dayText(d.day) : d.day}</th>
          ${cols.map(([k, f]) => html`<td data-label=${s(k)} class="num">${money(f(d), cur)}</td>`)}
          <td data-label=${s('count')} class="num">${num(d.topupCount)}</td>
          <td data-label=${s('balanced')}>${d.balanced ? '✓' : html`<span class="badge bad">${s('unbalanced')}</span>`}</td></tr>`)}</tbody>
      </table></div>
      <p>${csvButton(`raseed-day-close-${range.from}-${range.to}.csv`, ['day', 'currency', 'payments', 'tokens', 'fees', 'debtRecovered', 'vat', 'inFlight', 'refundsOwed', 'topupCount', 'balanced'],
        () => r.byDay.map((d) => [d.day, cur, d.payments, d.tokens, d.fees, d.debtRecovered, d.vat, d.inFlight, d.refundsOwed, d.topupCount, String(d.balanced)]))}</p>`;
  }
  return html`<section class="card" aria-labelledby="h-close"><h2 id="h-close">${s('dayClose')}</h2>${body}</section>`;
}

/** Revenue per day and per area and service (GET /api/v1/reports/revenue): chart, two tables, CSV and XLSX of the detail. */
function revenueCard(): TemplateResult {
  let body: TemplateResult;
  if (revenue.status === 'error') body = errorBox(revenue.error);
  else if (revenue.status === 'missing') body = html`<p class="muted">${s('none')}</p>`;
  else if (revenue.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else {
    const r = revenue.data;
    const cur = r.currency;
    type Row = Revenue['total'];
    const cols: [keyof typeof L.en, (x: Row) => string][] = [
      ['collected', (x) => x.collected], ['elecSales', (x) => x.electricitySales], ['waterSales', (x) => x.waterSales], ['vat', (x) => x.vat],
      ['fees', (x) => x.fixedCharges], ['debt', (x) => x.debtRecovered], ['pending', (x) => x.pending], ['refunds', (x) => x.refunds], ['net', (x) => x.net],
    ];
    const days = rangeDays();
    const perDay = new Map(r.byDay.map((x) => [x.day, x]));
    const dayVal = (f: (x: Row) => string) => days.map((d) => { const x = perDay.get(d); return x ? n(f(x)) : 0; });
    const parts: [keyof typeof L.en, (x: Row) => string][] = [['net', (x) => x.net], ['elecSales', (x) => x.electricitySales], ['waterSales', (x) => x.waterSales], ['vat', (x) => x.vat], ['fees', (x) => x.fixedCharges], ['debt', (x) => x.debtRecovered]];
    const spec: ChartSpec = {
      data: [days.map((d) => dayStart(d) / 1000 + 43_200), ...parts.map(([, f]) => dayVal(f))],
      intervalS: 86_400,
      series: parts.map(([k], i) => ({ label: s(k), color: PALETTE[i]!, bars: i === 0 })),
      yLabel: currencyName(cur), yDigits: r.exponent, xLabel: s('day'),
      summary: `${s('revenue')}: ${r.byDay.map((d) => `${d.day} ${s('net')} ${d.net}`).join(', ')}`,
      height: 240,
    };
    const table = (cls: string, head: string, rows: Row[], label: (x: Row) => TemplateResult | string) => html`<div class="table-wrap"><table class="list num-table ${cls}">
      <thead><tr><th scope="col">${head}</th>${cols.map(([k]) => html`<th scope="col" class="num">${s(k)}</th>`)}</tr></thead>
      <tbody>${rows.map((d) => html`<tr data-day=${d.day ?? ''} data-row-balanced=${String(d.balanced)}>
        <th scope="row" data-label=${head}>${label(d)}${d.balanced ? nothing : html` <span class="badge bad">${s('unbalanced')}</span>`}</th>
        ${cols.map(([k, f]) => html`<td data-label=${s(k)} class="num">${money(f(d), cur)}</td>`)}</tr>`)}</tbody>
    </table></div>`;
    const total = { ...r.total, day: null, area: null, service: null };
    body = html`<p><span class="badge ${r.balanced ? 'ok' : 'bad'}" data-revenue-balanced=${String(r.balanced)}>${r.balanced ? s('balanced') : s('unbalanced')}</span>
        <span class="small muted">${s('revenueNote')}</span></p>
      <r-chart class="chart" data-kind="revenue" .chart=${spec}></r-chart>
      <h3>${s('byDay')}</h3>
      ${table('revenue-days', s('day'), [...r.byDay, total], (d) => (d.day ? dayText(d.day) : html`<strong>${s('total')}</strong>`))}
      <h3>${s('byArea')}</h3>
      ${table('revenue-areas', s('area'), [...r.byArea, total], (d) => (d.area ? html`${place(d.area)} · ${serviceLabel(d.service ?? 'electricity')}` : html`<strong>${s('total')}</strong>`))}
      <p>${csvButton(`raseed-revenue-${r.from}-${r.to}.csv`, ['day', 'area', 'service', 'currency', 'collected', 'electricitySales', 'waterSales', 'vat', 'fixedCharges', 'debtRecovered', 'pending', 'refunds', 'net', 'payments', 'balanced'],
        () => r.rows.map((d) => [d.day ?? '', d.area ?? '', d.service ?? '', cur, d.collected, d.electricitySales, d.waterSales, d.vat, d.fixedCharges, d.debtRecovered, d.pending, d.refunds, d.net, d.payments, String(d.balanced)]))}</p>`;
  }
  return html`<section class="card" aria-labelledby="h-revenue" data-report="revenue"><h2 id="h-revenue">${s('revenue')}</h2>${body}</section>`;
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) { const k = key(x); m.set(k, [...(m.get(k) ?? []), x]); }
  return m;
}

function vendsCard(): TemplateResult {
  let body: TemplateResult;
  if (vends.status === 'error') body = errorBox(vends.error);
  else if (vends.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else {
    const es = vends.data;
    const amt = (e: (typeof es)[number]) => Number((e.details as { amount?: string } | null)?.amount ?? 0);
    const cur = String((es[0]?.details as { currency?: string } | null)?.currency ?? state.currency);
    const days = rangeDays();
    const perDay = groupBy(es, (e) => ymd(Date.parse(e.at)));
    const byChannel = [...groupBy(es, (e) => String((e.details as { actorKind?: string } | null)?.actorKind ?? e.actorRole ?? '—')).entries()];
    const byOperator = [...groupBy(es, (e) => e.actor).entries()].sort((a, b) => b[1].length - a[1].length);
    const sum = (xs: typeof es) => xs.reduce((t2, e) => t2 + amt(e), 0).toFixed(3);
    const table = (cls: string, head: string, rows: [string, typeof es][], label: (k: string) => TemplateResult | string) => html`<div class="table-wrap"><table class="list ${cls}">
      <thead><tr><th scope="col">${head}</th><th scope="col" class="num">${s('count')}</th><th scope="col" class="num">${s('amount')}</th></tr></thead>
      <tbody>${rows.map(([k, xs]) => html`<tr><th scope="row" data-label=${head}>${label(k)}</th><td data-label=${s('count')} class="num">${num(xs.length)}</td><td data-label=${s('amount')} class="num">${money(sum(xs), cur)}</td></tr>`)}</tbody></table></div>`;
    body = html`${es.length >= VEND_LIMIT ? html`<p class="notice warn small">${s('truncated', { n: VEND_LIMIT })}</p>` : nothing}
      <h3>${s('byDay')}</h3>
      ${dailyChart('vends', days, days.map((d) => perDay.get(d)?.length ?? 0), s('count'), s('count'), 0)}
      <div class="history">
        <div><h3>${s('byChannel')}</h3>${table('by-channel', s('channel'), byChannel, (k) => roleLabel(k))}</div>
        <div><h3>${s('byOperator')}</h3>${table('by-operator', s('operator'), byOperator, (k) => ltr(k))}</div>
      </div>
      <p>${csvButton(`raseed-topups-${range.from}-${range.to}.csv`, ['at', 'day', 'actor', 'channel', 'meterId', 'reference', 'amount', 'currency', 'outcome'],
        () => es.map((e) => [e.at, ymd(Date.parse(e.at)), e.actor, String((e.details as { actorKind?: string } | null)?.actorKind ?? ''), e.meterId ?? '', e.target ?? '', amt(e).toFixed(3), cur, e.outcome ?? '']))}</p>`;
  }
  return html`<section class="card" aria-labelledby="h-vends"><h2 id="h-vends">${s('vends')}</h2>${body}</section>`;
}

function areasCard(): TemplateResult {
  let body: TemplateResult;
  if (areas.status === 'error') body = errorBox(areas.error);
  else if (areas.status === 'missing') body = html`<p class="muted">${s('none')}</p>`;
  else if (areas.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else {
    const rows = areas.data.areas;
    body = rows.length ? html`<div class="table-wrap"><table class="list areas">
      <thead><tr><th scope="col">${s('area')}</th><th scope="col">${s('service')}</th><th scope="col" class="num">${s('meters')}</th><th scope="col" class="num">${s('used')}</th></tr></thead>
      <tbody>${rows.map((a) => html`<tr><th scope="row" data-label=${s('area')}>${place(a.area)}</th><td data-label=${s('service')}>${serviceLabel(a.service as 'electricity' | 'water')}</td>
        <td data-label=${s('meters')} class="num">${num(a.meters)}</td><td data-label=${s('used')} class="num">${quantity(a.total, a.service as 'electricity' | 'water')}</td></tr>`)}</tbody></table></div>
      <p>${csvButton(`raseed-consumption-by-area-${range.from}-${range.to}.csv`, ['area', 'service', 'meters', 'total', 'unit'], () => rows.map((a) => [a.area, a.service, a.meters, a.total, a.unit]))}</p>`
      : html`<p class="muted">${s('none')}</p>`;
  }
  return html`<section class="card" aria-labelledby="h-areas"><h2 id="h-areas">${s('consumption')}</h2>${body}</section>`;
}

function silentCard(): TemplateResult {
  let body: TemplateResult;
  if (silent.status === 'error') body = errorBox(silent.error);
  else if (silent.status !== 'ok') body = html`<p class="muted">${silent.status === 'missing' ? s('none') : t('loading')}</p>`;
  else {
    const rows = silent.data.meters;
    body = rows.length ? html`<div class="table-wrap"><table class="list silent-meters">
      <thead><tr><th scope="col">${s('meter')}</th><th scope="col">${s('area')}</th><th scope="col">${s('lastSeen')}</th></tr></thead>
      <tbody>${rows.map((m) => html`<tr><th scope="row" data-label=${s('meter')}><a href="/meters/${encodeURIComponent(m.meterId)}">${ltr(m.meterId, 'mono')}</a></th>
        <td data-label=${s('area')}>${place(m.area)} · ${serviceLabel(m.service as 'electricity' | 'water')}</td><td data-label=${s('lastSeen')}>${relative(m.lastSeen)}</td></tr>`)}</tbody></table></div>
      <p>${csvButton('raseed-meters-not-reporting.csv', ['meterId', 'service', 'area', 'lastSeen', 'silentForMinutes'], () => rows.map((m) => [m.meterId, m.service, m.area, m.lastSeen ?? '', m.silentForMinutes ?? '']))}</p>`
      : html`<p class="muted" data-empty>${s('none')}</p>`;
  }
  return html`<section class="card" aria-labelledby="h-silent"><h2 id="h-silent">${s('silent')}</h2>${body}</section>`;
}

export function reportsView(): TemplateResult {
  if (rec.status === 'idle') load();
  return html`<section aria-labelledby="h-reports" class="reports-page">
    <h1 id="h-reports">${s('title')}</h1>
    <form class="filters" @submit=${(e: Event) => { e.preventDefault(); load(); }}>
      <div class="field"><label for="r-from">${s('from')}</label><input id="r-from" type="date" .value=${range.from} @change=${(e: Event) => { range.from = (e.target as HTMLInputElement).value || range.from; }} /></div>
      <div class="field"><label for="r-to">${s('to')}</label><input id="r-to" type="date" .value=${range.to} @change=${(e: Event) => { range.to = (e.target as HTMLInputElement).value || range.to; }} /></div>
      <div class="field"><button type="submit" class="btn primary">${s('show')}</button></div>
    </form>
    ${xlsxError ? errorBox(xlsxError) : nothing}
    ${dayCloseCard()}
    ${revenueCard()}
    ${vendsCard()}
    ${areasCard()}
    ${silentCard()}
  </section>`;
}
