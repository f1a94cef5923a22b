import type { KeyScope } from './key-scope';

/** Per-key flow-control limits: stored here, enforced by the API's flow control (issue 22). */
export interface KeyLimits {
  readonly ratePerMinute?: number;
  readonly maxQueued?: number;
}

/** A stored API key as everyone may see it: never its secret, nor the secret's digest. */
export interface ApiKeyRecord {
  /** `k` and 20 hex digits: public, part of the key itself, and the job-ownership `Caller.id`. */
  readonly id: string;
  /** 1..100 characters. */
  readonly name: string;
  readonly scopes: readonly KeyScope[];
  /** The plugins the key may call; null: every plugin. */
  readonly plugins: readonly string[] | null;
  /** `plugin.tool` entries the key may call; null: every tool of the plugins it may call. */
  readonly tools: readonly string[] | null;
  readonly limits: KeyLimits | null;
  /** ISO 8601 times. `lastUsedAt` is written in the background, a few seconds late at most. */
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** A key just created or rotated: its record, and the key itself (`fsk_<id>_<secret>`), shown this once. */
export interface CreatedKey {
  readonly record: ApiKeyRecord;
  readonly key: string;
}

/** What a key may hand on to the keys it manages: its scopes and allow-lists. */
export type KeyGrants = Pick<ApiKeyRecord, 'scopes' | 'plugins' | 'tools'>;

/**
 * Who changes a key, for the audit: a key's id (a bootstrap key's, or a stored key's), and a name when
 * known; and what it may grant. Without `grants` (an admin key, the operator's CLI) it may do anything;
 * with them it may create, change, rotate and revoke only keys within them, and not change its own key.
 */
export interface KeyActor {
  readonly id: string;
  readonly name?: string;
  readonly grants?: KeyGrants;
}

/** What the audit records of keys. */
export type KeyAuditAction = 'created' | 'updated' | 'rotated' | 'revoked' | 'refused-revoked' | 'refused-expired';

/** One entry of the key audit: who did what to which key, and when. Never a secret. */
export interface KeyAuditEntry {
  /** ISO 8601. */
  readonly at: string;
  /** `<id> (<name>)` of the {@link KeyActor}; for a refused use, the key's own id. */
  readonly actor: string;
  readonly action: KeyAuditAction;
  readonly keyId: string;
  /** What changed (`{ field: { from, to } }` for an update; the new values for a creation). */
  readonly changes?: Record<string, unknown>;
}

/** What {@link ApiKeyService.create} takes. */
export interface NewKeyInput {
  readonly name: string;
  readonly scopes: readonly KeyScope[];
  readonly plugins?: readonly string[];
  readonly tools?: readonly string[];
  readonly limits?: KeyLimits;
  /** ISO 8601, in the future. */
  readonly expiresAt?: string;
}

/** What {@link ApiKeyService.update} takes: each field present is replaced; null clears an allow-list, the limits or the expiry. */
export interface KeyPatch {
  readonly name?: string;
  readonly scopes?: readonly KeyScope[];
  readonly plugins?: readonly string[] | null;
  readonly tools?: readonly string[] | null;
  readonly limits?: KeyLimits | null;
  readonly expiresAt?: string | null;
}

/** One page of a listing: the items, and the cursor of the next page (null on the last). */
export interface KeyPage<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
