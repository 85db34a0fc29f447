// The audit log (GET /api/v1/audit): who did what, when, from where, why, and the policy's answer. Filters (date
// range in the utility's time zone, person, meter, action, outcome) go to the server; "Older" pages back through
// everything (beforeId); the export is the filtered view as CSV.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, withTicket, type ApiResponse } from '../api.ts';
import { update } from '../store.ts';
import { prefs, t } from '../prefs.ts';
import { dateTime, localMidnight, zoneName } from '../format.ts';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, actionLabel, actorLabel, issuerLabel, outcomeLabel, reasonLabel, roleLabel } from '../codes.ts';
import { errorBox, ltr, notAvailable, tk, type Load } from './common.ts';

type Entry = ApiResponse<'/api/v1/audit', 'get'>['entries'][number];

const L = {
  ar: {
    filters: 'تصفية', from: 'من تاريخ', to: 'إلى تاريخ', person: 'الشخص', meter: 'العداد', action: 'الإجراء', outcome: 'النتيجة', any: 'الكل',
    apply: 'تطبيق', clear: 'مسح', older: 'أقدم', exportFiltered: 'تصدير ما يظهر (CSV)', shown: 'المعروض: {n}', policy: 'رد السياسة: {d}', by: 'عبر',
    zone: 'التواريخ بتوقيت المرفق ({zone})',
  },
  en: {
    filters: 'Filters', from: 'From date', to: 'To date', person: 'Person', meter: 'Meter', action: 'Action', outcome: 'Outcome', any: 'Any',
    apply: 'Apply', clear: 'Clear', older: 'Older entries', exportFiltered: 'Export this view (CSV)', shown: 'Shown: {n}', policy: 'Policy: {d}', by: 'via',
    zone: "Dates in the utility's time zone ({zone})",
  },
};
const s = (k: keyof typeof L.en, vars: Record<string, string | number> = {}) =>
  L[prefs.locale][k].replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? ''));

interface Filter { from: string; to: string; actor: string; meterId: string; action: string; outcome: string }
let filter: Filter = { from: '', to: '', actor: '', meterId: '', action: '', outcome: '' };
let audit: Load<Entry[]> = { status: 'idle' };
let nextBeforeId: number | null = null;
let loadingMore = false;
const PAGE = 100;

/** A local date (YYYY-MM-DD, in TIME_ZONE) as the instant its day starts there. */
function dayStart(d: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return null;
  // Noon UTC of that date is inside the local day for every zone within ±12 h; its local midnight is the start.
  return new Date(localMidnight(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 12))).toISOString();
}

function query(beforeId?: number): string {
  const q = new URLSearchParams();
  const from = filter.from ? dayStart(filter.from) : null;
  const toStart = filter.to ? dayStart(filter.to) : null;
  if (from) q.set('from', from);
  // "To" is inclusive for people: up to the end of that local day.
  if (toStart) q.set('to', new Date(localMidnight(Date.parse(toStart) + 36 * 3_600_000)).toISOString());
  if (filter.actor.trim()) q.set('actor', filter.actor.trim());
  if (filter.meterId.trim()) q.set('meterId', filter.meterId.trim());
  if (filter.action) q.set('action', filter.action);
  if (filter.outcome) q.set('outcome', filter.outcome);
  if (beforeId) q.set('beforeId', String(beforeId));
  return q.toString();
}

function load(): void {
  audit = { status: 'loading' };
  api<ApiResponse<'/api/v1/audit', 'get'>>(`/api/v1/audit?${query()}&limit=${PAGE}`).then(
    (data) => { audit = { status: 'ok', data: data.entries, at: Date.now() }; nextBeforeId = data.nextBeforeId; update(); },
    (error) => { audit = error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }; update(); },
  );
}

async function older(): Promise<void> {
  if (audit.status !== 'ok' || !nextBeforeId || loadingMore) return;
  loadingMore = true;
  update();
  try {
    const data = await api<ApiResponse<'/api/v1/audit', 'get'>>(`/api/v1/audit?${query(nextBeforeId)}&limit=${PAGE}`);
    if (audit.status === 'ok') audit = { ...audit, data: [...audit.data, ...data.entries] };
    nextBeforeId = data.nextBeforeId;
  } catch (error) {
    audit = { status: 'error', error };
  }
  loadingMore = false;
  update();
}

function policyText(e: Entry): string {
  const d = e.decision as { outcome?: string; decidingRule?: string } | null;
  if (!d || typeof d !== 'object' || !d.outcome) return '';
  const rule = d.decidingRule ? tk('rule_', d.decidingRule, d.decidingRule) : '';
  return s('policy', { d: `${outcomeLabel(d.outcome)}${rule ? ` · ${rule}` : ''}` });
}

