// `raseed start` on a fresh data directory: time until the first reading is visible in the API,
// and the whole process's memory (RSS) once the fleet runs, for 20 and 2000 simulated meters.
// Env: STARTUP_FLEETS="20,2000" STARTUP_SETTLE_S=30
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortFree } from '../platform/index.ts';

const fleets = (process.env.STARTUP_FLEETS ?? '20,2000').split(',').map(Number);
const settleS = Number(process.env.STARTUP_SETTLE_S ?? 30);
const password = 'bench-admin-pass';

async function freePort(from: number): Promise<number> {
  for (let p = from; ; p++) if (await isPortFree(p)) return p;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function run(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'raseed-startup-'));
  const http = await freePort(28080), mqttPort = await freePort(21883);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/raseed.mjs', 'start'], {
    env: { ...process.env, DATA_DIR: dir, HTTP_PORT: String(http), MQTT_PORT: String(mqttPort), SIM_METERS: String(n), SIM_INTERVAL: '5', RASEED_ADMIN_PASSWORD: password, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${http}`;
  let token = '';
  let firstReadingS = NaN, allOnlineS = NaN;
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    try {
      if (!token) {
        const r = await fetch(`${base}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
        if (r.status !== 201) continue;
        token = ((await r.json()) as { token: string }).token;
      }
      const r = await fetch(`${base}/api/v1/meters`, { headers: { authorization: `Bearer ${token}` } });
      const { meters } = (await r.json()) as { meters: { online: boolean; latestReading: unknown }[] };
      if (Number.isNaN(firstReadingS) && meters.some((m) => m.latestReading)) firstReadingS = (performance.now() - t0) / 1000;
      if (meters.length === n && meters.every((m) => m.online && m.latestReading)) {
        allOnlineS = (performance.now() - t0) / 1000;
        break;
      }
    } catch {}
  }
  await new Promise((r) => setTimeout(r, settleS * 1000));
  const rss = rssMiB(child.pid!);
  child.kill('SIGINT');
  const tStop = performance.now();
  await new Promise((r) => child.once('exit', r));
  const stopS = (performance.now() - tStop) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { n, firstReadingS, allOnlineS, rss, stopS };
}

console.log('meters | first reading in API | all meters online with a reading | RSS after settle | Ctrl-C to exit');
for (const n of fleets) {
  const r = await run(n);
  console.log(`${String(r.n).padStart(6)} | ${r.firstReadingS.toFixed(1).padStart(6)} s | ${r.allOnlineS.toFixed(1).padStart(6)} s | ${String(r.rss).padStart(5)} MiB | ${r.stopS.toFixed(1)} s`);
}
