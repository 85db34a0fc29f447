// Cut and reconnect: reason and note, the disconnection policy's answer before confirming (when the server can
// preview it) and after (always), then the command's progress until the meter acknowledges.
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { ApiError, api, firstArray, type ApiResponse, type Meter } from '../api.ts';
import { announce, applyRelayFromCommands, refreshMeters, update } from '../store.ts';
import { place, prefs, t } from '../prefs.ts';
import { actionLabel, actorLabel, eventLabel, issuerLabel, meterEventText, outcomeLabel, reasonLabel } from '../codes.ts';
import { dateTime, relative } from '../format.ts';
import { errorBox, ltr, pick, relayText, str, tk, type Load } from './common.ts';
import { isKey, type Key } from '../i18n.ts';
import { waterActions } from './water.ts';

export type Action = 'disconnect' | 'reconnect';

const L = {
  ar: {
    refusedNoSend: 'السياسة ترفض هذا القطع: لا يمكن تأكيده. اختر سببًا آخر أو أحد البدائل.',
    noticeHow: 'كيف سُلِّم الإشعار', noticeEvidence: 'الإثبات (رقم الرسالة أو الخطاب، اسم المستلم)', noticeConfirm: 'تأكيد تسجيل الإشعار النهائي',
    noticeWarn: 'يبدأ من هذا الإشعار عدّ مهلة الإشعار قبل القطع، ويُسجَّل باسمك في سجل التدقيق.',
    how_sms: 'رسالة نصية', how_letter: 'خطاب', how_hand: 'تسليم باليد', how_email: 'بريد إلكتروني', how_call: 'اتصال هاتفي',
    evidenceMissing: 'اكتب الإثبات (٣ أحرف على الأقل).',
    alternativesDo: 'بدائل القطع', altDone: 'سُجِّل: {what}', altNote: 'بديل للقطع: {what}',
  },
  en: {
    refusedNoSend: 'The policy refuses this cut: it cannot be confirmed. Choose another reason or one of the alternatives.',
    noticeHow: 'How the notice was served', noticeEvidence: 'Evidence (message or letter number, who received it)', noticeConfirm: 'Confirm: record the final notice',
    noticeWarn: 'The notice period before a cut counts from this notice; it is recorded in your name in the audit log.',
    how_sms: 'SMS', how_letter: 'Letter', how_hand: 'By hand', how_email: 'Email', how_call: 'Phone call',
    evidenceMissing: 'Write the evidence (at least 3 characters).',
    alternativesDo: 'Instead of a cut', altDone: 'Recorded: {what}', altNote: 'Alternative to a cut: {what}',
  },
};
const s = (k: keyof typeof L.en, vars: Record<string, string> = {}) => L[prefs.locale][k].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');
const NOTICE_HOW = ['sms', 'letter', 'hand', 'email', 'call'] as const;

const REASONS: Record<Action, string[]> = {
  disconnect: ['non_payment', 'customer_request', 'move_out', 'safety', 'tamper', 'fraud', 'maintenance', 'other'],
  reconnect: ['payment_received', 'customer_request', 'wrongful_cut_correction', 'safety_cleared', 'tamper_cleared', 'maintenance_done', 'other'],
};

export interface CommandFlow {
  meterId: string;
  action: Action;
  reason: string;
  note: string;
  noteMissing: boolean;
  preview: Load<unknown>;
  phase: 'edit' | 'sending' | 'refused' | 'tracking';
  /** Policy answer from the confirm call (409 body or the 2xx body's policy). */
  answer: unknown;
  command: Record<string, unknown> | null;
  /** The server's status for the request: executed, scheduled, pending_approval, ... */
  outcome: string;
  scheduledFor: string;
  /** A final notice recorded from the dialog (ISO time), when the notice rule held the cut back. */
  noticeAt: string;
  /** The final-notice form: open, how it was served, the evidence. */
  notice: { open: boolean; how: string; evidence: string; missing: boolean };
  error: unknown;
}

let flow: CommandFlow | null = null;
let commandsMissing = false;

