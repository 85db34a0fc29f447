// The desk end to end in headless Chromium, in Arabic, against the real stack: a call-centre agent records
// a call as a case, a dispatcher routes it, the department replies, the front line closes it, and the
// subscriber answers the satisfaction poll in the portal on a phone. Screenshots go to
// test-artifacts/screenshots/desk-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig, silentLogger } from '../platform/index.ts';
import { startStack, type RunningStack } from '../app/index.ts';
import { createUser } from '../modules/registry/index.ts';
import { chromiumAvailable, ensureConsoleBuilt, launchChromium } from './support/browser.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };
const haveChromium = chromiumAvailable();



describe.skipIf(!haveChromium)('desk in Chromium (Arabic)', () => {
  let stack: RunningStack;
  let browser: Browser;
  let base: string;
  let subMeter: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const config = loadConfig({ HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: '3', SIM_INTERVAL: '2', RASEED_ADMIN_PASSWORD: 'test-admin-pass' }, {});
    stack = await startStack({ config, logger: silentLogger, inMemoryStore: true });
    base = stack.urls.http!;
    await createUser(stack.db, { username: 'agent1', password: 'agent1-password', role: 'call_centre', displayName: 'موظفة مركز الاتصال' });
    await createUser(stack.db, { username: 'disp1', password: 'disp1-password', role: 'supervisor', displayName: 'المشرف' });
    await createUser(stack.db, { username: 'eng1', password: 'eng1-password', role: 'operator', displayName: 'مهندس العدادات' });
    const demo = stack.seeded!.demoSubscriber!;
    const r = await stack.db.query<{ id: string }>('SELECT m.id FROM meters m JOIN subscribers b ON b.id = m.subscriber_id JOIN users u ON u.id = b.user_id WHERE u.username = $1 ORDER BY m.id', [demo.username]);
    subMeter = r.rows[0]!.id;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
  });

  async function as(username: string, password: string, viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'ar-OM', timezoneId: 'Asia/Muscat', deviceScaleFactor: 1 });
    contexts.push(ctx);
    await ctx.addInitScript(() => { if (!localStorage.getItem('raseed.locale')) localStorage.setItem('raseed.locale', 'ar'); });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login$/);
    await page.fill('#login-user', username);
    await page.fill('#login-pass', password);
    await page.click('form button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  }
  async function go(page: Page, path: string): Promise<void> {
    await page.goto(base + path);
    await page.locator('main h1').first().waitFor({ state: 'visible' });
  }
  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SHOTS, `desk-${name}.png`), fullPage: true });
  }
  const caseState = (page: Page) => page.locator('section.desk-case').getAttribute('data-state');

  it('agent records, dispatcher routes, department replies, case closes, subscriber answers the poll', async () => {
    // 1. The call-centre agent records the call.
    const agent = await as('agent1', 'agent1-password');
    await go(agent, '/desk/new');
    expect(await agent.getAttribute('html', 'dir')).toBe('rtl');
    await agent.locator('#c-category option[value="meter_fault"]').waitFor({ state: 'attached' });
    await agent.selectOption('#c-category', 'meter_fault');
    await agent.fill('#c-meter', subMeter);
    await agent.fill('#c-caller', 'هدى الكندي');
    await agent.fill('#c-phone', '+968 9900 0001');
    await agent.fill('#c-desc', 'شاشة العداد لا تعرض الرصيد منذ صباح اليوم.');
    await shot(agent, 'intake-ar');
    await agent.click('form.desk-intake button[type=submit]');
    const saved = agent.locator('[data-saved-ref]');
    await saved.waitFor({ state: 'visible' });
    const ref = (await saved.getAttribute('data-saved-ref'))!;
    expect(ref).toMatch(/^CS-/);
    await shot(agent, 'intake-saved-ar');

    // 2. The dispatcher sees it in the queue with its time left and routes it.
    const disp = await as('disp1', 'disp1-password');
    await go(disp, '/desk');
    const row = disp.locator(`tr[data-ref="${ref}"]`);
    await row.waitFor({ state: 'visible' });
    await expect.poll(() => row.locator('[data-clock]').getAttribute('data-clock')).toBe('running');
    await shot(disp, 'queue-ar');
    await go(disp, `/desk/cases/${ref}`);
    await disp.fill('#a-dept', 'metering/maintenance');
    await disp.fill('#a-who', 'eng1');
    await disp.getByRole('button', { name: 'إسناد' }).click();
    await expect.poll(() => caseState(disp)).toBe('assigned');

    // 3. The department starts and replies.
    const eng = await as('eng1', 'eng1-password');
    await go(eng, `/desk/cases/${ref}`);
    await eng.getByRole('button', { name: 'بدء العمل' }).click();
    await expect.poll(() => caseState(eng)).toBe('in_progress');
    await eng.fill('#r-text', 'تم استبدال شاشة العداد، والرصيد يظهر الآن بشكل صحيح.');
    await eng.locator('form:has(#r-text) button[type=submit]').click();
    await expect.poll(() => caseState(eng)).toBe('answered');

    // 4. The front line closes it.
    await go(agent, `/desk/cases/${ref}`);
    await agent.getByRole('button', { name: 'إغلاق الحالة' }).click();
    await expect.poll(() => caseState(agent)).toBe('closed');
    await shot(agent, 'case-closed-ar');

    // 5. The subscriber reads the answer and answers the poll, on a phone.
    const demo = stack.seeded!.demoSubscriber!;
    const sub = await as(demo.username, demo.password, PHONE);
    await go(sub, `/portal/cases/${ref}`);
    await expect.poll(() => sub.locator('.desk-reply').textContent()).toContain('شاشة العداد');
    await sub.locator('input[name=score][value="5"]').check();
    await sub.fill('#poll-comment', 'شكراً، خدمة سريعة');
    await shot(sub, 'portal-poll-ar');
    await sub.locator('form.desk-poll button[type=submit]').click();
    await sub.locator('[data-poll=answered]').waitFor({ state: 'visible' });
    await shot(sub, 'portal-poll-answered-ar');

    // 6. The statistics page counts it.
    await go(disp, '/desk/stats');
    await expect.poll(() => disp.locator('[data-kpi=satisfied]').textContent()).toMatch(/100|١٠٠/);
    await shot(disp, 'stats-ar');
  }, 180_000);
});
