// Firmware updates in the console (routes /firmware and /firmware/<id>): the signed packages and the campaigns;
// an administrator starts a campaign (package, area or meters, waves, failure threshold) after a confirmation
// that shows what the server would do (POST …/campaigns/preview: meters per wave), and pauses, resumes or cancels
// one. A campaign's page shows progress per wave as a stacked bar per wave (the chart) and as a table of meters
// per state, the failures with their reasons in words (the server's reason codes, translated here), the meters
// held back and why, and refreshes itself every 2 s while meters are moving. Every action is audited by the API.
import { html, nothing, type TemplateResult } from 'lit-html';
import { api, type ApiRequestBody, type ApiResponse } from '../api.ts';
import { announce, state, update } from '../store.ts';
import { num, pageStrings, place } from '../prefs.ts';
import { dateTime } from '../format.ts';
import { errorBox, ltr } from './common.ts';
import { invalidate, load } from './loads.ts';

type Packages = ApiResponse<'/api/v1/firmware', 'get'>;
type Campaigns = ApiResponse<'/api/v1/firmware/campaigns', 'get'>;
type Campaign = ApiResponse<'/api/v1/firmware/campaigns/{id}', 'get'>;
type Preview = ApiResponse<'/api/v1/firmware/campaigns/preview', 'post'>;
type NewCampaign = ApiRequestBody<'/api/v1/firmware/campaigns', 'post'>;
type DeviceState = keyof Campaign['counts'];