export function openCommand(m: Meter, action: Action): void {
  flow = { meterId: m.id, action, reason: REASONS[action][0]!, note: '', noteMissing: false, preview: { status: 'idle' }, phase: 'edit', answer: null, command: null, outcome: '', scheduledFor: '', noticeAt: '', notice: { open: false, how: 'sms', evidence: '', missing: false }, error: null };
  update();
}
export function closeCommand(): void {
  flow = null;
  update();
}
export function currentCommandFlow(): CommandFlow | null {
  return flow;
}

interface PolicyView {
  decision: 'allow' | 'refuse' | 'defer' | 'approval' | 'unknown';
  rule: string;
  until: string;
  detail: string;
  alternatives: string[];
  rules: { rule: string; outcome: string; detail: string }[];
}

/** The policy's answer from a DecisionView, an OutcomeView ({decision}) or a 409 problem ({rule, decision}). */
export function readPolicy(x: unknown): PolicyView | null {
  if (!x || typeof x !== 'object') return null;
  // A DecisionView has `outcome` itself (its `policy` field is the rule set's version, not the answer).
  const inner = pick(x, 'decision');
  const p = ('outcome' in x ? x : inner && typeof inner === 'object' ? inner : x) as Record<string, unknown>;
  const raw = str(pick(p, 'outcome', 'decision', 'answer', 'verdict', 'result')).toLowerCase();
  const decision: PolicyView['decision'] = /approval/.test(raw) ? 'approval' : /allow|permit|ok|approved/.test(raw) ? 'allow'
    : /refus|deny|denied|reject|block/.test(raw) ? 'refuse' : /defer|delay|postpone|later/.test(raw) ? 'defer' : 'unknown';
  const rulesRaw = pick(p, 'verdicts', 'rules', 'evaluated', 'trace');
  const rules = Array.isArray(rulesRaw)
    ? rulesRaw.map((r) => ({ rule: str(pick(r, 'rule', 'id', 'name')), outcome: str(pick(r, 'verdict', 'outcome', 'decision', 'result')), detail: str(pick(r, 'detail', 'reason', 'message')) }))
    : [];
  const alts = pick(p, 'alternatives') ?? pick(x, 'alternatives');
  return {
    decision,
    rule: str(pick(p, 'decidingRule', 'rule', 'ruleId', 'refusedBy') ?? pick(x, 'rule')),
    until: str(pick(p, 'until', 'deferredUntil', 'notBefore') ?? pick(x, 'until')),
    detail: str(pick(p, 'detail', 'explanation', 'message')),
    alternatives: Array.isArray(alts) ? alts.map(str) : [],
    rules,
  };
}

function ruleName(rule: string): TemplateResult {
  const k = `rule_${rule}`;
  // The rule's code helps support staff in English; an Arabic page shows only its name.
  return isKey(k) ? html`${t(k as Key)}${prefs.locale === 'en' ? html` <span class="muted small">(${ltr(rule, 'mono')})</span>` : nothing}` : ltr(rule, 'mono');
}

export function policyBox(pv: PolicyView | null, o: { fallback?: PolicyView['decision']; preview?: boolean } = {}): TemplateResult {
  if (!pv) return html``;
  const d = pv.decision === 'unknown' && o.fallback ? o.fallback : pv.decision;
  const cls = d === 'allow' ? 'ok' : d === 'refuse' ? 'error' : d === 'defer' || d === 'approval' ? 'warn' : 'info';
  const text = d === 'allow' ? t('policyAllow') : d === 'refuse' ? t('policyRefuse') : d === 'defer' ? t('policyDefer', { time: pv.until ? dateTime(pv.until, { zone: true }) : '—' })
    : d === 'approval' ? t('policyApproval') : '—';
  return html`<div class="policy notice ${cls}" data-decision=${d} role="status">
    <p class="label">${t('policyAnswer')}</p>
    <p class="decision"><strong>${text}</strong></p>
    ${pv.rule ? html`<p>${t('policyRule', { rule: '' })}${ruleName(pv.rule)}</p>` : nothing}
    ${pv.detail && prefs.locale === 'en' ? html`<p class="small detail">${pv.detail}</p>` : nothing}
    ${pv.alternatives.length ? html`<p>${t('policyAlternatives', { list: pv.alternatives.map((a) => tk('alt_', a)).join(' · ') })}</p>` : nothing}
    ${o.preview ? html`<p class="small muted">${t('policyPreviewNote')}</p>` : nothing}
    ${pv.rules.length ? html`<details><summary>${t('details')}</summary><ul class="rules">${pv.rules.map((r) => html`<li>${ruleName(r.rule)}: <strong>${tk('v_', r.outcome)}</strong>${r.detail && prefs.locale === 'en' ? html` <span class="en">${r.detail}</span>` : nothing}</li>`)}</ul></details>` : nothing}
  </div>`;
}

