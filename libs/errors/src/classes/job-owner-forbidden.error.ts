import { ForgeSyteError, type ErrorContext } from '../forgesyte.error';

/**
 * Why a queued job's API key may no longer run it when the job starts: the key was revoked, expired,
 * lost the `analyze` scope, or lost the job's plugin or tool from its allow-lists.
 */
export type JobOwnerRefusal = 'revoked' | 'expired' | 'scope' | 'plugin' | 'tool';

/**
 * A queued job did not run: the API key that submitted it was revoked, expired or restricted between
 * its submission and its start (a `FORBIDDEN`, like the same call made now; not retryable).
 */
export class JobOwnerForbiddenError extends ForgeSyteError {
  override readonly name = 'JobOwnerForbiddenError';
  readonly code = 'FORBIDDEN';
  readonly type = 'AuthError';

  /**
   * @param keyId the id of the stored key that owns the job.
   * @param reason what changed; `at` is when, for a revocation or an expiry (ISO 8601).
   */
  constructor(keyId: string, reason: JobOwnerRefusal, context: ErrorContext, at?: string) {
    super(`This job did not run: ${what(keyId, reason, context, at)}. ${REMEDY[reason]}`, {
      ...context,
      details: { key_id: keyId, reason, ...(at !== undefined && { at }) },
    });
  }
}

/** What happened to the key, after the job was submitted. */
function what(keyId: string, reason: JobOwnerRefusal, context: ErrorContext, at: string | undefined): string {
  const since = at === undefined ? '' : ` at ${at}`;
  switch (reason) {
    case 'revoked':
      return `its API key ${keyId} was revoked${since}, after the job was submitted`;
    case 'expired':
      return `its API key ${keyId} expired${since}, before the job started`;
    case 'scope':
      return `its API key ${keyId} lost the 'analyze' scope after the job was submitted`;
    case 'plugin':
      return `its API key ${keyId} may no longer call plugin '${context.plugin ?? ''}' (its plugins allow-list changed after the job was submitted)`;
    case 'tool':
      return `its API key ${keyId} may no longer call ${context.tool === undefined ? `any tool of plugin '${context.plugin ?? ''}'` : `tool '${context.plugin ?? ''}.${context.tool}'`} (its tools allow-list changed after the job was submitted)`;
  }
}

const RESTRICTED = "Submit it again with a key that may call it, or ask an administrator to give the key back that access (PATCH /v1/keys/{id}).";

/** What the caller can do about it. */
const REMEDY: Readonly<Record<JobOwnerRefusal, string>> = {
  revoked: 'Submit it again with a valid key (ask an administrator for a new one).',
  expired: 'Submit it again with a valid key (ask an administrator for a new one, or to extend the expiry: PATCH /v1/keys/{id}).',
  scope: RESTRICTED,
  plugin: RESTRICTED,
  tool: RESTRICTED,
};
