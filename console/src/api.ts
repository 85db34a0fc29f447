// The API client: bearer token, JSON in and out, RFC 9457 problem+json errors as ApiError. A 404 whose detail
// says "no route" means the endpoint does not exist on this server yet (other issues are still landing), which
// the UI shows as "not available yet" instead of an error.
export type Role = 'admin' | 'operator' | 'viewer' | 'subscriber';

export interface User {
  id: number;
  username: string;
  role: Role;
  displayName: string | null;
  locale: string;
  subscriberId?: number | null;
  currency?: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

export interface Reading {
  seq: number;
  ts: string;
  register: number;
  powerW: number | null;
  voltageV: number | null;
  currentA: number | null;
  flowLph: number | null;
}

export interface Meter {
  id: string;
  service: 'electricity' | 'water';
  area: string;
  tariffClass: string;
  transport: 'mqtt' | 'serial';
  subscriberId: number | null;
  subscriberName: string | null;
  protectedCategory: string | null;
  relayNeedsButton: boolean;
  online: boolean;
  lastSeen: string | null;
  relay: 'closed' | 'open' | 'armed' | null;
  credit: number | null;
  unit: 'Wh' | 'L';
  lowCredit: boolean;
  tamper: boolean;
  emergencyCredit: boolean;
  latestReading: Reading | null;
  /** Money value of the credit, if the server offers it. */
  creditValue?: { amount: string; currency: string } | null;
  [extra: string]: unknown;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  /** The route itself does not exist (yet) on this server. */
  get missingEndpoint(): boolean {
    return this.status === 404 && (/^no route /.test(this.problem.detail ?? '') || this.problem.type === undefined);
  }
}

export class NetworkError extends Error {
  override name = 'NetworkError';
}

let token: string | null = null;
let onUnauthorized: () => void = () => {};

export function setToken(t: string | null): void {
  token = t;
}
export function getToken(): string | null {
  return token;
}
export function setUnauthorizedHandler(f: () => void): void {
  onUnauthorized = f;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not treat 401 as "session over" (the login form). */
  anonymous?: boolean;
}

export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (token && !o.anonymous) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method: o.method ?? 'GET', headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal: o.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new NetworkError((err as Error).message);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text.slice(0, 200) };
    }
  }
  if (!res.ok) {
    const problem: Problem = { status: res.status, ...(data && typeof data === 'object' ? data as object : {}) };
    if (res.status === 401 && !o.anonymous) onUnauthorized();
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

/** A random key for Idempotency-Key (works outside secure contexts, where crypto.randomUUID is missing). */
export function idempotencyKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Finds the first array in a response of unknown envelope ({items:[...]}, {points:[...]}, [...]). */
export function firstArray(data: unknown, ...preferred: string[]): unknown[] {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    for (const k of preferred) if (Array.isArray(o[k])) return o[k] as unknown[];
    for (const v of Object.values(o)) if (Array.isArray(v)) return v;
  }
  return [];
}
