// Operators in the console: the list with roles and areas, adding one (role, areas, first password), disabling or
// enabling, resetting a password (their sessions end). Supervisors see the list; only an admin changes it (the API
// enforces the same). Route: /registry/operators.
import { html, nothing, type TemplateResult } from 'lit-html';
import { api, type ApiRequestBody, type ApiResponse } from '../api.ts';
import { announce, state, update } from '../store.ts';
import { place } from '../prefs.ts';
import { errorBox, ltr } from './common.ts';
import { OPERATOR_ADMIN_ROLES, allowed, fields, invalidate, load, notAllowed, registryNav, rg, rgk } from './registry-common.ts';

type Operators = ApiResponse<'/api/v1/users', 'get'>;
type Operator = Operators['users'][number];
type NewOperator = ApiRequestBody<'/api/v1/users', 'post'>;
const ROLES = ['admin', 'supervisor', 'operator', 'call_centre', 'cashier', 'field_technician', 'viewer'] as const;

export const operatorsLabel = (): string => rg('navOperators');

let pageError: unknown = null;
let notice = '';
let resetFor: number | null = null;

const isAdmin = () => state.session?.user.role === 'admin';
const areasOf = (s: string) => s.split(/[,،]/).map((a) => a.trim()).filter(Boolean);

async function act(f: () => Promise<unknown>, msg: string): Promise<boolean> {
  try {
    await f();
    notice = msg;
    pageError = null;
    invalidate('/api/v1/users');
    announce(msg);
    update();
    return true;
  } catch (err) {
    pageError = err;
    notice = '';
    update();
    return false;
  }
}

export function operatorsView(): TemplateResult {
  if (!allowed(OPERATOR_ADMIN_ROLES)) return notAllowed(rg('operatorsTitle'));
  const l = load<Operators>('/api/v1/users', 15_000);
  let list: TemplateResult;
  if (l.status === 'error') list = errorBox(l.error);
  else if (l.status !== 'ok') list = html`<p class="muted">${rg('loading')}</p>`;
  else list = html`<div class="table-wrap"><table class="list registry-operators">
    <caption class="sr-only">${rg('operatorsTitle')}</caption>
    <thead><tr><th scope="col">${rg('username')}</th><th scope="col">${rg('role')}</th><th scope="col">${rg('area')}</th><th scope="col">${rg('status')}</th>${isAdmin() ? html`<th scope="col">${rg('actions')}</th>` : nothing}</tr></thead>
    <tbody>${l.data.users.map(row)}</tbody></table></div>`;
  return html`<section aria-labelledby="h-ops" class="registry registry-ops">
    <h1 id="h-ops">${rg('operatorsTitle')}</h1>
    ${registryNav('/registry/operators')}
    ${notice ? html`<p class="notice ok" role="status">${notice}</p>` : nothing}
    ${pageError ? errorBox(pageError) : nothing}
    ${isAdmin() ? addForm() : html`<p class="muted">${rg('onlyAdmin')}</p>`}
    ${list}
  </section>`;
}

function row(u: Operator): TemplateResult {
  const me = state.session?.user.username === u.username;
  return html`<tr data-user=${u.username}>
    <td data-label=${rg('username')}>${ltr(u.username, 'mono')}${u.displayName ? html` <span class="muted small">${u.displayName}</span>` : nothing}</td>
    <td data-label=${rg('role')}>${rgk('r_', u.role)}</td>
    <td data-label=${rg('area')}>${u.areas.length ? u.areas.map(place).join('، ') : html`<span class="muted">${rg('everyArea')}</span>`}</td>
    <td data-label=${rg('status')}><span class="badge ${u.disabled ? 'bad' : 'ok'}">${u.disabled ? rg('disabledBadge') : rg('activeBadge')}</span></td>
    ${isAdmin() ? html`<td data-label=${rg('actions')}>
      ${me ? nothing : html`<button type="button" class="btn small" @click=${() => void act(() => api(`/api/v1/users/${u.id}`, { method: 'PATCH', body: { disabled: !u.disabled } }), rg(u.disabled ? 'enabledOp' : 'disabledOp', { u: u.username }))}>${u.disabled ? rg('enable') : rg('disable')}</button>`}
      <button type="button" class="btn small" aria-expanded=${resetFor === u.id ? 'true' : 'false'} @click=${() => { resetFor = resetFor === u.id ? null : u.id; update(); }}>${rg('resetPassword')}</button>
      ${resetFor === u.id ? html`<form class="inline" @submit=${(e: Event) => { const g = fields(e); const form = e.target as HTMLFormElement; void act(() => api(`/api/v1/users/${u.id}/password`, { method: 'POST', body: { password: g('password') } }), rg('resetDone', { u: u.username })).then((ok) => { if (ok) { form.reset(); resetFor = null; update(); } }); }}>
        <label for="pw-${u.id}">${rg('newPassword')}</label><input id="pw-${u.id}" name="password" type="password" dir="ltr" required minlength="10" maxlength="256" autocomplete="new-password" />
        <button type="submit" class="btn small primary">${rg('reset')}</button></form>` : nothing}
    </td>` : nothing}
  </tr>`;
}

function addForm(): TemplateResult {
  const f = (id: string, label: string, input: TemplateResult) => html`<div class="field"><label for=${id}>${label}</label>${input}</div>`;
  const submit = (e: Event) => {
    const g = fields(e);
    const form = e.target as HTMLFormElement;
    const body: NewOperator = { username: g('username'), password: g('password'), role: g('role') as NewOperator['role'], areas: areasOf(g('areas')), locale: g('locale') === 'en' ? 'en' : 'ar' };
    if (g('displayName')) body.displayName = g('displayName');
    void act(() => api('/api/v1/users', { method: 'POST', body }), rg('addedOp', { u: body.username })).then((ok) => { if (ok) form.reset(); });
  };
  return html`<h2>${rg('newOperator')}</h2>
    <form class="card registry-new-op" @submit=${submit}>
      ${f('o-user', rg('username'), html`<input id="o-user" name="username" dir="ltr" required pattern="[a-z0-9][a-z0-9._\\-]{1,63}" autocomplete="off" />`)}
      ${f('o-name', rg('displayName'), html`<input id="o-name" name="displayName" maxlength="120" autocomplete="off" />`)}
      ${f('o-role', rg('role'), html`<select id="o-role" name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'operator'}>${rgk('r_', r)}</option>`)}</select>`)}
      ${f('o-areas', rg('areas'), html`<input id="o-areas" name="areas" autocomplete="off" />`)}
      ${f('o-locale', rg('language'), html`<select id="o-locale" name="locale"><option value="ar">${rg('lang_ar')}</option><option value="en">${rg('lang_en')}</option></select>`)}
      ${f('o-pass', rg('initialPassword'), html`<input id="o-pass" name="password" type="password" dir="ltr" required minlength="10" maxlength="256" autocomplete="new-password" />`)}
      <div class="row end"><button type="submit" class="btn primary">${rg('add')}</button></div>
    </form>`;
}
