// Input every route refuses before it reaches a module: NUL bytes and other control characters in the path or
// query, and NUL anywhere in a JSON body (PostgreSQL text cannot hold them; they only ever come from probes,
// broken clients or attempts at truncation). A clear 400 problem, never a 500 from the store (issue 16).
import type { FastifyRequest } from 'fastify';
import { badRequest } from './problem.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** onRequest: the path and query, percent-decoded, hold no control characters. */
export async function guardUrl(req: FastifyRequest): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.url.replace(/\+/g, ' '));
  } catch {
    throw badRequest('the URL is not valid percent-encoded UTF-8');
  }
  if (CONTROL.test(decoded)) throw badRequest('control characters (such as NUL) are not allowed in the path or query');
}

/** preValidation: no NUL in any string (or key) of a JSON body. */
export async function guardBody(req: FastifyRequest): Promise<void> {
  if (req.body !== undefined && req.body !== null && hasNul(req.body, 0)) throw badRequest('NUL characters are not allowed in the request body');
}

function hasNul(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 64 || typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => hasNul(x, depth + 1));
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

/** The URL as logged: values of credential-like query parameters replaced (tokens never reach the logs). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|ticket|password)=)[^&#]*/gi, '$1[redacted]');
}

/** Fastify's trustProxy from TRUST_PROXY: false when unset, else the list of proxy addresses/CIDRs. */
export function trustedProxies(setting: string | undefined): false | string[] {
  const list = (setting ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  return list.length ? list : false;
}
