// Typed errors of the relay runtime, mapped to HTTP problems by the API routes.
export type RelayErrorCode = 'unknown_meter' | 'already_scheduled' | 'not_found' | 'same_operator' | 'bad_state' | 'invalid_policy' | 'stale_version' | 'no_meters';

export class RelayError extends Error {
  override name = 'RelayError';
  constructor(readonly code: RelayErrorCode, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}
