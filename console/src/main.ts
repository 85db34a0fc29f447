// Raseed console and portal: one role-aware app. Operators (admin, operator, viewer) get the console at /,
// subscribers the portal at / and /portal. Client-side routes; the API serves index.html for them.
import { html, nothing, render, type TemplateResult } from 'lit-html';
import './styles.css';
import './chart.ts';
import { setUnauthorizedHandler, type Session } from './api.ts';
import { applyDocument, localeForUser, prefs, setDigits, setLocale, t, place } from './prefs.ts';
import {
  POLL_SECONDS, announce, isOperator, loadSettings, onLiveCommands, loadSavedSession, onUpdate, saveSession, startLive, state, stopLive, update, setNewAlarmHandler,
} from './store.ts';
import { timeOnly } from './format.ts';
import { loginView, setLoginNotice } from './views/login.ts';
import { alarmMeters, alarmsView, fleetView } from './views/fleet.ts';
import { dialogs, meterView } from './views/meter.ts';
import { chartsView, sampleAreaLoad } from './views/charts.ts';
import { auditView } from './views/audit.ts';
import { notificationsNavLabel, notificationsView } from './views/notifications.ts';
import { portalMeterView, portalView } from './views/portal.ts';
import { applyLiveCommands, closeCommand, commandDialogBody, currentCommandFlow } from './views/command.ts';
import { resetTopup, topupPanel } from './views/topup.ts';
import { num } from './prefs.ts';
import { deskText, deskView } from './views/desk.ts';
import { approvalsLabel, approvalsView, pendingApprovals } from './views/approvals.ts';
import { policyLabel, policyView } from './views/policy.ts';
import { reportsLabel, reportsView } from './views/reports.ts';
import { subscribersLabel, subscribersView } from './views/registry-subscribers.ts';
import { metersRegistryLabel, metersRegistryView } from './views/registry-meters.ts';
import { operatorsLabel, operatorsView } from './views/registry-operators.ts';
import { firmwareLabel, firmwareView } from './views/firmware.ts';

/**
 * Operator pages beyond the built-in ones: one line each (path, nav label, view, optional badge count, who may see
 * it). A new page is registered by adding its line here; parse(), the nav and content() pick it up.
 */
interface ExtraPage { path: string; label: () => string; view: () => TemplateResult; badge?: () => number; roles?: string[] }
const PAGES: ExtraPage[] = [
  { path: '/approvals', label: approvalsLabel, view: approvalsView, badge: pendingApprovals },
  { path: '/policy', label: policyLabel, view: policyView },
  { path: '/reports', label: reportsLabel, view: reportsView },
  { path: '/desk', label: () => deskText('navDesk'), view: () => deskView(location.pathname) },
  { path: '/registry/subscribers', label: subscribersLabel, view: () => subscribersView(location.pathname), roles: ['admin', 'supervisor', 'operator', 'call_centre'] },
  { path: '/registry/meters', label: metersRegistryLabel, view: metersRegistryView, roles: ['admin', 'supervisor', 'operator', 'call_centre'] },
  { path: '/registry/operators', label: operatorsLabel, view: operatorsView, roles: ['admin', 'supervisor'] },
  { path: '/firmware', label: firmwareLabel, view: () => firmwareView(location.pathname), roles: ['admin', 'operator', 'viewer'] },
];
const pageFor = (path: string) => PAGES.find((p) => p.path === path || path.startsWith(p.path + '/'));

type Route =
  | { name: 'login' } | { name: 'fleet' } | { name: 'alarms' } | { name: 'charts' } | { name: 'audit' } | { name: 'notifications' }
  | { name: 'meter'; id: string } | { name: 'portal' } | { name: 'portalMeter'; id: string } | { name: 'page'; path: string } | { name: 'desk'; path: string };

function parse(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  let m: RegExpExecArray | null;
  if (p === '/login') return { name: 'login' };
  if (p === '/alarms') return { name: 'alarms' };
  if (p === '/charts') return { name: 'charts' };
  if (p === '/audit') return { name: 'audit' };
  if (p === '/notifications') return { name: 'notifications' };
  if (p === '/portal') return { name: 'portal' };
  if (p.startsWith('/portal/cases')) return { name: 'desk', path: p };
  if ((m = /^\/portal\/meters\/([^/]+)$/.exec(p))) return { name: 'portalMeter', id: decodeURIComponent(m[1]!) };
  if ((m = /^\/meters\/([^/]+)$/.exec(p))) return { name: 'meter', id: decodeURIComponent(m[1]!) };
  const page = pageFor(p);
  if (page) return { name: 'page', path: page.path };
  return { name: 'fleet' };
}

let route: Route = parse(location.pathname);
let afterLogin = location.pathname + location.search + location.hash;
let focusMain = false;

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route = parse(location.pathname);
  guard();
  focusMain = true;
  update();
}

