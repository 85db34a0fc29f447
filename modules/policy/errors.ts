// Typed errors of the relay runtime: each code has a kind, which the API's one error table maps to a status.
import { DomainError, type ErrorKind } from '../../platform/index.ts';

export type RelayErrorCode = 'unknown_meter' | 'already_scheduled' | 'not_found' | 'same_operator' | 'bad_state' | 'invalid_policy' | 'stale_version' | 'no_meters' | 'bad_time' | 'refused_then' | 'not_water' | 'below_lifeline' | 'limit_refused' | 'limit_deferred' | 'idempotency_key_missing' | 'idempotency_conflict';

const KIND_OF: Record<RelayErrorCode, [ErrorKind, string]> = {
  unknown_meter: ['not_found', 'not-found'],
  not_found: ['not_found', 'not-found'],
  same_operator: ['forbidden', 'forbidden'],
  invalid_policy: ['invalid', 'bad-request'],
  no_meters: ['invalid', 'bad-request'],
  already_scheduled: ['conflict', 'already-scheduled'],
  bad_state: ['conflict', 'bad-state'],
  stale_version: ['conflict', 'stale-policy-version'],
  bad_time: ['invalid', 'bad-request'],
  refused_then: ['conflict', 'policy-refused'],
  not_water: ['conflict', 'not-water'],
  below_lifeline: ['invalid', 'bad-request'],
  limit_refused: ['conflict', 'policy-refused'],
  limit_deferred: ['conflict', 'policy-deferred'],
  idempotency_key_missing: ['invalid', 'bad-request'],
  idempotency_conflict: ['conflict', 'idempotency-conflict'],
};

export class RelayError extends DomainError {
  override name = 'RelayError';
  declare readonly code: RelayErrorCode;
  constructor(code: RelayErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const [kind, slug] = KIND_OF[code];
    super(kind, code, message, { slug, extra, exposeCode: false });
  }
}
