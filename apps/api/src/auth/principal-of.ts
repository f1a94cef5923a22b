import type { Request } from 'express';
import type { Principal } from './api-key-ring';

/** Where the principal is kept on the request: a symbol key is cheaper than a WeakMap entry per request. */
const PRINCIPAL = Symbol('forgesyte.principal');
type WithPrincipal = Request & { [PRINCIPAL]?: Principal };

/** Remembers who made `request` (set by the guard). */
export function attachPrincipal(request: Request, principal: Principal): void {
  (request as WithPrincipal)[PRINCIPAL] = principal;
}

/** Who made `request`, as the guard authenticated it. */
export function principalOf(request: Request): Principal | undefined {
  return (request as WithPrincipal)[PRINCIPAL];
}
