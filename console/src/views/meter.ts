// The operator's meter page: state, actions (vend, cut, reconnect; for water the alternatives: flow limit, reminder),
// consumption chart, histories.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, type Meter } from '../api.ts';
import { canAct, mergeMeter, state, update } from '../store.ts';
import { num, t, place } from '../prefs.ts';
import { dateTime, quantity, rate, relative } from '../format.ts';
import { alarmBadges, categoryText, errorBox, ltr, onlineBadge, relayBadge, serviceIcon, serviceLabel } from './common.ts';
import { consumptionChart } from './consumption.ts';
import { commandHistory, eventHistory, meterEventTimeline, openCommand } from './command.ts';
import { topupHistory } from './topup.ts';
import { meterFirmware } from './firmware.ts';
import { waterSection } from './water.ts';

export const dialogs = { vendFor: null as string | null };

const missing = new Map<string, unknown>();

/** The meter from the live list, or fetched on its own (deep link, or a meter beyond the list). */
export function meterById(id: string): Meter | undefined | 'error' {
  const m = state.meters.get(id);
  if (m) return m;
  if (missing.has(id)) return 'error';
  if (state.metersLoaded) {
    missing.set(id, null);
    api<Meter>(`/api/v1/meters/${encodeURIComponent(id)}`).then(
      (x) => { missing.delete(id); mergeMeter(x); update(); },
      (err) => { missing.set(id, err); update(); },
    );
  }
  return undefined;
}

export function meterMissingError(id: string): unknown {
  return missing.get(id);
}

function stat(label: string, value: TemplateResult | string, cls = ''): TemplateResult {
  return html`<div class="stat ${cls}"><dt>${label}</dt><dd>${value}</dd></div>`;
}

export function meterStats(m: Meter, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  const r = m.latestReading;
  return html`<dl class="stats">
    ${stat(t('credit'), html`<span class="credit">${quantity(m.credit, m.service)}</span>`, m.lowCredit ? 'warn' : '')}
    ${stat(t('supply'), relayBadge(m))}
    ${stat(m.service === 'electricity' ? t('power') : t('flow'), rate(m.service === 'electricity' ? r?.powerW : r?.flowLph, m.service))}
    ${m.service === 'electricity' ? stat(t('voltage'), r?.voltageV != null ? `${num(r.voltageV, 1)} ${t('uV')}` : '—') : nothing}
    ${stat(t('register'), quantity(r?.register, m.service))}
    ${stat(t('lastReading'), html`<span title=${dateTime(r?.ts)}>${relative(r?.ts)}</span>`)}
    ${extra}
  </dl>`;
}

export function meterView(id: string): TemplateResult {
  const m = meterById(id);
  if (m === 'error') {
    const err = meterMissingError(id);
    return html`<p><a href="/" class="back">${t('backToFleet')}</a></p>
      ${err instanceof ApiError && err.status === 404 ? html`<p class="notice error" role="alert">${t('notFoundMeter', { id })}</p>` : errorBox(err)}`;
  }
  if (!m) return html`<p class="muted">${t('loading')}</p>`;
  const act = canAct();
  return html`<article class="meter-page" aria-labelledby="h-meter" data-meter=${m.id}>
    <p><a href="/" class="back">${t('backToFleet')}</a></p>
    <header class="meter-head">
      <h1 id="h-meter"><span class="svc ${m.service}">${serviceIcon(m.service)}</span> ${t('meterTitle', { id: '' })}${ltr(m.id, 'mono')}</h1>
      <p class="meta">${serviceLabel(m.service)} · ${m.subscriberName ?? '—'} · ${place(m.area)} · ${t('tariffClass')}: ${place(m.tariffClass)}
        ${m.protectedCategory ? html` · <span class="badge info">${t('protected', { category: categoryText(m.protectedCategory) })}</span>` : nothing}</p>
      <p class="badges">${onlineBadge(m)} ${alarmBadges(m)} ${m.online ? nothing : html`<span class="muted small">${t('lastSeen', { time: relative(m.lastSeen) })}</span>`}</p>
      ${m.relayNeedsButton ? html`<p class="small muted">${t('relayNeedsButton')}</p>` : nothing}
    </header>
    ${meterStats(m, meterFirmware(m))}
    ${act ? html`<section class="actions" aria-labelledby="h-actions">
      <h2 id="h-actions" class="sr-only">${t('actions')}</h2>
      <button type="button" class="btn primary" data-action="vend" @click=${() => { dialogs.vendFor = m.id; update(); }}>${t('vendToken')}</button>
      <button type="button" class="btn danger" data-action="disconnect" @click=${() => openCommand(m, 'disconnect')}>${t('disconnect')}</button>
      <button type="button" class="btn" data-action="reconnect" @click=${() => openCommand(m, 'reconnect')}>${t('reconnect')}</button>
    </section>` : nothing}
    ${waterSection(m)}
    <section aria-labelledby="h-cons" class="card">
      <h2 id="h-cons">${t('consumption')}</h2>
      ${consumptionChart(m)}
    </section>
    <div class="history">
      <section aria-labelledby="h-credit" class="card">
        <h2 id="h-credit">${t('creditHistory')}</h2>
        ${topupHistory(m)}
      </section>
      <section aria-labelledby="h-cmds" class="card">
        <h2 id="h-cmds">${t('commandHistory')}</h2>
        ${commandHistory(m)}
      </section>
    </div>
    <section aria-labelledby="h-events" class="card">
      <h2 id="h-events">${t('events')}</h2>
      ${meterEventTimeline(m)}
    </section>
    <section aria-labelledby="h-audit-trail" class="card">
      <h2 id="h-audit-trail">${t('navAudit')}</h2>
      ${eventHistory(m)}
    </section>
  </article>`;
}
