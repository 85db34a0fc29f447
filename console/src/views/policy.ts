// The disconnection policy as a department reads it: the rule set in force (version, what each rule does), the
// calendar on which cuts are suspended (holidays, Ramadan, exams, summer — month grids in the utility's time zone),
// heat overrides (declare or clear one) and the cuts the policy deferred and scheduled.
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { ApiError, api, type ApiResponse } from '../api.ts';
import { announce, canAct, state, update } from '../store.ts';
import { num, place, prefs, t } from '../prefs.ts';
import { dateFormat, dateTime, zonedParts } from '../format.ts';
import { outcomeLabel } from '../codes.ts';
import { errorBox, ltr, tk, type Load } from './common.ts';
import { isKey, type Key } from '../i18n.ts';

type Policy = ApiResponse<'/api/v1/policy', 'get'>;
type RuleSet = Policy['ruleSet'];
type Scheduled = ApiResponse<'/api/v1/policy/scheduled', 'get'>['scheduled'];
type Heat = ApiResponse<'/api/v1/policy/heat-overrides', 'get'>['overrides'];
type Versions = ApiResponse<'/api/v1/policy/versions', 'get'>['versions'];
type Moved = ApiResponse<'/api/v1/policy/scheduled/{id}/reschedule', 'post'>;

const L = {
  ar: {
    title: 'سياسة القطع', inForce: 'القواعد السارية', version: 'الإصدار {v}', on: 'مفعّلة', off: 'معطّلة', calendar: 'التقويم',
    calendarIntro: 'أيام لا يُقطع فيها الإمداد (بتوقيت المرفق).', holiday: 'عطلة رسمية', weekend: 'عطلة نهاية الأسبوع', legend: 'المفتاح',
    kind_ramadan: 'رمضان', kind_exams: 'الامتحانات', kind_summer: 'الصيف', kind_other: 'فترة أخرى', periods: 'الفترات', holidays: 'العطل',
    heat: 'الحر الشديد', heatIntro: 'إعلان موجة حر لمنطقة يوقف القطع فيها؛ "عادي" يلغي قاعدة الحر.', area: 'المنطقة', allAreas: 'كل المناطق',
    state: 'الحالة', until: 'حتى', setBy: 'بواسطة', hot: 'حر شديد (لا قطع)', normal: 'عادي', cleared: 'مُلغى', declare: 'تسجيل', note: 'ملاحظة (مطلوبة)',
    noHeat: 'لا إعلانات حر سارية.', scheduled: 'عمليات قطع مجدولة', noScheduled: 'لا عمليات قطع مجدولة.', when: 'موعد التنفيذ', meter: 'العداد',
    requestedBy: 'طلبها', rule: 'أجّلتها القاعدة', cancelHint: 'إعادة توصيل العداد تلغي أيضاً القطع المجدول له.',
    actions: 'إجراءات', change: 'تغيير…', moveTo: 'الموعد الجديد (بتوقيت المرفق)', reschedule: 'نقل الموعد', cancelCut: 'إلغاء القطع', close: 'إغلاق',
    whenMissing: 'اختر الموعد الجديد.', cancelled: 'أُلغي القطع المجدول للعداد {meter}.', moved: 'نُقل القطع إلى {when}.',
    movedLater: 'طلبت {asked}، والسياسة لا تسمح بالقطع حينها ({rule})؛ نُقل إلى {when}.', changeFor: 'تغيير القطع المجدول للعداد {meter}',
    operatorTime: 'موعد حدده موظف', versions: 'إصدارات القواعد', installedBy: 'ثبّته', installedAt: 'تاريخ التثبيت', shipped: 'الإعداد الافتراضي', current: 'السارية',
    noteMissing: 'اكتب ملاحظة (٣ أحرف على الأقل).', saved: 'سُجِّل: {what}', sources: 'المصادر',
    threshold: 'الحد {n}', days: '{n} يوم', perHour: '{n} في الساعة لكل منطقة', quiet: 'من {from} إلى {to}', degrees: '{n}° م',
  },
  en: {
    title: 'Disconnection policy', inForce: 'Rules in force', version: 'Version {v}', on: 'On', off: 'Off', calendar: 'Calendar',
    calendarIntro: "Days on which supply is not cut (utility's time zone).", holiday: 'Public holiday', weekend: 'Weekend', legend: 'Key',
    kind_ramadan: 'Ramadan', kind_exams: 'Exams', kind_summer: 'Summer', kind_other: 'Other period', periods: 'Periods', holidays: 'Holidays',
    heat: 'Extreme heat', heatIntro: 'A heat wave declared for an area stops cuts there; "normal" lifts the heat rule.', area: 'Area', allAreas: 'All areas',
    state: 'State', until: 'Until', setBy: 'Set by', hot: 'Hot (no cuts)', normal: 'Normal', cleared: 'Cleared', declare: 'Record', note: 'Note (required)',
    noHeat: 'No heat overrides in force.', scheduled: 'Scheduled cuts', noScheduled: 'No cuts are scheduled.', when: 'Carried out at', meter: 'Meter',
    requestedBy: 'Asked by', rule: 'Deferred by', cancelHint: 'Reconnecting the meter also cancels its scheduled cut.',
    actions: 'Actions', change: 'Change…', moveTo: "New time (utility's time zone)", reschedule: 'Move', cancelCut: 'Cancel the cut', close: 'Close',
    whenMissing: 'Choose the new time.', cancelled: 'The scheduled cut of meter {meter} is cancelled.', moved: 'The cut is moved to {when}.',
    movedLater: 'You asked for {asked}; the policy does not allow the cut then ({rule}), so it is moved to {when}.', changeFor: 'Change the scheduled cut of meter {meter}',
    operatorTime: 'Time set by an operator', versions: 'Rule-set versions', installedBy: 'Installed by', installedAt: 'Installed', shipped: 'Shipped default', current: 'In force',
    noteMissing: 'Write a note (at least 3 characters).', saved: 'Recorded: {what}', sources: 'Sources',
    threshold: 'threshold {n}', days: '{n} days', perHour: '{n} per hour per area', quiet: '{from} to {to}', degrees: '{n} °C',
  },
};
const s = (k: keyof typeof L.en, vars: Record<string, string | number> = {}) =>
  L[prefs.locale][k].replace(/\{(\w+)\}/g, (_, v: string) => (typeof vars[v] === 'number' ? num(vars[v] as number) : String(vars[v] ?? '')));

