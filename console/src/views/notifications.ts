// Notifications for operators (GET /api/v1/notifications): the outbox by state — queued, sent, delivered,
// failed and the dead letters — with attempts and the last error, and a retry for dead or failed messages
// (POST /api/v1/notifications/{id}/retry, audited). Messages are shown by their preview: a token is masked.
// The page's strings live here (ar, en).
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, api, type ApiResponse } from '../api.ts';
import { update } from '../store.ts';
import { prefs } from '../prefs.ts';
import { dateTime } from '../format.ts';
import { errorBox, ltr, notAvailable, type Load } from './common.ts';

type NotificationList = ApiResponse<'/api/v1/notifications', 'get'>;
type Item = NotificationList['items'][number];

const STRINGS = {
  en: {
    title: 'Notifications', all: 'All', queued: 'Queued', sending: 'Sending', sent: 'Sent', delivered: 'Delivered', failed: 'Failed', dead: 'Dead letters',
    when: 'Created', kind: 'Message', channel: 'Channel', to: 'To', state: 'State', attempts: 'Attempts', error: 'Last error', retry: 'Retry',
    none: 'No messages.', loading: 'Loading…', noChannel: 'No channel is configured (SMPP_URL, SMTP_URL, WEBHOOK_URL): messages are kept here and go once one is.',
    channels: 'Channels in use', sms: 'SMS', email: 'E-mail', webhook: 'Webhook', parts: 'parts',
    k_topup_receipt: 'Top-up receipt', k_credit_low: 'Low credit', k_cut_scheduled: 'Cut notice', k_final_notice: 'Final notice', k_leak: 'Leak alert',
  },
  ar: {
    title: 'الإشعارات', all: 'الكل', queued: 'في الانتظار', sending: 'قيد الإرسال', sent: 'أُرسلت', delivered: 'وصلت', failed: 'تعذّر التسليم', dead: 'رسائل متوقفة',
    when: 'أُنشئت', kind: 'الرسالة', channel: 'القناة', to: 'إلى', state: 'الحالة', attempts: 'المحاولات', error: 'آخر خطأ', retry: 'إعادة المحاولة',
    none: 'لا توجد رسائل.', loading: 'جارٍ التحميل…', noChannel: 'لا توجد قناة مهيأة (SMPP_URL وSMTP_URL وWEBHOOK_URL): تبقى الرسائل هنا وتُرسل عند تهيئة قناة.',
    channels: 'القنوات المستخدمة', sms: 'رسالة نصية', email: 'بريد إلكتروني', webhook: 'Webhook', parts: 'أجزاء',
    k_topup_receipt: 'إيصال شحن', k_credit_low: 'رصيد منخفض', k_cut_scheduled: 'إشعار فصل', k_final_notice: 'إنذار نهائي', k_leak: 'تنبيه تسرب',
  },
} as const;
type Key = keyof (typeof STRINGS)['en'];
const s = (k: Key | string): string => (STRINGS[prefs.locale === 'ar' ? 'ar' : 'en'] as Record<string, string>)[k] ?? k;

const FILTERS = ['', 'queued', 'sent', 'delivered', 'failed', 'dead'] as const;
let filter: (typeof FILTERS)[number] = '';
let list: Load<NotificationList> = { status: 'idle' };
let busy: number | null = null;

function load(): void {
  list = list.status === 'ok' ? { ...list, at: Date.now() } : { status: 'loading' };
  api<NotificationList>(`/api/v1/notifications?limit=200${filter ? `&state=${filter}` : ''}`).then(
    (data) => { list = { status: 'ok', data, at: Date.now() }; update(); },
    (error) => { list = error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }; update(); },
  );
}

async function retry(id: number): Promise<void> {
  busy = id;
  update();
  try {
    await api(`/api/v1/notifications/${id}/retry`, { method: 'POST', body: {} });
  } catch (err) {
    list = { status: 'error', error: err };
  } finally {
    busy = null;
    load();
  }
}

function row(n: Item): TemplateResult {
  return html`<tr>
    <td data-label=${s('when')}>${dateTime(n.createdAt)}</td>
    <td data-label=${s('kind')}>${s(`k_${n.kind}`)}<div class="muted small" dir="auto">${n.preview}</div></td>
    <td data-label=${s('channel')}>${s(n.channel)}${n.smsParts && n.smsParts > 1 ? html` <span class="muted small">(${n.smsParts} ${s('parts')})</span>` : nothing}</td>
    <td data-label=${s('to')}>${ltr(n.recipient, 'mono')}</td>
    <td data-label=${s('state')}>${s(n.state)}</td>
    <td data-label=${s('attempts')}>${n.attempts}</td>
    <td data-label=${s('error')}><span class="small">${n.lastError ?? ''}</span></td>
    <td>${n.state === 'dead' || n.state === 'failed'
      ? html`<button type="button" class="btn" ?disabled=${busy === n.id} @click=${() => void retry(n.id)}>${s('retry')}</button>` : nothing}</td>
  </tr>`;
}

export function notificationsView(): TemplateResult {
  if (list.status === 'idle' || (list.status === 'ok' && Date.now() - list.at > 15_000)) load();
  let body: TemplateResult;
  if (list.status === 'missing') body = notAvailable('GET /api/v1/notifications');
  else if (list.status === 'error') body = errorBox(list.error);
  else if (list.status !== 'ok') body = html`<p class="muted">${s('loading')}</p>`;
  else {
    const d = list.data;
    body = html`${d.configured.length ? html`<p class="muted small">${s('channels')}: ${d.configured.map((c) => s(c)).join('، ')}</p>` : html`<p class="notice" role="status">${s('noChannel')}</p>`}
      ${d.items.length ? html`<div class="table-wrap"><table class="list">
        <caption class="sr-only">${s('title')}</caption>
        <thead><tr>${(['when', 'kind', 'channel', 'to', 'state', 'attempts', 'error'] as const).map((k) => html`<th scope="col">${s(k)}</th>`)}<th scope="col"><span class="sr-only">${s('retry')}</span></th></tr></thead>
        <tbody>${d.items.map(row)}</tbody>
      </table></div>` : html`<p class="muted">${s('none')}</p>`}`;
  }
  return html`<section aria-labelledby="h-notifications">
    <h1 id="h-notifications">${s('title')}</h1>
    <div class="row" role="group" aria-label=${s('state')}>${FILTERS.map((f) => html`<button type="button" class="btn ${filter === f ? 'primary' : ''}" aria-pressed=${filter === f ? 'true' : 'false'}
      @click=${() => { filter = f; list = { status: 'idle' }; update(); }}>${s(f || 'all')}</button>`)}</div>
    ${body}
  </section>`;
}

/** The nav label, in the page's own strings. */
export function notificationsNavLabel(): string {
  return s('title');
}
