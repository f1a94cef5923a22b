import type { Response } from 'express';
import type { Principal } from './api-key-ring';

/**
 * Where the principal is kept: in the response's `locals`, Express's place for request-scoped values
 * such as the authenticated user. Not on the request: a request object is in dictionary mode, where
 * adding a property costs microseconds on every request.
 */
const PRINCIPAL = Symbol('forgesyte.principal');
type Locals = { [PRINCIPAL]?: Principal };

/** Remembers who made the request `response` answers (set by the guard). */
export function attachPrincipal(response: Response, principal: Principal): void {
  (response.locals as Locals)[PRINCIPAL] = principal;
}

/** Who made the request `response` answers, as the guard authenticated it. */
export function principalOf(response: Response): Principal | undefined {
  return (response.locals as Locals)[PRINCIPAL];
}
