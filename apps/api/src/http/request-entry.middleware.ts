import type { RequestHandler } from 'express';
import type { ApiKeyRing, Principal } from '../auth/api-key-ring';
import { authenticate } from '../auth/authenticate';
import { attachPrincipal } from '../auth/principal-of';
import type { KeyRateLimits } from '../rate-limit/key-rate-limits';
import { drainUnreadBody } from './drain-unread-body';
import type { BodyLimit, JsonBodyReader } from './json-body.middleware';
import { assignRequestId } from './request-id';
import type { RouteIndex } from './route-index';

/** What {@link requestEntry} needs: the keys and their rates, the routes' policies, the body reader and the two body limits. */
export interface RequestEntryOptions {
  readonly keys: ApiKeyRing;
  readonly rateLimits: KeyRateLimits;
  readonly routes: RouteIndex;
  readonly readBody: JsonBodyReader;
  readonly largeBody: BodyLimit;
  readonly smallBody: BodyLimit;
}

/**
 * Where every request enters: it gets an id (the caller's `X-Request-Id` when safe, echoed in the
 * response); then, unless its route is public, its API key is checked from the headers alone, so a
 * caller without a valid key is answered `UNAUTHENTICATED` before one byte of its body is read or parsed
 * ({@link drainUnreadBody}); a key with a rate limit has the request counted, and is answered
 * `RATE_LIMITED` past it, also unread (a key without one awaits nothing); only then is its JSON body read, under
 * its route's limit, and checked. Public routes take no body: anyone may call them, so whatever body
 * they are sent is discarded unread. One middleware rather than several: Express's router matches the path
 * and updates the request for every middleware it passes.
 */
export function requestEntry({ keys, rateLimits, routes, readBody, largeBody, smallBody }: RequestEntryOptions): RequestHandler {
  return (request, response, next) => {
    assignRequestId(request, response);
    const policy = routes.policyOf(request.method, request.path);
    if (policy.isPublic) {
      drainUnreadBody(request, response);
      return next();
    }
    let principal: Principal;
    try {
      principal = authenticate(request, keys);
    } catch (error) {
      drainUnreadBody(request, response);
      return next(error);
    }
    attachPrincipal(response, principal);
    const limit = policy.largeBody ? largeBody : smallBody;
    const rate = rateLimits.policyOf(principal);
    if (rate === undefined) return readBody(request, response, next, limit);
    void rateLimits.admit(principal.id, rate, response).then((refusal) => {
      if (refusal === undefined) return readBody(request, response, next, limit);
      drainUnreadBody(request, response);
      next(refusal);
    });
  };
}
