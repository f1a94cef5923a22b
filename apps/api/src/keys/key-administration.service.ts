import { Injectable } from '@nestjs/common';
import { ForbiddenError, KeyNotFoundError } from '@forgesyte/errors';
import { type ApiKeyRecord, ApiKeyService, type CreatedKey, type KeyActor, type KeyAuditEntry, type KeyPage, type KeyPatch, type NewKeyInput } from '@forgesyte/keys';
import { ApiKeyRing, type Principal } from '../auth/api-key-ring';
import type { Scope } from '../auth/scope';
import { bootstrapKeyRefusal, type KeyAction } from './bootstrap-key-refusal';
import type { PageRequest } from './page-query.pipe';

/**
 * The key administration of the HTTP API over {@link ApiKeyService}, with the rules that depend on who
 * asks: a key cannot grant a scope it does not have (a `keys:manage` key without `admin` cannot mint an
 * admin key), and the bootstrap keys of the environment, which are not stored, are refused by id with a
 * message saying how to change them.
 */
@Injectable()
export class KeyAdministration {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly ring: ApiKeyRing,
  ) {}

  create(key: NewKeyInput, actor: Principal): Promise<CreatedKey> {
    assertMayGrant(actor, key.scopes);
    return this.keys.create(key, actorOf(actor));
  }

  list(page: PageRequest): Promise<KeyPage<ApiKeyRecord>> {
    return this.keys.list(page);
  }

  async get(id: string): Promise<ApiKeyRecord> {
    this.refuseBootstrap(id, 'read');
    const record = await this.keys.get(id);
    if (record === undefined) throw new KeyNotFoundError(id);
    return record;
  }

  update(id: string, changes: KeyPatch, actor: Principal): Promise<ApiKeyRecord> {
    this.refuseBootstrap(id, 'change');
    if (changes.scopes !== undefined) assertMayGrant(actor, changes.scopes);
    return this.keys.update(id, changes, actorOf(actor));
  }

  revoke(id: string, actor: Principal): Promise<ApiKeyRecord> {
    this.refuseBootstrap(id, 'revoke');
    return this.keys.revoke(id, actorOf(actor));
  }

  rotate(id: string, actor: Principal): Promise<CreatedKey> {
    this.refuseBootstrap(id, 'rotate');
    return this.keys.rotate(id, actorOf(actor));
  }

  audit(page: PageRequest): Promise<KeyPage<KeyAuditEntry>> {
    return this.keys.audit(page);
  }

  private refuseBootstrap(id: string, action: KeyAction): void {
    const variable = this.ring.bootstrapVariable(id);
    if (variable !== undefined) throw bootstrapKeyRefusal(id, variable, action);
  }
}

/** Refuses a scope `actor` does not have itself. */
function assertMayGrant(actor: Principal, scopes: readonly Scope[]): void {
  const missing = scopes.find((scope) => !actor.scopes.has(scope));
  if (missing !== undefined) throw new ForbiddenError(missing);
}

function actorOf(principal: Principal): KeyActor {
  return { id: principal.id, name: principal.name };
}
