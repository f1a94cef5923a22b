import { ForgeSyteError } from '../forgesyte.error';

/** No endpoint matches the request's method and path. */
export class RouteNotFoundError extends ForgeSyteError {
  override readonly name = 'RouteNotFoundError';
  readonly code = 'ROUTE_NOT_FOUND';
  readonly type = 'NotFoundError';

  constructor(method: string, path: string) {
    super(`No endpoint ${method} ${path}. The API lives under /v1; see docs/api.md for the list of endpoints.`, {
      details: { method, path },
    });
  }
}
