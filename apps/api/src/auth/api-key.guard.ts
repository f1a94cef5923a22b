import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@forgesyte/errors';
import type { Request, Response } from 'express';
import { ApiKeyRing } from './api-key-ring';
import { authenticate } from './authenticate';
import { attachPrincipal, principalOf } from './principal-of';
import { REQUIRED_SCOPE } from './require-scope.decorator';
import type { Scope } from './scope';

/**
 * Every route needs an API key (`X-API-Key`, or `Authorization: Bearer`) with the scope its
 * {@link RequireScope} names; a route without one needs `admin` (closed by default). The key itself was
 * checked by the entry middleware (`requestEntry`) before the body was read: the guard reuses the
 * principal it found, and checks the key only for a request that did not pass there.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  /** The scope each route handler needs, read from its metadata once. */
  private readonly scopes = new WeakMap<object, Scope | 'public' | readonly Scope[]>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRing,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = this.scopeOf(context);
    if (scope === 'public') return true;
    const [request, response] = context.getArgs<[Request, Response]>();
    let principal = principalOf(response);
    if (principal === undefined) {
      principal = authenticate(request, this.keys);
      attachPrincipal(response, principal);
    }
    if (typeof scope === 'string' ? !principal.scopes.has(scope) : !scope.some((one) => principal.scopes.has(one))) {
      throw new ForbiddenError(typeof scope === 'string' ? scope : scope.join("' or '"));
    }
    return true;
  }

  private scopeOf(context: ExecutionContext): Scope | 'public' | readonly Scope[] {
    const handler = context.getHandler();
    let scope = this.scopes.get(handler);
    if (scope === undefined) {
      scope = this.reflector.getAllAndOverride<Scope | 'public' | readonly Scope[] | undefined>(REQUIRED_SCOPE, [handler, context.getClass()]) ?? 'admin';
      this.scopes.set(handler, scope);
    }
    return scope;
  }
}

