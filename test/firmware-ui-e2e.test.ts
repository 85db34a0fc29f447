// The console's firmware pages end to end in headless Chromium against the real stack (embedded broker, simulated
// MQTT meters with two-slot bootloaders): an administrator starts a campaign from the page (package, waves,
// threshold), checks the server's preview in the confirmation, starts it and watches it run to "completed"; a
// second campaign with an image that fails its self-test pauses itself, and its page shows the failures with
// their reasons in words, in Arabic (RTL) and in English, on a 1366×850 desktop and a 360 px phone; resume keeps
// it paused (still over the threshold), cancel ends it, and both are in the audit log with who and from where.
// The meter page shows the version the meter reported. Screenshots: test-artifacts/screenshots/firmware-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestStack, eventually, TEST_ADMIN_PASSWORD, type TestStack } from './support/stack.ts';
import { SHOTS_DIR, chromiumAvailable, ensureConsoleBuilt, launchChromium } from './support/browser.ts';
import { createFirmwareModule } from '../modules/firmware/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { hashMachineSecret } from '../platform/index.ts';
import { MqttMeter, SELFTEST_FAIL_MARKER, SimBootloader, SimMeter, residentialElectricity } from '../meter-sim/index.ts';
import { encodeFirmwarePackage, generateFirmwareKeys, signFirmware } from '../protocols/index.ts';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 850 };
const MODEL = 'RS-E1';
const N = 20;
const keys = generateFirmwareKeys();
const haveChromium = chromiumAvailable();