let policy: Load<RuleSet> = { status: 'idle' };
let scheduled: Load<Scheduled> = { status: 'idle' };
let heat: Load<Heat> = { status: 'idle' };
let versions: Load<Versions> = { status: 'idle' };
/** The scheduled cut being changed (one at a time), its form and the last answer. */
const change = { id: null as number | null, at: '', note: '', missing: '' as '' | 'at' | 'note', busy: false, error: null as unknown, result: null as { kind: 'cancelled' | 'moved' | 'moved-later'; text: string } | null };
const heatForm = { area: '*', state: 'hot' as 'hot' | 'normal' | 'cleared', until: '', note: '', missing: false, busy: false, error: null as unknown };

export const policyLabel = (): string => s('title');

function get<T>(path: string, set: (l: Load<T>) => void): void {
  api<T>(path).then(
    (data) => { set({ status: 'ok', data, at: Date.now() }); update(); },
    (error) => { set(error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }); update(); },
  );
}

function load(): void {
  policy = { status: 'loading' };
  get<Policy>('/api/v1/policy', (l) => { policy = l.status === 'ok' ? { ...l, data: l.data.ruleSet } : l as Load<RuleSet>; });
  if (scheduled.status !== 'ok') scheduled = { status: 'loading' };
  get<{ scheduled: Scheduled }>('/api/v1/policy/scheduled', (l) => { scheduled = l.status === 'ok' ? { ...l, data: l.data.scheduled } : l as Load<Scheduled>; });
  if (heat.status !== 'ok') heat = { status: 'loading' };
  get<{ overrides: Heat }>('/api/v1/policy/heat-overrides', (l) => { heat = l.status === 'ok' ? { ...l, data: l.data.overrides } : l as Load<Heat>; });
  if (versions.status !== 'ok') versions = { status: 'loading' };
  get<{ versions: Versions }>('/api/v1/policy/versions', (l) => { versions = l.status === 'ok' ? { ...l, data: l.data.versions } : l as Load<Versions>; });
}

