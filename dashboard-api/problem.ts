// Errors as RFC 9457 application/problem+json. Every error a client sees has a type, a title and a status.
import { z } from 'zod';

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
