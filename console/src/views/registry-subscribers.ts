// Subscribers in the console: the one search box (GET /api/v1/search: meters, accounts, subscribers by number,
// civil ID, phone in any form, Arabic or English names), opening an account, and the household of an account
// (all its electricity and water meters) where meters are linked and unlinked. Routes: /registry/subscribers,
// /registry/subscribers/<id>.
import { html, nothing, type TemplateResult } from 'lit-html';
import { api, type ApiRequestBody, type ApiResponse } from '../api.ts';
import { announce, update } from '../store.ts';
import { quantity } from '../format.ts';
import { place, prefs } from '../prefs.ts';
import { errorBox, ltr, serviceIcon } from './common.ts';
import { DESK_ROLES, allowed, detailText, fields, go, invalidate, load, notAllowed, registryNav, rg, rgk, statusBadge } from './registry-common.ts';

type SearchResult = ApiResponse<'/api/v1/search', 'get'>['results'][number];
type Household = ApiResponse<'/api/v1/subscribers/{id}', 'get'>;
type NewSubscriber = ApiRequestBody<'/api/v1/subscribers', 'post'>;
type Subscriber = ApiResponse<'/api/v1/subscribers', 'post', 201>;

export const subscribersLabel = (): string => rg('navSubscribers');

export function subscribersView(path = location.pathname): TemplateResult {
  if (!allowed(DESK_ROLES)) return notAllowed(rg('subscribersTitle'));
  const m = /^\/registry\/subscribers\/(\d+)$/.exec(path);
  if (m) return householdView(Number(m[1]));
  return html`<section aria-labelledby="h-subs" class="registry registry-subscribers">
    <h1 id="h-subs">${rg('subscribersTitle')}</h1>
    ${registryNav('/registry/subscribers')}
    ${searchBox()}
    ${onboardForm()}
  </section>`;
}

// --- search --------------------------------------------------------------------------------------------------

let query = '';
let results: SearchResult[] | null = null;
let searchError: unknown = null;
let searchSeq = 0;

async function runSearch(q: string): Promise<void> {
  query = q;
  const seq = ++searchSeq;
  if (!q) {
    results = null;
    update();
    return;
  }
  try {
    const r = await api<{ results: SearchResult[] }>(`/api/v1/search?q=${encodeURIComponent(q)}&limit=30`);
    if (seq !== searchSeq) return;
    results = r.results;
    searchError = null;
    announce(results.length ? `${rg('results')}: ${results.length}` : rg('noResults'));
  } catch (err) {
    if (seq !== searchSeq) return;
    searchError = err;
  }
  update();
}

function resultLink(r: SearchResult): TemplateResult {
  const name = prefs.locale === 'ar' && r.labelAr ? r.labelAr : r.label;
  if (r.kind === 'meter') return html`<a href="/meters/${encodeURIComponent(r.id)}">${ltr(r.id, 'mono')}</a>`;
  const id = r.subscriberId ?? Number(r.id);
  return html`<a href="/registry/subscribers/${id}">${name}</a>`;
}

/** The one search box: meters, accounts and subscribers. */
export function searchBox(): TemplateResult {
  return html`<form class="card registry-search" role="search" @submit=${(e: Event) => { const g = fields(e); void runSearch(g('q')); }}>
    <div class="field"><label for="rg-q">${rg('searchLabel')}</label>
      <div class="row"><input id="rg-q" name="q" type="search" .value=${query} autocomplete="off" maxlength="100" aria-describedby="rg-q-hint" />
        <button type="submit" class="btn primary">${rg('search')}</button></div>
      <p id="rg-q-hint" class="muted small">${rg('searchHint')}</p></div>
    ${searchError ? errorBox(searchError) : nothing}
    ${results === null ? nothing : !results.length ? html`<p class="muted" data-results="0">${rg('noResults')}</p>` : html`<ul class="search-results" data-results=${results.length}>
      ${results.map((r) => html`<li data-kind=${r.kind}><span class="badge muted">${rgk('k_', r.kind)}</span> ${resultLink(r)}
        ${r.kind !== 'meter' && r.labelAr && prefs.locale !== 'ar' ? html`<span class="muted small" lang="ar">${r.labelAr}</span>` : nothing}
        ${r.kind === 'meter' ? html`<span>${prefs.locale === 'ar' && r.labelAr ? r.labelAr : r.label !== r.id ? r.label : ''}</span>` : nothing}
        ${r.detail ? html`<span class="muted small">${detailText(r.detail).split(' · ').map((w, i) => html`${i ? ' · ' : ''}<bdi>${w}</bdi>`)}</span>` : nothing} ${r.area ? html`<span class="muted small">${place(r.area)}</span>` : nothing}</li>`)}
    </ul>`}
  </form>`;
}