function loadScheduled(): void {
  get<{ scheduled: Scheduled }>('/api/v1/policy/scheduled', (l) => { scheduled = l.status === 'ok' ? { ...l, data: l.data.scheduled } : l as Load<Scheduled>; });
}

/** A wall-clock time typed in a datetime-local field ("2026-12-08T10:00"), read in the utility's time zone (not the browser's). */
export function zonedInstant(local: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  let at = wall;
  for (let i = 0; i < 3; i++) {
    const p = zonedParts(at);
    at = wall - (Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(at / 60_000) * 60_000);
  }
  return at;
}

/** The datetime-local value of an instant on the utility's clock. */
function wallValue(ms: number): string {
  const p = zonedParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}`;
}

async function changeScheduled(c: Scheduled[number], verb: 'cancel' | 'reschedule'): Promise<void> {
  const at = verb === 'reschedule' ? zonedInstant(change.at) : null;
  change.missing = change.note.trim().length < 3 ? 'note' : verb === 'reschedule' && at === null ? 'at' : '';
  if (change.missing) {
    update();
    document.getElementById(change.missing === 'note' ? 'sched-note' : 'sched-at')?.focus();
    return;
  }
  change.busy = true;
  change.error = null;
  change.result = null;
  update();
  try {
    if (verb === 'cancel') {
      await api(`/api/v1/policy/scheduled/${c.id}/cancel`, { method: 'POST', body: { note: change.note.trim() } });
      change.result = { kind: 'cancelled', text: s('cancelled', { meter: c.meterId }) };
    } else {
      const r = await api<Moved>(`/api/v1/policy/scheduled/${c.id}/reschedule`, { method: 'POST', body: { at: new Date(at!).toISOString(), note: change.note.trim() } });
      change.result = r.scheduledFor === r.requested
        ? { kind: 'moved', text: s('moved', { when: dateTime(r.scheduledFor, { zone: true }) }) }
        : { kind: 'moved-later', text: s('movedLater', { asked: dateTime(r.requested, { zone: true }), rule: ruleLabel(r.decision.decidingRule ?? ''), when: dateTime(r.scheduledFor, { zone: true }) }) };
    }
    announce(change.result.text);
    change.id = null;
    change.note = '';
    change.at = '';
    loadScheduled();
  } catch (err) {
    change.error = err;
  }
  change.busy = false;
  update();
}

function changeForm(c: Scheduled[number]): TemplateResult {
  return html`<tr class="change-row"><td colspan="6"><form class="filters sched-form" aria-label=${s('changeFor', { meter: c.meterId })} @submit=${(e: Event) => { e.preventDefault(); void changeScheduled(c, 'reschedule'); }}>
    <div class="field"><label for="sched-at">${s('moveTo')}</label><input id="sched-at" type="datetime-local" aria-invalid=${change.missing === 'at' ? 'true' : 'false'} .value=${live(change.at)}
      @input=${(e: Event) => { change.at = (e.target as HTMLInputElement).value; change.missing = ''; }} />
      ${change.missing === 'at' ? html`<p class="field-error">${s('whenMissing')}</p>` : nothing}</div>
    <div class="field grow"><label for="sched-note">${s('note')}</label><input id="sched-note" aria-invalid=${change.missing === 'note' ? 'true' : 'false'} .value=${live(change.note)}
      @input=${(e: Event) => { change.note = (e.target as HTMLInputElement).value; change.missing = ''; }} />
      ${change.missing === 'note' ? html`<p class="field-error">${s('noteMissing')}</p>` : nothing}</div>
    <div class="field actions"><button type="submit" class="btn primary" data-action="reschedule" ?disabled=${change.busy}>${s('reschedule')}</button>
      <button type="button" class="btn danger" data-action="cancel" ?disabled=${change.busy} @click=${() => void changeScheduled(c, 'cancel')}>${s('cancelCut')}</button>
      <button type="button" class="btn" @click=${() => { change.id = null; change.error = null; update(); }}>${s('close')}</button></div>
  </form>${change.error ? errorBox(change.error) : nothing}</td></tr>`;
}

function versionsCard(): TemplateResult {
  return html`<section class="card" aria-labelledby="h-versions">
    <h2 id="h-versions">${s('versions')}</h2>
    ${versions.status === 'error' ? errorBox(versions.error) : versions.status === 'missing' ? nothing : versions.status !== 'ok' ? html`<p class="muted">${t('loading')}</p>` : html`<div class="table-wrap"><table class="list versions">
      <thead><tr><th scope="col">${s('version', { v: '' }).trim()}</th><th scope="col">${s('installedAt')}</th><th scope="col">${s('installedBy')}</th><th scope="col">${s('state')}</th></tr></thead>
      <tbody>${versions.data.map((v) => html`<tr data-version-row=${v.version}>
        <th scope="row" data-label=${s('version', { v: '' }).trim()}>${num(v.version)}${v.name && (prefs.locale === 'en' || /[\u0600-\u06ff]/.test(v.name)) ? html` <span class="muted small">${v.name}</span>` : nothing}</th>
        <td data-label=${s('installedAt')} class="when">${v.installedAt ? dateTime(v.installedAt) : s('shipped')}</td>
        <td data-label=${s('installedBy')}>${v.installedBy ? ltr(v.installedBy) : '—'}</td>
        <td data-label=${s('state')}>${v.inForce ? html`<span class="badge ok">${s('current')}</span>` : '—'}</td></tr>`)}</tbody></table></div>`}
  </section>`;
}

function ruleLabel(id: string): string {
  const k = `rule_${id}`;
  return isKey(k) ? t(k as Key) : id;
}

/** What the rule's settings are, in words. */
function ruleSettings(id: string, r: Record<string, unknown>): string {
  switch (id) {
    case 'quietHours': return s('quiet', { from: String(r.from), to: String(r.to) });
    case 'notice': return s('days', { n: Number(r.days) });
    case 'rateLimit': return s('perHour', { n: Number(r.maxPerHourPerArea) });
    case 'bulkApproval': return s('threshold', { n: Number(r.threshold) });
    case 'heat': return s('degrees', { n: Number(r.thresholdC) });
    case 'weekend': return (r.days as number[]).map((d) => dateFormat({ weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + d)))).join('، ');
    case 'calendarPeriods': return (r.kinds as string[]).map((k) => s(`kind_${k}` as keyof typeof L.en)).join(' · ');
    default: return '';
  }
}

function rulesCard(rs: RuleSet): TemplateResult {
  const rules = rs.rules as unknown as Record<string, Record<string, unknown>>;
  return html`<section class="card" aria-labelledby="h-rules">
    <h2 id="h-rules">${s('inForce')} <span class="badge info" data-version=${rs.version}>${s('version', { v: rs.version })}</span></h2>
    ${prefs.locale === 'en' || /[\u0600-\u06ff]/.test(rs.name) ? html`<p class="muted small">${rs.name}</p>` : nothing}
    <ul class="rule-list">${Object.entries(rules).map(([id, r]) => html`<li data-rule=${id}>
      <span class="badge ${r.enabled === false ? 'muted' : 'ok'}">${r.enabled === false ? s('off') : s('on')}</span>
      <strong>${ruleLabel(id)}</strong> ${ruleSettings(id, r) ? html`<span class="muted">${ruleSettings(id, r)}</span>` : nothing}</li>`)}</ul>
  </section>`;
}

/** A day's marks from the calendar: holiday name, period kind, weekend. */
function dayInfo(rs: RuleSet, ymd: string, weekday: number): { cls: string; title: string } {
  const h = rs.calendar.holidays.find((x) => x.date === ymd);
  if (h) return { cls: 'holiday', title: prefs.locale === 'ar' && h.nameAr ? h.nameAr : h.name };
  const p = rs.calendar.periods.find((x) => x.from <= ymd && ymd <= x.to);
  if (p) return { cls: `period ${p.kind}`, title: prefs.locale === 'ar' && p.nameAr ? p.nameAr : p.name };
  const wk = (rs.rules as unknown as { weekend: { enabled: boolean; days: number[] } }).weekend;
  if (wk.enabled && wk.days.includes(weekday)) return { cls: 'weekend', title: s('weekend') };
  return { cls: '', title: '' };
}

function monthGrid(rs: RuleSet, y: number, m: number, today: string): TemplateResult {
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = first.getUTCDay(); // weeks start on Sunday, as in Gulf calendars
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const wdName = (d: number) => dateFormat({ weekday: 'narrow', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + d)));
  return html`<table class="month" data-month="${y}-${String(m).padStart(2, '0')}">
    <caption>${dateFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(first)}</caption>
    <thead><tr>${[0, 1, 2, 3, 4, 5, 6].map((d) => html`<th scope="col">${wdName(d)}</th>`)}</tr></thead>
    <tbody>${weeks.map((w) => html`<tr>${w.map((d, i) => {
      if (d === null) return html`<td></td>`;
      const ymd = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const info = dayInfo(rs, ymd, i);
      return html`<td class="day ${info.cls} ${ymd === today ? 'today' : ''}" title=${info.title} data-date=${ymd}>${num(d)}${info.title ? html`<span class="sr-only"> ${info.title}</span>` : nothing}</td>`;
    })}</tr>`)}</tbody>
  </table>`;
}

function calendarCard(rs: RuleSet): TemplateResult {
  const now = zonedParts(Date.now());
  const today = `${now.y}-${String(now.mo).padStart(2, '0')}-${String(now.d).padStart(2, '0')}`;
  const months = [0, 1, 2].map((i) => { const mm = now.mo - 1 + i; return { y: now.y + Math.floor(mm / 12), m: (mm % 12) + 1 }; });
  const upcoming = rs.calendar.periods.filter((p) => p.to >= today);
  const holidays = rs.calendar.holidays.filter((h) => h.date >= today).slice(0, 12);
  const nm = (x: { name: string; nameAr?: string }) => (prefs.locale === 'ar' && x.nameAr ? x.nameAr : x.name);
  const day = (ymd: string) => dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${ymd}T12:00:00Z`));
  return html`<section class="card" aria-labelledby="h-cal">
    <h2 id="h-cal">${s('calendar')}</h2>
    <p class="muted small">${s('calendarIntro')}</p>
    <p class="cal-key small" aria-label=${s('legend')}><span class="key holiday"></span>${s('holiday')} <span class="key period"></span>${s('periods')} <span class="key weekend"></span>${s('weekend')}</p>
    <div class="months">${months.map((x) => monthGrid(rs, x.y, x.m, today))}</div>
    <div class="history">
      <div><h3>${s('periods')}</h3>${upcoming.length ? html`<ul class="plain">${upcoming.map((p) => html`<li data-kind=${p.kind}><strong>${s(`kind_${p.kind}` as keyof typeof L.en)}</strong> · ${nm(p)}: ${day(p.from)} – ${day(p.to)}</li>`)}</ul>` : html`<p class="muted">—</p>`}</div>
      <div><h3>${s('holidays')}</h3>${holidays.length ? html`<ul class="plain">${holidays.map((h) => html`<li>${day(h.date)} · ${nm(h)}</li>`)}</ul>` : html`<p class="muted">—</p>`}</div>
    </div>
    ${rs.calendar.sources.length && prefs.locale === 'en' ? html`<p class="small muted">${s('sources')}: ${rs.calendar.sources.join(' · ')}</p>` : nothing}
  </section>`;
}

