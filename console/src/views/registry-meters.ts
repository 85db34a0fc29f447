// The meter registry in the console: register one meter, import a vendor's delivery (CSV, every bad line named),
// change a meter's life-cycle state, issue / rotate / revoke its MQTT credentials. The password is shown once in
// a panel with a copy button and dropped from the page's memory when the panel closes. Route: /registry/meters.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, NetworkError, api, getToken, type ApiRequestBody, type ApiResponse } from '../api.ts';
import { announce, update } from '../store.ts';
import { place } from '../prefs.ts';
import { errorBox, ltr } from './common.ts';
import { DESK_ROLES, OPERATOR_ADMIN_ROLES, allowed, fields, invalidate, load, notAllowed, registryNav, rg, rgk, statusBadge } from './registry-common.ts';

type MeterList = ApiResponse<'/api/v1/meters', 'get'>;
type MeterRow = MeterList['meters'][number];
type NewMeter = ApiRequestBody<'/api/v1/meters', 'post'>;
type Credentials = { username: string; password: string; rotated: boolean };
interface ImportError { line: number; field?: string | null; detail: string }

/** The allowed moves (the server checks them too and answers 409 naming the allowed ones). */
const NEXT: Record<string, string[]> = {
  in_stock: ['installed', 'active', 'decommissioned'], installed: ['in_stock', 'active', 'decommissioned'],
  active: ['suspended', 'decommissioned'], suspended: ['active', 'decommissioned'], decommissioned: [],
};
const IMPORT_COLUMNS = ['id', 'service', 'transport', 'area', 'model', 'sts_sgc', 'sts_ti', 'sts_krn', 'sts_key_type', 'sts_base_date'];
const canWork = () => allowed(['admin', 'supervisor', 'field_technician']);

export const metersRegistryLabel = (): string => rg('navMeters');

let filter = '';
let pageError: unknown = null;
let notice = '';
/** The password just issued: only until the panel is closed. */
let secret: (Credentials & { meterId: string; copied: boolean }) | null = null;

export function metersRegistryView(): TemplateResult {
  if (!allowed(DESK_ROLES)) return notAllowed(rg('metersTitle'));
  return html`<section aria-labelledby="h-reg-meters" class="registry registry-meters">
    <h1 id="h-reg-meters">${rg('metersTitle')}</h1>
    ${registryNav('/registry/meters')}
    ${notice ? html`<p class="notice ok" role="status">${notice}</p>` : nothing}
    ${pageError ? errorBox(pageError) : nothing}
    ${secret ? secretPanel() : nothing}
    ${allowed(OPERATOR_ADMIN_ROLES) ? html`${registerForm()}${importForm()}` : nothing}
    ${meterTable()}
  </section>`;
}

function done(msg: string): void {
  notice = msg;
  pageError = null;
  invalidate('/api/v1/meters');
  announce(msg);
  update();
}
function failed(err: unknown): void {
  pageError = err;
  notice = '';
  update();
}

// --- register ------------------------------------------------------------------------------------------------

async function registerMeter(e: Event): Promise<void> {
  const g = fields(e);
  const body: NewMeter = { id: g('id'), service: g('service') === 'water' ? 'water' : 'electricity', transport: g('transport') === 'serial' ? 'serial' : 'mqtt', area: g('area'), status: (g('status') || 'in_stock') as 'in_stock' };
  if (g('model')) body.model = g('model');
  if (g('sgc')) body.sts = { sgc: g('sgc'), ti: Number(g('ti') || 1), krn: Number(g('krn') || 1), keyType: Number(g('keyType') || 2), baseDate: Number(g('baseDate') || 2014) as 2014 };
  try {
    await api('/api/v1/meters', { method: 'POST', body });
    (e.target as HTMLFormElement).reset();
    done(rg('registered', { id: body.id }));
  } catch (err) {
    failed(err);
  }
}