// --- onboarding ----------------------------------------------------------------------------------------------

let onboardError: unknown = null;
let onboardBusy = false;
let protectedKind = '';

async function onboard(e: Event): Promise<void> {
  const g = fields(e);
  const body: NewSubscriber = { nameAr: g('nameAr'), nameEn: g('nameEn'), accountNumber: g('accountNumber'), language: g('language') === 'en' ? 'en' : 'ar', citizenTariff: g('citizenTariff') === 'on' };
  if (g('phone')) body.phone = g('phone');
  if (g('civilId')) body.civilId = g('civilId');
  if (g('email')) body.email = g('email');
  if (g('pcKind')) body.protectedCategory = { kind: g('pcKind') as 'medical', evidence: g('pcEvidence'), expires: g('pcExpires') || null };
  onboardBusy = true;
  onboardError = null;
  update();
  try {
    const s = await api<Subscriber>('/api/v1/subscribers', { method: 'POST', body });
    (e.target as HTMLFormElement).reset();
    protectedKind = '';
    announce(rg('created', { acc: s.accountNumber }));
    go(`/registry/subscribers/${s.id}`);
  } catch (err) {
    onboardError = err;
  } finally {
    onboardBusy = false;
    update();
  }
}

function onboardForm(): TemplateResult {
  const f = (id: string, label: string, input: TemplateResult) => html`<div class="field"><label for=${id}>${label}</label>${input}</div>`;
  return html`<h2>${rg('onboardTitle')}</h2>
    ${onboardError ? errorBox(onboardError) : nothing}
    <form class="card registry-onboard" @submit=${(e: Event) => void onboard(e)}>
      ${f('s-nameAr', rg('nameAr'), html`<input id="s-nameAr" name="nameAr" dir="rtl" lang="ar" required maxlength="120" autocomplete="off" />`)}
      ${f('s-nameEn', rg('nameEn'), html`<input id="s-nameEn" name="nameEn" dir="ltr" lang="en" required maxlength="120" autocomplete="off" />`)}
      ${f('s-account', rg('accountNumber'), html`<input id="s-account" name="accountNumber" dir="ltr" required maxlength="32" autocomplete="off" />`)}
      ${f('s-phone', rg('phone'), html`<input id="s-phone" name="phone" type="tel" dir="ltr" maxlength="32" autocomplete="off" />`)}
      ${f('s-civil', rg('civilId'), html`<input id="s-civil" name="civilId" dir="ltr" inputmode="numeric" maxlength="16" autocomplete="off" />`)}
      ${f('s-email', rg('email'), html`<input id="s-email" name="email" type="email" dir="ltr" maxlength="200" autocomplete="off" />`)}
      ${f('s-lang', rg('language'), html`<select id="s-lang" name="language"><option value="ar">${rg('lang_ar')}</option><option value="en">${rg('lang_en')}</option></select>`)}
      <label class="check"><input type="checkbox" name="citizenTariff" id="s-citizen" /> ${rg('citizenTariff')}</label>
      ${f('s-pc', rg('protectedKind'), html`<select id="s-pc" name="pcKind" @change=${(e: Event) => { protectedKind = (e.target as HTMLSelectElement).value; update(); }}>
        ${['', 'medical', 'elderly', 'determination', 'social_welfare'].map((k) => html`<option value=${k} ?selected=${protectedKind === k}>${rg(`pc_${k || 'none'}` as 'pc_none')}</option>`)}</select>`)}
      ${protectedKind ? html`${f('s-pc-ev', rg('evidence'), html`<input id="s-pc-ev" name="pcEvidence" required maxlength="200" />`)}
        ${f('s-pc-exp', rg('expires'), html`<input id="s-pc-exp" name="pcExpires" type="date" dir="ltr" />`)}` : nothing}
      <div class="row end"><button type="submit" class="btn primary" ?disabled=${onboardBusy}>${rg('createAccount')}</button></div>
    </form>`;
}

// --- household -----------------------------------------------------------------------------------------------

let householdError: unknown = null;

async function linkOrUnlink(id: number, meterId: string, unlink: boolean): Promise<void> {
  householdError = null;
  try {
    if (unlink) await api(`/api/v1/subscribers/${id}/meters/${encodeURIComponent(meterId)}`, { method: 'DELETE' });
    else await api(`/api/v1/subscribers/${id}/meters`, { method: 'POST', body: { meterId } });
    invalidate(`/api/v1/subscribers/${id}`);
    announce(rg(unlink ? 'unlinked' : 'linked', { id: meterId }));
  } catch (err) {
    householdError = err;
  }
  update();
}

