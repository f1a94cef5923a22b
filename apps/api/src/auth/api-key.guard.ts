import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@forgesyte/errors';
import type { Request, Response } from 'express';
import { ApiKeyRing } from './api-key-ring';
import { attachPrincipal } from './principal-of';
import { REQUIRED_SCOPE } from './require-scope.decorator';
import type { Scope } from './scope';

/**
 * Every route needs an API key (`X-API-Key`, or `Authorization: Bearer`) with the scope its
 * {@link RequireScope} names; a route without one needs `admin` (closed by default).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  /** The scope each route handler needs, read from its metadata once. */
  private readonly scopes = new WeakMap<object, Scope | 'public'>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRing,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = this.scopeOf(context);
    if (scope === 'public') return true;
    const [request, response] = context.getArgs<[Request, Response]>();
    const key = presentedKey(request);
    if (key === undefined) {
      throw new UnauthenticatedError('No API key was sent. Send it in the X-API-Key header, or as Authorization: Bearer <key>.');
    }
    const principal = this.keys.authenticate(key);
    if (principal === undefined) {
      throw new UnauthenticatedError('The API key is not valid. Check it against FORGESYTE_ADMIN_KEY or FORGESYTE_USER_KEY.');
    }
    if (!principal.scopes.has(scope)) throw new ForbiddenError(scope);
    attachPrincipal(response, principal);
    return true;
  }

  private scopeOf(context: ExecutionContext): Scope | 'public' {
    const handler = context.getHandler();
    let scope = this.scopes.get(handler);
    if (scope === undefined) {
      scope = this.reflector.getAllAndOverride<Scope | 'public' | undefined>(REQUIRED_SCOPE, [handler, context.getClass()]) ?? 'admin';
      this.scopes.set(handler, scope);
    }
    return scope;
  }
}

function presentedKey(request: Request): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization;
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