function registerForm(): TemplateResult {
  const f = (id: string, label: string, input: TemplateResult) => html`<div class="field"><label for=${id}>${label}</label>${input}</div>`;
  return html`<h2>${rg('registerTitle')}</h2>
    <form class="card registry-register" @submit=${(e: Event) => void registerMeter(e)}>
      ${f('m-id', rg('meterNumber'), html`<input id="m-id" name="id" dir="ltr" required maxlength="32" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,31}" autocomplete="off" />`)}
      ${f('m-service', rg('service'), html`<select id="m-service" name="service"><option value="electricity">${rg('electricity')}</option><option value="water">${rg('water')}</option></select>`)}
      ${f('m-transport', rg('transport'), html`<select id="m-transport" name="transport"><option value="mqtt">MQTT</option><option value="serial">IEC 62056-21</option></select>`)}
      ${f('m-area', rg('area'), html`<input id="m-area" name="area" required maxlength="64" autocomplete="off" />`)}
      ${f('m-model', rg('model'), html`<input id="m-model" name="model" dir="ltr" maxlength="64" autocomplete="off" />`)}
      ${f('m-status', rg('status'), html`<select id="m-status" name="status">${(['in_stock', 'installed', 'active'] as const).map((s) => html`<option value=${s}>${rgk('st_', s)}</option>`)}</select>`)}
      <details><summary>${rg('stsOptional')}</summary>
        ${f('m-sgc', rg('sgc'), html`<input id="m-sgc" name="sgc" dir="ltr" inputmode="numeric" pattern="\\d{6}" maxlength="6" />`)}
        ${f('m-ti', rg('ti'), html`<input id="m-ti" name="ti" type="number" min="0" max="99" dir="ltr" value="1" />`)}
        ${f('m-krn', rg('krn'), html`<input id="m-krn" name="krn" type="number" min="1" max="9" dir="ltr" value="1" />`)}
        ${f('m-kt', rg('keyType'), html`<input id="m-kt" name="keyType" type="number" min="0" max="3" dir="ltr" value="2" />`)}
        ${f('m-bd', rg('baseDate'), html`<select id="m-bd" name="baseDate"><option>2014</option><option>1993</option><option>2035</option></select>`)}
      </details>
      <div class="row end"><button type="submit" class="btn primary">${rg('register')}</button></div>
    </form>`;
}

// --- CSV import ----------------------------------------------------------------------------------------------

let importErrors: ImportError[] = [];
let importErrorCount = 0;

async function importCsv(e: Event): Promise<void> {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
  const dryRun = (e as SubmitEvent).submitter?.getAttribute('value') === 'check';
  if (!file) return;
  importErrors = [];
  importErrorCount = 0;
  try {
    const token = getToken();
    let res: Response;
    try {
      res = await fetch(`/api/v1/meters/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: { 'content-type': 'text/csv', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: await file.text() });
    } catch (err) {
      throw new NetworkError((err as Error).message);
    }
    const data = await res.json().catch(() => ({})) as Record<string, unknown>;
    if (res.status === 422 && Array.isArray(data.errors)) {
      importErrors = data.errors as ImportError[];
      importErrorCount = typeof data.errorCount === 'number' ? data.errorCount : importErrors.length;
      notice = '';
      pageError = null;
      update();
      return;
    }
    if (!res.ok) throw new ApiError(res.status, { status: res.status, ...data });
    const r = data as { rows: number; created: number; unchanged: number };
    if (!dryRun) form.reset();
    done(dryRun ? rg('checked', { rows: r.rows }) : rg('imported', r));
  } catch (err) {
    failed(err);
  }
}

function importForm(): TemplateResult {
  return html`<h2>${rg('importTitle')}</h2>
    <form class="card registry-import" @submit=${(e: Event) => void importCsv(e)}>
      <p class="muted small">${rg('importHelp')}</p>
      <p class="small"><code dir="ltr" class="mono">${IMPORT_COLUMNS.map((c, i) => html`${i ? html`,<wbr>` : nothing}${c}`)}</code></p>
      <div class="field"><label for="m-csv">${rg('csvFile')}</label><input id="m-csv" name="file" type="file" accept=".csv,text/csv" required /></div>
      <div class="row end"><button type="submit" class="btn" name="mode" value="check">${rg('checkOnly')}</button><button type="submit" class="btn primary" name="mode" value="import">${rg('importNow')}</button></div>
      ${importErrors.length ? html`<div class="notice error" role="alert"><p>${rg('importErrors', { n: importErrorCount })}</p>
        <div class="table-wrap"><table class="list import-errors"><thead><tr><th scope="col">${rg('line')}</th><th scope="col">${rg('field')}</th><th scope="col">${rg('detail')}</th></tr></thead>
        <tbody>${importErrors.map((x) => html`<tr data-line=${x.line}><td data-label=${rg('line')}>${ltr(String(x.line), 'mono')}</td><td data-label=${rg('field')}>${ltr(x.field ?? '—', 'mono')}</td><td data-label=${rg('detail')}><span dir="ltr">${x.detail}</span></td></tr>`)}</tbody></table></div></div>` : nothing}
    </form>`;
}

// --- list, state, credentials ----------------------------------------------------------------------------------