describe.skipIf(!haveChromium)('firmware pages in Chromium (Arabic and English, desktop and phone)', () => {
  let s: TestStack;
  let browser: Browser;
  let token: string;
  const meters: MqttMeter[] = [];
  const boots = new Map<string, SimBootloader>();
  const contexts: BrowserContext[] = [];
  let brokenCampaign = 0;
  const packageIds = new Map<string, number>();

  beforeAll(async () => {
    ensureConsoleBuilt();
    s = await startTestStack({ SIM_METERS: '0' }, { modules: [createFirmwareModule({ publicKeys: [keys.publicPem], sweepMs: 250 })] });
    token = await s.adminToken();
    for (let i = 0; i < N; i++) {
      const id = `FWU${String(i).padStart(3, '0')}`;
      await createMeter(s.db, { id, service: 'electricity', area: i % 2 ? 'Seeb' : 'Muttrah', transport: 'mqtt', status: 'active', model: MODEL, mqttPasswordHash: hashMachineSecret(`pw-${id}`) });
      const boot = new SimBootloader({ model: MODEL, version: '1.0.0', keys: [keys.publicPem] });
      boots.set(id, boot);
      const m = new MqttMeter(new SimMeter({ id, service: 'electricity', profile: residentialElectricity(i), credit: 80_000 }), { brokerUrl: s.mqtt, password: `pw-${id}`, intervalMs: 3000, bootloader: boot });
      await m.start();
      meters.push(m);
    }
    // The meters' telemetry reports what they run: the inventory fills by itself.
    await eventually(async () => Number((await s.db.query<{ n: string }>('SELECT count(*) AS n FROM meter_firmware')).rows[0]!.n) === N, 30_000, 200);
    for (const [version, broken] of [['1.1.0', false], ['1.2.0', true]] as const) {
      const image = Buffer.from(`raseed ui image ${version} `.repeat(300) + (broken ? SELFTEST_FAIL_MARKER : ''));
      const r = await s.api('/api/v1/firmware', { method: 'POST', token, body: new Uint8Array(encodeFirmwarePackage(signFirmware(image, { model: MODEL, version, chunkSize: 2048 }, keys.privatePem))), headers: { 'content-type': 'application/octet-stream' } });
      expect(r.status).toBe(201);
      packageIds.set(version, r.body.id);
    }
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    for (const m of meters) await m.stop();
    await s?.stop();
  });

  async function signedIn(locale: 'ar' | 'en', viewport: { width: number; height: number }): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: locale === 'ar' ? 'ar-OM' : 'en-GB', timezoneId: 'Asia/Muscat', deviceScaleFactor: 1 });
    contexts.push(ctx);
    await ctx.addInitScript((l) => { if (!localStorage.getItem('raseed.locale')) localStorage.setItem('raseed.locale', l); }, locale);
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(s.http + '/login');
    await page.fill('#login-user', 'admin');
    await page.fill('#login-pass', TEST_ADMIN_PASSWORD);
    await page.click('form button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  }
  async function go(page: Page, path: string): Promise<void> {
    await page.goto(s.http + path);
    await page.locator('main h1').first().waitFor({ state: 'visible' });
  }
  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS_DIR, `firmware-${name}.png`), fullPage: true });
  }
  async function noSidewaysScroll(page: Page): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  }
  /** Visible buttons, links and form fields in main are at least 24 px tall. */
  async function tapTargets(page: Page): Promise<void> {
    const small = await page.evaluate(() => [...document.querySelectorAll('main button, main a, main select, main input, main summary')]
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ what: `${e.tagName} ${(e.textContent ?? '').trim().slice(0, 30)}`, h: e.getBoundingClientRect().height }))
      .filter((x) => x.h < 24));
    expect(small).toEqual([]);
  }

  it('an admin starts a campaign from the page (confirmed against the preview) and watches it complete', async () => {
    const page = await signedIn('en', DESKTOP);
    await page.click('nav a[href="/firmware"]');
    await page.locator('h1#h-fw').waitFor();
    await page.locator('table.fw-packages tbody tr').nth(1).waitFor();
    await page.selectOption('#fw-pkg', { label: `${MODEL} 1.1.0` });
    await page.fill('#fw-waves', '10, 100');
    await page.fill('#fw-threshold', '5');
    await page.click('form.fw-new button[type=submit]');
    const confirm = page.locator('.fw-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Update 20 meters of model ${MODEL} to version 1.1.0`);
    expect(await confirm.locator('.fw-waves li').allTextContents()).toEqual(['Wave 1: 2 meters (up to 10 % of them)', 'Wave 2: 18 meters (up to 100 % of them)']);
    await shot(page, 'confirm-en-desktop');
    await page.click('.fw-confirm button[data-action=start]');
    await page.waitForURL(/\/firmware\/\d+$/);
    const article = page.locator('article.fw-campaign');
    await article.waitFor();
    await shot(page, 'running-en-desktop'); // most likely still moving: the live line and the wave bars part-filled
    // Live: the page follows the campaign by itself to the end.
    await page.locator('article.fw-campaign[data-status="completed"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-k="updated"]').textContent()).toBe('20');
    expect(await page.locator('tr[data-wave="1"] td[data-state="updated"]').textContent()).toBe('2');
    expect(await page.locator('tr[data-wave="2"] td[data-state="updated"]').textContent()).toBe('18');
    await shot(page, 'done-en-desktop');
    for (const b of boots.values()) expect(b.version).toBe('1.1.0');
    // The meter page shows what the meter runs.
    await go(page, '/meters/FWU003');
    await page.locator('[data-firmware="1.1.0"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-firmware]').textContent()).toContain(`${MODEL} 1.1.0`);
    await shot(page, 'meter-en-desktop');
  }, 150_000);

  it('a paused campaign shows its failures with reasons in words, in Arabic and English, on desktop and phone', async () => {
    const c = await s.api('/api/v1/firmware/campaigns', { method: 'POST', token, json: { firmwareId: packageIds.get('1.2.0'), target: { model: MODEL }, waves: [{ percent: 10 }, { percent: 100 }], maxFailurePercent: 5 } });
    expect(c.status).toBe(201);
    brokenCampaign = c.body.id;
    await eventually(async () => {
      const v = (await s.api(`/api/v1/firmware/campaigns/${brokenCampaign}`, { token })).body;
      return v.status === 'paused' && v.counts.rolled_back === 2 && v.counts.downloading + v.counts.updating + v.counts.downloaded === 0;
    }, 60_000, 200);
    const expected = {
      en: { reason: 'The new version failed its self-test; the meter went back to its old version by itself', paused: 'Paused by itself: 2 of 2 meters', state: 'Rolled back' },
      ar: { reason: 'فشل الإصدار الجديد في الفحص الذاتي فعاد العداد إلى إصداره السابق تلقائياً', paused: 'توقفت تلقائياً', state: 'أُعيد للإصدار السابق' },
    };
    for (const locale of ['ar', 'en'] as const) {
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        const page = await signedIn(locale, viewport);
        await go(page, `/firmware/${brokenCampaign}`);
        await page.locator('article.fw-campaign[data-status="paused"]').waitFor();
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        expect(await page.locator('[data-pause="failure_threshold"]').textContent()).toContain(expected[locale].paused);
        const rows = page.locator('table.fw-failures tbody tr');
        expect(await rows.count()).toBe(2);
        for (const r of await rows.all()) {
          expect(await r.getAttribute('data-code')).toBe('rolled_back');
          expect((await r.locator('.fw-reason').textContent())?.trim()).toBe(expected[locale].reason);
          expect(await r.locator('.badge').textContent()).toBe(expected[locale].state);
        }
        expect(await page.locator('tr[data-wave="2"] td[data-state="pending"]').textContent()).toMatch(/^(18|١٨)$/);
        await noSidewaysScroll(page);
        await tapTargets(page);
        await shot(page, `paused-${locale}-${size}`);
        await go(page, '/firmware');
        await page.locator('table.fw-campaigns tbody tr').nth(1).waitFor();
        await noSidewaysScroll(page);
        await tapTargets(page);
        await shot(page, `list-${locale}-${size}`);
      }
    }
    // The failed meters run their old version: supply untouched.
    const failed = (await s.api(`/api/v1/firmware/campaigns/${brokenCampaign}`, { token })).body.failures.map((f: { meterId: string }) => f.meterId);
    for (const id of failed) {
      expect(boots.get(id)!.version).toBe('1.1.0');
      expect(meters.find((m) => m.meter.id === id)!.meter.state.relay).toBe('closed');
    }
  }, 180_000);

  it('resume keeps it paused (still over the threshold); cancel ends it; both audited with who and from where', async () => {
    const page = await signedIn('ar', PHONE);
    await go(page, `/firmware/${brokenCampaign}`);
    await page.click('button[data-action=resume]');
    await page.locator('p.notice.ok').waitFor();
    expect(await page.locator('article.fw-campaign').getAttribute('data-status')).toBe('paused');
    await page.click('button[data-action=cancel]');
    await page.locator('article.fw-campaign[data-status="cancelled"]').waitFor();
    await shot(page, 'cancelled-ar-phone');
    const audit = (await s.api('/api/v1/audit?action=firmware.campaign.', { token })).body.entries as { action: string; actor: string; ip: string | null; target: string }[];
    for (const action of ['firmware.campaign.create', 'firmware.campaign.resume', 'firmware.campaign.cancel']) {
      const e = audit.find((x) => x.action === action && x.target === String(brokenCampaign));
      expect(e, action).toBeDefined();
      expect(e!.actor).toBe('admin');
      expect(e!.ip).toBeTruthy();
    }
  }, 60_000);
});
