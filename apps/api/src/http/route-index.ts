/** What the entry middleware must know of a route before Nest's router has matched it. */
export interface RoutePolicy {
  /** Served without an API key (`@RequireScope('public')`). */
  readonly isPublic: boolean;
  /** Takes a body up to `FORGESYTE_BODY_LIMIT` (`@LargeBody()`). */
  readonly largeBody: boolean;
}

/** A route as a controller declares it: its method (`GET`, or `ALL`), its full path, and its policy. */
export interface DeclaredRoute extends RoutePolicy {
  readonly method: string;
  readonly path: string;
}

const DEFAULT_POLICY: RoutePolicy = Object.freeze({ isPublic: false, largeBody: false });

/**
 * The routes whose policy differs from the default (key required, small body), looked up by method and
 * path the way Express's router matches them: case-insensitive, a trailing slash ignored, `HEAD` served
 * by `GET` routes, `:param` segments matching any one segment. An unknown route gets the default
 * policy, so an anonymous caller learns nothing about which routes exist.
 */
export class RouteIndex {
  private readonly exact = new Map<string, RoutePolicy>();
  private readonly patterns: Array<{ readonly method: string; readonly path: RegExp; readonly policy: RoutePolicy }> = [];

  constructor(routes: readonly DeclaredRoute[]) {
    for (const { method, path, isPublic, largeBody } of routes) {
      if (!isPublic && !largeBody) continue;
      if (/[*?+()[\]{}]/.test(path)) {
        throw new Error(`The route ${method} ${path} is public or takes a large body but has a wildcard: give it a fixed path (':param' segments are fine).`);
      }
      const policy = Object.freeze({ isPublic, largeBody });
      const upper = method.toUpperCase();
      if (path.includes(':')) this.patterns.push({ method: upper, path: pattern(path), policy });
      else this.exact.set(keyOf(upper, normalize(path)), policy);
    }
  }

  /** The policy of the route `method path` (a request's path, without its query). */
  policyOf(method: string, path: string): RoutePolicy {
    if (this.exact.size === 0 && this.patterns.length === 0) return DEFAULT_POLICY;
    const routeMethod = method === 'HEAD' ? 'GET' : method;
    const normalized = normalize(path);
    const found = this.exact.get(keyOf(routeMethod, normalized)) ?? this.exact.get(keyOf('ALL', normalized));
    if (found !== undefined) return found;
    for (const route of this.patterns) {
      if ((route.method === routeMethod || route.method === 'ALL') && route.path.test(normalized)) return route.policy;
    }
    return DEFAULT_POLICY;
  }
}

function keyOf(method: string, normalizedPath: string): string {
  return `${method} ${normalizedPath}`;
}

function normalize(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.toLowerCase();
}

function pattern(path: string): RegExp {
  const source = normalize(path)
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.^$|\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
