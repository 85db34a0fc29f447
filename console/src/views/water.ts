// The water alternatives to a cut as actions: limit the flow (never below the lifeline), lift the limit, send a
// payment reminder. Shown on a water meter's page and as buttons on the refusal of a cut of water; each action
// asks for confirmation first (with its own Idempotency-Key, so a double click replays instead of repeating) and
// answers with the request's reference. The meter's flow state comes from GET /api/v1/meters/{id}/water.
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { api, idempotencyKey, type ApiResponse, type Meter } from '../api.ts';
import { announce, canAct, update } from '../store.ts';
import { num, prefs, t } from '../prefs.ts';
import { dateTime, relative } from '../format.ts';
import { errorBox, ltr, tk } from './common.ts';
import { invalidate, load } from './loads.ts';

type WaterState = ApiResponse<'/api/v1/meters/{id}/water', 'get'>;
type Kind = 'limit' | 'lift' | 'reminder';

const L = {
  ar: {
    title: 'بدائل القطع للمياه', fullFlow: 'تدفق كامل', limited: 'التدفق محدود: {rate}', limiting: 'جارٍ تحديد التدفق: {rate}', restoring: 'جارٍ رفع تحديد التدفق',
    since: 'منذ {time}، بواسطة {by}', lifeline: 'الحد الأدنى المضمون: {rate} (لا تُقطع المياه أبدًا)',
    limit: 'تحديد التدفق', lift: 'رفع تحديد التدفق', reminder: 'إرسال تذكير بالسداد',
    rate: 'التدفق المسموح (لتر/ساعة)', note: 'ملاحظة (السبب)', noteOptional: 'ملاحظة (اختيارية)',
    confirmLimit: 'تأكيد: تحديد التدفق إلى {rate}', confirmLift: 'تأكيد: رفع التحديد', confirmReminder: 'تأكيد: إرسال التذكير',
    warnLimit: 'يُرسل أمر إلى العداد ليحدّ التدفق؛ يبقى الحد الأدنى متاحًا، ويُرفع التحديد تلقائيًا عند الشحن. يُسجَّل باسمك.',
    warnReminder: 'تُرسل رسالة نصية أو بريد إلكتروني إلى المشترك بلغته. يُسجَّل باسمك.',
    belowLifeline: 'أقل من الحد الأدنى ({rate}).', noteMissing: 'اكتب سببًا (٣ أحرف على الأقل).',
    sent: 'أُرسل الطلب، المرجع {ref}', replayed: 'طُلب من قبل، المرجع {ref}', recent: 'آخر الإجراءات',
    k_flow_limit: 'تحديد التدفق', k_flow_restore: 'رفع التحديد', k_reminder: 'تذكير',
  },
  en: {
    title: 'Water: instead of a cut', fullFlow: 'Full flow', limited: 'Flow limited: {rate}', limiting: 'Limiting the flow: {rate}', restoring: 'Lifting the flow limit',
    since: 'since {time}, by {by}', lifeline: 'Lifeline kept: {rate} (water is never cut)',
    limit: 'Limit the flow', lift: 'Lift the limit', reminder: 'Send a reminder',
    rate: 'Flow allowed (L/h)', note: 'Note (why)', noteOptional: 'Note (optional)',
    confirmLimit: 'Confirm: limit the flow to {rate}', confirmLift: 'Confirm: lift the limit', confirmReminder: 'Confirm: send the reminder',
    warnLimit: 'A command goes to the meter to throttle its valve; the lifeline keeps flowing, and the limit lifts by itself when credit arrives. Recorded in your name.',
    warnReminder: 'An SMS or e-mail goes to the subscriber in their language. Recorded in your name.',
    belowLifeline: 'Below the lifeline ({rate}).', noteMissing: 'Write why (at least 3 characters).',
    sent: 'Request sent, reference {ref}', replayed: 'Already requested, reference {ref}', recent: 'Recent actions',
    k_flow_limit: 'Flow limit', k_flow_restore: 'Limit lifted', k_reminder: 'Reminder',
  },
};
type K = keyof typeof L.en;
const s = (k: K, vars: Record<string, string> = {}) => L[prefs.locale][k].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');
const lph = (v: number | null | undefined) => (v == null ? '—' : `${num(v, 0)} ${t('uLph')}`);

