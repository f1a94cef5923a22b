import { UnauthenticatedError } from '@forgesyte/errors';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyRing, Principal } from './api-key-ring';

/** The error of a request that presents no API key. */
export const noKeyError = (): UnauthenticatedError =>
  new UnauthenticatedError('No API key was sent. Send it in the X-API-Key header, or as Authorization: Bearer <key>.');

/**
 * The error of a request that presents a key no one has: the same for an unknown key, a forged or
 * wrong secret, a revoked or expired key, so that the answer tells an attacker nothing.
 */
export const unknownKeyError = (): UnauthenticatedError =>
  new UnauthenticatedError(
    'The API key is not valid. Check it against FORGESYTE_ADMIN_KEY or FORGESYTE_USER_KEY; a key from POST /v1/keys (fsk_…) may have been revoked, expired or rotated: ask an administrator (GET /v1/keys/{id}).',
  );

/**
 * The principal of the API key a request presents in its headers (`X-API-Key`, or `Authorization:
 * Bearer`); throws `UNAUTHENTICATED` when it presents none or an unknown one. Reads headers only, so it
 * runs before the body is read.
 */
export function authenticate(request: IncomingMessage, keys: ApiKeyRing): Principal {
  const key = presentedKey(request);
  if (key === undefined) throw noKeyError();
  const principal = keys.authenticate(key);
  if (principal === undefined) throw unknownKeyError();
  return principal;
}

/**
 * The API key a request presents: a non-empty `X-API-Key`, else the token of `Authorization: Bearer
 * <key>`. Undefined when it presents none (no header, an empty one, another `Authorization` scheme).
 */
export function presentedKey(request: IncomingMessage): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization;
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
