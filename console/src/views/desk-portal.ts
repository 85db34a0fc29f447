// The subscriber's own requests and complaints in the portal: the list with state and our answer, a new
// request (for one of their meters), and the satisfaction poll once a case is closed (answered once).
import { html, nothing, type TemplateResult } from 'lit-html';
import { api } from '../api.ts';
import { announce, state, update } from '../store.ts';
import { prefs } from '../prefs.ts';
import { dateTime } from '../format.ts';
import { errorBox, ltr } from './common.ts';
import { categoryName, d, dk, invalidate, load, stateBadge, type CaseDetail, type CaseView, type Category } from './desk-common.ts';

let error: unknown = null;
let busy = false;

async function send(path: string, body: unknown, done: string): Promise<void> {
  busy = true;
  error = null;
  update();
  try {
    await api(path, { method: 'POST', body });
    invalidate('/api/v1/cases');
    announce(done);
  } catch (err) {
    error = err;
  } finally {
    busy = false;
    update();
  }
}

export function portalCasesView(path: string): TemplateResult {
  const m = /^\/portal\/cases\/([^/]+)$/.exec(path);
  return m ? portalCase(decodeURIComponent(m[1]!)) : portalList();
}

function portalList(): TemplateResult {
  const l = load<CaseView[]>('/api/v1/cases?limit=100', 15_000);
  const cats = load<Category[]>('/api/v1/desk/categories', 300_000);
  const meters = [...state.meters.values()].map((x) => x.id);
  const offered = cats.status === 'ok' ? cats.data.filter((c) => !['tamper', 'relay_stuck', 'silent_meter', 'topup_not_accepted', 'serious_complaint'].includes(c.code)) : [];
  return html`<section aria-labelledby="h-my-cases">
    <h1 id="h-my-cases">${d('myCases')}</h1>
    ${error ? errorBox(error) : nothing}
    ${l.status === 'error' ? errorBox(l.error) : l.status !== 'ok' ? html`<p class="muted">${d('loading')}</p>` : !l.data.length ? html`<p class="muted">${d('noCases')}</p>`
      : html`<ul class="desk-my-cases">${l.data.map((c) => html`<li data-ref=${c.reference}>
          <a href="/portal/cases/${encodeURIComponent(c.reference)}"><span class="mono" dir="ltr">${c.reference}</span></a> · ${categoryName(c)} ${stateBadge(c.state)}
          <span class="muted small">${dateTime(c.createdAt)}</span></li>`)}</ul>`}
    <form class="card" @submit=${(e: Event) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      const cat = offered.find((c) => c.code === f.get('category'));
      const body: Record<string, unknown> = { kind: cat?.kind ?? 'request', category: String(f.get('category')), description: String(f.get('description') ?? '') };
      if (f.get('meterId')) body.meterId = String(f.get('meterId'));
      void send('/api/v1/cases', body, d('newRequest')).then(() => (e.target as HTMLFormElement).reset());
    }}>
      <h2>${d('newRequest')}</h2>
      <div class="field"><label for="p-cat">${d('category')}</label><select id="p-cat" name="category" required>${offered.map((c) => html`<option value=${c.code}>${prefs.locale === 'ar' ? c.nameAr : c.nameEn}</option>`)}</select></div>
      ${meters.length ? html`<div class="field"><label for="p-meter">${d('meter')}</label><select id="p-meter" name="meterId"><option value="">—</option>${meters.map((id) => html`<option value=${id}>${id}</option>`)}</select></div>` : nothing}
      <div class="field"><label for="p-desc">${d('description')}</label><textarea id="p-desc" name="description" rows="3" required minlength="3"></textarea></div>
      <div class="row end"><button class="btn primary" type="submit" ?disabled=${busy}>${d('send')}</button></div>
    </form>
  </section>`;
}

function portalCase(ref: string): TemplateResult {
  const l = load<CaseDetail>(`/api/v1/cases/${encodeURIComponent(ref)}`, 15_000);
  if (l.status === 'error') return html`<section><h1>${ltr(ref, 'mono')}</h1>${errorBox(l.error)}</section>`;
  if (l.status !== 'ok') return html`<section><h1>${ltr(ref, 'mono')}</h1><p class="muted">${d('loading')}</p></section>`;
  const { case: c, survey, surveyOpen } = l.data;
  return html`<section aria-labelledby="h-my-case" class="desk-my-case" data-state=${c.state}>
    <h1 id="h-my-case"><span class="mono" dir="ltr">${c.reference}</span> · ${categoryName(c)}</h1>
    <p><a href="/portal/cases">${d('myCases')}</a></p>
    <div class="badges">${stateBadge(c.state)}</div>
    ${error ? errorBox(error) : nothing}
    <div class="card"><dl class="facts">
      <dt>${d('createdAt')}</dt><dd>${dateTime(c.createdAt)} · ${dk('c_', c.channel)}</dd>
      <dt>${d('due')}</dt><dd>${dateTime(c.dueAt)}</dd>
      <dt>${d('description')}</dt><dd>${c.description}</dd>
      <dt>${d('answer')}</dt><dd class="desk-reply">${c.reply ?? d('noAnswerYet')}</dd>
    </dl></div>
    ${survey ? html`<p class="notice ok" role="status" data-poll="answered">${d('pollThanks')} ${d('score', { n: survey.score })}</p>` : nothing}
    ${surveyOpen ? html`<form class="card desk-poll" @submit=${(e: Event) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      const comment = String(f.get('comment') ?? '').trim();
      void send(`/api/v1/cases/${encodeURIComponent(c.reference)}/survey`, { score: Number(f.get('score')), ...(comment ? { comment } : {}) }, d('pollThanks'));
    }}>
      <fieldset><legend>${d('pollQuestion')}</legend>
        ${[5, 4, 3, 2, 1].map((n) => html`<label class="check"><input type="radio" name="score" value=${n} required /> ${d('score', { n })}</label>`)}
      </fieldset>
      <div class="field"><label for="poll-comment">${d('pollComment')}</label><textarea id="poll-comment" name="comment" rows="2" maxlength="2000"></textarea></div>
      <div class="row end"><button class="btn primary" type="submit" ?disabled=${busy}>${d('send')}</button></div>
    </form>` : nothing}
  </section>`;
}
