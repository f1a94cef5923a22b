import { ForgeSyteError } from '../forgesyte.error';

/**
 * A key that manages keys (scope `keys:manage`) but is not an admin asked to give, or to act on, more
 * than it has itself: a scope it lacks, a plugin or tool outside its allow-lists, or its own key.
 */
export class GrantForbiddenError extends ForgeSyteError {
  override readonly name = 'GrantForbiddenError';
  readonly code = 'FORBIDDEN';
  readonly type = 'AuthError';

  /**
   * @param refusal what the key cannot do, completing "This API key cannot …" (e.g. "grant the 'admin' scope").
   * @param details what names the excess (`required_scope`, `plugin`, `tool`, `key_id`).
   */
  constructor(refusal: string, details: Readonly<Record<string, unknown>>) {
    super(
      `This API key cannot ${refusal}. A key without the 'admin' scope manages only keys within its own scopes and allow-lists, and cannot change its own key: use an admin key.`,
      { details },
    );
  }
}
