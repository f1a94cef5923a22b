import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { GrantForbiddenError, KeyConflictError, KeyNotFoundError } from '@forgesyte/errors';
import type { ApiKeyRecord, CreatedKey, KeyActor, KeyAuditEntry, KeyPage, KeyPatch, NewKeyInput } from './api-key-record';
import { digestSecret, formatKey, isKeyId, newKeyId, newSecret } from './format/presented-key';
import { KEYS_DEFAULTS, type KeyServiceOptions } from './keys.options';
import type { KeyScope } from './key-scope';
import { KeyView, type KeyViewTimings } from './key-view';
import { allowListsOf, type KeyAllowLists } from './rules/key-allows';
import { type KeyCallRefusal, keyCallRefusal } from './rules/key-call-refusal';
import { changedFields, createdFields } from './rules/key-changes';
import { assertMayGrant, assertMayManage } from './rules/key-grants';
import { KeyRules } from './rules/key-rules';
import { keyInputInvalid, type KeyViolation, pageInvalid } from './rules/key-violations';
import type { KeyStore, KeyWrite, StoredKey } from './store/key-store';

/** How many times a change that lost a race with other writers of the same key is tried, in all. */
const SAVE_ATTEMPTS = 16;
/** The longest wait before trying a lost change again, in ms: a random wait up to 4 ms per attempt so far, at most this. */
const MAX_RETRY_WAIT_MS = 50;
/** The largest page of a listing. */
const MAX_PAGE = 1_000;

/**
 * The stored API keys of every process: authentication in memory ({@link authenticate}), and their
 * management (create, change, rotate, revoke, list, audit) in the store, each change audited. One per
 * process, made by {@link ApiKeyService.start}; it owns its store and closes it at shutdown.
 */
@Injectable()
export class ApiKeyService implements OnApplicationShutdown {
  private readonly rotationGraceMs: number;
  /** The allow-lists of each record as sets, made once per record version for {@link callRefusal}. */
  private readonly allowLists = new WeakMap<ApiKeyRecord, KeyAllowLists>();

  private constructor(
    private readonly store: KeyStore,
    private readonly view: KeyView,
    options: KeyServiceOptions,
  ) {
    this.rotationGraceMs = (options.rotationGraceSeconds ?? KEYS_DEFAULTS.rotationGraceSeconds) * 1000;
  }

  /** Loads every key of `store` into memory and keeps them fresh until {@link close}. */
  static async start(store: KeyStore, options: KeyServiceOptions = {}): Promise<ApiKeyService> {
    const view = new KeyView(store, timingsOf(options));
    try {
      await view.start();
    } catch (error) {
      await view.stop().catch(() => undefined);
      await store.close();
      throw error;
    }
    return new ApiKeyService(store, view, options);
  }

  /**
   * A service that manages the keys of `store` without authenticating (the operator's CLI): it loads
   * no keys, neither watches nor polls the store, and writes nothing in the background. Its
   * {@link authenticate} knows only the keys it changes itself.
   */
  static manage(store: KeyStore, options: KeyServiceOptions = {}): ApiKeyService {
    const view = new KeyView(store, timingsOf(options));
    return new ApiKeyService(store, view, options);
  }

  /**
   * Sync, O(1), in memory: the record of a presented `fsk_` key whose secret matches (constant-time
   * comparison of SHA-256 digests; an unknown id costs what a wrong secret does), unexpired and
   * unrevoked; a rotated key's old secret matches during the rotation grace. Else undefined. A refused
   * use of a revoked or expired key (right secret) is audited, at most once a minute per key and process.
   */
  authenticate(presented: string): ApiKeyRecord | undefined {
    return this.view.authenticate(presented);
  }

  /**
   * Sync, in memory, one map lookup: why the stored key `id` may not make, now, a call of `tool` of
   * `plugin` that needs `scope` (revoked, expired, scope or allow-lists changed), as this process last
   * saw the key (another process's change within a second); undefined when it may, and for an id this
   * process knows no stored key of (a bootstrap key's `key_…` id). For work accepted earlier, such as a
   * queued job about to start: the request itself was checked when it was made.
   */
  callRefusal(id: string, scope: KeyScope, plugin: string, tool?: string): KeyCallRefusal | undefined {
    const entry = this.view.entryOf(id);
    if (entry === undefined) return undefined;
    let lists = this.allowLists.get(entry.record);
    if (lists === undefined) this.allowLists.set(entry.record, (lists = allowListsOf(entry.record)));
    return keyCallRefusal(entry, lists, scope, plugin, tool, Date.now());
  }

