import { ForgeSyteError } from '../forgesyte.error';

/** No stored API key has this id (ids look like `k` and 20 hex digits; bootstrap keys from the environment are not stored). */
export class KeyNotFoundError extends ForgeSyteError {
  override readonly name = 'KeyNotFoundError';
  readonly code = 'KEY_NOT_FOUND';
  readonly type = 'NotFoundError';

  /** @param keyId the id asked for; undefined when it does not have the shape of a key id (it is then not repeated back). */
  constructor(readonly keyId: string | undefined) {
    super(
      keyId === undefined
        ? "No stored API key has this id: a key id is 'k' and 20 hex digits. List the keys (GET /v1/keys or `npm run keys -- list`) for their ids; keys from the environment are not stored."
        : `No stored API key '${keyId}' exists. List the keys (GET /v1/keys or \`npm run keys -- list\`) for their ids; keys from the environment are not stored.`,
      { details: keyId === undefined ? {} : { key_id: keyId } },
    );
  }
}
