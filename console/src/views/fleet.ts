// The operator's live fleet view: summary, filters and search, the meter table (cards on a phone), alarms.
import { html, nothing, type TemplateResult } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { live } from 'lit-html/directives/live.js';
import { ApiError, api, firstArray, type Meter } from '../api.ts';
import { state, update } from '../store.ts';
import { NAMES_AR } from '../i18n.ts';
import { t, tn, num, place } from '../prefs.ts';
import { dateTime, rate } from '../format.ts';
import {
  alarmBadges, categoryText, creditText, errorBox, errorText, ltr, onlineBadge, pick, readingText, relayBadge, serviceIcon, serviceLabel, str, tk,
  type Load,
} from './common.ts';

type StateFilter = '' | 'online' | 'offline' | 'lowCredit' | 'tamper' | 'relayOpen' | 'emergency';

export const filters = { q: '', area: '', service: '' as '' | Meter['service'], state: '' as StateFilter, limit: 100 };

function matches(m: Meter): boolean {
  if (filters.area && m.area !== filters.area) return false;
  if (filters.service && m.service !== filters.service) return false;
  switch (filters.state) {
    case 'online': if (!m.online) return false; break;
    case 'offline': if (m.online) return false; break;
    case 'lowCredit': if (!m.lowCredit) return false; break;
    case 'tamper': if (!m.tamper) return false; break;
    case 'relayOpen': if (m.relay !== 'open' && m.relay !== 'armed') return false; break;
    case 'emergency': if (!m.emergencyCredit) return false; break;
  }
  const q = filters.q.trim().toLowerCase();
  if (q) {
    // Place names in both languages, so "مطرح" and "Muttrah" both find it.
    const hay = `${m.id} ${m.subscriberName ?? ''} ${m.area} ${NAMES_AR[m.area] ?? ''} ${m.subscriberId ?? ''}`.toLowerCase();
    if (!q.split(/\s+/).every((w) => hay.includes(w))) return false;
  }
  return true;
}

export function alarmMeters(): Meter[] {
  return [...state.meters.values()].filter((m) => m.tamper || m.lowCredit).sort((a, b) => Number(b.tamper) - Number(a.tamper) || a.id.localeCompare(b.id));
}

function summary(): TemplateResult {
  const all = [...state.meters.values()];
  const online = all.filter((m) => m.online).length;
  const alarms = all.filter((m) => m.tamper || m.lowCredit).length;
  const cut = all.filter((m) => m.relay === 'open').length;
  const loadW = all.reduce((s, m) => s + (m.service === 'electricity' && m.online ? (m.latestReading?.powerW ?? 0) : 0), 0);
  return html`<ul class="summary" aria-label=${t('fleetTitle')}>
    <li><span class="k">${t('summaryMeters')}</span><span class="v">${num(all.length)}</span></li>
    <li><span class="k">${t('summaryOnline')}</span><span class="v">${num(online)}</span></li>
    <li class=${alarms ? 'alert' : ''}><a href="/alarms"><span class="k">${t('summaryAlarms')}</span><span class="v">${num(alarms)}</span></a></li>
    <li><span class="k">${t('summaryCut')}</span><span class="v">${num(cut)}</span></li>
    <li><span class="k">${t('summaryLoad')}</span><span class="v">${rate(loadW, 'electricity')}</span></li>
  </ul>`;
}