const STRINGS = {
  en: {
    nav: 'Firmware', title: 'Firmware updates', campaigns: 'Campaigns', packages: 'Signed packages', noCampaigns: 'No campaign yet.', noPackages: 'No package uploaded yet (raseed firmware sign, then POST /api/v1/firmware).',
    campaign: 'Campaign', pkg: 'Package', model: 'Model', version: 'Version', size: 'Size', chunk: 'Chunk size', key: 'Signing key', uploaded: 'Uploaded', status: 'State', progress: 'Updated', failuresCol: 'Failed', started: 'Started', open: 'Open',
    newCampaign: 'Start a campaign', area: 'Area (empty: every area)', meters: 'Or these meters only (numbers separated by spaces or commas)', waves: 'Waves: cumulative percentages, the last 100', threshold: 'Pause by itself above this share of failures (%)',
    minCredit: 'Credit a meter must hold (Wh or litres; 0: none)', review: 'Review', back: 'Back', start: 'Start campaign', onlyAdmin: 'Only an administrator can start or change a campaign.',
    confirmTitle: 'Check before starting', confirmText: 'Update {n} meters of model {model} to version {version}.', alreadyCurrent: '{n} meters of the target already run this version or newer and are left out.',
    confirmWave: 'Wave {w}: {n} meters (up to {p} % of them)', confirmThreshold: 'The campaign pauses by itself when more than {p} % of the meters in the open waves fail. A failed meter goes back to its old version; its supply is never touched.',
    startedMsg: 'Campaign {id} started: {n} meters.', badWaves: 'Waves: rising percentages separated by commas, the last one 100 (e.g. 10, 100).',
    campaignTitle: 'Campaign {id}:', backToList: 'All campaigns', total: 'Meters', inProgress: 'In progress', failedTotal: 'Failed or rolled back', waiting: 'Held back', wave: 'Wave {w}', waveCol: 'Wave', waveOf: 'Wave {w} · {p} % · {n} meters',
    perWave: 'Progress per wave', perWaveSummary: 'Meters per state in each wave', current: 'open', failures: 'Failures', noFailures: 'No failure.', reason: 'Reason', meter: 'Meter', detail: 'What the meter said',
    waitingTitle: 'Meters held back', threshold_pause: 'Paused by itself: {f} of {n} meters in the open waves failed (limit {p} %). Resume once the cause is understood, or cancel.',
    operator_pause: 'Paused by an operator.', pause: 'Pause', resume: 'Resume', cancel: 'Cancel campaign', confirmPause: 'Pause campaign {id}? Meters already transferring finish; no new meter starts.',
    confirmResume: 'Resume campaign {id}?', confirmCancel: 'Cancel campaign {id}? Meters not yet started are left as they are; meters in the middle of an update finish it.',
    paused: 'Campaign {id} paused.', resumed: 'Campaign {id} resumed.', cancelled: 'Campaign {id} cancelled.', stillPaused: 'Campaign {id} stays paused: the failures are still above the threshold.',
    live: 'Refreshes every 2 s while meters are moving', createdBy: 'Started by {who}, {when}', thresholdLine: 'Pauses by itself above {p} % failures', firmware: 'Firmware', loading: 'Loading…', legend: 'Legend',
    s_pending: 'Pending', s_downloading: 'Downloading', s_downloaded: 'Downloaded', s_verified: 'Verified', s_updating: 'Installing', s_updated: 'Updated', s_failed: 'Failed', s_rolled_back: 'Rolled back', s_cancelled: 'Not started (cancelled)',
    c_running: 'Running', c_paused: 'Paused', c_cancelled: 'Cancelled', c_completed: 'Completed',
    r_rolled_back: 'The new version failed its self-test; the meter went back to its old version by itself', r_hash_mismatch: 'The image received did not match its signed checksum', r_bad_signature: 'The signature was not valid',
    r_size_mismatch: 'The image size did not match the package', r_chunk_hash: 'A part kept arriving damaged', r_incomplete: 'Not every part arrived before the install', r_expired: 'The meter did not answer in time',
    r_downgrade: 'The meter already runs a newer version', r_too_old: 'The meter’s version is too old for this package (an intermediate version is needed)', r_wrong_model: 'The package is for another meter model',
    r_unknown_key: 'The meter does not trust the signing key', r_not_offered: 'The meter had no download of this package', r_unsupported: 'The meter cannot take firmware updates', r_malformed: 'The meter could not read the command',
    r_not_issued: 'The command could not be sent', r_package_missing: 'The package is no longer stored', r_unknown: 'Unknown reason', r_rejected: 'The meter refused the command', r_failed: 'The meter reported a failure',
    w_supply: 'Supply is cut: no update on a meter without supply', w_credit: 'Credit below the margin', w_protected: 'Protected time (disconnection policy): no update now',
  },
  ar: {
    nav: 'البرنامج الثابت', title: 'تحديثات البرنامج الثابت', campaigns: 'الحملات', packages: 'الحزم الموقّعة', noCampaigns: 'لا توجد حملات بعد.', noPackages: 'لم تُرفع أي حزمة بعد (raseed firmware sign ثم POST /api/v1/firmware).',
    campaign: 'الحملة', pkg: 'الحزمة', model: 'الطراز', version: 'الإصدار', size: 'الحجم', chunk: 'حجم الجزء', key: 'مفتاح التوقيع', uploaded: 'تاريخ الرفع', status: 'الحالة', progress: 'حُدّث', failuresCol: 'فشل', started: 'البدء', open: 'فتح',
    newCampaign: 'بدء حملة', area: 'المنطقة (فارغة: كل المناطق)', meters: 'أو هذه العدادات فقط (أرقام تفصلها مسافات أو فواصل)', waves: 'الموجات: نسب تراكمية، آخرها 100', threshold: 'إيقاف تلقائي إذا تجاوزت نسبة الفشل (٪)',
    minCredit: 'الرصيد الأدنى المطلوب في العداد (واط ساعة أو لتر؛ 0: لا شرط)', review: 'مراجعة', back: 'رجوع', start: 'بدء الحملة', onlyAdmin: 'مدير النظام وحده يستطيع بدء حملة أو تغييرها.',
    confirmTitle: 'تحقق قبل البدء', confirmText: 'تحديث {n} عداداً من طراز {model} إلى الإصدار {version}.', alreadyCurrent: '{n} عداداً من الهدف تعمل بهذا الإصدار أو أحدث فاستُثنيت.',
    confirmWave: 'الموجة {w}: {n} عداداً (حتى {p} ٪ منها)', confirmThreshold: 'تتوقف الحملة تلقائياً إذا فشل أكثر من {p} ٪ من عدادات الموجات المفتوحة. العداد الذي يفشل يعود إلى إصداره السابق، ولا يُمس التيار أبداً.',
    startedMsg: 'بدأت الحملة {id}: {n} عداداً.', badWaves: 'الموجات: نسب متصاعدة تفصلها فواصل، آخرها 100 (مثل 10، 100).',
    campaignTitle: 'الحملة {id}:', backToList: 'كل الحملات', total: 'العدادات', inProgress: 'قيد التنفيذ', failedTotal: 'فشل أو أُعيد', waiting: 'مُعلّقة', wave: 'الموجة {w}', waveCol: 'الموجة', waveOf: 'الموجة {w} · {p} ٪ · {n} عداداً',
    perWave: 'التقدم في كل موجة', perWaveSummary: 'عدد العدادات في كل حالة لكل موجة', current: 'مفتوحة', failures: 'حالات الفشل', noFailures: 'لا توجد حالات فشل.', reason: 'السبب', meter: 'العداد', detail: 'ما أبلغ به العداد',
    waitingTitle: 'عدادات مُعلّقة', threshold_pause: 'توقفت تلقائياً: فشل {f} من {n} عداداً في الموجات المفتوحة (الحد {p} ٪). استأنف بعد فهم السبب، أو ألغِ الحملة.',
    operator_pause: 'أوقفها أحد المستخدمين.', pause: 'إيقاف مؤقت', resume: 'استئناف', cancel: 'إلغاء الحملة', confirmPause: 'إيقاف الحملة {id} مؤقتاً؟ العدادات التي تنزّل الآن تكمل، ولا يبدأ عداد جديد.',
    confirmResume: 'استئناف الحملة {id}؟', confirmCancel: 'إلغاء الحملة {id}؟ العدادات التي لم تبدأ تبقى كما هي، والتي في منتصف التحديث تكمله.',
    paused: 'أُوقفت الحملة {id} مؤقتاً.', resumed: 'استؤنفت الحملة {id}.', cancelled: 'أُلغيت الحملة {id}.', stillPaused: 'بقيت الحملة {id} متوقفة: نسبة الفشل ما زالت فوق الحد.',
    live: 'تتحدث كل ثانيتين ما دامت العدادات تتقدم', createdBy: 'بدأها {who}، {when}', thresholdLine: 'تتوقف تلقائياً إذا تجاوز الفشل {p} ٪', firmware: 'البرنامج الثابت', loading: 'جارٍ التحميل…', legend: 'مفتاح الألوان',
    s_pending: 'بانتظار الدور', s_downloading: 'جارٍ التنزيل', s_downloaded: 'نُزّل', s_verified: 'تم التحقق', s_updating: 'جارٍ التثبيت', s_updated: 'حُدّث', s_failed: 'فشل', s_rolled_back: 'أُعيد للإصدار السابق', s_cancelled: 'لم يبدأ (أُلغيت)',
    c_running: 'جارية', c_paused: 'متوقفة مؤقتاً', c_cancelled: 'ملغاة', c_completed: 'مكتملة',
    r_rolled_back: 'فشل الإصدار الجديد في الفحص الذاتي فعاد العداد إلى إصداره السابق تلقائياً', r_hash_mismatch: 'الصورة المستلمة لا تطابق بصمتها الموقّعة', r_bad_signature: 'التوقيع غير صالح',
    r_size_mismatch: 'حجم الصورة لا يطابق الحزمة', r_chunk_hash: 'ظل أحد الأجزاء يصل تالفاً', r_incomplete: 'لم تصل كل الأجزاء قبل التثبيت', r_expired: 'لم يستجب العداد في الوقت المحدد',
    r_downgrade: 'العداد يعمل بإصدار أحدث', r_too_old: 'إصدار العداد أقدم من أن يقبل هذه الحزمة (يلزم إصدار وسيط)', r_wrong_model: 'الحزمة لطراز عداد آخر',
    r_unknown_key: 'العداد لا يثق بمفتاح التوقيع', r_not_offered: 'لم يكن لدى العداد تنزيل لهذه الحزمة', r_unsupported: 'العداد لا يدعم تحديث البرنامج الثابت', r_malformed: 'لم يستطع العداد قراءة الأمر',
    r_not_issued: 'تعذّر إرسال الأمر', r_package_missing: 'الحزمة لم تعد مخزّنة', r_unknown: 'سبب غير معروف', r_rejected: 'رفض العداد الأمر', r_failed: 'أبلغ العداد عن فشل',
    w_supply: 'التيار مقطوع: لا تحديث لعداد بلا تيار', w_credit: 'الرصيد دون الحد المطلوب', w_protected: 'وقت محمي (سياسة الفصل): لا تحديث الآن',
  },
} as const;
type FwKey = keyof (typeof STRINGS)['en'];
const strings = pageStrings(STRINGS);
const fw = (key: FwKey, vars?: Record<string, string | number>): string => strings.s(key, vars);