interface Form { kind: Kind; rate: string; note: string; key: string; busy: boolean; invalid: '' | 'rate' | 'note'; error: unknown }
const forms = new Map<string, Form | null>();
const results = new Map<string, { reference: string; replayed: boolean; kind: Kind }>();
const stateUrl = (id: string) => `/api/v1/meters/${encodeURIComponent(id)}/water`;
/** The flow state, read again every few seconds while shown (the meter acknowledges within seconds). */
const waterState = (id: string) => load<WaterState>(stateUrl(id), 3_000);

function open(m: Meter, kind: Kind, note = ''): void {
  const st = waterState(m.id);
  const lifeline = st.status === 'ok' ? st.data.lifelineLitresPerHour : 30;
  forms.set(m.id, { kind, rate: String(lifeline), note, key: idempotencyKey(), busy: false, invalid: '', error: null });
  results.delete(m.id);
  update();
  queueMicrotask(() => document.getElementById(`water-${kind === 'limit' ? 'rate' : 'note'}-${m.id}`)?.focus());
}

async function confirm(m: Meter, f: Form): Promise<void> {
  const st = waterState(m.id);
  const lifeline = st.status === 'ok' ? st.data.lifelineLitresPerHour : 1;
  const rate = Number(f.rate);
  if (f.kind === 'limit' && (!Number.isInteger(rate) || rate < lifeline)) { f.invalid = 'rate'; update(); return; }
  if (f.kind !== 'reminder' && f.note.trim().length < 3) { f.invalid = 'note'; update(); return; }
  f.busy = true;
  f.error = null;
  update();
  const base = `/api/v1/meters/${encodeURIComponent(m.id)}`;
  const note = f.note.trim();
  try {
    const r = await api<{ action: { reference: string }; replayed: boolean }>(
      f.kind === 'limit' ? `${base}/flow-limit` : f.kind === 'lift' ? `${base}/flow-limit/lift` : `${base}/reminders`,
      { method: 'POST', headers: { 'idempotency-key': f.key }, body: f.kind === 'limit' ? { litresPerHour: rate, note } : f.kind === 'lift' ? { note } : note.length >= 3 ? { note } : {} },
    );
    results.set(m.id, { reference: r.action.reference, replayed: r.replayed, kind: f.kind });
    forms.set(m.id, null);
    announce(s(r.replayed ? 'replayed' : 'sent', { ref: r.action.reference }));
    invalidate(stateUrl(m.id));
  } catch (err) {
    f.error = err;
  }
  f.busy = false;
  update();
}

function form(m: Meter, f: Form, lifeline: number): TemplateResult {
  const id = m.id;
  const title = f.kind === 'limit' ? s('confirmLimit', { rate: lph(Number(f.rate) || null) }) : f.kind === 'lift' ? s('confirmLift') : s('confirmReminder');
  // A group, not a <form>: it also sits inside the cut dialog's form, and forms do not nest.
  return html`<div class="water-form card" role="group" aria-label=${title} data-water-form=${f.kind}>
    <p class="small muted">${f.kind === 'reminder' ? s('warnReminder') : s('warnLimit')}</p>
    ${f.kind === 'limit' ? html`<div class="field"><label for="water-rate-${id}">${s('rate')}</label>
      <input id="water-rate-${id}" type="number" inputmode="numeric" min=${lifeline} step="1" .value=${live(f.rate)} aria-invalid=${f.invalid === 'rate' ? 'true' : 'false'} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); void confirm(m, f); } }}
        @input=${(e: Event) => { f.rate = (e.target as HTMLInputElement).value; f.invalid = ''; update(); }} />
      ${f.invalid === 'rate' ? html`<p class="field-error">${s('belowLifeline', { rate: lph(lifeline) })}</p>` : nothing}</div>` : nothing}
    <div class="field"><label for="water-note-${id}">${f.kind === 'reminder' ? s('noteOptional') : s('note')}</label>
      <input id="water-note-${id}" autocomplete="off" .value=${live(f.note)} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); void confirm(m, f); } }} aria-invalid=${f.invalid === 'note' ? 'true' : 'false'}
        @input=${(e: Event) => { f.note = (e.target as HTMLInputElement).value; f.invalid = ''; }} />
      ${f.invalid === 'note' ? html`<p class="field-error">${s('noteMissing')}</p>` : nothing}</div>
    ${f.error ? errorBox(f.error) : nothing}
    <div class="row"><button type="button" class="btn ${f.kind === 'limit' ? 'danger' : 'primary'}" data-action="water-confirm" ?disabled=${f.busy} @click=${() => void confirm(m, f)}>${f.busy ? t('sending') : title}</button>
      <button type="button" class="btn" @click=${() => { forms.set(id, null); update(); }}>${t('cancel')}</button></div>
  </div>`;
}

