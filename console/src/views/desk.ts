// The subscriber-services desk in the console: the queue with time left on every case (dispatchers
// see the late ones first), the call-centre agent's intake form, and the case page (routing, reply,
// close, reopen, visits, attachments, the meter's recent history). Routes: /desk, /desk/new,
// /desk/cases/<ref>, /desk/stats; the subscriber's pages are in desk-portal.ts.
import { html, nothing, type TemplateResult } from 'lit-html';
import { api, getToken, withTicket } from '../api.ts';
import { announce, state, update } from '../store.ts';
import { prefs } from '../prefs.ts';
import { dateTime } from '../format.ts';
import { errorBox, errorText, ltr } from './common.ts';
import {
  categoryName, clockBadge, d, dk, invalidate, load, stateBadge, uploadFile, type CaseDetail, type CaseView, type Category,
} from './desk-common.ts';
import { deskStatsView } from './desk-stats.ts';
import { portalCasesView } from './desk-portal.ts';

export { d as deskText } from './desk-common.ts';

/** The desk page for a path under /desk or /portal/cases. */
export function deskView(path: string): TemplateResult {
  if (path.startsWith('/portal/cases')) return portalCasesView(path);
  if (path === '/desk/new') return intakeView();
  if (path === '/desk/stats') return deskStatsView();
  const m = /^\/desk\/cases\/([^/]+)$/.exec(path);
  if (m) return caseView(decodeURIComponent(m[1]!));
  return queueView();
}

function role(): string {
  return state.session?.user.role ?? '';
}
const can = {
  intake: () => ['admin', 'supervisor', 'operator', 'call_centre'].includes(role()),
  dispatch: () => ['admin', 'supervisor'].includes(role()),
  work: () => ['admin', 'supervisor', 'operator', 'field_technician'].includes(role()),
  front: () => ['admin', 'supervisor', 'operator', 'call_centre'].includes(role()),
};

function deskNav(active: string): TemplateResult {
  const link = (href: string, label: string) => html`<a class="btn ${active === href ? 'primary' : ''}" href=${href} aria-current=${active === href ? 'page' : 'false'}>${label}</a>`;
  return html`<p class="row">${link('/desk', d('queueTitle'))}${can.intake() ? link('/desk/new', d('newCase')) : nothing}${link('/desk/stats', d('statsTitle'))}</p>`;
}

// --- queue ---------------------------------------------------------------------------------------------------

let queueFilter: 'open' | 'late' | 'all' = 'open';

function queueView(): TemplateResult {
  const url = queueFilter === 'all' ? '/api/v1/cases?limit=300' : queueFilter === 'late' ? '/api/v1/cases?late=true&limit=300' : '/api/v1/cases?state=new,assigned,in_progress,reopened,answered&limit=300';
  const l = load<CaseView[]>(url, 10_000);
  const tab = (f: typeof queueFilter, label: string) => html`<button type="button" class="btn ${queueFilter === f ? 'primary' : ''}" aria-pressed=${queueFilter === f ? 'true' : 'false'}
    @click=${() => { queueFilter = f; update(); }}>${label}</button>`;
  let body: TemplateResult;
  if (l.status === 'error') body = errorBox(l.error);
  else if (l.status !== 'ok') body = html`<p class="muted">${d('loading')}</p>`;
  else if (!l.data.length) body = html`<p class="muted">${d('noCases')}</p>`;
  else {
    body = html`<div class="table-wrap"><table class="list desk-queue">
      <caption class="sr-only">${d('queueTitle')}</caption>
      <thead><tr><th scope="col">${d('reference')}</th><th scope="col">${d('category')}</th><th scope="col">${d('state')}</th><th scope="col">${d('timeLeft')}</th>
        <th scope="col">${d('department')}</th><th scope="col">${d('assignee')}</th><th scope="col">${d('meter')}</th><th scope="col">${d('channel')}</th></tr></thead>
      <tbody>${l.data.map((c) => html`<tr data-ref=${c.reference}>
        <td data-label=${d('reference')}><a href="/desk/cases/${encodeURIComponent(c.reference)}">${ltr(c.reference, 'mono')}</a></td>
        <td data-label=${d('category')}>${categoryName(c)}${c.autoCount > 1 ? html` <span class="muted small">(${d('autoCount', { n: c.autoCount })})</span>` : nothing}</td>
        <td data-label=${d('state')}>${stateBadge(c.state)}</td>
        <td data-label=${d('timeLeft')}>${clockBadge(c)}</td>
        <td data-label=${d('department')}>${ltr(c.department)}</td>
        <td data-label=${d('assignee')}>${c.assignee ?? '—'}</td>
        <td data-label=${d('meter')}>${c.meterId ? html`<a href="/meters/${encodeURIComponent(c.meterId)}">${ltr(c.meterId, 'mono')}</a>` : '—'}</td>
        <td data-label=${d('channel')}>${dk('c_', c.channel)}</td>
      </tr>`)}</tbody></table></div>`;
  }
  return html`<section aria-labelledby="h-desk">
    <h1 id="h-desk">${d('queueTitle')}</h1>
    ${deskNav('/desk')}
    <div class="row" role="group" aria-label=${d('filter')}>${tab('open', d('open'))}${tab('late', d('onlyLate'))}${tab('all', d('all'))}</div>
    ${body}
  </section>`;
}

