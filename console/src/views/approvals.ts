// Approvals inbox: bulk cuts held by the policy for a second operator (four eyes). The server has no list of held
// requests, so the inbox reads them from the audit log (bulk.* pending_approval) and asks each one's state
// (GET /api/v1/bulk/:id); approve or reject needs a note and is refused for the person who asked (server rule too).
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { ApiError, api, type ApiResponse } from '../api.ts';
import { announce, canAct, state, update } from '../store.ts';
import { num, prefs, t } from '../prefs.ts';
import { dateTime } from '../format.ts';
import { outcomeLabel } from '../codes.ts';
import { errorBox, ltr, tk, type Load } from './common.ts';

type Bulk = ApiResponse<'/api/v1/bulk/{id}', 'get'>;
type AuditPage = ApiResponse<'/api/v1/audit', 'get'>;

const L = {
  ar: {
    title: 'الموافقات', intro: 'طلبات القطع الجماعي التي تنتظر موافقة مشغل ثانٍ. لا يوافق صاحب الطلب على طلبه.',
    none: 'لا طلبات تنتظر الموافقة.', request: 'طلب رقم {id}', meters: 'العدادات ({n})', by: 'طلبه', at: 'في', reason: 'السبب', note: 'ملاحظته',
    yourNote: 'ملاحظتك (مطلوبة)', approve: 'موافقة وتنفيذ', reject: 'رفض', own: 'طلبك أنت: يوافق عليه مشغل آخر.', noteMissing: 'اكتب ملاحظة (٣ أحرف على الأقل).',
    decided: 'قرارات سابقة', decidedBy: '{who} في {at}', done: 'الطلب {id}: {what}', cut: 'قطع جماعي', restore: 'إعادة جماعية', viewOnly: 'للاطلاع فقط: القرار للمشرف أو المشغل.',
  },
  en: {
    title: 'Approvals', intro: 'Bulk cuts waiting for a second operator. Whoever asked cannot approve their own request.',
    none: 'Nothing is waiting for approval.', request: 'Request {id}', meters: 'Meters ({n})', by: 'Asked by', at: 'at', reason: 'Reason', note: 'Their note',
    yourNote: 'Your note (required)', approve: 'Approve and carry out', reject: 'Reject', own: 'Your own request: another operator decides.', noteMissing: 'Write a note (at least 3 characters).',
    decided: 'Decided', decidedBy: '{who} at {at}', done: 'Request {id}: {what}', cut: 'Bulk cut', restore: 'Bulk restore', viewOnly: 'View only: admins and operators decide.',
  },
};
const s = (k: keyof typeof L.en, vars: Record<string, string | number> = {}) =>
  L[prefs.locale][k].replace(/\{(\w+)\}/g, (_, v: string) => (typeof vars[v] === 'number' ? num(vars[v] as number) : String(vars[v] ?? '')));

let inbox: Load<Bulk[]> = { status: 'idle' };
const notes = new Map<number, { text: string; missing: boolean; busy: boolean; error: unknown }>();

export const approvalsLabel = (): string => s('title');
/** Held requests, for the nav badge. */
export function pendingApprovals(): number {
  if (inbox.status === 'idle' && state.session) load();
  return inbox.status === 'ok' ? inbox.data.filter((b) => b.status === 'pending_approval').length : 0;
}

async function fetchInbox(): Promise<Bulk[]> {
  const held = await api<AuditPage>('/api/v1/audit?action=bulk.&outcome=pending_approval&limit=200');
  const ids = [...new Set(held.entries.map((e) => Number(e.target)).filter((n) => Number.isInteger(n) && n > 0))];
  const out = await Promise.all(ids.map((id) => api<Bulk>(`/api/v1/bulk/${id}`).catch(() => null)));
  return out.filter((b): b is Bulk => b !== null).sort((a, b) => b.id - a.id);
}

function load(): void {
  if (inbox.status !== 'ok') inbox = { status: 'loading' };
  fetchInbox().then(
    (data) => { inbox = { status: 'ok', data, at: Date.now() }; update(); },
    (error) => { inbox = error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }; update(); },
  );
}

async function decide(b: Bulk, approve: boolean): Promise<void> {
  const n = notes.get(b.id) ?? { text: '', missing: false, busy: false, error: null };
  notes.set(b.id, n);
  if (n.text.trim().length < 3) {
    n.missing = true;
    update();
    document.getElementById(`bulk-note-${b.id}`)?.focus();
    return;
  }
  n.busy = true;
  n.error = null;
  update();
  try {
    await api(`/api/v1/bulk/${b.id}/${approve ? 'approve' : 'reject'}`, { method: 'POST', body: { note: n.text.trim() } });
    notes.delete(b.id);
    announce(s('done', { id: b.id, what: outcomeLabel(approve ? 'approved' : 'rejected') }));
    load();
  } catch (err) {
    n.error = err;
    n.busy = false;
    update();
  }
}

