import { hash, timingSafeEqual } from 'node:crypto';
import type { Caller } from '@forgesyte/execution';
import { ADMIN_SCOPES, type Scope, USER_SCOPES } from './scope';

/** An authenticated API key: who it is (for job ownership) and what it may do. */
export interface Principal extends Caller {
  readonly scopes: ReadonlySet<Scope>;
}

interface KeyEntry {
  readonly hash: Buffer;
  readonly principal: Principal;
}

/**
 * The configured API keys, held only as SHA-256 hashes and compared in constant time. A key's id (for
 * job ownership and logs) is a prefix of its hash, never the key.
 */
export class ApiKeyRing {
  private readonly entries: readonly KeyEntry[];

  constructor(keys: { admin?: string; user?: string }) {
    const entries: KeyEntry[] = [];
    if (keys.admin !== undefined) entries.push(entry(keys.admin, ADMIN_SCOPES));
    if (keys.user !== undefined) entries.push(entry(keys.user, USER_SCOPES));
    this.entries = entries;
  }

  /** The principal of `key`, or undefined when it is not a configured key. */
  authenticate(key: string): Principal | undefined {
    const hash = sha256(key);
    let found: Principal | undefined;
    for (const candidate of this.entries) {
      if (timingSafeEqual(hash, candidate.hash)) found = candidate.principal;
    }
    return found;
  }
}

function entry(key: string, scopes: readonly Scope[]): KeyEntry {
  const hash = sha256(key);
  return {
    hash,
    principal: { id: `key_${hash.toString('hex').slice(0, 16)}`, isAdmin: scopes.includes('admin'), scopes: new Set(scopes) },
  };
}

function sha256(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
