import { hash } from 'node:crypto';
import type { Caller } from '@forgesyte/execution';
import { type ApiKeyRecord, allowListsOf, KEY_PREFIX, type KeyAllowLists, type KeyLimits } from '@forgesyte/keys';
import { ADMIN_SCOPES, METRICS_SCOPES, type Scope, USER_SCOPES } from './scope';

/** An authenticated API key: who it is (for job ownership and the audit), what it may do, which plugins and tools it may call (its allow-lists, null: all). */
export interface Principal extends Caller, KeyAllowLists {
  readonly scopes: ReadonlySet<Scope>;
  /** For the key audit: the variable of a bootstrap key (`FORGESYTE_ADMIN_KEY`), a stored key's name. */
  readonly name: string;
  /** True for a key from the environment: not stored, so it cannot be changed or revoked through the API. */
  readonly bootstrap: boolean;
  /** A stored key's own flow-control limits (`rate_per_minute`, `max_queued`); null: none (every bootstrap key). */
  readonly limits: KeyLimits | null;
}

/** The stored keys, as the ring asks them (`ApiKeyService` of `@forgesyte/keys`): sync and in memory. */
export interface StoredKeys {
  authenticate(presented: string): ApiKeyRecord | undefined;
}

/** The variables the bootstrap keys come from, by their scopes. */
type BootstrapKeys = { admin?: string; user?: string; metrics?: string };

/**
 * The API keys: the bootstrap keys of the environment, held only as SHA-256 digests, and the stored
 * keys (`fsk_…`), which {@link StoredKeys} checks in memory. A presented bootstrap key is hashed and
 * its digest looked up, as stored API tokens are: the lookup's timing depends on the digest of the
 * presented key, which an attacker cannot steer towards a configured key's digest. A bootstrap key's id
 * (for job ownership and logs) is a prefix of its digest, never the key; a stored key's id is its record's.
 */
export class ApiKeyRing {
  private readonly byDigest = new Map<string, Principal>();
  /** The principal of each stored record, made once per record (a changed key is a new record). */
  private readonly ofRecord = new WeakMap<ApiKeyRecord, Principal>();

  constructor(
    keys: BootstrapKeys,
    private readonly stored?: StoredKeys,
  ) {
    if (keys.admin !== undefined) this.add(keys.admin, 'FORGESYTE_ADMIN_KEY', ADMIN_SCOPES);
    if (keys.user !== undefined) this.add(keys.user, 'FORGESYTE_USER_KEY', USER_SCOPES);
    if (keys.metrics !== undefined) this.add(keys.metrics, 'FORGESYTE_METRICS_KEY', METRICS_SCOPES);
  }

  /** The principal of `key`, or undefined when it is neither a bootstrap key nor a valid stored key. */
  authenticate(key: string): Principal | undefined {
    if (this.stored !== undefined && key.startsWith(KEY_PREFIX)) {
      const record = this.stored.authenticate(key);
      if (record !== undefined) return this.principalOf(record);
    }
    return this.byDigest.get(sha256(key));
  }

  /** The variable of the bootstrap key whose id is `id`, or undefined when no bootstrap key has it. */
  bootstrapVariable(id: string): string | undefined {
    for (const principal of this.byDigest.values()) if (principal.id === id) return principal.name;
    return undefined;
  }

  private principalOf(record: ApiKeyRecord): Principal {
    let principal = this.ofRecord.get(record);
    if (principal === undefined) {
      const lists = allowListsOf(record);
      // The same fields in the same order as a bootstrap key's principal: one object shape on the hot path.
      principal = {
        id: record.id,
        isAdmin: record.scopes.includes('admin'),
        scopes: new Set(record.scopes),
        name: record.name,
        plugins: lists.plugins,
        tools: lists.tools,
        bootstrap: false,
        limits: record.limits,
        maxQueued: record.limits?.maxQueued,
      };
      this.ofRecord.set(record, principal);
    }
    return principal;
  }

  private add(key: string, variable: string, scopes: readonly Scope[]): void {
    const digest = sha256(key);
    this.byDigest.set(digest, {
      id: `key_${digest.slice(0, 16)}`,
      isAdmin: scopes.includes('admin'),
      scopes: new Set(scopes),
      name: variable,
      plugins: null,
      tools: null,
      bootstrap: true,
      limits: null,
      maxQueued: undefined,
    });
  }
}

/** The hex SHA-256 digest of `value` (a string digest: a Buffer per request would cost more than the hash). */
function sha256(value: string): string {
  return hash('sha256', value);
}
