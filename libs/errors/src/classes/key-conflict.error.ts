import { ForgeSyteError } from '../forgesyte.error';

/**
 * A stored API key kept changing under this request (other requests changed it at the same moment,
 * every time this one tried): nothing was written. Retryable: the same request, sent again, applies.
 */
export class KeyConflictError extends ForgeSyteError {
  override readonly name = 'KeyConflictError';
  readonly code = 'KEY_CONFLICT';
  readonly type = 'ConflictError';

  constructor(keyId: string, attempts: number) {
    super(`API key '${keyId}' was changed by other requests at the same time, ${attempts} times in a row, so this change was not made. Read the key again (GET /v1/keys/{id}) and retry.`, {
      retryable: true,
      details: { key_id: keyId, attempts },
    });
  }
}
