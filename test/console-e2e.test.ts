// End to end in headless Chromium against the real stack (simulated meters, embedded broker, in-memory store):
// an operator logs in, sees meters update live, opens a meter's chart, cuts and reconnects it and sees the
// acknowledgement; a subscriber logs in on a phone in Arabic, tops up and copies the token, and the page is
// dir="rtl". Screenshots (console and portal, desktop and phone, Arabic and English) go to
// test-artifacts/screenshots/ for people to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadConfig, silentLogger } from '../platform/index.ts';
import { startStack, type RunningStack } from '../app/index.ts';
import { chromiumAvailable, ensureConsoleBuilt, launchChromium } from './support/browser.ts';
import { createUser } from '../modules/registry/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const ADMIN_PASSWORD = 'test-admin-pass';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 850 };

const haveChromium = chromiumAvailable();

async function visible(l: Locator, timeout = 10_000): Promise<void> {
  await l.first().waitFor({ state: 'visible', timeout });
}


/** Builds the console when console/dist is missing or older than its sources. */

describe.skipIf(!haveChromium)('console and portal in Chromium', () => {
  let stack: RunningStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const config = loadConfig({ HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: '5', SIM_INTERVAL: '1', RASEED_ADMIN_PASSWORD: ADMIN_PASSWORD }, {});
    stack = await startStack({ config, logger: silentLogger, inMemoryStore: true });
    base = stack.urls.http!;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Whether the API has this route yet (a route this server does not offer): 404 "no route" means no. */
  async function routeExists(method: string, path: string): Promise<boolean> {
    const res = await fetch(base + path, { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
    if (res.status !== 404) return true;
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    return !/^no route /.test(body.detail ?? '');
  }

  async function newContext(viewport: { width: number; height: number }, locale?: 'ar' | 'en'): Promise<BrowserContext> {
    // The browser is in another zone than the utility (TIME_ZONE Asia/Muscat): every time shown must still be Muscat's.
    const ctx = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London', deviceScaleFactor: 1 });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    if (locale) await ctx.addInitScript((l) => { if (!localStorage.getItem('raseed.locale')) localStorage.setItem('raseed.locale', l); }, locale);
    return ctx;
  }

  async function login(page: Page, username: string, password: string): Promise<void> {
    await page.goto(base + '/');
    await page.waitForURL(/\/login$/);
    await page.fill('#login-user', username);
    await page.fill('#login-pass', password);
    await page.click('form button[type=submit]');
  }

  async function shot(page: Page, name: string, fullPage = true): Promise<void> {
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  }

  /** Every visible form control has an accessible name (label, aria-label or aria-labelledby). */
  async function expectLabelled(page: Page): Promise<void> {
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => {
        const e = el as HTMLInputElement;
        if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')) return false;
        if (e.labels && e.labels.length) return false;
        return e.tagName !== 'BUTTON' || !(e.textContent ?? '').trim();
      })
      .map((el) => el.outerHTML.slice(0, 120)));
    expect(unlabelled).toEqual([]);
  }

  async function switchLanguage(page: Page, to: 'ar' | 'en'): Promise<void> {
    if ((await page.getAttribute('html', 'lang')) !== to) await page.click('button.lang');
    await expect.poll(() => page.getAttribute('html', 'dir')).toBe(to === 'ar' ? 'rtl' : 'ltr');
  }

  it('an operator watches the fleet live, opens a meter chart, cuts and reconnects it', async () => {
    const ctx = await newContext(DESKTOP, 'en');
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, 'admin', ADMIN_PASSWORD);

    // The fleet: every simulated meter, and readings that change without reloading.
    const rows = page.locator('table.meters tbody tr[data-meter]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5);
    const first = rows.first().locator('td.reading');
    await expect.poll(() => first.getAttribute('data-seq'), { timeout: 15_000 }).not.toBe('');
    const seq0 = await first.getAttribute('data-seq');
    await expect.poll(() => first.getAttribute('data-seq'), { timeout: 20_000 }).not.toBe(seq0);
    expect(await page.locator('.live').getAttribute('data-mode')).toMatch(/sse|poll/);

    // Search narrows the table.
    const firstId = (await rows.first().getAttribute('data-meter'))!;
    await page.fill('#f-q', firstId);
    await expect.poll(() => rows.count()).toBe(1);
    await page.fill('#f-q', '');
    await expect.poll(() => rows.count()).toBe(5);
    await expectLabelled(page);
    await shot(page, 'console-desktop-en');

    // A meter's page with its chart (consumption API, or live readings until it exists).
    const elecId = await page.locator('table.meters tbody tr[data-meter^="4"]').first().getAttribute('data-meter');
    expect(elecId).toBeTruthy();
    await page.click(`a[href="/meters/${elecId}"]`);
    await page.waitForURL(new RegExp(`/meters/${elecId}$`));
    await expect.poll(() => page.locator('r-chart canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The consumption API's chart (per-interval energy) once the stack serves it; live power until then.
    const haveConsumption = await routeExists('GET', `/api/v1/meters/${elecId}/consumption`);
    await expect.poll(() => page.locator(`r-chart[data-kind=${haveConsumption ? 'consumption' : 'live'}]`).count(), { timeout: 15_000 }).toBe(1);
    if (haveConsumption) {
      await page.click('button[data-range="1h"]');
      await expect.poll(() => page.locator('button[data-range="1h"]').getAttribute('aria-pressed')).toBe('true');
      await visible(page.locator('r-chart[data-kind=consumption] canvas'));
    }
    await shot(page, 'console-meter-desktop-en');

    // Cut and reconnect with a reason; the policy's answer is shown; the command is followed to the ack.
    const haveCommands = await routeExists('POST', `/api/v1/meters/${elecId}/disconnect`);
    for (const action of ['disconnect', 'reconnect'] as const) {
      await page.click(`[data-action=${action}]`);
      const dlg = page.locator('dialog[open]');
      await visible(dlg);
      if (!haveCommands) {
        await visible(dlg.locator('.notice'));
        console.warn(`console e2e: POST /api/v1/meters/:id/${action} does not exist yet; checked the "not available" path only`);
        await dlg.locator('button', { hasText: /Close|Cancel/ }).first().click();
        continue;
      }
      await dlg.locator('#cmd-note').fill(`e2e ${action} by the console test`);
      await expectLabelled(page);
      if (action === 'disconnect') {
        // Non-payment: the policy answers before anything is sent (the default profile wants a final notice first).
        await dlg.locator('#cmd-reason').selectOption('non_payment');
        await dlg.locator('button', { hasText: 'Check policy' }).click();
        await visible(dlg.locator('.preview .policy[data-decision], .preview .notice'));
        await shot(page, 'console-policy-preview-en', false);
        if (await dlg.locator('[data-action=final-notice]').count()) {
          // The notice rule held it back: record a final notice (audited) with how it was served and the evidence,
          // confirmed explicitly (not one click), and the policy is asked again.
          await dlg.locator('[data-action=final-notice]').click();
          await dlg.locator('[data-action=final-notice-confirm]').click();
          expect(await dlg.locator('#notice-evidence').getAttribute('aria-invalid')).toBe('true');
          await dlg.locator('#notice-how').selectOption('letter');
          await dlg.locator('#notice-evidence').fill('letter FN-2211 received by the tenant');
          await dlg.locator('[data-action=final-notice-confirm]').click();
          await visible(dlg.locator('.preview .notice.ok'));
          await visible(dlg.locator('.preview .policy[data-decision]'));
          await shot(page, 'console-policy-after-notice-en', false);
        }
        // A safety cut is not held back by the non-payment rules.
        await dlg.locator('#cmd-reason').selectOption('safety');
        await dlg.locator('button', { hasText: 'Check policy' }).click();
        await visible(dlg.locator('.preview .policy[data-decision], .preview .notice'));
      } else {
        await dlg.locator('#cmd-reason').selectOption('safety_cleared');
      }
      await dlg.locator('button.confirm').click();
      await dlg.locator('.progress, .policy, .notice.error').first().waitFor({ state: 'visible', timeout: 15_000 })
        .catch(async (e) => { await shot(page, `failure-${action}`, false); throw e; });
      const outcome = dlg.locator('.progress[data-status=acknowledged], .policy[data-decision=refuse], .policy[data-decision=defer], .progress[data-status=failed], .progress[data-status=rejected]');
      await visible(outcome.first(), 30_000).catch(async (e) => { await shot(page, `failure-${action}`, false); console.warn(await dlg.innerText()); throw e; });
      if (action === 'disconnect') await shot(page, 'console-cut-dialog-en', false);
      const acked = await dlg.locator('.progress[data-status=acknowledged]').count();
      if (!acked) console.warn(`console e2e: ${action} was not acknowledged: ${await dlg.innerText()}`);
      expect(acked, `${action} acknowledged`).toBe(1);
      await dlg.locator('button', { hasText: 'Close' }).click();
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
      await expect.poll(() => page.locator('.stats [data-relay]').getAttribute('data-relay'), { timeout: 15_000 })
        .toMatch(action === 'disconnect' ? /open/ : /closed|armed/);
    }

    // Vend a token for the meter (cash desk): breakdown before paying, then the receipt and token.
    if (await routeExists('POST', `/api/v1/meters/${elecId}/topups`)) {
      await page.click('[data-action=vend]');
      const dlg = page.locator('dialog[open]');
      await dlg.locator(`#amount-${elecId}`).fill('2.000');
      await dlg.locator('button[type=submit]').click();
      await visible(dlg.locator('.breakdown .units'), 15_000);
      await dlg.locator('button.pay').click();
      await visible(dlg.locator('.token[data-token]'), 20_000);
      expect(await dlg.locator('.token[data-token]').getAttribute('data-token')).toMatch(/^\d{20}$/);
      await expect.poll(() => dlg.locator('.receipt').getAttribute('data-state'), { timeout: 30_000 }).toBe('accepted');
      await shot(page, 'console-vend-dialog-en', false);
      await dlg.locator('.row.end button', { hasText: 'Close' }).click();
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    }

    // The same console in Arabic, mirrored; and on a phone.
    await page.click('a[href="/"]');
    await switchLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('العدادات');
    await shot(page, 'console-desktop-ar');
    // Arabic-Indic digits on request, remembered.
    await page.check('label.digits input');
    await expect.poll(() => page.locator('.summary .v').first().innerText()).toMatch(/^[٠-٩]+$/);
    expect(await page.evaluate(() => localStorage.getItem('raseed.digits'))).toBe('arab');
    await shot(page, 'console-desktop-ar-digits');
    await page.uncheck('label.digits input');
    await page.click('a[href="/alarms"]');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('التنبيهات');
    await shot(page, 'console-alarms-desktop-ar');
    await page.click('a[href="/"]');
    await page.setViewportSize(PHONE);
    await shot(page, 'console-phone-ar');
    await page.click(`a[href="/meters/${elecId}"]`);
    await expect.poll(() => page.locator('r-chart canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await shot(page, 'console-meter-phone-ar');
    if (haveCommands) {
      // The policy's answer in Arabic, on a phone.
      await page.click('[data-action=disconnect]');
      const dlg = page.locator('dialog[open]');
      await dlg.locator('#cmd-reason').selectOption('non_payment');
      await dlg.locator('.preview button').click();
      await visible(dlg.locator('.preview .policy[data-decision]'));
      await dlg.locator('.preview details summary').click();
      await shot(page, 'console-policy-phone-ar', false);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    }
    await page.click('a[href="/"]');
    await switchLanguage(page, 'en');
    await shot(page, 'console-phone-en');
    await page.setViewportSize(DESKTOP);
    await page.click('a[href="/charts"]');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Fleet charts');
    await page.waitForTimeout(3500);
    await shot(page, 'console-charts-desktop-en');

    // The audit log shows who cut and reconnected, and why.
    await page.click('a[href="/audit"]');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Audit log');
    if (haveCommands) {
      await expect.poll(() => page.locator('table.audit tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(1);
      expect(await page.locator('table.audit').innerText()).toContain('admin');
    }
    await shot(page, 'console-audit-desktop-en');

    // The choice is remembered.
    await page.reload();
    expect(await page.evaluate(() => localStorage.getItem('raseed.locale'))).toBe('en');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);

  /** A bearer token for the API itself (what another operator's console or a script would do). */
  async function apiToken(): Promise<string> {
    const res = await fetch(base + '/api/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    return ((await res.json()) as { token: string }).token;
  }

  /** Widest element on the page (px) against the viewport: nothing may stick out on a phone. */
  async function overflow(page: Page): Promise<{ width: number; culprit: string }> {
    return page.evaluate(() => {
      let culprit = '';
      const max = document.documentElement.scrollWidth;
      for (const el of document.querySelectorAll('main *')) {
        const r = el.getBoundingClientRect();
        if (r.width && (r.right > window.innerWidth + 1 || r.left < -1)) {
          if (!el.closest('.table-wrap.scroll, r-chart, .sr-only')) {
            culprit ||= `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} ${Math.round(r.left)}..${Math.round(r.right)}`;
          }
        }
      }
      return { width: max, culprit };
    });
  }

  it('what misled operators: language per person, the utility\'s time zone, Arabic without codes, phones, live relay', async () => {
    const token = await apiToken();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const ctx = await newContext(DESKTOP);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const notFound: string[] = [];
    page.on('response', (r) => { if (r.status() === 404 && r.url().includes('/api/')) notFound.push(r.url()); });
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/consumption?')) asked.push(r.url()); });

    // Arabic chosen on the sign-in page wins (admin's account says English), survives a reload and the next sign-in.
    await page.goto(base + '/');
    await page.waitForURL(/\/login$/);
    await switchLanguage(page, 'ar');
    await page.fill('#login-user', 'admin');
    await page.fill('#login-pass', ADMIN_PASSWORD);
    await page.click('form button[type=submit]');
    await expect.poll(() => page.locator('main h1').innerText(), { timeout: 15_000 }).toBe('العدادات');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    // One fetch of the fleet per load (the live feed's first open does not fetch it again).
    const fleetFetches: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/meters') fleetFetches.push(r.url()); });
    await page.reload();
    await expect.poll(() => page.locator('main h1').innerText(), { timeout: 15_000 }).toBe('العدادات');
    await expect.poll(() => page.locator('.live').getAttribute('data-mode')).toBe('sse');
    await page.waitForTimeout(1500);
    expect(fleetFetches).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem('raseed.locale.user.admin'))).toBe('ar');
    await page.click('header .user button');
    await page.waitForURL(/\/login$/);
    // Someone else switched this browser to English in between: admin still gets Arabic, remembered for the person.
    await page.evaluate(() => localStorage.setItem('raseed.locale', 'en'));
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.fill('#login-user', 'admin');
    await page.fill('#login-pass', ADMIN_PASSWORD);
    await page.click('form button[type=submit]');
    await expect.poll(() => page.getAttribute('html', 'lang'), { timeout: 15_000 }).toBe('ar');

    // Times in the utility's zone (Asia/Muscat, UTC+4) although the browser is in London.
    const rows = page.locator('table.meters tbody tr[data-meter]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5);
    await page.click('a[href="/audit"]');
    await expect.poll(() => page.locator('table.audit tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const first = (await (await fetch(base + '/api/v1/audit?limit=1', { headers: auth })).json()) as { entries: { at: string }[] };
    const muscat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Muscat', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(first.entries[0]!.at));
    await switchLanguage(page, 'en');
    await expect.poll(() => page.locator('table.audit tbody tr td.when').first().innerText()).toContain(muscat);
    // Filters go to the server; the export is the filtered view.
    await page.locator('#a-action').selectOption('session.create');
    await page.click('form.filters button[type=submit]');
    await expect.poll(async () => [...new Set(await page.locator('table.audit tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))))]).toEqual(['session.create']);
    expect(await page.locator('[data-action=export]').getAttribute('href')).toContain('action=session.create');
    await shot(page, 'console-audit-filtered-desktop-en');
    await page.click('form.filters button[type=button]');

    // Arabic audit: no raw codes, no English sentences from the server.
    await switchLanguage(page, 'ar');
    await expect.poll(() => page.locator('table.audit tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const auditAr = await page.locator('table.audit tbody').innerText();
    expect(auditAr).not.toMatch(/\b[a-z]+\.[a-z_]+\b|granted|refused|wrong username|meter:|system:/);
    await shot(page, 'console-audit-desktop-ar');
    await page.setViewportSize(PHONE);
    await expect.poll(async () => (await overflow(page)).width).toBeLessThanOrEqual(PHONE.width);
    expect((await overflow(page)).culprit).toBe('');
    await shot(page, 'console-audit-phone-ar');
    await page.setViewportSize(DESKTOP);

    // A water meter: non-payment is refused by the policy, and "Confirm cut" cannot be pressed.
    await page.click('a[href="/"]');
    const waterId = (await page.locator('table.meters tbody tr[data-meter^="7"]').first().getAttribute('data-meter'))!;
    await page.click(`a[href="/meters/${waterId}"]`);
    await page.click('[data-action=disconnect]');
    const dlg = page.locator('dialog[open]');
    await dlg.locator('#cmd-reason').selectOption('non_payment');
    await dlg.locator('#cmd-note').fill('e2e: water for non-payment');
    await dlg.locator('.preview button').click();
    await visible(dlg.locator('.preview .policy[data-decision=refuse]'));
    expect(await dlg.locator('button.confirm').isDisabled()).toBe(true);
    expect(await dlg.innerText()).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
    await shot(page, 'console-water-refused-desktop-ar', false);
    // The policy's alternatives are buttons that do them, each confirmed first: limit the flow (held back by the
    // policy's time rules at night: then the answer says until when), and a payment reminder (always sent).
    const alts = dlg.locator('[data-alternatives]');
    await visible(alts.locator('[data-action=water-limit]'));
    await alts.locator('[data-action=water-limit]').click();
    await visible(alts.locator('[data-water-form=limit]'));
    expect(await alts.locator('input[type=number]').inputValue()).toBe('30');
    await alts.locator('[data-action=water-confirm]').click();
    await visible(alts.locator('[data-water-result=limit], [data-water-form=limit] .notice.error'), 15_000);
    await expectLabelled(page);
    await shot(page, 'console-water-alternatives-desktop-ar', false);
    await page.setViewportSize(PHONE);
    await alts.locator('[data-action=water-reminder]').click();
    await alts.locator('[data-action=water-confirm]').click();
    await visible(alts.locator('[data-water-result=reminder]'), 15_000);
    expect(await alts.locator('[data-water-result=reminder]').innerText()).toMatch(/N-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]/); // check character: mod 37 (protocols/reference.ts)
    expect((await overflow(page)).culprit).toBe('');
    await shot(page, 'console-water-alternatives-phone-ar', false);
    await page.setViewportSize(DESKTOP);
    await page.keyboard.press('Escape');
    // The reminder is in the outbox and the audit log, under the operator's name.
    const reminders = (await (await fetch(base + `/api/v1/audit?action=water.reminder&meterId=${waterId}`, { headers: auth })).json()) as { entries: { actor: string }[] };
    expect(reminders.entries.map((e) => e.actor)).toEqual(['admin']);
    // The meter page offers the same actions for a water meter and shows its flow state, in English too, on both sizes.
    await visible(page.locator('#h-water'));
    await visible(page.locator('.water-actions [data-flow]'));
    await switchLanguage(page, 'en');
    await expect.poll(() => page.locator('#h-water').innerText()).toBe('Water: instead of a cut');
    await shot(page, 'console-water-meter-desktop-en');
    await page.setViewportSize(PHONE);
    expect((await overflow(page)).culprit).toBe('');
    await shot(page, 'console-water-meter-phone-en');
    await page.setViewportSize(DESKTOP);
    await switchLanguage(page, 'ar');

    // A cut made elsewhere (the API) shows on the open meter page from the live feed, without a reload.
    const elecId = (await (await fetch(base + '/api/v1/meters', { headers: auth })).json() as { meters: { id: string; service: string }[] }).meters.find((m) => m.service === 'electricity')!.id;
    await page.click('a[href="/"]');
    await page.click(`a[href="/meters/${elecId}"]`);
    await expect.poll(() => page.locator('.stats [data-relay]').getAttribute('data-relay'), { timeout: 15_000 }).toMatch(/closed|armed/);
    // Consumption intervals start on the utility's clock: daily bars at Muscat midnight (20:00Z), hourly on the hour.
    await page.click('button[data-range="30d"]');
    await expect.poll(() => asked.find((u) => /every=1d/.test(u)), { timeout: 10_000 }).toBeTruthy();
    const from30 = new URL(asked.find((u) => /every=1d/.test(u))!).searchParams.get('from')!;
    expect(from30).toMatch(/T20:00:00\.000Z$/);
    await page.click('button[data-range="24h"]');
    await expect.poll(() => asked.find((u) => /every=1h/.test(u)), { timeout: 10_000 }).toBeTruthy();
    expect(new URL(asked.find((u) => /every=1h/.test(u))!).searchParams.get('from')).toMatch(/:00:00\.000Z$/);
    const cut = await fetch(base + `/api/v1/meters/${elecId}/disconnect`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'safety', note: 'e2e: cut from another console' }) });
    expect(cut.status).toBe(202);
    await expect.poll(() => page.locator('.stats [data-relay]').getAttribute('data-relay'), { timeout: 20_000 }).toBe('open');
    const restore = await fetch(base + `/api/v1/meters/${elecId}/reconnect`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'safety_cleared', note: 'e2e: restored from another console' }) });
    expect(restore.status).toBe(202);
    await expect.poll(() => page.locator('.stats [data-relay]').getAttribute('data-relay'), { timeout: 20_000 }).toMatch(/closed|armed/);

    // Top-up history with its token revealed, commands and events: Arabic words, not codes; fits a phone.
    const topup = await fetch(base + `/api/v1/meters/${elecId}/topups`, { method: 'POST', headers: { ...auth, 'idempotency-key': `e2e-${Date.now()}` }, body: JSON.stringify({ amount: '1.000' }) });
    if (topup.status < 300) {
      await page.reload();
      await expect.poll(() => page.locator('table.topups tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const cols = await page.locator('table.topups').evaluate((t) => ({ table: t.scrollWidth, wrap: t.parentElement!.clientWidth }));
      expect(cols.table, 'top-up columns visible without a hidden scroll').toBeLessThanOrEqual(cols.wrap + 1);
      await page.locator('table.topups details.tok summary').first().click();
      await expect.poll(() => page.locator('ul.events li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      // The meter's own events (GET /api/v1/meters/:id/events): the cut and the restore above, in Arabic words, no raw codes.
      const timeline = page.locator('ul.meter-events');
      await expect.poll(() => timeline.locator('li[data-event=relay]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const events = await timeline.innerText();
      expect(events).toMatch(/انقطع الإمداد|عاد الإمداد/);
      expect(events).not.toMatch(/\b[a-z]+[._][a-z_]+\b|\b[a-z]{3,}\b/);
      const text = await page.locator('main').innerText();
      // No dotted codes (relay.disconnect, command.acknowledged), issuers (prepaid:admin, meter:…) or English states.
      expect(text).not.toMatch(/\b[a-z]+\.[a-z_]+\b|prepaid:|meter:|top-up|delivered|acknowledged/);
      await shot(page, 'console-meter-history-desktop-ar');
      await page.setViewportSize(PHONE);
      await expect.poll(async () => (await overflow(page)).width).toBeLessThanOrEqual(PHONE.width);
      expect((await overflow(page)).culprit).toBe('');
      await shot(page, 'console-meter-history-phone-ar');
      await switchLanguage(page, 'en');
      await shot(page, 'console-meter-history-phone-en');
      await page.setViewportSize(DESKTOP);
      await shot(page, 'console-meter-history-desktop-en');
    }
    // Tap targets of at least 24 px (WCAG 2.2, 2.5.8) for buttons, disclosure toggles and fields.
    const small = await page.evaluate(() => [...document.querySelectorAll('main button, main summary, main select, main input:not([type=checkbox]), header button')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ h: el.getBoundingClientRect().height, what: el.outerHTML.slice(0, 80) }))
      .filter((x) => x.h < 24));
    expect(small).toEqual([]);
    // The meter page asks for nothing the server does not have.
    expect(notFound).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('daily screens: bulk-cut approvals (four eyes), the policy calendar, reports with charts and CSV', async () => {
    const token = await apiToken();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // A rule set whose bulk threshold is 1, so a cut of two meters waits for a second operator.
    const { ruleSet } = (await (await fetch(base + '/api/v1/policy', { headers: auth })).json()) as { ruleSet: { version: number; rules: { bulkApproval: { threshold: number } } } };
    ruleSet.version += 1;
    ruleSet.rules.bulkApproval.threshold = 1;
    expect((await fetch(base + '/api/v1/policy', { method: 'PUT', headers: auth, body: JSON.stringify(ruleSet) })).status).toBe(200);
    const meters = ((await (await fetch(base + '/api/v1/meters', { headers: auth })).json()) as { meters: { id: string; service: string }[] }).meters.filter((m) => m.service === 'electricity').slice(0, 2).map((m) => m.id);
    const bulk = await fetch(base + '/api/v1/bulk/disconnect', { method: 'POST', headers: auth, body: JSON.stringify({ meterIds: meters, reason: 'maintenance', note: 'e2e: feeder maintenance' }) });
    const held = (await bulk.json()) as { bulkId: number; status: string };
    expect(held.status).toBe('pending_approval');
    await createUser(stack.db, { username: 'op2', password: 'op2-pass-e2e', role: 'operator', displayName: 'Second Operator' });

    const ctx = await newContext(DESKTOP, 'ar');
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The one who asked sees it but cannot approve it.
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.click('a[href="/approvals"]');
    await visible(page.locator(`li[data-bulk="${held.bulkId}"]`));
    expect(await page.locator(`li[data-bulk="${held.bulkId}"] [data-own]`).count()).toBe(1);
    expect(await page.locator(`li[data-bulk="${held.bulkId}"] [data-action=approve]`).count()).toBe(0);
    await page.click('header .user button');
    // A second operator approves it with a note (required).
    await page.fill('#login-user', 'op2');
    await page.fill('#login-pass', 'op2-pass-e2e');
    await page.click('form button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.click('a[href="/approvals"]');
    const card = page.locator(`li[data-bulk="${held.bulkId}"]`);
    await visible(card);
    await expectLabelled(page);
    await shot(page, 'console-approvals-desktop-ar');
    await card.locator('[data-action=approve]').click();
    expect(await card.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    await card.locator('textarea').fill('e2e: checked with the feeder crew');
    await card.locator('[data-action=approve]').click();
    await expect.poll(() => page.locator(`li[data-bulk="${held.bulkId}"]`).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('table.decided').innerText()).toContain('op2');
    await page.setViewportSize(PHONE);
    expect((await overflow(page)).culprit).toBe('');
    await shot(page, 'console-approvals-phone-ar');
    await page.setViewportSize(DESKTOP);
    await fetch(base + '/api/v1/bulk/reconnect', { method: 'POST', headers: auth, body: JSON.stringify({ meterIds: meters, reason: 'maintenance_done', note: 'e2e: maintenance done' }) });

    // The policy: the version in force, the calendar as month grids, heat overrides, scheduled cuts.
    // A version whose quiet hours cover the next hours (Muscat), so a move-out cut is deferred and scheduled.
    const hhmm = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Muscat', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    const quiet = ruleSet as unknown as { version: number; rules: { quietHours: { from: string; to: string; appliesTo: string[] } } };
    quiet.version += 1;
    Object.assign(quiet.rules.quietHours, { enabled: true, from: hhmm(Date.now() - 3_600_000), to: hhmm(Date.now() + 3 * 3_600_000) });
    if (!quiet.rules.quietHours.appliesTo.includes('move_out')) quiet.rules.quietHours.appliesTo.push('move_out');
    expect((await fetch(base + '/api/v1/policy', { method: 'PUT', headers: auth, body: JSON.stringify(quiet) })).status).toBe(200);
    const third = ((await (await fetch(base + '/api/v1/meters', { headers: auth })).json()) as { meters: { id: string; service: string }[] }).meters.filter((m) => m.service === 'electricity')[2]!.id;
    const cut = await fetch(base + `/api/v1/meters/${third}/disconnect`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'move_out', note: 'e2e: tenant leaves' }) });
    const sched = (await cut.json()) as { status: string; requestId: number; scheduledFor: string };
    expect(sched.status).toBe('scheduled');
    await page.click('a[href="/policy"]');
    await visible(page.locator('table.month'));
    expect(await page.locator('table.month').count()).toBe(3);
    expect(await page.locator('[data-version]').getAttribute('data-version')).toBe(String(quiet.version));
    // The versions: the one in force first and marked, the earlier installs below it.
    await visible(page.locator('table.versions tbody tr'));
    expect(await page.locator('table.versions tbody tr').first().getAttribute('data-version-row')).toBe(String(quiet.version));
    expect(await page.locator('table.versions tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('table.versions tbody tr').first().innerText()).toContain('السارية');
    // Move the scheduled cut (Arabic): the new time is typed on Muscat's clock and re-evaluated by the policy.
    const row = page.locator(`table.scheduled tr[data-id="${sched.requestId}"]`);
    await visible(row);
    await row.locator('[data-action=change]').click();
    await page.locator('.sched-form [data-action=reschedule]').click();
    expect(await page.locator('#sched-note').getAttribute('aria-invalid')).toBe('true');
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Muscat', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + 86_400_000);
    await page.locator('#sched-at').fill(`${tomorrow}T10:30`);
    await page.locator('#sched-note').fill('e2e: the tenant asked for the morning');
    await page.locator('.sched-form [data-action=reschedule]').click();
    await visible(page.locator('[data-result^=moved]'));
    const moved = (await (await fetch(base + `/api/v1/policy/scheduled?meterId=${third}`, { headers: auth })).json()) as { scheduled: { scheduledFor: string }[] };
    expect(Date.parse(moved.scheduled[0]!.scheduledFor)).toBeGreaterThanOrEqual(Date.parse(`${tomorrow}T10:30:00+04:00`));
    expect(await page.locator('[data-result^=moved]').innerText()).toMatch(/[\u0600-\u06ff]/);
    expect(await page.locator('[data-result^=moved]').innerText()).not.toMatch(/[A-Za-z]{3,}/);
    await shot(page, 'console-policy-rescheduled-ar');
    await page.locator('#heat-note').fill('e2e: 47 °C forecast');
    await page.locator('#heat-state').selectOption('hot');
    await page.locator('.heat-form button[type=submit]').click();
    await visible(page.locator('table.heat tbody tr'));
    expect(await page.locator('main').innerText()).not.toMatch(/\b[a-z]+\.[a-z_]+\b|calendarPeriods|bulkApproval/);
    await shot(page, 'console-policy-desktop-ar');
    await page.setViewportSize(PHONE);
    expect((await overflow(page)).culprit).toBe('');
    await shot(page, 'console-policy-phone-ar');
    await switchLanguage(page, 'en');
    await shot(page, 'console-policy-phone-en');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'console-policy-desktop-en');
    // Cancel it (English): a note is required; the row goes and the audit log names who cancelled it.
    expect(await page.locator('table.versions thead').innerText()).toContain('Installed by');
    await row.locator('[data-action=change]').click();
    await page.locator('#sched-note').fill('e2e: the tenant stays');
    await page.locator('.sched-form [data-action=cancel]').click();
    await visible(page.locator('[data-result=cancelled]'));
    expect(await page.locator('[data-result=cancelled]').innerText()).toContain(`cancelled`);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    const trail = (await (await fetch(base + `/api/v1/audit?meterId=${third}&action=relay.`, { headers: auth })).json()) as { entries?: { action: string; actor: string; note: string | null }[] };
    expect(trail.entries!.slice(0, 2).map((e) => e.action)).toEqual(['relay.cancel', 'relay.reschedule']);
    await shot(page, 'console-policy-cancelled-en');

    // Reports: the day close balances, top-ups per day as a chart, CSV exports.
    await page.click('a[href="/reports"]');
    await visible(page.locator('[data-balanced]'), 15_000);
    await visible(page.locator('r-chart[data-kind=vends] canvas'), 15_000);
    await visible(page.locator('table.by-operator tbody tr'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv^="raseed-topups"]').click()]);
    const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffat,day,actor,channel,meterId,reference,amount,currency,outcome');
    expect(csv).toContain('admin');
    // The same table as XLSX (exceljs): the header bold, amounts as numbers with their decimals, meter numbers as text.
    const [xdl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-xlsx^="raseed-topups"]').click()]);
    expect(xdl.suggestedFilename()).toMatch(/^raseed-topups-.*\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xdl.path())!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'at', 'day', 'actor', 'channel', 'meterId', 'reference', 'amount', 'currency', 'outcome']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(csv.trim().split('\r\n').length);
    const first = sheet.getRow(2);
    expect(typeof first.getCell(7).value).toBe('number');
    expect(first.getCell(7).numFmt).toBe('0.000');
    expect(typeof first.getCell(5).value).toBe('string');
    expect(sheet.views[0]?.rightToLeft).toBe(false);
    // Revenue: per day and per area and service, balanced with the ledger; chart, tables, CSV.
    await visible(page.locator('[data-revenue-balanced=true]'), 15_000);
    await visible(page.locator('r-chart[data-kind=revenue] canvas'), 15_000);
    await visible(page.locator('table.revenue-days tbody tr'));
    await visible(page.locator('table.revenue-areas tbody tr'));
    const [rdl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv^="raseed-revenue"]').click()]);
    const rcsv = await (await import('node:fs/promises')).readFile((await rdl.path())!, 'utf8');
    expect(rcsv.split('\r\n')[0]).toBe('\ufeffday,area,service,currency,collected,electricitySales,waterSales,vat,fixedCharges,debtRecovered,pending,refunds,net,payments,balanced');
    expect(rcsv.split('\r\n').length).toBeGreaterThan(2);
    const [rx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-xlsx^="raseed-revenue"]').click()]);
    expect(rx.suggestedFilename()).toMatch(/^raseed-revenue-.*\.xlsx$/);
    await page.locator('[data-report=revenue]').scrollIntoViewIfNeeded();
    await shot(page, 'console-reports-desktop-en');
    await page.setViewportSize(PHONE);
    expect((await overflow(page)).culprit).toBe('');
    await shot(page, 'console-reports-phone-en');
    await page.setViewportSize(DESKTOP);
    await switchLanguage(page, 'ar');
    await shot(page, 'console-reports-desktop-ar');
    // In Arabic the workbook's sheet reads right to left.
    const [xar] = await Promise.all([page.waitForEvent('download'), page.locator('[data-xlsx^="raseed-day-close"]').click()]);
    const wbAr = new ExcelJS.Workbook();
    await wbAr.xlsx.readFile((await xar.path())!);
    expect(wbAr.worksheets[0]!.views[0]?.rightToLeft).toBe(true);
    expect(await page.locator('[data-xlsx^="raseed-day-close"]').innerText()).toBe('تصدير Excel');
    await page.setViewportSize(PHONE);
    expect((await overflow(page)).culprit).toBe('');
    await shot(page, 'console-reports-phone-ar');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('a subscriber on a phone in Arabic tops up and copies the token; the page is right-to-left', async () => {
    const demo = stack.seeded?.demoSubscriber;
    expect(demo).toBeTruthy();
    // No saved language: the subscriber's own (Arabic for subscriber1) applies.
    const ctx = await newContext(PHONE);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/');
    await page.waitForURL(/\/login$/);
    // Keyboard first: the skip link is the first stop, then the language switch.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await shot(page, 'portal-login-phone-en');
    await login(page, demo!.username, demo!.password);
    await page.waitForURL(/\/portal$/);
    await expect.poll(() => page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const cards = page.locator('.meter-card');
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => cards.first().locator('.credit').innerText(), { timeout: 15_000 }).not.toBe('—');
    // The balance's worth in the currency (from a quote, which pays nothing), when top-ups exist.
    if (await routeExists('POST', '/api/v1/meters/x/topups/quote')) {
      await expect.poll(() => cards.first().locator('.worth').count(), { timeout: 10_000 }).toBe(1);
      expect(await cards.first().locator('.worth').innerText()).toContain('ر.ع.');
    }
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'portal-phone-ar');

    const meterId = (await cards.first().getAttribute('data-meter'))!;
    await cards.first().locator('a.btn.primary').click();
    await page.waitForURL(new RegExp(`/portal/meters/${meterId}`));
    const haveTopups = await routeExists('POST', `/api/v1/meters/${meterId}/topups`);
    if (!haveTopups) {
      await visible(page.locator('#topup .notice'));
      console.warn('console e2e: top-ups do not exist on the server yet; checked the "not available" path only');
    } else {
      // Typed with Arabic-Indic digits, as an Arabic keyboard would.
      await expectLabelled(page);
      await page.fill(`#amount-${meterId}`, '٥٫٠٠٠');
      await page.click('#topup button[type=submit]');
      await visible(page.locator('#topup .breakdown'), 15_000);
      expect(await page.locator('#topup .breakdown .units').innerText()).not.toBe('—');
      await shot(page, 'portal-phone-ar-breakdown');
      await page.click('#topup button.pay');
      const token = page.locator('#topup .token[data-token]');
      await visible(token, 20_000);
      const digits = (await token.getAttribute('data-token'))!;
      expect(digits).toMatch(/^\d{20}$/);
      expect(await token.locator('.grp').allInnerTexts()).toEqual(digits.match(/\d{4}/g));
      expect(await page.locator('#topup .ref[data-reference]').getAttribute('data-reference')).toMatch(/^[A-Z]+-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
      await page.click('#topup button.copy');
      await visible(page.locator('#topup .token-box .badge.ok'));
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(digits);
      await expect.poll(() => page.locator('#topup .receipt').getAttribute('data-state'), { timeout: 30_000 }).toBe('accepted');
      await shot(page, 'portal-phone-ar-receipt');
    }
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // English on the phone, then the desktop in both languages.
    await switchLanguage(page, 'en');
    await shot(page, 'portal-meter-phone-en');
    await page.click('a[href="/portal"]');
    await shot(page, 'portal-phone-en');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'portal-desktop-en');
    await switchLanguage(page, 'ar');
    await shot(page, 'portal-desktop-ar');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);
});
