// Errors as RFC 9457 application/problem+json. Every error a client sees has a type, a title and a status.
// ONE table turns the kinds of domain errors (platform/errors.ts) into statuses; modules throw their
// DomainErrors and never choose a status themselves.
import { z } from 'zod';
import { DomainError, type ErrorKind } from '../platform/index.ts';

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** Field errors of a bad request. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).passthrough();
export type Problem = z.infer<typeof Problem>;

export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(): Problem {
    return { type: `https://raseed.dev/problems/${this.slug}`, title: this.title, status: this.status, detail: this.message, ...this.extra };
  }
}

export const unauthorized = (detail = 'a valid bearer token is required') => new HttpProblem(401, 'unauthorized', 'Unauthorized', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (what: string) => new HttpProblem(404, 'not-found', 'Not found', what);
export const conflict = (slug: string, detail: string, extra: Record<string, unknown> = {}) => new HttpProblem(409, slug, 'Conflict', detail, extra);
export const badRequest = (detail: string, extra: Record<string, unknown> = {}) => new HttpProblem(400, 'bad-request', 'Bad request', detail, extra);

/** Standard problem responses for a route's schema (documentation and serialisation). */
export function problemResponses(...codes: number[]): Record<number, typeof Problem> {
  return Object.fromEntries(codes.map((c) => [c, Problem]));
}

/** The error table: each kind of domain error is one HTTP status, with its title. */
export const STATUS_OF: Readonly<Record<ErrorKind, { status: number; title: string }>> = {
  invalid: { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  too_many: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
  unprocessable: { status: 422, title: 'Unprocessable content' },
};

/** The problem a thrown error stands for, or null for an error that is not the caller's doing (a 500). */
export function problemOf(err: unknown): HttpProblem | null {
  if (err instanceof HttpProblem) return err;
  if (err instanceof DomainError) {
    const { status, title } = STATUS_OF[err.kind];
    return new HttpProblem(status, err.slug, title, err.message, { ...(err.exposeCode ? { code: err.code } : {}), ...err.extra });
  }
  return null;
}
