import { ForgeSyteError } from '../forgesyte.error';

/** No API key, or an unknown one. */
export class UnauthenticatedError extends ForgeSyteError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'UNAUTHENTICATED';
  readonly type = 'AuthError';

  constructor(message: string) {
    super(message);
  }
}
