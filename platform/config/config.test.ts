import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from './schema.ts';
import { PortInUseError, choosePort } from './ports.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ MQTT_PORT: 1883, HTTP_PORT: 8080, DATA_DIR: './data', SIM_METERS: 20, LOG_LEVEL: 'info', CURRENCY: 'OMR', INFLUX_API: 'v2' });
    expect(c.explicit.size).toBe(0);
  });

  it('reports every bad value at once, and hides secrets', () => {
    let err: unknown;
    try {
      loadConfig({ MQTT_PORT: 'abc', HTTP_PORT: '70000', SIM_METERS: '-1', DATABASE_URL: 'mysql://u:hunter2@x/db', LOG_LEVEL: 'loud', RASEED_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const k of ['MQTT_PORT', 'HTTP_PORT', 'SIM_METERS', 'DATABASE_URL', 'LOG_LEVEL', 'RASEED_ADMIN_PASSWORD']) expect(problems).toContain(k);
    expect(problems).not.toContain('hunter2');
    expect(problems).not.toContain('short');
  });

  it('flags win over the environment and count as explicit', () => {
    const c = loadConfig({ HTTP_PORT: '9000' }, { HTTP_PORT: '9100' });
    expect(c.HTTP_PORT).toBe(9100);
    expect(c.explicit.has('HTTP_PORT')).toBe(true);
  });

  it('the CLI exits 2 with every problem listed', () => {
    const r = spawnSync(process.execPath, ['bin/raseed.mjs', 'start'], { env: { ...process.env, HTTP_PORT: 'x', SIM_METERS: 'many' }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('HTTP_PORT');
    expect(r.stderr).toContain('SIM_METERS');
  });
});

describe('port choice', () => {
  it('moves a default port that is taken, and refuses a chosen one', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const taken = (srv.address() as net.AddressInfo).port;
    try {
      const moved = await choosePort('HTTP', taken, false, 'HTTP_PORT', '127.0.0.1');
      expect(moved.moved).toBe(true);
      expect(moved.port).not.toBe(taken);
      await expect(choosePort('HTTP', taken, true, 'HTTP_PORT', '127.0.0.1')).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      srv.close();
    }
  });
});