async function preview(f: CommandFlow): Promise<void> {
  f.preview = { status: 'loading' };
  update();
  // Both change nothing: the policy preview, or the action itself as a dry run (validated by the server's schema).
  const candidates: [string, unknown][] = [
    ['/api/v1/policy/preview', { meterId: f.meterId, action: f.action, reason: f.reason }],
    [`/api/v1/meters/${encodeURIComponent(f.meterId)}/${f.action}`, { reason: f.reason, note: f.note.trim().length >= 3 ? f.note.trim() : 'policy preview', dryRun: true }],
  ];
  for (const [path, b] of candidates) {
    try {
      const data = await api(path, { method: 'POST', body: b });
      f.preview = { status: 'ok', data, at: Date.now() };
      update();
      return;
    } catch (err) {
      if (err instanceof ApiError && (err.missingEndpoint || err.status === 403)) continue;
      if (err instanceof ApiError && err.status === 409) {
        f.preview = { status: 'ok', data: err.problem, at: Date.now() };
        update();
        return;
      }
      f.preview = { status: 'error', error: err };
      update();
      return;
    }
  }
  f.preview = { status: 'missing' };
  update();
}

/** The notice rule wants a final notice before a non-payment cut: record one (audited by the server), then ask again. */
async function recordNotice(f: CommandFlow): Promise<void> {
  const evidence = f.notice.evidence.trim();
  if (evidence.length < 3) {
    f.notice.missing = true;
    update();
    document.getElementById('notice-evidence')?.focus();
    return;
  }
  // The note names how it was served and the evidence, in the operator's words (no canned English text).
  const note = `${s(`how_${f.notice.how}` as keyof typeof L.en)}: ${evidence}`;
  try {
    const r = await api<ApiResponse<'/api/v1/meters/{id}/final-notices', 'post', 201>>(`/api/v1/meters/${encodeURIComponent(f.meterId)}/final-notices`, { method: 'POST', body: { note } });
    f.noticeAt = r.issuedAt;
    f.notice.open = false;
    announce(t('noticeRecorded', { time: dateTime(r.issuedAt) }));
    await preview(f);
  } catch (err) {
    f.error = err;
    update();
  }
}

const FINAL = ['acknowledged', 'rejected', 'failed', 'expired', 'cancelled'];

async function track(f: CommandFlow): Promise<void> {
  const ref = str(pick(f.command, 'reference'));
  const started = Date.now();
  let last = str(pick(f.command, 'status'));
  while (flow === f && ref && !FINAL.includes(str(pick(f.command, 'status'))) && Date.now() - started < 10 * 60_000) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      f.command = { ...f.command, ...(await api<Record<string, unknown>>(`/api/v1/commands/${encodeURIComponent(ref)}`)) };
      const s = str(pick(f.command, 'status'));
      if (s !== last) {
        last = s;
        applyRelayFromCommands([f.command]);
        announce(`${t('commandRef', { ref })}: ${tk('cmd_', s)}`);
        void refreshMeters();
      }
      update();
    } catch {}
  }
  commandLists.delete(f.meterId);
  auditLists.delete(f.meterId);
  update();
}

async function confirm(f: CommandFlow): Promise<void> {
  if (!f.note.trim()) {
    f.noteMissing = true;
    update();
    document.getElementById('cmd-note')?.focus();
    return;
  }
  f.phase = 'sending';
  f.error = null;
  update();
  try {
    const r = await api<Record<string, unknown>>(`/api/v1/meters/${encodeURIComponent(f.meterId)}/${f.action}`, { method: 'POST', body: { reason: f.reason, note: f.note.trim() } });
    const cmd = (typeof pick(r, 'command') === 'object' ? pick(r, 'command') : 'reference' in r ? r : null) as Record<string, unknown> | null;
    f.command = cmd;
    f.answer = r;
    f.outcome = str(pick(r, 'status'));
    f.scheduledFor = str(pick(r, 'scheduledFor'));
    if (!cmd) {
      // scheduled (deferred by the policy), pending a second operator's approval, or refused without a 409
      f.phase = 'refused';
      announce(`${t('policyAnswer')}: ${f.outcome}`);
    } else {
      f.phase = 'tracking';
      announce(`${t('commandRef', { ref: str(pick(cmd, 'reference')) })}: ${tk('cmd_', str(pick(cmd, 'status')) || 'pending')}`);
      void track(f);
    }
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      f.phase = 'refused';
      f.answer = err.problem;
      announce(`${t('cmdRefused')}: ${err.problem.detail ?? ''}`);
    } else {
      if (err instanceof ApiError && err.missingEndpoint) commandsMissing = true;
      f.phase = 'edit';
      f.error = err;
    }
  }
  update();
}

