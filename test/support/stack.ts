// Starts the whole Raseed stack in-process on ephemeral ports with an in-memory store, for tests.
import { loadConfig, silentLogger } from '../../platform/index.ts';
import { startStack, type RunningStack, type StackOptions } from '../../app/index.ts';

export const TEST_ADMIN_PASSWORD = 'test-admin-pass';

/** The running stack; `api` here is an HTTP helper, the Fastify instance is `app`. */
export interface TestStack extends Omit<RunningStack, 'api'> {
  app: RunningStack['api'];
  http: string;
  mqtt: string;
  login(username: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  api(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startTestStack(env: Record<string, string> = {}, o: Partial<StackOptions> = {}): Promise<TestStack> {
  const config = loadConfig({ HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: '3', SIM_INTERVAL: '0.5', RASEED_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env }, {});
  const s = await startStack({ config, logger: silentLogger, inMemoryStore: !env.DATABASE_URL && !env.DATA_DIR, ...o });
  const http = s.urls.http ?? '';
  const api: TestStack['api'] = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const res = await fetch(http + path, { ...init, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const login = async (username: string, password: string) => {
    const r = await api('/api/v1/sessions', { method: 'POST', json: { username, password } });
    if (r.status !== 201) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  let admin: string | null = null;
  return Object.assign(s, {
    app: s.api,
    http,
    mqtt: s.urls.mqtt ?? '',
    api,
    login,
    adminToken: async () => (admin ??= await login('admin', TEST_ADMIN_PASSWORD)),
  });
}

/** Polls until fn returns a truthy value (or throws after timeoutMs). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
