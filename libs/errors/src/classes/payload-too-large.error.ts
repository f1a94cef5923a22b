import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The request body is larger than the configured limit. */
export class PayloadTooLargeError extends ForgeSyteError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly type = 'ValidationError';

  /** `setting` names the variable that sets `limit`: `FORGESYTE_BODY_LIMIT` unless given. */
  constructor(limit: string, { setting = 'FORGESYTE_BODY_LIMIT', ...options }: ForgeSyteErrorOptions & { readonly setting?: string } = {}) {
    super(
      `The request body is larger than the ${limit} limit. Send a smaller body (downscale or recompress the image), or ask the operator to raise ${setting}.`,
      { ...options, details: { limit, ...options.details } },
    );
  }
}