/** Every state a meter passes through, in order, with its colour in the charts (Okabe-Ito: readable by the colour-blind). */
const STATES: { s: DeviceState; color: string }[] = [
  { s: 'updated', color: '#009E73' }, { s: 'updating', color: '#56B4E9' }, { s: 'verified', color: '#0072B2' }, { s: 'downloaded', color: '#0072B2' },
  { s: 'downloading', color: '#8fc9ec' }, { s: 'pending', color: '#d5dbe0' }, { s: 'failed', color: '#D55E00' }, { s: 'rolled_back', color: '#E69F00' }, { s: 'cancelled', color: '#8c959f' },
];
const ACTIVE: DeviceState[] = ['downloading', 'downloaded', 'verified', 'updating'];
const stateText = (s: string): string => strings.sk('s_', s);
export const firmwareLabel = (): string => fw('nav');
const isAdmin = (): boolean => state.session?.user.role === 'admin';

/** A failure's reason in words: the code the server derived from what the meter (or the head end) said. */
export function reasonText(code: string): string {
  return `r_${code}` in STRINGS.en ? fw(`r_${code}` as FwKey) : fw('r_unknown');
}

/** Why a meter is held back, in words (the server's reasons start with a fixed phrase). */
function waitingText(reason: string): string {
  if (reason.startsWith('supply is cut')) return fw('w_supply');
  if (reason.startsWith('credit ')) return fw('w_credit');
  if (reason.startsWith('protected time')) return fw('w_protected');
  return reason;
}

