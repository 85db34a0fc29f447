// Top-up (vending): amount → tariff breakdown before paying → receipt with reference, 20-digit token in groups
// of four (copyable) and the delivery state until the meter accepts it. Used by the portal and by operators
// ("Vend a token"). Also the top-up history of a meter.
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { ApiError, api, firstArray, idempotencyKey, type Meter } from '../api.ts';
import { announce, refreshMeters, state, update } from '../store.ts';
import { num, numberFormat, prefs, t } from '../prefs.ts';
import { currencyDigits, currencyName, dateTime, money, normaliseAmount, quantity, tokenGroups } from '../format.ts';
import { errorBox, ltr, pick, str, tk, type Load } from './common.ts';

type Step = 'amount' | 'review' | 'paying' | 'receipt';

interface Flow {
  step: Step;
  input: string;
  amount: string | null;
  invalid: boolean;
  quote: Load<unknown>;
  key: string;
  result: Record<string, unknown> | null;
  error: unknown;
  copied: 'no' | 'yes' | 'failed';
  polling: boolean;
}

const flows = new Map<string, Flow>();
let topupsMissing = false;

function flowFor(meterId: string): Flow {
  let f = flows.get(meterId);
  if (!f) {
    f = { step: 'amount', input: '', amount: null, invalid: false, quote: { status: 'idle' }, key: idempotencyKey(), result: null, error: null, copied: 'no', polling: false };
    flows.set(meterId, f);
  }
  return f;
}

export function resetTopup(meterId: string): void {
  flows.delete(meterId);
  update();
}

function currency(): string {
  return state.currency;
}

function example(): string {
  const d = currencyDigits(currency());
  return d ? `5.${'0'.repeat(d)}` : '5';
}

const BREAKDOWN_LABELS: Record<string, [string, string]> = {
  amount: ['Amount paid', 'المبلغ المدفوع'],
  gross: ['Amount paid', 'المبلغ المدفوع'],
  paid: ['Amount paid', 'المبلغ المدفوع'],
  vat: ['VAT', 'ضريبة القيمة المضافة'],
  tax: ['VAT', 'ضريبة القيمة المضافة'],
  fixed: ['Fixed monthly charge', 'الرسم الشهري الثابت'],
  fixedcharge: ['Fixed monthly charge', 'الرسم الشهري الثابت'],
  fixedfee: ['Fixed monthly charge', 'الرسم الشهري الثابت'],
  fee: ['Fees', 'الرسوم'],
  fees: ['Fees', 'الرسوم'],
  debt: ['Debt recovery', 'سداد المتأخرات'],
  debtrecovery: ['Debt recovery', 'سداد المتأخرات'],
  energy: ['Energy', 'الطاقة'],
  water: ['Water', 'المياه'],
  net: ['For units', 'قيمة الوحدات'],
  netamount: ['For units', 'قيمة الوحدات'],
  units: ['Units', 'الوحدات'],
  total: ['Total', 'المجموع'],
};