/** A refused cut of water: the policy's alternatives (limit the flow, send a reminder) as buttons that do them. */
function alternatives(f: CommandFlow, m: Meter | undefined, answer: unknown): TemplateResult | typeof nothing {
  if (!m || m.service !== 'water' || !readPolicy(answer)?.alternatives.some((a) => a === 'flow_limit' || a === 'reminder')) return nothing;
  return html`<fieldset class="alternatives" data-alternatives><legend>${s('alternativesDo')}</legend>
    ${waterActions(m, { note: f.note.trim() ? s('altNote', { what: f.note.trim() }) : '', compact: true })}</fieldset>`;
}

/** The preview said Refused for this reason: confirming would only be refused again. */
function refusedByPreview(f: CommandFlow): boolean {
  return f.action === 'disconnect' && f.preview.status === 'ok' && readPolicy(f.preview.data)?.decision === 'refuse';
}

/** A final notice is evidence for a later cut: how it was served and proof, then an explicit confirmation. */
function noticeForm(f: CommandFlow): TemplateResult {
  if (!f.notice.open) {
    return html`<button type="button" class="btn" data-action="final-notice" @click=${() => { f.notice.open = true; update(); }}>${t('recordNotice')}</button>`;
  }
  return html`<fieldset class="notice-form card">
    <legend>${t('recordNotice')}</legend>
    <div class="field"><label for="notice-how">${s('noticeHow')}</label>
      <select id="notice-how" @change=${(e: Event) => { f.notice.how = (e.target as HTMLSelectElement).value; }}>
        ${NOTICE_HOW.map((h) => html`<option value=${h} ?selected=${f.notice.how === h}>${s(`how_${h}`)}</option>`)}</select></div>
    <div class="field"><label for="notice-evidence">${s('noticeEvidence')}</label>
      <input id="notice-evidence" autocomplete="off" aria-invalid=${f.notice.missing ? 'true' : 'false'} .value=${live(f.notice.evidence)}
        @input=${(e: Event) => { f.notice.evidence = (e.target as HTMLInputElement).value; f.notice.missing = false; }} />
      ${f.notice.missing ? html`<p class="field-error">${s('evidenceMissing')}</p>` : nothing}</div>
    <p class="small muted">${s('noticeWarn')}</p>
    <div class="row"><button type="button" class="btn primary" data-action="final-notice-confirm" @click=${() => recordNotice(f)}>${s('noticeConfirm')}</button>
      <button type="button" class="btn" @click=${() => { f.notice.open = false; update(); }}>${t('cancel')}</button></div>
  </fieldset>`;
}

/** The meter's result: a relay state reads as the supply state. */
function resultText(r: string): string {
  if (r === 'open' || r === 'closed' || r === 'armed') return `${t('supply')}: ${relayText(r)}`;
  return outcomeLabel(r);
}

function actionText(action: string, type: string): string {
  if (action === 'disconnect' || action === 'open') return t('disconnect');
  if (action === 'reconnect' || action === 'close' || action === 'closed') return t('reconnect');
  if (type === 'token') return t('token');
  return eventLabel(action || type);
}