let notice = '';
let pageError: unknown = null;
let pending: { body: NewCampaign; preview: Preview } | null = null;
let busy = false;
let refresh: ReturnType<typeof setTimeout> | null = null;

function done(msg: string): void {
  notice = msg;
  pageError = null;
  invalidate('/api/v1/firmware');
  announce(msg);
  update();
}
function failed(err: unknown): void {
  pageError = err;
  notice = '';
  update();
}

/** Redraws in 2 s (the loads refetch what is older than that) while the page is open and meters are moving. */
function keepLive(): void {
  if (refresh) return;
  refresh = setTimeout(() => {
    refresh = null;
    if (location.pathname.startsWith('/firmware')) update();
  }, 2000);
}

export function firmwareView(path: string): TemplateResult {
  const m = /^\/firmware\/(\d+)$/.exec(path.replace(/\/+$/, ''));
  return m ? campaignPage(Number(m[1])) : listPage();
}

function messages(): TemplateResult {
  return html`${notice ? html`<p class="notice ok" role="status">${notice}</p>` : nothing}${pageError ? errorBox(pageError) : nothing}`;
}

// --- the list: campaigns, packages, a new campaign -----------------------------------------------------------

function listPage(): TemplateResult {
  const cs = load<Campaigns>('/api/v1/firmware/campaigns', 2000);
  const ps = load<Packages>('/api/v1/firmware', 30_000);
  if (cs.status === 'ok' && cs.data.campaigns.some((c) => c.status === 'running')) keepLive();
  return html`<section aria-labelledby="h-fw" class="firmware">
    <h1 id="h-fw">${fw('title')}</h1>
    ${messages()}
    <h2>${fw('campaigns')}</h2>
    ${cs.status === 'error' ? errorBox(cs.error) : cs.status !== 'ok' ? html`<p class="muted">${fw('loading')}</p>` : campaignTable(cs.data.campaigns)}
    ${isAdmin() ? (ps.status === 'ok' ? newCampaign(ps.data.packages) : nothing) : html`<p class="muted small">${fw('onlyAdmin')}</p>`}
    <h2>${fw('packages')}</h2>
    ${ps.status === 'error' ? errorBox(ps.error) : ps.status !== 'ok' ? html`<p class="muted">${fw('loading')}</p>` : packageTable(ps.data.packages)}
  </section>`;
}