function row(e: Entry): TemplateResult {
  const iss = e.details && typeof e.details === 'object' ? issuerLabel(String((e.details as Record<string, unknown>).actorKind ?? '')) : { text: '', who: '' };
  const reason = e.reason ? (reasonLabel(e.reason) ?? tk('r_', e.reason, e.reason)) : '';
  const note = e.note ? (reasonLabel(e.note) ?? e.note) : '';
  return html`<tr data-action=${e.action} data-outcome=${e.outcome ?? ''}>
    <td data-label=${t('auditWhen')} class="when">${dateTime(e.at)}</td>
    <td data-label=${t('auditWho')}>${e.actor.includes(':') ? actorLabel(e.actor) : ltr(e.actor)} ${e.actorRole ? html`<span class="muted small">${roleLabel(e.actorRole)}</span>` : nothing}
      ${iss.text ? html`<span class="muted small">${s('by')} ${iss.text}</span>` : nothing}
      ${e.ip ? html`<span class="muted small ip">${ltr(e.ip)}</span>` : nothing}</td>
    <td data-label=${t('auditWhat')} class="what" title=${e.action}>${actionLabel(e.action)}</td>
    <td data-label=${t('auditTarget')}>${e.meterId ? html`<a href="/meters/${encodeURIComponent(e.meterId)}">${ltr(e.meterId, 'mono')}</a>` : e.target ? ltr(e.target, 'mono') : '—'}
      ${e.commandReference ? html`<span class="muted small">${ltr(e.commandReference, 'mono')}</span>` : nothing}</td>
    <td data-label=${t('auditWhy')} class="why ${reason || note ? '' : 'empty'}">${reason} ${note ? html`<span class="muted small note">${note}</span>` : nothing}</td>
    <td data-label=${t('auditResult')}>${e.outcome ? html`<span class="badge ${/refus|denied|fail|reject/.test(e.outcome) ? 'bad' : /pending|defer|sched/.test(e.outcome) ? 'warn' : 'ok'}">${outcomeLabel(e.outcome)}</span>` : nothing}
      ${policyText(e) ? html`<span class="muted small">${policyText(e)}</span>` : nothing}</td>
  </tr>`;
}

function filters(): TemplateResult {
  const set = (k: keyof Filter) => (ev: Event) => { filter = { ...filter, [k]: (ev.target as HTMLInputElement).value }; };
  return html`<form class="filters card" aria-label=${s('filters')} @submit=${(e: Event) => { e.preventDefault(); load(); }}>
    <div class="field"><label for="a-from">${s('from')}</label><input id="a-from" type="date" .value=${filter.from} @change=${set('from')} /></div>
    <div class="field"><label for="a-to">${s('to')}</label><input id="a-to" type="date" .value=${filter.to} @change=${set('to')} /></div>
    <div class="field"><label for="a-actor">${s('person')}</label><input id="a-actor" dir="ltr" autocomplete="off" .value=${filter.actor} @input=${set('actor')} /></div>
    <div class="field"><label for="a-meter">${s('meter')}</label><input id="a-meter" dir="ltr" inputmode="numeric" autocomplete="off" .value=${filter.meterId} @input=${set('meterId')} /></div>
    <div class="field"><label for="a-action">${s('action')}</label><select id="a-action" @change=${set('action')}>
      <option value="" ?selected=${!filter.action}>${s('any')}</option>
      ${AUDIT_ACTIONS.map((a) => html`<option value=${a} ?selected=${filter.action === a}>${actionLabel(a)}</option>`)}</select></div>
    <div class="field"><label for="a-outcome">${s('outcome')}</label><select id="a-outcome" @change=${set('outcome')}>
      <option value="" ?selected=${!filter.outcome}>${s('any')}</option>
      ${AUDIT_OUTCOMES.map((o) => html`<option value=${o} ?selected=${filter.outcome === o}>${outcomeLabel(o)}</option>`)}</select></div>
    <div class="row buttons">
      <button type="submit" class="btn primary">${s('apply')}</button>
      <button type="button" class="btn" @click=${() => { filter = { from: '', to: '', actor: '', meterId: '', action: '', outcome: '' }; load(); }}>${s('clear')}</button>
    </div>
  </form>`;
}

export function auditView(): TemplateResult {
  if (audit.status === 'idle') load();
  let body: TemplateResult;
  if (audit.status === 'missing') body = notAvailable('GET /api/v1/audit');
  else if (audit.status === 'error') body = errorBox(audit.error);
  else if (audit.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else if (!audit.data.length) body = html`<p class="muted">${t('nothingYet')}</p>`;
  else {
    body = html`<p class="muted small">${s('shown', { n: audit.data.length })} · ${s('zone', { zone: zoneName() })}</p>
      <div class="table-wrap"><table class="list audit">
      <caption class="sr-only">${t('auditTitle')}</caption>
      <thead><tr><th scope="col">${t('auditWhen')}</th><th scope="col">${t('auditWho')}</th><th scope="col">${t('auditWhat')}</th><th scope="col">${t('auditTarget')}</th><th scope="col">${t('auditWhy')}</th><th scope="col">${t('auditResult')}</th></tr></thead>
      <tbody>${audit.data.map(row)}</tbody>
    </table></div>
    ${nextBeforeId ? html`<p class="row"><button type="button" class="btn" data-action="older" ?disabled=${loadingMore} @click=${older}>${loadingMore ? t('loading') : s('older')}</button></p>` : nothing}`;
  }
  return html`<section aria-labelledby="h-audit" class="audit-page">
    <h1 id="h-audit">${t('auditTitle')}</h1>
    ${filters()}
    ${audit.status === 'ok' && audit.data.length ? html`<p><a class="btn" download="raseed-audit.csv" data-action="export"
      href="/api/v1/audit.csv?${query()}&limit=10000" @click=${downloadCsv}>${s('exportFiltered')}</a></p>` : nothing}
    ${body}
  </section>`;
}

/** The CSV link carries a single-use ticket fetched at click time (bearer tokens never go into URLs). */
function downloadCsv(ev: Event): void {
  ev.preventDefault();
  const link = (ev.currentTarget as HTMLAnchorElement).getAttribute('href') ?? '/api/v1/audit.csv?limit=10000';
  void withTicket(link).then((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.download = 'raseed-audit.csv';
    a.click();
  }, () => {});
}