function flowText(st: WaterState): TemplateResult {
  const f = st.flow;
  const cls = f.state === 'none' ? 'ok' : 'warn';
  const text = f.state === 'limited' ? s('limited', { rate: lph(f.litresPerHour) }) : f.state === 'limiting' ? s('limiting', { rate: lph(f.litresPerHour) })
    : f.state === 'restoring' ? s('restoring') : s('fullFlow');
  return html`<p><span class="badge ${cls}" data-flow=${f.state}>${text}</span>
    ${f.state !== 'none' && f.since ? html` <span class="small muted">${s('since', { time: dateTime(f.since), by: f.by ?? '—' })}</span>` : nothing}</p>`;
}

/**
 * The actions, for a water meter: the flow state, the three buttons (lift only while limited), the confirmation
 * form and the last answer. `note` prefills the note (from the refused cut's dialog).
 */
export function waterActions(m: Meter, o: { note?: string; compact?: boolean } = {}): TemplateResult {
  if (m.service !== 'water') return html``;
  const st = waterState(m.id);
  if (st.status === 'missing') return html``;
  if (st.status === 'error') return errorBox(st.error);
  if (st.status !== 'ok') return html`<p class="muted">${t('loading')}</p>`;
  const w = st.data;
  const f = forms.get(m.id) ?? null;
  const res = results.get(m.id);
  const limited = w.flow.state === 'limited' || w.flow.state === 'limiting';
  return html`<div class="water-actions" data-water=${m.id}>
    ${flowText(w)}
    ${o.compact ? nothing : html`<p class="small muted">${s('lifeline', { rate: lph(w.lifelineLitresPerHour) })}</p>`}
    ${canAct() ? html`<div class="row wrap">
      <button type="button" class="btn" data-action="water-limit" aria-pressed=${f?.kind === 'limit' ? 'true' : 'false'} @click=${() => open(m, 'limit', o.note)}>${s('limit')}</button>
      ${limited ? html`<button type="button" class="btn" data-action="water-lift" aria-pressed=${f?.kind === 'lift' ? 'true' : 'false'} @click=${() => open(m, 'lift')}>${s('lift')}</button>` : nothing}
      <button type="button" class="btn" data-action="water-reminder" aria-pressed=${f?.kind === 'reminder' ? 'true' : 'false'} @click=${() => open(m, 'reminder', o.note)}>${s('reminder')}</button>
    </div>` : nothing}
    ${f ? form(m, f, w.lifelineLitresPerHour) : nothing}
    ${res ? html`<p class="notice ok small" role="status" data-water-result=${res.kind}>${s(res.replayed ? 'replayed' : 'sent', { ref: '' })}${ltr(res.reference, 'mono')}</p>` : nothing}
    ${o.compact || !w.actions.length ? nothing : html`<details class="small"><summary>${s('recent')}</summary><ul class="plain">
      ${w.actions.slice(0, 8).map((a) => html`<li>${s(`k_${a.kind}` as K)}${a.litresPerHour ? ` · ${lph(a.litresPerHour)}` : ''} · ${ltr(a.reference, 'mono')} · ${a.requestedBy} · <span title=${dateTime(a.requestedAt)}>${relative(a.requestedAt)}</span>${a.command ? ` · ${tk('cmd_', a.command.status)}` : ''}</li>`)}
    </ul></details>`}
  </div>`;
}

/** The section on a water meter's page. */
export function waterSection(m: Meter): TemplateResult {
  if (m.service !== 'water') return html``;
  return html`<section class="card" aria-labelledby="h-water"><h2 id="h-water">${s('title')}</h2>${waterActions(m)}</section>`;
}
