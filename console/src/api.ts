// The API client: bearer token, JSON in and out, RFC 9457 problem+json errors as ApiError. A 404 whose detail
// says "no route" means the endpoint does not exist on this server (a module that is not running), which
// the UI shows as "not available yet" instead of an error.
import type { paths } from './api-types.ts';

// ---- API shapes: derived from the generated OpenAPI types (api-types.ts, `npm run openapi`), never written here.

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of response `status` of operation `method path`, e.g. ApiResponse<'/api/v1/meters/{id}', 'get'>. */
export type ApiResponse<P extends keyof paths, M extends keyof paths[P], S extends number = 200> =
  paths[P][M] extends { responses: infer R } ? (S extends keyof R ? JsonOf<R[S]> : never) : never;

/** The JSON request body of operation `method path`. */
export type ApiRequestBody<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** A login: bearer token, expiry and the user (POST /api/v1/sessions). */
export type Session = ApiResponse<'/api/v1/sessions', 'post', 201>;
/** The user of a session. */
export type User = Session['user'];
export type Role = User['role'];
/** GET /api/v1/me: the user with the subscriber account it belongs to. */
export type Me = ApiResponse<'/api/v1/me', 'get'>;
/** One meter as the fleet list, the meter page and the live feed show it. */
export type Meter = ApiResponse<'/api/v1/meters/{id}', 'get'>;
export type MeterList = ApiResponse<'/api/v1/meters', 'get'>;
export type Reading = NonNullable<Meter['latestReading']>;
/** An RFC 9457 problem as the API documents it (every route's 4xx/5xx answers). */
export type ApiProblem = ApiResponse<'/api/v1/meters/{id}', 'get', 404>;

// ---- Client-side types.

/** An error answer as the client sees it: the API's problem, or what a proxy or a missing route sent (status always set). */
export type Problem = Partial<ApiProblem> & { status: number; [extra: string]: unknown };

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

/** A URL carrying a single-use ticket (POST /api/v1/tickets, 60 s) for a GET that cannot send headers (EventSource, downloads). */
export async function withTicket(path: string): Promise<string> {
  const { ticket } = await api<{ ticket: string }>('/api/v1/tickets', { method: 'POST' });
  return `${path}${path.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
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