// --- intake ----------------------------------------------------------------------------------------------------

let intakeError: unknown = null;
let intakeSaved: CaseView | null = null;
let intakeBusy = false;

function intakeView(): TemplateResult {
  const cats = load<Category[]>('/api/v1/desk/categories', 300_000);
  const list = cats.status === 'ok' ? cats.data.filter((c) => !['tamper', 'relay_stuck', 'silent_meter', 'topup_not_accepted'].includes(c.code)) : [];
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const cat = list.find((c) => c.code === s('category'));
    const body: Record<string, unknown> = { kind: s('kind') || cat?.kind || 'complaint', category: s('category'), channel: s('channel') || 'call_centre', description: s('description') };
    if (s('meterId')) body.meterId = s('meterId');
    if (s('subscriberId')) body.subscriberId = Number(s('subscriberId'));
    if (s('callerName') || s('callerPhone')) body.caller = { name: s('callerName'), phone: s('callerPhone') };
    intakeBusy = true;
    intakeError = null;
    update();
    try {
      intakeSaved = await api<CaseView>('/api/v1/cases', { method: 'POST', body });
      (e.target as HTMLFormElement).reset();
      invalidate('/api/v1/cases');
      announce(d('saved', { ref: intakeSaved.reference }));
    } catch (err) {
      intakeError = err;
    } finally {
      intakeBusy = false;
      update();
    }
  };
  return html`<section aria-labelledby="h-intake">
    <h1 id="h-intake">${d('intakeTitle')}</h1>
    ${deskNav('/desk/new')}
    ${intakeSaved ? html`<p class="notice ok" role="status" data-saved-ref=${intakeSaved.reference}>${d('saved', { ref: '' })}
      <a href="/desk/cases/${encodeURIComponent(intakeSaved.reference)}"><strong class="mono" dir="ltr">${intakeSaved.reference}</strong></a> · ${d('due')}: ${dateTime(intakeSaved.dueAt)}</p>` : nothing}
    ${intakeError ? errorBox(intakeError) : nothing}
    <form class="card desk-intake" @submit=${submit}>
      <div class="field"><label for="c-category">${d('category')}</label>
        <select id="c-category" name="category" required>${list.map((c) => html`<option value=${c.code}>${prefs.locale === 'ar' ? c.nameAr : c.nameEn}</option>`)}</select></div>
      <div class="field"><label for="c-kind">${d('kind')}</label>
        <select id="c-kind" name="kind">${(['complaint', 'request', 'enquiry'] as const).map((k) => html`<option value=${k}>${dk('k_', k)}</option>`)}</select></div>
      <div class="field"><label for="c-channel">${d('channel')}</label>
        <select id="c-channel" name="channel">${(['call_centre', 'walk_in', 'app', 'portal'] as const).map((k) => html`<option value=${k}>${dk('c_', k)}</option>`)}</select></div>
      <div class="field"><label for="c-meter">${d('meter')}</label><input id="c-meter" name="meterId" dir="ltr" inputmode="numeric" autocomplete="off" maxlength="32" /></div>
      <div class="field"><label for="c-sub">${d('subscriberId')}</label><input id="c-sub" name="subscriberId" dir="ltr" inputmode="numeric" autocomplete="off" /></div>
      <div class="field"><label for="c-caller">${d('callerName')}</label><input id="c-caller" name="callerName" autocomplete="off" maxlength="120" /></div>
      <div class="field"><label for="c-phone">${d('callerPhone')}</label><input id="c-phone" name="callerPhone" type="tel" dir="ltr" autocomplete="off" /></div>
      <div class="field"><label for="c-desc">${d('description')}</label><textarea id="c-desc" name="description" rows="4" required minlength="3" maxlength="4000"></textarea></div>
      <div class="row end"><button type="submit" class="btn primary" ?disabled=${intakeBusy}>${d('save')}</button></div>
    </form>
  </section>`;
}

