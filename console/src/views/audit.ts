// The audit log (GET /api/v1/audit): who did what, when, from where, why, and the policy's answer.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, firstArray, withTicket } from '../api.ts';
import { update } from '../store.ts';
import { t } from '../prefs.ts';
import { dateTime } from '../format.ts';
import { errorBox, ltr, notAvailable, pick, str, tk, type Load } from './common.ts';

let audit: Load<unknown[]> = { status: 'idle' };

export function auditView(): TemplateResult {
  if (audit.status === 'idle' || (audit.status === 'ok' && Date.now() - audit.at > 15_000)) {
    audit = audit.status === 'ok' ? { ...audit, at: Date.now() } : { status: 'loading' };
    api('/api/v1/audit?limit=200').then(
      (data) => { audit = { status: 'ok', data: firstArray(data, 'entries', 'items', 'audit'), at: Date.now() }; update(); },
      (error) => { audit = error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }; update(); },
    );
  }
  let body: TemplateResult;
  if (audit.status === 'missing') body = notAvailable('GET /api/v1/audit');
  else if (audit.status === 'error') body = errorBox(audit.error);
  else if (audit.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else if (!audit.data.length) body = html`<p class="muted">${t('nothingYet')}</p>`;
  else {
    body = html`<div class="table-wrap"><table class="list audit">
      <caption class="sr-only">${t('auditTitle')}</caption>
      <thead><tr><th scope="col">${t('auditWhen')}</th><th scope="col">${t('auditWho')}</th><th scope="col">${t('auditWhat')}</th><th scope="col">${t('auditTarget')}</th><th scope="col">${t('auditWhy')}</th><th scope="col">${t('auditResult')}</th></tr></thead>
      <tbody>${audit.data.map((e) => {
        const pol = pick(e, 'policy', 'decision');
        return html`<tr>
          <td data-label=${t('auditWhen')}>${dateTime(pick(e, 'at', 'ts', 'createdAt', 'time') as string | undefined)}</td>
          <td data-label=${t('auditWho')}>${str(pick(e, 'actor', 'who', 'username', 'user', 'issuer'))} <span class="muted small">${str(pick(e, 'ip', 'from', 'source'))}</span></td>
          <td data-label=${t('auditWhat')}>${str(pick(e, 'action', 'what', 'type'))}</td>
          <td data-label=${t('auditTarget')}>${ltr(str(pick(e, 'target', 'meterId', 'reference')), 'mono')}</td>
          <td data-label=${t('auditWhy')}>${tk('r_', str(pick(e, 'reason', 'why')), '')} <span class="muted small">${str(pick(e, 'note'))}</span></td>
          <td data-label=${t('auditResult')}>${typeof pol === 'object' ? str(pick(pol, 'decision', 'outcome', 'rule')) : str(pol ?? pick(e, 'result', 'outcome'))}</td>
        </tr>`;
      })}</tbody>
    </table></div>`;
  }
  return html`<section aria-labelledby="h-audit">
    <h1 id="h-audit">${t('auditTitle')}</h1>
    ${audit.status === 'ok' && audit.data.length ? html`<p><a class="btn" download="raseed-audit.csv" href="/api/v1/audit.csv"
      @click=${downloadCsv}>${t('exportCsv')}</a></p>` : nothing}
    ${body}
  </section>`;
}

/** The CSV link carries a single-use ticket fetched at click time (bearer tokens never go into URLs). */
function downloadCsv(ev: Event): void {
  ev.preventDefault();
  void withTicket('/api/v1/audit.csv?limit=10000').then((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.download = 'raseed-audit.csv';
    a.click();
  }, () => {});
}
