import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { REQUIRED_SCOPE } from '../auth/require-scope.decorator';
import { LARGE_BODY } from './large-body.decorator';
import type { DeclaredRoute } from './route-index';

/**
 * Every route of the application's controllers with the policy its decorators declare
 * (`@RequireScope('public')`, `@LargeBody()`): the one source of both, read once at start so that the
 * entry middleware can apply them before Nest's router runs. Needs `DiscoveryModule` imported. Assumes no
 * global prefix or versioning (the API sets neither).
 */
export function discoverRoutes(app: INestApplicationContext): DeclaredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: DeclaredRoute[] = [];
  for (const { metatype, instance } of discovery.getControllers()) {
    if (typeof metatype !== 'function' || instance === null || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const targets = [handler, metatype];
      const isPublic = reflector.getAllAndOverride<string | undefined>(REQUIRED_SCOPE, targets) === 'public';
      const largeBody = reflector.getAllAndOverride<boolean | undefined>(LARGE_BODY, targets) === true;
      for (const prefix of pathsOf(metatype)) {
        for (const path of pathsOf(handler)) routes.push({ method: RequestMethod[method], path: join(prefix, path), isPublic, largeBody });
      }
    }
  }
  return routes;
}

function pathsOf(target: object): string[] {
  const paths = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
  return paths === undefined ? ['/'] : ([] as string[]).concat(paths);
}

function join(prefix: string, path: string): string {
  const segments = [prefix, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter((part) => part !== '');
  return `/${segments.join('/')}`;
}