function card(b: Bulk): TemplateResult {
  const me = state.session?.user.username;
  const own = b.requestedBy === me;
  const n = notes.get(b.id) ?? { text: '', missing: false, busy: false, error: null };
  const act = canAct();
  return html`<li class="card approval" data-bulk=${b.id}>
    <h2>${b.action === 'disconnect' ? s('cut') : s('restore')} · ${s('request', { id: b.id })} <span class="badge warn">${outcomeLabel(b.status)}</span></h2>
    <dl class="facts">
      <div><dt>${s('by')}</dt><dd>${ltr(b.requestedBy)} · ${dateTime(b.requestedAt)}</dd></div>
      <div><dt>${s('reason')}</dt><dd>${tk('r_', b.reason, b.reason)}</dd></div>
      <div><dt>${s('note')}</dt><dd>${b.note}</dd></div>
    </dl>
    <details><summary>${s('meters', { n: b.meterIds.length })}</summary>
      <p class="ids">${b.meterIds.slice(0, 200).map((id) => html`<a href="/meters/${encodeURIComponent(id)}">${ltr(id, 'mono')}</a> `)}</p></details>
    ${!act ? html`<p class="muted small">${s('viewOnly')}</p>` : own ? html`<p class="notice info small" data-own>${s('own')}</p>` : html`
      <div class="field"><label for="bulk-note-${b.id}">${s('yourNote')}</label>
        <textarea id="bulk-note-${b.id}" rows="2" aria-invalid=${n.missing ? 'true' : 'false'} .value=${live(n.text)}
          @input=${(e: Event) => { notes.set(b.id, { ...n, text: (e.target as HTMLTextAreaElement).value, missing: false }); }}></textarea>
        ${n.missing ? html`<p class="field-error">${s('noteMissing')}</p>` : nothing}</div>
      ${n.error ? errorBox(n.error) : nothing}
      <div class="row"><button type="button" class="btn danger" data-action="approve" ?disabled=${n.busy} @click=${() => decide(b, true)}>${s('approve')}</button>
        <button type="button" class="btn" data-action="reject" ?disabled=${n.busy} @click=${() => decide(b, false)}>${s('reject')}</button></div>`}
  </li>`;
}

export function approvalsView(): TemplateResult {
  if (inbox.status === 'idle' || (inbox.status === 'ok' && Date.now() - inbox.at > 20_000)) load();
  let body: TemplateResult;
  if (inbox.status === 'error') body = errorBox(inbox.error);
  else if (inbox.status !== 'ok') body = html`<p class="muted">${t('loading')}</p>`;
  else {
    const pending = inbox.data.filter((b) => b.status === 'pending_approval');
    const decided = inbox.data.filter((b) => b.status !== 'pending_approval').slice(0, 20);
    body = html`${pending.length ? html`<ul class="approvals">${pending.map(card)}</ul>` : html`<p class="muted" data-empty>${s('none')}</p>`}
      ${decided.length ? html`<h2>${s('decided')}</h2><div class="table-wrap"><table class="list decided">
        <thead><tr><th scope="col">#</th><th scope="col">${s('by')}</th><th scope="col">${t('reason')}</th><th scope="col">${t('status')}</th></tr></thead>
        <tbody>${decided.map((b) => html`<tr><th scope="row" data-label="#">${ltr(String(b.id), 'mono')}</th>
          <td data-label=${s('by')}>${ltr(b.requestedBy)} · ${b.meterIds.length}</td><td data-label=${t('reason')}>${tk('r_', b.reason, b.reason)}</td>
          <td data-label=${t('status')}><span class="badge ${b.status === 'rejected' ? 'bad' : 'ok'}">${outcomeLabel(b.status)}</span>
            ${b.decidedBy ? html`<span class="muted small">${s('decidedBy', { who: b.decidedBy, at: dateTime(b.decidedAt) })}</span>` : nothing}</td></tr>`)}</tbody>
      </table></div>` : nothing}`;
  }
  return html`<section aria-labelledby="h-approvals" class="approvals-page">
    <h1 id="h-approvals">${s('title')}</h1>
    <p class="muted">${s('intro')}</p>
    ${body}
  </section>`;
}
