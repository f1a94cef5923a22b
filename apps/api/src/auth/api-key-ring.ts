import { hash } from 'node:crypto';
import type { Caller } from '@forgesyte/execution';
import { ADMIN_SCOPES, METRICS_SCOPES, type Scope, USER_SCOPES } from './scope';

/** An authenticated API key: who it is (for job ownership) and what it may do. */
export interface Principal extends Caller {
  readonly scopes: ReadonlySet<Scope>;
}

/**
 * The configured API keys, held only as SHA-256 digests. A presented key is hashed and its digest
 * looked up, as stored API tokens are: the lookup's timing depends on the digest of the presented key,
 * which an attacker cannot steer towards a configured key's digest. A key's id (for job ownership and
 * logs) is a prefix of its digest, never the key.
 */
export class ApiKeyRing {
  private readonly byDigest = new Map<string, Principal>();

  constructor(keys: { admin?: string; user?: string; metrics?: string }) {
    if (keys.admin !== undefined) this.add(keys.admin, ADMIN_SCOPES);
    if (keys.user !== undefined) this.add(keys.user, USER_SCOPES);
    if (keys.metrics !== undefined) this.add(keys.metrics, METRICS_SCOPES);
  }

  /** The principal of `key`, or undefined when it is not a configured key. */
  authenticate(key: string): Principal | undefined {
    return this.byDigest.get(sha256(key));
  }

  private add(key: string, scopes: readonly Scope[]): void {
    const digest = sha256(key);
    this.byDigest.set(digest, { id: `key_${digest.slice(0, 16)}`, isAdmin: scopes.includes('admin'), scopes: new Set(scopes) });
  }
}

/** The hex SHA-256 digest of `value` (a string digest: a Buffer per request would cost more than the hash). */
function sha256(value: string): string {
  return hash('sha256', value);
}