async function saveHeat(): Promise<void> {
  if (heatForm.note.trim().length < 3) {
    heatForm.missing = true;
    update();
    document.getElementById('heat-note')?.focus();
    return;
  }
  heatForm.busy = true;
  heatForm.error = null;
  update();
  try {
    const body: Record<string, string> = { area: heatForm.area, state: heatForm.state, note: heatForm.note.trim() };
    if (heatForm.until && zonedInstant(heatForm.until) !== null) body.until = new Date(zonedInstant(heatForm.until)!).toISOString(); // the utility's clock, not the browser's
    await api('/api/v1/policy/heat-overrides', { method: 'POST', body });
    announce(s('saved', { what: s(heatForm.state) }));
    heatForm.note = '';
    heat = { status: 'loading' };
    get<{ overrides: Heat }>('/api/v1/policy/heat-overrides', (l) => { heat = l.status === 'ok' ? { ...l, data: l.data.overrides } : l as Load<Heat>; });
  } catch (err) {
    heatForm.error = err;
  }
  heatForm.busy = false;
  update();
}

function heatCard(): TemplateResult {
  const areas = [...new Set([...state.meters.values()].map((m) => m.area).filter((a): a is string => !!a))].sort();
  const list = heat.status === 'ok' ? heat.data : [];
  return html`<section class="card" aria-labelledby="h-heat">
    <h2 id="h-heat">${s('heat')}</h2>
    <p class="muted small">${s('heatIntro')}</p>
    ${heat.status === 'error' ? errorBox(heat.error) : list.length ? html`<div class="table-wrap"><table class="list heat">
      <thead><tr><th scope="col">${s('area')}</th><th scope="col">${s('state')}</th><th scope="col">${s('until')}</th><th scope="col">${s('setBy')}</th></tr></thead>
      <tbody>${list.map((h) => html`<tr><th scope="row" data-label=${s('area')}>${h.area === '*' ? s('allAreas') : place(h.area)}</th>
        <td data-label=${s('state')}><span class="badge ${h.state === 'hot' ? 'warn' : 'muted'}">${s(h.state)}</span></td>
        <td data-label=${s('until')} class="when">${h.until ? dateTime(h.until, { zone: true }) : '—'}</td>
        <td data-label=${s('setBy')}>${ltr(h.setBy)} ${h.note ? html`<span class="muted small">${h.note}</span>` : nothing}</td></tr>`)}</tbody></table></div>`
      : html`<p class="muted">${s('noHeat')}</p>`}
    ${canAct() ? html`<form class="filters heat-form" @submit=${(e: Event) => { e.preventDefault(); void saveHeat(); }}>
      <div class="field"><label for="heat-area">${s('area')}</label><select id="heat-area" @change=${(e: Event) => { heatForm.area = (e.target as HTMLSelectElement).value; }}>
        <option value="*" ?selected=${heatForm.area === '*'}>${s('allAreas')}</option>${areas.map((a) => html`<option value=${a} ?selected=${heatForm.area === a}>${place(a)}</option>`)}</select></div>
      <div class="field"><label for="heat-state">${s('state')}</label><select id="heat-state" @change=${(e: Event) => { heatForm.state = (e.target as HTMLSelectElement).value as typeof heatForm.state; }}>
        ${(['hot', 'normal', 'cleared'] as const).map((x) => html`<option value=${x} ?selected=${heatForm.state === x}>${s(x)}</option>`)}</select></div>
      <div class="field"><label for="heat-until">${s('until')}</label><input id="heat-until" type="datetime-local" .value=${live(heatForm.until)} @change=${(e: Event) => { heatForm.until = (e.target as HTMLInputElement).value; }} /></div>
      <div class="field grow"><label for="heat-note">${s('note')}</label><input id="heat-note" aria-invalid=${heatForm.missing ? 'true' : 'false'} .value=${live(heatForm.note)}
        @input=${(e: Event) => { heatForm.note = (e.target as HTMLInputElement).value; heatForm.missing = false; }} />
        ${heatForm.missing ? html`<p class="field-error">${s('noteMissing')}</p>` : nothing}</div>
      <div class="field"><button type="submit" class="btn primary" ?disabled=${heatForm.busy}>${s('declare')}</button></div>
    </form>${heatForm.error ? errorBox(heatForm.error) : nothing}` : nothing}
  </section>`;
}