function progressBar(counts: Campaign['counts'], total: number, label: string): TemplateResult {
  return html`<span class="fw-bar" role="img" aria-label=${label}>${STATES.filter((x) => counts[x.s] > 0).map((x) => html`<span
    class="seg" data-state=${x.s} style="inline-size:${(counts[x.s] / Math.max(1, total)) * 100}%;background:${x.color}" title="${stateText(x.s)}: ${num(counts[x.s])}"></span>`)}</span>`;
}

function statusBadge(c: Pick<Campaign, 'status'>): TemplateResult {
  const cls = c.status === 'completed' ? 'ok' : c.status === 'paused' ? 'warn' : c.status === 'cancelled' ? 'muted' : 'info';
  return html`<span class="badge ${cls}" data-status=${c.status}>${strings.sk('c_', c.status)}</span>`;
}

function campaignTable(list: Campaign[]): TemplateResult {
  if (!list.length) return html`<p class="muted">${fw('noCampaigns')}</p>`;
  return html`<div class="table-wrap"><table class="fw-campaigns">
    <thead><tr><th scope="col">${fw('campaign')}</th><th scope="col">${fw('pkg')}</th><th scope="col">${fw('status')}</th><th scope="col">${fw('progress')}</th>
      <th scope="col" class="num">${fw('failuresCol')}</th><th scope="col">${fw('started')}</th></tr></thead>
    <tbody>${list.map((c) => {
      const failedN = c.counts.failed + c.counts.rolled_back;
      return html`<tr data-campaign=${c.id}>
        <th scope="row" data-label=${fw('campaign')}><a href="/firmware/${c.id}">${fw('campaign')} ${num(c.id)}</a></th>
        <td data-label=${fw('pkg')}>${ltr(`${c.model} ${c.version}`)}</td>
        <td data-label=${fw('status')}>${statusBadge(c)}</td>
        <td data-label=${fw('progress')}><span class="fw-progress">${progressBar(c.counts, c.total, `${num(c.counts.updated)} / ${num(c.total)}`)}<span class="small">${num(c.counts.updated)} / ${num(c.total)}</span></span></td>
        <td data-label=${fw('failuresCol')} class="num">${num(failedN)}</td>
        <td data-label=${fw('started')} class="when">${dateTime(c.createdAt)}</td></tr>`;
    })}</tbody></table></div>`;
}

function packageTable(list: Packages['packages']): TemplateResult {
  if (!list.length) return html`<p class="muted">${fw('noPackages')}</p>`;
  return html`<div class="table-wrap"><table class="fw-packages">
    <thead><tr><th scope="col">${fw('model')}</th><th scope="col">${fw('version')}</th><th scope="col" class="num">${fw('size')}</th><th scope="col" class="num">${fw('chunk')}</th>
      <th scope="col">${fw('key')}</th><th scope="col">${fw('uploaded')}</th></tr></thead>
    <tbody>${list.map((p) => html`<tr data-package=${p.id}>
      <th scope="row" data-label=${fw('model')}>${ltr(p.model)}</th><td data-label=${fw('version')}>${ltr(p.version)}</td>
      <td data-label=${fw('size')} class="num">${num(p.size)} B</td><td data-label=${fw('chunk')} class="num">${num(p.chunkSize)} B</td>
      <td data-label=${fw('key')}>${ltr(p.keyId, 'mono')}</td><td data-label=${fw('uploaded')} class="when">${dateTime(p.createdAt)}</td></tr>`)}</tbody></table></div>`;
}

function parseWaves(text: string): { percent: number }[] | null {
  const parts = text.split(/[,،\s]+/).map((x) => x.trim()).filter(Boolean).map((x) => Number(x.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)))));
  if (!parts.length || parts.some((x) => !Number.isFinite(x) || x <= 0 || x > 100) || parts.some((x, i) => i > 0 && x <= parts[i - 1]!) || parts[parts.length - 1] !== 100) return null;
  return parts.map((percent) => ({ percent }));
}

