import type { Request } from 'express';
import type { Principal } from './api-key-ring';

const principals = new WeakMap<Request, Principal>();

/** Remembers who made `request` (set by the guard). */
export function attachPrincipal(request: Request, principal: Principal): void {
  principals.set(request, principal);
}

/** Who made `request`, as the guard authenticated it. */
export function principalOf(request: Request): Principal | undefined {
  return principals.get(request);
}
