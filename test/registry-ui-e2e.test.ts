// The registry pages end to end in headless Chromium, in Arabic, against the real stack, on a desktop
// (1366×850) and on a phone (360 px): an admin registers an electricity and a water meter, issues MQTT
// credentials (shown once, gone after closing), checks a CSV with a bad line (the line is named), opens an
// account for a subscriber, links both meters and sees them in the household; the search box finds the
// subscriber by an unaccented Arabic name and by an 8-digit phone; an operator is added with a role and an area.
// Screenshots go to test-artifacts/screenshots/registry-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig, silentLogger } from '../platform/index.ts';
import { startStack, type RunningStack } from '../app/index.ts';
import { chromiumAvailable, ensureConsoleBuilt, launchChromium } from './support/browser.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 850 };
const ADMIN_PASSWORD = 'test-admin-pass';
const haveChromium = chromiumAvailable();



describe.skipIf(!haveChromium)('registry pages in Chromium (Arabic)', () => {
  let stack: RunningStack;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const config = loadConfig({ HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: '2', SIM_INTERVAL: '5', RASEED_ADMIN_PASSWORD: ADMIN_PASSWORD }, {});
    stack = await startStack({ config, logger: silentLogger, inMemoryStore: true });
    base = stack.urls.http!;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
  });

  async function asAdmin(viewport: { width: number; height: number }): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'ar-OM', timezoneId: 'Asia/Muscat', deviceScaleFactor: 1 });
    contexts.push(ctx);
    await ctx.addInitScript(() => { if (!localStorage.getItem('raseed.locale')) localStorage.setItem('raseed.locale', 'ar'); });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    await page.waitForURL(/\/login$/);
    await page.fill('#login-user', 'admin');
    await page.fill('#login-pass', ADMIN_PASSWORD);
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
    await page.screenshot({ path: join(SHOTS, `registry-${name}.png`), fullPage: true });
  }
  /** Nothing wider than the viewport (the page must not scroll sideways on a phone). */
  async function noSidewaysScroll(page: Page): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  }

  async function registerMeter(page: Page, id: string, service: 'electricity' | 'water', model: string): Promise<void> {
    await page.fill('#m-id', id);
    await page.selectOption('#m-service', service);
    await page.fill('#m-area', 'Muttrah');
    await page.fill('#m-model', model);
    await page.selectOption('#m-status', 'installed');
    await page.click('form.registry-register button[type=submit]');
    await page.locator(`tr[data-meter="${id}"]`).waitFor({ state: 'visible' });
  }

  for (const [label, viewport, n] of [['desktop', DESKTOP, 1], ['phone', PHONE, 2]] as const) {
    it(`onboards a subscriber with an electricity and a water meter in Arabic (${label})`, async () => {
      const page = await asAdmin(viewport);
      const elec = `0420000000${n}1`;
      const water = `0520000000${n}2`;
      const account = `ACC-UI-${n}`;
      const phone = `9123 45${n}7`;

      // 1. Two meters are registered.
      await go(page, '/registry/meters');
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.getAttribute('html', 'lang')).toBe('ar');
      await registerMeter(page, elec, 'electricity', 'Hexing HXE110');
      await registerMeter(page, water, 'water', 'Kamstrup flowIQ');
      expect(await page.locator(`tr[data-meter="${water}"]`).getAttribute('data-status')).toBe('installed');

      // 2. Credentials for the electricity meter: shown once, forgotten when closed.
      await page.click(`button[data-issue="${elec}"]`);
      const pass = page.locator('#secret-pass');
      await pass.waitFor({ state: 'visible' });
      const password = await pass.inputValue();
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(await page.inputValue('#secret-user')).toBe(elec);
      await shot(page, `credentials-ar-${label}`);
      await page.click('#secret-close');
      await pass.waitFor({ state: 'detached' });
      expect(await page.content()).not.toContain(password);
      await expect.poll(() => page.locator(`tr[data-meter="${elec}"] .badge.ok`).count()).toBeGreaterThan(0);

      // 3. A CSV with a bad line: nothing imported, the line is named.
      await page.setInputFiles('#m-csv', { name: 'delivery.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,service,area\n0620000000${n}1,electricity,Muttrah\n0620000000${n}2,gas,Muttrah\n`) });
      await page.click('form.registry-import button[value=check]');
      await page.locator('table.import-errors tr[data-line="3"]').waitFor({ state: 'visible' });
      expect(await page.locator('table.import-errors').innerText()).toContain('service');
      await shot(page, `meters-ar-${label}`);
      if (label === 'phone') await noSidewaysScroll(page);

      // 4. The account is opened.
      await go(page, '/registry/subscribers');
      await page.fill('#s-nameAr', 'أحمد بن سالم البلوشي');
      await page.fill('#s-nameEn', 'Ahmed bin Salim Al Balushi');
      await page.fill('#s-account', account);
      await page.fill('#s-phone', `+968 ${phone}`);
      await page.fill('#s-civil', `1234567${n}`);
      await page.fill('#s-email', `ahmed${n}@example.om`);
      await page.selectOption('#s-lang', 'ar');
      await page.selectOption('#s-pc', 'medical');
      await page.fill('#s-pc-ev', 'خطاب وزارة الصحة 2291');
      await page.fill('#s-pc-exp', '2027-06-30');
      await shot(page, `onboard-ar-${label}`);
      if (label === 'phone') await noSidewaysScroll(page);
      await page.click('form.registry-onboard button[type=submit]');
      await page.waitForURL(/\/registry\/subscribers\/\d+$/);
      const householdPath = new URL(page.url()).pathname;
      const house = page.locator('section.household');
      await house.waitFor({ state: 'visible' });

      // 5. Both meters are linked; the household shows electricity and water.
      for (const id of [elec, water]) {
        await page.fill('#h-meter', id);
        await page.click('form.registry-link button[type=submit]');
        await page.locator(`li[data-meter="${id}"]`).waitFor({ state: 'visible' });
      }
      await expect.poll(() => house.getAttribute('data-meters')).toBe('2');
      expect(await page.locator(`.household-group[data-service=electricity] li[data-meter="${elec}"]`).count()).toBe(1);
      expect(await page.locator(`.household-group[data-service=water] li[data-meter="${water}"]`).count()).toBe(1);
      expect(await house.innerText()).toContain('أحمد بن سالم البلوشي');
      expect(await house.innerText()).toContain('حالة طبية');
      await shot(page, `household-ar-${label}`);
      if (label === 'phone') await noSidewaysScroll(page);

      // 6. The search box finds the account by a plain-alif name and by an 8-digit phone.
      await go(page, '/registry/subscribers');
      await page.fill('#rg-q', 'احمد البلوشي');
      await page.click('form.registry-search button[type=submit]');
      await expect.poll(() => page.locator('.search-results li[data-kind=subscriber], .search-results li[data-kind=account]').count()).toBeGreaterThan(0);
      await page.fill('#rg-q', phone.replace(' ', ''));
      await page.click('form.registry-search button[type=submit]');
      await expect.poll(() => page.locator('.search-results').innerText()).toContain(account);
      await page.fill('#rg-q', elec);
      await page.click('form.registry-search button[type=submit]');
      await expect.poll(() => page.locator('.search-results li[data-kind=meter]').count()).toBeGreaterThan(0);
      await shot(page, `search-ar-${label}`);

      // 7. The same household in English: every label switches, the Arabic name stays as written.
      if (label === 'desktop') {
        await go(page, householdPath);
        await page.click('button.lang');
        await page.locator('html[dir=ltr]').waitFor({ state: 'attached' });
        expect(await page.getAttribute('html', 'dir')).toBe('ltr');
        const text = await page.locator('section.household').innerText();
        expect(text).toContain('Electricity');
        expect(text).toContain('Water');
        expect(text).toContain('أحمد بن سالم البلوشي');
        await shot(page, 'household-en-desktop');
      }
    }, 180_000);
  }

  it('an admin adds an operator with a role and an area, and disables them (Arabic)', async () => {
    const page = await asAdmin(DESKTOP);
    await go(page, '/registry/operators');
    await page.fill('#o-user', 'agent.muttrah');
    await page.fill('#o-name', 'موظفة مركز الاتصال');
    await page.selectOption('#o-role', 'call_centre');
    await page.fill('#o-areas', 'Muttrah');
    await page.fill('#o-pass', 'agent-password-1');
    await page.click('form.registry-new-op button[type=submit]');
    const row = page.locator('tr[data-user="agent.muttrah"]');
    await row.waitFor({ state: 'visible' });
    expect(await row.innerText()).toContain('موظف مركز الاتصال');
    await row.getByRole('button', { name: 'تعطيل' }).click();
    await expect.poll(() => row.locator('.badge.bad').count()).toBe(1);
    await shot(page, 'operators-ar-desktop');
  }, 120_000);
});
