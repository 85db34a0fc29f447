// The subscriber portal: my meters with balance and days left, usage chart, top-up, history. Phone first.
import { html, nothing, type TemplateResult } from 'lit-html';
import { api, type ApiResponse, type Meter } from '../api.ts';
import { state, update } from '../store.ts';
import { t, tn } from '../prefs.ts';
import { currencyDigits, money, quantity, relative } from '../format.ts';
import { errorBox, ltr, relayBadge, serviceIcon, serviceLabel } from './common.ts';
import { consumptionChart, dailyUse } from './consumption.ts';
import { topupHistory, topupPanel } from './topup.ts';
import { meterById, meterMissingError } from './meter.ts';

function daysLeft(m: Meter): string {
  if (m.credit == null) return t('daysLeftUnknown');
  if (m.credit <= 0) return t('noCredit');
  const perDay = dailyUse(m);
  if (!perDay) return t('daysLeftUnknown');
  const days = m.credit / perDay;
  if (days < 1) return t('daysLeftLess');
  return tn('daysLeft', Math.floor(days));
}

/** What the credit is worth: the API gives units (Wh, L); a quote (which pays nothing) gives the price per unit. */
const worth = new Map<string, { at: number; currency: string; perUnit: number | null }>();
function creditValue(m: Meter): { amount: string; currency: string } | null {
  const w = worth.get(m.id);
  if (!w || Date.now() - w.at > 10 * 60_000) {
    worth.set(m.id, { at: Date.now(), currency: w?.currency ?? state.currency, perUnit: w?.perUnit ?? null });
    api<ApiResponse<'/api/v1/meters/{id}/topups/quote', 'post'>>(`/api/v1/meters/${encodeURIComponent(m.id)}/topups/quote`, { method: 'POST', body: { amount: '20' } }).then((q) => {
      const b = q.breakdown ?? {};
      const units = Number(b.units);
      const paid = Number(b.energy) + Number(b.energyVat ?? 0);
      const currency = typeof b.currency === 'string' ? b.currency : state.currency;
      state.currency = currency;
      worth.set(m.id, { at: Date.now(), currency, perUnit: units > 0 && Number.isFinite(paid) ? paid / units : null });
      update();
    }, () => {});
  }
  const cur = worth.get(m.id)!;
  if (cur.perUnit == null || m.credit == null) return null;
  // Wh → kWh, L → m³: the tariff's units.
  const value = (m.credit / 1000) * cur.perUnit;
  return { amount: value.toFixed(currencyDigits(cur.currency)), currency: cur.currency };
}

function balance(m: Meter): TemplateResult {
  const value = creditValue(m);
  return html`<div class="balance">
    <p class="label">${t('balance')}</p>
    <p class="big-number credit">${quantity(m.credit, m.service)}</p>
    ${value ? html`<p class="muted worth">${t('balanceValue', { money: money(value.amount, value.currency) })}</p>` : nothing}
    <p class="days">${daysLeft(m)}</p>
  </div>`;
}

function supplyNotice(m: Meter): TemplateResult | typeof nothing {
  if (m.relay === 'armed') return html`<p class="notice warn" role="status">${t('pressButton')}</p>`;
  if (m.relay === 'open') return html`<p class="notice error" role="status">${t('supplyCut')}</p>`;
  return nothing;
}

function meterCard(m: Meter): TemplateResult {
  return html`<li class="card meter-card ${m.lowCredit ? 'low' : ''}" data-meter=${m.id}>
    <h2><a href="/portal/meters/${m.id}"><span class="svc ${m.service}">${serviceIcon(m.service)}</span> ${serviceLabel(m.service)} · ${ltr(m.id, 'mono')}</a></h2>
    ${balance(m)}
    <p class="badges">${relayBadge(m)} ${m.lowCredit ? html`<span class="badge warn">${t('alarmLowCredit')}</span>` : nothing}
      ${m.emergencyCredit ? html`<span class="badge warn">${t('alarmEmergency')}</span>` : nothing}
      <span class="muted small">${t('lastSeen', { time: relative(m.latestReading?.ts ?? m.lastSeen) })}</span></p>
    ${supplyNotice(m)}
    ${m.service === 'water' ? html`<p class="small muted">${t('waterNeverCut')}</p>` : nothing}
    <p><a class="btn primary" href="/portal/meters/${m.id}#topup">${t('topUp')}</a> <a class="btn" href="/portal/meters/${m.id}">${t('details')}</a></p>
  </li>`;
}

export function portalView(): TemplateResult {
  const meters = [...state.meters.values()].sort((a, b) => a.id.localeCompare(b.id));
  const name = state.session?.user.displayName ?? state.session?.user.username ?? '';
  return html`<section aria-labelledby="h-portal">
    <h1 id="h-portal">${t('portalTitle')}</h1>
    <p class="muted">${t('portalHello', { name })}</p>
    ${!state.metersLoaded ? html`<p class="muted">${t('loading')}</p>`
      : meters.length === 0 ? html`<p class="notice info">${t('noOwnMeters')}</p>`
      : html`<ul class="cards">${meters.map(meterCard)}</ul>`}
  </section>`;
}

export function portalMeterView(id: string): TemplateResult {
  const m = meterById(id);
  if (m === 'error') return html`<p><a href="/portal" class="back">${t('backToMyMeters')}</a></p>${errorBox(meterMissingError(id))}`;
  if (!m) return html`<p class="muted">${t('loading')}</p>`;
  return html`<article aria-labelledby="h-pmeter" class="portal-meter" data-meter=${m.id}>
    <p><a href="/portal" class="back">${t('backToMyMeters')}</a></p>
    <h1 id="h-pmeter"><span class="svc ${m.service}">${serviceIcon(m.service)}</span> ${serviceLabel(m.service)} · ${ltr(m.id, 'mono')}</h1>
    <div class="card">${balance(m)}<p class="badges">${relayBadge(m)}</p>${supplyNotice(m)}
      ${m.service === 'water' ? html`<p class="small muted">${t('waterNeverCut')}</p>` : nothing}</div>
    <section id="topup" class="card" aria-label=${t('topUp')}>
      ${topupPanel(m)}
    </section>
    <section class="card" aria-labelledby="h-usage">
      <h2 id="h-usage">${t('usage')}</h2>
      ${consumptionChart(m, { compact: true })}
    </section>
    <section class="card" aria-labelledby="h-hist">
      <h2 id="h-hist">${t('topupHistory')}</h2>
      ${topupHistory(m)}
    </section>
  </article>`;
}