  /** Creates a key; its secret is in the result only. `REQUEST_INVALID` listing every bad field. */
  async create(input: NewKeyInput, actor: KeyActor): Promise<CreatedKey> {
    const now = Date.now();
    const rules = new KeyRules(now);
    const name = rules.name(input.name);
    const scopes = rules.scopes(input.scopes);
    const plugins = rules.plugins(input.plugins);
    const tools = rules.tools(input.tools, plugins);
    const limits = rules.limits(input.limits);
    const expiresAt = rules.expiresAt(input.expiresAt);
    throwIfAny(rules.violations);
    assertMayGrant(actor.grants, { scopes, plugins, tools });
    const secret = newSecret();
    for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt += 1) {
      const record: ApiKeyRecord = { id: newKeyId(), name, scopes, plugins, tools, limits, createdAt: iso(now), lastUsedAt: null, expiresAt, revokedAt: null };
      const saved = await this.save({ record, digest: digestSecret(secret), previousDigest: null, previousUntil: null }, null, actor, 'created', createdFields(record));
      if (saved !== undefined) return { record: saved.record, key: formatKey(record.id, secret) };
    }
    // Never seen: 80 random bits collided every time.
    throw new KeyConflictError('(new key)', SAVE_ATTEMPTS);
  }

  /** The key with this id, or undefined (an id of the wrong shape names no key). */
  async get(id: string): Promise<ApiKeyRecord | undefined> {
    if (!isKeyId(id)) return undefined;
    const key = await this.store.get(id);
    return key === undefined ? undefined : this.view.withPendingUse(key.record);
  }

  /** A page of keys by id; `cursor` is the previous page's `nextCursor`. Revoked keys included. */
  async list(page: { limit: number; cursor?: string }): Promise<KeyPage<ApiKeyRecord>> {
    checkPage(page.limit, page.cursor, isKeyId);
    const keys = await this.store.list(page.limit + 1, page.cursor);
    const items = keys.slice(0, page.limit).map((key) => this.view.withPendingUse(key.record));
    return { items, nextCursor: keys.length > page.limit ? items[items.length - 1].id : null };
  }

  /**
   * Changes a key's name, scopes, allow-lists, limits or expiry. `KEY_NOT_FOUND`; `REQUEST_INVALID` for
   * bad fields or a revoked key; `FORBIDDEN` when an actor with grants changes its own key, a key beyond
   * its grants, or would make it so; `KEY_CONFLICT` when other writers keep changing the key meanwhile.
   */
  async update(id: string, patch: KeyPatch, actor: KeyActor): Promise<ApiKeyRecord> {
    if (actor.grants !== undefined && actor.id === id) throw new GrantForbiddenError('change its own key', { key_id: id });
    return this.change(id, 'updated', actor, (current, now) => {
      refuseRevoked(current, 'changed');
      const rules = new KeyRules(now);
      const was = current.record;
      const plugins = patch.plugins === undefined ? was.plugins : rules.plugins(patch.plugins);
      const record: ApiKeyRecord = {
        ...was,
        name: patch.name === undefined ? was.name : rules.name(patch.name),
        scopes: patch.scopes === undefined ? was.scopes : rules.scopes(patch.scopes),
        plugins,
        tools: patch.tools === undefined && patch.plugins === undefined ? was.tools : rules.tools(patch.tools === undefined ? was.tools : patch.tools, plugins),
        limits: patch.limits === undefined ? was.limits : rules.limits(patch.limits),
        expiresAt: patch.expiresAt === undefined ? was.expiresAt : rules.expiresAt(patch.expiresAt),
      };
      throwIfAny(rules.violations);
      assertMayGrant(actor.grants, record);
      const changes = changedFields(was, record);
      return changes === undefined ? undefined : { write: { ...current, record }, changes };
    }).then((result) => result.record);
  }

  /** Revokes a key: refused everywhere within a second. Revoking a revoked key changes nothing. `KEY_NOT_FOUND`; `FORBIDDEN` for a key beyond the actor's grants. */
  async revoke(id: string, actor: KeyActor): Promise<ApiKeyRecord> {
    const result = await this.change(id, 'revoked', actor, (current, now) =>
      current.record.revokedAt !== null ? undefined : { write: { ...current, record: { ...current.record, revokedAt: iso(now) } }, changes: {} },
    );
    return result.record;
  }

  /**
   * A new secret for a key; the old one keeps working for the rotation grace
   * (`FORGESYTE_KEY_ROTATION_GRACE_SECONDS`, 24 h by default). Only the secret just replaced gets a
   * grace: rotating again ends the grace of the one before. `KEY_NOT_FOUND`; `REQUEST_INVALID` for a
   * revoked key; `FORBIDDEN` for a key beyond the actor's grants.
   */
  async rotate(id: string, actor: KeyActor): Promise<CreatedKey> {
    const secret = newSecret();
    const result = await this.change(id, 'rotated', actor, (current, now) => {
      refuseRevoked(current, 'rotated');
      const graceEnds = now + this.rotationGraceMs;
      const write: KeyWrite = { ...current, digest: digestSecret(secret), previousDigest: this.rotationGraceMs > 0 ? current.digest : null, previousUntil: this.rotationGraceMs > 0 ? graceEnds : null };
      return { write, changes: { previous_secret_valid_until: iso(graceEnds) } };
    });
    return { record: result.record, key: formatKey(id, secret) };
  }

  /** A page of the key audit, newest first; `cursor` is the previous page's `nextCursor`. */
  async audit(page: { limit: number; cursor?: string }): Promise<KeyPage<KeyAuditEntry>> {
    checkPage(page.limit, page.cursor, (cursor) => /^[1-9]\d{0,15}$/.test(cursor));
    const entries = await this.store.audit(page.limit + 1, page.cursor === undefined ? undefined : Number(page.cursor));
    const items = entries.slice(0, page.limit);
    return { items: items.map(({ entry }) => entry), nextCursor: entries.length > page.limit ? String(items[items.length - 1].seq) : null };
  }

  /** Stops watching the store, writes the last uses and closes the store. */
  async close(): Promise<void> {
    await this.view.stop();
    await this.store.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /**
   * Reads the key, checks the actor may act on it, computes its change (undefined: nothing to change),
   * and saves it if nobody changed the key meanwhile; else waits a random few ms and reads it again, up
   * to {@link SAVE_ATTEMPTS} times, then gives up with `KEY_CONFLICT` (retryable).
   */
  private async change(
    id: string,
    action: 'updated' | 'revoked' | 'rotated',
    actor: KeyActor,
    compute: (current: StoredKey, now: number) => { write: KeyWrite; changes: Record<string, unknown> } | undefined,
  ): Promise<StoredKey> {
    if (!isKeyId(id)) throw new KeyNotFoundError(undefined);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.store.get(id);
      if (current === undefined) throw new KeyNotFoundError(id);
      assertMayManage(actor.grants, current.record, ACTION_VERBS[action]);
      const change = compute(current, Date.now());
      if (change === undefined) return current;
      const saved = await this.save(change.write, current.revision, actor, action, change.changes);
      if (saved !== undefined) return saved;
      if (attempt === SAVE_ATTEMPTS) throw new KeyConflictError(id, SAVE_ATTEMPTS);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(4 * attempt, MAX_RETRY_WAIT_MS)));
    }
  }

  private async save(write: KeyWrite, expected: number | null, actor: KeyActor, action: KeyAuditEntry['action'], changes: Record<string, unknown>): Promise<StoredKey | undefined> {
    const audit: KeyAuditEntry = { at: iso(Date.now()), actor: actorName(actor), action, keyId: write.record.id, changes };
    const saved = await this.store.save(write, expected, audit);
    if (saved !== undefined) this.view.apply(saved);
    return saved;
  }
}