function filterBar(areas: string[]): TemplateResult {
  const set = (k: keyof typeof filters) => (e: Event) => {
    (filters as Record<string, unknown>)[k] = (e.target as HTMLInputElement).value;
    filters.limit = 100;
    update();
  };
  const any = filters.q || filters.area || filters.service || filters.state;
  return html`<form class="filters" role="search" @submit=${(e: Event) => e.preventDefault()}>
    <div class="field grow">
      <label for="f-q">${t('search')}</label>
      <input id="f-q" type="search" name="q" autocomplete="off" aria-keyshortcuts="/" placeholder=${t('searchPlaceholder')} .value=${live(filters.q)} @input=${set('q')} />
    </div>
    <div class="field">
      <label for="f-area">${t('area')}</label>
      <select id="f-area" @change=${set('area')}>
        <option value="" ?selected=${!filters.area}>${t('allAreas')}</option>
        ${areas.map((a) => html`<option value=${a} ?selected=${filters.area === a}>${place(a)}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="f-service">${t('service')}</label>
      <select id="f-service" @change=${set('service')}>
        <option value="" ?selected=${!filters.service}>${t('allServices')}</option>
        <option value="electricity" ?selected=${filters.service === 'electricity'}>${t('electricity')}</option>
        <option value="water" ?selected=${filters.service === 'water'}>${t('water')}</option>
      </select>
    </div>
    <div class="field">
      <label for="f-state">${t('state')}</label>
      <select id="f-state" @change=${set('state')}>
        ${([['', 'allStates'], ['online', 'stOnline'], ['offline', 'stOffline'], ['lowCredit', 'stLowCredit'], ['tamper', 'stTamper'], ['relayOpen', 'stRelayOpen'], ['emergency', 'stEmergency']] as const)
          .map(([v, k]) => html`<option value=${v} ?selected=${filters.state === v}>${t(k)}</option>`)}
      </select>
    </div>
    ${any ? html`<button type="button" class="btn link" @click=${() => { filters.q = ''; filters.area = ''; filters.service = ''; filters.state = ''; update(); }}>${t('clearFilters')}</button>` : nothing}
  </form>`;
}

export function meterTable(rows: Meter[], caption: string): TemplateResult {
  return html`<div class="table-wrap"><table class="meters">
    <caption class="sr-only">${caption}</caption>
    <thead><tr>
      <th scope="col">${t('colMeter')}</th>
      <th scope="col">${t('colSubscriber')}</th>
      <th scope="col">${t('colArea')}</th>
      <th scope="col">${t('colStatus')}</th>
      <th scope="col">${t('colRelay')}</th>
      <th scope="col" class="num">${t('colCredit')}</th>
      <th scope="col">${t('colReading')}</th>
      <th scope="col">${t('colAlarms')}</th>
    </tr></thead>
    <tbody>
      ${repeat(rows, (m) => m.id, (m) => html`<tr data-meter=${m.id} class=${state.fresh.has(m.id) ? 'fresh' : ''}>
        <th scope="row" data-label=${t('colMeter')}>
          <a href="/meters/${m.id}" class="meter-link"><span class="svc ${m.service}" title=${serviceLabel(m.service)}>${serviceIcon(m.service)}<span class="sr-only">${serviceLabel(m.service)}</span></span>${ltr(m.id, 'mono')}</a>
        </th>
        <td data-label=${t('colSubscriber')}>${m.subscriberName ?? '—'}${m.protectedCategory ? html` <span class="badge info" title=${t('protected', { category: categoryText(m.protectedCategory) })}>${categoryText(m.protectedCategory)}</span>` : nothing}</td>
        <td data-label=${t('colArea')}>${place(m.area)}</td>
        <td data-label=${t('colStatus')}>${onlineBadge(m)}</td>
        <td data-label=${t('colRelay')}>${relayBadge(m)}</td>
        <td data-label=${t('colCredit')} class="num credit">${creditText(m)}</td>
        <td data-label=${t('colReading')} class="reading" data-seq=${m.latestReading?.seq ?? ''}>${readingText(m)}</td>
        <td data-label=${t('colAlarms')}>${alarmBadges(m)}</td>
      </tr>`)}
    </tbody>
  </table></div>`;
}

export function fleetView(): TemplateResult {
  const all = [...state.meters.values()].sort((a, b) => a.id.localeCompare(b.id));
  const areas = [...new Set(all.map((m) => m.area))].sort();
  const rows = all.filter(matches);
  const shown = rows.slice(0, filters.limit);
  return html`<section aria-labelledby="h-fleet">
    <h1 id="h-fleet">${t('fleetTitle')}</h1>
    ${summary()}
    ${filterBar(areas)}
    ${state.metersError ? html`<p class="notice error" role="alert">${errorText(new Error(state.metersError))}</p>` : nothing}
    ${!state.metersLoaded ? html`<p class="muted">${t('loading')}</p>`
      : rows.length === 0 ? html`<p class="notice info">${t('noMeters')}</p>`
      : html`<p class="muted small" aria-live="polite">${tn('showingOf', rows.length, { shown: shown.length, total: rows.length })}</p>
        ${meterTable(shown, t('fleetTitle'))}
        ${rows.length > shown.length ? html`<button class="btn" @click=${() => { filters.limit += 200; update(); }}>${t('showMore')}</button>` : nothing}`}
  </section>`;
}

let scheduled: Load<unknown[]> = { status: 'idle' };

function scheduledCuts(): TemplateResult {
  if (scheduled.status === 'idle' || (scheduled.status === 'ok' && Date.now() - scheduled.at > 15_000)) {
    scheduled = scheduled.status === 'ok' ? { ...scheduled, at: Date.now() } : { status: 'loading' };
    api('/api/v1/policy/scheduled').then(
      (data) => { scheduled = { status: 'ok', data: firstArray(data, 'scheduled'), at: Date.now() }; update(); },
      (error) => { scheduled = error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }; update(); },
    );
  }
  if (scheduled.status === 'missing') return html``;
  let body: TemplateResult;
  if (scheduled.status === 'error') body = errorBox(scheduled.error);
  else if (scheduled.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else if (!scheduled.data.length) body = html`<p class="notice ok small">${t('scheduledNone')}</p>`;
  else {
    body = html`<div class="table-wrap"><table class="list scheduled">
      <caption class="sr-only">${t('scheduledCuts')}</caption>
      <thead><tr><th scope="col">${t('colMeter')}</th><th scope="col">${t('scheduledFor')}</th><th scope="col">${t('reason')}</th><th scope="col">${t('requestedBy')}</th><th scope="col">${t('policyAnswer')}</th></tr></thead>
      <tbody>${scheduled.data.map((r) => html`<tr>
        <th scope="row" data-label=${t('colMeter')}><a href="/meters/${str(pick(r, 'meterId'))}">${ltr(str(pick(r, 'meterId')), 'mono')}</a></th>
        <td data-label=${t('scheduledFor')}>${dateTime(str(pick(r, 'scheduledFor')))}</td>
        <td data-label=${t('reason')}>${tk('r_', str(pick(r, 'reason')))} <span class="muted small">${str(pick(r, 'note'))}</span></td>
        <td data-label=${t('requestedBy')}>${str(pick(r, 'requestedBy'))}</td>
        <td data-label=${t('policyAnswer')}>${tk('rule_', str(pick(pick(r, 'decision'), 'decidingRule')))}</td>
      </tr>`)}</tbody>
    </table></div>`;
  }
  return html`<section aria-labelledby="h-sched" class="card">
    <h2 id="h-sched">${t('scheduledCuts')}</h2>
    <p class="small muted">${t('scheduledHelp')}</p>
    ${body}
  </section>`;
}

export function alarmsView(): TemplateResult {
  const rows = alarmMeters();
  return html`<section aria-labelledby="h-alarms">
    <h1 id="h-alarms">${t('alarmsTitle')}</h1>
    ${rows.length === 0 ? html`<p class="notice ok">${t('alarmsNone')}</p>` : meterTable(rows, t('alarmsTitle'))}
  </section>
  ${scheduledCuts()}`;
}
