import type { IncomingMessage } from 'node:http';
import type { ApiKeyRing, Principal } from './api-key-ring';
import { authenticate, presentedKey } from './authenticate';

/**
 * The caller of a public route that also serves key holders more: undefined when the request presents
 * no key (by the rules of {@link presentedKey}: an empty header or an `Authorization: Basic …` from a
 * proxy present none), its principal when it presents a valid one. A key that is presented but unknown
 * is `UNAUTHENTICATED`, rather than silently served the anonymous answer.
 */
export function presentedCaller(request: IncomingMessage, keys: ApiKeyRing): Principal | undefined {
  return presentedKey(request) === undefined ? undefined : authenticate(request, keys);
}
