// Headless Chromium for browser tests: Debian's `chromium` (/usr/bin/chromium, or CHROMIUM_PATH) driven by
// playwright-core. Nothing is downloaded: when the binary is missing the suite is skipped with a loud message
// (`.ci/run` installs it: apt-get install -y chromium).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where browser tests write their screenshots (kept by CI as artifacts, and looked at by people). */
export const SHOTS_DIR = join(ROOT, 'test-artifacts', 'screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the console (Vite) when console/dist is older than its sources, and makes the screenshot folder. */
export function ensureConsoleBuilt(): void {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const dist = join(ROOT, 'console', 'dist', 'index.html');
  const srcNewest = Math.max(newestMtime(join(ROOT, 'console', 'src')), statSync(join(ROOT, 'console', 'index.html')).mtimeMs);
  if (existsSync(dist) && statSync(dist).mtimeMs >= srcNewest) return;
  execFileSync('npx', ['vite', 'build', 'console', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
}
