// A private Mosquitto 2.x for a test, on a free port, with the dynamic-security plugin and its own config and
// data directory; the system broker (1883) is never touched. Returns null, after a loud warning, when mosquitto
// or its plugin is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { freePort } from './influxd.ts';

const BINARY = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));
const PLUGIN = [
  '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so', '/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/mosquitto_dynamic_security.so', '/usr/local/lib/mosquitto_dynamic_security.so',
].find((p) => existsSync(p));

export interface PrivateMosquitto {
  url: string;
  port: number;
  admin: { username: string; password: string };
  dir: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function startMosquitto(o: { dynsec?: boolean } = {}): Promise<PrivateMosquitto | null> {
  const dynsec = o.dynsec ?? true;
  if (!BINARY || (dynsec && !PLUGIN)) {
    console.warn(`\n*** SKIPPED: no mosquitto binary${dynsec ? ' or mosquitto_dynamic_security.so' : ''} (apt-get install mosquitto); private-Mosquitto tests did not run ***\n`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'raseed-mosq-'));
  const port = await freePort();
  const admin = { username: 'raseed-admin', password: 'admin-' + Math.random().toString(36).slice(2) };
  // Run as ourselves: as root, mosquitto would drop to the `mosquitto` user, who cannot read our temp directory.
  const lines = [`user ${userInfo().username}`, `listener ${port} 127.0.0.1`, 'persistence false', 'max_inflight_messages 100', 'max_queued_messages 100000'];
  if (dynsec) {
    const init = spawnSync('mosquitto_ctrl', ['dynsec', 'init', join(dir, 'dynsec.json'), admin.username, admin.password], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`mosquitto_ctrl dynsec init failed: ${init.stderr}`);
    lines.push(`plugin ${PLUGIN}`, `plugin_opt_config_file ${join(dir, 'dynsec.json')}`, 'allow_anonymous false');
  } else {
    lines.push('allow_anonymous true');
  }
  writeFileSync(join(dir, 'mosquitto.conf'), lines.join('\n') + '\n');
  const proc = spawn(BINARY, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `mqtt://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = mqtt.connect(url, { ...(dynsec ? admin : {}), reconnectPeriod: 0, connectTimeout: 1000 });
      c.once('connect', () => { c.end(true); resolve(true); });
      c.once('error', () => { c.end(true); resolve(false); });
      c.once('close', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error(`private mosquitto did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, port, admin, dir, proc,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