function progress(cmd: Record<string, unknown>): TemplateResult {
  const s = str(pick(cmd, 'status')) || 'pending';
  const order = ['pending', 'sent', 'acknowledged'];
  const bad = ['rejected', 'failed', 'expired'].includes(s);
  const idx = bad ? 2 : Math.max(0, order.indexOf(s));
  const attempts = pick(cmd, 'attempts');
  return html`<div class="progress" data-status=${s}>
    <p>${t('commandRef', { ref: '' })}${ltr(str(pick(cmd, 'reference')), 'mono')}</p>
    <ol class="steps">
      ${order.map((o, i) => html`<li class=${i < idx || (i === idx && s === 'acknowledged') ? 'done' : i === idx ? (bad ? 'bad' : 'now') : ''} aria-current=${i === idx ? 'step' : 'false'}>
        ${i === idx && bad ? tk('cmd_', s) : tk('cmd_', o)}</li>`)}
    </ol>
    ${typeof attempts === 'number' && attempts > 1 ? html`<p class="small muted">${t('attempts', { n: attempts })}</p>` : nothing}
    ${pick(cmd, 'result', 'detail') ? html`<p class="small" data-result=${str(pick(cmd, 'result'))}>${resultText(str(pick(cmd, 'result')))} ${prefs.locale === 'en' ? str(pick(cmd, 'detail')) : ''}</p>` : nothing}
  </div>`;
}

