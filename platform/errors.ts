// Domain errors: every error a caller can cause carries a kind (what went wrong, in the caller's terms),
// a stable code and a message a person can read. The API maps kinds to HTTP statuses in ONE table
// (dashboard-api/problem.ts); modules never pick status codes themselves.

/** What kind of failure: the API's error table turns each into one HTTP status. */
export type ErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_many' | 'unavailable' | 'unprocessable';

export interface DomainErrorOptions {
  /** Problem type slug (https://raseed.dev/problems/<slug>); default: the code with dashes. */
  slug?: string;
  /** Extra members of the problem document (rule, alternatives, until...). */
  extra?: Record<string, unknown>;
  /** Whether the problem document names the code (default true). */
  exposeCode?: boolean;
}

export class DomainError extends Error {
  override name = 'DomainError';
  readonly slug: string;
  readonly extra: Record<string, unknown>;
  readonly exposeCode: boolean;
  constructor(readonly kind: ErrorKind, readonly code: string, message: string, o: DomainErrorOptions = {}) {
    super(message);
    this.slug = o.slug ?? code.replace(/_/g, '-');
    this.extra = o.extra ?? {};
    this.exposeCode = o.exposeCode ?? true;
  }
}

/** A meter id that the registry does not know. */
export class UnknownMeterError extends DomainError {
  override name = 'UnknownMeterError';
  constructor(readonly meterId: string) {
    super('not_found', 'unknown_meter', `unknown meter ${meterId}`, { slug: 'not-found', exposeCode: false });
  }
}