// --- case page ---------------------------------------------------------------------------------------------------

let caseError: unknown = null;

async function act(ref: string, step: string, body?: unknown): Promise<void> {
  caseError = null;
  try {
    await api(`/api/v1/cases/${encodeURIComponent(ref)}/${step}`, { method: 'POST', ...(body === undefined ? {} : { body }) });
    invalidate('/api/v1/cases');
    announce(`${ref}: ${step}`);
  } catch (err) {
    caseError = err;
  }
  update();
}

function formOf(e: Event): (k: string) => string {
  e.preventDefault();
  const f = new FormData(e.target as HTMLFormElement);
  return (k) => String(f.get(k) ?? '').trim();
}

function caseView(ref: string): TemplateResult {
  const l = load<CaseDetail>(`/api/v1/cases/${encodeURIComponent(ref)}`, 10_000);
  if (l.status === 'error') return html`<section><h1>${ltr(ref, 'mono')}</h1>${deskNav('')}${errorBox(l.error)}</section>`;
  if (l.status !== 'ok') return html`<section><h1>${ltr(ref, 'mono')}</h1><p class="muted">${d('loading')}</p></section>`;
  const { case: c, timeline, visits, attachments } = l.data;
  const r = c.reference;
  const ctx = c.meterId ? load<{ consumption: { total: number } | null; audit: { at: string; actor: string; action: string; outcome: string | null }[]; topups: { reference: string; amount: number; currency: string; state: string; createdAt: string }[]; commands: { reference: string; type: string; action: string | null; status: string; createdAt: string }[] }>(`/api/v1/cases/${encodeURIComponent(r)}/context`, 30_000) : null;
  return html`<section aria-labelledby="h-case" class="desk-case" data-ref=${r} data-state=${c.state}>
    <h1 id="h-case"><span class="mono" dir="ltr">${r}</span> · ${categoryName(c)}</h1>
    ${deskNav('')}
    <div class="badges">${stateBadge(c.state)} ${clockBadge(c)}
      ${c.breachedAt ? html`<span class="badge bad">${d('breached')}</span>` : c.escalatedAt ? html`<span class="badge warn">${d('escalated')}</span>` : nothing}
      ${c.compensationMinor ? html`<span class="badge bad">${d('compensation')}: ${c.compensationMinor}</span>` : nothing}</div>
    ${caseError ? html`<p class="notice error" role="alert">${errorText(caseError)}</p>` : nothing}
    <div class="card"><dl class="facts">
      <dt>${d('due')}</dt><dd>${dateTime(c.dueAt)}</dd>
      <dt>${d('createdAt')}</dt><dd>${dateTime(c.createdAt)} · ${dk('c_', c.channel)} · ${c.createdBy}</dd>
      <dt>${d('department')}</dt><dd>${ltr(c.department)} · ${c.assignee ?? '—'}</dd>
      ${c.caller ? html`<dt>${d('caller')}</dt><dd>${c.caller.name ?? ''} ${c.caller.phone ? ltr(c.caller.phone) : nothing}</dd>` : nothing}
      ${c.meterId ? html`<dt>${d('meter')}</dt><dd><a href="/meters/${encodeURIComponent(c.meterId)}">${ltr(c.meterId, 'mono')}</a> ${c.area ?? ''}</dd>` : nothing}
      <dt>${d('description')}</dt><dd>${c.description}</dd>
      ${c.reply ? html`<dt>${d('answer')}</dt><dd class="desk-reply">${c.reply}</dd>` : nothing}
    </dl></div>

    <div class="card desk-actions">
      ${can.dispatch() && ['new', 'assigned', 'in_progress', 'reopened'].includes(c.state) ? html`<form @submit=${(e: Event) => { const g = formOf(e); void act(r, 'assign', { department: g('department'), assignee: g('assignee') }); }}>
        <h2>${d('assign')}</h2>
        <div class="field"><label for="a-dept">${d('department')}</label><input id="a-dept" name="department" dir="ltr" required .value=${c.department} /></div>
        <div class="field"><label for="a-who">${d('assignee')}</label><input id="a-who" name="assignee" dir="ltr" required .value=${c.assignee ?? ''} /></div>
        <button type="submit" class="btn primary">${d('assign')}</button></form>` : nothing}
      ${can.work() && c.state === 'assigned' ? html`<p><button type="button" class="btn" @click=${() => act(r, 'start')}>${d('start')}</button></p>` : nothing}
      ${can.work() && (c.state === 'assigned' || c.state === 'in_progress') ? html`<form @submit=${(e: Event) => { const g = formOf(e); void act(r, 'reply', { text: g('text') }); }}>
        <h2>${d('reply')}</h2>
        <div class="field"><label for="r-text">${d('replyText')}</label><textarea id="r-text" name="text" rows="3" required minlength="3"></textarea></div>
        <button type="submit" class="btn primary">${d('reply')}</button></form>` : nothing}
      ${can.front() && c.state !== 'closed' ? html`<p><button type="button" class="btn ${c.state === 'answered' ? 'primary' : ''}" @click=${() => act(r, 'close')}>${d('close')}</button></p>` : nothing}
      ${can.front() && (c.state === 'answered' || c.state === 'closed') ? html`<form @submit=${(e: Event) => { const g = formOf(e); void act(r, 'reopen', { reason: g('reason') }); }}>
        <div class="field"><label for="o-reason">${d('reason')}</label><input id="o-reason" name="reason" required minlength="3" /></div>
        <button type="submit" class="btn">${d('reopen')}</button></form>` : nothing}
    </div>

    <h2>${d('attachments')}</h2>
    <ul>${attachments.map((a) => html`<li><a download=${a.filename} href="${a.href}" @click=${downloadWithTicket}>${a.filename}</a> <span class="muted small">${a.contentType} · ${a.size} B · ${a.uploadedBy}</span></li>`)}</ul>
    ${role() !== 'viewer' ? html`<p><label class="btn">${d('upload')}<input type="file" class="sr-only" accept="image/jpeg,image/png,image/webp,application/pdf,text/plain"
      @change=${async (e: Event) => {
        const file = (e.target as HTMLInputElement).files?.[0];
        if (!file) return;
        try {
          await uploadFile(r, file, getToken());
          caseError = null;
          invalidate('/api/v1/cases');
        } catch (err) {
          caseError = err;
        }
        update();
      }} /></label></p>` : nothing}

    ${visits.length ? html`<h2>${d('visits')}</h2><ul>${visits.map((v) => html`<li>${dateTime(v.slotStart)} – ${dateTime(v.slotEnd)} · ${v.technician} · ${v.state} ${v.result ? `· ${v.result}` : ''}</li>`)}</ul>` : nothing}
    ${l.data.survey ? html`<h2>${d('survey')}</h2><p>${d('score', { n: l.data.survey.score })} ${l.data.survey.comment ?? ''}</p>` : nothing}

    ${ctx && ctx.status === 'ok' ? html`<h2>${d('meterLinks')}</h2>
      ${ctx.data.consumption ? html`<p>${d('used24h')}: <span dir="ltr">${ctx.data.consumption.total}</span></p>` : nothing}
      <h3>${d('recentTopups')}</h3><ul>${ctx.data.topups.map((x) => html`<li>${ltr(x.reference, 'mono')} · ${x.state} · ${dateTime(x.createdAt)}</li>`)}</ul>
      <h3>${d('recentCommands')}</h3><ul>${ctx.data.commands.map((x) => html`<li>${ltr(x.reference, 'mono')} · ${x.type} ${x.action ?? ''} · ${x.status} · ${dateTime(x.createdAt)}</li>`)}</ul>
      <h3>${d('meterAudit')}</h3><ul>${ctx.data.audit.slice(0, 8).map((x) => html`<li>${dateTime(x.at)} · ${x.actor} · ${x.action} ${x.outcome ?? ''}</li>`)}</ul>` : nothing}

    <h2>${d('timeline')}</h2>
    <ol class="desk-timeline">${timeline.map((e) => html`<li>${dateTime(e.at)} · <strong>${e.action}</strong> ${e.fromState && e.toState && e.fromState !== e.toState ? html`${dk('s_', e.fromState)} → ${dk('s_', e.toState)}` : nothing} · ${e.actor} ${e.note ? html`<span class="muted">— ${e.note}</span>` : nothing}</li>`)}</ol>
  </section>`;
}

/** Attachments download with a single-use ticket fetched at click time (bearer tokens never go into URLs). */
function downloadWithTicket(ev: Event): void {
  ev.preventDefault();
  const link = ev.currentTarget as HTMLAnchorElement;
  void withTicket(link.getAttribute('href') ?? '').then((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.download = link.download;
    a.click();
  }, () => {});
}