function scheduledCard(): TemplateResult {
  return html`<section class="card" aria-labelledby="h-sched">
    <h2 id="h-sched">${s('scheduled')}</h2>
    ${scheduled.status === 'error' ? errorBox(scheduled.error) : scheduled.status !== 'ok' ? html`<p class="muted">${t('loading')}</p>`
      : !scheduled.data.length ? html`<p class="muted" data-empty>${s('noScheduled')}</p>` : html`<div class="table-wrap"><table class="list scheduled">
      <thead><tr><th scope="col">${s('when')}</th><th scope="col">${s('meter')}</th><th scope="col">${t('reason')}</th><th scope="col">${s('rule')}</th><th scope="col">${s('requestedBy')}</th>${canAct() ? html`<th scope="col">${s('actions')}</th>` : nothing}</tr></thead>
      <tbody>${scheduled.data.map((c) => html`<tr data-meter=${c.meterId} data-id=${c.id}><td data-label=${s('when')} class="when">${dateTime(c.scheduledFor, { zone: true })}</td>
        <th scope="row" data-label=${s('meter')}><a href="/meters/${encodeURIComponent(c.meterId)}">${ltr(c.meterId, 'mono')}</a></th>
        <td data-label=${t('reason')}>${tk('r_', c.reason, c.reason)}</td>
        <td data-label=${s('rule')}>${c.decision.decidingRule ? html`${ruleLabel(c.decision.decidingRule)} <span class="muted small">${outcomeLabel(c.decision.outcome)}</span>` : html`<span class="muted">${s('operatorTime')}</span>`}</td>
        <td data-label=${s('requestedBy')}>${ltr(c.requestedBy)}</td>
        ${canAct() ? html`<td data-label=${s('actions')}><button type="button" class="btn small" data-action="change" aria-expanded=${change.id === c.id ? 'true' : 'false'}
          aria-label=${s('changeFor', { meter: c.meterId })}
          @click=${() => { change.id = change.id === c.id ? null : c.id; change.at = wallValue(Date.parse(c.scheduledFor)); change.note = ''; change.missing = ''; change.error = null; change.result = null; update(); }}>${s('change')}</button></td>` : nothing}</tr>
        ${change.id === c.id ? changeForm(c) : nothing}`)}</tbody></table></div>
      <p class="small muted">${s('cancelHint')}</p>`}
    ${change.result ? html`<p class="notice ${change.result.kind === 'moved-later' ? 'info' : 'ok'} small" data-result=${change.result.kind}>${change.result.text}</p>` : nothing}
  </section>`;
}

export function policyView(): TemplateResult {
  if (policy.status === 'idle' || (policy.status === 'ok' && Date.now() - policy.at > 60_000)) load();
  return html`<section aria-labelledby="h-policy" class="policy-page">
    <h1 id="h-policy">${s('title')}</h1>
    ${policy.status === 'error' ? errorBox(policy.error) : policy.status !== 'ok' ? html`<p class="muted">${t('loading')}</p>` : html`
      ${calendarCard(policy.data)}
      ${scheduledCard()}
      ${heatCard()}
      ${rulesCard(policy.data)}
      ${versionsCard()}`}
  </section>`;
}
