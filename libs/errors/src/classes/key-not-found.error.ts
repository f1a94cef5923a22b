import { ForgeSyteError } from '../forgesyte.error';

/** No stored API key has this id (ids look like `k` and 20 hex digits; bootstrap keys from the environment are not stored). */
export class KeyNotFoundError extends ForgeSyteError {
  override readonly name = 'KeyNotFoundError';
  readonly code = 'KEY_NOT_FOUND';
  readonly type = 'NotFoundError';

  constructor(readonly keyId: string) {
    super(`No stored API key '${keyId}' exists. List the keys (GET /v1/keys or \`npm run keys -- list\`) for their ids; keys from the environment are not stored.`, {
      details: { key_id: keyId },
    });
  }
}