function householdView(id: number): TemplateResult {
  const l = load<Household>(`/api/v1/subscribers/${id}`, 10_000);
  const head = (title: string | TemplateResult) => html`<h1 id="h-house">${title}</h1>${registryNav('')}`;
  if (l.status === 'error') return html`<section aria-labelledby="h-house">${head(rg('householdTitle'))}${errorBox(l.error)}</section>`;
  if (l.status !== 'ok') return html`<section aria-labelledby="h-house">${head(rg('householdTitle'))}<p class="muted">${rg('loading')}</p></section>`;
  const { subscriber: s, meters } = l.data;
  const name = prefs.locale === 'ar' ? (s.nameAr ?? s.nameEn) : s.nameEn;
  const group = (service: 'electricity' | 'water') => {
    const ms = meters.filter((m) => m.service === service);
    return html`<div class="card household-group" data-service=${service}>
      <h3>${serviceIcon(service)} ${rg(service === 'electricity' ? 'electricityMeters' : 'waterMeters')} <span class="muted small">(${ms.length})</span></h3>
      ${!ms.length ? html`<p class="muted small">—</p>` : html`<ul class="household-meters">${ms.map((m) => html`<li data-meter=${m.id}>
        <a href="/meters/${encodeURIComponent(m.id)}">${ltr(m.id, 'mono')}</a> ${statusBadge(m.status)}
        <span class="muted small">${place(m.area)}${m.model ? html` · ${ltr(m.model)}` : nothing}</span>
        <span>${m.credit === null ? '—' : quantity(m.credit, m.service)}</span>
        <button type="button" class="btn link" @click=${() => void linkOrUnlink(id, m.id, true)}>${rg('unlink')}</button></li>`)}</ul>`}
    </div>`;
  };
  return html`<section aria-labelledby="h-house" class="registry household" data-subscriber=${s.id} data-meters=${meters.length}>
    ${head(html`${name} · <bdi dir="ltr" class="ltr mono" style="white-space: nowrap">${s.accountNumber}</bdi>`)}
    <div class="card"><dl class="facts">
      <div><dt>${rg('nameAr')}</dt><dd><bdi lang="ar">${s.nameAr ?? '—'}</bdi></dd></div>
      <div><dt>${rg('nameEn')}</dt><dd><bdi lang="en">${s.nameEn}</bdi></dd></div>
      <div><dt>${rg('accountNumber')}</dt><dd>${ltr(s.accountNumber, 'mono')}</dd></div>
      <div><dt>${rg('phone')}</dt><dd>${s.phone ? ltr(s.phone) : '—'}</dd></div>
      <div><dt>${rg('civilId')}</dt><dd>${s.civilId ? ltr(s.civilId, 'mono') : '—'}</dd></div>
      <div><dt>${rg('email')}</dt><dd>${s.email ? ltr(s.email) : '—'}</dd></div>
      <div><dt>${rg('language')}</dt><dd>${rg(s.language === 'en' ? 'lang_en' : 'lang_ar')}</dd></div>
      <div><dt>${rg('protectedKind')}</dt><dd>${s.protectedCategory ? html`${rgk('pc_', s.protectedCategory.kind)}${s.protectedCategory.evidence ? html` · <bdi>${s.protectedCategory.evidence}</bdi>` : nothing}${s.protectedCategory.expires ? html` · ${ltr(s.protectedCategory.expires)}` : nothing}` : rg('pc_none')}</dd></div>
    </dl></div>
    <h2>${rg('householdOf', { acc: '' })}${ltr(s.accountNumber, 'mono')}</h2>
    ${householdError ? errorBox(householdError) : nothing}
    ${!meters.length ? html`<p class="muted">${rg('noMeters')}</p>` : nothing}
    <div class="household-groups">${group('electricity')}${group('water')}</div>
    <form class="card registry-link" @submit=${(e: Event) => { const g = fields(e); (e.target as HTMLFormElement).reset(); void linkOrUnlink(id, g('meterId'), false); }}>
      <h3>${rg('linkMeter')}</h3>
      <div class="field"><label for="h-meter">${rg('meterNumber')}</label><input id="h-meter" name="meterId" dir="ltr" required maxlength="32" autocomplete="off" /></div>
      <div class="row end"><button type="submit" class="btn primary">${rg('link')}</button></div>
    </form>
  </section>`;
}