export function commandDialogBody(m: Meter | undefined): TemplateResult {
  const f = flow;
  if (!f) return html``;
  const title = f.action === 'disconnect' ? t('cmdTitleDisconnect', { id: f.meterId }) : t('cmdTitleReconnect', { id: f.meterId });
  if (commandsMissing) {
    return html`<h2 id="dlg-title">${title}</h2><p class="notice info">${t('commandsUnavailable')}</p>
      <div class="row end"><button class="btn" value="close" @click=${closeCommand}>${t('close')}</button></div>`;
  }
  const editing = f.phase === 'edit' || f.phase === 'sending';
  const onReason = (e: Event) => {
    f.reason = (e.target as HTMLSelectElement).value;
    f.preview = { status: 'idle' };
    update();
  };
  return html`<h2 id="dlg-title">${title}</h2>
    ${m ? html`<p class="muted small">${m.subscriberName ?? ''} · ${place(m.area)}${m.service === 'water' && f.action === 'disconnect' ? html` · <strong>${t('policyWaterNote')}</strong>` : nothing}</p>` : nothing}
    <form class="cmd-form" @submit=${(e: Event) => { e.preventDefault(); void confirm(f); }}>
      <div class="field">
        <label for="cmd-reason">${t('reason')}</label>
        <select id="cmd-reason" ?disabled=${!editing} @change=${onReason}>
          ${REASONS[f.action].map((r) => html`<option value=${r} ?selected=${f.reason === r}>${tk('r_', r)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="cmd-note">${t('note')}</label>
        <textarea id="cmd-note" rows="2" ?disabled=${!editing} placeholder=${t('notePlaceholder')} aria-invalid=${f.noteMissing ? 'true' : 'false'}
          .value=${live(f.note)} @input=${(e: Event) => { f.note = (e.target as HTMLTextAreaElement).value; f.noteMissing = false; update(); }}></textarea>
        ${f.noteMissing ? html`<p class="field-error">${t('note')}</p>` : nothing}
      </div>
      ${f.action === 'disconnect' && editing ? html`<div class="preview">
        ${f.preview.status === 'idle' ? html`<button type="button" class="btn" @click=${() => preview(f)}>${t('checkPolicy')}</button>`
          : f.preview.status === 'loading' ? html`<p class="muted">${t('loading')}</p>`
          : f.preview.status === 'ok' ? html`${policyBox(readPolicy(f.preview.data), { preview: true })}
            ${f.noticeAt ? html`<p class="notice ok small" role="status">${t('noticeRecorded', { time: dateTime(f.noticeAt) })}</p>`
              : readPolicy(f.preview.data)?.rule === 'notice' ? noticeForm(f) : nothing}
            ${refusedByPreview(f) ? html`<p class="notice error small" data-refused-note>${s('refusedNoSend')}</p>${alternatives(f, m, f.preview.data)}` : nothing}`
          : f.preview.status === 'missing' ? html`<p class="notice info small">${t('policyUnavailable')}</p>`
          : f.preview.status === 'error' ? errorBox(f.preview.error) : nothing}
      </div>` : nothing}
      ${f.error ? errorBox(f.error) : nothing}
      ${f.phase === 'refused' ? html`${policyBox(readPolicy(f.answer), { fallback: 'refuse' })}
        ${alternatives(f, m, f.answer)}
        ${f.outcome === 'scheduled' ? html`<p class="notice warn" data-outcome="scheduled">${t('policyScheduled', { time: dateTime(f.scheduledFor, { zone: true }) })}</p>`
          : f.outcome === 'pending_approval' ? html`<p class="notice warn" data-outcome="pending_approval">${t('policyPending')}</p>`
          : readPolicy(f.answer)?.detail || prefs.locale !== 'en' ? nothing : html`<p class="notice error">${str(pick(f.answer, 'detail'))}</p>`}` : nothing}
      ${f.phase === 'tracking' && f.command ? html`${f.answer && f.action === 'disconnect' ? policyBox(readPolicy(f.answer), { fallback: 'allow' }) : nothing}${progress(f.command)}` : nothing}
      <div class="row end">
        ${editing ? html`<button type="submit" class="btn ${f.action === 'disconnect' ? 'danger' : 'primary'} confirm" ?disabled=${f.phase === 'sending' || refusedByPreview(f)}>
          ${f.phase === 'sending' ? t('sending') : f.action === 'reconnect' ? t('confirmReconnect')
            : f.preview.status === 'ok' && readPolicy(f.preview.data)?.decision === 'defer' ? t('confirmSchedule') : t('confirmDisconnect')}</button>` : nothing}
        <button type="button" class="btn" @click=${closeCommand}>${editing ? t('cancel') : t('close')}</button>
      </div>
    </form>`;
}

// --- command and event history of a meter ----------------------------------------------------------------

const commandLists = new Map<string, Load<unknown[]>>();

function listLoad(cache: Map<string, Load<unknown[]>>, key: string, path: string, ...names: string[]): Load<unknown[]> {
  const cur = cache.get(key);
  if (!cur || (cur.status === 'ok' && Date.now() - cur.at > 15_000)) {
    if (!cur) cache.set(key, { status: 'loading' });
    else cache.set(key, { ...cur, at: Date.now() });
    api(path).then(
      (data) => { cache.set(key, { status: 'ok', data: firstArray(data, ...names), at: Date.now() }); update(); },
      (error) => { cache.set(key, error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }); update(); },
    );
  }
  return cache.get(key)!;
}

export function commandHistory(m: Meter): TemplateResult {
  const l = listLoad(commandLists, m.id, `/api/v1/meters/${encodeURIComponent(m.id)}/commands`, 'commands', 'items');
  if (l.status === 'missing') return html`<p class="notice info small">${t('notAvailable', { what: 'GET /api/v1/meters/:id/commands' })}</p>`;
  if (l.status === 'error') return errorBox(l.error);
  if (l.status !== 'ok') return html`<p class="muted">${t('loading')}</p>`;
  if (!l.data.length) return html`<p class="muted">${t('nothingYet')}</p>`;
  return html`<div class="table-wrap"><table class="list">
    <caption class="sr-only">${t('commandHistory')}</caption>
    <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('reference')}</th><th scope="col">${t('actions')}</th><th scope="col">${t('reason')}</th><th scope="col">${t('status')}</th></tr></thead>
    <tbody>${l.data.map((c) => html`<tr>
      <td data-label=${t('date')} class="when">${dateTime(pick(c, 'createdAt') as string | number | undefined)}</td>
      <th scope="row" data-label=${t('reference')}>${ltr(str(pick(c, 'reference')), 'mono')}</th>
      <td data-label=${t('actions')}>${actionText(str(pick(c, 'action')), str(pick(c, 'type')))}</td>
      <td data-label=${t('reason')}>${commandReason(c)}</td>
      <td data-label=${t('status')}><span class="badge ${pick(c, 'status') === 'acknowledged' ? 'ok' : ['rejected', 'failed', 'expired'].includes(str(pick(c, 'status'))) ? 'bad' : 'warn'}">${tk('cmd_', str(pick(c, 'status')))}</span></td>
    </tr>`)}</tbody>
  </table></div>`;
}

/** "top-up prepaid:admin" as people say it: "Top-up · admin". */
function commandReason(c: unknown): TemplateResult {
  const r = str(pick(c, 'reason'));
  const iss = issuerLabel(str(pick(c, 'issuer')));
  const reason = reasonLabel(r) ?? tk('r_', r, '—');
  const by = iss.text && iss.text !== reason ? `${iss.text} ` : '';
  return html`${reason}${by || iss.who ? html` <span class="muted small">${by}${iss.who ? ltr(iss.who) : nothing}</span>` : nothing}`;
}

const auditLists = new Map<string, Load<unknown[]>>();

/** The meter's events; until the server has an events endpoint, its audit trail (cuts, reconnects, acks, denials). */
const meterEventLists = new Map<string, Load<unknown[]>>();

/** The meter's own events (tokens entered and their results, relay changes and why, tamper, alarms), newest first. */
export function meterEventTimeline(m: Meter): TemplateResult {
  const l = listLoad(meterEventLists, m.id, `/api/v1/meters/${encodeURIComponent(m.id)}/events?limit=50`, 'events');
  if (l.status === 'missing') return html`<p class="notice info small">${t('notAvailable', { what: 'GET /api/v1/meters/:id/events' })}</p>`;
  if (l.status === 'error') return errorBox(l.error);
  if (l.status !== 'ok') return html`<p class="muted">${t('loading')}</p>`;
  if (!l.data.length) return html`<p class="muted">${t('nothingYet')}</p>`;
  return html`<ul class="events meter-events">${(l.data as Record<string, unknown>[]).map((e) => {
    const at = str(e.ts);
    const x = meterEventText(e);
    return html`<li data-event=${str(e.type)}>
      <time datetime=${at} title=${dateTime(at)}>${relative(at)}</time>
      <strong class=${x.bad ? 'bad' : ''}>${x.title}</strong>
      ${x.detail ? html`<span>${x.detail}</span>` : nothing}
    </li>`;
  })}</ul>`;
}

/** The audit trail of the meter: every action on it, by whom, and the meter's answers. */
export function eventHistory(m: Meter): TemplateResult {
  const l = listLoad(auditLists, m.id, `/api/v1/audit?meterId=${encodeURIComponent(m.id)}&limit=50`, 'entries', 'items');
  const fromAudit = true;
  if (l.status === 'missing') return html`<p class="notice info small">${t('notAvailable', { what: 'GET /api/v1/meters/:id/events' })}</p>`;
  if (l.status === 'error') return errorBox(l.error);
  if (l.status !== 'ok') return html`<p class="muted">${t('loading')}</p>`;
  if (!l.data.length) return html`<p class="muted">${t('nothingYet')}</p>`;
  return html`${fromAudit ? html`<p class="small muted">${t('eventsFromAudit')}</p>` : nothing}
    <ul class="events">${l.data.slice(0, 50).map((e) => {
      const at = pick(e, 'ts', 'at', 'time') as string | undefined;
      const who = str(pick(e, 'actor'));
      const reason = str(pick(e, 'reason'));
      const note = str(pick(e, 'note'));
      const outcome = str(pick(e, 'outcome'));
      return html`<li data-action=${str(pick(e, 'action'))}>
        <time datetime=${str(at)} title=${dateTime(at)}>${relative(at)}</time>
        <strong>${actionLabel(str(pick(e, 'type', 'kind', 'event', 'action')))}</strong>
        ${who ? (who.includes(':') ? html`<span>${actorLabel(who)}</span>` : ltr(who)) : nothing}
        ${reason ? html`<span>${reasonLabel(reason) ?? tk('r_', reason)}</span>` : nothing}
        ${outcome ? html`<span class="badge ${/refus|denied|fail|reject/.test(outcome) ? 'bad' : /pending|defer|sched/.test(outcome) ? 'warn' : 'ok'}">${outcomeLabel(outcome)}</span>` : nothing}
        ${note ? html`<span class="muted small note">${reasonLabel(note) ?? note}</span>` : nothing}
      </li>`;
    })}</ul>`;
}

/** Live feed: command progress pushed by the server (the dialog also polls, in case the feed is down). */
export function applyLiveCommands(cs: Record<string, unknown>[]): void {
  const f = flow;
  if (!f?.command) return;
  const ref = str(pick(f.command, 'reference'));
  const hit = cs.find((c) => c.reference === ref);
  if (hit && hit.status !== f.command.status) {
    f.command = { ...f.command, status: hit.status, result: hit.result ?? f.command.result };
    announce(`${t('commandRef', { ref })}: ${tk('cmd_', str(hit.status))}`);
    update();
  }
}
