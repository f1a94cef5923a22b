import { ForgeSyteError } from '../forgesyte.error';

/** The API key is valid but lacks the scope the endpoint needs. */
export class ForbiddenError extends ForgeSyteError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
  readonly type = 'AuthError';

  constructor(requiredScope: string) {
    super(`This API key lacks the '${requiredScope}' scope. Use a key that has it.`, {
      details: { required_scope: requiredScope },
    });
  }
}
