// Finds `influxd` (InfluxDB 1.x: Debian's `influxdb` package, 1.6.x) and runs a throwaway instance for tests:
// private free ports on 127.0.0.1, data/meta/wal in a temporary directory, reporting off. The instance can be
// stopped and started again mid-test (an outage) and keeps its data. Without influxd, startInfluxd() returns
// null: suites print a loud SKIPPED line (influxdSkipMessage) and skip (`it.skipIf`). .ci/run installs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

export interface InfluxdHandle {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  database: string;
  version: string;
  dir: string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s); data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  readonly running: boolean;
  /** Runs an InfluxQL query against the database; returns the parsed JSON. */
  query(q: string): Promise<InfluxQueryResponse>;
  /** Stops and removes the data directory. */
  dispose(): Promise<void>;
}

export interface InfluxQueryResponse {
  results: { statement_id?: number; error?: string; series?: { name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }[] }[];
  error?: string;
}

export const influxdSkipMessage =
  '\n**********************************************************************\n' +
  '*** SKIPPED: InfluxDB tests — `influxd` not found on PATH.\n' +
  '*** Install it: apt-get update && apt-get install -y influxdb\n' +
  '**********************************************************************\n';

/** Path of influxd, or null. INFLUXD may name it explicitly. */
export function findInfluxd(): string | null {
  const candidates = [process.env.INFLUXD, '/usr/bin/influxd', '/usr/local/bin/influxd', '/usr/sbin/influxd'].filter(Boolean) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const r = spawnSync('sh', ['-c', 'command -v influxd'], { encoding: 'utf8' });
  const p = r.stdout?.trim();
  return r.status === 0 && p ? p : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StartInfluxdOptions {
  database?: string;
  /** Wait this long for /ping; default 30 s. */
  startTimeoutMs?: number;
}

/** Starts a private influxd and creates the database; null when influxd is not installed. */
export async function startInfluxd(o: StartInfluxdOptions = {}): Promise<InfluxdHandle | null> {
  const bin = findInfluxd();
  if (!bin) return null;
  const database = o.database ?? 'raseed_test';
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'raseed-influxd-'));
  const port = await freePort();
  let rpcPort = await freePort();
  while (rpcPort === port) rpcPort = await freePort();
  const conf = join(dir, 'influxdb.conf');
  fs.writeFileSync(conf, [
    'reporting-disabled = true',
    `bind-address = "127.0.0.1:${rpcPort}"`,
    '[meta]',
    `  dir = "${join(dir, 'meta')}"`,
    '  logging-enabled = false',
    '[data]',
    `  dir = "${join(dir, 'data')}"`,
    `  wal-dir = "${join(dir, 'wal')}"`,
    '  query-log-enabled = false',
    '  wal-fsync-delay = "0s"',
    '[coordinator]',
    '  max-select-point = 0',
    '[http]',
    '  enabled = true',
    `  bind-address = "127.0.0.1:${port}"`,
    '  auth-enabled = false',
    '  log-enabled = false',
    '  max-row-limit = 0',
    '  max-body-size = 0',
    '[logging]',
    '  level = "error"',
    '[monitor]',
    '  store-enabled = false',
    '[subscriber]',
    '  enabled = false',
    '[continuous_queries]',
    '  enabled = false',
    '',
  ].join('\n'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let version = 'unknown';
  const logPath = join(dir, 'influxd.log');

  async function ping(): Promise<boolean> {
    try {
      const r = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      if (r.status === 204) {
        version = r.headers.get('x-influxdb-version') ?? version;
        return true;
      }
    } catch {}
    return false;
  }

  async function start(): Promise<void> {
    if (child) return;
    const log = fs.openSync(logPath, 'a');
    const c = spawn(bin!, ['-config', conf], { stdio: ['ignore', log, log], env: { ...process.env, INFLUXDB_REPORTING_DISABLED: 'true' } });
    fs.closeSync(log);
    child = c;
    let exited = false;
    c.once('exit', () => {
      exited = true;
      if (child === c) child = null;
    });
    const deadline = Date.now() + (o.startTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (exited) throw new Error(`influxd exited at start; log:\n${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
      if (await ping()) return;
      await sleep(100);
    }
    c.kill('SIGKILL');
    throw new Error(`influxd did not answer /ping within ${o.startTimeoutMs ?? 30_000} ms`);
  }

  async function stop(): Promise<void> {
    const c = child;
    if (!c) return;
    const gone = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(t);
    child = null;
  }

  async function query(q: string, db: string | null = database): Promise<InfluxQueryResponse> {
    const params = new URLSearchParams({ q, epoch: 'ms' });
    if (db) params.set('db', db);
    const r = await fetch(`${url}/query`, { method: 'POST', body: params, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const j = (await r.json()) as InfluxQueryResponse;
    if (!r.ok || j.error) throw new Error(`InfluxQL failed (${r.status}): ${j.error ?? JSON.stringify(j).slice(0, 300)}`);
    for (const res of j.results ?? []) if (res.error) throw new Error(`InfluxQL failed: ${res.error}`);
    return j;
  }

  await start();
  await query(`CREATE DATABASE "${database}"`, null);

  return {
    url, port, database, dir,
    get version() {
      return version;
    },
    get running() {
      return child !== null;
    },
    start, stop,
    query: (q) => query(q),
    async dispose() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
