import { Injectable } from '@nestjs/common';
import { KeyNotFoundError } from '@forgesyte/errors';
import { type ApiKeyRecord, ApiKeyService, type CreatedKey, type KeyActor, type KeyAuditEntry, type KeyPage, type KeyPatch, type NewKeyInput } from '@forgesyte/keys';
import { ApiKeyRing, type Principal } from '../auth/api-key-ring';
import { bootstrapKeyRefusal, type KeyAction } from './bootstrap-key-refusal';
import type { PageRequest } from './page-query.pipe';

/**
 * The key administration of the HTTP API over {@link ApiKeyService}. Who asks decides what it may do: an
 * admin key anything; a `keys:manage` key without `admin` only keys within its own scopes and
 * allow-lists, and not its own (the service enforces it, from the grants {@link actorOf} gives). The
 * bootstrap keys of the environment, which are not stored, are refused by id with a message saying how
 * to change them.
 */
@Injectable()
export class KeyAdministration {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly ring: ApiKeyRing,
  ) {}

  create(key: NewKeyInput, actor: Principal): Promise<CreatedKey> {
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

/** The actor of the audit, with the grants that bound what it may do to keys (none for an admin key: everything). */
function actorOf(principal: Principal): KeyActor {
  if (principal.isAdmin) return { id: principal.id, name: principal.name };
  const grants = { scopes: [...principal.scopes], plugins: listOrNull(principal.plugins), tools: listOrNull(principal.tools) };
  return { id: principal.id, name: principal.name, grants };
}

function listOrNull(set: ReadonlySet<string> | null): string[] | null {
  return set === null ? null : [...set];
}