/** Keeps each role on its own routes. */
function guard(): void {
  if (!state.session) {
    if (route.name !== 'login') {
      afterLogin = location.pathname + location.search + location.hash;
      history.replaceState(null, '', '/login');
      route = { name: 'login' };
    }
    return;
  }
  if (route.name === 'login') {
    history.replaceState(null, '', isOperator() ? '/' : '/portal');
    route = parse(location.pathname);
  }
  if (!isOperator()) {
    if (route.name === 'meter') {
      history.replaceState(null, '', `/portal/meters/${encodeURIComponent(route.id)}`);
      route = { name: 'portalMeter', id: route.id };
    } else if (route.name !== 'portal' && route.name !== 'portalMeter' && !(route.name === 'desk' && route.path.startsWith('/portal/cases'))) {
      history.replaceState(null, '', '/portal');
      route = { name: 'portal' };
    }
  } else if (route.name === 'portal' || (route.name === 'desk' && route.path.startsWith('/portal/'))) {
    history.replaceState(null, '', '/');
    route = { name: 'fleet' };
  } else if (route.name === 'portalMeter') {
    history.replaceState(null, '', `/meters/${encodeURIComponent(route.id)}`);
    route = { name: 'meter', id: route.id };
  }
}

function onSession(s: Session): void {
  saveSession(s);
  // The language sticks to the person: a switch on the sign-in page wins, else their last choice, else their account's.
  localeForUser(s.user.username, s.user.locale);
  void startLive();
  const target = afterLogin && !afterLogin.startsWith('/login') ? afterLogin : '/';
  afterLogin = '/';
  navigate(target, true);
}

function logout(notice = ''): void {
  stopLive();
  saveSession(null);
  localeForUser(null);
  state.meters.clear();
  state.metersLoaded = false;
  setLoginNotice(notice);
  navigate('/login', true);
}

setUnauthorizedHandler(() => {
  if (state.session) logout(t('sessionExpired'));
});

setNewAlarmHandler((m, what) => announce(t('newAlarm', { what: what === 'tamper' ? t('alarmTamper') : t('alarmLowCredit'), id: m.id })));

// --- shell -------------------------------------------------------------------------------------------------

function liveIndicator(): TemplateResult {
  const l = state.live;
  const text = l.networkDown ? t('liveOff') : l.mode === 'sse' ? t('liveSse') : l.mode === 'poll' ? t('livePoll', { s: POLL_SECONDS }) : t('liveOff');
  return html`<p class="live ${l.networkDown || l.mode === 'off' ? 'down' : 'up'}" data-mode=${l.mode}>
    <span class="pulse" aria-hidden="true"></span>${text}
    ${l.lastUpdate ? html`<span class="muted small"> · ${t('updatedAt', { time: timeOnly(l.lastUpdate, true) })}</span>` : nothing}
  </p>`;
}

function navLink(href: string, label: string, active: boolean, badge?: number): TemplateResult {
  return html`<li><a href=${href} aria-current=${active ? 'page' : 'false'}>${label}${badge ? html` <span class="count" aria-label="(${num(badge)})">${num(badge)}</span>` : nothing}</a></li>`;
}

function settings(): TemplateResult {
  return html`<div class="prefs">
    <button type="button" class="btn lang" lang=${prefs.locale === 'ar' ? 'en' : 'ar'} aria-label=${t('switchLanguageLabel')}
      @click=${() => { setLocale(prefs.locale === 'ar' ? 'en' : 'ar'); update(); }}>${t('switchLanguage')}</button>
    ${prefs.locale !== 'ar' ? nothing : html`<label class="check digits"><input type="checkbox" .checked=${prefs.digits === 'arab'}
      @change=${(e: Event) => { setDigits((e.target as HTMLInputElement).checked ? 'arab' : 'latn'); update(); }} /> ${t('arabicDigits')}</label>`}
  </div>`;
}

