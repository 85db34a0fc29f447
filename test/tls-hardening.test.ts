// TLS (issue 16): HTTPS and MQTT over TLS from TLS_CERT/TLS_KEY, meters' client certificates checked against
// TLS_CA (and a meter's certificate must name the meter), a self-signed development certificate generated into
// DATA_DIR when TLS_SELF_SIGNED=true. Real TLS clients: Node https, mosquitto_pub --cafile, MQTT.js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { generate } from 'selfsigned';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { loadTls, selfSigned, TlsConfigError } from '../dashboard-api/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { hashMachineSecret } from '../platform/index.ts';

const run = promisify(execFile);
const haveMosquitto = existsSync('/usr/bin/mosquitto_pub');
let s: TestStack;
let dir: string;
const f = (name: string) => join(dir, name);
const METER = 'TLS-M1', OTHER = 'TLS-M2', PASSWORD = 'meter-secret-0123456789abcdef';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'raseed-tls-'));
  const server = await selfSigned();
  writeFileSync(f('server.pem'), server.cert);
  writeFileSync(f('server.key'), server.key);
  const ca = await generate([{ name: 'commonName', value: 'Test meter CA' }], {
    keyType: 'ec', algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }],
  });
  writeFileSync(f('ca.pem'), ca.cert);
  for (const id of [METER, OTHER]) {
    const c = await generate([{ name: 'commonName', value: id }], { keyType: 'ec', algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert }, extensions: [{ name: 'basicConstraints', cA: false }, { name: 'extKeyUsage', clientAuth: true }] });
    writeFileSync(f(`${id}.pem`), c.cert);
    writeFileSync(f(`${id}.key`), c.private);
  }
  s = await startTestStack({ SIM_METERS: '0', TLS_CERT: f('server.pem'), TLS_KEY: f('server.key'), TLS_CA: f('ca.pem'), MQTTS_PORT: '0' });
  for (const id of [METER, OTHER]) await createMeter(s.db, { id, service: 'electricity', mqttPasswordHash: hashMachineSecret(PASSWORD) });
}, 60_000);
afterAll(async () => {
  await s?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tlsPort = () => Number(new URL(s.urls.mqtts!).port);
let lastHeaders: Record<string, unknown> = {};
const get = (url: string, ca?: string) => new Promise<number>((resolve, reject) => {
  request(url, { ca }, (res) => {
    res.resume();
    lastHeaders = res.headers;
    resolve(res.statusCode ?? 0);
  }).on('error', reject).end();
});
const reading = (seq: number) => JSON.stringify({ v: 1, seq, ts: Date.now(), register: 1000 + seq, credit: 5000, relay: 'closed' });
const pub = (args: string[]) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(tlsPort()), '--cafile', f('server.pem'), '-q', '1', ...args], { timeout: 10_000 });

describe('HTTPS', () => {
  it('serves the API over TLS to a client that trusts the certificate, and not to one that does not', async () => {
    expect(s.http).toMatch(/^https:/);
    expect(await get(`${s.http}/healthz`, readFileSync(f('server.pem'), 'utf8'))).toBe(200);
    expect(lastHeaders['strict-transport-security']).toMatch(/max-age=15552000/);
    await expect(get(`${s.http}/healthz`)).rejects.toThrow(/self[- ]signed|certificate/i);
  });
});

describe.skipIf(!haveMosquitto)('MQTT over TLS (mosquitto_pub)', () => {
  it('accepts a meter with its password and its own client certificate; the reading is stored', async () => {
    expect(s.urls.mqtts).toMatch(/^mqtts:/);
    await pub(['-i', METER, '-u', METER, '-P', PASSWORD, '--cert', f(`${METER}.pem`), '--key', f(`${METER}.key`), '-t', `raseed/v1/meters/${METER}/telemetry`, '-m', reading(1)]);
    await eventually(async () => (await s.db.query('SELECT 1 FROM readings WHERE meter_id = $1', [METER])).rows.length === 1);
  });

  it('refuses a meter without a client certificate, or with another meter\'s', async () => {
    await expect(pub(['-i', METER, '-u', METER, '-P', PASSWORD, '-t', `raseed/v1/meters/${METER}/telemetry`, '-m', reading(2)])).rejects.toThrow();
    await expect(pub(['-i', METER, '-u', METER, '-P', PASSWORD, '--cert', f(`${OTHER}.pem`), '--key', f(`${OTHER}.key`), '-t', `raseed/v1/meters/${METER}/telemetry`, '-m', reading(3)])).rejects.toThrow();
    const n = (await s.db.query('SELECT seq FROM readings WHERE meter_id = $1', [METER])).rows.length;
    expect(n).toBe(1);
  });

  it('MQTT.js over TLS with a client certificate', async () => {
    const c = await mqtt.connectAsync(s.urls.mqtts!.replace('localhost', '127.0.0.1'), {
      clientId: OTHER, username: OTHER, password: PASSWORD, ca: readFileSync(f('server.pem')), cert: readFileSync(f(`${OTHER}.pem`)), key: readFileSync(f(`${OTHER}.key`)), reconnectPeriod: 0,
    });
    await c.publishAsync(`raseed/v1/meters/${OTHER}/telemetry`, reading(1), { qos: 1 });
    await c.endAsync();
    await eventually(async () => (await s.db.query('SELECT 1 FROM readings WHERE meter_id = $1', [OTHER])).rows.length === 1);
  });
});

describe('certificates from the configuration', () => {
  it('generates a self-signed development certificate into DATA_DIR once and reuses it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'raseed-tls-data-'));
    try {
      const a = await loadTls({ TLS_SELF_SIGNED: true }, data);
      expect(a?.certPath).toBe(join(data, 'tls', 'cert.pem'));
      expect(statSync(join(data, 'tls', 'key.pem')).mode & 0o077).toBe(0);
      const b = await loadTls({ TLS_SELF_SIGNED: true }, data);
      expect(b?.cert).toBe(a?.cert);
      expect(await loadTls({ TLS_SELF_SIGNED: false }, data)).toBeNull();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('refuses half a configuration and unreadable files with a clear error', async () => {
    await expect(loadTls({ TLS_SELF_SIGNED: false, TLS_CERT: f('server.pem') }, undefined)).rejects.toThrow(TlsConfigError);
    await expect(loadTls({ TLS_SELF_SIGNED: false, TLS_CERT: f('nope.pem'), TLS_KEY: f('server.key') }, undefined)).rejects.toThrow(/cannot read TLS_CERT/);
    await expect(loadTls({ TLS_SELF_SIGNED: false, TLS_CERT: f('server.key'), TLS_KEY: f('server.key') }, undefined)).rejects.toThrow(/not a PEM certificate/);
  });
});