async function changeState(id: string, status: string): Promise<void> {
  try {
    await api(`/api/v1/meters/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } });
    done(`${id}: ${rgk('st_', status)}`);
  } catch (err) {
    failed(err);
  }
}

async function issue(id: string): Promise<void> {
  try {
    const c = await api<Credentials>(`/api/v1/meters/${encodeURIComponent(id)}/credentials`, { method: 'POST' });
    secret = { ...c, meterId: id, copied: false };
    notice = '';
    pageError = null;
    invalidate('/api/v1/meters');
    update();
    document.getElementById('secret-close')?.focus();
  } catch (err) {
    failed(err);
  }
}

async function revoke(id: string): Promise<void> {
  if (!confirm(rg('revokeConfirm', { id }))) return;
  try {
    await api(`/api/v1/meters/${encodeURIComponent(id)}/credentials`, { method: 'DELETE' });
    done(rg('revoked', { id }));
  } catch (err) {
    failed(err);
  }
}

// Leaving the page (a link, back/forward) forgets the password too.
document.addEventListener('click', (e) => { if (secret && (e.target as Element).closest?.('a')) secret = null; }, true);
window.addEventListener('popstate', () => { secret = null; });

function closeSecret(): void {
  secret = null;
  update();
}

function secretPanel(): TemplateResult {
  const s = secret!;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(s.password);
    } catch {
      (document.getElementById('secret-pass') as HTMLInputElement | null)?.select();
      document.execCommand('copy');
    }
    s.copied = true;
    announce(rg('copied'));
    update();
  };
  return html`<div class="card notice warn registry-secret" role="alertdialog" aria-labelledby="secret-title" aria-describedby="secret-once">
    <h2 id="secret-title">${rg('secretTitle', { id: '' })}${ltr(s.meterId, 'mono')}</h2>
    <p id="secret-once">${rg('secretOnce')}</p>
    <div class="field"><label for="secret-user">${rg('username')}</label><input id="secret-user" readonly dir="ltr" class="mono" .value=${s.username} /></div>
    <div class="field"><label for="secret-pass">${rg('password')}</label>
      <input id="secret-pass" readonly dir="ltr" class="mono" autocomplete="off" .value=${s.password} /></div>
    <p class="row"><button type="button" class="btn" @click=${() => void copy()}>${s.copied ? rg('copied') : rg('copy')}</button></p>
    <div class="row end"><button type="button" id="secret-close" class="btn primary" @click=${closeSecret}>${rg('closeSecret')}</button></div>
  </div>`;
}

function meterRow(m: MeterRow): TemplateResult {
  const next = NEXT[m.status] ?? [];
  return html`<tr data-meter=${m.id} data-status=${m.status}>
    <td data-label=${rg('meterNumber')}><a href="/meters/${encodeURIComponent(m.id)}">${ltr(m.id, 'mono')}</a></td>
    <td data-label=${rg('service')}>${rg(m.service)} · ${m.transport === 'mqtt' ? 'MQTT' : 'IEC'}</td>
    <td data-label=${rg('area')}>${place(m.area)}</td>
    <td data-label=${rg('household')}>${m.subscriberId ? html`<a href="/registry/subscribers/${m.subscriberId}">${m.subscriberName ?? m.subscriberId}</a>` : '—'}</td>
    <td data-label=${rg('status')}>${statusBadge(m.status)}
      ${canWork() && next.length ? html`<form class="inline" @submit=${(e: Event) => { const g = fields(e); void changeState(m.id, g('status')); }}>
        <label class="sr-only" for="st-${m.id}">${rg('changeState')}</label>
        <select id="st-${m.id}" name="status">${next.map((s) => html`<option value=${s}>${rgk('st_', s)}</option>`)}</select>
        <button type="submit" class="btn small">${rg('apply')}</button></form>` : nothing}</td>
    <td data-label=${rg('credentials')}>${m.transport !== 'mqtt' ? '—' : html`<span class="badge ${m.hasCredentials ? 'ok' : 'muted'}">${m.hasCredentials ? rg('hasCreds') : rg('noCreds')}</span>
      ${canWork() && m.status !== 'decommissioned' ? html`<button type="button" class="btn small" data-issue=${m.id} @click=${() => void issue(m.id)}>${m.hasCredentials ? rg('rotate') : rg('issue')}</button>
        ${m.hasCredentials ? html`<button type="button" class="btn small danger" @click=${() => void revoke(m.id)}>${rg('revoke')}</button>` : nothing}` : nothing}`}</td>
  </tr>`;
}

function meterTable(): TemplateResult {
  const l = load<MeterList>(`/api/v1/meters${filter ? `?q=${encodeURIComponent(filter)}` : ''}`, 15_000);
  let body: TemplateResult;
  if (l.status === 'error') body = errorBox(l.error);
  else if (l.status !== 'ok') body = html`<p class="muted">${rg('loading')}</p>`;
  else {
    const rows = [...l.data.meters].sort((a, b) => a.id.localeCompare(b.id)).slice(0, 100);
    body = html`<p class="muted small">${rg('showing', { n: rows.length, total: l.data.meters.length })}</p>
      <div class="table-wrap"><table class="list registry-meter-list">
      <caption class="sr-only">${rg('metersTitle')}</caption>
      <thead><tr><th scope="col">${rg('meterNumber')}</th><th scope="col">${rg('service')}</th><th scope="col">${rg('area')}</th><th scope="col">${rg('household')}</th><th scope="col">${rg('status')}</th><th scope="col">${rg('credentials')}</th></tr></thead>
      <tbody>${rows.map(meterRow)}</tbody></table></div>`;
  }
  return html`<h2>${rg('navMeters')}</h2>
    <form class="row" role="search" @submit=${(e: Event) => { const g = fields(e); filter = g('q'); update(); }}>
      <label class="sr-only" for="m-filter">${rg('filter')}</label>
      <input id="m-filter" name="q" type="search" .value=${filter} placeholder=${rg('filter')} maxlength="64" />
      <button type="submit" class="btn">${rg('search')}</button></form>
    ${body}`;
}