function header(): TemplateResult {
  const s = state.session;
  const op = isOperator();
  const alarms = op ? alarmMeters().length : 0;
  return html`<header class="top">
    <div class="bar">
      <a class="brand" href="/"><svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#fff"/><path d="M17 4 8 18h7l-2 10 10-15h-7z" fill="#0b6e4f"/></svg>
        <span class="name">${t('appName')}</span><span class="tag">${t('appTagline')}</span></a>
      ${settings()}
      ${s ? html`<div class="user"><span class="who" title=${t('loggedInAs', { name: s.user.username })}>${s.user.displayName ?? s.user.username}</span>
        <button type="button" class="btn link light" @click=${() => logout()}>${t('logout')}</button></div>` : nothing}
    </div>
    ${s ? html`<nav aria-label=${t('mainNav')}><ul>
      ${op ? html`${navLink('/', t('navFleet'), route.name === 'fleet' || route.name === 'meter')}
        ${navLink('/alarms', t('navAlarms'), route.name === 'alarms', alarms)}
        ${navLink('/charts', t('navCharts'), route.name === 'charts')}
        ${navLink('/audit', t('navAudit'), route.name === 'audit')}
        ${PAGES.filter((p) => !p.roles || p.roles.includes(s.user.role)).map((p) => navLink(p.path, p.label(), route.name === 'page' && route.path === p.path, p.badge?.()))}
        ${navLink('/notifications', notificationsNavLabel(), route.name === 'notifications')}`
        : html`${navLink('/portal', t('navMyMeters'), route.name === 'portal' || route.name === 'portalMeter')}${navLink('/portal/cases', deskText('navMyCases'), route.name === 'desk')}`}
      </ul>${liveIndicator()}</nav>` : nothing}
  </header>`;
}

function content(): TemplateResult {
  switch (route.name) {
    case 'login': return loginView(onSession);
    case 'fleet': return fleetView();
    case 'alarms': return alarmsView();
    case 'charts': return chartsView();
    case 'audit': return auditView();
    case 'notifications': return notificationsView();
    case 'meter': return meterView(route.id);
    case 'portal': return portalView();
    case 'portalMeter': return portalMeterView(route.id);
    case 'desk': return deskView(route.path);
    case 'page': return pageFor(route.path)?.view() ?? fleetView();
  }
}

function dialogBody(): TemplateResult | null {
  if (currentCommandFlow()) return commandDialogBody(state.meters.get(currentCommandFlow()!.meterId));
  if (dialogs.vendFor) {
    const m = state.meters.get(dialogs.vendFor);
    if (!m) return null;
    return html`<h2 id="dlg-title">${t('topUpTitle', { id: m.id })}</h2>
      <p class="muted small">${m.subscriberName ?? ''} · ${place(m.area)}</p>
      ${topupPanel(m, { headingLevel: 3 })}
      <div class="row end"><button type="button" class="btn" @click=${closeDialogs}>${t('close')}</button></div>`;
  }
  return null;
}

function closeDialogs(): void {
  if (currentCommandFlow()) closeCommand();
  if (dialogs.vendFor) {
    resetTopup(dialogs.vendFor);
    dialogs.vendFor = null;
  }
  update();
}

const root = document.getElementById('app')!;

function view(): TemplateResult {
  const body = dialogBody();
  return html`<a class="skip" href="#main">${t('skipToContent')}</a>
    ${header()}
    <main id="main" tabindex="-1" class=${route.name === 'login' ? 'narrow' : ''}>${content()}</main>
    <dialog id="dlg" aria-labelledby="dlg-title" @close=${() => { if (dialogBody()) closeDialogs(); }}
      @cancel=${() => closeDialogs()}>${body ?? nothing}</dialog>
    <div class="sr-only" aria-live="polite" role="status" id="announcer">${state.announcement}</div>`;
}

function draw(): void {
  sampleAreaLoad();
  render(view(), root);
  const dlg = document.getElementById('dlg') as HTMLDialogElement | null;
  if (dlg) {
    const want = dialogBody() !== null;
    if (want && !dlg.open) dlg.showModal();
    else if (!want && dlg.open) dlg.close();
  }
  if (focusMain) {
    focusMain = false;
    const h1 = document.querySelector('main h1') as HTMLElement | null;
    if (h1) {
      h1.tabIndex = -1;
      h1.focus({ preventScroll: false });
    }
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }
  // The page's name first in the title: what a screen reader says and a browser tab shows.
  const h1 = document.querySelector('main h1')?.textContent?.trim();
  const app = t('appName');
  const title = h1 && h1 !== app ? `${h1} · ${app}` : app;
  if (document.title !== title) document.title = title;
  state.fresh.clear();
}

// Same-origin links are client routes.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element).closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/docs')) return;
  if (url.pathname === location.pathname && url.hash) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});
// "/" jumps to the fleet search, as in most consoles.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const el = e.target as HTMLElement;
  if (el.closest('input, textarea, select, [contenteditable], dialog')) return;
  const q = document.getElementById('f-q') as HTMLInputElement | null;
  if (q) {
    e.preventDefault();
    q.focus();
  }
});
window.addEventListener('popstate', () => {
  route = parse(location.pathname);
  guard();
  update();
});

onUpdate(draw);
onLiveCommands(applyLiveCommands);
applyDocument();
loadSavedSession();
if (state.session) localeForUser(state.session.user.username, state.session.user.locale);
void loadSettings();
guard();
if (state.session) void startLive();
// Relative times ("12 s ago") move on even when nothing else changes.
setInterval(update, 10_000);
draw();