/** How a refusal names each change. */
const ACTION_VERBS = { updated: 'change', revoked: 'revoke', rotated: 'rotate' } as const;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function actorName(actor: KeyActor): string {
  return actor.name === undefined ? actor.id : `${actor.id} (${actor.name})`;
}

function throwIfAny(violations: readonly KeyViolation[]): void {
  if (violations.length > 0) throw keyInputInvalid(violations);
}

function refuseRevoked(key: StoredKey, what: string): void {
  if (key.record.revokedAt !== null) {
    throw keyInputInvalid([{ path: '/', message: `names key ${key.record.id}, revoked at ${key.record.revokedAt}: a revoked key cannot be ${what}; create a new key instead` }]);
  }
}

function checkPage(limit: number, cursor: string | undefined, validCursor: (cursor: string) => boolean): void {
  const violations: KeyViolation[] = [];
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) violations.push({ path: '/limit', message: `must be a whole number from 1 to ${MAX_PAGE}` });
  if (cursor !== undefined && !validCursor(cursor)) violations.push({ path: '/cursor', message: "is not a cursor of this listing: pass the previous page's next_cursor" });
  if (violations.length > 0) throw pageInvalid(violations);
}

function timingsOf(options: KeyServiceOptions): KeyViewTimings {
  return {
    pollIntervalMs: options.pollIntervalMs ?? KEYS_DEFAULTS.pollIntervalMs,
    flushIntervalMs: options.flushIntervalMs ?? KEYS_DEFAULTS.flushIntervalMs,
    refusedAuditIntervalMs: options.refusedAuditIntervalMs ?? KEYS_DEFAULTS.refusedAuditIntervalMs,
  };
}