async function review(e: Event, packages: Packages['packages']): Promise<void> {
  e.preventDefault();
  const f = new FormData(e.target as HTMLFormElement);
  const g = (k: string) => String(f.get(k) ?? '').trim();
  const pkg = packages.find((p) => String(p.id) === g('package'));
  const waves = parseWaves(g('waves'));
  if (!pkg) return;
  if (!waves) return failed(new Error(fw('badWaves')));
  const meters = g('meters').split(/[\s,،]+/).filter(Boolean);
  const body: NewCampaign = {
    firmwareId: pkg.id, target: { model: pkg.model, ...(g('area') ? { area: g('area') } : {}), ...(meters.length ? { meters } : {}) },
    waves, maxFailurePercent: Number(g('threshold') || 0), minCredit: Math.max(0, Math.round(Number(g('minCredit') || 0))),
  };
  try {
    busy = true;
    const preview = await api<Preview>('/api/v1/firmware/campaigns/preview', { method: 'POST', body });
    pending = { body, preview };
    pageError = null;
  } catch (err) {
    pageError = err;
  } finally {
    busy = false;
    update();
  }
}

async function startCampaign(): Promise<void> {
  if (!pending || busy) return;
  busy = true;
  update();
  try {
    const c = await api<Campaign>('/api/v1/firmware/campaigns', { method: 'POST', body: pending.body });
    pending = null;
    done(fw('startedMsg', { id: c.id, n: c.total }));
    history.pushState(null, '', `/firmware/${c.id}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  } catch (err) {
    failed(err);
  } finally {
    busy = false;
    update();
  }
}

function newCampaign(packages: Packages['packages']): TemplateResult {
  if (!packages.length) return nothing as unknown as TemplateResult;
  if (pending) {
    const p = pending.preview;
    return html`<section class="card fw-confirm" aria-labelledby="h-fw-confirm" role="group">
      <h2 id="h-fw-confirm">${fw('confirmTitle')}</h2>
      <p><strong>${fw('confirmText', { n: p.meters, model: p.model, version: p.version })}</strong></p>
      ${p.alreadyCurrent ? html`<p class="muted">${fw('alreadyCurrent', { n: p.alreadyCurrent })}</p>` : nothing}
      <ol class="fw-waves">${p.waves.map((w, i) => html`<li>${fw('confirmWave', { w: i + 1, n: w.meters, p: w.percent })}</li>`)}</ol>
      <p class="notice info">${fw('confirmThreshold', { p: pending.body.maxFailurePercent })}</p>
      <div class="row end"><button type="button" class="btn" @click=${() => { pending = null; update(); }}>${fw('back')}</button>
        <button type="button" class="btn primary" data-action="start" ?disabled=${busy} @click=${() => void startCampaign()}>${fw('start')}</button></div>
    </section>`;
  }
  const areas = [...new Set([...state.meters.values()].map((m) => m.area))].sort();
  const f = (id: string, label: string, input: TemplateResult) => html`<div class="field"><label for=${id}>${label}</label>${input}</div>`;
  return html`<h2>${fw('newCampaign')}</h2>
    <form class="card fw-new" @submit=${(e: Event) => void review(e, packages)}>
      ${f('fw-pkg', fw('pkg'), html`<select id="fw-pkg" name="package" required>${packages.map((p) => html`<option value=${p.id}>${p.model} ${p.version}</option>`)}</select>`)}
      ${f('fw-area', fw('area'), html`<input id="fw-area" name="area" maxlength="64" list="fw-areas" autocomplete="off" /><datalist id="fw-areas">${areas.map((a) => html`<option value=${a}>${place(a)}</option>`)}</datalist>`)}
      ${f('fw-meters', fw('meters'), html`<textarea id="fw-meters" name="meters" rows="2" dir="ltr" autocomplete="off"></textarea>`)}
      ${f('fw-waves', fw('waves'), html`<input id="fw-waves" name="waves" dir="ltr" required value="10, 100" autocomplete="off" />`)}
      ${f('fw-threshold', fw('threshold'), html`<input id="fw-threshold" name="threshold" type="number" min="0" max="100" step="0.1" dir="ltr" required value="5" />`)}
      ${f('fw-credit', fw('minCredit'), html`<input id="fw-credit" name="minCredit" type="number" min="0" step="1" dir="ltr" value="0" />`)}
      <div class="row end"><button type="submit" class="btn primary" ?disabled=${busy}>${fw('review')}</button></div>
    </form>`;
}

// --- one campaign ----------------------------------------------------------------------------------------------

async function act(c: Campaign, action: 'pause' | 'resume' | 'cancel'): Promise<void> {
  const ask = action === 'pause' ? 'confirmPause' : action === 'resume' ? 'confirmResume' : 'confirmCancel';
  if (!confirm(fw(ask, { id: c.id }))) return;
  try {
    const v = await api<Campaign>(`/api/v1/firmware/campaigns/${c.id}/${action}`, { method: 'POST' });
    done(action === 'resume' && v.status === 'paused' ? fw('stillPaused', { id: c.id }) : fw(action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'cancelled', { id: c.id }));
  } catch (err) {
    failed(err);
  }
}

function campaignPage(id: number): TemplateResult {
  const l = load<Campaign>(`/api/v1/firmware/campaigns/${id}`, 1500);
  const head = html`<p><a href="/firmware" class="back">${fw('backToList')}</a></p>`;
  if (l.status === 'error') return html`${head}${errorBox(l.error)}`;
  if (l.status !== 'ok') return html`${head}<p class="muted">${fw('loading')}</p>`;
  const c = l.data;
  const active = ACTIVE.reduce((a, s) => a + c.counts[s], 0);
  const moving = c.status === 'running' || active > 0;
  if (moving) keepLive();
  const failedN = c.counts.failed + c.counts.rolled_back;
  const openMeters = c.waves.slice(0, c.currentWave + 1).reduce((a, w) => a + w.meters, 0);
  const admin = isAdmin();
  return html`<article class="firmware fw-campaign" aria-labelledby="h-fw-c" data-campaign=${c.id} data-status=${c.status}>
    ${head}
    <h1 id="h-fw-c">${fw('campaignTitle', { id: c.id })} ${ltr(`${c.model} ${c.version}`)}</h1>
    <p class="meta">${statusBadge(c)} · ${fw('createdBy', { who: c.createdBy, when: dateTime(c.createdAt) })} · ${fw('thresholdLine', { p: c.maxFailurePercent })}
      ${moving ? html` · <span class="small" data-live>${fw('live')}</span>` : nothing}</p>
    ${c.status === 'paused' ? html`<p class="notice warn" role="status" data-pause=${c.pauseCode ?? ''}>${c.pauseCode === 'failure_threshold'
      ? fw('threshold_pause', { f: failedN, n: openMeters, p: c.maxFailurePercent }) : fw('operator_pause')}</p>` : nothing}
    ${messages()}
    ${admin && (c.status === 'running' || c.status === 'paused') ? html`<div class="row actions">
      ${c.status === 'running' ? html`<button type="button" class="btn" data-action="pause" @click=${() => void act(c, 'pause')}>${fw('pause')}</button>` : nothing}
      ${c.status === 'paused' ? html`<button type="button" class="btn primary" data-action="resume" @click=${() => void act(c, 'resume')}>${fw('resume')}</button>` : nothing}
      <button type="button" class="btn danger" data-action="cancel" @click=${() => void act(c, 'cancel')}>${fw('cancel')}</button></div>` : nothing}
    <ul class="summary">
      <li><span class="k">${fw('total')}</span><span class="v" data-k="total">${num(c.total)}</span></li>
      <li><span class="k">${fw('progress')}</span><span class="v" data-k="updated">${num(c.counts.updated)}</span></li>
      <li><span class="k">${fw('inProgress')}</span><span class="v" data-k="active">${num(active)}</span></li>
      <li class=${failedN ? 'alert' : ''}><span class="k">${fw('failedTotal')}</span><span class="v" data-k="failed">${num(failedN)}</span></li>
      <li><span class="k">${fw('s_pending')}</span><span class="v" data-k="pending">${num(c.counts.pending)}</span></li>
    </ul>
    <section class="card" aria-labelledby="h-fw-waves">
      <h2 id="h-fw-waves">${fw('perWave')}</h2>
      <ol class="fw-wave-bars">${c.waves.map((w, i) => html`<li data-wave=${i + 1}>
        <span class="label">${fw('waveOf', { w: i + 1, p: w.percent, n: w.meters })}${i === c.currentWave && (c.status === 'running' || c.status === 'paused') ? html` <span class="badge info">${fw('current')}</span>` : nothing}</span>
        ${progressBar(w.counts, w.meters, `${fw('wave', { w: i + 1 })}: ${STATES.filter((x) => w.counts[x.s]).map((x) => `${stateText(x.s)} ${num(w.counts[x.s])}`).join(', ')}`)}</li>`)}</ol>
      <p class="fw-legend small" aria-label=${fw('legend')}>${STATES.filter((x) => c.counts[x.s] > 0 || ['pending', 'updated', 'failed', 'rolled_back'].includes(x.s)).map((x) => html`<span><i style="background:${x.color}" aria-hidden="true"></i>${stateText(x.s)}</span>`)}</p>
      <div class="table-wrap"><table class="fw-wave-table">
        <caption class="sr-only">${fw('perWaveSummary')}</caption>
        <thead><tr><th scope="col">${fw('waveCol')}</th>${STATES.map((x) => html`<th scope="col" class="num">${stateText(x.s)}</th>`)}</tr></thead>
        <tbody>${c.waves.map((w, i) => html`<tr data-wave=${i + 1}><th scope="row" data-label=${fw('waveCol')}>${num(i + 1)} <span class="muted small">(${num(w.percent)} %)</span></th>
          ${STATES.map((x) => html`<td class="num" data-label=${stateText(x.s)} data-state=${x.s}>${num(w.counts[x.s])}</td>`)}</tr>`)}</tbody>
      </table></div>
    </section>
    <section class="card" aria-labelledby="h-fw-fail">
      <h2 id="h-fw-fail">${fw('failures')} <span class="muted">(${num(failedN)})</span></h2>
      ${c.failures.length === 0 ? html`<p class="muted">${fw('noFailures')}</p>` : html`<div class="table-wrap"><table class="fw-failures">
        <thead><tr><th scope="col">${fw('meter')}</th><th scope="col">${fw('status')}</th><th scope="col">${fw('reason')}</th></tr></thead>
        <tbody>${c.failures.map((x) => html`<tr data-meter=${x.meterId} data-code=${x.code}>
          <th scope="row" data-label=${fw('meter')}><a href="/meters/${encodeURIComponent(x.meterId)}">${ltr(x.meterId, 'mono')}</a></th>
          <td data-label=${fw('status')}><span class="badge ${x.state === 'rolled_back' ? 'warn' : 'bad'}">${stateText(x.state)}</span></td>
          <td data-label=${fw('reason')}><span class="fw-reason">${reasonText(x.code)}</span>
            ${x.reason ? html`<details class="small"><summary>${fw('detail')}</summary><span dir="ltr" lang="en">${x.reason}</span></details>` : nothing}</td></tr>`)}</tbody>
      </table></div>`}
    </section>
    ${c.waiting.length ? html`<section class="card" aria-labelledby="h-fw-wait">
      <h2 id="h-fw-wait">${fw('waitingTitle')} <span class="muted">(${num(c.waiting.length)})</span></h2>
      <ul>${c.waiting.map((w) => html`<li><a href="/meters/${encodeURIComponent(w.meterId)}">${ltr(w.meterId, 'mono')}</a> · ${waitingText(w.reason)}</li>`)}</ul>
    </section>` : nothing}
  </article>`;
}

// --- the meter page's line ----------------------------------------------------------------------------------------

/** The meter's firmware (model, version) for the meter page; nothing before the meter reported one. */
export function meterFirmware(m: { model: string | null; firmwareVersion: string | null }): TemplateResult | typeof nothing {
  // From the meter view (the version the meter last reported with its latest state): no request of its own, and
  // nothing to show before the meter reported one.
  if (!m.firmwareVersion) return nothing;
  return html`<div class="stat" data-firmware=${m.firmwareVersion}><dt>${fw('firmware')}</dt><dd>${ltr(`${m.model ?? ''} ${m.firmwareVersion}`.trim())}</dd></div>`;
}
