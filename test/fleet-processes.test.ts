// A fleet in its own process (issue 12), as the fleet bench runs it but small enough for CI: `raseed start`
// without a simulated fleet (embedded broker, gateway, API, the embedded PostgreSQL in DATA_DIR/pg) and
// `raseed sim` with a few hundred meters as a separate process on the same DATA_DIR (it registers them in the
// shared store, in batches, and connects them through its sliding window). Checked from the server's side:
// the broker counts every meter logged in (/metrics), every meter's reading reaches the API, a relay command to
// one meter is acknowledged by it, and both processes stop cleanly, taking the embedded PostgreSQL with them.
// Not a timing test: every wait is for a condition, with generous deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/influxd.ts';
import { eventually } from './support/stack.ts';

const BIN = new URL('../bin/raseed.mjs', import.meta.url).pathname;
const METERS = 200;
const PASSWORD = 'fleet-test-admin-pass';

interface Proc { child: ChildProcess; out: string }

describe('raseed sim in its own process against a separately started stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raseed-fleet-test-'));
  const procs: Proc[] = [];
  let base = '';
  let token = '';
  let stack: Proc, sim: Proc;

  const start = (cmd: string, env: Record<string, string>): Proc => {
    const child = spawn(process.execPath, [BIN, cmd], {
      env: { ...process.env, DATA_DIR: dir, RASEED_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p: Proc = { child, out: '' };
    child.stdout!.on('data', (d: Buffer) => (p.out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (p.out += d.toString()));
    procs.push(p);
    return p;
  };
  const api = async (path: string, body?: unknown) => {
    const r = await fetch(base + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads a few fields of several JSON answers
    return { status: r.status, text, json: () => JSON.parse(text) as Record<string, any> };
  };
  const alive = (p: Proc) => {
    if (p.child.exitCode !== null) throw new Error(`process exited (${p.child.exitCode}):\n${p.out.slice(-3000)}`);
  };
  const exit = (p: Proc) => new Promise<number | null>((r) => (p.child.exitCode !== null ? r(p.child.exitCode) : p.child.once('exit', (code) => r(code))));

  beforeAll(async () => {
    const http = await freePort(), mqttPort = await freePort();
    base = `http://127.0.0.1:${http}`;
    stack = start('start', {
      SIM_METERS: '0', HTTP_PORT: String(http), HTTP_HOST: '127.0.0.1', MQTT_PORT: String(mqttPort), MQTT_HOST: '127.0.0.1',
      MQTT_MAX_CONNECTIONS_PER_ADDRESS: String(METERS + 50),
    });
    token = await eventually(async () => {
      alive(stack);
      const r = await api('/api/v1/sessions', { username: 'admin', password: PASSWORD });
      return r.status === 201 ? (r.json().token as string) : null;
    }, 120_000, 250);
    sim = start('sim', { SIM_METERS: String(METERS), SIM_INTERVAL: '2', MQTT_URL: `mqtt://127.0.0.1:${mqttPort}` });
  }, 150_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    // After a SIGKILL the embedded PostgreSQL outlives its processes (by design): stop it here.
    const pidFile = join(dir, 'pg', 'data', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try { process.kill(pid, 'SIGTERM'); } catch {}
      await eventually(() => !existsSync(pidFile), 20_000).catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('the broker counts every meter logged in, every meter reports, and a meter acknowledges a relay command', async () => {
    // The broker's own count (not the simulator's).
    await eventually(async () => {
      alive(sim);
      alive(stack);
      const m = /raseed_broker_clients_connected\{kind="meter"\} (\d+)/.exec((await api('/metrics')).text);
      return m && Number(m[1]) === METERS;
    }, 150_000, 500);

    // Every registered meter is online with a reading in the API (through the gateway's batched latest state).
    const meters = await eventually(async () => {
      const list = (await api('/api/v1/meters')).json().meters as { id: string; online: boolean; latestReading: unknown }[];
      return list.length === METERS && list.every((m) => m.online && m.latestReading) ? list : null;
    }, 60_000, 500);
    // Readings keep coming (the timer wheel turns): a meter's sequence moves on.
    const probe = meters[Math.floor(meters.length / 2)]!.id;
    const seqOf = async () => ((await api(`/api/v1/meters/${probe}`)).json().latestReading as { seq: number } | null)?.seq ?? 0;
    const seq0 = await seqOf();
    await eventually(async () => (await seqOf()) > seq0, 30_000, 250);

    // A relay command (reconnect: never blocked by the policy) reaches the meter in the other process and is acknowledged.
    const target = meters[meters.length - 1]!.id;
    const r = await api(`/api/v1/meters/${target}/reconnect`, { reason: 'customer_request', note: 'fleet test' });
    expect(r.status, r.text).toBe(202);
    const ref = r.json().command.reference as string;
    const done = await eventually(async () => {
      const c = (await api(`/api/v1/commands/${ref}`)).json();
      return ['pending', 'sent'].includes(c.status as string) ? null : c;
    }, 60_000, 250);
    expect(done).toMatchObject({ status: 'acknowledged', result: 'closed' });

    // Both stop cleanly on SIGINT; the last one out stops the shared embedded PostgreSQL.
    sim.child.kill('SIGINT');
    expect(await exit(sim)).toBe(0);
    stack.child.kill('SIGINT');
    expect(await exit(stack)).toBe(0);
    expect(existsSync(join(dir, 'pg', 'data', 'postmaster.pid'))).toBe(false);
  }, 300_000);
});
