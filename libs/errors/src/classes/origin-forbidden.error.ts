import { ForgeSyteError } from '../forgesyte.error';

/**
 * A browser page of another origin called an endpoint that only its own origins may call (`/mcp`):
 * refused as DNS-rebinding protection, whatever key it sent.
 */
export class OriginForbiddenError extends ForgeSyteError {
  override readonly name = 'OriginForbiddenError';
  readonly code = 'FORBIDDEN';
  readonly type = 'AuthError';

  constructor(origin: string) {
    const shown = origin.length > 200 ? `${origin.slice(0, 200)}…` : origin;
    super(
      `Requests from the origin '${shown}' are refused (DNS-rebinding protection). Call from a loopback origin (http://localhost, http://127.0.0.1, http://[::1]), ` +
        'from a client that sends no Origin header, or ask the operator to add the origin to FORGESYTE_MCP_ALLOWED_ORIGINS.',
      { details: { origin: shown } },
    );
  }
}