function label(key: string): string {
  // "vatMinor", "fixed_charge", "DebtRecovery" → vat, fixedcharge, debtrecovery
  const hit = BREAKDOWN_LABELS[key.replace(/Minor$/, '').toLowerCase().replace(/[^a-z]/g, '')];
  if (hit) return prefs.locale === 'ar' ? hit[1] : hit[0];
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function valueText(key: string, v: unknown, cur: string, m: Meter): string {
  if (v && typeof v === 'object') {
    const amount = pick(v, 'amount', 'value');
    const c = str(pick(v, 'currency')) || cur;
    if (typeof amount === 'string') return money(amount, c);
    const minor = pick(v, 'minor', 'amountMinor');
    if (typeof minor === 'number') return money(minor, c, { minor: true });
    return str(v);
  }
  if (typeof v === 'string' && /^-?\d+\.\d+$/.test(v)) return money(v, cur);
  if (typeof v === 'number') {
    if (/minor/i.test(key)) return money(v, cur, { minor: true });
    if (/wh$/i.test(key)) return quantity(v, 'electricity');
    if (/(litres|liters|^l$)/i.test(key)) return quantity(v, 'water');
    if (/units|kwh/i.test(key) && m.service === 'electricity') return `${num(v, 3)} ${t('uKWh')}`;
    return num(v, 3);
  }
  return str(v);
}

function unitName(unit: string): string {
  return unit === 'kWh' ? t('uKWh') : unit === 'm3' || unit === 'm³' ? t('uM3') : unit;
}

/** A decimal string with its own number of decimals (rates may have more than the currency). */
function decimal(s: string): string {
  const frac = (s.split('.')[1] ?? '').length;
  return numberFormat({ minimumFractionDigits: frac, maximumFractionDigits: frac }).format(s as unknown as number);
}

export function unitsText(units: unknown, unit: unknown): string {
  if (units == null || units === '') return '—';
  return `${decimal(String(units))} ${unitName(str(unit))}`;
}

const neg = (v: unknown) => (str(v).startsWith('-') ? str(v).slice(1) : `-${str(v)}`);
const isZero = (v: unknown) => typeof v !== 'string' || /^-?0*(\.0*)?$/.test(v);

/** The prepaid service's breakdown (dashboard-api/routes/topups.ts BreakdownSchema), line by line. */
function knownBreakdown(b: Record<string, unknown>, m: Meter): TemplateResult {
  const cur = str(b.currency) || state.currency;
  const u = unitName(str(b.unit));
  const rows: TemplateResult[] = [];
  const row = (k: string, v: string, cls = '') => rows.push(html`<div class=${cls}><dt>${k}</dt><dd>${v}</dd></div>`);
  row(t('bdAmount'), money(str(b.amount), cur), 'strong');
  if (!isZero(b.debtRecovered)) row(t('bdDebt'), money(neg(b.debtRecovered), cur));
  if (!isZero(b.fixedCharge)) row(t('bdFixed'), money(neg(b.fixedCharge), cur));
  if (!isZero(b.fixedChargeVat)) row(t('bdFixedVat'), money(neg(b.fixedChargeVat), cur));
  if (!isZero(b.energyVat)) row(t('bdEnergyVat'), money(neg(b.energyVat), cur));
  row(m.service === 'water' ? t('bdWater') : t('bdEnergy'), money(str(b.energy), cur));
  const blocks = Array.isArray(b.blocks) ? b.blocks as Record<string, unknown>[] : [];
  const blockRows = blocks.map((bl) => {
    const open = bl.to == null || bl.to === '';
    // The rate with its currency ("0.014 OMR per kWh"), never a bare number.
    const rateText = (v: unknown) => `${decimal(str(v))} ${prefs.locale === 'ar' ? currencyName(cur) : cur}`;
    const text = open && isZero(bl.from) ? t('bdFlat', { unit: u, rate: rateText(bl.rate) })
      : open ? t('bdBlockOpen', { from: decimal(str(bl.from)), unit: u, rate: rateText(bl.rate) })
      : t('bdBlock', { from: decimal(str(bl.from)), to: decimal(str(bl.to)), unit: u, rate: rateText(bl.rate) });
    return html`<li><span>${text}</span> <span class="v">${unitsText(bl.units, b.unit)} · ${money(str(bl.amount), cur)}</span></li>`;
  });
  return html`<dl class="breakdown">${rows}
      ${blockRows.length ? html`<div class="blocks"><dt class="sr-only">${t('breakdown')}</dt><dd><ul>${blockRows}</ul></dd></div>` : nothing}
      <div class="total"><dt>${t('youGet')}</dt><dd class="units" data-units=${str(b.units)}>${unitsText(b.units, b.unit)}</dd></div>
    </dl>
    <p class="small muted">${b.tariff ? t('bdTariff', { name: str(b.tariff) }) : ''}${!isZero(b.monthToDateBefore) ? html` · ${t('bdMonthBefore', { units: unitsText(b.monthToDateBefore, b.unit) })}` : nothing}
      ${!isZero(b.vat) ? html` · ${t('bdVat')}: ${money(str(b.vat), cur)}` : nothing}</p>`;
}

/** Renders a breakdown of another shape (a server other than Raseed's own prepaid module): [{label|kind, amount}] or {vat: "0.238", ...}. */
export function breakdownList(b: unknown, cur: string, m: Meter): TemplateResult {
  if (b && typeof b === 'object' && !Array.isArray(b) && 'energy' in b && 'units' in b) return knownBreakdown(b as Record<string, unknown>, m);
  const rows: [string, string][] = [];
  if (Array.isArray(b)) {
    for (const line of b) {
      const name = str(pick(line, prefs.locale === 'ar' ? 'labelAr' : 'label', 'label', 'name', 'kind', 'type', 'description'));
      const v = pick(line, 'amount', 'value', 'amountMinor', 'minor');
      const vk = pick(line, 'amount', 'value') !== undefined ? 'amount' : 'amountMinor';
      const lineCur = str(pick(line, 'currency')) || cur;
      const units = pick(line, 'units', 'quantity');
      rows.push([label(name), `${valueText(vk, v, lineCur, m)}${units != null ? ` · ${str(units)}` : ''}`]);
    }
  } else if (b && typeof b === 'object') {
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
      if (k === 'currency' || v == null) continue;
      if (Array.isArray(v)) {
        rows.push([label(k), v.map((x) => str(pick(x, 'label', 'name', 'block')) + ' ' + valueText('amount', pick(x, 'amount', 'amountMinor'), cur, m)).join(' · ')]);
        continue;
      }
      rows.push([label(k), valueText(k, v, cur, m)]);
    }
  }
  if (!rows.length) return html`<p class="muted">—</p>`;
  return html`<dl class="breakdown">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

async function quote(m: Meter, amount: string): Promise<unknown> {
  const base = `/api/v1/meters/${encodeURIComponent(m.id)}`;
  try {
    return await api(`${base}/topups/quote`, { method: 'POST', body: { amount } });
  } catch (err) {
    if (!(err instanceof ApiError && err.missingEndpoint)) throw err;
  }
  return api(`${base}/topups/preview?amount=${encodeURIComponent(amount)}`);
}

function deliveryState(r: Record<string, unknown> | null): string {
  if (!r) return 'pending';
  const d = pick(r, 'delivery', 'deliveryState', 'state', 'status');
  const s = typeof d === 'object' ? str(pick(d, 'state', 'status')) : str(d);
  return s || 'pending';
}

function isFinal(s: string): boolean {
  return ['accepted', 'rejected', 'failed', 'expired', 'refunded', 'reversed'].includes(s);
}

async function pollDelivery(meterId: string, f: Flow): Promise<void> {
  if (f.polling) return;
  f.polling = true;
  const ref = str(pick(f.result, 'reference'));
  const started = Date.now();
  while (flows.get(meterId) === f && ref && !isFinal(deliveryState(f.result)) && Date.now() - started < 180_000) {
    await new Promise((r) => setTimeout(r, 1500));
    try {
      const r = await api<Record<string, unknown>>(`/api/v1/topups/${encodeURIComponent(ref)}`);
      const before = deliveryState(f.result);
      f.result = { ...f.result, ...r };
      const after = deliveryState(f.result);
      if (after !== before) announce(`${t('delivery')}: ${tk('d_', after)}`);
      update();
    } catch {
      // keep the last known state; try again
    }
  }
  f.polling = false;
  if (deliveryState(f.result) === 'accepted') void refreshMeters();
  histories.delete(meterId);
  update();
}

async function pay(m: Meter, f: Flow): Promise<void> {
  f.step = 'paying';
  f.error = null;
  update();
  try {
    const r = await api<Record<string, unknown>>(`/api/v1/meters/${encodeURIComponent(m.id)}/topups`, {
      method: 'POST', body: { amount: f.amount }, headers: { 'idempotency-key': f.key },
    });
    f.result = r;
    const c = str(pick(r, 'currency'));
    if (c) state.currency = c;
    f.step = 'receipt';
    f.copied = 'no';
    announce(`${t('receipt')}: ${t('reference')} ${str(pick(r, 'reference'))}`);
    histories.delete(m.id);
    void pollDelivery(m.id, f);
  } catch (err) {
    if (err instanceof ApiError && err.missingEndpoint) topupsMissing = true;
    f.error = err;
    f.step = 'review';
  }
  update();
}

async function copyToken(f: Flow, digits: string): Promise<void> {
  let ok = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(digits);
      ok = true;
    }
  } catch {}
  if (!ok) {
    // Plain-HTTP utility networks are not a secure context: fall back to a hidden textarea.
    const ta = document.createElement('textarea');
    ta.value = digits;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    try {
      ok = document.execCommand('copy');
    } catch {}
    ta.remove();
  }
  f.copied = ok ? 'yes' : 'failed';
  announce(ok ? t('copied') : t('copyFailed'));
  update();
}

export function tokenBox(token: string, f?: Flow): TemplateResult {
  const groups = tokenGroups(token);
  const digits = groups.join('');
  return html`<div class="token-box">
    <p class="label" id="token-label">${t('token')}</p>
    <p class="token" dir="ltr" aria-labelledby="token-label" data-token=${digits}>${groups.map((g) => html`<span class="grp">${g}</span>`)}</p>
    ${f ? html`<button type="button" class="btn primary copy" @click=${() => copyToken(f, digits)}>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M8 8h11v13H8zM5 3h11v3H7v11H5z" fill="currentColor"/></svg>${t('copyToken')}</button>
      ${f.copied === 'yes' ? html`<span class="badge ok" role="status">${t('copied')}</span>` : f.copied === 'failed' ? html`<span class="badge warn" role="status">${t('copyFailed')}</span>` : nothing}` : nothing}
    <p class="small muted">${t('tokenHelp')}</p>
  </div>`;
}

function deliverySteps(s: string): TemplateResult {
  const order = ['pending', 'delivered', 'accepted'];
  const bad = s === 'rejected' || s === 'failed' || s === 'expired';
  const idx = bad ? 1 : Math.max(0, order.indexOf(s));
  return html`<ol class="steps" aria-label=${t('delivery')}>
    ${order.map((o, i) => html`<li class=${i < idx || (i === idx && s === 'accepted') ? 'done' : i === idx ? (bad ? 'bad' : 'now') : ''} aria-current=${i === idx ? 'step' : 'false'}>
      ${i === idx && bad ? tk('d_', s) : o === 'pending' ? t('stepIssued') : tk('d_', o)}</li>`)}
  </ol>`;
}

export function topupPanel(m: Meter, o: { headingLevel?: 2 | 3 } = {}): TemplateResult {
  if (topupsMissing) return html`<p class="notice info">${t('topupsUnavailable')}</p>`;
  const f = flowFor(m.id);
  const cur = currency();
  const d = currencyDigits(cur);
  // In the vend dialog the dialog's own title says it.
  const heading = o.headingLevel === 3 ? nothing : html`<h2>${t('topUp')}</h2>`;
  if (f.step === 'receipt' && f.result) {
    const r = f.result;
    const token = str(pick(r, 'token', 'tokenFormatted', 'stsToken'));
    const ds = deliveryState(r);
    const amount = pick(r, 'amount');
    const rc = str(pick(r, 'currency')) || cur;
    const units = pick(r, 'units');
    return html`<div class="topup receipt" data-state=${ds}>
      ${heading}
      <h3 class="sub">${t('receipt')}</h3>
      <dl class="facts">
        <div><dt>${t('reference')}</dt><dd class="ref" data-reference=${str(pick(r, 'reference'))}>${ltr(str(pick(r, 'reference')), 'mono big')}</dd></div>
        <div><dt>${t('amount', { currency: currencyName(rc) })}</dt><dd>${typeof amount === 'object' ? valueText('amount', amount, rc, m) : money(str(amount), rc)}</dd></div>
        ${units != null ? html`<div><dt>${t('units')}</dt><dd>${unitsText(units, pick(r, 'unit') ?? (m.service === 'water' ? 'm3' : 'kWh'))}</dd></div>` : nothing}
      </dl>
      <p class="small muted">${t('quoteReference')}</p>
      ${pick(r, 'breakdown') ? html`<details><summary>${t('breakdown')}</summary>${breakdownList(pick(r, 'breakdown'), rc, m)}</details>` : nothing}
      ${token ? tokenBox(token, f) : nothing}
      <p class="label">${t('delivery')}</p>
      ${deliverySteps(ds)}
      <button type="button" class="btn" @click=${() => resetTopup(m.id)}>${t('newTopUp')}</button>
    </div>`;
  }
  const setInput = (e: Event) => {
    f.input = (e.target as HTMLInputElement).value;
    f.invalid = false;
    if (f.step === 'review') f.step = 'amount';
    update();
  };
  const review = (e: Event) => {
    e.preventDefault();
    const a = normaliseAmount(f.input, d);
    if (!a) {
      f.invalid = true;
      update();
      (document.getElementById(`amount-${m.id}`) as HTMLInputElement | null)?.focus();
      return;
    }
    if (a !== f.amount) f.key = idempotencyKey();
    f.amount = a;
    f.step = 'review';
    f.error = null;
    f.quote = { status: 'loading' };
    update();
    quote(m, a).then(
      (data) => {
        const c = str(pick(pick(data, 'breakdown'), 'currency'));
        if (c) state.currency = c;
        f.quote = { status: 'ok', data, at: Date.now() };
        update();
      },
      (error) => { f.quote = error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }; update(); },
    );
  };
  const quick = d ? [2, 5, 10, 20].map((n) => `${n}.${'0'.repeat(d)}`) : ['20', '50', '100', '200'];
  return html`<form class="topup" @submit=${review} novalidate>
    ${heading}
    <div class="field">
      <label for="amount-${m.id}">${t('amount', { currency: currencyName(cur) })}</label>
      <input id="amount-${m.id}" name="amount" inputmode="decimal" autocomplete="off" dir="ltr" class="amount-input"
        aria-describedby="amount-help-${m.id}" aria-invalid=${f.invalid ? 'true' : 'false'} .value=${live(f.input)} @input=${setInput} />
      <p id="amount-help-${m.id}" class=${f.invalid ? 'field-error' : 'small muted'}>${f.invalid ? t('amountInvalid', { example: example() }) : t('amountHelp', { d, example: example() })}</p>
    </div>
    <div class="chips" role="group" aria-label=${t('quickAmounts')}>
      ${quick.map((q) => html`<button type="button" class="chip" aria-pressed=${f.input === q ? 'true' : 'false'} @click=${() => { f.input = q; f.invalid = false; f.step = 'amount'; update(); }}>${money(q, cur)}</button>`)}
    </div>
    ${f.step === 'amount' ? html`<button type="submit" class="btn primary">${t('seeBreakdown')}</button>` : nothing}
    ${f.step === 'review' || f.step === 'paying' ? html`<div class="review" aria-live="polite">
      <h3 class="sub">${t('breakdown')}</h3>
      ${f.quote.status === 'loading' ? html`<p class="muted">${t('loading')}</p>`
        : f.quote.status === 'ok' ? breakdownList(pick(f.quote.data, 'breakdown') ?? f.quote.data, str(pick(f.quote.data, 'currency')) || cur, m)
        : f.quote.status === 'missing' ? html`<p class="notice info small">${t('breakdownUnavailable')}</p>
            <dl class="breakdown"><div><dt>${t('amount', { currency: currencyName(cur) })}</dt><dd>${money(f.amount, cur)}</dd></div></dl>`
        : f.quote.status === 'error' ? errorBox(f.quote.error) : nothing}
      ${f.error ? errorBox(f.error) : nothing}
      <div class="row">
        <button type="button" class="btn primary pay" ?disabled=${f.step === 'paying' || f.quote.status === 'loading' || f.quote.status === 'error'} @click=${() => pay(m, f)}>
          ${f.step === 'paying' ? t('paying') : t('pay', { amount: money(f.amount, cur) })}</button>
        <button type="button" class="btn" @click=${() => { f.step = 'amount'; update(); }}>${t('cancel')}</button>
      </div>
    </div>` : nothing}
  </form>`;
}

// --- history -----------------------------------------------------------------------------------------------

const histories = new Map<string, Load<unknown[]>>();

export function topupHistory(m: Meter): TemplateResult {
  const prev = histories.get(m.id);
  if (!prev || (prev.status === 'ok' && Date.now() - prev.at > 20_000)) {
    histories.set(m.id, prev?.status === 'ok' ? { ...prev, at: Date.now() } : { status: 'loading' });
    api(`/api/v1/meters/${encodeURIComponent(m.id)}/topups`).then(
      (data) => { histories.set(m.id, { status: 'ok', data: firstArray(data, 'topups', 'items'), at: Date.now() }); update(); },
      (error) => { histories.set(m.id, error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }); update(); },
    );
  }
  const h = histories.get(m.id)!;
  if (h.status === 'missing') return html`<p class="notice info small">${t('topupsUnavailable')}</p>`;
  if (h.status === 'error') return errorBox(h.error);
  if (h.status !== 'ok') return html`<p class="muted">${t('loading')}</p>`;
  if (!h.data.length) return html`<p class="muted">${t('nothingYet')}</p>`;
  const cur = state.currency;
  return html`<div class="table-wrap"><table class="list topups">
    <caption class="sr-only">${t('topupHistory')}</caption>
    <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('reference')}</th><th scope="col" class="num">${t('amount', { currency: currencyName(cur) })}</th><th scope="col" class="num">${t('units')}</th><th scope="col">${t('status')}</th><th scope="col">${t('token')}</th></tr></thead>
    <tbody>${h.data.map((r) => {
      const ds = deliveryState(r as Record<string, unknown>);
      const amount = pick(r, 'amount');
      const rc = str(pick(r, 'currency')) || cur;
      return html`<tr>
        <td data-label=${t('date')} class="when">${dateTime(str(pick(r, 'createdAt', 'at', 'ts', 'paidAt')))}</td>
        <th scope="row" data-label=${t('reference')}>${ltr(str(pick(r, 'reference')), 'mono')}</th>
        <td data-label=${t('amount', { currency: currencyName(rc) })} class="num">${typeof amount === 'object' ? valueText('amount', amount, rc, m) : money(str(amount), rc)}</td>
        <td data-label=${t('units')} class="num">${unitsText(pick(r, 'units'), pick(r, 'unit'))}</td>
        <td data-label=${t('status')}><span class="badge ${ds === 'accepted' ? 'ok' : isFinal(ds) ? 'bad' : 'warn'}">${tk('d_', ds)}</span></td>
        <td data-label=${t('token')}>${pick(r, 'token') ? html`<details class="tok"><summary>${t('showToken')}</summary>
          <span class="mono" dir="ltr">${tokenGroups(str(pick(r, 'token'))).map((g) => html`<span class="grp">${g}</span>`)}</span></details>` : '—'}</td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}
