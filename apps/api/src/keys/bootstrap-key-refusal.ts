import { RequestInvalidError } from '@forgesyte/errors';

/** What the API was asked to do to a key. */
export type KeyAction = 'read' | 'change' | 'revoke' | 'rotate';

/**
 * The refusal of a request naming a bootstrap key (from the environment) by id: it is not stored, so
 * the API cannot act on it; the message says how to replace or retire it instead.
 */
export function bootstrapKeyRefusal(id: string, variable: string, action: KeyAction): RequestInvalidError {
  return new RequestInvalidError(
    `Key '${id}' is the bootstrap key from ${variable}: it is not stored, so the API cannot ${action} it. ` +
      `To replace it, set ${variable} to a new value and restart every API process; to retire it, create a stored key (POST /v1/keys) and unset ${variable}.`,
    { details: { key_id: id, variable } },
  );
}
