// Headless Chromium for browser tests: Debian's `chromium` (/usr/bin/chromium, or CHROMIUM_PATH) driven by
// playwright-core. Nothing is downloaded: when the binary is missing the suite is skipped with a loud message
// (`.ci/run` installs it: apt-get install -y chromium).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps calling home, which a closed network refuses.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPED: browser tests need Chromium at ${CHROMIUM_PATH} (Debian: apt-get install -y chromium;\n` +
    `!! or set CHROMIUM_PATH). The console end-to-end tests did NOT run.\n${'!'.repeat(78)}\n`,
  );
  return false;
}

/** Launches headless Chromium. Playwright gives every launch a fresh, empty user-data-dir of its own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
