// Small pieces shared by the views: badges, states, "not available yet" notices, error text.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, NetworkError, type Meter } from '../api.ts';
import { isKey, type Key } from '../i18n.ts';
import { t } from '../prefs.ts';
import { quantity, rate, relative } from '../format.ts';

export function errorText(err: unknown): string {
  if (err instanceof NetworkError) return t('errorNetwork');
  if (err instanceof ApiError) {
    if (err.status === 403) return t('forbidden', { detail: err.problem.detail ?? '' });
    return t('errorGeneric', { detail: err.problem.detail ?? err.problem.title ?? String(err.status) });
  }
  return t('errorGeneric', { detail: (err as Error)?.message ?? String(err) });
}

export function tk(prefix: string, value: string | null | undefined, fallback = ''): string {
  const k = `${prefix}${value ?? ''}`;
  return isKey(k) ? t(k as Key) : (value ?? fallback);
}

export function categoryText(cat: string): string {
  return tk('cat_', cat, cat);
}

/** Keeps identifiers (meter numbers, references, tokens) left-to-right and in Latin digits inside Arabic text. */
export function ltr(s: string, cls = ''): TemplateResult {
  return html`<bdi dir="ltr" class="ltr ${cls}">${s}</bdi>`;
}

export function serviceIcon(service: Meter['service']): TemplateResult {
  return service === 'electricity'
    ? html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M13 2 4 14h7l-1 8 9-12h-7z" fill="currentColor"/></svg>`
    : html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2s-7 8-7 13a7 7 0 0 0 14 0c0-5-7-13-7-13z" fill="currentColor"/></svg>`;
}

export function serviceLabel(service: Meter['service']): string {
  return service === 'electricity' ? t('electricity') : t('water');
}

export function onlineBadge(m: Meter): TemplateResult {
  return m.online
    ? html`<span class="badge ok"><span class="dot" aria-hidden="true"></span>${t('online')}</span>`
    : html`<span class="badge muted"><span class="dot" aria-hidden="true"></span>${t('offline')}</span>`;
}

export function relayText(relay: Meter['relay']): string {
  switch (relay) {
    case 'closed': return t('relayClosed');
    case 'open': return t('relayOpen');
    case 'armed': return t('relayArmed');
    default: return t('relayUnknown');
  }
}

export function relayBadge(m: Meter): TemplateResult {
  const cls = m.relay === 'closed' ? 'ok' : m.relay === 'open' ? 'bad' : m.relay === 'armed' ? 'warn' : 'muted';
  return html`<span class="badge ${cls}" data-relay=${m.relay ?? 'unknown'}>${relayText(m.relay)}</span>`;
}

export function alarmBadges(m: Meter): TemplateResult | typeof nothing {
  if (!m.tamper && !m.lowCredit && !m.emergencyCredit) return nothing;
  return html`${m.tamper ? html`<span class="badge bad">${t('alarmTamper')}</span>` : nothing}
    ${m.lowCredit ? html`<span class="badge warn">${t('alarmLowCredit')}</span>` : nothing}
    ${m.emergencyCredit ? html`<span class="badge warn">${t('alarmEmergency')}</span>` : nothing}`;
}

export function creditText(m: Meter): string {
  return quantity(m.credit, m.service);
}

export function readingText(m: Meter): TemplateResult {
  const r = m.latestReading;
  if (!r) return html`<span class="muted">—</span>`;
  const v = m.service === 'electricity' ? r.powerW : r.flowLph;
  return html`<span>${rate(v, m.service)}</span> <span class="muted small">${relative(r.ts)}</span>`;
}

export function notAvailable(what: string): TemplateResult {
  return html`<p class="notice info" role="status">${t('notAvailable', { what })}</p>`;
}

export function errorBox(err: unknown): TemplateResult {
  return html`<p class="notice error" role="alert">${errorText(err)}</p>`;
}

/** A load state for data fetched per page. */
export type Load<T> = { status: 'idle' | 'loading' } | { status: 'ok'; data: T; at: number } | { status: 'missing' } | { status: 'error'; error: unknown };

export function loadState<T>(p: Promise<T>, set: (l: Load<T>) => void): void {
  p.then(
    (data) => set({ status: 'ok', data, at: Date.now() }),
    (error) => set(error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }),
  );
}

/** Reads a field from a record of unknown shape, trying several names. */
export function pick(o: unknown, ...names: string[]): unknown {
  if (!o || typeof o !== 'object') return undefined;
  const r = o as Record<string, unknown>;
  for (const n of names) if (r[n] !== undefined && r[n] !== null) return r[n];
  return undefined;
}

export function str(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
